package report

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"tidewatch/checks"
	"tidewatch/db"
)

// Summary is a period's runs per job by status, and its most frequent
// findings.
type Summary struct {
	Since  time.Time         `json:"since"`
	Until  time.Time         `json:"until"`
	Jobs   []db.JobSummary   `json:"jobs"`
	Bridge *db.BridgeSummary `json:"bridge,omitempty"`
}

// topFindings is how many kinds of finding a summary lists per job.
const topFindings = 10

// ReadSummary summarises [since, until), for one job or all when job is "".
func ReadSummary(ctx context.Context, store *db.Store, since, until time.Time, job string) (*Summary, error) {
	jobs, err := store.Summary(ctx, since, until, job, topFindings)
	if err != nil {
		return nil, err
	}
	s := &Summary{Since: since.UTC(), Until: until.UTC(), Jobs: jobs}
	if job == "" || job == "bridge" {
		if s.Bridge, err = store.BridgeSummary(ctx, since, until); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// WriteSummary prints a summary as "text" or "json".
func WriteSummary(w io.Writer, s *Summary, format string) error {
	switch format {
	case "json":
		return writeJSON(w, s)
	case "text":
	default:
		return fmt.Errorf("unknown format %q: use text or json", format)
	}
	fmt.Fprintf(w, "tidewatch report: %s to %s UTC\n\n", s.Since.Format(timeLayout), s.Until.Format(timeLayout))
	if len(s.Jobs) == 0 {
		fmt.Fprintln(w, "no runs in this period")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tRUNS\tHEALTHY\tDEGRADED\tCRITICAL\tERROR")
	for _, j := range s.Jobs {
		pct := func(st checks.Status) string {
			return fmt.Sprintf("%.1f%%", 100*float64(j.ByStatus[st])/float64(j.Runs))
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", j.Job, j.Runs, pct(checks.StatusHealthy),
			pct(checks.StatusDegraded), pct(checks.StatusCritical), pct(checks.StatusError))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "MOST FREQUENT FINDINGS")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tSEVERITY\tCATEGORY\tINDICATOR\tCOUNT\tLAST SEEN")
	for _, j := range s.Jobs {
		for _, f := range j.Top {
			ind := f.Indicator
			if ind == "" {
				ind = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", j.Job, f.Severity, f.Category, ind, f.Count, f.LastSeen.Format(timeLayout))
		}
	}
	tw.Flush()
	if b := s.Bridge; b != nil {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "BRIDGE  up at %.1f%% of %d health checks, %d restarts", b.UptimePct, b.Checks, b.Restarts)
		if b.WorstDataAgeS != nil {
			fmt.Fprintf(w, ", worst data age %s", age(seconds(*b.WorstDataAgeS)))
		}
		fmt.Fprintln(w)
		for _, r := range b.Reasons {
			fmt.Fprintf(w, "  %d× %s\n", r.Count, r.Reason)
		}
	}
	return nil
}
