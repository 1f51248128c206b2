package coalesce

import (
	"sync"
	"time"

	"tidewatch/internal/clock"
)

// Runner runs a function on offered values by the Coalescer's rule. Offer
// never blocks, so a Hazelcast event callback can call it.
type Runner[T any] struct {
	clk clock.Clock
	run func(v T, urgent bool)

	mu     sync.Mutex
	c      *Coalescer[T]
	timer  clock.Timer
	closed bool
	wg     sync.WaitGroup
}

// NewRunner runs fn (one call at a time, in a goroutine of its own) on the
// values offered, at most one run per interval but for urgent values.
func NewRunner[T any](interval time.Duration, clk clock.Clock, fn func(v T, urgent bool)) *Runner[T] {
	return &Runner[T]{clk: clk, run: fn, c: New[T](interval)}
}

// Offer hands over a new value.
func (r *Runner[T]) Offer(v T, urgent bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.apply(r.c.Offer(r.clk.Now(), v, urgent))
}

// apply carries a step out, r.mu held.
func (r *Runner[T]) apply(s Step[T]) {
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	switch {
	case s.Run:
		r.wg.Add(1)
		go r.exec(s.Value, s.Urgent)
	case !s.Wake.IsZero():
		r.timer = r.clk.AfterFunc(s.Wake.Sub(r.clk.Now()), r.wake)
	}
}

func (r *Runner[T]) exec(v T, urgent bool) {
	defer r.wg.Done()
	r.run(v, urgent)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.apply(r.c.Done(r.clk.Now()))
	}
}

func (r *Runner[T]) wake() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.timer = nil
		r.apply(r.c.Wake(r.clk.Now()))
	}
}

// Close drops the values still waiting and waits for the run in progress.
func (r *Runner[T]) Close() {
	r.mu.Lock()
	r.closed = true
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	r.mu.Unlock()
	r.wg.Wait()
}
