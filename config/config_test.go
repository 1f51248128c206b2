package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBadConfigsAreRefusedWithFileLineAndKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ file, want string }{
		{"address_without_port.toml", `testdata/address_without_port.toml:2: hazelcast.addresses: "localhost" is not host:port`},
		{"bad_time_zone.toml", `testdata/bad_time_zone.toml:10: freshness.quiet_hours[1].timezone: "Mars/Olympus_Mons" is not a known time zone`},
		{"bridge_record_too_large.toml", "testdata/bridge_record_too_large.toml:2: bridge.max_record_size: must be a number of bytes from 1 to 16777216 (16 MiB, the most the checks read)"},
		{"bad_scan_limits.toml", "testdata/bad_scan_limits.toml:4: freshness.scan_stuck_after: must be greater than zero\n" +
			"testdata/bad_scan_limits.toml:3: freshness.min_assets: must not be negative\n" +
			"testdata/bad_scan_limits.toml:2: freshness.max_asset_drop: must be a share above 0 and at most 1 (1 turns the check off)"},
		{"bad_events.toml", "testdata/bad_events.toml:2: events.min_interval: must be from 10ms to 1m\n" +
			"testdata/bad_events.toml:3: events.listener_grace: must be greater than zero\n" +
			"testdata/bad_events.toml:5: gate.reopen_after: must be at most 1h\n" +
			"testdata/bad_events.toml:6: gate.verdict_map: must not be empty\n" +
			"testdata/bad_events.toml:7: gate.verdict_refresh: must be at least 1s"},
		{"bad_cluster.toml", `testdata/bad_cluster.toml:3: cluster.instance: "tidewatch a": use at most 64 letters, digits, '.', '-', '_' or ':'` + "\n" +
			`testdata/bad_cluster.toml:4: cluster.lease_map: "DOLPHIN_FEATURES" is hazelcast.map: the lease needs a map of its own` + "\n" +
			"testdata/bad_cluster.toml:5: cluster.lease_ttl: must be at least 4s (the member expires entries up to 1s early)"},
		{"cluster_renewal_too_slow.toml", "testdata/cluster_renewal_too_slow.toml:3: cluster.renew_every: 4s leaves no second try before the step-down 7s after a renewal (lease_ttl less 1s less step_down_margin)"},
		{"bad_labels.toml", "testdata/bad_labels.toml:2: alerts.external_url: \"tidewatch.example.com\" is not an http or https URL\n" +
			"testdata/bad_labels.toml:3: alerts.labels.0team: \"0team\" is not a label name (letters, digits and _, not starting with a digit or __)\n" +
			"testdata/bad_labels.toml:3: alerts.labels.region: must not be empty\n" +
			"testdata/bad_labels.toml:3: alerts.labels.severity: \"severity\" is set by tidewatch itself (alertname, check, category, indicator, severity, instance)"},
		{"bad_email.toml", "testdata/bad_email.toml:4: alerts.receivers[0].smarthost: \"mail.example.com\" is not host:port\n" +
			"testdata/bad_email.toml:5: alerts.receivers[0].from: \"tidewatch at example.com\" is not an email address\n" +
			"testdata/bad_email.toml:1: alerts.receivers[0].to: must list at least one address\n" +
			"testdata/bad_email.toml:1: alerts.receivers[0].password_env: username_env and password_env go together\n" +
			"testdata/bad_email.toml:7: alerts.receivers[0].tls: \"ssl\": use starttls, tls or none"},
		{"email_password_in_clear.toml", "testdata/email_password_in_clear.toml:6: alerts.receivers[0].to: \"desk\" is not an email address\n" +
			"testdata/email_password_in_clear.toml:9: alerts.receivers[0].tls: \"none\" sends the password in the clear: use starttls or tls beyond loopback"},
		{"bare_duration.toml", `testdata/bare_duration.toml:2: freshness.stale_after: "120" is not a duration (write it with a unit, such as "30s" or "5m")`},
		{"critical_not_expected.toml", `testdata/critical_not_expected.toml:2: indicators.critical: "moon_phase" is not in indicators.expected`},
		{"empty_expected.toml", `testdata/empty_expected.toml:3: indicators.expected: must not be empty`},
		{"http_beyond_loopback.toml", `testdata/http_beyond_loopback.toml: http.token_env: listening beyond loopback (0.0.0.0:9477) needs a bearer token: name its environment variable`},
		{"negative_ready_stale.toml", "testdata/negative_ready_stale.toml:2: http.ready_max_stale_critical: must not be negative\n" +
			"testdata/negative_ready_stale.toml:3: http.ready_max_stale: must not be negative"},
		{"inverted_range.toml", `testdata/inverted_range.toml:2: indicators.ranges.fng: min must be below max`},
		{"panicking_schedule.toml", `testdata/panicking_schedule.toml:2: integrity.schedule: "TZ=0" is not a valid schedule`},
		{"syntax_error.toml", `testdata/syntax_error.toml:2: expected '.' or ']' to end table name, but got '\n' instead`},
		{"too_many_pending_runs.toml", `testdata/too_many_pending_runs.toml:2: database.max_pending_runs: 5: must be 10 to 100000`},
		{"unknown_key.toml", `testdata/unknown_key.toml:2: hazelcast.adress: unknown key`},
		{"warn_not_below_critical.toml", `testdata/warn_not_below_critical.toml:2: freshness.scan_warn_after: 1m30s must be below freshness.scan_critical_after (1m0s)`},
		{"wrong_type.toml", `testdata/wrong_type.toml:2: health.degraded_stale_count: incompatible types: TOML value has type string; destination has type integer`},
		{"zero_incomplete_for.toml", `testdata/zero_incomplete_for.toml:2: divergence.incomplete_for: must be greater than zero`},
		{"zero_interval.toml", `testdata/zero_interval.toml:2: integrity.schedule: "@every 0s": the interval must be at least 1s`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			_, err := Load("testdata/" + tt.file)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	t.Parallel()
	src := "[database]\npath = \"\"\n\n[log]\nformat = \"xml\"\nlevel = \"loud\"\n"
	_, err := Parse("c.toml", []byte(src))
	want := []string{
		"c.toml:2: database.path: must not be empty",
		`c.toml:5: log.format: "xml": use "text" or "json"`,
		`c.toml:6: log.level: "loud": use debug, info, warn or error`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got %v\nwant %s", err, strings.Join(want, "\n"))
	}
}

func TestShippedConfigIsValidAndKeepsTheSeedDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := Load("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	if got, want := strings.Join(cfg.Indicators.Expected, ","), strings.Join(def.Indicators.Expected, ","); got != want {
		t.Errorf("expected indicators differ from the seed:\n%s\n%s", got, want)
	}
	if len(cfg.Indicators.Expected) != 28 || len(cfg.Indicators.Critical) != 9 {
		t.Errorf("got %d expected, %d critical; the seed has 28 and 9", len(cfg.Indicators.Expected), len(cfg.Indicators.Critical))
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"integrity interval", cfg.Integrity.Schedule.Interval(time.Now()), 60 * time.Second},
		{"stale after", cfg.Freshness.StaleAfter.Duration, def.Freshness.StaleAfter.Duration},
		{"stale after (seed)", cfg.Freshness.StaleAfter.Duration, 120 * time.Second},
		{"max key difference (seed)", cfg.Divergence.MaxKeyDifference, 3},
		{"degraded stale (seed)", cfg.Health.DegradedStaleCount, 3},
		{"degraded missing (seed)", cfg.Health.DegradedMissingCount, 10},
		{"scan warn", cfg.Freshness.ScanWarnAfter.Duration, 30 * time.Second},
		{"scan critical", cfg.Freshness.ScanCriticalAfter.Duration, 60 * time.Second},
		{"record critical", cfg.Freshness.RecordCriticalAfter.Duration, def.Freshness.RecordCriticalAfter.Duration},
		{"map", cfg.Hazelcast.Map, "DOLPHIN_FEATURES"},
		{"snapshot incomplete for", cfg.Divergence.IncompleteFor, def.Divergence.IncompleteFor},
		{"scan stuck after", cfg.Freshness.ScanStuckAfter, def.Freshness.ScanStuckAfter},
		{"min assets", cfg.Freshness.MinAssets, def.Freshness.MinAssets},
		{"frozen after", cfg.Freshness.FrozenAfter, def.Freshness.FrozenAfter},
		{"max asset drop", cfg.Freshness.MaxAssetDrop, def.Freshness.MaxAssetDrop},
		{"ready max stale critical", cfg.HTTP.ReadyMaxStaleCritical, def.HTTP.ReadyMaxStaleCritical},
		{"ready max stale (seed's degraded rule)", cfg.HTTP.ReadyMaxStale, cfg.Health.DegradedStaleCount},
		{"events", cfg.Events, def.Events},
		{"gate", cfg.Gate, def.Gate},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestEmptyConfigMeansDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := Parse("empty.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Freshness.StaleAfterFor("vix") != 120*time.Second || cfg.Freshness.StuckAfterFor("vix") != 0 {
		t.Errorf("defaults not applied: %+v", cfg.Freshness)
	}
}

