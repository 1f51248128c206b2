package cli

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/sse"
)

// With a daemon serving, wait follows its gate on GET /events and returns
// as soon as it opens; there is no history to read at all.
func TestWaitFollowsTheDaemonsGate(t *testing.T) {
	t.Parallel()
	b := sse.NewBroker(16, time.Hour, slog.New(slog.DiscardHandler), "verdict")
	srv := httptest.NewServer(b)
	defer srv.Close()
	b.Publish("verdict", json.RawMessage(`{"ready": false, "reasons": ["ACB-critical indicators missing: vix"]}`))
	dir := t.TempDir()
	conf := filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte("[database]\npath = \"none/tw.db\"\n[http]\nlisten = \""+strings.TrimPrefix(srv.URL, "http://")+"\"\n"), 0o644)

	code, out, _ := tw(time.Now, "wait", "--config", conf, "--timeout", "200ms")
	if code != ExitError || !strings.Contains(out, "ACB-critical indicators missing: vix") {
		t.Fatalf("before it opens: %d %q", code, out)
	}
	type result struct {
		code int
		out  string
		at   time.Time
	}
	done := make(chan result)
	go func() {
		code, out, _ := tw(time.Now, "wait", "--config", conf, "--timeout", "30s")
		done <- result{code, out, time.Now()}
	}()
	// Once wait follows the stream (it has the closed verdict), open.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if b.Streams() > 0 || time.Now().After(deadline) {
			break
		}
	}
	opened := time.Now()
	b.Publish("verdict", json.RawMessage(`{"ready": true, "reasons": []}`))
	r := <-done
	if r.code != 0 || r.out != "ready\n" {
		t.Fatalf("%d %q", r.code, r.out)
	}
	t.Logf("wait returned %v after the gate opened", r.at.Sub(opened))
}
