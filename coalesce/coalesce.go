// Package coalesce decides when change events run the checks: the first
// change at once, the changes that follow folded into one more run on the
// latest of them, so that a producer writing a hundred times a second
// costs a few runs a second, and a bad record is never kept waiting.
//
// The rule, for an interval I (events.min_interval, 250 ms by default):
//
//   - Runs never overlap, and each takes a turn; turns are at least I
//     apart. A value offered while no run is in progress and the turn has
//     come runs at once (the leading edge).
//   - Otherwise it waits, and a later value replaces it: one more run, on
//     the latest value, when the run in progress has ended and the next
//     turn has come (the trailing edge). A burst of any length thus ends
//     with the latest value judged, at most I after it arrived (plus the
//     run in progress).
//   - An urgent value (one the caller expects to change the verdict for
//     the worse: a bad record while the gate is open) is never replaced by
//     a later one and never waits for its turn: it runs as soon as the run
//     in progress ends, taking the next turn early. Only one turn can be
//     taken early, so any stretch of time T holds at most T/I + 2 runs,
//     whatever the caller calls urgent.
//
// Coalescer is the rule alone, with the time passed in; Runner drives it
// with a clock and runs the runs.
package coalesce

import "time"

// Coalescer holds the values waiting for a run. It is not safe for
// concurrent use: Runner serialises it.
type Coalescer[T any] struct {
	interval time.Duration
	running  bool
	// turn is the earliest start of the next run that is not urgent.
	turn time.Time
	// urgent is the oldest urgent value not yet run; latest is the newest
	// value not yet run, always newer than urgent.
	urgent, latest slot[T]
}

type slot[T any] struct {
	v  T
	ok bool
}

// Step is what to do after a call: start a run on Value now, or wake the
// Coalescer at Wake (a value waits for its turn), or nothing.
type Step[T any] struct {
	Run    bool
	Value  T
	Urgent bool
	Wake   time.Time
}

// New makes a Coalescer whose runs start at least interval apart.
func New[T any](interval time.Duration) *Coalescer[T] {
	return &Coalescer[T]{interval: interval}
}

// Offer is a new value at now.
func (c *Coalescer[T]) Offer(now time.Time, v T, urgent bool) Step[T] {
	if urgent && !c.urgent.ok {
		// Whatever waited before it is older: running it after the urgent
		// value would leave an older record judged last.
		c.urgent, c.latest = slot[T]{v, true}, slot[T]{}
	} else {
		c.latest = slot[T]{v, true}
	}
	return c.next(now)
}

// Done says the run in progress ended at now.
func (c *Coalescer[T]) Done(now time.Time) Step[T] {
	c.running = false
	return c.next(now)
}

// Wake is the call at a Step's Wake time.
func (c *Coalescer[T]) Wake(now time.Time) Step[T] { return c.next(now) }

func (c *Coalescer[T]) next(now time.Time) Step[T] {
	if c.running {
		return Step[T]{}
	}
	switch {
	case c.urgent.ok && !now.Before(c.turn.Add(-c.interval)):
		v := c.urgent.v
		c.urgent = slot[T]{}
		c.start(now)
		return Step[T]{Run: true, Value: v, Urgent: true}
	case c.urgent.ok:
		return Step[T]{Wake: c.turn.Add(-c.interval)}
	case c.latest.ok && !now.Before(c.turn):
		v := c.latest.v
		c.latest = slot[T]{}
		c.start(now)
		return Step[T]{Run: true, Value: v}
	case c.latest.ok:
		return Step[T]{Wake: c.turn}
	}
	return Step[T]{}
}

// start takes a turn: the next one comes an interval after this one, or
// after the turn this run took early.
func (c *Coalescer[T]) start(now time.Time) {
	c.running = true
	if c.turn.Before(now) {
		c.turn = now
	}
	c.turn = c.turn.Add(c.interval)
}
