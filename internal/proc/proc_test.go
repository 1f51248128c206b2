package proc

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

func TestStatesAndStartTimes(t *testing.T) {
	t.Parallel()
	self, err := Read(os.Getpid())
	if err != nil || self.Start == 0 || (self.State != 'R' && self.State != 'S') {
		t.Fatalf("this process: %+v, %v", self, err)
	}
	if !Running(os.Getpid(), self.Start) || Running(os.Getpid(), self.Start+1) {
		t.Error("a live process is told by its pid and start time")
	}

	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	cmd.Process.Signal(syscall.SIGSTOP)
	stopped := false
	for deadline := time.Now().Add(10 * time.Second); !stopped && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s, err := Read(pid)
		stopped = err == nil && s.State == 'T'
	}
	if !stopped {
		t.Error("a process stopped by SIGSTOP does not read as stopped")
	}

	// Killed and not reaped yet: a zombie, which counts as gone.
	cmd.Process.Kill()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if s, err := Read(pid); err == nil && s.State == 'Z' {
			break
		}
	}
	if _, err := Start(pid); !errors.Is(err, ErrGone) {
		t.Errorf("a zombie: %v", err)
	}
	cmd.Wait()
	if _, err := Start(pid); !errors.Is(err, ErrGone) {
		t.Errorf("a reaped process: %v", err)
	}
}
