package bridge

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/backoff"
	"tidewatch/internal/proc"
	"tidewatch/scanfiles"
)

// Supervisor keeps the bridge running: a state machine like supervisord's
// (stopped, starting, running, backoff, stopping, cooldown, and failed for a
// bridge that says its configuration is bad), with one coordinator
// goroutine through which every start, exit and restart request passes, so
// that crash restarts and stale restarts share one budget.
type Supervisor struct {
	cfg     config.Bridge
	command []string
	log     *slog.Logger
	store   *db.Store
	state   stateDir
	out     *output
	files   *scanfiles.Dir
	// backoff is the wait before a restart after a crash: every restart
	// waits, even after a long stable run.
	backoff backoff.Policy

	mu   sync.Mutex
	snap checks.BridgeProcess

	restart  chan string
	exits    chan exit
	ready    chan *child
	stop     chan struct{}
	stopOnce sync.Once
	started  atomic.Bool
	done     chan struct{} // the coordinator and the output forwarder have ended

	// Owned by the coordinator goroutine.
	child         *child
	restartReason string
	killAt        time.Time
}

type child struct {
	cmd    *exec.Cmd
	pid    int
	stdout *lineWriter
	stderr *lineWriter
	// ready is called for an output line matching the ready pattern; the
	// output may come before the coordinator has seen the child start.
	ready func()
}

type exit struct {
	pid    int
	code   int // -1 when killed by a signal
	signal string
	err    error
	at     time.Time
}

func (e exit) String() string {
	switch {
	case e.signal != "":
		return "killed by " + e.signal
	case e.err != nil && e.code < 0:
		return e.err.Error()
	}
	return fmt.Sprintf("exit status %d", e.code)
}

// NewSupervisor prepares a supervisor for the bridge command: by default
// this executable with "bridge" and the given config file.
func NewSupervisor(cfg *config.Config, configPath string, store *db.Store, log *slog.Logger) (*Supervisor, error) {
	command := cfg.Bridge.Command
	if len(command) == 0 {
		self, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("bridge command: %w", err)
		}
		command = []string{self, "bridge", "--config", configPath, "--log-format", "json", "--log-level", cfg.Log.Level}
	}
	s := &Supervisor{
		cfg: cfg.Bridge, command: command, log: log, store: store, state: stateDir(cfg.Bridge.StateDir),
		out:     newOutput(log, regexp.MustCompile(cfg.Bridge.ReadyPattern), cfg.Bridge.KeepLines),
		files:   scanfiles.NewDir(cfg.Bridge.WatchDir, cfg.Bridge.Pattern, log),
		backoff: backoff.Policy{First: cfg.Bridge.RestartDelay.Duration, Max: cfg.Bridge.MaxRestartDelay.Duration, Jitter: 0.2},
		snap:    checks.BridgeProcess{State: checks.BridgeStopped},
		restart: make(chan string, 1), exits: make(chan exit, 1), ready: make(chan *child, 1),
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	if err := os.MkdirAll(string(s.state), 0o755); err != nil {
		return nil, fmt.Errorf("bridge state directory: %w", err)
	}
	return s, nil
}

// Start stops a bridge left behind by an earlier tidewatch, then starts
// the bridge and supervises it until Stop.
func (s *Supervisor) Start() {
	s.started.Store(true)
	s.stopLeftover()
	ctx, cancel := context.WithCancel(context.Background())
	forwarded := make(chan struct{})
	go func() {
		defer close(forwarded)
		s.out.run(ctx)
	}()
	go func() {
		defer close(s.done)
		s.loop()
		cancel()
		<-forwarded
	}()
}

// Stop stops the bridge (SIGTERM, the grace, then SIGKILL) and the
// supervisor.
func (s *Supervisor) Stop() {
	s.stopOnce.Do(func() { close(s.stop) })
	if s.started.Load() { // otherwise nothing will ever close done
		<-s.done
	}
	s.files.Close()
}

