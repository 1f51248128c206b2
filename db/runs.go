package db

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"tidewatch/checks"
)

// Triggers: what started a run.
const (
	TriggerSchedule = "schedule"
	TriggerEvent    = "event"
	TriggerManual   = "manual"
	// TriggerRecheck is the gate's fresh look at a record before it
	// reopens.
	TriggerRecheck = "recheck"
)

// Run is one run of one job, as recorded.
type Run struct {
	ID  int64
	Job string
	// Trigger is what started it; empty is TriggerSchedule.
	Trigger  string
	Started  time.Time
	Finished time.Time
	Status   checks.Status
	Error    string
	Findings []checks.Finding
	Health   checks.Health
	// Bridge is the bridge job's sample; nil for the other jobs.
	Bridge *checks.BridgeSample
	// Staleness is each judged indicator's effective staleness, in
	// seconds (freshness runs), for the hourly rollup.
	Staleness map[string]float64
	// Values are the expected indicators' usable values (integrity runs),
	// for the live status page; they are not stored.
	Values map[string]float64
	// Changes are the health changes this run makes, of its job and of
	// the overall health.
	Changes []HealthChange
	// Problems are the problems this run changed, and Notices the
	// notifications it queues about them.
	Problems []Problem
	Notices  []Notice
	// Overall is the health verdict; Status differs from it only for a run
	// that could not run at all (error, which counts as critical).
	Overall checks.Status
	// Observations are records this run saw change, kept so that a
	// restarted tidewatch still knows how long they have not.
	Observations []Observation
	// Judged is the exf_latest record the run judged, if it read one; not
	// recorded (the gate's verdict names it).
	Judged *Judged
}

// Judged is what a run's verdict says of the exf_latest it judged.
type Judged struct {
	// PushedAt is its _pushed_at; zero when it carried none that reads.
	PushedAt time.Time
	// Received is when a change event brought it; zero when it was read.
	Received time.Time
}

// WriteRun records a run, its findings and its health in one transaction.
func (s *Store) WriteRun(ctx context.Context, r *Run) (int64, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("record %s run: %w", r.Job, err)
	}
	defer tx.Rollback()
	id, err := writeRun(ctx, tx, r)
	if err != nil {
		return 0, fmt.Errorf("record %s run: %w", r.Job, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("record %s run: %w", r.Job, err)
	}
	r.ID = id
	return id, nil
}

// WriteRuns records many runs in one transaction, for loading history in
// bulk (a generated history, for benchmarks).
func (s *Store) WriteRuns(ctx context.Context, runs []*Run) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("record runs: %w", err)
	}
	defer tx.Rollback()
	for _, r := range runs {
		if r.ID, err = writeRun(ctx, tx, r); err != nil {
			return fmt.Errorf("record %s run: %w", r.Job, err)
		}
	}
	return tx.Commit()
}

func writeRun(ctx context.Context, tx writeTx, r *Run) (int64, error) {
	started := formatTime(r.Started)
	res, err := tx.exec(ctx,
		insertRun,
		r.Job, started, formatTime(r.Finished), float64(r.Finished.Sub(r.Started).Microseconds())/1000,
		string(r.Status), nullString(r.Error), r.trigger())
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, f := range r.Findings {
		if _, err := tx.exec(ctx, insertFinding, id, r.Job, started, string(f.Severity), f.Category,
			nullString(f.Indicator), f.Message, jsonText(f.Details), jsonText(f.Thresholds)); err != nil {
			return 0, err
		}
	}
	h := r.Health
	alerts := 0
	for _, f := range r.Findings {
		if f.Severity != checks.Info {
			alerts++
		}
	}
	if _, err := tx.exec(ctx, insertHealth,
		id, string(r.Overall), h.HazelcastConnected, h.PersistenceConnected, h.IndicatorsPresent,
		h.IndicatorsExpected, h.ACBReady, h.MissingCount, jsonList(h.MissingCritical), h.StaleCount,
		jsonList(h.StaleIndicators), h.MaxStalenessS, h.RecordAgeS, h.ScanNumber, h.ScanAgeS,
		h.KeyDifference, h.DiskLagS, nullString(h.SnapshotPath), alerts); err != nil {
		return 0, err
	}
	if r.Bridge != nil {
		if err := writeBridgeSample(ctx, tx, id, started, r.Bridge); err != nil {
			return 0, err
		}
	}
	if err := rollUp(ctx, tx, r); err != nil {
		return 0, err
	}
	r.ID = id
	if err := writeProblems(ctx, tx, r); err != nil {
		return 0, err
	}
	for _, o := range r.Observations {
		if _, err := tx.exec(ctx, upsertObservation, o.Map, o.Key, o.Hash, formatTime(o.Since)); err != nil {
			return 0, err
		}
	}
	count := func(st checks.Status) int {
		if r.Status == st {
			return 1
		}
		return 0
	}
	_, err = tx.exec(ctx, upsertJobStats,
		r.Job, count(checks.StatusHealthy), count(checks.StatusDegraded), count(checks.StatusCritical),
		count(checks.StatusError), len(r.Findings), started, started, r.events())
	return id, err
}

func (r *Run) trigger() string {
	if r.Trigger == "" {
		return TriggerSchedule
	}
	return r.Trigger
}

// events is 1 for a run a change event started, for the counts.
func (r *Run) events() int {
	if r.Trigger == TriggerEvent {
		return 1
	}
	return 0
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func jsonList(v []string) any {
	if v == nil {
		return nil
	}
	return jsonText(v)
}

// jsonText encodes details for a TEXT column. JSON has no NaN or Infinity;
// such values are written as the strings "NaN", "Infinity", "-Infinity".
func jsonText(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
	}
	b, err := json.Marshal(finite(v))
	if err != nil {
		// Details are for people; an unencodable one must not lose the run.
		b, _ = json.Marshal(map[string]string{"unencodable": fmt.Sprint(v)})
	}
	return string(b)
}

func finite(v any) any {
	switch x := v.(type) {
	case float64:
		switch {
		case math.IsNaN(x):
			return "NaN"
		case math.IsInf(x, 1):
			return "Infinity"
		case math.IsInf(x, -1):
			return "-Infinity"
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = finite(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = finite(e)
		}
		return out
	}
	return v
}

const (
	insertRun     = `INSERT INTO runs (job, started_at, finished_at, duration_ms, status, error, trigger) VALUES (?, ?, ?, ?, ?, ?, ?)`
	insertFinding = `INSERT INTO findings
			(run_id, job, observed_at, severity, category, indicator, message, details, thresholds)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertHealth = `INSERT INTO health (run_id, overall, hazelcast_connected,
		persistence_connected, indicators_present, indicators_expected, acb_ready, missing_count,
		missing_critical, stale_count, stale_indicators, max_staleness_s, record_age_s, scan_number,
		scan_age_s, key_difference, disk_lag_s, snapshot_path, alerts_active)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	upsertJobStats = `INSERT INTO job_stats
		(job, runs, healthy, degraded, critical, errors, findings, first_run_at, last_run_at, event_runs)
		VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (job) DO UPDATE SET
			runs = runs + 1, healthy = healthy + excluded.healthy, degraded = degraded + excluded.degraded,
			critical = critical + excluded.critical, errors = errors + excluded.errors,
			findings = findings + excluded.findings, last_run_at = excluded.last_run_at,
			event_runs = event_runs + excluded.event_runs`
)
