// Package supervise keeps a child process running, as supervisord does: it
// starts the child in a process group of its own that dies with this
// process, restarts it after a crash with a growing delay, cools down once
// the restart attempts are spent, leaves alone a child that says its
// configuration is bad, and stops it with a grace. It tells every step
// through a callback, as typed events; what to do with them (tidewatch
// records them in its history) is the caller's.
package supervise

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

	"tidewatch/internal/backoff"
)

// Config says what to run and how to keep it running.
type Config struct {
	// Name names the child in the log: its lines are logged as "[name] ...".
	Name    string
	Command []string
	// Env is added to this process's environment for the child.
	Env []string
	// Ready matches the line of output by which the child says it is ready.
	Ready *regexp.Regexp
	// KeepLines is how many of the child's last lines are kept, for
	// exits and snapshots.
	KeepLines int
	// Backoff is the wait before a restart after a crash: every restart
	// waits, even after a long stable run.
	Backoff     backoff.Policy
	MaxAttempts int
	// Cooldown is the wait once the attempts are spent; then the child is
	// tried again with a fresh budget.
	Cooldown time.Duration
	// StableAfter is how long a child must have been ready for its crash
	// to start a fresh budget.
	StableAfter time.Duration
	// StopGrace is how long the child has to stop before it is killed.
	StopGrace time.Duration
	// ConfigErrorExitCode is the exit code by which the child says its
	// configuration is bad: restarting cannot help, so it is not restarted.
	ConfigErrorExitCode int
	// PIDFile names the running child and this process, so that a later
	// supervisor finds a child left behind.
	PIDFile string
	// OnEvent is told of every step of the child's life, in order, from the
	// supervisor's goroutine (and from Start, for a leftover).
	OnEvent func(Event)
}

// Supervisor keeps the child running: one coordinator goroutine, through
// which every start, exit and restart request passes, so that crash
// restarts and ordered restarts share one state machine.
type Supervisor struct {
	cfg Config
	log *slog.Logger
	out *output

	mu   sync.Mutex
	snap Snapshot

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
}

