package report

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/supervise"
)

// However much history there is, every list of a report is cut to its
// newest MaxRows entries, says so, and keeps its totals: 1,500 incidents,
// 1,500 bridge restarts and 1,100 scan gaps in a day.
func TestReportListsAreCapped(t *testing.T) {
	t.Parallel()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	cfg := config.Default()
	cfg.Bridge.Enabled = true
	from := end.Add(-20 * time.Hour)
	for i := range 3000 {
		st := checks.StatusCritical
		if i%2 == 1 {
			st = checks.StatusHealthy
		}
		if err := store.WriteChanges(ctx, from.Add(time.Duration(i)*10*time.Second), []db.HealthChange{{Job: db.Overall, Status: st}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 1500 {
		if err := store.WriteBridgeEvent(ctx, supervise.Event{At: from.Add(time.Duration(i) * 10 * time.Second), Kind: supervise.EventRestart,
			Reason: "crash: exit status 1", Attempt: 1, MaxAttempts: 3}); err != nil {
			t.Fatal(err)
		}
	}
	var runs []*db.Run
	for i := range 2200 {
		at := from.Add(time.Duration(i) * 30 * time.Second)
		n := int64(i / 2) // each number seen twice: a gap each
		runs = append(runs, &db.Run{Job: config.JobFreshness, Started: at, Finished: at, Status: checks.StatusHealthy,
			Overall: checks.StatusHealthy, Health: checks.Health{HazelcastConnected: true, ScanNumber: &n, ScanAgeS: ptr(float64(i % 7))}})
		runs = append(runs, &db.Run{Job: config.JobBridge, Started: at, Finished: at, Status: checks.StatusHealthy,
			Overall: checks.StatusHealthy, Bridge: &checks.BridgeSample{State: supervise.Running}})
	}
	if err := store.WriteRuns(ctx, runs); err != nil {
		t.Fatal(err)
	}

	r, err := Build(ctx, store, &cfg, end, end.Add(-24*time.Hour), end, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Incidents) != MaxRows || r.Truncated["incidents"] != 500 || !r.Incidents[MaxRows-1].Start.After(r.Incidents[0].Start) {
		t.Errorf("incidents: %d kept, %d left out", len(r.Incidents), r.Truncated["incidents"])
	}
	if b := r.Bridge; b == nil || b.Restarts != 1500 || len(b.RestartTimes) != MaxRows || r.Truncated["restart times"] != 500 ||
		len(b.Reasons) != 1 || b.Reasons[0] != (db.ReasonCount{Reason: "crash: exit status 1", Count: 1500}) {
		t.Errorf("bridge: %+v", b)
	}
	if sc := r.Scans; sc == nil || sc.GapCount != 1100 || len(sc.Gaps) != MaxRows || sc.Longest == nil {
		t.Errorf("scans: %+v", sc)
	}
	for _, tl := range r.Timeline {
		if len(tl.Segments) > MaxRows {
			t.Errorf("timeline %s: %d segments", tl.Subject, len(tl.Segments))
		}
	}
	if len(r.ScanSeries) > MaxRows {
		t.Errorf("%d points in the scan age series", len(r.ScanSeries))
	}
	var text bytes.Buffer
	if err := Write(&text, r, "text", false); err != nil || !regexp.MustCompile(`\nincidents +500\n`).MatchString(text.String()) ||
		!strings.Contains(text.String(), "1100 gaps without a new scan") {
		t.Errorf("text: %v\n%s", err, text.String())
	}

	if _, err := Build(ctx, store, &cfg, end, end.Add(-1001*24*time.Hour), end, ""); err == nil ||
		!strings.Contains(err.Error(), "the period is 1001 days, at most 1000") {
		t.Errorf("a period over MaxPeriod: %v", err)
	}
}
