package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"tidewatch/checks"
)

// LatestRun is the newest run of a job with its findings and health; nil
// when the job has never run.
func (s *Store) LatestRun(ctx context.Context, job string) (*Run, error) {
	row := s.r.QueryRowContext(ctx, `SELECT r.id, r.job, r.trigger, r.started_at, r.finished_at, r.status, coalesce(r.error, ''),
		coalesce(h.overall, 'critical'), coalesce(h.hazelcast_connected, 0), h.persistence_connected,
		h.indicators_present, h.indicators_expected, h.acb_ready, h.missing_count, h.missing_critical,
		h.stale_count, h.stale_indicators, h.max_staleness_s, h.record_age_s, h.scan_number, h.scan_age_s,
		h.key_difference, h.disk_lag_s, coalesce(h.snapshot_path, '')
		FROM runs r LEFT JOIN health h ON h.run_id = r.id
		WHERE r.job = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 1`, job)
	var (
		r                                 Run
		started, finished, status, overal string
		missingCrit, staleInd             sql.NullString
	)
	h := &r.Health
	err := row.Scan(&r.ID, &r.Job, &r.Trigger, &started, &finished, &status, &r.Error, &overal, &h.HazelcastConnected,
		&h.PersistenceConnected, &h.IndicatorsPresent, &h.IndicatorsExpected, &h.ACBReady, &h.MissingCount,
		&missingCrit, &h.StaleCount, &staleInd, &h.MaxStalenessS, &h.RecordAgeS, &h.ScanNumber, &h.ScanAgeS,
		&h.KeyDifference, &h.DiskLagS, &h.SnapshotPath)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest %s run: %w", job, err)
	}
	r.Status, r.Overall = checks.Status(status), checks.Status(overal)
	if r.Started, err = parseTime(started); err != nil {
		return nil, err
	}
	if r.Finished, err = parseTime(finished); err != nil {
		return nil, err
	}
	if err := decodeList(missingCrit, &h.MissingCritical); err != nil {
		return nil, err
	}
	if err := decodeList(staleInd, &h.StaleIndicators); err != nil {
		return nil, err
	}
	if r.Bridge, err = readBridgeSample(ctx, s.r, r.ID); err != nil {
		return nil, err
	}
	fs, err := s.findings(ctx, `WHERE run_id = ? ORDER BY id`, r.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range fs {
		r.Findings = append(r.Findings, f.Finding)
	}
	return &r, nil
}

func decodeList(s sql.NullString, into *[]string) error {
	if !s.Valid {
		return nil
	}
	if err := json.Unmarshal([]byte(s.String), into); err != nil {
		return fmt.Errorf("stored list %q: %w", s.String, err)
	}
	return nil
}

// StoredFinding is a finding with where and when it was seen.
type StoredFinding struct {
	checks.Finding
	// ID orders findings of the same time, and pages through them.
	ID         int64     `json:"id"`
	Job        string    `json:"job"`
	ObservedAt time.Time `json:"observed_at"`
}

// severityRank orders the findings of one run: critical first.
const severityRank = `CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`

// RecentFindings returns the newest findings of at least the given
// severity, newest first, at most n: those after the finding with id
// before in that order, or from the newest when before is 0.
func (s *Store) RecentFindings(ctx context.Context, min checks.Severity, n int, before int64) ([]StoredFinding, error) {
	sev := map[checks.Severity]string{
		checks.Info:     `('info', 'warning', 'critical')`,
		checks.Warning:  `('warning', 'critical')`,
		checks.Critical: `('critical')`,
	}[min]
	if sev == "" {
		return nil, fmt.Errorf("unknown severity %q", min)
	}
	if n < 1 {
		return nil, nil
	}
	where, args := `severity IN `+sev, []any{}
	upTo := "9999" // the page's start: every time sorts below it
	if before > 0 {
		var rank int
		err := s.r.QueryRowContext(ctx, `SELECT observed_at, `+severityRank+` FROM findings WHERE id = ?`, before).Scan(&upTo, &rank)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("finding %d is not in history (pruned, or never there)", before)
		}
		if err != nil {
			return nil, fmt.Errorf("findings before %d: %w", before, err)
		}
		where += ` AND (observed_at < ? OR (observed_at = ? AND (` + severityRank + ` > ? OR (` + severityRank + ` = ? AND id > ?))))`
		args = append(args, upTo, upTo, rank, rank, before)
	}
	// The time of the n-th newest finding older than the page's start
	// bounds the set, so that the severity order within one run's findings
	// needs no full sort (SQLite 3.54 otherwise scans every finding: 73 ms
	// at 90 days of history).
	return s.findings(ctx, `WHERE `+where+` AND observed_at >= coalesce((SELECT observed_at FROM findings
		WHERE severity IN `+sev+` AND observed_at < ? ORDER BY observed_at DESC LIMIT 1 OFFSET ?), '')
		ORDER BY observed_at DESC, `+severityRank+`, id LIMIT ?`, append(args, upTo, n-1, n)...)
}

