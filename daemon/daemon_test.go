package daemon

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/testenv"
)

// config for a daemon in a directory of its own, whose Hazelcast never
// answers: its runs record that, which is all these tests need.
func testConfig(t *testing.T, extra string) (*config.Config, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nobody := l.Addr().String()
	l.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	src := fmt.Sprintf(`[hazelcast]
addresses = [%q]
connect_timeout = "1s"
[database]
path = "tw.db"
[http]
listen = "127.0.0.1:0"
[integrity]
schedule = "@every 1s"
%s`, nobody, extra)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, path
}

// The whole life in process, on a clock the test moves: /healthz says 200
// while runs are recorded, 503 with why once the clock has run past the
// currentness rule; the stop records that nothing is watched.
func TestLifeInProcessOnAGivenClock(t *testing.T) {
	t.Parallel()
	cfg, path := testConfig(t, "")
	var ahead atomic.Int64
	logs := &testenv.LogBuffer{}
	d, err := New(context.Background(), cfg, Deps{Log: slog.New(slog.NewJSONHandler(logs, nil)),
		Now:    func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) },
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
	healthz := func() (int, string) {
		resp, err := http.Get("http://" + d.srv.Addr() + "/healthz")
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	waitFor := func(code int, want string) {
		t.Helper()
		var got int
		var body string
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if got, body = healthz(); got == code && strings.Contains(body, want) {
				return
			}
		}
		t.Fatalf("/healthz: %d %q, want %d %q\n%s", got, body, code, want, logs.String())
	}
	waitFor(http.StatusOK, "ok")
	ahead.Store(int64(time.Hour))
	waitFor(http.StatusServiceUnavailable, "no run recorded for 1h0m")
	ahead.Store(0)
	waitFor(http.StatusOK, "ok")

	cancel()
	select {
	case <-ran:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return within 30s of its context ending")
	}
	for _, want := range []string{`"msg":"tidewatch started"`, `"msg":"stopping: waiting for running jobs"`, `"msg":"tidewatch stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logs.String())
		}
	}
	store, err := db.OpenReadOnly(cfg.Database.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if last, err := store.LastStatuses(context.Background()); err != nil || last[config.JobIntegrity] != checks.StatusUnknown {
		t.Errorf("the stop is not in the health history: %v, %v", last, err)
	}
}

// What cannot be had stops New with an error that names it, and New
// leaves nothing open behind it: the same database opens again at once.
func TestNewSaysWhatCannotBeHad(t *testing.T) {
	t.Parallel()
	cfg, path := testConfig(t, "")
	cfg.HTTP.TokenEnv = "TW_TOKEN"
	deps := Deps{Log: slog.New(slog.DiscardHandler), Now: time.Now, Getenv: func(string) string { return "" }, ConfigPath: path}
	_, err := New(context.Background(), cfg, deps)
	var se *StartError
	if !errors.As(err, &se) || se.Msg != "cannot serve http: the bearer token's environment variable is empty or unset" ||
		fmt.Sprint(se.Attrs) != "[variable TW_TOKEN]" {
		t.Fatalf("no token: %v", err)
	}
	deps.Getenv = func(k string) string { return map[string]string{"TW_TOKEN": "s3cret"}[k] }
	first, err := New(context.Background(), cfg, deps)
	if err != nil {
		t.Fatalf("the database was left held: %v", err)
	}
	defer first.Close(context.Background())
	if _, err := New(context.Background(), cfg, deps); !errors.As(err, &se) || se.Msg != "cannot open the history database" ||
		!strings.Contains(err.Error(), fmt.Sprintf("held by pid %d", os.Getpid())) {
		t.Errorf("a second daemon on the database: %v", err)
	}
}
