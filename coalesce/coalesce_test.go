package coalesce

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

type run struct {
	at     time.Time
	value  int
	urgent bool
	newest int // the newest value offered when it started
}

// sim drives a Coalescer through simulated time: runs take runTime, and
// wake-ups and run ends happen at their times as time moves on.
type sim struct {
	t       *testing.T
	c       *Coalescer[int]
	now     time.Time
	runTime time.Duration
	runs    []run
	offered int
	doneAt  time.Time // zero: no run in progress
	wakeAt  time.Time
}

func newSim(t *testing.T, interval, runTime time.Duration) *sim {
	return &sim{t: t, c: New[int](interval), now: t0, runTime: runTime}
}

func (s *sim) apply(st Step[int]) {
	if st.Run {
		if !s.doneAt.IsZero() {
			s.t.Fatalf("a run started at %v while another runs", s.now.Sub(t0))
		}
		s.runs = append(s.runs, run{s.now, st.Value, st.Urgent, s.offered})
		s.doneAt, s.wakeAt = s.now.Add(s.runTime), time.Time{}
	} else if !st.Wake.IsZero() {
		s.wakeAt = st.Wake
	}
}

// until moves time to t, ending runs and waking the Coalescer on the way.
func (s *sim) until(t time.Time) {
	for {
		next, done := time.Time{}, false
		if !s.doneAt.IsZero() {
			next, done = s.doneAt, true
		}
		if !s.wakeAt.IsZero() && (next.IsZero() || s.wakeAt.Before(next)) {
			next, done = s.wakeAt, false
		}
		if next.IsZero() || next.After(t) {
			s.now = t
			return
		}
		s.now = next
		if done {
			s.doneAt = time.Time{}
			s.apply(s.c.Done(s.now))
		} else {
			s.wakeAt = time.Time{}
			s.apply(s.c.Wake(s.now))
		}
	}
}

func (s *sim) offer(at time.Time, v int, urgent bool) {
	s.until(at)
	s.offered = v
	s.apply(s.c.Offer(s.now, v, urgent))
}

// runsIn counts the runs that started in [from, from+d).
func (s *sim) runsIn(from time.Time, d time.Duration) int {
	n := 0
	for _, r := range s.runs {
		if !r.at.Before(from) && r.at.Before(from.Add(d)) {
			n++
		}
	}
	return n
}

func TestTheFirstChangeRunsAtOnce(t *testing.T) {
	s := newSim(t, 250*time.Millisecond, 2*time.Millisecond)
	s.offer(t0, 1, false)
	if len(s.runs) != 1 || !s.runs[0].at.Equal(t0) || s.runs[0].value != 1 {
		t.Fatalf("runs %+v", s.runs)
	}
	// Long after, a change runs at once again.
	s.offer(t0.Add(time.Minute), 2, false)
	if len(s.runs) != 2 || !s.runs[1].at.Equal(t0.Add(time.Minute)) {
		t.Fatalf("runs %+v", s.runs)
	}
}

// A producer writing 100 times a second for 10 seconds costs at most 4 runs
// in any second, every run judges the newest value there was when it
// started, and the last value written is judged.
func TestAProducerAt100HzCostsAtMostFourRunsASecond(t *testing.T) {
	for _, runTime := range []time.Duration{time.Millisecond, 30 * time.Millisecond, 400 * time.Millisecond} {
		s := newSim(t, 250*time.Millisecond, runTime)
		const n = 1000
		for i := range n {
			s.offer(t0.Add(time.Duration(i)*10*time.Millisecond), i, false)
		}
		s.until(t0.Add(time.Minute))
		for from := t0; from.Before(t0.Add(10 * time.Second)); from = from.Add(100 * time.Millisecond) {
			if got := s.runsIn(from, time.Second); got > 4 {
				t.Fatalf("run time %v: %d runs in the second from %v", runTime, got, from.Sub(t0))
			}
		}
		if len(s.runs) < 10 {
			t.Errorf("run time %v: only %d runs", runTime, len(s.runs))
		}
		for _, r := range s.runs {
			if r.value != r.newest {
				t.Errorf("run time %v: the run at %v judged %d, not the newest %d", runTime, r.at.Sub(t0), r.value, r.newest)
			}
		}
		if last := s.runs[len(s.runs)-1]; last.value != n-1 {
			t.Errorf("run time %v: the last run judged %d, not the last value %d", runTime, last.value, n-1)
		}
	}
}

