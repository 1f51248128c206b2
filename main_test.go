package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	_ "modernc.org/sqlite"

	"tidewatch/alert"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/internal/testenv"
	"tidewatch/report"
)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

var maps atomic.Int64

// setup writes a config for the shared member, in a map of the test's own,
// and returns its path and a client to play the producer with.
func setup(t *testing.T, extra string) (string, *hz.Client, string) {
	t.Helper()
	m := hztest.Shared(t)
	dir := t.TempDir()
	mapName := fmt.Sprintf("FEATURES_%d", maps.Add(1))
	conf := fmt.Sprintf(`
[hazelcast]
addresses = [%q]
cluster_name = %q
map = %q
connect_timeout = "20s"

[database]
path = "tw.db"

[http]
listen = "127.0.0.1:0"

[divergence]
snapshot_dir = "exf"
%s`, m.Addr(), m.Cluster, mapName, extra)
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, m.Client(t, slog.New(slog.DiscardHandler)), mapName
}

func putRecord(t *testing.T, c *hz.Client, mapName string, nan ...string) {
	t.Helper()
	rec := map[string]any{}
	stale := map[string]any{}
	for i, name := range config.ExpectedIndicators {
		rec[name] = float64(i) + 0.5
		stale[name] = 2.0
	}
	rec["_staleness_s"], rec["_acb_ready"], rec["_pushed_at"] = stale, true, float64(time.Now().UnixMilli())/1000
	for _, k := range nan {
		rec[k] = "NaN!"
	}
	b, _ := json.Marshal(rec)
	text := strings.ReplaceAll(string(b), `"NaN!"`, "NaN")
	if err := c.Put(context.Background(), mapName, "exf_latest", text); err != nil {
		t.Fatal(err)
	}
}

