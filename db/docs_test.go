package db_test

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

	"tidewatch/alert"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/historygen"
	"tidewatch/supervise"
)

// TestDocumentedQueriesRunVerbatim runs every SQL block of the README and
// of docs/history.md in the sqlite3 shell, against a database with hours
// of generated history and the rows each question asks about, and
// requires an answer from each.
func TestDocumentedQueriesRunVerbatim(t *testing.T) {
	t.Parallel()
	s, err := db.Open(filepath.Join(t.TempDir(), "tidewatch.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	cfg := config.Default()
	cfg.Bridge.Enabled = true
	now := time.Now().UTC()
	if _, err := historygen.Generate(ctx, s, &cfg, now.Add(-time.Minute), 6*time.Hour, 3); err != nil {
		t.Fatal(err)
	}
	ptr := func(f float64) *float64 { return &f }
	n := int64(4242)
	write := func(r *db.Run) {
		t.Helper()
		r.Finished = r.Started.Add(time.Millisecond)
		if r.Overall == "" {
			r.Overall = r.Status
		}
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// Yesterday noon, ten critical minutes.
	yesterday := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	if err := s.WriteChanges(ctx, yesterday, []db.HealthChange{{Job: db.Overall, Status: checks.StatusCritical}}); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteChanges(ctx, yesterday.Add(10*time.Minute), []db.HealthChange{{Job: db.Overall, Status: checks.StatusHealthy}}); err != nil {
		t.Fatal(err)
	}
	write(&db.Run{Job: "freshness", Started: now, Status: checks.StatusHealthy,
		Findings: []checks.Finding{{Severity: checks.Warning, Category: checks.CatStale, Indicator: "vix", Message: "vix is stale (150s)",
			Details: map[string]any{"staleness_s": 150.0}, Thresholds: map[string]any{"stale_after_s": 120.0}}},
		Health:    checks.Health{HazelcastConnected: true, ScanNumber: &n, ScanAgeS: ptr(2)},
		Staleness: map[string]float64{"vix": 150}})
	write(&db.Run{Job: "divergence", Started: now, Status: checks.StatusError, Overall: checks.StatusCritical, Error: "persistence: data/exf/x.npz: not an npz file",
		Findings: []checks.Finding{checks.CheckFailed(os.ErrInvalid)},
		Health:   checks.Health{HazelcastConnected: false, DiskLagS: ptr(42), PersistenceConnected: new(bool)}})
	cfg.Alerts.Receivers = []config.Receiver{{Name: "ops", Type: "webhook", URLEnv: "OPS_URL"}}
	crit := &db.Run{Job: "integrity", Started: now, Status: checks.StatusCritical,
		Findings: []checks.Finding{{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix", Message: "ACB-critical indicator vix is NaN"}}}
	live, err := s.LiveProblems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	crit.Problems, crit.Notices = alert.NewPolicy(cfg.Alerts).Evaluate("integrity", crit.Findings, now, live)
	write(crit)
	if _, err := s.AddSilence(ctx, db.Silence{Matcher: "divergence/*", Starts: now.Add(-time.Minute), Ends: now.Add(2 * time.Hour),
		CreatedBy: "alice", Comment: "snapshots being moved", Created: now}); err != nil {
		t.Fatal(err)
	}
	code := 1
	for _, e := range []supervise.Event{
		{At: now, Kind: supervise.EventExit, PID: 4320, ExitCode: &code, Reason: "crash: exit status 1", Output: []string{"panic: boom"}},
		{At: now, Kind: supervise.EventRestart, Reason: "crash: exit status 1", Attempt: 1, MaxAttempts: 3, Delay: 5 * time.Second},
	} {
		if err := s.WriteBridgeEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.WriteLeadership(ctx, db.Leadership{At: now, Kind: "acquired", Instance: "tw-a", Epoch: 1796047318438}); err != nil {
		t.Fatal(err)
	}

	count := 0
	for _, doc := range []string{"../README.md", "../docs/history.md"} {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(text), -1) {
			count++
			sql := strings.TrimSpace(q[1])
			out, err := exec.Command("sqlite3", s.Path(), sql).CombinedOutput()
			if err != nil || strings.Contains(string(out), "Error") {
				t.Errorf("%s:\n%s\n=> %v: %s", doc, sql, err, out)
				continue
			}
			if strings.TrimSpace(string(out)) == "" {
				t.Errorf("%s:\n%s\n=> no rows: the query answers nothing on a database that has what it asks about", doc, sql)
			}
		}
	}
	if count < 18 {
		t.Errorf("%d documented queries; the README and docs/history.md promise more", count)
	}
}