// 1,000 changes in one second: a bounded number of runs, the last change
// judged within the interval of its arrival.
func TestABurstEndsWithTheLatestJudged(t *testing.T) {
	s := newSim(t, 250*time.Millisecond, 3*time.Millisecond)
	for i := range 1000 {
		s.offer(t0.Add(time.Duration(i)*time.Millisecond), i, false)
	}
	s.until(t0.Add(time.Minute))
	if len(s.runs) > 5 {
		t.Errorf("%d runs for a burst of one second", len(s.runs))
	}
	last := s.runs[len(s.runs)-1]
	if last.value != 999 || last.at.Sub(t0.Add(999*time.Millisecond)) > 250*time.Millisecond {
		t.Errorf("last run %+v at %v", last, last.at.Sub(t0))
	}
}

// A bad record in a stream of good ones is judged as soon as the run in
// progress ends, never replaced by the good records after it, and the
// stream's last record is still judged last.
func TestAnUrgentValueIsNeitherReplacedNorKeptWaiting(t *testing.T) {
	s := newSim(t, 250*time.Millisecond, 20*time.Millisecond)
	for i := range 100 {
		s.offer(t0.Add(time.Duration(i)*10*time.Millisecond), i, i == 51)
	}
	s.until(t0.Add(time.Minute))
	var bad *run
	for i := range s.runs {
		if s.runs[i].value == 51 {
			bad = &s.runs[i]
		}
	}
	if bad == nil || !bad.urgent {
		t.Fatalf("the urgent value was never run: %+v", s.runs)
	}
	// Offered at 510 ms; the run in progress (from 500 ms) ends at 520 ms.
	if wait := bad.at.Sub(t0.Add(510 * time.Millisecond)); wait > 20*time.Millisecond {
		t.Errorf("the urgent value waited %v", wait)
	}
	if last := s.runs[len(s.runs)-1]; last.value != 99 {
		t.Errorf("last run judged %d", last.value)
	}
}

// Values that waited before an urgent one are older than it: running them
// after it would leave an older record judged last.
func TestWhatWaitedBeforeAnUrgentValueIsDropped(t *testing.T) {
	s := newSim(t, 250*time.Millisecond, 100*time.Millisecond)
	s.offer(t0, 1, false)
	s.offer(t0.Add(10*time.Millisecond), 2, false)
	s.offer(t0.Add(20*time.Millisecond), 3, true)
	s.until(t0.Add(time.Minute))
	if len(s.runs) != 2 || s.runs[1].value != 3 || !s.runs[1].at.Equal(t0.Add(100*time.Millisecond)) {
		t.Fatalf("runs %+v", s.runs)
	}
}

// Whatever the caller calls urgent, runs stay bounded: an urgent value
// takes only one turn early.
func TestUrgentValuesCannotBreakTheBound(t *testing.T) {
	s := newSim(t, 250*time.Millisecond, time.Millisecond)
	for i := range 10000 {
		s.offer(t0.Add(time.Duration(i)*time.Millisecond), i, true)
	}
	s.until(t0.Add(time.Minute))
	first, last := s.runs[0].at, s.runs[len(s.runs)-1].at
	if n, limit := len(s.runs), int(last.Sub(first)/(250*time.Millisecond))+2; n > limit {
		t.Errorf("%d runs in %v, more than %d", n, last.Sub(first), limit)
	}
	for from := t0; from.Before(t0.Add(10 * time.Second)); from = from.Add(50 * time.Millisecond) {
		if got := s.runsIn(from, time.Second); got > 6 {
			t.Fatalf("%d runs in the second from %v", got, from.Sub(t0))
		}
	}
	if last := s.runs[len(s.runs)-1]; last.value != 9999 {
		t.Errorf("last run judged %d", last.value)
	}
}
