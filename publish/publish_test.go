package publish_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"tidewatch/gate"
	"tidewatch/internal/clock"
	"tidewatch/internal/hztest"
	"tidewatch/internal/testenv"
	"tidewatch/publish"
)

var quiet = slog.New(slog.DiscardHandler)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

var t0 = time.Date(2026, 11, 23, 9, 41, 53, 123456789, time.UTC)

func TestTheMessageIsWhatReadersExpect(t *testing.T) {
	pushed := t0.Add(-2 * time.Second)
	v := gate.Verdict{Ready: false, Reasons: []string{"ACB-critical indicators missing: vix"}, Since: t0,
		CheckedAt: t0.Add(time.Millisecond), ExFPushedAt: &pushed}
	w := publish.Writer{Host: "h", PID: 42, Started: "2026-11-23T09:00:00.000Z"}
	got, err := publish.Encode(v, w, t0.Add(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ready":false,"reasons":["ACB-critical indicators missing: vix"],"since":"2026-11-23T09:41:53.123Z",` +
		`"checked_at":"2026-11-23T09:41:58.123Z","observed_at":"2026-11-23T09:41:53.124Z",` +
		`"exf_pushed_at":"2026-11-23T09:41:51.123Z","writer":{"host":"h","pid":42,"started":"2026-11-23T09:00:00.000Z"}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = publish.Encode(gate.Verdict{Ready: true, Since: t0}, w, t0)
	if want := `{"ready":true,"reasons":[],"since":"2026-11-23T09:41:53.123Z","checked_at":"2026-11-23T09:41:53.123Z",` +
		`"observed_at":null,"exf_pushed_at":null,"writer":{"host":"h","pid":42,"started":"2026-11-23T09:00:00.000Z"}}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// written collects what a publisher writes.
type written struct {
	mu   sync.Mutex
	msgs []publish.Message
	fail bool
}

func (w *written) write(_ context.Context, value string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fail {
		return context.DeadlineExceeded
	}
	var m publish.Message
	if err := json.Unmarshal([]byte(value), &m); err != nil {
		return err
	}
	w.msgs = append(w.msgs, m)
	return nil
}

func (w *written) waitFor(t *testing.T, n int) []publish.Message {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		w.mu.Lock()
		msgs := slices.Clone(w.msgs)
		w.mu.Unlock()
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d writes, not %d", len(msgs), n)
		}
	}
}

// Written at start, at every change, every refresh, again soon after a
// failed write, and as not ready at the stop.
func TestWrittenOnChangeEveryRefreshAndAtTheStop(t *testing.T) {
	clk := clock.NewFake(t0)
	var mu sync.Mutex
	v := gate.Verdict{Ready: true, Since: t0, Reasons: []string{}}
	source := func() gate.Verdict {
		mu.Lock()
		defer mu.Unlock()
		return v
	}
	w := &written{}
	p := publish.New(w.write, source, publish.Writer{Host: "h"}, 5*time.Second, clk, quiet)
	ctx, cancel := context.WithCancel(context.Background())
	go p.Run(ctx, time.Second)
	if m := w.waitFor(t, 1); !m[0].Ready || m[0].CheckedAt != "2026-11-23T09:41:53.123Z" {
		t.Fatalf("at start: %+v", m[0])
	}
	waitTimer(t, clk)
	clk.Advance(5 * time.Second)
	if m := w.waitFor(t, 2); m[1].CheckedAt != "2026-11-23T09:41:58.123Z" || m[1].Since != m[0].Since {
		t.Fatalf("refresh: %+v", m[1])
	}
	waitTimer(t, clk)
	mu.Lock()
	v = gate.Verdict{Ready: false, Since: clk.Now(), Reasons: []string{"vix NaN"}}
	mu.Unlock()
	p.Changed()
	if m := w.waitFor(t, 3); m[2].Ready || m[2].Reasons[0] != "vix NaN" {
		t.Fatalf("change: %+v", m[2])
	}
	waitTimer(t, clk)
	w.mu.Lock()
	w.fail = true
	w.mu.Unlock()
	clk.Advance(5 * time.Second) // the refresh fails
	waitTimer(t, clk)
	w.mu.Lock()
	w.fail = false
	w.mu.Unlock()
	clk.Advance(time.Second) // tried again a second later
	if m := w.waitFor(t, 4); m[3].CheckedAt != "2026-11-23T09:42:04.123Z" {
		t.Fatalf("retry: %+v", m[3])
	}
	cancel()
	<-p.Done()
	m := w.waitFor(t, 5)
	if m[4].Ready || len(m[4].Reasons) != 1 || m[4].Reasons[0] != "tidewatch stopped at 2026-11-23T09:42:04.123Z: nothing vouches for the data until it runs again" {
		t.Fatalf("stop: %+v", m[4])
	}
}

// A cluster's leader stops without a last write: its successor writes.
func TestNoLastWriteWithoutAFinalGrace(t *testing.T) {
	clk := clock.NewFake(t0)
	w := &written{}
	p := publish.New(w.write, func() gate.Verdict { return gate.Verdict{Ready: true, Since: t0, Reasons: []string{}} },
		publish.Writer{Host: "h"}, 5*time.Second, clk, quiet)
	ctx, cancel := context.WithCancel(context.Background())
	go p.Run(ctx, 0)
	w.waitFor(t, 1)
	waitTimer(t, clk)
	cancel()
	<-p.Done()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.msgs) != 1 {
		t.Errorf("%d writes; want the first alone", len(w.msgs))
	}
}

