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
	"strconv"
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
	"tidewatch/cli"
	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/internal/proc"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/report"
	"tidewatch/status"
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
	code = cli.Main(context.Background(), args, cli.Env{Stdout: &o, Stderr: &e, Now: time.Now, Getenv: os.Getenv, Version: "dev"})
	return code, o.String(), e.String()
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
	var verdict status.Check
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
	var st status.Status
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
	if code, _, errOut := tw("report", "--config", conf, "--format", "pdf"); code != cli.ExitUsage || !strings.Contains(errOut, "use text, json, markdown, csv, html") {
		t.Errorf("bad --format: %d %q", code, errOut)
	}
	if code, _, errOut := tw("report", "--config", conf, "--since", "last week"); code != cli.ExitUsage || !strings.Contains(errOut, "neither a duration") {
		t.Errorf("bad --since: %d %q", code, errOut)
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
	dbPath := filepath.Join(filepath.Dir(conf), "tw.db")
	freshness := func() int {
		n := 0
		if db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro"); err == nil {
			db.QueryRow(`SELECT count(*) FROM runs WHERE job = 'freshness'`).Scan(&n)
			db.Close()
		}
		return n
	}
	waitFor(t, 30*time.Second, func() string { return fmt.Sprintf("%d freshness runs", freshness()) }, func() bool { return freshness() >= 3 })
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
	}
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

