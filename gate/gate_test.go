package gate

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/clock"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

func good(aspect string, d time.Duration) Observation {
	return Observation{Aspect: aspect, At: at(d)}
}

func bad(aspect string, d time.Duration, why string) Observation {
	return Observation{Aspect: aspect, At: at(d), Reasons: []string{why}}
}

func TestStartsClosedUntilEveryAspectHasChecked(t *testing.T) {
	g := New([]string{"integrity", "freshness"}, 5*time.Second, t0)
	v := g.Verdict()
	if v.Ready || !slices.Equal(v.Reasons, []string{"freshness has not checked yet", "integrity has not checked yet"}) {
		t.Fatalf("at start: %+v", v)
	}
	g.Observe(good("integrity", 0))
	g.Observe(good("integrity", 6*time.Second))
	if v := g.Verdict(); v.Ready || !slices.Equal(v.Reasons, []string{"freshness has not checked yet"}) {
		t.Fatalf("one aspect seen: %+v", v)
	}
	// A first start is judged by the reopening rule too.
	g.Observe(good("freshness", 7*time.Second))
	if g.Verdict().Ready {
		t.Fatal("open at the first good observation")
	}
	g.Observe(good("freshness", 12*time.Second))
	if v := g.Verdict(); !v.Ready || v.Reasons == nil || len(v.Reasons) != 0 || !v.Since.Equal(at(12*time.Second)) {
		t.Fatalf("after 5 s of good: %+v", v)
	}
}

// open makes a gate over one aspect and opens it at 5 s.
func open(t *testing.T) *Gate {
	g := New([]string{"integrity"}, 5*time.Second, t0)
	g.Observe(good("integrity", 0))
	g.Observe(good("integrity", 5*time.Second))
	if !g.Verdict().Ready {
		t.Fatal("not open")
	}
	return g
}

func TestClosesAtTheFirstBadObservation(t *testing.T) {
	g := open(t)
	changed := g.Observe(bad("integrity", 7*time.Second, "ACB-critical indicators missing: vix"))
	v := g.Verdict()
	if !changed || v.Ready || !v.Since.Equal(at(7*time.Second)) || !v.CheckedAt.Equal(at(7*time.Second)) ||
		!slices.Equal(v.Reasons, []string{"ACB-critical indicators missing: vix"}) {
		t.Fatalf("changed %v, %+v", changed, v)
	}
	// The same again changes nothing.
	if g.Observe(bad("integrity", 7500*time.Millisecond, "ACB-critical indicators missing: vix")) {
		t.Error("the same bad verdict again was a change")
	}
}

func TestReopensAfterReopenAfterOfGoodObservations(t *testing.T) {
	g := open(t)
	g.Observe(bad("integrity", 10*time.Second, "missing vix"))
	g.Observe(good("integrity", 11*time.Second))
	g.Observe(good("integrity", 13*time.Second))
	v := g.Verdict()
	if v.Ready || len(v.Reasons) != 1 || !strings.HasPrefix(v.Reasons[0], "recovering: good since 2026-11-23T09:00:11Z; reopens once still good at 2026-11-23T09:00:16Z") {
		t.Fatalf("2 s after: %+v", v)
	}
	// A bad observation starts the count again.
	g.Observe(bad("integrity", 15*time.Second, "missing vix"))
	g.Observe(good("integrity", 16*time.Second))
	g.Observe(good("integrity", 20*time.Second))
	if g.Verdict().Ready {
		t.Fatal("open 4 s after the last bad observation")
	}
	if !g.Observe(good("integrity", 21*time.Second)) {
		t.Fatal("no change at reopening")
	}
	if v := g.Verdict(); !v.Ready || !v.Since.Equal(at(21*time.Second)) {
		t.Fatalf("%+v", v)
	}
}

