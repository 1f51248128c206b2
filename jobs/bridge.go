package jobs

import (
	"context"
	"fmt"
	"sync"

	"tidewatch/checks"
)

// Bridge is what the bridge job needs of the bridge tidewatch run
// supervises.
type Bridge interface {
	// Snapshot is the bridge's state now, with what it recorded.
	Snapshot() checks.BridgeProcess
	// NewestFile is the newest whole scan file, with what the bridge
	// recorded of it; nil when there is none.
	NewestFile() (*checks.NewestFile, error)
	// Restart restarts a stuck bridge.
	Restart(reason string)
}

// bridgeMemory is what the bridge job remembers between runs: stale
// readings in a row, what it reported, what it restarted the bridge for.
type bridgeMemory struct {
	mu    sync.Mutex
	state checks.BridgeState
}

// bridge is the supervisor's health loop: it judges the bridge and
// restarts it when it is stuck.
func (r *Runner) bridge(ctx context.Context, in *inputs) (checks.Result, error) {
	if r.sup == nil {
		return checks.Result{}, fmt.Errorf("no bridge is supervised here (only tidewatch run supervises one)")
	}
	proc := r.sup.Snapshot()
	scan := in.scan(ctx)
	newest, err := r.sup.NewestFile()
	if err != nil {
		return checks.Result{}, fmt.Errorf("bridge watch directory: %w", err)
	}
	r.bridged.mu.Lock()
	res, next, restart := checks.Bridge(in.now, proc, scan, newest, r.bridged.state, r.cfg)
	r.bridged.state = next
	r.bridged.mu.Unlock()
	if restart != "" {
		r.sup.Restart(restart)
	}
	return res, nil
}
