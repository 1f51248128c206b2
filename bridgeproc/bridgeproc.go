// Package bridgeproc is the scan bridge as tidewatch run keeps it: the
// child process (`tidewatch bridge`, or bridge.command) under a supervisor,
// every step of its life recorded in bridge_events, and what the bridge job
// judges it by: its state with the files that killed it and the decisions
// it recorded, and the newest whole scan file.
package bridgeproc

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/backoff"
	"tidewatch/leader"
	"tidewatch/scanfiles"
	"tidewatch/supervise"
)

// EventPoisoned records a file that killed a bridge: the next bridge skips
// it for good.
const EventPoisoned supervise.EventKind = "poisoned"

// Bridge is the supervised bridge.
type Bridge struct {
	files    *scanfiles.Dir
	stateDir string
	store    *db.Store
	log      *slog.Logger
	// supervisor makes a supervisor of the bridge, with env added to the
	// child's environment.
	supervisor func(env []string) *supervise.Supervisor

	mu sync.Mutex
	// sup runs the bridge; nil while a follower in a cluster runs none.
	sup      *supervise.Supervisor
	poisoned []string // files that killed a bridge, oldest first
}

// New prepares the bridge for the given command: by default this
// executable with "bridge" and the given config file. Start starts it.
func New(cfg *config.Config, configPath string, store *db.Store, log *slog.Logger) (*Bridge, error) {
	c := cfg.Bridge
	command := c.Command
	if len(command) == 0 {
		self, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("bridge command: %w", err)
		}
		command = []string{self, "bridge", "--config", configPath, "--log-format", "json", "--log-level", cfg.Log.Level}
	}
	if err := os.MkdirAll(c.StateDir, 0o755); err != nil {
		return nil, fmt.Errorf("bridge state directory: %w", err)
	}
	b := &Bridge{stateDir: c.StateDir, store: store, log: log.With("component", "bridge"),
		files: scanfiles.NewDir(c.WatchDir, c.Pattern, log.With("component", "bridge"))}
	ready := regexp.MustCompile(c.ReadyPattern)
	b.supervisor = func(env []string) *supervise.Supervisor {
		return supervise.New(supervise.Config{
			Name: "bridge", Command: command, Env: append([]string{"PYTHONUNBUFFERED=1"}, env...),
			Ready: ready, KeepLines: c.KeepLines,
			Backoff:     backoff.Policy{First: c.RestartDelay.Duration, Max: c.MaxRestartDelay.Duration, Jitter: 0.2},
			MaxAttempts: c.MaxAttempts, Cooldown: c.Cooldown.Duration, StableAfter: c.StableAfter.Duration,
			StopGrace: c.StopGrace.Duration, ConfigErrorExitCode: c.ConfigErrorExitCode,
			PIDFile: filepath.Join(c.StateDir, "bridge.pid"),
			OnEvent: b.record,
		}, log)
	}
	return b, nil
}

// Start stops a bridge left behind by an earlier tidewatch, then starts
// the bridge and keeps it running until Stop.
func (b *Bridge) Start() { b.run(nil) }

// Lead starts the bridge for a leader's tenure, in a cluster: the child is
// told the tenure, and pushes only while it holds the lease.
func (b *Bridge) Lead(l leader.Lease) { b.run(l.Env()) }

func (b *Bridge) run(env []string) {
	b.Follow() // a bridge of an earlier tenure, if any, first
	sup := b.supervisor(env)
	b.mu.Lock()
	b.sup = sup
	b.mu.Unlock()
	sup.Start()
}

// Follow stops the bridge and runs none: this instance does not lead. It
// returns once the bridge has stopped (SIGTERM, the grace, then SIGKILL).
func (b *Bridge) Follow() {
	b.mu.Lock()
	sup := b.sup
	b.sup = nil
	b.mu.Unlock()
	if sup != nil {
		sup.Stop()
	}
}

// Stop stops the bridge (SIGTERM, the grace, then SIGKILL).
func (b *Bridge) Stop() {
	b.Follow()
	b.files.Close()
}

func (b *Bridge) current() *supervise.Supervisor {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sup
}

// WaitReady waits until the bridge has reported ready (its first push is
// done by then), has failed, or ctx ends: the first checks should judge
// the scan it pushes, not the moment before. It returns at once when no
// bridge runs.
func (b *Bridge) WaitReady(ctx context.Context) {
	if sup := b.current(); sup != nil {
		sup.WaitReady(ctx)
	}
}

// Restart restarts a stuck bridge: no crash, so no attempt spent.
func (b *Bridge) Restart(reason string) {
	if sup := b.current(); sup != nil {
		sup.Restart(reason)
	}
}

// Snapshot is the bridge's state now, with the decisions it recorded; a
// follower's bridge is stopped.
func (b *Bridge) Snapshot() checks.BridgeProcess {
	p := checks.BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Stopped}}
	if sup := b.current(); sup != nil {
		p.Snapshot = sup.Snapshot()
	}
	b.mu.Lock()
	p.Poisoned = append([]string(nil), b.poisoned...)
	b.mu.Unlock()
	ds, err := scanfiles.ReadDecisions(b.stateDir)
	if err != nil {
		b.log.Warn("the bridge's record of decisions is unreadable", "err", err)
	}
	for _, d := range ds.Files {
		p.Decisions = append(p.Decisions, checks.BridgeDecision{Seq: d.Seq, File: d.Name, Reading: d.Reading, Poisoned: d.Poisoned})
	}
	return p
}

// NewestFile is the newest scan file in the watched directory that looks
// whole, with what the bridge recorded when it read it, or nil when none
// looks whole.
func (b *Bridge) NewestFile() (*checks.NewestFile, error) {
	f, err := b.files.Newest()
	if f == nil || err != nil {
		return nil, err
	}
	newest := &checks.NewestFile{Path: f.Path, ModTime: f.ModTime, Size: f.Size, Arrived: f.Arrived}
	ds, err := scanfiles.ReadDecisions(b.stateDir)
	if err != nil {
		// Without the record every file counts as unread: the grace and
		// the stale readings still stand between that and a restart.
		b.log.Warn("the bridge's record of decisions is unreadable", "err", err)
		return newest, nil
	}
	for _, d := range ds.Files {
		if d.Of(f.ID()) {
			newest.Reading = &d.Reading
		}
	}
	return newest, nil
}

// record writes a step of the bridge's life into history. A bridge that
// died while parsing a file (its marker says which) poisoned that file:
// that is recorded first.
func (b *Bridge) record(e supervise.Event) {
	if e.Kind == supervise.EventExit && (e.ExitCode == nil || *e.ExitCode != 0) {
		if id, found, _ := scanfiles.Parsing(b.stateDir); found {
			b.log.Error("the bridge died while parsing a file; the next bridge skips it", "file", id.Path, "exit", e.Reason)
			b.mu.Lock()
			b.poisoned = append(b.poisoned, id.Path)
			b.mu.Unlock()
			b.write(supervise.Event{At: e.At, Kind: EventPoisoned, PID: e.PID, Reason: id.Path})
		}
	}
	b.write(e)
}

func (b *Bridge) write(e supervise.Event) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.store.WriteBridgeEvent(ctx, e); err != nil {
		b.log.Error("bridge event not recorded", "kind", e.Kind, "err", err)
	}
}
