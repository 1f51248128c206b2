package docs

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/buildinfo"
	"tidewatch/metrics"
	"tidewatch/status"
	"tidewatch/supervise"
)

// exposition scrapes a daemon's metrics after a run of every check, with
// a bridge and a receiver, in the text format or OpenMetrics.
func exposition(t *testing.T, accept string) string {
	t.Helper()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cfg := config.Default()
	cfg.Bridge.Enabled = true
	cfg.Alerts.Receivers = []config.Receiver{{Name: "ops", Type: "webhook", URLEnv: "X"}}
	m := metrics.New(store, &cfg, buildinfo.Read(), slog.New(slog.DiscardHandler))
	m.PendingRuns(func() int { return 0 })
	// An instance of a cluster: the leader's gauges.
	m.Cluster(func() *status.Cluster { return &status.Cluster{Role: "leader", Epoch: 3} })
	f, n, age := 12.5, int64(7), 3.0
	now := time.Now()
	for _, j := range cfg.Jobs() {
		run := &db.Run{Job: j.Name, Started: now, Finished: now.Add(time.Millisecond), Status: checks.StatusHealthy,
			Health: checks.Health{RecordAgeS: &f, ScanAgeS: &age, ScanNumber: &n}}
		if j.Name == config.JobFreshness {
			run.Staleness = map[string]float64{"vix": 4}
		}
		if j.Name == config.JobBridge {
			run.Bridge = &checks.BridgeSample{State: supervise.Running, Restarts: 1}
		}
		m.Observe(run)
	}
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	req.Header.Set("Accept", accept)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Header.Get("Content-Type") + "\n" + string(b)
}

var (
	sample   = regexp.MustCompile(`(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? `)
	typeLine = regexp.MustCompile(`(?m)^# TYPE (\S+) (\S+)$`)
	named    = regexp.MustCompile(`\btidewatch_[a-z_]+`)
)

// Every metric the alerting rules and the dashboard name is one /metrics
// exposes; and what it exposes follows Prometheus's conventions: counters
// end in _total, no series is labelled job or instance (the scrape's own),
// the series of every check, status and receiver are there before any
// event, and OpenMetrics is served to a scraper that asks for it.
func TestRulesAndDashboardNameOnlyExposedMetrics(t *testing.T) {
	t.Parallel()
	text := exposition(t, "text/plain")
	exposed := map[string]bool{"up": true}
	for _, m := range sample.FindAllStringSubmatch(text, -1) {
		exposed[m[1]] = true
		if strings.Contains(m[2], `job="`) || strings.Contains(m[2], `instance="`) {
			t.Errorf("%s%s: job and instance are the scrape's labels", m[1], m[2])
		}
	}
	for _, m := range typeLine.FindAllStringSubmatch(text, -1) {
		if m[2] == "counter" && !strings.HasSuffix(m[1], "_total") {
			t.Errorf("counter %s does not end in _total", m[1])
		}
		if m[2] != "counter" && strings.HasSuffix(m[1], "_total") {
			t.Errorf("%s %s ends in _total", m[2], m[1])
		}
	}
	for _, file := range []string{"prometheus/alerts.yml", "grafana/tidewatch.json"} {
		for _, name := range named.FindAllString(read(t, file), -1) {
			if !exposed[name] {
				t.Errorf("%s names %s, which /metrics does not expose", file, name)
			}
		}
	}
	for _, want := range []string{
		`tidewatch_runs_total{check="divergence",status="error"} 0`, `tidewatch_runs_not_recorded_total{check="bridge",reason="shutdown"} 0`,
		`tidewatch_notification_failures_total{receiver="ops"} 0`, `tidewatch_notifications_sent_total{receiver="ops"} 0`,
		`tidewatch_health{check="integrity"} 0`, `tidewatch_check_interval_seconds{check="freshness"} 30`,
		"tidewatch_bridge_restarts_total 1", "tidewatch_bridge_up 1", "tidewatch_config_last_reload_successful 1", "tidewatch_ready 0",
		`tidewatch_indicator_staleness_seconds{indicator="vix"} 4`, "tidewatch_exf_age_seconds 12.5",
		`tidewatch_build_info{goversion="go`, `tidewatch_open_problems{severity="critical"} 0`,
		"tidewatch_leader 1", "tidewatch_leader_epoch 3", "tidewatch_lease_age_seconds -1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	om := exposition(t, "application/openmetrics-text; version=1.0.0")
	if !strings.HasPrefix(om, "application/openmetrics-text") || !strings.HasSuffix(strings.TrimSpace(om), "# EOF") {
		t.Errorf("no OpenMetrics when asked for: %.200s", om)
	}
}

// Without a bridge there are no bridge series: tidewatch_bridge_up 0 would
// say a bridge is down.
func TestNoBridgeNoBridgeSeries(t *testing.T) {
	t.Parallel()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cfg := config.Default()
	m := metrics.New(store, &cfg, buildinfo.Read(), slog.New(slog.DiscardHandler))
	scrape := func() string {
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		return rec.Body.String()
	}
	if s := scrape(); strings.Contains(s, "tidewatch_bridge") || strings.Contains(s, `check="bridge"`) {
		t.Errorf("bridge series without a bridge:\n%s", s)
	}
	with := cfg
	with.Bridge.Enabled = true
	m.Reconfigure(&with)
	if s := scrape(); !strings.Contains(s, "tidewatch_bridge_restarts_total 0") || !strings.Contains(s, `tidewatch_health{check="bridge"} 3`) {
		t.Errorf("a bridge enabled by a reload has no series")
	}
	m.Reconfigure(&cfg)
	if s := scrape(); strings.Contains(s, "tidewatch_bridge") || strings.Contains(s, `check="bridge"`) {
		t.Errorf("bridge series after a reload disabled it")
	}
	// An indicator a freshness run no longer judges (quiet hours) loses
	// its series.
	now := time.Now()
	m.Observe(&db.Run{Job: config.JobFreshness, Started: now, Finished: now, Status: checks.StatusHealthy, Staleness: map[string]float64{"vix": 4, "dxy": 5}})
	m.Observe(&db.Run{Job: config.JobFreshness, Started: now, Finished: now, Status: checks.StatusHealthy, Staleness: map[string]float64{"dxy": 6}})
	if s := scrape(); strings.Contains(s, `indicator="vix"`) || !strings.Contains(s, `tidewatch_indicator_staleness_seconds{indicator="dxy"} 6`) {
		t.Errorf("staleness series:\n%s", grep(s, "staleness"))
	}
}

func grep(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
