package cli

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// tw runs the command line in process, at the time now says.
func tw(now func() time.Time, args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(context.Background(), args, Env{Stdout: &o, Stderr: &e, Now: now, Getenv: func(string) string { return "" }, Version: "v1.2.3"})
	return code, o.String(), e.String()
}

func TestUsageAndVersion(t *testing.T) {
	t.Parallel()
	if code, out, _ := tw(time.Now, "version"); code != 0 || out != "tidewatch v1.2.3\n" {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errOut := tw(time.Now, "frobnicate"); code != ExitUsage || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, _ := tw(time.Now); code != ExitUsage {
		t.Errorf("no command: %d", code)
	}
	if code, _, errOut := tw(time.Now, "status", "--severity", "loud"); code != ExitUsage || !strings.Contains(errOut, "use info, warning or critical") {
		t.Errorf("bad severity: %d %q", code, errOut)
	}
	if code, _, errOut := tw(time.Now, "status", "-n", "5000"); code != ExitUsage || !strings.Contains(errOut, "list 0 to 1000 findings at once, and older ones with --before") {
		t.Errorf("-n over the cap: %d %q", code, errOut)
	}
}

func TestInvalidConfigStopsBeforeDoingAnything(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	os.WriteFile(path, []byte("[database]\npath = \"x.db\"\n[freshness]\nstale_after = 120\n"), 0o644)
	for _, cmd := range []string{"run", "check", "status"} {
		code, _, errOut := tw(time.Now, cmd, "--config", path)
		if code == 0 || !strings.Contains(errOut, path+":4: freshness.stale_after:") {
			t.Errorf("%s: exit %d, %q", cmd, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); !os.IsNotExist(err) {
		t.Error("a database was created from an invalid config")
	}
}

// history writes a config whose integrity and freshness jobs run every
// second, and a healthy run of every job at t.
func history(t *testing.T, at time.Time) string {
	t.Helper()
	dir := t.TempDir()
	conf := filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte("[database]\npath = \"tw.db\"\n[integrity]\nschedule = \"@every 1s\"\n[freshness]\nschedule = \"@every 1s\"\n"), 0o644)
	cfg, err := config.Load(conf)
	if err != nil {
		t.Fatal(err)
	}
	store, err := db.Open(cfg.Database.Path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	stale := 0
	for _, job := range cfg.Jobs() {
		run := &db.Run{Job: job.Name, Started: at, Finished: at.Add(time.Millisecond), Status: checks.StatusHealthy, Overall: checks.StatusHealthy,
			Health: checks.Health{HazelcastConnected: true}}
		if job.Name == config.JobFreshness {
			run.Health.StaleCount = &stale
		}
		if _, err := store.WriteRun(context.Background(), run); err != nil {
			t.Fatal(err)
		}
	}
	return conf
}

// History speaks for now while every job's latest run is within three of
// its intervals and 10 s: status says unknown, and wait not ready, once
// the clock has moved past that, and names the jobs nobody runs.
func TestStatusIsUnknownWhenHistoryIsOld(t *testing.T) {
	t.Parallel()
	ran := time.Now().UTC().Truncate(time.Millisecond)
	conf := history(t, ran)
	at := func(d time.Duration) func() time.Time { return func() time.Time { return ran.Add(d) } }
	if code, out, _ := tw(at(time.Second), "status", "--config", conf); code != 0 {
		t.Fatalf("status of fresh history: %d\n%s", code, out)
	}
	if code, out, _ := tw(at(time.Second), "wait", "--config", conf, "--timeout", "1s"); code != 0 || out != "ready\n" {
		t.Errorf("wait on fresh history: %d %q", code, out)
	}
	// A minute passes for history: more than 3 intervals and the 10s of
	// slack for the jobs run every second; not for divergence's minute.
	code, out, _ := tw(at(time.Minute), "status", "--config", conf)
	if code != 3 || !strings.Contains(out, "UNKNOWN") || !strings.Contains(out, "integrity last ran 1m0s ago; freshness last ran 1m0s ago (is tidewatch run going?)") {
		t.Errorf("status of old history: %d\n%s", code, out)
	}
	code, out, _ = tw(at(time.Minute), "wait", "--config", conf, "--timeout", "100ms", "--interval", "20ms")
	if code != ExitError || !strings.Contains(out, "integrity last ran 1m0s ago: nobody is checking") || strings.Contains(out, "divergence") {
		t.Errorf("wait on old history: %d %q", code, out)
	}
	// The edge: 13s after a job run every second is still current, a
	// moment later it is not.
	if code, out, _ := tw(at(13*time.Second), "status", "--config", conf); code != 0 {
		t.Errorf("13s after: %d\n%s", code, out)
	}
	if code, out, _ := tw(at(13*time.Second+time.Millisecond), "status", "--config", conf); code != 3 {
		t.Errorf("just past 13s: %d\n%s", code, out)
	}
}

// report reads its period back from the clock it is given.
func TestReportPeriodIsCountedFromNow(t *testing.T) {
	t.Parallel()
	ran := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	conf := history(t, ran)
	code, out, errOut := tw(func() time.Time { return ran.Add(time.Hour) }, "report", "--config", conf, "--since", "2h", "--format", "json")
	if code != 0 || !strings.Contains(out, `"since": "2026-11-23T08:30:00Z"`) || !strings.Contains(out, `"until": "2026-11-23T10:30:00Z"`) {
		t.Errorf("report: %d %s\n%s", code, errOut, out)
	}
	if code, _, _ := tw(func() time.Time { return ran }, "report", "--config", conf, "--since", "1h", "--until", fmt.Sprint(ran.Add(-2*time.Hour).Format(time.RFC3339))); code != ExitUsage {
		t.Errorf("--until before --since: %d", code)
	}
}
