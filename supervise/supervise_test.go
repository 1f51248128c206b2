package supervise

import (
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tidewatch/internal/backoff"
	"tidewatch/internal/proc"
	"tidewatch/internal/testenv"
)

// supervised is a supervisor with fast timings whose events are kept in
// memory.
type supervised struct {
	t    testing.TB
	sup  *Supervisor
	logs *testenv.LogBuffer

	mu     sync.Mutex
	events []Event
}

func newSupervised(t testing.TB, command ...string) *supervised {
	t.Helper()
	s := &supervised{t: t, logs: &testenv.LogBuffer{}}
	s.sup = New(Config{
		Name: "bridge", Command: command, Env: []string{"PYTHONUNBUFFERED=1"},
		Ready: regexp.MustCompile(`bridge ready|[Pp]ushed`), KeepLines: 200,
		Backoff:     backoff.Policy{First: 100 * time.Millisecond, Max: 400 * time.Millisecond, Jitter: 0.2},
		MaxAttempts: 3, Cooldown: 700 * time.Millisecond, StableAfter: 5 * time.Minute, StopGrace: 2 * time.Second,
		ConfigErrorExitCode: 78, PIDFile: filepath.Join(t.TempDir(), "child.pid"),
		OnEvent: func(e Event) {
			s.mu.Lock()
			s.events = append(s.events, e)
			s.mu.Unlock()
		},
	}, slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	return s
}

func (s *supervised) start() {
	s.sup.Start()
	s.t.Cleanup(s.sup.Stop)
}

func (s *supervised) all(kinds ...EventKind) []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Event
	for _, e := range s.events {
		if len(kinds) == 0 || slices.Contains(kinds, e.Kind) {
			out = append(out, e)
		}
	}
	return out
}

func (s *supervised) kinds() []EventKind {
	var out []EventKind
	for _, e := range s.all() {
		out = append(out, e.Kind)
	}
	return out
}

// waitState waits for the supervisor to reach a state.
func (s *supervised) waitState(state State, within time.Duration) Snapshot {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if p := s.sup.Snapshot(); p.State == state {
			return p
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatalf("state %s not reached within %s: %+v\nevents %v\nlog:\n%s", state, within, s.sup.Snapshot(), s.kinds(), s.logs.String())
	return Snapshot{}
}

func TestCrashLoopSpendsTheAttemptsThenCoolsDownAndTriesAgain(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, "false")
	s.start()
	p := s.waitState(Cooldown, 5*time.Second)
	if p.Restarts != 4 || !strings.HasPrefix(p.LastExit, "exit status 1") {
		t.Errorf("at cooldown: %+v", p)
	}
	want := []EventKind{EventStart, EventExit, EventRestart, EventStart, EventExit, EventRestart, EventStart, EventExit, EventRestart,
		EventStart, EventExit, EventCooldown}
	if got := s.kinds(); !slices.Equal(got[:min(len(got), len(want))], want) {
		t.Errorf("events:\n got %v\nwant %v", got, want)
	}
	// A fresh try after the cooldown, with a fresh budget: never a state
	// that needs a human.
	deadline := time.Now().Add(5 * time.Second)
	for s.sup.Snapshot().Restarts < 5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	got := s.kinds()
	if len(got) < 14 || got[12] != EventStart || got[13] != EventExit {
		t.Errorf("after the cooldown: %v", got)
	}
	evs := s.all(EventRestart)
	for i, e := range evs[:3] {
		if e.Reason != "crash: exit status 1" || e.Attempt != i+1 || e.MaxAttempts != 3 || e.Delay <= 0 || (i == 0 && e.Delay != 100*time.Millisecond) {
			t.Errorf("restart %d: %+v", i, e)
		}
	}
	if c := s.all(EventCooldown); len(c) == 0 || c[0].MaxAttempts != 3 || c[0].Delay != 700*time.Millisecond {
		t.Errorf("cooldown %+v", c)
	}
	if e := s.all(EventExit)[0]; e.ExitCode == nil || *e.ExitCode != 1 || e.Signal != "" {
		t.Errorf("exit %+v", e)
	}
}