// Fault: tidewatch killed with SIGKILL in a storm of writes (every job
// every second, 29 findings a freshness run, a bridge pushing 20 scans a
// second), twice. After each kill the database passes integrity_check,
// every run the log reported as recorded is in it, and no bridge is left.
func TestSIGKILLDuringAStormOfWrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scans := filepath.Join(dir, "scans")
	os.MkdirAll(scans, 0o755)
	conf, c, mapName := setup(t, fmt.Sprintf(`[integrity]
schedule = "@every 1s"
[freshness]
schedule = "@every 1s"
stale_after = "1s"
[bridge]
enabled = true
watch_dir = %q
state_dir = %q
startup_grace = "1s"
`, scans, filepath.Join(dir, "state")))
	putRecord(t, c, mapName)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for n := int64(1); ; n++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			scantest.Write(scans, fmt.Sprintf("s%07d.arrow", n), n, time.Now(), 50)
		}
	}()
	dbPath := filepath.Join(filepath.Dir(conf), "tw.db")
	ranRe := regexp.MustCompile(`"run_id":(\d+)`)
	for round := range 2 {
		var logs testenv.LogBuffer
		cmd := exec.Command(testenv.Tidewatch(t), "run", "--config", conf, "--log-format", "json", "--log-level", "debug")
		cmd.Stderr = &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed once it has reported runs and started its bridge.
		waitFor(t, 30*time.Second, logs.String, func() bool {
			_, err := os.Stat(filepath.Join(dir, "state", "bridge.pid"))
			return err == nil && len(ranRe.FindAllString(logs.String(), -1)) >= 5
		})
		var bridgePID int
		if b, err := os.ReadFile(filepath.Join(dir, "state", "bridge.pid")); err == nil {
			fmt.Sscanf(string(b), "%d", &bridgePID)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var check string
		if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity_check %q, %v", round, check, err)
		}
		reported := ranRe.FindAllStringSubmatch(logs.String(), -1)
		if len(reported) < 5 {
			t.Fatalf("round %d: only %d runs reported:\n%s", round, len(reported), logs.String())
		}
		for _, m := range reported {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM runs WHERE id = ?`, m[1]).Scan(&n); err != nil || n != 1 {
				t.Errorf("round %d: run %s was reported recorded but is not in the database", round, m[1])
			}
		}
		db.Close()
		if bridgePID == 0 {
			t.Fatalf("round %d: no bridge was started", round)
		}
		gone := false
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, err := proc.Start(bridgePID); err != nil {
				gone = true
				break
			}
		}
		if !gone {
			syscall.Kill(bridgePID, syscall.SIGKILL)
			t.Errorf("round %d: bridge %d outlived its killed parent", round, bridgePID)
		}
	}
}

// waitFor polls cond until it holds, failing the test with what after the
// deadline.
func waitFor(t testing.TB, within time.Duration, what func() string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(within); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", within, what())
		}
	}
}

// daemon is `tidewatch run` as a real process.
type daemon struct {
	cmd    *exec.Cmd
	logs   *testenv.LogBuffer
	addr   string
	exited chan struct{} // closed once the process is reaped
}

func startDaemon(t testing.TB, conf string, env ...string) *daemon {
	t.Helper()
	d := &daemon{logs: &testenv.LogBuffer{}}
	d.cmd = exec.Command(testenv.Tidewatch(t), "run", "--config", conf, "--log-format", "json")
	d.cmd.Stderr = d.logs
	d.cmd.Env = append(os.Environ(), env...)
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	d.exited = exited
	go func() {
		d.cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		d.cmd.Process.Signal(syscall.SIGTERM)
		<-exited
	})
	addr := regexp.MustCompile(`"msg":"http server listening","component":"http","addr":"([^"]+)"`)
	deadline := time.After(60 * time.Second)
	for {
		if m := addr.FindStringSubmatch(d.logs.String()); m != nil {
			d.addr = m[1]
			return d
		}
		select {
		case <-exited:
			t.Fatalf("the daemon exited before serving http:\n%s", d.logs.String())
		case <-deadline:
			t.Fatalf("the daemon serves no http:\n%s", d.logs.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (d *daemon) get(t testing.TB, path string) (int, string) {
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
func (d *daemon) until(t testing.TB, path string, code int) string {
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
	var rd status.Readiness
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
		"tidewatch_indicators_present", "tidewatch_open_problems", "tidewatch_scan_age_seconds", "tidewatch_ready",
		"tidewatch_health", "tidewatch_last_run_timestamp_seconds", "tidewatch_db_wal_bytes", "tidewatch_runs_pending"} {
		if _, ok := families[name]; !ok {
			t.Errorf("no %s in /metrics", name)
		}
	}
	// This daemon runs no bridge: no bridge series say one is down.
	if _, ok := families["tidewatch_bridge_up"]; ok {
		t.Error("tidewatch_bridge_up without a bridge")
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
	_, body = d.get(t, "/status")
	var st status.Status
	if err := json.Unmarshal([]byte(body), &st); err != nil || len(st.Jobs) != 3 {
		t.Errorf("/status: %v %s", err, body)
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

// gauge reads one value from /metrics.
func (d *daemon) gauge(t testing.TB, name string) float64 {
	t.Helper()
	_, text := d.get(t, "/metrics")
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := families[name]
	if !ok {
		t.Fatalf("no %s in /metrics", name)
	}
	m := f.GetMetric()[0]
	if m.GetGauge() != nil {
		return m.GetGauge().GetValue()
	}
	return m.GetCounter().GetValue()
}

// Fault: the Hazelcast member killed and restarted under a running
// tidewatch and bridge. Critical runs are recorded while it is away; once it
// is back (and the producer and scanner write again) everything recovers by
// itself within a bounded time, and no goroutines are left behind.
func TestHazelcastMemberKilledAndRestarted(t *testing.T) {
	t.Parallel()
	m := hztest.Start(t)
	dir := t.TempDir()
	scans := filepath.Join(dir, "scans")
	os.MkdirAll(scans, 0o755)
	conf := filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte(fmt.Sprintf(`[hazelcast]
addresses = [%q]
cluster_name = %q
heartbeat_timeout = "5s"
[database]
path = "tw.db"
[http]
listen = "127.0.0.1:0"
[integrity]
schedule = "@every 1s"
[divergence]
snapshot_dir = "exf"
schedule = "@every 1s"
[freshness]
schedule = "@every 1s"
[bridge]
enabled = true
watch_dir = %q
state_dir = "state"
startup_grace = "2s"
health_schedule = "@every 1s"
`, m.Addr(), m.Cluster, scans)), 0o644)
	c := m.Client(t, slog.New(slog.DiscardHandler))
	putRecordQuietly(c, "DOLPHIN_FEATURES")
	stop := make(chan struct{})
	defer close(stop)
	go func() { // the producer and the scanner, writing on regardless
		for n := int64(1); ; n++ {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			putRecordQuietly(c, "DOLPHIN_FEATURES")
			scantest.Write(scans, fmt.Sprintf("s%07d.arrow", n), n, time.Now(), 20)
		}
	}()
	d := startDaemon(t, conf)
	d.until(t, "/readyz", 200)
	// Settled: the same number of goroutines twice in a row.
	before := d.gauge(t, "go_goroutines")
	waitFor(t, 20*time.Second, func() string { return "the goroutines do not settle" }, func() bool {
		time.Sleep(500 * time.Millisecond)
		now := d.gauge(t, "go_goroutines")
		settled := now == before
		before = now
		return settled
	})

	killed := time.Now()
	m.Kill()
	body := d.until(t, "/readyz", 503)
	if !strings.Contains(body, "Hazelcast unreachable") {
		t.Errorf("readyz while the member is away: %s", body)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "tw.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	waitFor(t, 20*time.Second, func() string { return "no critical run recorded while the member was away" }, func() bool {
		var critical int
		db.QueryRow(`SELECT count(*) FROM runs r JOIN health h ON h.run_id = r.id
			WHERE r.started_at > ? AND r.status = 'critical' AND h.hazelcast_connected = 0`,
			killed.UTC().Format("2006-01-02 15:04:05.000")).Scan(&critical)
		return critical > 0
	})

	m.Restart(t)
	back := time.Now()
	d.until(t, "/readyz", 200)
	t.Logf("recovered %s after the member came back", time.Since(back).Round(100*time.Millisecond))
	// The outage's connections wind down.
	waitFor(t, 30*time.Second, func() string {
		return fmt.Sprintf("goroutines: %v before the outage, %v after the recovery", before, d.gauge(t, "go_goroutines"))
	}, func() bool { return d.gauge(t, "go_goroutines") <= before+5 })
}

// putRecordQuietly writes a healthy record, ignoring failures (the member
// may be away).
func putRecordQuietly(c *hz.Client, mapName string) {
	rec := map[string]any{}
	stale := map[string]any{}
	for i, name := range config.ExpectedIndicators {
		rec[name] = float64(i) + 0.5
		stale[name] = 1.0
	}
	rec["_staleness_s"], rec["_acb_ready"], rec["_pushed_at"] = stale, true, float64(time.Now().UnixMilli())/1000
	b, _ := json.Marshal(rec)
	c.Put(context.Background(), mapName, "exf_latest", string(b))
}

// Fault: the database's filesystem fills up under a running daemon. It
// says so clearly, goes on checking and logging, and records again once
// there is room; the history before stays whole. The filesystem is a small
// tmpfs in a mount namespace of the daemon's own (unshare, as any user),
// reached from here through nsenter and /proc/PID/root.
func TestDiskFullUnderARunningDaemon(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"unshare", "nsenter"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s (util-linux) is needed: %v", tool, err)
		}
	}
	conf, c, mapName := setup(t, "[integrity]\nschedule = \"@every 1s\"\n[freshness]\nschedule = \"@every 1s\"\nstale_after = \"1s\"\n")
	putRecord(t, c, mapName)
	dbDir := filepath.Join(t.TempDir(), "db")
	os.MkdirAll(dbDir, 0o755)
	src, _ := os.ReadFile(conf)
	os.WriteFile(conf, []byte(strings.Replace(string(src), `path = "tw.db"`, fmt.Sprintf("path = %q", filepath.Join(dbDir, "tw.db")), 1)), 0o644)

	logs := &testenv.LogBuffer{}
	// 8 MB of tmpfs; the ballast leaves 1.5 MB for the database.
	cmd := exec.Command("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
		`mount -t tmpfs -o size=8m tmpfs "$0" && dd if=/dev/zero of="$0/ballast" bs=1k count=6656 2>/dev/null && exec "$@"`,
		dbDir, testenv.Tidewatch(t), "run", "--config", conf, "--log-format", "json", "--log-level", "debug")
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	inNamespace := func(args ...string) ([]byte, error) {
		return exec.Command("nsenter", append([]string{"--target", fmt.Sprint(cmd.Process.Pid), "--user", "--mount"}, args...)...).Output()
	}
	// SQLite resolves the /proc/PID/root symlink away, so the database is
	// read inside the daemon's mount namespace.
	query := func(q string) string {
		out, _ := inNamespace("sqlite3", "file:"+filepath.Join(dbDir, "tw.db")+"?mode=ro", q)
		return strings.TrimSpace(string(out))
	}
	runs := func() int {
		n, err := strconv.Atoi(query("SELECT count(*) FROM runs"))
		if err != nil {
			return -1
		}
		return n
	}
	waitRuns := func(what string) {
		t.Helper()
		from := runs()
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			if runs() > from+2 {
				return
			}
		}
		t.Fatalf("%s: runs are not being recorded (%d)\n%s", what, runs(), logs.String())
	}
	waitRuns("at start")

	full := regexp.MustCompile(`"msg":"run not recorded".*database or disk is full`)
	for deadline := time.Now().Add(90 * time.Second); !full.MatchString(logs.String()); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the disk never filled up:\n%s", logs.String())
		}
	}
	mark := len(logs.String())
	waitFor(t, 10*time.Second, func() string { return "the daemon stopped checking while the disk was full:\n" + logs.String()[mark:] },
		func() bool { return strings.Count(logs.String()[mark:], `"msg":"run not recorded"`) >= 2 })
	if err := os.Remove(fmt.Sprintf("/proc/%d/root%s/ballast", cmd.Process.Pid, dbDir)); err != nil {
		t.Fatal(err)
	}
	waitRuns("after the disk had room again")
	if got := query("PRAGMA integrity_check"); got != "ok" {
		t.Errorf("integrity_check: %q", got)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("the daemon did not stop cleanly: %v\n%s", err, logs.String())
	}
}

