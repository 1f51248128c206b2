package status

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// The readiness rule, from history: what each latest run says, judged by
// the [http] ready_* keys.
func TestReadinessRule(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	healthy := func(job string) *db.Run {
		return &db.Run{Job: job, Started: now.Add(-time.Second), Finished: now, Status: checks.StatusHealthy, Overall: checks.StatusHealthy,
			Health: checks.Health{HazelcastConnected: true}}
	}
	tests := []struct {
		name   string
		change func(runs map[string]*db.Run, cfg *config.Config)
		want   []string // parts of the reasons, in order; none: ready
	}{
		{"all healthy", nil, nil},
		{"a check that could not check", func(runs map[string]*db.Run, _ *config.Config) {
			r := runs[config.JobIntegrity]
			r.Status, r.Overall, r.Error = checks.StatusError, checks.StatusCritical, "integrity check panicked: boom"
			r.Findings = []checks.Finding{checks.CheckFailed(errors.New("integrity check panicked: boom"))}
		}, []string{"integrity could not check: integrity check panicked: boom"}},
		{"one ACB-critical indicator stale", func(runs map[string]*db.Run, _ *config.Config) {
			runs[config.JobFreshness].Health.StaleCount, runs[config.JobFreshness].Health.StaleIndicators = ptr(1), []string{"vix"}
		}, []string{"ACB-critical indicators stale: vix (at most 0 allowed)"}},
		{"one allowed", func(runs map[string]*db.Run, cfg *config.Config) {
			runs[config.JobFreshness].Health.StaleCount, runs[config.JobFreshness].Health.StaleIndicators = ptr(1), []string{"vix"}
			cfg.HTTP.ReadyMaxStaleCritical = 1
		}, nil},
		{"three others stale", func(runs map[string]*db.Run, _ *config.Config) {
			runs[config.JobFreshness].Health.StaleCount, runs[config.JobFreshness].Health.StaleIndicators = ptr(3), []string{"dxy", "us10y", "sp500"}
		}, nil},
		{"four stale", func(runs map[string]*db.Run, _ *config.Config) {
			runs[config.JobFreshness].Health.StaleCount, runs[config.JobFreshness].Health.StaleIndicators = ptr(4), []string{"dxy", "us10y", "sp500", "tvl"}
		}, []string{"4 indicators stale (at most 3 allowed)"}},
		{"a scan without a bridge is judged all the same", func(runs map[string]*db.Run, _ *config.Config) {
			runs[config.JobFreshness].Health.ScanNumber, runs[config.JobFreshness].Health.ScanAgeS = ptr(int64(7)), ptr(90.0)
		}, []string{"the scan is 1m31s old"}},
		{"no scan and no bridge: nothing to require", func(runs map[string]*db.Run, _ *config.Config) {}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := config.Default()
			store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			runs := map[string]*db.Run{}
			for _, job := range cfg.Jobs() {
				runs[job.Name] = healthy(job.Name)
			}
			runs[config.JobFreshness].Health.StaleCount = ptr(0)
			if tt.change != nil {
				tt.change(runs, &cfg)
			}
			for _, job := range cfg.Jobs() {
				if _, err := store.WriteRun(context.Background(), runs[job.Name]); err != nil {
					t.Fatal(err)
				}
			}
			rd, err := Ready(context.Background(), store, &cfg, now)
			if err != nil {
				t.Fatal(err)
			}
			if rd.Ready != (len(tt.want) == 0) || len(rd.Reasons) != len(tt.want) || rd.Reasons == nil {
				t.Fatalf("ready %v, reasons %q, want %q", rd.Ready, rd.Reasons, tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(rd.Reasons[i], w) {
					t.Errorf("reason %q, want %q", rd.Reasons[i], w)
				}
			}
		})
	}
}
