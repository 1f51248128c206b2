package db

import (
	"context"
	"testing"
	"time"

	"tidewatch/checks"
)

func TestRunsAreRolledUpByHour(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for i, age := range []float64{0.5, 3, 200} {
		r := sampleRun("freshness", base.Add(time.Duration(i)*20*time.Minute))
		r.Health.ScanAgeS = ptr(age)
		r.Health.ScanNumber = ptr(int64(100 + i*10))
		r.Staleness = map[string]float64{"vix": float64(10 * (i + 1)), "dxy": 1}
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var runs, critical, findings, le1, le5, gt120, minScan, maxScan int
	var maxAge float64
	err := s.r.QueryRow(`SELECT runs, critical, findings, scan_age_le_1, scan_age_le_5, scan_age_gt_120,
		min_scan_number, max_scan_number, max_scan_age_s FROM hourly_jobs WHERE job = 'freshness' AND hour = '2026-11-23 09:00:00'`).
		Scan(&runs, &critical, &findings, &le1, &le5, &gt120, &minScan, &maxScan, &maxAge)
	if err != nil {
		t.Fatal(err)
	}
	if runs != 3 || critical != 3 || findings != 9 || le1 != 1 || le5 != 1 || gt120 != 1 || minScan != 100 || maxScan != 120 || maxAge != 200 {
		t.Errorf("hourly: runs %d critical %d findings %d buckets %d/%d/%d scans %d-%d max age %v",
			runs, critical, findings, le1, le5, gt120, minScan, maxScan, maxAge)
	}
	var n int
	if err := s.r.QueryRow(`SELECT findings FROM hourly_findings WHERE indicator = 'vix' AND category = 'missing_critical' AND reason = 'NaN'`).Scan(&n); err != nil || n != 3 {
		t.Errorf("vix NaN findings %d, %v", n, err)
	}
	if err := s.r.QueryRow(`SELECT findings FROM hourly_findings WHERE indicator = 'dxy' AND category = 'stale' AND reason = 'stale'`).Scan(&n); err != nil || n != 3 {
		t.Errorf("dxy stale findings %d, %v", n, err)
	}
	var samples int
	var total, max float64
	if err := s.r.QueryRow(`SELECT samples, total_s, max_s FROM hourly_staleness WHERE indicator = 'vix'`).Scan(&samples, &total, &max); err != nil || samples != 3 || total != 60 || max != 30 {
		t.Errorf("vix staleness %d %v %v, %v", samples, total, max, err)
	}
}

func TestHealthChangesAndLastStatuses(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	r := sampleRun("integrity", t0)
	r.Changes = []HealthChange{{"integrity", checks.StatusCritical}, {Overall, checks.StatusCritical}}
	if _, err := s.WriteRun(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteChanges(ctx, t0.Add(time.Minute), []HealthChange{{"integrity", checks.StatusHealthy}}); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastStatuses(ctx)
	if err != nil || last["integrity"] != checks.StatusHealthy || last[Overall] != checks.StatusCritical || len(last) != 2 {
		t.Errorf("last statuses %v, %v", last, err)
	}
	at, ok, err := s.LastRunAt(ctx)
	if err != nil || !ok || !at.Equal(t0) {
		t.Errorf("last run at %v %v %v", at, ok, err)
	}
}
