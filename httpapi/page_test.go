package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/alert"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/historygen"
	"tidewatch/internal/testenv"
	"tidewatch/statuspage"
)

// live serves six hours of generated history, an open critical problem
// that paged, a silenced warning and the indicators as the daemon last
// saw them.
func live(t *testing.T) (*Server, *config.Config) {
	t.Helper()
	cfg := config.Default()
	cfg.HTTP.Listen = "127.0.0.1:0"
	cfg.Bridge.Enabled = true
	cfg.Alerts.Receivers = []config.Receiver{{Name: "oncall", Type: "pagerduty", RoutingKeyEnv: "K"}}
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	now := time.Now().UTC()
	if _, err := historygen.Generate(ctx, store, &cfg, now.Add(-time.Minute), 6*time.Hour, 7); err != nil {
		t.Fatal(err)
	}
	pol := alert.NewPolicy(cfg.Alerts)
	pol.ReadSilences(store.ActiveSilences, slog.New(slog.DiscardHandler))
	if _, err := store.AddSilence(ctx, db.Silence{Matcher: "divergence/*", Starts: now.Add(-time.Hour), Ends: now.Add(time.Hour),
		CreatedBy: "alice", Comment: "snapshots being moved", Created: now}); err != nil {
		t.Fatal(err)
	}
	l := &statuspage.Live{}
	for i, at := range []time.Time{now.Add(-40 * time.Second), now.Add(-10 * time.Second)} {
		for _, job := range []string{config.JobIntegrity, config.JobDivergence} {
			run := &db.Run{Job: job, Started: at, Finished: at.Add(time.Millisecond), Status: checks.StatusCritical, Overall: checks.StatusCritical,
				Health: checks.Health{HazelcastConnected: true, MissingCritical: []string{"vix"}}}
			if job == config.JobIntegrity {
				run.Findings = []checks.Finding{{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix", Message: "ACB-critical indicator vix is NaN"}}
				run.Values = map[string]float64{}
				for _, ind := range cfg.Indicators.Expected {
					if ind != "vix" {
						run.Values[ind] = 1.5
					}
				}
			} else {
				run.Status, run.Overall = checks.StatusDegraded, checks.StatusDegraded
				run.Findings = []checks.Finding{{Severity: checks.Warning, Category: checks.CatDiskLag, Message: "the newest readable snapshot trails exf_latest by 6m10s"}}
			}
			live, err := store.LiveProblems(ctx)
			if err != nil {
				t.Fatal(err)
			}
			run.Problems, run.Notices = pol.Evaluate(job, run.Findings, at, live)
			if _, err := store.WriteRun(ctx, run); err != nil {
				t.Fatal(err)
			}
			l.Observe(run)
		}
		if i == 1 {
			l.Observe(&db.Run{Job: config.JobFreshness, Started: at, Staleness: map[string]float64{"funding_btc": 4, "dxy": 150}})
		}
	}
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "# metrics\n") })
	s, err := New(&cfg, store, metrics, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	s.SetStatusPage(statuspage.Source{Store: store, Live: l, Instance: "tidewatch-ams-1", Version: "v1.4.0", Refresh: 15})
	s.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Stop(ctx)
	})
	return s, &cfg
}