// NewestFile is the newest scan file in the watched directory that looks
// whole, with what the bridge recorded when it read it, or nil when none
// looks whole.
func (s *Supervisor) NewestFile() (*checks.NewestFile, error) {
	f, err := s.files.Newest()
	if f == nil || err != nil {
		return nil, err
	}
	newest := &checks.NewestFile{Path: f.Path, ModTime: f.ModTime, Size: f.Size, Arrived: f.Arrived}
	ds, err := scanfiles.ReadDecisions(string(s.state))
	if err != nil {
		// Without the record every file counts as unread: the grace and
		// the stale readings still stand between that and a restart.
		s.log.Warn("the bridge's record of decisions is unreadable", "err", err)
		return newest, nil
	}
	for _, d := range ds.Files {
		if d.Of(f.ID()) {
			newest.Reading = &d.Reading
		}
	}
	return newest, nil
}

// WaitReady waits until the bridge has reported ready (its first push is
// done by then), has failed, or ctx ends: the first checks should judge
// the scan it pushes, not the moment before.
func (s *Supervisor) WaitReady(ctx context.Context) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		s.mu.Lock()
		state := s.snap.State
		s.mu.Unlock()
		switch state {
		case checks.BridgeRunning, checks.BridgeFailed, checks.BridgeCooldown:
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Restart asks for a restart; it goes through the coordinator and the
// restart budget like a crash.
func (s *Supervisor) Restart(reason string) {
	select {
	case s.restart <- reason:
	default: // one is pending already
	}
}

// Snapshot is the bridge's state now, with the decisions it recorded.
func (s *Supervisor) Snapshot() checks.BridgeProcess {
	s.mu.Lock()
	p := s.snap
	p.Poisoned = append([]string(nil), s.snap.Poisoned...)
	s.mu.Unlock()
	p.LastLines = s.out.last()
	ds, err := scanfiles.ReadDecisions(string(s.state))
	if err != nil {
		s.log.Warn("the bridge's record of decisions is unreadable", "err", err)
	}
	for _, d := range ds.Files {
		p.Decisions = append(p.Decisions, checks.BridgeDecision{Seq: d.Seq, File: d.Name, Reading: d.Reading, Poisoned: d.Poisoned})
	}
	return p
}

func (s *Supervisor) set(f func(p *checks.BridgeProcess)) {
	s.mu.Lock()
	f(&s.snap)
	s.mu.Unlock()
}

func (s *Supervisor) loop() {
	s.spawn()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		timer.Reset(s.nextWake())
		select {
		case <-s.stop:
			s.shutdown()
			return
		case c := <-s.ready:
			s.becameReady(c)
		case e := <-s.exits:
			s.exited(e)
		case reason := <-s.restart:
			s.stopForRestart(reason)
		case <-timer.C:
			s.tick()
		}
	}
}

// nextWake is when the coordinator must act without an event: a backoff
// or cooldown ending, or a child that outlived its stop grace.
func (s *Supervisor) nextWake() time.Duration {
	s.mu.Lock()
	state, next := s.snap.State, s.snap.NextStart
	s.mu.Unlock()
	wait := time.Hour
	if state == checks.BridgeBackoff || state == checks.BridgeCooldown {
		wait = time.Until(next)
	}
	if !s.killAt.IsZero() {
		wait = min(wait, time.Until(s.killAt))
	}
	return max(wait, 0)
}

func (s *Supervisor) tick() {
	if !s.killAt.IsZero() && !time.Now().Before(s.killAt) && s.child != nil {
		s.log.Warn("bridge did not stop within its grace; killing it", "pid", s.child.pid, "grace", s.cfg.StopGrace)
		syscall.Kill(-s.child.pid, syscall.SIGKILL)
		s.killAt = time.Time{}
	}
	s.mu.Lock()
	state, next := s.snap.State, s.snap.NextStart
	s.mu.Unlock()
	if (state == checks.BridgeBackoff || state == checks.BridgeCooldown) && !time.Now().Before(next) {
		if state == checks.BridgeCooldown {
			s.set(func(p *checks.BridgeProcess) { p.Attempts = 0 })
		}
		s.spawn()
	}
}

