// Package status tells tidewatch's health now, from history: the current
// status, the readiness gate trading flows wait on, and the verdict of a
// check just run. One rule says whether history speaks for now at all
// (Current).
package status

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
	"tidewatch/supervise"
)

// Status is tidewatch's current health as history tells it: the seed's
// get_health_status, get_recent_alerts and get_stats in one.
type Status struct {
	GeneratedAt time.Time          `json:"generated_at"`
	Overall     checks.Status      `json:"overall"`
	Reason      string             `json:"reason,omitempty"`
	Jobs        []JobStatus        `json:"jobs"`
	Health      checks.Health      `json:"health"`
	Bridge      *BridgeStatus      `json:"bridge,omitempty"`
	Cluster     *Cluster           `json:"cluster,omitempty"`
	Findings    []db.StoredFinding `json:"recent_findings"`
	// NextBefore, when there are older findings than those listed, is the
	// before= (--before) that lists them.
	NextBefore int64         `json:"next_before,omitempty"`
	Stats      []db.JobStats `json:"stats"`
}

// MaxFindings is the most findings a status lists at once; older ones are
// paged to with before.
const MaxFindings = 1000

// BridgeStatus is the bridge as its latest health check saw it.
type BridgeStatus struct {
	CheckedAt time.Time           `json:"checked_at"`
	Sample    checks.BridgeSample `json:"sample"`
	LastExit  *supervise.Event    `json:"last_exit,omitempty"`
}

// JobStatus is the latest run of one job.
type JobStatus struct {
	Job     string     `json:"job"`
	LastRun *time.Time `json:"last_run_at,omitempty"`
	// Trigger is what started that run: schedule, event, manual, recheck.
	Trigger    string        `json:"trigger,omitempty"`
	Status     checks.Status `json:"status"`
	Findings   int           `json:"findings"`
	DurationMS float64       `json:"duration_ms"`
	Error      string        `json:"error,omitempty"`
	// Current is false when the run is too old to speak for now: nobody is
	// running this job.
	Current bool `json:"current"`
}

// Current tells whether a run that started at last, of a job run every
// interval, still speaks for now: it is at most three intervals old, with
// 10 s of slack for a run under way. An older one says nobody is running
// the job. /healthz, status, /readyz and wait all judge by this rule.
func Current(last, now time.Time, interval time.Duration) bool {
	return now.Sub(last) <= 3*interval+10*time.Second
}

// Read builds the status from history alone, with the n newest
// findings (at most MaxFindings) after the finding with id before, or the
// newest when before is 0.
func Read(ctx context.Context, store *db.Store, cfg *config.Config, now time.Time, minSeverity checks.Severity, n int, before int64) (*Status, error) {
	if n < 0 || n > MaxFindings {
		return nil, fmt.Errorf("%d findings asked for: at most %d at once (page with before)", n, MaxFindings)
	}
	st := &Status{GeneratedAt: now.UTC()}
	var runs []*db.Run
	var notCurrent []string
	for _, job := range cfg.Jobs() {
		name := job.Name
		run, err := store.LatestRun(ctx, name)
		if err != nil {
			return nil, err
		}
		js := JobStatus{Job: name, Status: checks.StatusUnknown}
		if run == nil {
			notCurrent = append(notCurrent, name+" has never run")
			st.Jobs = append(st.Jobs, js)
			continue
		}
		runs = append(runs, run)
		if run.Bridge != nil {
			st.Bridge = &BridgeStatus{CheckedAt: run.Started, Sample: *run.Bridge}
			if st.Bridge.LastExit, err = store.LastBridgeExit(ctx); err != nil {
				return nil, err
			}
		}
		started := run.Started
		js.LastRun, js.Trigger, js.Status, js.Findings, js.Error = &started, run.Trigger, run.Status, len(run.Findings), run.Error
		js.DurationMS = float64(run.Finished.Sub(run.Started).Microseconds()) / 1000
		js.Current = Current(run.Started, now, job.Schedule.Interval(now))
		if !js.Current {
			notCurrent = append(notCurrent, fmt.Sprintf("%s last ran %s ago", name, now.Sub(run.Started).Round(time.Second)))
		}
		st.Jobs = append(st.Jobs, js)
	}
	st.Overall, st.Health = Merge(runs, cfg.Health)
	if len(notCurrent) > 0 {
		st.Overall = checks.StatusUnknown
		st.Reason = strings.Join(notCurrent, "; ") + " (is tidewatch run going?)"
	}
	var err error
	if n > 0 {
		// One more than asked for tells whether there are older ones.
		if st.Findings, err = store.RecentFindings(ctx, minSeverity, n+1, before); err != nil {
			return nil, err
		}
	}
	if len(st.Findings) > n {
		st.Findings = st.Findings[:n]
		st.NextBefore = st.Findings[n-1].ID
	}
	if st.Stats, err = store.Stats(ctx); err != nil {
		return nil, err
	}
	if st.Cluster, err = readCluster(ctx, store, cfg); err != nil {
		return nil, err
	}
	present.FillLists(st)
	return st, nil
}

// Merge is the health across the latest run of every job: the seed's rule
// applied to all their findings together (a run that could not check
// carries a critical finding), and their health rows merged, each field
// from the job that observes it.
func Merge(runs []*db.Run, limits config.Health) (checks.Status, checks.Health) {
	var all []checks.Finding
	h := checks.Health{HazelcastConnected: len(runs) > 0}
	for _, r := range runs {
		all = append(all, r.Findings...)
		rh := r.Health
		h.HazelcastConnected = h.HazelcastConnected && rh.HazelcastConnected
		h.PersistenceConnected = first(h.PersistenceConnected, rh.PersistenceConnected)
		h.IndicatorsPresent = first(h.IndicatorsPresent, rh.IndicatorsPresent)
		h.IndicatorsExpected = first(h.IndicatorsExpected, rh.IndicatorsExpected)
		h.ACBReady = first(h.ACBReady, rh.ACBReady)
		h.MissingCount = first(h.MissingCount, rh.MissingCount)
		h.StaleCount = first(h.StaleCount, rh.StaleCount)
		h.MaxStalenessS = first(h.MaxStalenessS, rh.MaxStalenessS)
		h.RecordAgeS = first(h.RecordAgeS, rh.RecordAgeS)
		h.ScanNumber = first(h.ScanNumber, rh.ScanNumber)
		h.ScanAgeS = first(h.ScanAgeS, rh.ScanAgeS)
		h.KeyDifference = first(h.KeyDifference, rh.KeyDifference)
		h.DiskLagS = first(h.DiskLagS, rh.DiskLagS)
		if h.MissingCritical == nil {
			h.MissingCritical = rh.MissingCritical
		}
		if h.StaleIndicators == nil {
			h.StaleIndicators = rh.StaleIndicators
		}
		if h.SnapshotPath == "" {
			h.SnapshotPath = rh.SnapshotPath
		}
	}
	if len(runs) == 0 {
		return checks.StatusUnknown, h
	}
	return checks.Overall(all, limits), h
}

func first[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}
