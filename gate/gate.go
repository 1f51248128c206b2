// Package gate is the verdict trading flows act on (/readyz, tidewatch
// wait, the verdict key in Hazelcast): whether the data is fit to trade on
// now. Fast in, careful out:
//
//   - It closes at the first bad observation: any aspect (a job's verdict
//     on what it judged) with a reason, or an aspect whose verdict has
//     expired (its job stopped running, a scan grew too old).
//   - It reopens only when the data has been seen good for reopen_after
//     (5 s by default) by at least two observations, every one in between
//     good: the first good one, and a later one made reopen_after or more
//     after it. A bad observation, or an expired aspect, starts the count
//     again. Nothing makes a second observation by itself at the end of
//     that time when the producer writes nothing new, so the gate asks for
//     one (Tick's recheck): a fresh read, not the event already judged.
//   - It starts closed: a first start is judged by the same rule.
//
// A producer that flaps faster than reopen_after therefore keeps the gate
// closed, one close for the whole flapping; one that holds good records
// for longer opens it each time, because the data then was fit to trade
// on. The pager is another audience, with its own thresholds (alert).
//
// Gate is the rule alone, the time passed in; Keeper runs it on a clock.
package gate

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// Observation is one aspect's verdict on what it judged at At.
type Observation struct {
	// Aspect names what judged: a job's name.
	Aspect string
	At     time.Time
	// Reasons say why the data is not fit to trade on; none when it is.
	Reasons []string
	// Until is when this verdict stops holding without another look (the
	// job is overdue, a scan will be too old by then); zero: it holds until
	// the aspect's next observation.
	Until time.Time
	// Record is the exf_latest this observation judged, if it judged one.
	Record *Record
}

// Record is what the verdict says of the exf_latest it judged.
type Record struct {
	// PushedAt is its _pushed_at; zero when it carried none that reads.
	PushedAt time.Time
}

// Verdict is the gate's state, as /readyz, wait and the verdict key show it.
type Verdict struct {
	Ready bool `json:"ready"`
	// Reasons is never nil: [] when ready.
	Reasons []string `json:"reasons"`
	// Since is when Ready took its value.
	Since time.Time `json:"since"`
	// CheckedAt is the time of the latest observation; zero before any.
	CheckedAt time.Time `json:"checked_at"`
	// ExFPushedAt is the _pushed_at of the exf_latest judged last; nil
	// when none was judged or it carried none.
	ExFPushedAt *time.Time `json:"exf_pushed_at"`
}

// Gate holds the latest observation of every aspect and decides.
type Gate struct {
	reopenAfter time.Duration
	aspects     map[string]*aspect

	ready   bool
	since   time.Time
	reasons []string
	// firstGood is the first good observation since the last bad one
	// (zero: none), lastGood the latest; asked is the firstGood for which
	// a fresh observation was asked.
	firstGood, lastGood, asked time.Time
	checkedAt                  time.Time
	record                     *Record
}

type aspect struct {
	seen    bool
	at      time.Time
	reasons []string
	until   time.Time
}

// New starts a closed gate over the aspects named, each of which must be
// observed before it can open.
func New(aspects []string, reopenAfter time.Duration, now time.Time) *Gate {
	g := &Gate{reopenAfter: reopenAfter, aspects: map[string]*aspect{}, since: now}
	for _, a := range aspects {
		g.aspects[a] = &aspect{}
	}
	g.reasons = g.judge(now)
	return g
}

// judge lists why the data is not fit to trade on at now, aspect by
// aspect in name order.
func (g *Gate) judge(now time.Time) []string {
	out := []string{}
	for _, name := range slices.Sorted(maps.Keys(g.aspects)) {
		a := g.aspects[name]
		switch {
		case !a.seen:
			out = append(out, name+" has not checked yet")
		case !a.until.IsZero() && !now.Before(a.until):
			out = append(out, fmt.Sprintf("%s has not checked since %s: its verdict ran out at %s",
				name, a.at.UTC().Format(time.RFC3339Nano), a.until.UTC().Format(time.RFC3339Nano)))
		default:
			out = append(out, a.reasons...)
		}
	}
	return out
}