// spawn starts the bridge in its own process group. Pdeathsig kills it
// with its parent, but it belongs to the OS thread that started it: the
// goroutine that starts the child stays locked to its thread until the
// child has been reaped.
func (s *Supervisor) spawn() {
	c := &child{cmd: exec.Command(s.command[0], s.command[1:]...)}
	c.ready = func() {
		select {
		case s.ready <- c:
		default:
		}
	}
	c.stdout = &lineWriter{out: s.out, stream: "stdout", child: c}
	c.stderr = &lineWriter{out: s.out, stream: "stderr", child: c}
	c.cmd.Stdout, c.cmd.Stderr = c.stdout, c.stderr
	c.cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1")
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	// Wait returns this long after the child exits even if a grandchild
	// still holds its stdout or stderr.
	c.cmd.WaitDelay = 2 * time.Second

	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := c.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		err := c.cmd.Wait()
		c.stdout.flush()
		c.stderr.flush()
		s.exits <- exitOf(c.cmd.Process.Pid, c.cmd.ProcessState, err)
	}()
	now := time.Now()
	if err := <-started; err != nil {
		s.log.Error("bridge could not start", "command", s.command, "err", err)
		s.exited(exit{code: -1, err: fmt.Errorf("could not start %s: %w", s.command[0], err), at: now})
		return
	}
	c.pid = c.cmd.Process.Pid
	s.child = c
	s.set(func(p *checks.BridgeProcess) {
		p.State, p.PID, p.StartedAt, p.ReadyAt = checks.BridgeStarting, c.pid, now, time.Time{}
	})
	s.writePID(c.pid)
	s.log.Info("bridge started", "pid", c.pid, "command", s.command)
	s.event(db.BridgeEvent{Kind: "start", PID: c.pid, Reason: strings.Join(s.command, " ")})
}

func exitOf(pid int, ps *os.ProcessState, err error) exit {
	e := exit{pid: pid, code: -1, err: err, at: time.Now()}
	if ps == nil {
		return e
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		if e.signal = unix.SignalName(ws.Signal()); e.signal == "" {
			e.signal = "signal " + strconv.Itoa(int(ws.Signal()))
		}
		return e
	}
	e.code = ps.ExitCode()
	return e
}

func (s *Supervisor) becameReady(c *child) {
	if s.child != c {
		return
	}
	pid := c.pid
	var first bool
	s.set(func(p *checks.BridgeProcess) {
		if p.State == checks.BridgeStarting {
			p.State, p.ReadyAt, first = checks.BridgeRunning, time.Now(), true
		}
	})
	if first {
		s.log.Info("bridge ready", "pid", pid)
		s.event(db.BridgeEvent{Kind: "ready", PID: pid})
	}
}