type child struct {
	cmd    *exec.Cmd
	pid    int
	stdout *lineWriter
	stderr *lineWriter
	// ready is called for an output line matching the ready pattern; the
	// output may come before the coordinator has seen the child start.
	ready func()
	// reaped is closed once the child has been waited for.
	reaped chan struct{}
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

// event is the exit as an event of the given kind.
func (e exit) event(kind EventKind, reason string) Event {
	ev := Event{Kind: kind, PID: e.pid, Signal: e.signal, Reason: reason}
	if e.code >= 0 {
		ev.ExitCode = &e.code
	}
	return ev
}

// New prepares a supervisor; Start starts the child.
func New(cfg Config, log *slog.Logger) *Supervisor {
	log = log.With("component", "supervisor", "child", cfg.Name)
	return &Supervisor{
		cfg: cfg, log: log,
		out:     newOutput(log, cfg.Name, cfg.Ready, cfg.KeepLines),
		snap:    Snapshot{State: Stopped},
		restart: make(chan string, 1), exits: make(chan exit, 1), ready: make(chan *child, 1),
		stop: make(chan struct{}), done: make(chan struct{}),
	}
}

// Start stops a child left behind by an earlier supervisor, then starts
// the child and supervises it until Stop.
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

// Stop stops the child (SIGTERM, the grace, then SIGKILL) and the
// supervisor.
func (s *Supervisor) Stop() {
	s.stopOnce.Do(func() { close(s.stop) })
	if s.started.Load() { // otherwise nothing will ever close done
		<-s.done
	}
}

// WaitReady waits until the child has said it is ready, has failed, or is
// cooling down, or ctx ends.
func (s *Supervisor) WaitReady(ctx context.Context) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		switch s.Snapshot().State {
		case Running, Failed, Cooldown:
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Restart asks for a restart. It goes through the coordinator like a
// crash, but spends no attempt and waits no delay: the supervisor's own
// restart is no crash of the child's.
func (s *Supervisor) Restart(reason string) {
	select {
	case s.restart <- reason:
	default: // one is pending already
	}
}

// Snapshot is the child's state now.
func (s *Supervisor) Snapshot() Snapshot {
	s.mu.Lock()
	p := s.snap
	s.mu.Unlock()
	p.LastLines = s.out.last()
	return p
}

func (s *Supervisor) set(f func(p *Snapshot)) {
	s.mu.Lock()
	f(&s.snap)
	s.mu.Unlock()
}

func (s *Supervisor) emit(e Event) {
	e.At = time.Now()
	if s.cfg.OnEvent != nil {
		s.cfg.OnEvent(e)
	}
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
// or cooldown ending.
func (s *Supervisor) nextWake() time.Duration {
	s.mu.Lock()
	state, next := s.snap.State, s.snap.NextStart
	s.mu.Unlock()
	if state == Backoff || state == Cooldown {
		return max(time.Until(next), 0)
	}
	return time.Hour
}

func (s *Supervisor) tick() {
	s.mu.Lock()
	state, next := s.snap.State, s.snap.NextStart
	s.mu.Unlock()
	if (state == Backoff || state == Cooldown) && !time.Now().Before(next) {
		if state == Cooldown {
			s.set(func(p *Snapshot) { p.Attempts = 0 })
		}
		s.spawn()
	}
}

// spawn starts the child in its own process group. Pdeathsig kills it
// with its parent, but it belongs to the OS thread that started it: the
// goroutine that starts the child stays locked to its thread until the
// child has been reaped.
func (s *Supervisor) spawn() {
	command := s.cfg.Command
	c := &child{cmd: exec.Command(command[0], command[1:]...), reaped: make(chan struct{})}
	c.ready = func() {
		select {
		case s.ready <- c:
		default:
		}
	}
	c.stdout = &lineWriter{out: s.out, stream: "stdout", child: c}
	c.stderr = &lineWriter{out: s.out, stream: "stderr", child: c}
	c.cmd.Stdout, c.cmd.Stderr = c.stdout, c.stderr
	c.cmd.Env = append(os.Environ(), s.cfg.Env...)
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
		close(c.reaped)
		c.stdout.flush()
		c.stderr.flush()
		s.exits <- exitOf(c.cmd.Process.Pid, c.cmd.ProcessState, err)
	}()
	now := time.Now()
	if err := <-started; err != nil {
		s.log.Error("the child could not start", "command", command, "err", err)
		s.exited(exit{code: -1, err: fmt.Errorf("could not start %s: %w", command[0], err), at: now})
		return
	}
	c.pid = c.cmd.Process.Pid
	s.child = c
	s.set(func(p *Snapshot) {
		p.State, p.PID, p.StartedAt, p.ReadyAt = Starting, c.pid, now, time.Time{}
	})
	s.writePID(c.pid)
	s.log.Info("child started", "pid", c.pid, "command", command)
	s.emit(Event{Kind: EventStart, PID: c.pid, Reason: strings.Join(command, " ")})
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
	s.set(func(p *Snapshot) {
		if p.State == Starting {
			p.State, p.ReadyAt, first = Running, time.Now(), true
		}
	})
	if first {
		s.log.Info("child ready", "pid", pid)
		s.emit(Event{Kind: EventReady, PID: pid})
	}
}

// exited handles the end of a child: a restart after the delay (growing,
// with jitter, for the next attempts), cooldown once the attempts are
// spent, a restart at once when the supervisor stopped it, or nothing for
// a child that says its configuration is bad.
func (s *Supervisor) exited(e exit) {
	s.child = nil
	s.removePID(e.pid)
	lines := s.out.last()
	if n := s.out.takeDropped(); n > 0 {
		s.log.Warn("child output lines dropped: it wrote faster than the log took them", "lines", n)
	}

	var stable bool
	s.set(func(p *Snapshot) {
		stable = !p.ReadyAt.IsZero() && e.at.Sub(p.ReadyAt) >= s.cfg.StableAfter
		p.PID, p.LastExit = 0, e.String()
	})
	reason, ordered := "crash: "+e.String(), s.restartReason != ""
	if ordered {
		reason = s.restartReason
		s.restartReason = ""
	}
	ev := e.event(EventExit, reason)
	ev.Output = lines
	s.emit(ev)

	if e.code == s.cfg.ConfigErrorExitCode {
		why := fmt.Sprintf("it exited with code %d (bad configuration)", e.code)
		s.set(func(p *Snapshot) { p.State, p.FailedReason = Failed, why })
		s.log.Error("the child reports a bad configuration; not restarting it", "exit", e, "last_lines", tail(lines, 5))
		s.emit(Event{Kind: EventFailed, PID: e.pid, Reason: why, Output: lines})
		return
	}

	if ordered {
		// The supervisor stopped it: no crash, no attempt spent, no wait.
		s.set(func(p *Snapshot) { p.Restarts++ })
		s.log.Info("child stopped as ordered; starting it again", "exit", e, "reason", reason)
		s.emit(Event{Kind: EventRestart, PID: e.pid, Reason: reason})
		s.spawn()
		return
	}

	var attempts int
	s.set(func(p *Snapshot) {
		if stable {
			p.Attempts = 0
		}
		p.Attempts++
		p.Restarts++
		attempts = p.Attempts
	})
	if attempts > s.cfg.MaxAttempts {
		next := e.at.Add(s.cfg.Cooldown)
		s.set(func(p *Snapshot) { p.State, p.NextStart = Cooldown, next })
		s.log.Error("child restart attempts spent; cooling down", "attempts", s.cfg.MaxAttempts, "next_try", next.UTC(), "last_exit", e)
		s.emit(Event{Kind: EventCooldown, PID: e.pid, Reason: "restart attempts spent", MaxAttempts: s.cfg.MaxAttempts, Delay: s.cfg.Cooldown})
		return
	}
	delay := s.cfg.Backoff.Delay(attempts)
	s.set(func(p *Snapshot) { p.State, p.NextStart = Backoff, e.at.Add(delay) })
	s.log.Warn("child exited; restarting it", "exit", e, "reason", reason, "in", delay, "attempt", attempts, "of", s.cfg.MaxAttempts)
	s.emit(Event{Kind: EventRestart, PID: e.pid, Reason: reason, Attempt: attempts, MaxAttempts: s.cfg.MaxAttempts, Delay: delay})
}

func (s *Supervisor) stopForRestart(reason string) {
	if s.child == nil || s.restartReason != "" {
		return
	}
	s.restartReason = "restart: " + reason
	s.set(func(p *Snapshot) { p.State = Stopping })
	c := s.child
	s.log.Warn("restarting the child", "pid", c.pid, "reason", reason)
	// The coordinator goes on meanwhile: the exit comes as any other.
	go func() {
		if stopGroup(c.pid, s.cfg.StopGrace, c.reaped) {
			s.log.Warn("the child did not stop within its grace; killed it", "pid", c.pid, "grace", s.cfg.StopGrace)
		}
	}()
}

func (s *Supervisor) shutdown() {
	defer s.set(func(p *Snapshot) { p.State, p.PID = Stopped, 0 })
	if s.child == nil {
		return
	}
	c := s.child
	s.set(func(p *Snapshot) { p.State = Stopping })
	killed := stopGroup(c.pid, s.cfg.StopGrace, c.reaped)
	e := <-s.exits
	s.removePID(c.pid)
	why := "tidewatch stopping: " + e.String()
	if killed {
		why = "tidewatch stopping: killed after the grace: " + e.String()
	}
	s.emit(e.event(EventStop, why))
	s.log.Info("child stopped", "pid", c.pid)
}

// stopGroup stops the process group that pid leads: SIGTERM, and SIGCONT
// so that a stopped process can act on it, then SIGKILL if exited has not
// closed within grace. It returns then, and whether it had to kill.
func stopGroup(pid int, grace time.Duration, exited <-chan struct{}) (killed bool) {
	syscall.Kill(-pid, syscall.SIGTERM)
	syscall.Kill(-pid, syscall.SIGCONT)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-exited:
		return false
	case <-t.C:
		syscall.Kill(-pid, syscall.SIGKILL)
		return true
	}
}

func tail(lines []string, n int) []string { return lines[max(0, len(lines)-n):] }