// Fault: the database directory is read-only. (A filesystem cannot be made
// read-only under a process that has files open for writing — EBUSY — so
// this is the start of a daemon; under a running one it fails like the full
// disk above.) The error names the file and the cause, the daemon checks
// and logs anyway, and once the directory is writable history is written,
// health tracking included.
func TestReadOnlyDatabaseDirectory(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "[integrity]\nschedule = \"@every 1s\"\n")
	putRecord(t, c, mapName)
	dbDir := filepath.Join(t.TempDir(), "db")
	os.MkdirAll(dbDir, 0o755)
	dbPath := filepath.Join(dbDir, "tw.db")
	src, _ := os.ReadFile(conf)
	os.WriteFile(conf, []byte(strings.Replace(string(src), `path = "tw.db"`, fmt.Sprintf("path = %q", dbPath), 1)), 0o644)

	logs := &testenv.LogBuffer{}
	// As root a chmod does not stop writes; a read-only bind mount does.
	cmd := exec.Command("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
		`mount --bind -o ro "$0" "$0" && exec "$@"`,
		dbDir, testenv.Tidewatch(t), "run", "--config", conf, "--log-format", "json")
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	waitLog := func(what string, re *regexp.Regexp, n int) {
		t.Helper()
		for deadline := time.Now().Add(60 * time.Second); len(re.FindAllString(logs.String(), -1)) < n; time.Sleep(200 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s:\n%s", what, logs.String())
			}
		}
	}
	waitLog("the error does not say what and why", regexp.MustCompile(
		`"msg":"the history database cannot be written.*`+regexp.QuoteMeta(dbPath)+`: read-only file system`), 1)
	waitLog("the daemon does not go on checking", regexp.MustCompile(`"msg":"run not recorded","component":"recorder","job":"integrity"`), 3)
	if _, err := os.Stat(dbPath); err == nil {
		t.Fatal("a database was written on a read-only directory")
	}
	listening := regexp.MustCompile(`"msg":"http server listening","component":"http","addr":"([^"]+)"`)
	waitLog("the daemon serves no http", listening, 1)
	d := &daemon{logs: logs, addr: listening.FindStringSubmatch(logs.String())[1]}
	if body := d.until(t, "/healthz", 503); !strings.Contains(body, "no run recorded") {
		t.Errorf("/healthz does not say why: %s", body)
	}

	out, err := exec.Command("nsenter", "--target", fmt.Sprint(cmd.Process.Pid), "--user", "--mount",
		"mount", "-o", "remount,bind,rw", dbDir).CombinedOutput()
	if err != nil {
		t.Fatalf("remount: %v: %s", err, out)
	}
	waitLog("history is not written once the directory is writable", regexp.MustCompile(`"msg":"the history database is written again"`), 1)
	d.until(t, "/healthz", 200)
	// The bind mount is of the directory itself: what the daemon writes
	// is here too.
	query := func(q string) string {
		out, _ := exec.Command("sqlite3", "file:"+dbPath+"?mode=ro", q).Output()
		return strings.TrimSpace(string(out))
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if query("SELECT count(*) > 2 FROM runs WHERE job = 'integrity'") == "1" &&
			query("SELECT count(*) > 0 FROM health_changes WHERE job = 'integrity'") == "1" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("runs and health changes are not recorded: runs %s, changes %s\n%s",
				query("SELECT count(*) FROM runs"), query("SELECT count(*) FROM health_changes"), logs.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("the daemon did not stop cleanly: %v\n%s", err, logs.String())
	}
	if got := query("SELECT status FROM health_changes WHERE job = 'integrity' ORDER BY id DESC LIMIT 1"); got != "unknown" {
		t.Errorf("the stop is not in the health history: %q", got)
	}
}