// exited handles the end of a child: a restart after the delay (growing,
// with jitter, for the next attempts), cooldown once the attempts are
// spent, or nothing for a bridge that says its configuration is bad.
func (s *Supervisor) exited(e exit) {
	s.child, s.killAt = nil, time.Time{}
	s.removePID(e.pid)
	lines := s.out.last()
	if n := s.out.takeDropped(); n > 0 {
		s.log.Warn("bridge output lines dropped: it wrote faster than the log took them", "lines", n)
	}
	if id, found, _ := scanfiles.Parsing(string(s.state)); found && (e.code != 0 || e.signal != "") {
		s.log.Error("the bridge died while parsing a file; the next bridge skips it", "file", id.Path, "exit", e)
		s.set(func(p *checks.BridgeProcess) { p.Poisoned = append(p.Poisoned, id.Path) })
		s.event(db.BridgeEvent{Kind: "poisoned", PID: e.pid, Reason: id.Path})
	}

	var stable bool
	s.set(func(p *checks.BridgeProcess) {
		stable = !p.ReadyAt.IsZero() && e.at.Sub(p.ReadyAt) >= s.cfg.StableAfter.Duration
		p.PID, p.LastExit = 0, e.String()
	})
	reason, ordered := "crash: "+e.String(), s.restartReason != ""
	if ordered {
		reason = s.restartReason
		s.restartReason = ""
	}
	ev := db.BridgeEvent{Kind: "exit", PID: e.pid, Signal: e.signal, Reason: reason, Output: lines}
	if e.code >= 0 {
		ev.ExitCode = &e.code
	}
	s.event(ev)

	if e.code == s.cfg.ConfigErrorExitCode {
		why := fmt.Sprintf("it exited with code %d (bad configuration)", e.code)
		s.set(func(p *checks.BridgeProcess) { p.State, p.FailedReason = checks.BridgeFailed, why })
		s.log.Error("bridge reports a bad configuration; not restarting it", "exit", e, "last_lines", tail(lines, 5))
		s.event(db.BridgeEvent{Kind: "failed", PID: e.pid, Reason: why, Output: lines})
		return
	}

	if ordered {
		// The supervisor stopped it: no crash, no attempt spent, no wait.
		s.set(func(p *checks.BridgeProcess) { p.Restarts++ })
		s.log.Info("bridge stopped as ordered; starting it again", "exit", e, "reason", reason)
		s.event(db.BridgeEvent{Kind: "restart", PID: e.pid, Reason: reason + "; ordered by the supervisor, not counted as a crash"})
		s.spawn()
		return
	}

	var attempts int
	s.set(func(p *checks.BridgeProcess) {
		if stable {
			p.Attempts = 0
		}
		p.Attempts++
		p.Restarts++
		attempts = p.Attempts
	})
	if attempts > s.cfg.MaxAttempts {
		next := e.at.Add(s.cfg.Cooldown.Duration)
		s.set(func(p *checks.BridgeProcess) { p.State, p.NextStart = checks.BridgeCooldown, next })
		s.log.Error("bridge restart attempts spent; cooling down", "attempts", s.cfg.MaxAttempts, "next_try", next.UTC(), "last_exit", e)
		s.event(db.BridgeEvent{Kind: "cooldown", PID: e.pid, Reason: fmt.Sprintf("%d attempts spent; next try at %s", s.cfg.MaxAttempts, next.UTC().Format(time.RFC3339))})
		return
	}
	delay := s.backoff.Delay(attempts)
	s.set(func(p *checks.BridgeProcess) { p.State, p.NextStart = checks.BridgeBackoff, e.at.Add(delay) })
	s.log.Warn("bridge exited; restarting", "exit", e, "reason", reason, "in", delay, "attempt", attempts, "of", s.cfg.MaxAttempts)
	s.event(db.BridgeEvent{Kind: "restart", PID: e.pid, Reason: fmt.Sprintf("%s; attempt %d of %d in %s", reason, attempts, s.cfg.MaxAttempts, delay)})
}

func (s *Supervisor) stopForRestart(reason string) {
	if s.child == nil || s.restartReason != "" {
		return
	}
	s.restartReason = "restart: " + reason
	s.set(func(p *checks.BridgeProcess) { p.State = checks.BridgeStopping })
	s.log.Warn("restarting the bridge", "pid", s.child.pid, "reason", reason)
	s.terminate(s.child.pid)
}

// terminate sends SIGTERM to the bridge's process group, and SIGCONT so
// that a stopped bridge can act on it; SIGKILL follows after the grace.
func (s *Supervisor) terminate(pid int) {
	syscall.Kill(-pid, syscall.SIGTERM)
	syscall.Kill(-pid, syscall.SIGCONT)
	s.killAt = time.Now().Add(s.cfg.StopGrace.Duration)
}

func (s *Supervisor) shutdown() {
	defer s.set(func(p *checks.BridgeProcess) { p.State, p.PID = checks.BridgeStopped, 0 })
	if s.child == nil {
		return
	}
	pid := s.child.pid
	s.set(func(p *checks.BridgeProcess) { p.State = checks.BridgeStopping })
	s.terminate(pid)
	select {
	case e := <-s.exits:
		s.removePID(pid)
		s.event(db.BridgeEvent{Kind: "stop", PID: pid, Reason: "tidewatch stopping: " + e.String()})
	case <-time.After(s.cfg.StopGrace.Duration):
		syscall.Kill(-pid, syscall.SIGKILL)
		e := <-s.exits
		s.removePID(pid)
		s.event(db.BridgeEvent{Kind: "stop", PID: pid, Reason: "tidewatch stopping: killed after the grace: " + e.String()})
	}
	s.log.Info("bridge stopped", "pid", pid)
}

