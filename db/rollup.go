package db

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/supervise"
)

// HourFormat names an hour in the rollup tables.
const HourFormat = "2006-01-02 15:00:00"

func hourOf(t time.Time) string { return t.UTC().Format(HourFormat) }

// scanAgeBuckets are the upper bounds, in seconds, of the scan data age
// histogram kept per hour; ages above the last bound go to the overflow.
var scanAgeBuckets = []float64{1, 5, 15, 30, 60, 120}

var scanAgeColumns = []string{"scan_age_le_1", "scan_age_le_5", "scan_age_le_15", "scan_age_le_30", "scan_age_le_60", "scan_age_le_120", "scan_age_gt_120"}

// nullMax keeps the larger of a stored and a new value, either of which may
// be NULL (SQLite's max() of a NULL is NULL).
func nullMax(col string) string {
	return fmt.Sprintf("%[1]s = coalesce(max(%[1]s, excluded.%[1]s), %[1]s, excluded.%[1]s)", col)
}

func nullMin(col string) string {
	return fmt.Sprintf("%[1]s = coalesce(min(%[1]s, excluded.%[1]s), %[1]s, excluded.%[1]s)", col)
}

var upsertHourlyJob = func() string {
	cols := []string{"job", "hour", "runs", "healthy", "degraded", "critical", "errors", "findings", "total_ms", "max_ms",
		"hazelcast_down", "max_staleness_s", "max_record_age_s", "max_key_difference", "max_disk_lag_s",
		"min_scan_number", "max_scan_number", "max_scan_age_s"}
	cols = append(append(cols, scanAgeColumns...), "bridge_checks", "bridge_up")
	var sums []string
	for _, c := range append([]string{"runs", "healthy", "degraded", "critical", "errors", "findings", "total_ms", "hazelcast_down", "bridge_checks", "bridge_up"}, scanAgeColumns...) {
		sums = append(sums, fmt.Sprintf("%[1]s = %[1]s + excluded.%[1]s", c))
	}
	sets := append(sums, "max_ms = max(max_ms, excluded.max_ms)",
		nullMax("max_staleness_s"), nullMax("max_record_age_s"), nullMax("max_key_difference"), nullMax("max_disk_lag_s"),
		nullMin("min_scan_number"), nullMax("max_scan_number"), nullMax("max_scan_age_s"))
	return fmt.Sprintf("INSERT INTO hourly_jobs (%s) VALUES (%s) ON CONFLICT (job, hour) DO UPDATE SET %s",
		strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "), strings.Join(sets, ", "))
}()

// rollUp adds a run to the hourly rollups, in the run's transaction.
func rollUp(ctx context.Context, tx writeTx, r *Run) error {
	hour := hourOf(r.Started)
	h := r.Health
	one := func(st checks.Status) int {
		if r.Status == st {
			return 1
		}
		return 0
	}
	ms := float64(r.Finished.Sub(r.Started).Microseconds()) / 1000
	down := 0
	if !h.HazelcastConnected {
		down = 1
	}
	buckets := make([]any, len(scanAgeColumns))
	for i := range buckets {
		buckets[i] = 0
	}
	if h.ScanAgeS != nil {
		i := sort.SearchFloat64s(scanAgeBuckets, *h.ScanAgeS)
		buckets[i] = 1
	}
	checksN, up := 0, 0
	if r.Bridge != nil {
		checksN = 1
		if r.Bridge.State == supervise.Running {
			up = 1
		}
	}
	args := []any{r.Job, hour, 1, one(checks.StatusHealthy), one(checks.StatusDegraded), one(checks.StatusCritical),
		one(checks.StatusError), len(r.Findings), ms, ms, down, h.MaxStalenessS, h.RecordAgeS, h.KeyDifference,
		h.DiskLagS, h.ScanNumber, h.ScanNumber, h.ScanAgeS}
	args = append(append(args, buckets...), checksN, up)
	if _, err := tx.exec(ctx, upsertHourlyJob, args...); err != nil {
		return fmt.Errorf("hourly rollup: %w", err)
	}

	// Findings, one row per kind in one statement.
	type key struct{ severity, category, indicator, reason string }
	counts := map[key]int{}
	for _, f := range r.Findings {
		reason, _ := f.Details["reason"].(string)
		if reason == "" {
			reason = f.Category
		}
		counts[key{string(f.Severity), f.Category, f.Indicator, reason}]++
	}
	if len(counts) > 0 {
		var q strings.Builder
		args := make([]any, 0, 7*len(counts))
		q.WriteString(`INSERT INTO hourly_findings (hour, job, severity, category, indicator, reason, findings) VALUES `)
		first := true
		for k, n := range counts {
			if !first {
				q.WriteString(", ")
			}
			first = false
			q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			args = append(args, hour, r.Job, k.severity, k.category, k.indicator, k.reason, n)
		}
		q.WriteString(` ON CONFLICT (hour, job, severity, category, indicator, reason) DO UPDATE SET findings = findings + excluded.findings`)
		if _, err := tx.exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("findings rollup: %w", err)
		}
	}

	if len(r.Staleness) > 0 {
		var q strings.Builder
		args := make([]any, 0, 4*len(r.Staleness))
		q.WriteString(`INSERT INTO hourly_staleness (indicator, hour, samples, total_s, max_s) VALUES `)
		first := true
		for ind, s := range r.Staleness {
			if !first {
				q.WriteString(", ")
			}
			first = false
			q.WriteString("(?, ?, 1, ?, ?)")
			args = append(args, ind, hour, s, s)
		}
		q.WriteString(` ON CONFLICT (hour, indicator) DO UPDATE SET samples = samples + 1,
			total_s = total_s + excluded.total_s, max_s = max(max_s, excluded.max_s)`)
		if _, err := tx.exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("staleness rollup: %w", err)
		}
	}

	for _, c := range r.Changes {
		if _, err := tx.exec(ctx, `INSERT INTO health_changes (at, job, status) VALUES (?, ?, ?)`,
			formatTime(r.Started), c.Job, string(c.Status)); err != nil {
			return fmt.Errorf("health change: %w", err)
		}
	}
	return nil
}

// HealthChange says that from a run on, a job (or "overall") has a status.
type HealthChange struct {
	Job    string
	Status checks.Status
}

// Overall names the health across the latest run of every job in
// health_changes.
const Overall = "overall"

// LastStatuses are the statuses health_changes holds last, per job and
// "overall", so that a restarted tidewatch records only real changes.
func (s *Store) LastStatuses(ctx context.Context) (map[string]checks.Status, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT job, status FROM health_changes
		WHERE id IN (SELECT max(id) FROM health_changes GROUP BY job)`)
	if err != nil {
		return nil, fmt.Errorf("last statuses: %w", err)
	}
	defer rows.Close()
	out := map[string]checks.Status{}
	for rows.Next() {
		var job, st string
		if err := rows.Scan(&job, &st); err != nil {
			return nil, fmt.Errorf("last statuses: %w", err)
		}
		out[job] = checks.Status(st)
	}
	return out, rows.Err()
}

// WriteChanges records health changes outside a run, such as "unknown"
// when tidewatch stops.
func (s *Store) WriteChanges(ctx context.Context, at time.Time, changes []HealthChange) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO health_changes (at, job, status) VALUES (?, ?, ?)`,
			formatTime(at), c.Job, string(c.Status)); err != nil {
			return fmt.Errorf("health change: %w", err)
		}
	}
	return tx.Commit()
}