func tw(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

func TestUsageAndVersion(t *testing.T) {
	t.Parallel()
	if code, out, _ := tw("version"); code != 0 || !strings.HasPrefix(out, "tidewatch ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errOut := tw("frobnicate"); code != exitUsage || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, _ := tw(); code != exitUsage {
		t.Errorf("no command: %d", code)
	}
	if code, _, errOut := tw("status", "--severity", "loud"); code != exitUsage || !strings.Contains(errOut, "use info, warning or critical") {
		t.Errorf("bad severity: %d %q", code, errOut)
	}
}

func TestInvalidConfigStopsBeforeDoingAnything(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	os.WriteFile(path, []byte("[database]\npath = \"x.db\"\n[freshness]\nstale_after = 120\n"), 0o644)
	for _, cmd := range []string{"run", "check", "status"} {
		code, _, errOut := tw(cmd, "--config", path)
		if code == 0 || !strings.Contains(errOut, path+":4: freshness.stale_after:") {
			t.Errorf("%s: exit %d, %q", cmd, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); !os.IsNotExist(err) {
		t.Error("a database was created from an invalid config")
	}
}

func TestCheckStatusAndReport(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "")

	if code, out, _ := tw("status", "--config", conf); code != 3 || !strings.Contains(out, "UNKNOWN: no history") {
		t.Errorf("status before any run: %d %q", code, out)
	}

	putRecord(t, c, mapName)
	code, out, errOut := tw("check", "--config", conf)
	// No snapshot directory: a warning, which does not degrade.
	if code != 0 || !strings.Contains(out, "tidewatch check: HEALTHY") || !strings.Contains(out, "persistence_unavailable") {
		t.Errorf("healthy check: %d\n%s\n%s", code, out, errOut)
	}

	putRecord(t, c, mapName, "vix")
	code, out, _ = tw("check", "--config", conf, "--job", "integrity", "--json")
	var verdict report.Check
	if err := json.Unmarshal([]byte(out), &verdict); err != nil {
		t.Fatalf("check --json: %v\n%s", err, out)
	}
	if code != 2 || verdict.Overall != "critical" || len(verdict.Runs) != 1 || verdict.Runs[0].Job != "integrity" {
		t.Errorf("critical check: %d %+v", code, verdict)
	}

	code, out, _ = tw("status", "--config", conf)
	if code != 2 || !strings.Contains(out, "tidewatch: CRITICAL") || !strings.Contains(out, "ACB-critical indicator vix is NaN") {
		t.Errorf("status: %d\n%s", code, out)
	}
	code, out, _ = tw("status", "--config", conf, "--json", "--severity", "critical", "-n", "1")
	var st report.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json: %v", err)
	}
	if code != 2 || len(st.Findings) != 1 || st.Findings[0].Indicator != "vix" || len(st.Stats) != 3 {
		t.Errorf("status --json: %d %+v", code, st)
	}

	code, out, _ = tw("report", "--config", conf, "--since", "1h")
	if code != 0 || !strings.Contains(out, "integrity   2     1        0         1         0") || !strings.Contains(out, "missing_critical") ||
		strings.Contains(out, "\x1b[") {
		t.Errorf("report: %d\n%s", code, out)
	}
	code, out, _ = tw("report", "--config", conf, "--format", "json", "--job", "integrity")
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || len(rep.Jobs) != 1 || rep.Jobs[0].Runs != 2 || rep.Subject != "integrity" {
		t.Errorf("report --format json: %d %v %+v", code, err, rep)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if code, _, errOut := tw("report", "--config", conf, "--format", "html", "-o", file); code != 0 {
		t.Errorf("report -o: %d %s", code, errOut)
	} else if b, _ := os.ReadFile(file); !strings.HasPrefix(string(b), "<!DOCTYPE html>") {
		t.Errorf("report.html: %.100s", b)
	}
	if code, _, errOut := tw("report", "--config", conf, "--format", "pdf"); code != exitUsage || !strings.Contains(errOut, "use text, json, markdown, csv, html") {
		t.Errorf("bad --format: %d %q", code, errOut)
	}
	if code, _, errOut := tw("report", "--config", conf, "--since", "last week"); code != exitUsage || !strings.Contains(errOut, "neither a duration") {
		t.Errorf("bad --since: %d %q", code, errOut)
	}
}

func TestStatusIsUnknownWhenHistoryIsOld(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "[integrity]\nschedule = \"@every 1s\"\n[freshness]\nschedule = \"@every 1s\"\n")
	putRecord(t, c, mapName)
	if code, out, errOut := tw("check", "--config", conf); code != 0 {
		t.Fatalf("check: %d\n%s\n%s", code, out, errOut)
	}
	time.Sleep(14 * time.Second) // 3 intervals and the 10s of slack
	code, out, _ := tw("status", "--config", conf)
	if code != 3 || !strings.Contains(out, "UNKNOWN") || !strings.Contains(out, "integrity last ran 1") || !strings.Contains(out, "is tidewatch run going?") {
		t.Errorf("status of old history: %d\n%s", code, out)
	}
}

func TestDaemonRecordsAndStopsCleanlyOnSIGTERM(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "[freshness]\nschedule = \"@every 1s\"\n")
	putRecord(t, c, mapName)
	bin := testenv.Tidewatch(t)
	var logs bytes.Buffer
	cmd := exec.Command(bin, "run", "--config", conf, "--log-format", "json")
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
	}
	dbPath := filepath.Join(filepath.Dir(conf), "tw.db")
	if _, err := os.Stat(dbPath + "-wal"); !os.IsNotExist(err) {
		t.Error("the WAL is still there: the database was not closed cleanly")
	}
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM runs WHERE job = 'freshness'`).Scan(&n); err != nil || n < 3 {
		t.Errorf("freshness runs: %d, %v", n, err)
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Errorf("a log line that is not JSON: %q", line)
		}
	}
	if !strings.Contains(logs.String(), `"msg":"tidewatch stopped"`) {
		t.Errorf("no clean stop in the log:\n%s", logs.String())
	}
}

func TestKilledDaemonLosesNoHistory(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "[integrity]\nschedule = \"@every 1s\"\n[freshness]\nschedule = \"@every 1s\"\n")
	putRecord(t, c, mapName)
	bin := testenv.Tidewatch(t)
	dbPath := filepath.Join(filepath.Dir(conf), "tw.db")
	count := func() int {
		db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		var check string
		if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Fatalf("integrity_check: %q, %v", check, err)
		}
		if err := db.QueryRow(`SELECT count(*) FROM runs`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var before int
	for round := range 2 {
		cmd := exec.Command(bin, "run", "--config", conf)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2500 * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		n := count()
		if n <= before {
			t.Errorf("round %d: %d runs after SIGKILL, %d before", round, n, before)
		}
		before = n
	}
}

func TestKilledDaemonLeavesNoBridgeBehind(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	conf, _, _ := setup(t, fmt.Sprintf("[bridge]\nenabled = true\nwatch_dir = %q\nstate_dir = %q\n",
		filepath.Join(dir, "scans"), filepath.Join(dir, "state")))
	os.MkdirAll(filepath.Join(dir, "scans"), 0o755)
	cmd := exec.Command(testenv.Tidewatch(t), "run", "--config", conf)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var bridgePID int
	deadline := time.Now().Add(20 * time.Second)
	for bridgePID == 0 && time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(dir, "state", "bridge.pid")); err == nil {
			fmt.Sscanf(string(b), "%d", &bridgePID)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if bridgePID == 0 {
		cmd.Process.Kill()
		t.Fatal("the daemon started no bridge")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	deadline = time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", bridgePID)); os.IsNotExist(err) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(bridgePID, syscall.SIGKILL)
	t.Errorf("bridge %d outlived its killed parent", bridgePID)
}

// daemon is `tidewatch run` as a real process.
type daemon struct {
	cmd  *exec.Cmd
	logs *syncBuffer
	addr string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func startDaemon(t *testing.T, conf string, env ...string) *daemon {
	t.Helper()
	d := &daemon{logs: &syncBuffer{}}
	d.cmd = exec.Command(testenv.Tidewatch(t), "run", "--config", conf, "--log-format", "json")
	d.cmd.Stderr = d.logs
	d.cmd.Env = append(os.Environ(), env...)
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.cmd.Process.Signal(syscall.SIGTERM)
		d.cmd.Wait()
	})
	addr := regexp.MustCompile(`"msg":"http server listening","addr":"([^"]+)"`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := addr.FindStringSubmatch(d.logs.String()); m != nil {
			d.addr = m[1]
			return d
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the daemon serves no http:\n%s", d.logs.String())
	return nil
}