func (s *Supervisor) event(e db.BridgeEvent) {
	e.At = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.store.WriteBridgeEvent(ctx, e); err != nil {
		s.log.Error("bridge event not recorded", "kind", e.Kind, "err", err)
	}
}

// The pid file names the running bridge and the tidewatch that runs it,
// each with its start time, so that a later tidewatch finds a bridge left
// behind, never mistakes a reused pid for it, and never stops the live
// bridge of a tidewatch that still runs.
type pidFile struct {
	pid, parent        int
	start, parentStart uint64
}

func (s *Supervisor) readPID() (pidFile, bool) {
	b, err := os.ReadFile(s.state.path("bridge.pid"))
	if err != nil {
		return pidFile{}, false
	}
	var f pidFile
	// An older tidewatch wrote the bridge alone: its parent is unknown.
	n, _ := fmt.Sscanf(string(b), "%d %d %d %d", &f.pid, &f.start, &f.parent, &f.parentStart)
	if n < 2 || f.pid <= 1 {
		return pidFile{}, false
	}
	if n < 4 {
		f.parent, f.parentStart = 0, 0
	}
	return f, true
}

// alive tells whether the pid file's bridge runs, and whether the
// tidewatch that started it does.
func (f pidFile) alive() (bridge, parent bool) {
	bridge = proc.Running(f.pid, f.start)
	parent = f.parent > 1 && f.parent != os.Getpid() && proc.Running(f.parent, f.parentStart)
	return bridge, parent
}

func (s *Supervisor) writePID(pid int) {
	if f, ok := s.readPID(); ok {
		if bridge, parent := f.alive(); bridge && parent {
			return // another tidewatch's; stopLeftover said so
		}
	}
	start, err := proc.Start(pid)
	var self uint64
	if err == nil {
		self, err = proc.Start(os.Getpid())
	}
	if err == nil {
		err = os.WriteFile(s.state.path("bridge.pid"), fmt.Appendf(nil, "%d %d %d %d\n", pid, start, os.Getpid(), self), 0o644)
	}
	if err != nil {
		s.log.Warn("bridge pid file not written", "err", err)
	}
}

// removePID removes the pid file if it names the given bridge.
func (s *Supervisor) removePID(pid int) {
	if f, ok := s.readPID(); ok && f.pid == pid {
		os.Remove(s.state.path("bridge.pid"))
	}
}

// stopLeftover stops a bridge that an earlier tidewatch left behind: one
// whose tidewatch is gone. The live bridge of a tidewatch that still runs
// is left alone (two daemons on one state directory are refused by the
// database lock before this).
func (s *Supervisor) stopLeftover() {
	f, ok := s.readPID()
	if !ok {
		os.Remove(s.state.path("bridge.pid"))
		return
	}
	switch bridge, parent := f.alive(); {
	case !bridge:
		os.Remove(s.state.path("bridge.pid")) // gone, or the pid was reused
		return
	case parent:
		s.log.Error("the bridge state directory is in use by another tidewatch; its bridge is left running",
			"state_dir", s.state, "bridge_pid", f.pid, "tidewatch_pid", f.parent)
		s.event(db.BridgeEvent{Kind: "leftover", PID: f.pid,
			Reason: fmt.Sprintf("a bridge of tidewatch pid %d, which still runs, was left running", f.parent)})
		return
	}
	pid := f.pid
	s.log.Warn("stopping a bridge left behind by an earlier tidewatch", "pid", pid, "tidewatch_pid", f.parent)
	syscall.Kill(-pid, syscall.SIGTERM)
	syscall.Kill(-pid, syscall.SIGCONT)
	deadline := time.Now().Add(s.cfg.StopGrace.Duration)
	for time.Now().Before(deadline) && proc.Running(pid, f.start) {
		time.Sleep(50 * time.Millisecond)
	}
	if proc.Running(pid, f.start) {
		syscall.Kill(-pid, syscall.SIGKILL)
	}
	os.Remove(s.state.path("bridge.pid"))
	s.event(db.BridgeEvent{Kind: "leftover", PID: pid, Reason: "a bridge left behind by an earlier tidewatch was stopped"})
}

func tail(lines []string, n int) []string { return lines[max(0, len(lines)-n):] }
