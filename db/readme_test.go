package db

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
)

// TestREADMEQueriesRunVerbatim runs every SQL block of the README in the
// sqlite3 shell against a live database holding the kinds of history each
// query asks about, and requires an answer from each.
func TestREADMEQueriesRunVerbatim(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	queries := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(queries) < 10 {
		t.Fatalf("the README has %d example queries; it promises at least ten", len(queries))
	}

	s, err := Open(filepath.Join(t.TempDir(), "tidewatch.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Now().UTC()
	write := func(r *Run) {
		t.Helper()
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		at := now.Add(-time.Duration(i) * 10 * time.Second)
		write(sampleRun("integrity", at))
		fresh := sampleRun("freshness", at)
		fresh.Findings = []checks.Finding{{Severity: checks.Warning, Category: checks.CatStale, Indicator: "vix",
			Message: "vix is stale (150s)", Details: map[string]any{"staleness_s": 150.0}, Thresholds: map[string]any{"stale_after_s": 120.0}}}
		fresh.Status, fresh.Overall = checks.StatusHealthy, checks.StatusHealthy
		write(fresh)
	}
	div := sampleRun("divergence", now)
	div.Health = checks.Health{HazelcastConnected: false, PersistenceConnected: ptr(true), KeyDifference: ptr(4), DiskLagS: ptr(42.0)}
	write(div)
	write(&Run{Job: "divergence", Started: now.Add(-time.Second), Finished: now, Status: checks.StatusError,
		Overall: checks.StatusCritical, Error: "persistence: data/exf/x.npz: not an npz file: zip: not a valid zip file",
		Findings: []checks.Finding{checks.CheckFailed(os.ErrInvalid)}})

	br := &Run{Job: "bridge", Started: now, Finished: now, Status: checks.StatusHealthy, Overall: checks.StatusHealthy,
		Bridge: &checks.BridgeSample{State: "running", PID: 4321, Restarts: 1, DataAgeS: ptr(3.5)}}
	write(br)
	code := 1
	if err := s.WriteBridgeEvent(ctx, BridgeEvent{At: now, Kind: "exit", PID: 4320, ExitCode: &code, Reason: "crash: exit status 1"}); err != nil {
		t.Fatal(err)
	}

	for _, q := range queries {
		sql := strings.TrimSpace(q[1])
		out, err := exec.Command("sqlite3", s.Path(), sql).CombinedOutput()
		if err != nil || strings.Contains(string(out), "Error") {
			t.Errorf("%s\n=> %v: %s", sql, err, out)
			continue
		}
		if strings.TrimSpace(string(out)) == "" {
			t.Errorf("%s\n=> no rows: the query answers nothing on a database that has what it asks about", sql)
		}
	}
}
