package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/status"
)

func serve(t *testing.T, token string) *Server {
	t.Helper()
	cfg := config.Default()
	cfg.HTTP.Listen = "127.0.0.1:0"
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "# metrics\n") })
	s, err := New(&cfg, store, metrics, token, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Stop(ctx)
	})
	return s
}

func get(t *testing.T, s *Server, path, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+s.Addr()+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHealthzFollowsTheScheduler(t *testing.T) {
	t.Parallel()
	s := serve(t, "")
	if code, body := get(t, s, "/healthz", ""); code != 503 || body != "the scheduler has not started\n" {
		t.Errorf("before start: %d %q", code, body)
	}
	alive := true
	s.SetAlive(func() (bool, string) { return alive, "no run recorded for 5m0s" })
	if code, _ := get(t, s, "/healthz", ""); code != 200 {
		t.Errorf("alive: %d", code)
	}
	alive = false
	if code, body := get(t, s, "/healthz", ""); code != 503 || body != "no run recorded for 5m0s\n" {
		t.Errorf("stuck: %d %q", code, body)
	}
	if code, body := get(t, s, "/readyz", ""); code != 503 || !strings.Contains(body, "integrity has never run") {
		t.Errorf("readyz with no history: %d %s", code, body)
	}
}

func TestBearerTokenIsRequiredWhenSet(t *testing.T) {
	t.Parallel()
	s := serve(t, "t0ken")
	for _, path := range []string{"/healthz", "/readyz", "/status", "/metrics"} {
		if code, _ := get(t, s, path, ""); code != http.StatusUnauthorized {
			t.Errorf("%s without the token: %d", path, code)
		}
		if code, _ := get(t, s, path, "wrong"); code != http.StatusUnauthorized {
			t.Errorf("%s with a wrong token: %d", path, code)
		}
	}
	if code, body := get(t, s, "/metrics", "t0ken"); code != 200 || body != "# metrics\n" {
		t.Errorf("with the token: %d %q", code, body)
	}
}

// A start that fails after New (tidewatch stopping before it served) must
// not hang the stop, and the port is free again.
func TestStopWithoutStart(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	cfg.HTTP.Listen = "127.0.0.1:0"
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	s, err := New(&cfg, store, http.NotFoundHandler(), "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	stopped := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := s.Stop(ctx)
		if again := s.Stop(ctx); again != err {
			err = fmt.Errorf("the second stop: %v, the first: %v", again, err)
		}
		stopped <- err
	}()
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("stop: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Stop without Start hangs")
	}
	ln, err := net.Listen("tcp", s.Addr())
	if err != nil {
		t.Fatalf("the port is still held: %v", err)
	}
	ln.Close()
}

// /status lists at most status.MaxFindings findings at once (a million
// made a 397 MB answer); older ones are paged to with before=.
func TestStatusListsAreCappedAndPaged(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	cfg.HTTP.Listen = "127.0.0.1:0"
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	at := time.Now().Add(-time.Hour)
	var runs []*db.Run
	for i := range 600 {
		findings := []checks.Finding{{Severity: checks.Warning, Category: checks.CatStale, Indicator: "dxy", Message: "dxy is stale"},
			{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix", Message: "vix is NaN"}}
		started := at.Add(time.Duration(i) * time.Second)
		runs = append(runs, &db.Run{Job: "integrity", Started: started, Finished: started, Status: checks.StatusCritical,
			Overall: checks.StatusCritical, Findings: findings})
	}
	if err := store.WriteRuns(context.Background(), runs); err != nil {
		t.Fatal(err)
	}
	s, err := New(&cfg, store, http.NotFoundHandler(), "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	defer s.Stop(context.Background())
	for _, q := range []string{"n=1001", "n=1000000", "n=-1", "n=ten", "before=0", "before=x"} {
		if code, body := get(t, s, "/status?"+q, ""); code != http.StatusBadRequest {
			t.Errorf("/status?%s: %d %.200s", q, code, body)
		}
	}
	var seen []int64
	next := "/status?n=1000"
	for next != "" {
		code, body := get(t, s, next, "")
		var st status.Status
		if err := json.Unmarshal([]byte(body), &st); code != 200 || err != nil {
			t.Fatalf("%s: %d %v", next, code, err)
		}
		if len(st.Findings) > 1000 {
			t.Fatalf("%s: %d findings", next, len(st.Findings))
		}
		for _, f := range st.Findings {
			seen = append(seen, f.ID)
		}
		next = ""
		if st.NextBefore != 0 {
			next = fmt.Sprintf("/status?n=1000&before=%d", st.NextBefore)
		}
	}
	if len(seen) != 1200 {
		t.Errorf("paged through %d findings, want 1200", len(seen))
	}
	if len(slices.Compact(slices.Sorted(slices.Values(seen)))) != 1200 {
		t.Error("a finding was listed twice")
	}
}
