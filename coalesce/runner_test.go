package coalesce

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tidewatch/internal/clock"
)

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// The Runner with a fake clock: the first value runs at once, values
// during the run wait, the latest of them runs when its turn comes.
func TestRunnerLeadingAndTrailingEdge(t *testing.T) {
	clk := clock.NewFake(t0)
	started := make(chan int, 10)
	release := make(chan struct{})
	r := NewRunner(250*time.Millisecond, clk, func(v int, urgent bool) {
		started <- v
		<-release
	})
	defer r.Close()
	r.Offer(1, false)
	if v := <-started; v != 1 {
		t.Fatalf("first run on %d", v)
	}
	for i := 2; i <= 100; i++ {
		r.Offer(i, false)
	}
	release <- struct{}{}
	// The run ended within its turn: the latest value waits for the next.
	waitFor(t, "a timer for the next turn", func() bool { return clk.Pending() == 1 })
	select {
	case v := <-started:
		t.Fatalf("ran %d before its turn", v)
	default:
	}
	clk.Advance(250 * time.Millisecond)
	if v := <-started; v != 100 {
		t.Fatalf("trailing run on %d, not the latest", v)
	}
	// An urgent value does not wait for the next turn.
	r.Offer(101, true)
	release <- struct{}{}
	if v := <-started; v != 101 {
		t.Fatalf("urgent run on %d", v)
	}
	release <- struct{}{}
}

// Offered from many goroutines while runs go on, with the real clock:
// runs never overlap, stay bounded, and the last value offered is judged.
func TestRunnerUnderConcurrentOffers(t *testing.T) {
	var running, overlaps, runs atomic.Int32
	var last atomic.Int64
	r := NewRunner(20*time.Millisecond, clock.Real{}, func(v int64, urgent bool) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		runs.Add(1)
		last.Store(v)
		time.Sleep(time.Millisecond)
		running.Add(-1)
	})
	var next atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for range 8 {
		wg.Go(func() {
			for range 500 {
				r.Offer(next.Add(1), false)
			}
		})
	}
	wg.Wait()
	final := next.Add(1)
	r.Offer(final, false)
	waitFor(t, "the last value judged", func() bool { return last.Load() == final })
	took := time.Since(began)
	r.Close()
	if overlaps.Load() > 0 {
		t.Errorf("%d runs overlapped", overlaps.Load())
	}
	if n, limit := runs.Load(), int32(took/(20*time.Millisecond))+2; n > limit {
		t.Errorf("%d runs in %v, more than %d", n, took, limit)
	}
}

// Close drops what waits and waits for the run in progress.
func TestRunnerCloseWaitsForTheRunInProgress(t *testing.T) {
	clk := clock.NewFake(t0)
	started, release := make(chan struct{}), make(chan struct{})
	var finished, runs atomic.Int32
	r := NewRunner(time.Second, clk, func(int, bool) {
		runs.Add(1)
		close(started)
		<-release
		finished.Add(1)
	})
	r.Offer(1, false)
	<-started
	r.Offer(2, false)
	closed := make(chan struct{})
	go func() { r.Close(); close(closed) }()
	select {
	case <-closed:
		t.Fatal("Close returned during a run")
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	<-closed
	clk.Advance(time.Hour)
	r.Offer(3, false)
	if finished.Load() != 1 || runs.Load() != 1 || clk.Pending() != 0 {
		t.Errorf("finished %d, runs %d, timers %d", finished.Load(), runs.Load(), clk.Pending())
	}
}