func TestPerIndicatorOverrides(t *testing.T) {
	t.Parallel()
	src := `
[freshness]
stuck_after = "10m"
[freshness.indicator.vix]
stale_after = "4h"
stuck_after = "0s"
`
	cfg, err := Parse("o.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := cfg.Freshness
	if f.StaleAfterFor("vix") != 4*time.Hour || f.StuckAfterFor("vix") != 0 {
		t.Errorf("vix: stale %v stuck %v", f.StaleAfterFor("vix"), f.StuckAfterFor("vix"))
	}
	if f.StaleAfterFor("dxy") != 120*time.Second || f.StuckAfterFor("dxy") != 10*time.Minute {
		t.Errorf("dxy: stale %v stuck %v", f.StaleAfterFor("dxy"), f.StuckAfterFor("dxy"))
	}
}

func TestQuietHoursCoverTheirWindow(t *testing.T) {
	t.Parallel()
	cfg, err := Load("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	at := func(s string) time.Time {
		ts, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	tests := []struct {
		when  string
		quiet bool
	}{
		{"2026-11-23 10:00", false}, // Monday, market open
		{"2026-11-23 09:29", true},  // Monday before the open: Sunday night's window
		{"2026-11-23 09:30", false},
		{"2026-11-23 15:59", false},
		{"2026-11-23 16:00", true},
		{"2026-11-24 03:00", true},  // wraps past midnight
		{"2026-11-28 12:00", true},  // Saturday
		{"2026-11-29 12:00", true},  // Sunday
		{"2026-03-09 10:00", false}, // Monday after the DST change, in New York time
	}
	for _, tt := range tests {
		if got := cfg.Freshness.Quiet("vix", at(tt.when).UTC()); got != tt.quiet {
			t.Errorf("vix at %s NY: quiet=%v, want %v", tt.when, got, tt.quiet)
		}
	}
	if cfg.Freshness.Quiet("funding_btc", at("2026-11-28 12:00")) {
		t.Error("funding_btc has no quiet hours")
	}
}

func TestSchedules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec     string
		ok       bool
		interval time.Duration
	}{
		{"@every 30s", true, 30 * time.Second},
		{"*/15 * * * * *", true, 15 * time.Second},
		{"0 * * * *", true, time.Hour},
		{"@every -5s", false, 0},
		{"@every 500ms", false, 0},
		{"0 0 30 2 *", false, 0}, // February 30th never comes
		{"CRON_TZ=Nowhere/City 0 * * * *", false, 0},
		{"", false, 0},
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		s, err := ParseSchedule(tt.spec)
		if (err == nil) != tt.ok {
			t.Errorf("%q: err=%v, want ok=%v", tt.spec, err, tt.ok)
			continue
		}
		if tt.ok && s.Interval(now) != tt.interval {
			t.Errorf("%q: interval %v, want %v", tt.spec, s.Interval(now), tt.interval)
		}
	}
}

