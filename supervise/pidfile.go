package supervise

import (
	"fmt"
	"os"
	"time"

	"tidewatch/internal/proc"
)

// The pid file names the running child and the process that runs it, each
// with its start time, so that a later supervisor finds a child left
// behind, never mistakes a reused pid for it, and never stops the live
// child of a process that still runs.
type pidFile struct {
	pid, parent        int
	start, parentStart uint64
}

func (s *Supervisor) readPID() (pidFile, bool) {
	b, err := os.ReadFile(s.cfg.PIDFile)
	if err != nil {
		return pidFile{}, false
	}
	var f pidFile
	// An older tidewatch wrote the child alone: its parent is unknown.
	n, _ := fmt.Sscanf(string(b), "%d %d %d %d", &f.pid, &f.start, &f.parent, &f.parentStart)
	if n < 2 || f.pid <= 1 {
		return pidFile{}, false
	}
	if n < 4 {
		f.parent, f.parentStart = 0, 0
	}
	return f, true
}

// alive tells whether the pid file's child runs, and whether the process
// that started it does.
func (f pidFile) alive() (child, parent bool) {
	child = proc.Running(f.pid, f.start)
	parent = f.parent > 1 && f.parent != os.Getpid() && proc.Running(f.parent, f.parentStart)
	return child, parent
}

func (s *Supervisor) writePID(pid int) {
	if f, ok := s.readPID(); ok {
		if child, parent := f.alive(); child && parent {
			return // another process's; stopLeftover said so
		}
	}
	start, err := proc.Start(pid)
	var self uint64
	if err == nil {
		self, err = proc.Start(os.Getpid())
	}
	if err == nil {
		err = os.WriteFile(s.cfg.PIDFile, fmt.Appendf(nil, "%d %d %d %d\n", pid, start, os.Getpid(), self), 0o644)
	}
	if err != nil {
		s.log.Warn("child pid file not written", "err", err)
	}
}

// removePID removes the pid file if it names the given child.
func (s *Supervisor) removePID(pid int) {
	if f, ok := s.readPID(); ok && f.pid == pid {
		os.Remove(s.cfg.PIDFile)
	}
}

// stopLeftover stops a child that an earlier tidewatch left behind: one
// whose tidewatch is gone. The live child of a tidewatch that still runs
// is left alone (two daemons on one state directory are refused by their
// locks before this).
func (s *Supervisor) stopLeftover() {
	f, ok := s.readPID()
	if !ok {
		os.Remove(s.cfg.PIDFile)
		return
	}
	switch child, parent := f.alive(); {
	case !child:
		os.Remove(s.cfg.PIDFile) // gone, or the pid was reused
		return
	case parent:
		s.log.Error("the pid file names the live child of another tidewatch; it is left running",
			"pid_file", s.cfg.PIDFile, "child_pid", f.pid, "tidewatch_pid", f.parent)
		s.emit(Event{Kind: EventLeftover, PID: f.pid,
			Reason: fmt.Sprintf("a %s of tidewatch pid %d, which still runs, was left running", s.cfg.Name, f.parent)})
		return
	}
	s.log.Warn("stopping a child left behind by an earlier tidewatch", "pid", f.pid, "tidewatch_pid", f.parent)
	gone, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(gone)
		for proc.Running(f.pid, f.start) {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	stopGroup(f.pid, s.cfg.StopGrace, gone)
	close(done)
	os.Remove(s.cfg.PIDFile)
	s.emit(Event{Kind: EventLeftover, PID: f.pid, Reason: fmt.Sprintf("a %s left behind by an earlier tidewatch was stopped", s.cfg.Name)})
}
