package status

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/internal/present"
)

// WriteStatus prints the status as text, or as JSON.
func WriteStatus(w io.Writer, st *Status, asJSON bool) error {
	if asJSON {
		return present.JSON(w, st)
	}
	st = present.Copy(st)
	fmt.Fprintf(w, "tidewatch: %s   (%s UTC)\n", strings.ToUpper(string(st.Overall)), st.GeneratedAt.Format(present.TimeLayout))
	if st.Reason != "" {
		fmt.Fprintf(w, "  %s\n", st.Reason)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tLAST RUN\tAGE\tBY\tSTATUS\tFINDINGS\tDURATION")
	for _, j := range st.Jobs {
		if j.LastRun == nil {
			fmt.Fprintf(tw, "%s\tnever\t-\t-\t%s\t-\t-\n", j.Job, j.Status)
			continue
		}
		by := j.Trigger
		if by == "" {
			by = db.TriggerSchedule
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%.1fms\n", j.Job, j.LastRun.Format(present.TimeLayout),
			present.Age(st.GeneratedAt.Sub(*j.LastRun)), by, j.Status, j.Findings, j.DurationMS)
	}
	tw.Flush()
	fmt.Fprintln(w)
	writeHealth(w, st.Health)
	if st.Bridge != nil {
		writeBridge(w, st.Bridge)
	}
	if st.Cluster != nil {
		writeCluster(w, st.Cluster, st.GeneratedAt)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "RECENT FINDINGS (%d, newest first)\n", len(st.Findings))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	items := make([]item, len(st.Findings))
	for i, f := range st.Findings {
		items[i] = item{Job: f.Job, At: f.ObservedAt, Finding: f.Finding}
	}
	for _, l := range fold(items) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.At.Format(present.TimeLayout), l.Finding.Severity, l.Job, l.Finding.Category, l.Finding.Message)
		if l.Folded != "" {
			fmt.Fprintf(tw, "\t\t\t\t%s\n", l.Folded)
		}
	}
	tw.Flush()
	if st.NextBefore != 0 {
		fmt.Fprintf(w, "  (older ones: --before %d)\n", st.NextBefore)
	}
	if len(st.Stats) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "RUNS SINCE THE DATABASE WAS CREATED")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "JOB\tRUNS\tHEALTHY\tDEGRADED\tCRITICAL\tERRORS\tFINDINGS\tFIRST RUN")
		for _, s := range st.Stats {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", s.Job, s.Runs, s.Healthy, s.Degraded, s.Critical,
				s.Errors, s.Findings, s.FirstRun.Format(present.TimeLayout))
		}
		tw.Flush()
	}
	return nil
}

func writeHealth(w io.Writer, h checks.Health) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "hazelcast connected\t%s\n", yesNo(h.HazelcastConnected))
	if h.IndicatorsPresent != nil && h.IndicatorsExpected != nil {
		line := fmt.Sprintf("%d/%d present", *h.IndicatorsPresent, *h.IndicatorsExpected)
		if h.ACBReady != nil {
			line += ", ACB ready: " + yesNo(*h.ACBReady)
		}
		if len(h.MissingCritical) > 0 {
			line += " (critical missing: " + strings.Join(h.MissingCritical, ", ") + ")"
		}
		fmt.Fprintf(tw, "indicators\t%s\n", line)
	}
	if h.StaleCount != nil {
		line := fmt.Sprintf("%d", *h.StaleCount)
		if len(h.StaleIndicators) > 0 {
			line += " (" + strings.Join(h.StaleIndicators, ", ") + ")"
		}
		if h.MaxStalenessS != nil {
			line += fmt.Sprintf(", oldest %s", present.Age(present.Seconds(*h.MaxStalenessS)))
		}
		fmt.Fprintf(tw, "stale indicators\t%s\n", line)
	}
	if h.RecordAgeS != nil {
		fmt.Fprintf(tw, "exf_latest age\t%s\n", present.Age(present.Seconds(*h.RecordAgeS)))
	}
	if h.ScanNumber != nil {
		line := fmt.Sprintf("#%d", *h.ScanNumber)
		if h.ScanAgeS != nil {
			line += ", " + present.Age(present.Seconds(*h.ScanAgeS)) + " old"
		}
		fmt.Fprintf(tw, "scan\t%s\n", line)
	}
	if h.PersistenceConnected != nil {
		line := yesNo(*h.PersistenceConnected)
		if h.SnapshotPath != "" {
			line += ", newest " + h.SnapshotPath
		}
		if h.DiskLagS != nil {
			if lag := present.Seconds(*h.DiskLagS); lag < 0 {
				line += fmt.Sprintf(", ahead by %s", present.Age(-lag))
			} else {
				line += fmt.Sprintf(", trails by %s", present.Age(lag))
			}
		}
		if h.KeyDifference != nil {
			line += fmt.Sprintf(", %s apart", plural(*h.KeyDifference, "key"))
		}
		fmt.Fprintf(tw, "persistence\t%s\n", line)
	}
	tw.Flush()
}

func writeBridge(w io.Writer, b *BridgeStatus) {
	s := b.Sample
	line := string(s.State)
	if s.PID > 0 {
		line += fmt.Sprintf(", pid %d", s.PID)
	}
	if s.UptimeS != nil {
		line += ", up " + present.Age(present.Seconds(*s.UptimeS))
	}
	line += fmt.Sprintf(", %d restarts", s.Restarts)
	if s.ScanNumber != nil {
		line += fmt.Sprintf(", scan #%d", *s.ScanNumber)
		if s.DataAgeS != nil {
			line += " " + present.Age(present.Seconds(*s.DataAgeS)) + " old"
		}
	}
	if s.ScansPerMinute != nil {
		line += fmt.Sprintf(", %.1f scans/min", *s.ScansPerMinute)
	}
	fmt.Fprintf(w, "bridge               %s (checked %s)\n", line, b.CheckedAt.Format(present.TimeLayout))
	if e := b.LastExit; e != nil {
		fmt.Fprintf(w, "bridge last exit     %s: %s\n", e.At.Format(present.TimeLayout), e.Reason)
	}
	if n := len(s.Lines); n > 0 {
		fmt.Fprintln(w, "bridge output (last lines):")
		for _, l := range s.Lines[max(0, n-5):] {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

// WriteCheck prints a check's verdict as text, or as JSON.
func WriteCheck(w io.Writer, c *Check, asJSON bool) error {
	if asJSON {
		return present.JSON(w, c)
	}
	c = present.Copy(c)
	fmt.Fprintf(w, "tidewatch check: %s\n\n", strings.ToUpper(string(c.Overall)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range c.Runs {
		fmt.Fprintf(tw, "%s\t%s\t%d findings\t%.1fms\n", r.Job, r.Status, len(r.Findings), r.DurationMS)
	}
	tw.Flush()
	fmt.Fprintln(w)
	writeHealth(w, c.Health)
	var items []item
	for _, r := range c.Runs {
		for _, f := range r.Findings {
			items = append(items, item{Job: r.Job, At: r.StartedAt, Finding: f})
		}
	}
	if len(items) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "FINDINGS")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range fold(items) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Finding.Severity, l.Job, l.Finding.Category, l.Finding.Message)
		if l.Folded != "" {
			fmt.Fprintf(tw, "\t\t\t%s\n", l.Folded)
		}
	}
	tw.Flush()
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
