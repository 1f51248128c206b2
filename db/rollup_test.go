package db

import (
	"context"
	"fmt"
	"slices"
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

// ProblemKinds reads, for many windows in one query, the warnings and
// criticals of the hours each touches, most frequent first, ties in the
// order of their kind; info never drives anything.
func TestProblemKindsPerWindow(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	f := func(sev checks.Severity, cat, ind string) checks.Finding {
		return checks.Finding{Severity: sev, Category: cat, Indicator: ind, Message: cat}
	}
	write := func(job string, at time.Time, fs ...checks.Finding) {
		t.Helper()
		r := &Run{Job: job, Started: at, Finished: at, Status: checks.StatusDegraded, Overall: checks.StatusDegraded, Findings: fs}
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		write("integrity", base.Add(10*time.Minute), f(checks.Warning, checks.CatMissing, "vix"), f(checks.Info, checks.CatACBNotReady, ""))
	}
	write("freshness", base.Add(20*time.Minute), f(checks.Warning, checks.CatStale, "dxy"))
	write("integrity", base.Add(70*time.Minute), f(checks.Warning, checks.CatMissing, "vix"), f(checks.Critical, checks.CatMissingCritical, "vix"))
	for range 5 {
		write("freshness", base.Add(3*time.Hour), f(checks.Warning, checks.CatStale, "dxy"))
	}
	got, err := s.ProblemKinds(ctx, []Window{
		{base.Add(30 * time.Minute), base.Add(75 * time.Minute)}, // the hours of 09:00 and 10:00
		{base.Add(3 * time.Hour), base.Add(3 * time.Hour)},       // ends as 12:00 begins: that hour counts
		{base.Add(2 * time.Hour), base.Add(2*time.Hour + 59*time.Minute)},
	}, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	brief := func(ks []FindingKind) []string {
		var out []string
		for _, k := range ks {
			out = append(out, fmt.Sprintf("%s/%s/%s %d in %dh", k.Job, k.Category, k.Indicator, k.Count, k.Hours))
		}
		return out
	}
	want := [][]string{
		{"integrity/missing_critical/vix 1 in 1h", "integrity/missing/vix 3 in 2h"}, // criticals first, then the most frequent
		{"freshness/stale/dxy 5 in 1h"},
		nil,
	}
	if len(got) != len(want) {
		t.Fatalf("%d windows answered, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(brief(got[i]), want[i]) {
			t.Errorf("window %d: %q, want %q", i, brief(got[i]), want[i])
		}
	}
	if only, err := s.ProblemKinds(ctx, []Window{{base, base.Add(time.Hour)}}, "freshness", 3); err != nil ||
		!slices.Equal(brief(only[0]), []string{"freshness/stale/dxy 1 in 1h"}) {
		t.Errorf("one job: %q, %v", brief(only[0]), err)
	}
}