// waitTimer waits until the publisher has set its next refresh.
func waitTimer(t *testing.T, clk *clock.Fake) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); clk.Pending() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no refresh set")
		}
	}
}

// The README's Python reader, with the Python client against a real
// member, reads what the publisher wrote.
func TestThePythonReaderReadsTheVerdict(t *testing.T) {
	member := hztest.Shared(t)
	c := member.Client(t, quiet)
	pushed := time.Now().Add(-time.Second)
	var mu sync.Mutex
	v := gate.Verdict{Ready: false, Reasons: []string{"ACB-critical indicators missing: vix"}, Since: time.Now(),
		CheckedAt: time.Now(), ExFPushedAt: &pushed}
	source := func() gate.Verdict {
		mu.Lock()
		defer mu.Unlock()
		return v
	}
	p := publish.New(publish.ToMap(c, "TIDEWATCH_PY", "verdict"), source, publish.Self(time.Now()), 5*time.Second, clock.Real{}, quiet)
	ctx, cancel := context.WithCancel(context.Background())
	go p.Run(ctx, time.Second)
	defer func() { cancel(); <-p.Done() }()

	read := func() (fit bool, m publish.Message) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			out, err := exec.Command(testenv.Python(t), filepath.Join(testenv.Root(t), "publish", "testdata", "read_verdict.py"),
				member.Addr(), member.Cluster, "TIDEWATCH_PY", "verdict").Output()
			if err != nil {
				t.Fatalf("reader: %v", err)
			}
			var got struct {
				Fit     bool            `json:"fit"`
				Verdict publish.Message `json:"verdict"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("reader printed %q: %v", out, err)
			}
			if got.Verdict.CheckedAt != "" || time.Now().After(deadline) {
				return got.Fit, got.Verdict
			}
		}
	}
	fit, m := read()
	if fit || m.Ready || m.Reasons[0] != "ACB-critical indicators missing: vix" || m.ExFPushedAt == nil ||
		m.Writer.PID != os.Getpid() {
		t.Fatalf("fit %v, %+v", fit, m)
	}
	mu.Lock()
	v = gate.Verdict{Ready: true, Since: time.Now(), Reasons: []string{}, CheckedAt: time.Now()}
	mu.Unlock()
	p.Changed()
	for deadline := time.Now().Add(30 * time.Second); ; {
		if fit, m = read(); fit {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("never fit: %+v", m)
		}
	}
	if !m.Ready || len(m.Reasons) != 0 {
		t.Fatalf("%+v", m)
	}
}
