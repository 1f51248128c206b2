package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tidewatch/internal/testenv"
	"tidewatch/supervise"
)

// notifySocket is systemd's side of sd_notify: a unixgram socket whose
// path NOTIFY_SOCKET names, collecting what tidewatch says.
type notifySocket struct {
	mu   sync.Mutex
	said []string
}

func listenNotify(t *testing.T) *notifySocket {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	t.Setenv("NOTIFY_SOCKET", path)
	t.Setenv("WATCHDOG_USEC", "200000")
	t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
	s := &notifySocket{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			s.mu.Lock()
			s.said = append(s.said, string(buf[:n]))
			s.mu.Unlock()
		}
	}()
	return s
}

func (s *notifySocket) all() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.said, " | ")
}

func (s *notifySocket) has(prefix string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.said {
		if strings.HasPrefix(m, prefix) || strings.Contains(m, "\n"+prefix) {
			return true
		}
	}
	return false
}

// eventually waits for cond, failing with what it last saw.
func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
		var ok bool
		if ok, last = cond(); ok {
			return
		}
	}
	t.Fatalf("%s: never; last %s", what, last)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A reload takes a new schedule and a new receiver without a restart: the
// problem open since the start, which had told nobody, is notified to the
// receiver the reload brought. An invalid config is refused with its
// file, line and key, and the running one kept. systemd is told READY,
// fed the watchdog, told RELOADING and STOPPING.
func TestReloadTakesSchedulesAndReceiversAndRefusesABadConfig(t *testing.T) {
	sd := listenNotify(t)
	cfg, path := testConfig(t, "")
	var mu sync.Mutex
	var bodies []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
	}))
	defer hook.Close()
	logs := &testenv.LogBuffer{}
	env := map[string]string{"HOOK_URL": hook.URL}
	d, err := New(context.Background(), cfg, Deps{Log: slog.New(slog.NewJSONHandler(logs, nil)), Now: time.Now,
		Getenv: func(k string) string { return env[k] }, ConfigPath: path, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		d.Run(ctx)
	}()
	base := "http://" + d.srv.Addr()
	eventually(t, "READY=1 and the watchdog fed", func() (bool, string) {
		return sd.has("READY=1") && sd.has("WATCHDOG=1"), sd.all()
	})
	metric := func(name string) (bool, string) {
		_, body := get(t, base+"/metrics")
		return strings.Contains(body, name), body
	}
	eventually(t, "a critical problem open (Hazelcast never answers), paging nobody", func() (bool, string) {
		return metric(`tidewatch_open_problems{severity="critical"} 1`)
	})

	src, _ := os.ReadFile(path)
	reloaded := strings.Replace(string(src), `schedule = "@every 1s"`, `schedule = "@every 2s"`, 1) + `
[alerts]
labels = { env = "test" }
[[alerts.receivers]]
name = "ops"
type = "webhook"
url_env = "HOOK_URL"
`
	if err := os.WriteFile(path, []byte(reloaded), 0o644); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/-/reload", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(b)) != "reloaded: integrity, alerts changed" {
		t.Fatalf("reload: %d %s\n%s", resp.StatusCode, b, logs.String())
	}
	for _, want := range []string{`tidewatch_check_interval_seconds{check="integrity"} 2`, "tidewatch_config_last_reload_successful 1",
		`tidewatch_notifications_sent_total{receiver="ops"}`} {
		if ok, body := metric(want); !ok {
			t.Errorf("after the reload, no %s in:\n%s", want, body)
		}
	}
	eventually(t, "the new receiver told of the open problem", func() (bool, string) {
		mu.Lock()
		defer mu.Unlock()
		for _, b := range bodies {
			var msg struct {
				Labels map[string]string `json:"labels"`
				Alerts []struct {
					Fingerprint string `json:"fingerprint"`
					Kind        string `json:"kind"`
				} `json:"alerts"`
			}
			if json.Unmarshal([]byte(b), &msg) == nil && msg.Labels["env"] == "test" && len(msg.Alerts) > 0 && msg.Alerts[0].Kind == "trigger" {
				return true, b
			}
		}
		return false, strings.Join(bodies, "\n")
	})

	// A bad key: refused with file:line:key, the running config kept.
	if err := os.WriteFile(path, []byte(reloaded+"\n[freshness]\nstale_afterr = \"1m\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := d.Reload(context.Background())
	if err == nil || !strings.Contains(err.Error(), "config.toml:") || !strings.Contains(err.Error(), "freshness.stale_afterr: unknown key") || changed != nil {
		t.Errorf("a bad config: %v, %v", changed, err)
	}
	for _, want := range []string{"tidewatch_config_last_reload_successful 0", `tidewatch_check_interval_seconds{check="integrity"} 2`} {
		if ok, body := metric(want); !ok {
			t.Errorf("after a refused reload, no %s in:\n%s", want, body)
		}
	}
	if !strings.Contains(logs.String(), `"msg":"reload refused: invalid config; the running config is kept"`) || !sd.has("RELOADING=1") {
		t.Errorf("the refusal is not logged, or systemd not told:\n%s", logs.String())
	}
	// The line the daemon logs every few minutes says how things are.
	d.logSummary(context.Background())
	if !regexp.MustCompile(`(?m)"msg":"summary","ready":false,"open_problems":\d+,"critical":\d+,"last_run":"[^"]+","reasons":\["[^"]+.{0,600}\]\}$`).MatchString(logs.String()) {
		t.Errorf("no summary line:\n%s", logs.String())
	}
	cancel()
	select {
	case <-ran:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return")
	}
	// The datagram was sent before Run returned; its reading may lag.
	eventually(t, "systemd told of the stop", func() (bool, string) { return sd.has("STOPPING=1"), sd.all() })
	if _, err := d.Reload(context.Background()); err == nil || !strings.Contains(err.Error(), "stopping") {
		t.Errorf("a reload after the stop: %v", err)
	}
}

// The bridge is restarted by a reload only when its own section changed:
// a reload of the alerts leaves it running; one of [bridge] stops it and
// starts a new one.
func TestReloadRestartsTheBridgeOnlyForItsOwnSection(t *testing.T) {
	t.Parallel()
	bridge := `[bridge]
enabled = true
command = ["sh", "-c", "echo bridge ready; exec sleep 600"]
watch_dir = "scans"
state_dir = "bridge-state"
startup_grace = "5s"
`
	cfg, path := testConfig(t, bridge)
	d, err := New(context.Background(), cfg, Deps{Log: slog.New(slog.DiscardHandler), Now: time.Now,
		Getenv: func(string) string { return "" }, ConfigPath: path, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		d.Run(ctx)
	}()
	defer func() {
		cancel()
		<-ran
	}()
	starts := func() []int {
		t.Helper()
		events, err := d.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), supervise.EventReady)
		if err != nil {
			t.Fatal(err)
		}
		var pids []int
		for _, e := range events {
			pids = append(pids, e.PID)
		}
		return pids
	}
	eventually(t, "the bridge ready", func() (bool, string) { return len(starts()) == 1, fmt.Sprint(starts()) })
	first := starts()[0]
	src, _ := os.ReadFile(path)
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(string(src) + "[alerts]\nlabels = { env = \"test\" }\n")
	if changed, err := d.Reload(ctx); err != nil || fmt.Sprint(changed) != "[alerts]" {
		t.Fatalf("reload of the alerts: %v, %v", changed, err)
	}
	if pids := starts(); len(pids) != 1 || syscall.Kill(first, 0) != nil {
		t.Errorf("a reload of the alerts touched the bridge: ready events %v", pids)
	}
	write(strings.Replace(string(src), `startup_grace = "5s"`, `startup_grace = "5s"`+"\nstop_grace = \"3s\"", 1) + "[alerts]\nlabels = { env = \"test\" }\n")
	if changed, err := d.Reload(ctx); err != nil || fmt.Sprint(changed) != "[bridge]" {
		t.Fatalf("reload of the bridge: %v, %v", changed, err)
	}
	eventually(t, "a new bridge ready", func() (bool, string) { return len(starts()) == 2, fmt.Sprint(starts()) })
	if second := starts()[1]; second == first || syscall.Kill(first, 0) == nil {
		t.Errorf("the old bridge (pid %d) still runs beside the new one (pid %d)", first, second)
	}

}
