package status

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
)

// Readiness says whether the data is fit to trade on, and if not, why.
type Readiness struct {
	Ready   bool      `json:"ready"`
	Reasons []string  `json:"reasons"`
	At      time.Time `json:"at"`
}

// Ready judges, from history, whether the data is fit to trade on: the
// checks are current and could check, no critical problem is open, every
// ACB-critical indicator is present, no more indicators are stale than
// allowed (none of the ACB-critical ones, by default), and the scan is
// fresh (each as [http] requires).
func Ready(ctx context.Context, store *db.Store, cfg *config.Config, now time.Time) (*Readiness, error) {
	r := &Readiness{At: now.UTC(), Reasons: []string{}}
	h := cfg.HTTP
	latest := map[string]*db.Run{}
	for _, job := range cfg.Jobs() {
		run, err := store.LatestRun(ctx, job.Name)
		if err != nil {
			return nil, err
		}
		switch {
		case run == nil:
			r.Reasons = append(r.Reasons, job.Name+" has never run")
		case run.Started.After(now.Add(cfg.Freshness.ClockSkewTolerance.Duration)):
			// Its ages were measured by a clock ahead of this one: nothing
			// it says about freshness holds now.
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s last ran at %s, ahead of this clock: the clock moved back",
				job.Name, run.Started.Format(time.RFC3339)))
		case !Current(run.Started, now, job.Schedule.Interval(now)):
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s last ran %s ago: nobody is checking", job.Name, now.Sub(run.Started).Round(time.Second)))
		case run.Status == checks.StatusError:
			// Its health row holds nothing it could vouch for.
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s could not check: %s", job.Name, run.Error))
		default:
			latest[job.Name] = run
		}
	}
	if h.ReadyNoCriticalProblems {
		open, err := store.OpenProblems(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range open {
			if p.Severity == checks.Critical {
				r.Reasons = append(r.Reasons, "critical problem open: "+p.Job+": "+p.Message)
			}
		}
	}
	if run := latest[config.JobIntegrity]; h.ReadyACBCritical && run != nil {
		switch {
		case !run.Health.HazelcastConnected:
			r.Reasons = append(r.Reasons, "Hazelcast unreachable")
		case len(run.Health.MissingCritical) > 0:
			r.Reasons = append(r.Reasons, "ACB-critical indicators missing: "+strings.Join(run.Health.MissingCritical, ", "))
		}
	}
	if run := latest[config.JobFreshness]; run != nil && run.Health.StaleCount != nil {
		var critical []string
		for _, name := range run.Health.StaleIndicators {
			if slices.Contains(cfg.Indicators.Critical, name) {
				critical = append(critical, name)
			}
		}
		if len(critical) > h.ReadyMaxStaleCritical {
			r.Reasons = append(r.Reasons, fmt.Sprintf("ACB-critical indicators stale: %s (at most %d allowed)", strings.Join(critical, ", "), h.ReadyMaxStaleCritical))
		}
		if n := *run.Health.StaleCount; n > h.ReadyMaxStale {
			r.Reasons = append(r.Reasons, fmt.Sprintf("%d indicators stale (at most %d allowed)", n, h.ReadyMaxStale))
		}
	}
	// A scan is required while a bridge feeds it, and judged whenever one
	// is there: the freshness check, and so status, judges it then.
	if run := latest[config.JobFreshness]; h.ReadyScanFresh && run != nil && (cfg.Bridge.Enabled || run.Health.ScanNumber != nil) {
		// The age now: as measured, plus the time since.
		if a := run.Health.ScanAgeS; a == nil {
			r.Reasons = append(r.Reasons, "no fresh scan in Hazelcast")
		} else if age := present.Seconds(*a) + now.Sub(run.Started); age > cfg.Freshness.ScanCriticalAfter.Duration {
			r.Reasons = append(r.Reasons, fmt.Sprintf("the scan is %s old", age.Round(time.Second)))
		}
	}
	r.Ready = len(r.Reasons) == 0
	return r, nil
}