func TestOutputIsForwardedLineByLine(t *testing.T) {
	t.Parallel()
	script := `
import logging, os, sys
logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(levelname)s %(message)s")
logging.warning("disk nearly full")
logging.error("Hazelcast connection failed")
print("unbuffered=" + os.environ.get("PYTHONUNBUFFERED", "no"))
print("x" * 40000)
sys.stdout.write("a last line without its newline")
`
	s := newSupervised(t, testenv.Python(t), "-c", script)
	s.start()
	s.waitState(Backoff, 10*time.Second) // it exited, so it is to be restarted
	s.sup.Stop()
	logs := s.logs.String()
	for _, want := range []string{
		`level=WARN msg="[bridge] `, `WARNING disk nearly full"`,
		`level=ERROR msg="[bridge] `, `ERROR Hazelcast connection failed"`,
		`msg="[bridge] unbuffered=1"`,
		`msg="[bridge] a last line without its newline"`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s", want)
		}
	}
	// 40,000 characters: split in pieces of at most 16 KiB, none lost.
	total := 0
	for _, line := range strings.Split(logs, "\n") {
		if i := strings.Index(line, `msg="[bridge] xxx`); i >= 0 {
			total += strings.Count(line[i:], "x")
		}
	}
	if total != 40000 {
		t.Errorf("%d of 40000 characters of the long line forwarded", total)
	}
}

// The command runs with no shell in between: nothing in it is
// interpreted.
func TestNoShellInBetween(t *testing.T) {
	t.Parallel()
	marker := filepath.Join(t.TempDir(), "pwned")
	s := newSupervised(t, "echo", "$(touch "+marker+")", ";", "touch", marker)
	s.start()
	s.waitState(Backoff, 10*time.Second)
	s.sup.Stop()
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a shell ran the command")
	}
	if !strings.Contains(s.logs.String(), `[bridge] $(touch `+marker+`) ; touch `+marker) {
		t.Errorf("the arguments were not passed as they are:\n%s", s.logs.String())
	}
}

// A child that ignores SIGTERM is killed with its group once the grace
// has passed, and the stop says so; a frozen one (SIGSTOP) gets SIGCONT
// with its SIGTERM, so that it can act on it.
func TestStopKillsAfterTheGraceAndWakesAFrozenChild(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, "sh", "-c", `trap "" TERM; echo "bridge ready"; exec sleep 60`)
	s.sup.cfg.StopGrace = 300 * time.Millisecond
	s.start()
	s.waitState(Running, 10*time.Second)
	began := time.Now()
	s.sup.Stop()
	if took := time.Since(began); took < 300*time.Millisecond {
		t.Errorf("stopped after %s, within the grace, although it ignores SIGTERM", took)
	}
	if stops := s.all(EventStop); len(stops) != 1 || stops[0].Signal != "SIGKILL" || !strings.Contains(stops[0].Reason, "killed after the grace") {
		t.Errorf("stop events %+v", stops)
	}

	frozen := newSupervised(t, "sh", "-c", `echo "bridge ready"; exec sleep 60`)
	frozen.start()
	p := frozen.waitState(Running, 10*time.Second)
	syscall.Kill(p.PID, syscall.SIGSTOP)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if st, err := proc.Read(p.PID); err == nil && st.State == 'T' {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child did not stop")
		}
	}
	frozen.sup.Stop()
	if stops := frozen.all(EventStop); len(stops) != 1 || stops[0].Signal != "SIGTERM" {
		t.Errorf("a frozen child's stop %+v: it should end by the SIGTERM it can act on once continued", stops)
	}
}

// BenchmarkCrashToReplacement kills the child and measures until its
// replacement runs; the figure reported is what it takes beyond the
// configured restart delay.
func BenchmarkCrashToReplacement(b *testing.B) {
	s := newSupervised(b, "sh", "-c", "echo bridge ready; exec sleep 3600")
	// Every run counts as stable, so that every restart waits the first,
	// configured delay.
	s.sup.cfg.StableAfter = time.Millisecond
	s.sup.Start()
	defer s.sup.Stop()
	var over []time.Duration
	for range b.N {
		p := waitRunning(b, s.sup, 0)
		for time.Since(p.ReadyAt) <= s.sup.cfg.StableAfter { // past stable_after
			time.Sleep(100 * time.Microsecond)
		}
		start := time.Now()
		syscall.Kill(p.PID, syscall.SIGKILL)
		waitRunning(b, s.sup, p.PID)
		over = append(over, time.Since(start)-s.sup.cfg.Backoff.First)
	}
	testenv.ReportPercentiles(b, over)
}

func waitRunning(b *testing.B, s *Supervisor, notPID int) Snapshot {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if p := s.Snapshot(); p.State == Running && p.PID != notPID {
			return p
		}
		time.Sleep(100 * time.Microsecond)
	}
	b.Fatalf("no running child: %+v", s.Snapshot())
	return Snapshot{}
}