func (d *daemon) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + d.addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// until polls an endpoint until it answers code.
func (d *daemon) until(t *testing.T, path string, code int) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var got int
	var body string
	for time.Now().Before(deadline) {
		if got, body = d.get(t, path); got == code {
			return body
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %d %s, want %d\nlog:\n%s", path, got, body, code, d.logs.String())
	return ""
}

func TestReadinessAlertsAndMetricsOfARunningDaemon(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []alert.WebhookBody
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mac := hmac.New(sha256.New, []byte("hook-key"))
		mac.Write(body)
		if r.Header.Get(alert.SignatureHeader) != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
			t.Errorf("bad signature on %s", body)
		}
		var b alert.WebhookBody
		json.Unmarshal(body, &b)
		mu.Lock()
		got = append(got, b)
		mu.Unlock()
	}))
	defer hook.Close()
	conf, c, mapName := setup(t, `[integrity]
schedule = "@every 1s"
[freshness]
schedule = "@every 1s"
[[alerts.receivers]]
name = "ops"
type = "webhook"
url_env = "TW_TEST_HOOK"
secret_env = "TW_TEST_HOOK_KEY"
`)
	putRecord(t, c, mapName)
	d := startDaemon(t, conf, "TW_TEST_HOOK="+hook.URL, "TW_TEST_HOOK_KEY=hook-key")
	d.until(t, "/healthz", 200)
	d.until(t, "/readyz", 200)
	if code, _, _ := tw("wait", "--config", conf, "--timeout", "5s"); code != 0 {
		t.Errorf("wait while ready: %d", code)
	}

	putRecord(t, c, mapName, "vix")
	body := d.until(t, "/readyz", 503)
	var rd report.Readiness
	if err := json.Unmarshal([]byte(body), &rd); err != nil || rd.Ready ||
		!strings.Contains(strings.Join(rd.Reasons, "; "), "ACB-critical indicators missing: vix") {
		t.Errorf("readyz: %s", body)
	}
	code, out, _ := tw("wait", "--config", conf, "--timeout", "1500ms", "--interval", "200ms")
	if code != 1 || !strings.Contains(out, "not ready after 1.5s") || !strings.Contains(out, "vix") {
		t.Errorf("wait while not ready: %d %s", code, out)
	}

	// /metrics in Prometheus's own parser.
	_, text := d.get(t, "/metrics")
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("metrics: %v", err)
	}
	for _, name := range []string{"tidewatch_runs_total", "tidewatch_run_duration_seconds", "tidewatch_indicator_staleness_seconds",
		"tidewatch_indicators_present", "tidewatch_open_problems", "tidewatch_scan_age_seconds", "tidewatch_bridge_up"} {
		if _, ok := families[name]; !ok {
			t.Errorf("no %s in /metrics", name)
		}
	}
	if f := families["tidewatch_indicators_present"]; f == nil || f.GetMetric()[0].GetGauge().GetValue() != 27 {
		t.Errorf("indicators present: %v", f)
	}

	waitWait := make(chan int, 1)
	go func() {
		code, _, _ := tw("wait", "--config", conf, "--timeout", "20s", "--interval", "100ms")
		waitWait <- code
	}()
	putRecord(t, c, mapName)
	d.until(t, "/readyz", 200)
	if code := <-waitWait; code != 0 {
		t.Errorf("wait across the recovery: %d", code)
	}
	_, status := d.get(t, "/status")
	var st report.Status
	if err := json.Unmarshal([]byte(status), &st); err != nil || len(st.Jobs) != 3 {
		t.Errorf("/status: %v %s", err, status)
	}

	// The webhook got the trigger and, after the recovery, the resolve.
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n >= 2 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	var kinds []string
	for _, b := range got {
		for _, a := range b.Alerts {
			kinds = append(kinds, a.Kind+" "+a.Fingerprint)
		}
	}
	joined := strings.Join(kinds, ", ")
	if !strings.Contains(joined, "trigger integrity/missing_critical/vix") || !strings.Contains(joined, "resolve integrity/missing_critical/vix") {
		t.Errorf("webhook got %q\nlog:\n%s", joined, d.logs.String())
	}
	if strings.Contains(d.logs.String(), hook.URL) {
		t.Error("the webhook URL (a secret) is in the log")
	}
}