// Observe takes an observation and reports whether the verdict changed.
// An observation of an aspect the gate was not made with counts too: it
// is then required from now on.
func (g *Gate) Observe(o Observation) bool {
	a := g.aspects[o.Aspect]
	if a == nil {
		a = &aspect{}
		g.aspects[o.Aspect] = a
	}
	a.seen, a.at, a.reasons, a.until = true, o.At, slices.Clone(o.Reasons), o.Until
	if o.At.After(g.checkedAt) {
		g.checkedAt = o.At
	}
	if o.Record != nil {
		r := *o.Record
		g.record = &r
	}
	bad := g.judge(o.At)
	if len(bad) > 0 {
		g.firstGood, g.lastGood = time.Time{}, time.Time{}
		return g.set(false, o.At, bad)
	}
	if g.firstGood.IsZero() {
		g.firstGood = o.At
	}
	g.lastGood = o.At
	if g.ready || g.lastGood.Sub(g.firstGood) >= g.reopenAfter {
		return g.set(true, o.At, []string{})
	}
	return g.set(false, o.At, g.recovering())
}

// recovering is the reason the gate gives while good observations count
// towards reopening it.
func (g *Gate) recovering() []string {
	return []string{fmt.Sprintf("recovering: good since %s; reopens once still good at %s (reopen_after %s)",
		g.firstGood.UTC().Format(time.RFC3339Nano), g.firstGood.Add(g.reopenAfter).UTC().Format(time.RFC3339Nano), g.reopenAfter)}
}

func (g *Gate) set(ready bool, at time.Time, reasons []string) bool {
	changed := ready != g.ready || !slices.Equal(reasons, g.reasons)
	if ready != g.ready {
		g.since = at
	}
	g.ready, g.reasons = ready, reasons
	return changed
}

// Tick applies the passing of time at now: an aspect's verdict that ran
// out closes the gate. It reports whether the verdict changed, and
// whether a fresh observation is wanted now: the data has been good since
// reopen_after ago and the gate reopens if it still is. That is asked
// once for each stretch of good observations.
func (g *Gate) Tick(now time.Time) (changed, recheck bool) {
	if bad := g.judge(now); len(bad) > 0 {
		g.firstGood, g.lastGood = time.Time{}, time.Time{}
		return g.set(false, now, bad), false
	}
	if g.recheckDue() && !now.Before(g.firstGood.Add(g.reopenAfter)) {
		g.asked = g.firstGood
		return false, true
	}
	return false, false
}

// Require makes the aspects named the ones the gate requires (a reload
// can add or drop a job): one no longer named is forgotten, a new one must
// be observed before the gate can open. It reports whether the verdict
// changed.
func (g *Gate) Require(aspects []string, now time.Time) bool {
	for name := range g.aspects {
		if !slices.Contains(aspects, name) {
			delete(g.aspects, name)
		}
	}
	for _, name := range aspects {
		if g.aspects[name] == nil {
			g.aspects[name] = &aspect{}
		}
	}
	if bad := g.judge(now); len(bad) > 0 {
		g.firstGood, g.lastGood = time.Time{}, time.Time{}
		return g.set(false, now, bad)
	}
	return false
}

// recheckDue tells whether the gate waits to ask for a fresh observation.
func (g *Gate) recheckDue() bool {
	return !g.ready && !g.firstGood.IsZero() && !g.asked.Equal(g.firstGood) &&
		g.lastGood.Sub(g.firstGood) < g.reopenAfter
}

// Next is when Tick must be called next, after now; zero: no time is set.
func (g *Gate) Next(now time.Time) time.Time {
	var at time.Time
	for _, a := range g.aspects {
		if a.seen && a.until.After(now) && (at.IsZero() || a.until.Before(at)) {
			at = a.until
		}
	}
	if g.recheckDue() {
		if due := g.firstGood.Add(g.reopenAfter); at.IsZero() || due.Before(at) {
			at = due
		}
	}
	return at
}

// Verdict is the gate's state now.
func (g *Gate) Verdict() Verdict {
	v := Verdict{Ready: g.ready, Reasons: slices.Clone(g.reasons), Since: g.since, CheckedAt: g.checkedAt}
	if g.record != nil && !g.record.PushedAt.IsZero() {
		t := g.record.PushedAt
		v.ExFPushedAt = &t
	}
	return v
}