// One good record and then silence: the gate asks for a fresh look when
// the record has been good for reopen_after, once, and opens on it.
func TestAsksForAFreshObservationToReopen(t *testing.T) {
	g := open(t)
	g.Observe(bad("integrity", 10*time.Second, "missing vix"))
	g.Observe(good("integrity", 11*time.Second))
	if next := g.Next(at(11 * time.Second)); !next.Equal(at(16 * time.Second)) {
		t.Fatalf("next tick at %v", next.Sub(t0))
	}
	if _, recheck := g.Tick(at(15 * time.Second)); recheck {
		t.Fatal("recheck asked early")
	}
	if _, recheck := g.Tick(at(16 * time.Second)); !recheck {
		t.Fatal("no recheck asked")
	}
	if _, recheck := g.Tick(at(16 * time.Second)); recheck {
		t.Fatal("recheck asked twice")
	}
	if next := g.Next(at(16 * time.Second)); !next.IsZero() {
		t.Fatalf("a tick set after the recheck was asked: %v", next.Sub(t0))
	}
	g.Observe(good("integrity", 16*time.Second+3*time.Millisecond))
	if v := g.Verdict(); !v.Ready {
		t.Fatalf("%+v", v)
	}
}

func TestAVerdictThatRunsOutClosesTheGate(t *testing.T) {
	g := New([]string{"freshness"}, 5*time.Second, t0)
	o := good("freshness", 0)
	o.Until = at(90 * time.Second)
	g.Observe(o)
	o.At = at(5 * time.Second)
	g.Observe(o)
	if next := g.Next(at(5 * time.Second)); !next.Equal(at(90 * time.Second)) {
		t.Fatalf("next tick at %v", next.Sub(t0))
	}
	if changed, _ := g.Tick(at(89 * time.Second)); changed || !g.Verdict().Ready {
		t.Fatal("closed before its verdict ran out")
	}
	changed, _ := g.Tick(at(90 * time.Second))
	v := g.Verdict()
	if !changed || v.Ready || !v.Since.Equal(at(90*time.Second)) ||
		v.Reasons[0] != "freshness has not checked since 2026-11-23T09:00:05Z: its verdict ran out at 2026-11-23T09:01:30Z" {
		t.Fatalf("%+v", v)
	}
	if next := g.Next(at(90 * time.Second)); !next.IsZero() {
		t.Errorf("a tick set for a verdict that ran out: %v", next.Sub(t0))
	}
}

func TestTheVerdictNamesTheRecordItJudged(t *testing.T) {
	g := open(t)
	if g.Verdict().ExFPushedAt != nil {
		t.Fatal("a _pushed_at before any record")
	}
	pushed := at(-time.Second)
	o := good("integrity", 6*time.Second)
	o.Record = &Record{PushedAt: pushed}
	g.Observe(o)
	if p := g.Verdict().ExFPushedAt; p == nil || !p.Equal(pushed) {
		t.Fatalf("%v", p)
	}
	// An observation of another key leaves it; a record without a
	// _pushed_at clears it.
	g.Observe(good("scan", 7*time.Second))
	if p := g.Verdict().ExFPushedAt; p == nil || !p.Equal(pushed) {
		t.Fatalf("%v", p)
	}
	o.Record = &Record{}
	g.Observe(o)
	if p := g.Verdict().ExFPushedAt; p != nil {
		t.Fatalf("%v", p)
	}
}

// producer is the record in Hazelcast as a flapping producer writes it.
type producer struct {
	bad bool
}