func (s *Store) findings(ctx context.Context, where string, args ...any) ([]StoredFinding, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, job, observed_at, severity, category, coalesce(indicator, ''),
		message, details, thresholds FROM findings `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	defer rows.Close()
	var out []StoredFinding
	for rows.Next() {
		var (
			f                   StoredFinding
			at, sev             string
			details, thresholds sql.NullString
		)
		if err := rows.Scan(&f.ID, &f.Job, &at, &sev, &f.Category, &f.Indicator, &f.Message, &details, &thresholds); err != nil {
			return nil, fmt.Errorf("findings: %w", err)
		}
		f.Severity = checks.Severity(sev)
		if f.ObservedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		if details.Valid {
			if err := json.Unmarshal([]byte(details.String), &f.Details); err != nil {
				return nil, fmt.Errorf("finding details %q: %w", details.String, err)
			}
		}
		if thresholds.Valid {
			if err := json.Unmarshal([]byte(thresholds.String), &f.Thresholds); err != nil {
				return nil, fmt.Errorf("finding thresholds %q: %w", thresholds.String, err)
			}
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// JobStats are a job's lifetime counters.
type JobStats struct {
	Job      string `json:"job"`
	Runs     int64  `json:"runs"`
	Healthy  int64  `json:"healthy"`
	Degraded int64  `json:"degraded"`
	Critical int64  `json:"critical"`
	Errors   int64  `json:"errors"`
	Findings int64  `json:"findings"`
	// EventRuns are the runs change events started, among Runs.
	EventRuns int64     `json:"event_runs"`
	FirstRun  time.Time `json:"first_run_at"`
	LastRun   time.Time `json:"last_run_at"`
}

func (s *Store) Stats(ctx context.Context) ([]JobStats, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT job, runs, healthy, degraded, critical, errors, findings, event_runs,
		first_run_at, last_run_at FROM job_stats ORDER BY job`)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	var out []JobStats
	for rows.Next() {
		var st JobStats
		var first, last string
		if err := rows.Scan(&st.Job, &st.Runs, &st.Healthy, &st.Degraded, &st.Critical, &st.Errors, &st.Findings, &st.EventRuns, &first, &last); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		if st.FirstRun, err = parseTime(first); err != nil {
			return nil, err
		}
		if st.LastRun, err = parseTime(last); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// LastScanNumber is the scan number the newest freshness run saw, so that
// a restarted tidewatch still notices a scan number that stopped moving.
func (s *Store) LastScanNumber(ctx context.Context, job string) (int64, bool, error) {
	var n sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT h.scan_number FROM runs r JOIN health h ON h.run_id = r.id
		WHERE r.job = ? AND h.scan_number IS NOT NULL ORDER BY r.started_at DESC, r.id DESC LIMIT 1`, job).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("last scan number: %w", err)
	}
	return n.Int64, n.Valid, nil
}

// ScanNumberSince is when a job's runs began to see scan number n without
// a break: the first run that saw it after the last run that saw another.
// A restarted tidewatch so judges a stuck scan by how long it has been
// stuck, not from its own start.
func (s *Store) ScanNumberSince(ctx context.Context, job string, n int64) (time.Time, bool, error) {
	var at sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT min(r.started_at) FROM runs r JOIN health h ON h.run_id = r.id
		WHERE r.job = ?1 AND h.scan_number = ?2 AND r.started_at > coalesce((SELECT r2.started_at
			FROM runs r2 JOIN health h2 ON h2.run_id = r2.id
			WHERE r2.job = ?1 AND h2.scan_number IS NOT NULL AND h2.scan_number != ?2
			ORDER BY r2.started_at DESC LIMIT 1), '')`, job, n).Scan(&at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("since when scan #%d: %w", n, err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	t, err := parseTime(at.String)
	return t, err == nil, err
}

// LastRunAt is when the newest run started.
func (s *Store) LastRunAt(ctx context.Context) (time.Time, bool, error) {
	var at sql.NullString
	if err := s.r.QueryRowContext(ctx, `SELECT max(started_at) FROM runs`).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("last run: %w", err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	t, err := parseTime(at.String)
	return t, err == nil, err
}

// RunBar is a run as the status page draws it: when, how, and its
// warnings and criticals.
type RunBar struct {
	Started  time.Time
	Status   checks.Status
	Findings []string
}

// maxBarFindings is how many findings a bar names; the rest are counted.
const maxBarFindings = 5

// RecentRuns returns a job's n latest runs, oldest first, each with up to
// five of its warnings and criticals ("critical: vix is NaN").
func (s *Store) RecentRuns(ctx context.Context, job string, n int) ([]RunBar, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.started_at, r.status,
		(SELECT json_group_array(severity || ': ' || message) FROM
			(SELECT severity, message FROM findings f WHERE f.run_id = r.id AND severity != 'info'
			 ORDER BY severity = 'critical' DESC, id LIMIT ?)),
		(SELECT count(*) FROM findings f WHERE f.run_id = r.id AND severity != 'info')
		FROM runs r WHERE r.job = ? ORDER BY r.started_at DESC, r.id DESC LIMIT ?`, maxBarFindings, job, n)
	if err != nil {
		return nil, fmt.Errorf("recent %s runs: %w", job, err)
	}
	defer rows.Close()
	var out []RunBar
	for rows.Next() {
		var b RunBar
		var started, status, list string
		var count int
		if err := rows.Scan(&started, &status, &list, &count); err != nil {
			return nil, fmt.Errorf("recent %s runs: %w", job, err)
		}
		if b.Started, err = parseTime(started); err != nil {
			return nil, err
		}
		b.Status = checks.Status(status)
		if err := json.Unmarshal([]byte(list), &b.Findings); err != nil {
			return nil, fmt.Errorf("recent %s runs: %w", job, err)
		}
		if count > len(b.Findings) {
			b.Findings = append(b.Findings, fmt.Sprintf("and %d more", count-len(b.Findings)))
		}
		out = append(out, b)
	}
	slices.Reverse(out)
	return out, rows.Err()
}
