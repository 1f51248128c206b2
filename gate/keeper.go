package gate

import (
	"sync"

	"tidewatch/internal/clock"
)

// Keeper runs a Gate on a clock: it ticks it when an aspect's verdict runs
// out or a recheck falls due, and tells of every change.
type Keeper struct {
	clk      clock.Clock
	onChange func(Verdict)
	recheck  func()

	mu     sync.Mutex
	g      *Gate
	timer  clock.Timer
	closed bool
}

// NewKeeper keeps g. onChange is told of every change of the verdict and
// recheck is called when the gate wants a fresh observation; both are
// called in order with the keeper's lock held, so they must not block
// (hand the work to a goroutine or a channel) nor call the Keeper.
func NewKeeper(g *Gate, clk clock.Clock, onChange func(Verdict), recheck func()) *Keeper {
	return &Keeper{clk: clk, onChange: onChange, recheck: recheck, g: g}
}

// Observe takes an observation; a zero At is now.
func (k *Keeper) Observe(o Observation) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return
	}
	if o.At.IsZero() {
		o.At = k.clk.Now()
	}
	if k.g.Observe(o) {
		k.onChange(k.g.Verdict())
	}
	k.arm()
}

// Require changes the aspects the gate requires (Gate.Require).
func (k *Keeper) Require(aspects []string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return
	}
	if k.g.Require(aspects, k.clk.Now()) {
		k.onChange(k.g.Verdict())
	}
	k.arm()
}

// Verdict is the gate's verdict now.
func (k *Keeper) Verdict() Verdict {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.g.Verdict()
}

// arm sets the timer for the gate's next tick, k.mu held.
func (k *Keeper) arm() {
	if k.timer != nil {
		k.timer.Stop()
		k.timer = nil
	}
	now := k.clk.Now()
	if at := k.g.Next(now); !at.IsZero() {
		k.timer = k.clk.AfterFunc(max(0, at.Sub(now)), k.tick)
	}
}

func (k *Keeper) tick() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return
	}
	changed, recheck := k.g.Tick(k.clk.Now())
	if changed {
		k.onChange(k.g.Verdict())
	}
	if recheck {
		k.recheck()
	}
	k.arm()
}

// Close stops the timer; observations after it are ignored.
func (k *Keeper) Close() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.closed = true
	if k.timer != nil {
		k.timer.Stop()
	}
}