// flap runs a Keeper for an hour against a producer whose record turns bad
// and good after random stretches from the two ranges, observing each
// write as a change event would and each recheck the gate asks for as a
// fresh read; it returns how many times the gate closed and opened.
func flap(t *testing.T, seed uint64, badFor, goodFor [2]time.Duration) (closes, opens int) {
	t.Helper()
	clk := clock.NewFake(t0)
	p := &producer{}
	rechecks := 0
	ready := false
	k := NewKeeper(New([]string{"integrity"}, 5*time.Second, t0), clk, func(v Verdict) {
		if v.Ready != ready {
			if v.Ready {
				opens++
			} else {
				closes++
			}
		}
		ready = v.Ready
	}, func() { rechecks++ })
	defer k.Close()
	observe := func() {
		o := Observation{Aspect: "integrity"}
		if p.bad {
			o.Reasons = []string{"missing vix"}
		}
		k.Observe(o)
	}
	observe()
	rng := rand.New(rand.NewPCG(seed, 1))
	between := func(r [2]time.Duration) time.Duration {
		return r[0] + time.Duration(rng.Int64N(int64(r[1]-r[0])+1))
	}
	next := t0.Add(10 * time.Second) // good at first: the gate opens at 5 s
	for clk.Now().Before(t0.Add(time.Hour)) {
		if !clk.Now().Before(next) {
			p.bad = !p.bad
			observe()
			if p.bad {
				next = clk.Now().Add(between(badFor))
			} else {
				next = clk.Now().Add(between(goodFor))
			}
		}
		handled := rechecks
		clk.Advance(10 * time.Millisecond)
		if rechecks > handled {
			observe()
		}
	}
	return closes, opens
}

// A producer that flaps faster than reopen_after closes the gate once for
// the whole hour: it never holds a good record for long enough to reopen it.
func TestAFlappingProducerClosesTheGateOnce(t *testing.T) {
	for seed := range uint64(5) {
		closes, opens := flap(t, seed, [2]time.Duration{100 * time.Millisecond, 3 * time.Second},
			[2]time.Duration{100 * time.Millisecond, 4900 * time.Millisecond})
		// Opened once at start, closed at the first bad record.
		if closes != 1 || opens != 1 {
			t.Errorf("seed %d: the gate closed %d and opened %d times in an hour", seed, closes, opens)
		}
	}
}

// A producer that holds good records for longer than reopen_after opens
// the gate each time, reopen_after after the good record: the data was
// fit to trade on then. Each good stretch opens it at most once.
func TestGoodStretchesLongerThanReopenAfterReopenTheGate(t *testing.T) {
	closes, opens := flap(t, 7, [2]time.Duration{time.Second, 2 * time.Second},
		[2]time.Duration{6 * time.Second, 8 * time.Second})
	// About 3600/(1.5+7) stretches; each opens once, after 5 of its ~7 s.
	if closes < 300 || closes > 500 || opens < closes || opens > closes+1 {
		t.Errorf("closed %d and opened %d times", closes, opens)
	}
}

// A reload that drops a job drops its aspect: a gate closed only because
// that job's verdict ran out reopens by the rule; one that adds a job
// waits for it.
func TestRequireFollowsTheJobsAReloadLeaves(t *testing.T) {
	g := New([]string{"integrity", "bridge"}, 5*time.Second, t0)
	g.Observe(Observation{Aspect: "bridge", At: at(0), Until: at(10 * time.Second)})
	g.Observe(good("integrity", 0))
	g.Observe(good("integrity", 5*time.Second))
	if !g.Verdict().Ready {
		t.Fatal("not open")
	}
	if changed, _ := g.Tick(at(10 * time.Second)); !changed || g.Verdict().Ready {
		t.Fatalf("the bridge's verdict ran out, and the gate is %+v", g.Verdict())
	}
	g.Require([]string{"integrity"}, at(11*time.Second))
	g.Observe(good("integrity", 12*time.Second))
	g.Observe(good("integrity", 17*time.Second))
	if v := g.Verdict(); !v.Ready {
		t.Fatalf("without the bridge, still closed: %+v", v)
	}
	if !g.Require([]string{"integrity", "divergence"}, at(18*time.Second)) {
		t.Error("adding a job did not change the verdict")
	}
	if v := g.Verdict(); v.Ready || !slices.Equal(v.Reasons, []string{"divergence has not checked yet"}) {
		t.Errorf("with divergence added: %+v", v)
	}
}
