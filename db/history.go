package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"tidewatch/checks"
)

// What reports read: health changes and hourly rollups, never raw rows
// over long ranges; raw scan samples only over short ones.

// Change is a health change: from At on, the status.
type Change struct {
	At     time.Time
	Status checks.Status
}

// Changes returns a job's (or Overall's) status at since, unknown when
// nothing is recorded before it, and its changes in (since, until).
func (s *Store) Changes(ctx context.Context, job string, since, until time.Time) (checks.Status, []Change, error) {
	initial := checks.StatusUnknown
	var st string
	err := s.r.QueryRowContext(ctx, `SELECT status FROM health_changes WHERE job = ? AND at <= ?
		ORDER BY at DESC, id DESC LIMIT 1`, job, formatTime(since)).Scan(&st)
	switch {
	case err == nil:
		initial = checks.Status(st)
	case !errors.Is(err, sql.ErrNoRows):
		return "", nil, fmt.Errorf("health changes: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT at, status FROM health_changes WHERE job = ? AND at > ? AND at < ?
		ORDER BY at, id`, job, formatTime(since), formatTime(until))
	if err != nil {
		return "", nil, fmt.Errorf("health changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var at string
		var c Change
		if err := rows.Scan(&at, &c.Status); err != nil {
			return "", nil, fmt.Errorf("health changes: %w", err)
		}
		if c.At, err = parseTime(at); err != nil {
			return "", nil, err
		}
		out = append(out, c)
	}
	return initial, out, rows.Err()
}

// Hour is one job's hourly rollup.
type Hour struct {
	Job                                                 string
	Hour                                                time.Time
	Runs, Healthy, Degraded, Critical, Errors, Findings int64
	TotalMS, MaxMS                                      float64
	HazelcastDown                                       int64
	MaxStalenessS, MaxRecordAgeS, MaxDiskLagS           *float64
	MaxKeyDifference, MinScan, MaxScan                  *int64
	MaxScanAgeS                                         *float64
	// ScanAge counts scan ages into ScanAgeBounds (seconds); the last
	// count is above the last bound.
	ScanAge                [7]int64
	BridgeChecks, BridgeUp int64
}

// ScanAgeBounds are the upper bounds of Hour.ScanAge's buckets.
var ScanAgeBounds = scanAgeBuckets

// Hours returns the hourly rollups of [since, until), of one job or of all
// when job is "", oldest first.
func (s *Store) Hours(ctx context.Context, job string, since, until time.Time) ([]Hour, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT job, hour, runs, healthy, degraded, critical, errors, findings,
		total_ms, max_ms, hazelcast_down, max_staleness_s, max_record_age_s, max_disk_lag_s, max_key_difference,
		min_scan_number, max_scan_number, max_scan_age_s, scan_age_le_1, scan_age_le_5, scan_age_le_15,
		scan_age_le_30, scan_age_le_60, scan_age_le_120, scan_age_gt_120, bridge_checks, bridge_up
		FROM hourly_jobs WHERE hour >= ? AND hour < ? AND (? = '' OR job = ?) ORDER BY hour, job`,
		hourOf(since), formatTime(until), job, job)
	if err != nil {
		return nil, fmt.Errorf("hourly rollups: %w", err)
	}
	defer rows.Close()
	var out []Hour
	for rows.Next() {
		var h Hour
		var hour string
		a := &h.ScanAge
		if err := rows.Scan(&h.Job, &hour, &h.Runs, &h.Healthy, &h.Degraded, &h.Critical, &h.Errors, &h.Findings,
			&h.TotalMS, &h.MaxMS, &h.HazelcastDown, &h.MaxStalenessS, &h.MaxRecordAgeS, &h.MaxDiskLagS, &h.MaxKeyDifference,
			&h.MinScan, &h.MaxScan, &h.MaxScanAgeS, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6],
			&h.BridgeChecks, &h.BridgeUp); err != nil {
			return nil, fmt.Errorf("hourly rollups: %w", err)
		}
		if h.Hour, err = time.ParseInLocation(HourFormat, hour, time.UTC); err != nil {
			return nil, fmt.Errorf("stored hour %q: %w", hour, err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// FindingKind is how often one kind of finding came up.
type FindingKind struct {
	Job       string          `json:"job"`
	Severity  checks.Severity `json:"severity"`
	Category  string          `json:"category"`
	Indicator string          `json:"indicator,omitempty"`
	Reason    string          `json:"reason"`
	Count     int64           `json:"count"`
	// Hours is how many hours it came up in.
	Hours int64 `json:"hours"`
}

// FindingKinds counts the findings of [since, until) by kind, most
// frequent first, for one job or all when job is "": at most limit kinds.
func (s *Store) FindingKinds(ctx context.Context, since, until time.Time, job string, limit int) ([]FindingKind, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT job, severity, category, indicator, reason, sum(findings), count(*)
		FROM hourly_findings WHERE hour >= ? AND hour < ? AND (? = '' OR job = ?)
		GROUP BY job, severity, category, indicator, reason ORDER BY sum(findings) DESC LIMIT ?`,
		hourOf(since), formatTime(until), job, job, limit)
	if err != nil {
		return nil, fmt.Errorf("finding counts: %w", err)
	}
	defer rows.Close()
	var out []FindingKind
	for rows.Next() {
		var k FindingKind
		if err := rows.Scan(&k.Job, &k.Severity, &k.Category, &k.Indicator, &k.Reason, &k.Count, &k.Hours); err != nil {
			return nil, fmt.Errorf("finding counts: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Window is a span of time, [From, To), in the hours it touches.
type Window struct{ From, To time.Time }

// ProblemKinds counts, for each window, the warnings and criticals of its
// hours by kind, for one job or all when job is "", and keeps the limit
// first of each, the criticals before the warnings and then the most
// frequent (ties in the order of job, category, indicator and reason):
// what drove each of a report's incidents, from the rollups (to the hour),
// for windows older than the raw findings. IncidentKinds reads the raw
// ones.
func (s *Store) ProblemKinds(ctx context.Context, windows []Window, job string, limit int) ([][]FindingKind, error) {
	out := make([][]FindingKind, len(windows))
	if len(windows) == 0 {
		return out, nil
	}
	spans := make([][2]string, len(windows))
	for i, w := range windows {
		spans[i] = [2]string{hourOf(w.From), formatTime(w.To)}
	}
	list, err := json.Marshal(spans)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `WITH w (i, since, until) AS (
			SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)),
		k AS (SELECT w.i, f.job, f.severity, f.category, f.indicator, f.reason, sum(f.findings) AS n, count(*) AS hours
			FROM w JOIN hourly_findings f ON f.hour >= w.since AND f.hour < w.until
			WHERE (? = '' OR f.job = ?) AND f.severity != 'info'
			GROUP BY w.i, f.job, f.severity, f.category, f.indicator, f.reason)
		SELECT i, job, severity, category, indicator, reason, n, hours FROM (
			SELECT *, row_number() OVER (PARTITION BY i ORDER BY severity = 'critical' DESC, n DESC, job, category, indicator, reason) AS rank FROM k)
		WHERE rank <= ? ORDER BY i, rank`, string(list), job, job, limit)
	if err != nil {
		return nil, fmt.Errorf("finding counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var k FindingKind
		if err := rows.Scan(&i, &k.Job, &k.Severity, &k.Category, &k.Indicator, &k.Reason, &k.Count, &k.Hours); err != nil {
			return nil, fmt.Errorf("finding counts: %w", err)
		}
		out[i] = append(out[i], k)
	}
	return out, rows.Err()
}

// IncidentKinds is ProblemKinds from the raw findings: those observed
// inside each window itself, to the run, counted in runs. For windows
// within the raw retention.
func (s *Store) IncidentKinds(ctx context.Context, windows []Window, job string, limit int) ([][]FindingKind, error) {
	out := make([][]FindingKind, len(windows))
	if len(windows) == 0 {
		return out, nil
	}
	spans := make([][2]string, len(windows))
	for i, w := range windows {
		spans[i] = [2]string{formatTime(w.From), formatTime(w.To)}
	}
	list, err := json.Marshal(spans)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `WITH w (i, since, until) AS (
			SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)),
		k AS (SELECT w.i, f.job, f.severity, f.category, coalesce(f.indicator, '') AS indicator,
				coalesce(json_extract(f.details, '$.reason'), '') AS reason, count(*) AS n
			FROM w JOIN findings f ON f.observed_at >= w.since AND f.observed_at < w.until
			WHERE (? = '' OR f.job = ?) AND f.severity != 'info'
			GROUP BY w.i, f.job, f.severity, f.category, indicator, reason)
		SELECT i, job, severity, category, indicator, reason, n FROM (
			SELECT *, row_number() OVER (PARTITION BY i ORDER BY severity = 'critical' DESC, n DESC, job, category, indicator, reason) AS rank FROM k)
		WHERE rank <= ? ORDER BY i, rank`, string(list), job, job, limit)
	if err != nil {
		return nil, fmt.Errorf("incident findings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var k FindingKind
		if err := rows.Scan(&i, &k.Job, &k.Severity, &k.Category, &k.Indicator, &k.Reason, &k.Count); err != nil {
			return nil, fmt.Errorf("incident findings: %w", err)
		}
		out[i] = append(out[i], k)
	}
	return out, rows.Err()
}

// StaleRun is one freshness run as the staleness heatmap reads it: when,
// and the indicators it found stale, with their effective staleness.
type StaleRun struct {
	At    time.Time
	Stale map[string]float64
}

// StaleRuns returns the freshness runs of [since, until) with the
// indicators each found stale: raw rows, for short periods.
func (s *Store) StaleRuns(ctx context.Context, since, until time.Time) ([]StaleRun, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.started_at, f.indicator, json_extract(f.details, '$.staleness_s')
		FROM runs r LEFT JOIN findings f ON f.run_id = r.id AND f.category = 'stale' AND f.indicator IS NOT NULL
		WHERE r.job = 'freshness' AND r.started_at >= ? AND r.started_at < ? ORDER BY r.started_at, r.id`,
		formatTime(since), formatTime(until))
	if err != nil {
		return nil, fmt.Errorf("stale runs: %w", err)
	}
	defer rows.Close()
	var out []StaleRun
	var last string
	for rows.Next() {
		var at string
		var ind sql.NullString
		var staleness sql.NullFloat64
		if err := rows.Scan(&at, &ind, &staleness); err != nil {
			return nil, fmt.Errorf("stale runs: %w", err)
		}
		if at != last || len(out) == 0 {
			t, err := parseTime(at)
			if err != nil {
				return nil, err
			}
			out = append(out, StaleRun{At: t, Stale: map[string]float64{}})
			last = at
		}
		if ind.Valid {
			out[len(out)-1].Stale[ind.String] = staleness.Float64
		}
	}
	return out, rows.Err()
}

// StalenessCell is an indicator's effective staleness over one hour.
type StalenessCell struct {
	Indicator string
	Hour      time.Time
	MaxS      float64
	MeanS     float64
}

// Staleness returns the hourly staleness of every indicator in [since, until).
func (s *Store) Staleness(ctx context.Context, since, until time.Time) ([]StalenessCell, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT indicator, hour, max_s, total_s / samples FROM hourly_staleness
		WHERE hour >= ? AND hour < ? ORDER BY hour, indicator`, hourOf(since), formatTime(until))
	if err != nil {
		return nil, fmt.Errorf("staleness: %w", err)
	}
	defer rows.Close()
	var out []StalenessCell
	for rows.Next() {
		var c StalenessCell
		var hour string
		if err := rows.Scan(&c.Indicator, &hour, &c.MaxS, &c.MeanS); err != nil {
			return nil, fmt.Errorf("staleness: %w", err)
		}
		if c.Hour, err = time.ParseInLocation(HourFormat, hour, time.UTC); err != nil {
			return nil, fmt.Errorf("stored hour %q: %w", hour, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ScanSample is what one run saw of the scan.
type ScanSample struct {
	At     time.Time
	Number *int64
	AgeS   *float64
}

// ScanSamples returns the scan as a job's runs saw it in [since, until):
// raw rows, for short ranges only.
func (s *Store) ScanSamples(ctx context.Context, job string, since, until time.Time) ([]ScanSample, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.started_at, h.scan_number, h.scan_age_s FROM runs r
		JOIN health h ON h.run_id = r.id WHERE r.job = ? AND r.started_at >= ? AND r.started_at < ?
		ORDER BY r.started_at`, job, formatTime(since), formatTime(until))
	if err != nil {
		return nil, fmt.Errorf("scan samples: %w", err)
	}
	defer rows.Close()
	var out []ScanSample
	for rows.Next() {
		var sm ScanSample
		var at string
		if err := rows.Scan(&at, &sm.Number, &sm.AgeS); err != nil {
			return nil, fmt.Errorf("scan samples: %w", err)
		}
		if sm.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, sm)
	}
	return out, rows.Err()
}
