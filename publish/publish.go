// Package publish writes the gate's verdict where trading flows already
// read: a key in Hazelcast (map TIDEWATCH, key verdict, by default), as a
// JSON string that Python's json.loads reads. It is written at every
// change of the verdict and again at least every refresh, so that a reader
// tells a tidewatch that is gone (an old checked_at) from one that vouches
// for the data now.
package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"tidewatch/gate"
	"tidewatch/hz"
	"tidewatch/internal/clock"
)

// Write puts one encoded verdict where readers look. It is one small
// function so that whoever decides who may write (a leader holding a
// lease, with fenced writes) can wrap it.
type Write func(ctx context.Context, value string) error

// ToMap writes into key of map m; a Python map.get returns the str.
func ToMap(c *hz.Client, m, key string) Write {
	return func(ctx context.Context, value string) error {
		return c.Put(ctx, m, key, value)
	}
}

// Writer says which tidewatch wrote a verdict.
type Writer struct {
	Host string `json:"host"`
	PID  int    `json:"pid"`
	// Started tells two runs of one pid apart.
	Started string `json:"started"`
}

// Self is this process as a writer.
func Self(started time.Time) Writer {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return Writer{Host: host, PID: os.Getpid(), Started: stamp(started)}
}

// Message is a verdict as written. Times are ISO-8601 UTC with
// milliseconds ("2026-11-23T09:41:53.123Z"), which Python's
// datetime.fromisoformat reads.
type Message struct {
	Ready   bool     `json:"ready"`
	Reasons []string `json:"reasons"`
	// Since is when ready took its value.
	Since string `json:"since"`
	// CheckedAt is when the verdict was last found to hold: its write or
	// refresh. Older than a few refreshes means no tidewatch vouches for it.
	CheckedAt string `json:"checked_at"`
	// ObservedAt is the latest observation the verdict rests on; null
	// before any.
	ObservedAt *string `json:"observed_at"`
	// ExFPushedAt is the _pushed_at of the exf_latest judged, as a time;
	// null when none was judged or it carried none.
	ExFPushedAt *string `json:"exf_pushed_at"`
	Writer      Writer  `json:"writer"`
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// Encode makes the message for a verdict found to hold at now.
func Encode(v gate.Verdict, w Writer, now time.Time) (string, error) {
	m := Message{Ready: v.Ready, Reasons: v.Reasons, Since: stamp(v.Since), CheckedAt: stamp(now), Writer: w}
	if m.Reasons == nil {
		m.Reasons = []string{}
	}
	if !v.CheckedAt.IsZero() {
		s := stamp(v.CheckedAt)
		m.ObservedAt = &s
	}
	if v.ExFPushedAt != nil {
		s := stamp(*v.ExFPushedAt)
		m.ExFPushedAt = &s
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("verdict: %w", err)
	}
	return string(b), nil
}

// Publisher writes the verdict source gives, at every Changed and at
// least every refresh.
type Publisher struct {
	write   Write
	source  func() gate.Verdict
	writer  Writer
	refresh time.Duration
	clk     clock.Clock
	log     *slog.Logger
	wake    chan struct{}
	done    chan struct{}

	mu      sync.Mutex
	timer   clock.Timer
	failing bool
}

// retryAfter is how soon a failed write is tried again (refresh if sooner).
const retryAfter = time.Second

// New prepares a publisher; Run runs it.
func New(write Write, source func() gate.Verdict, writer Writer, refresh time.Duration, clk clock.Clock, log *slog.Logger) *Publisher {
	return &Publisher{write: write, source: source, writer: writer, refresh: refresh, clk: clk, log: log,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// Changed says the verdict changed: it is written at once. It never
// blocks, so a gate.Keeper's onChange can call it.
func (p *Publisher) Changed() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run writes until ctx ends, then writes once more that the verdict no
// longer holds (tidewatch stopped), within final: no tidewatch vouches for
// the data until one starts again. A final of 0 writes nothing at the stop
// (a cluster's leader: its successor writes).
func (p *Publisher) Run(ctx context.Context, final time.Duration) {
	defer close(p.done)
	p.Changed()
	for {
		select {
		case <-ctx.Done():
			p.stop(final)
			return
		case <-p.wake:
		}
		next := p.refresh
		if err := p.publish(ctx, p.source()); err != nil {
			next = min(next, retryAfter)
		}
		p.mu.Lock()
		if p.timer != nil {
			p.timer.Stop()
		}
		p.timer = p.clk.AfterFunc(next, p.Changed)
		p.mu.Unlock()
	}
}

// Done is closed when Run has returned.
func (p *Publisher) Done() <-chan struct{} { return p.done }

func (p *Publisher) publish(ctx context.Context, v gate.Verdict) error {
	msg, err := Encode(v, p.writer, p.clk.Now())
	if err == nil {
		err = p.write(ctx, msg)
	}
	p.mu.Lock()
	was := p.failing
	p.failing = err != nil
	p.mu.Unlock()
	switch {
	case err != nil && !was:
		p.log.Warn("verdict not published; trying again", "err", err)
	case err == nil && was:
		p.log.Info("verdict published again", "ready", v.Ready)
	}
	return err
}

func (p *Publisher) stop(final time.Duration) {
	p.mu.Lock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.mu.Unlock()
	if final == 0 {
		return
	}
	now := p.clk.Now()
	v := p.source()
	if v.Ready {
		v.Since = now
	}
	v.Ready = false
	v.Reasons = []string{"tidewatch stopped at " + stamp(now) + ": nothing vouches for the data until it runs again"}
	ctx, cancel := context.WithTimeout(context.Background(), final)
	defer cancel()
	if err := p.publish(ctx, v); err != nil {
		p.log.Warn("the stop was not published: readers will find the verdict's checked_at growing old", "err", err)
	}
}