// The status page, the badges and the report are served live from
// history; POST /-/reload says what it did, or why not.
func TestStatusPageBadgesReportAndReload(t *testing.T) {
	t.Parallel()
	s, _ := live(t)
	code, page := get(t, s, "/", "")
	for _, want := range []string{`<div class="word">NOT READY</div>`, `data-fingerprint="integrity/missing_critical/vix"`,
		`silenced (silence 1: snapshots being moved)`, `aria-label="last 60 runs of integrity"`, `<span class="pill s-missing">missing</span>`,
		`id="bridge"`, `href="report?since=7d&amp;format=html"`} {
		if code != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("/: %d, no %s", code, want)
		}
	}
	if code, _ := get(t, s, "/nothing", ""); code != http.StatusNotFound {
		t.Errorf("/nothing: %d", code)
	}
	code, svg := get(t, s, "/badge/overall.svg", "")
	if code != http.StatusOK || !strings.Contains(svg, "<title>tidewatch: not ready") || !strings.Contains(svg, "#e05d44") {
		t.Errorf("/badge/overall.svg: %d %s", code, svg)
	}
	code, body := get(t, s, "/badge/integrity.json", "")
	var ep statuspage.Endpoint
	if err := json.Unmarshal([]byte(body), &ep); err != nil || code != http.StatusOK || ep.SchemaVersion != 1 || ep.Label != "integrity" ||
		ep.Message != "critical" || ep.Color != "red" {
		t.Errorf("/badge/integrity.json: %d %s", code, body)
	}
	if code, body := get(t, s, "/badge/nope.svg", ""); code != http.StatusNotFound || !strings.Contains(body, "overall, integrity, divergence, freshness, bridge") {
		t.Errorf("/badge/nope.svg: %d %s", code, body)
	}
	if code, body := get(t, s, "/report?since=6h", ""); code != http.StatusOK || !strings.Contains(body, "<!DOCTYPE html>") {
		t.Errorf("/report: %d %.200s", code, body)
	}
	if code, body := get(t, s, "/report?since=1h&format=json", ""); code != http.StatusOK || !strings.Contains(body, `"since"`) {
		t.Errorf("/report json: %d %.200s", code, body)
	}
	if code, body := get(t, s, "/report?format=pdf", ""); code != http.StatusBadRequest || !strings.Contains(body, "use text, json") {
		t.Errorf("/report?format=pdf: %d %s", code, body)
	}
	post := func() (int, string) {
		resp, err := http.Post("http://"+s.Addr()+"/-/reload", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := post(); code != http.StatusServiceUnavailable {
		t.Errorf("reload before it is set: %d", code)
	}
	s.SetReload(func() ([]string, error) { return nil, os.ErrInvalid })
	if code, body := post(); code != http.StatusBadRequest || !strings.Contains(body, "reload refused; the running config is kept") {
		t.Errorf("a refused reload: %d %s", code, body)
	}
	s.SetReload(func() ([]string, error) { return []string{"freshness", "alerts"}, nil })
	if code, body := post(); code != http.StatusOK || body != "reloaded: freshness, alerts changed\n" {
		t.Errorf("a reload: %d %q", code, body)
	}
}

// The page and the report as a browser shows them, served live: no error
// in the console, the verdict and the charts rendered. The screenshots are
// test artifacts; with TIDEWATCH_SCREENSHOTS=DIR they are also written
// there (docs/ holds the README's).
func TestServedPagesInChromium(t *testing.T) {
	t.Parallel()
	testenv.Chromium(t)
	s, _ := live(t)
	base := "http://" + s.Addr()
	dom, logs := testenv.Browse(t, base+"/", "--dump-dom")
	if !strings.Contains(dom, `<div class="word">NOT READY</div>`) || !strings.Contains(dom, `data-indicator="vix"`) {
		t.Errorf("the served page did not render:\n%.500s", dom)
	}
	if bad := testenv.BrowserErrors(logs); len(bad) > 0 {
		t.Errorf("the browser reported errors on /:\n%s", strings.Join(bad, "\n"))
	}
	dom, logs = testenv.Browse(t, base+"/report?since=6h&format=html", "--dump-dom")
	if !strings.Contains(dom, `aria-label="health timeline"`) {
		t.Errorf("the served report did not render:\n%.500s", dom)
	}
	if bad := testenv.BrowserErrors(logs); len(bad) > 0 {
		t.Errorf("the browser reported errors on /report:\n%s", strings.Join(bad, "\n"))
	}
	dirs := []string{testenv.Artifacts(t)}
	if d := os.Getenv("TIDEWATCH_SCREENSHOTS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		for _, shot := range []struct{ file, path, size string }{
			{"status-page.png", "/", "1400,1100"},
			{"report.png", "/report?since=6h&format=html", "1400,1800"},
		} {
			file := filepath.Join(dir, shot.file)
			testenv.Browse(t, base+shot.path, "--screenshot="+file, "--window-size="+shot.size, "--hide-scrollbars",
				"--force-dark-mode=true", "--blink-settings=preferredColorScheme=0")
			if st, err := os.Stat(file); err != nil || st.Size() < 20000 {
				t.Errorf("%s: %v (%d bytes)", file, err, st.Size())
			}
			t.Logf("%s", file)
		}
	}
}