func TestMissingConfigFileIsAnError(t *testing.T) {
	t.Parallel()
	_, err := Load("testdata/does-not-exist.toml")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "testdata/does-not-exist.toml") {
		t.Errorf("missing file: %v", err)
	}
}

func TestRelativePathsAreRelativeToTheConfigFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "tidewatch.toml")
	src := "[database]\npath = \"history/tw.db\"\n[divergence]\nsnapshot_dir = \"/abs/exf\"\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database.Path != filepath.Join(dir, "history", "tw.db") || cfg.Divergence.SnapshotDir != "/abs/exf" {
		t.Errorf("paths: %q, %q", cfg.Database.Path, cfg.Divergence.SnapshotDir)
	}
}

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.toml")
	for _, p := range append(seeds, "../config.toml") {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.toml", data)
		if err == nil && (len(cfg.Indicators.Expected) == 0 || cfg.Freshness.Schedule.Schedule == nil) {
			t.Errorf("a config without what every run needs was accepted")
		}
	})
}

func TestClusterDefaultsDeriveFromTheTTLAndTheHost(t *testing.T) {
	t.Parallel()
	cfg, err := Parse("c.toml", []byte("[cluster]\nlease_ttl = \"30s\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	c := cfg.Cluster
	if c.Instance != host || c.Renewal() != 7500*time.Millisecond || c.Margin() != 6*time.Second {
		t.Errorf("instance %q, renewal %s, margin %s; want %q, 7.5s, 6s", c.Instance, c.Renewal(), c.Margin(), host)
	}
}
