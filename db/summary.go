package db

import (
	"context"
	"fmt"
	"time"

	"tidewatch/checks"
)

// JobSummary counts a job's runs and findings over a period.
type JobSummary struct {
	Job      string                  `json:"job"`
	Runs     int64                   `json:"runs"`
	ByStatus map[checks.Status]int64 `json:"by_status"`
	Top      []FindingCount          `json:"top_findings"`
}

// FindingCount is how often one kind of finding was seen.
type FindingCount struct {
	Severity  checks.Severity `json:"severity"`
	Category  string          `json:"category"`
	Indicator string          `json:"indicator,omitempty"`
	Count     int64           `json:"count"`
	LastSeen  time.Time       `json:"last_seen"`
}

// Summary counts runs by status and the most frequent findings per job in
// [since, until). job limits it to one job when not empty.
func (s *Store) Summary(ctx context.Context, since, until time.Time, job string, top int) ([]JobSummary, error) {
	from, to := formatTime(since), formatTime(until)
	rows, err := s.r.QueryContext(ctx, `SELECT job, status, count(*) FROM runs
		WHERE started_at >= ? AND started_at < ? AND (? = '' OR job = ?)
		GROUP BY job, status ORDER BY job`, from, to, job, job)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	defer rows.Close()
	var out []JobSummary
	for rows.Next() {
		var name, status string
		var n int64
		if err := rows.Scan(&name, &status, &n); err != nil {
			return nil, fmt.Errorf("summary: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Job != name {
			out = append(out, JobSummary{Job: name, ByStatus: map[checks.Status]int64{}})
		}
		js := &out[len(out)-1]
		js.Runs += n
		js.ByStatus[checks.Status(status)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	for i := range out {
		if out[i].Top, err = s.topFindings(ctx, out[i].Job, from, to, top); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) topFindings(ctx context.Context, job, from, to string, n int) ([]FindingCount, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT severity, category, coalesce(indicator, ''), count(*), max(observed_at)
		FROM findings WHERE job = ? AND observed_at >= ? AND observed_at < ?
		GROUP BY severity, category, indicator ORDER BY count(*) DESC, max(observed_at) DESC LIMIT ?`, job, from, to, n)
	if err != nil {
		return nil, fmt.Errorf("top findings: %w", err)
	}
	defer rows.Close()
	var out []FindingCount
	for rows.Next() {
		var f FindingCount
		var sev, last string
		if err := rows.Scan(&sev, &f.Category, &f.Indicator, &f.Count, &last); err != nil {
			return nil, fmt.Errorf("top findings: %w", err)
		}
		f.Severity = checks.Severity(sev)
		if f.LastSeen, err = parseTime(last); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
