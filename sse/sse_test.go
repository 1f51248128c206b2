package sse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var quiet = slog.New(slog.DiscardHandler)

type verdict struct {
	Ready bool `json:"ready"`
	N     int  `json:"n"`
}

// serve runs a broker behind a server whose WriteTimeout and ReadTimeout
// would end a stream that did not set its own deadlines.
func serve(t *testing.T, b *Broker) string {
	srv := httptest.NewUnstartedServer(b)
	srv.Config.WriteTimeout = 200 * time.Millisecond
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

// follow collects events from a stream in the background.
func follow(ctx context.Context, url string, header ...string) (<-chan Event, <-chan error) {
	events, errs := make(chan Event, 1000), make(chan error, 1)
	go func() {
		errs <- Follow(ctx, http.DefaultClient, url, "", func(e Event) bool {
			events <- e
			return false
		})
	}()
	return events, errs
}

func next(t *testing.T, events <-chan Event) Event {
	t.Helper()
	select {
	case e := <-events:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
		return Event{}
	}
}

// A stream starts with the current state, then carries every event as it
// is published, for longer than the server's WriteTimeout.
func TestAStreamStartsWithTheStateAndFollowsChanges(t *testing.T) {
	b := NewBroker(16, time.Hour, quiet, "verdict")
	b.Publish("verdict", verdict{Ready: false, N: 1})
	b.Publish("problem", map[string]string{"fingerprint": "integrity/missing_critical/vix"})
	b.Publish("verdict", verdict{Ready: false, N: 2})
	url := serve(t, b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, _ := follow(ctx, url)
	if e := next(t, events); e.Type != "verdict" || e.ID != 3 || string(e.Data) != `{"ready":false,"n":2}` {
		t.Fatalf("first: %+v %s", e, e.Data)
	}
	for i := range 5 {
		time.Sleep(60 * time.Millisecond) // past the server's WriteTimeout, in all
		b.Publish("verdict", verdict{Ready: true, N: 10 + i})
		e := next(t, events)
		var v verdict
		if err := json.Unmarshal(e.Data, &v); err != nil || v.N != 10+i || e.ID != uint64(4+i) {
			t.Fatalf("event %d: %+v %s", i, e, e.Data)
		}
	}
}

// A client that reconnects with Last-Event-ID gets what it missed, while
// it is kept; one too far behind gets the current state.
func TestAClientThatReconnectsCatchesUp(t *testing.T) {
	b := NewBroker(4, time.Hour, quiet, "verdict")
	for i := range 6 {
		b.Publish("verdict", verdict{N: i + 1})
	}
	url := serve(t, b)
	get := func(last string) string {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Last-Event-ID", last)
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body) // until the context ends the stream
		return string(body)
	}
	if got := get("4"); !strings.Contains(got, "id: 5\n") || !strings.Contains(got, "id: 6\n") || strings.Contains(got, "id: 4\n") {
		t.Errorf("after 4: %q", got)
	}
	if got := get("1"); strings.Count(got, "id: ") != 1 || !strings.Contains(got, "id: 6\n") {
		t.Errorf("after 1, no longer kept: %q", got)
	}
}

// A client that stops reading is cut off; the publisher and the other
// streams never wait for it.
func TestASlowClientHoldsNobodyUp(t *testing.T) {
	b := NewBroker(16, time.Hour, quiet, "verdict")
	url := serve(t, b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A client that connects and never reads.
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events, errs := follow(ctx, url)
	payload := strings.Repeat("x", 4096)
	began := time.Now()
	for i := range 5000 {
		b.Publish("problem", map[string]any{"n": i, "pad": payload})
	}
	if took := time.Since(began); took > 5*time.Second {
		t.Errorf("publishing took %v", took)
	}
	b.Publish("verdict", verdict{Ready: true, N: 42})
	// The reading client gets the verdict, or was itself cut off for
	// falling behind the burst.
	for got := false; !got; {
		select {
		case e := <-events:
			got = e.Type == "verdict"
		case <-errs:
			got = true
		case <-time.After(10 * time.Second):
			t.Fatal("the reading client neither got the verdict nor was cut off")
		}
	}
	// The stream that was never read ends: cut off, it was not kept open.
	ended := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, resp.Body)
		ended <- err
	}()
	select {
	case err := <-ended:
		if err != nil {
			t.Fatalf("the unread stream: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the stream that was never read was not cut off")
	}
}

// A stream that is not one is an error for the caller to fall back on.
func TestFollowFailsOnWhatIsNoStream(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/404" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "ok")
	}))
	defer srv.Close()
	for path, want := range map[string]string{"/404": "404 Not Found", "/": "not an event stream"} {
		err := Follow(context.Background(), http.DefaultClient, srv.URL+path, "", func(Event) bool { return true })
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", path, err)
		}
	}
	srv.Close()
	err := Follow(context.Background(), http.DefaultClient, srv.URL, "", func(Event) bool { return true })
	if err == nil || errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("no server: %v", err)
	}
}

// Heartbeats keep an idle stream visibly alive.
func TestAnIdleStreamHasHeartbeats(t *testing.T) {
	b := NewBroker(16, 20*time.Millisecond, quiet)
	url := serve(t, b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 0, 256)
	for strings.Count(string(buf), ": ping\n\n") < 3 {
		p := make([]byte, 64)
		n, err := resp.Body.Read(p)
		if err != nil {
			t.Fatalf("%v after %q", err, buf)
		}
		buf = append(buf, p[:n]...)
	}
}

// Close ends the streams, and a server's Shutdown no longer waits for
// clients that would stay for ever.
func TestCloseEndsTheStreamsForAShutdown(t *testing.T) {
	b := NewBroker(16, time.Hour, quiet, "verdict")
	b.Publish("verdict", verdict{N: 1})
	srv := httptest.NewServer(b)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if b.Streams() != 1 {
		t.Fatalf("%d streams", b.Streams())
	}
	b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Config.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with a stream open: %v", err)
	}
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Errorf("the stream did not end cleanly: %v", err)
	}
}
