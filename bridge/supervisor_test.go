package bridge

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/hztest"
	"tidewatch/internal/proc"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
)

// supervised is a supervisor on a real database.
type supervised struct {
	t     testing.TB
	cfg   *config.Config
	store *db.Store
	sup   *Supervisor
	logs  *testenv.LogBuffer
}

// newSupervised supervises command (a tidewatch bridge for h when empty)
// with fast timings.
func newSupervised(t *testing.T, h *harness, command ...string) *supervised {
	t.Helper()
	cfg := config.Default()
	if h != nil {
		cfg = *h.cfg
	} else {
		base := t.TempDir()
		cfg.Bridge.WatchDir, cfg.Bridge.StateDir = filepath.Join(base, "scans"), filepath.Join(base, "state")
	}
	cfg.Bridge.Enabled = true
	cfg.Bridge.Command = command
	cfg.Bridge.RestartDelay = config.Duration{Duration: 100 * time.Millisecond}
	cfg.Bridge.MaxRestartDelay = config.Duration{Duration: 400 * time.Millisecond}
	cfg.Bridge.Cooldown = config.Duration{Duration: 700 * time.Millisecond}
	cfg.Bridge.StopGrace = config.Duration{Duration: 2 * time.Second}
	if len(command) == 0 {
		conf := writeConfig(t, &cfg)
		cfg.Bridge.Command = []string{testenv.Tidewatch(t), "bridge", "--config", conf, "--log-format", "json", "--log-level", "debug"}
	}
	return newSupervisedCfg(t, &cfg)
}

func newSupervisedCfg(t testing.TB, cfg *config.Config) *supervised {
	t.Helper()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	s := &supervised{t: t, cfg: cfg, store: store, logs: &testenv.LogBuffer{}}
	log := slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if s.sup, err = NewSupervisor(cfg, "config.toml", store, log); err != nil {
		t.Fatal(err)
	}
	return s
}

// writeConfig writes the config a `tidewatch bridge` child reads.
func writeConfig(t *testing.T, cfg *config.Config) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	src := fmt.Sprintf(`[hazelcast]
addresses = [%q]
cluster_name = %q
map = %q
[bridge]
watch_dir = %q
state_dir = %q
rescan_every = "1s"
incomplete_for = "1s"
`, cfg.Hazelcast.Addresses[0], cfg.Hazelcast.ClusterName, cfg.Hazelcast.Map, cfg.Bridge.WatchDir, cfg.Bridge.StateDir)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func (s *supervised) start() {
	s.sup.Start()
	s.t.Cleanup(s.sup.Stop)
}

func (s *supervised) kinds() []string {
	evs, err := s.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Kind)
	}
	return out
}

// waitState waits for the supervisor to reach a state.
func (s *supervised) waitState(state string, within time.Duration) checks.BridgeProcess {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if p := s.sup.Snapshot(); p.State == state {
			return p
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatalf("state %s not reached within %s: %+v\nevents %v\nlog:\n%s", state, within, s.sup.Snapshot(), s.kinds(), s.logs.String())
	return checks.BridgeProcess{}
}

func TestCrashLoopSpendsTheAttemptsThenCoolsDownAndTriesAgain(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, nil, "false")
	s.start()
	p := s.waitState(checks.BridgeCooldown, 5*time.Second)
	if p.Restarts != 4 || !strings.HasPrefix(p.LastExit, "exit status 1") {
		t.Errorf("at cooldown: %+v", p)
	}
	want := []string{"start", "exit", "restart", "start", "exit", "restart", "start", "exit", "restart", "start", "exit", "cooldown"}
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
	if len(got) < 14 || got[12] != "start" || got[13] != "exit" {
		t.Errorf("after the cooldown: %v", got)
	}
	evs, _ := s.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), "restart")
	for i, want := range []string{"attempt 1 of 3 in 100ms", "attempt 2 of 3 in", "attempt 3 of 3 in"} {
		if !strings.Contains(evs[i].Reason, want) || !strings.HasPrefix(evs[i].Reason, "crash: exit status 1") {
			t.Errorf("restart %d: %q", i, evs[i].Reason)
		}
	}
}

func TestBadConfigurationIsNotRetried(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, nil, testenv.Tidewatch(t), "bridge", "--config", "/nonexistent/config.toml")
	s.start()
	p := s.waitState(checks.BridgeFailed, 10*time.Second)
	// Failed it stays, past the restart delay, with no start after.
	for deadline := time.Now().Add(3 * s.cfg.Bridge.RestartDelay.Duration); time.Now().Before(deadline); {
		if got := s.kinds(); !slices.Equal(got, []string{"start", "exit", "failed"}) || s.sup.Snapshot().State != checks.BridgeFailed {
			t.Fatalf("events %v, %+v", got, s.sup.Snapshot())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(p.FailedReason, "exited with code 78 (bad configuration)") {
		t.Errorf("reason %q", p.FailedReason)
	}
	if !slices.ContainsFunc(p.LastLines, func(l string) bool { return strings.Contains(l, "/nonexistent/config.toml") }) {
		t.Errorf("the bridge's last lines do not say why: %q", p.LastLines)
	}
	res, _, restart := checks.Bridge(time.Now(), p, checks.ScanRead{Absent: true}, nil, checks.BridgeState{}, s.cfg)
	if restart != "" || len(res.Findings) == 0 || res.Findings[0].Category != checks.CatBridgeConfig {
		t.Errorf("findings %v, restart %q", res.Findings, restart)
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
	s := newSupervised(t, nil, "python3", "-c", script)
	s.start()
	s.waitState(checks.BridgeBackoff, 10*time.Second) // it exited, so it is to be restarted
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

// startOld starts a bridge as an earlier tidewatch would have, in a
// process group of its own, and waits until it holds the bridge lock. It
// dies with the test binary (Pdeathsig), and is killed when the test ends
// however it ends.
func startOld(t *testing.T, s *supervised) (*exec.Cmd, chan struct{}) {
	t.Helper()
	old := exec.Command(s.cfg.Bridge.Command[0], s.cfg.Bridge.Command[1:]...)
	old.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := old.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { old.Wait(); close(exited) }()
	t.Cleanup(func() {
		syscall.Kill(-old.Process.Pid, syscall.SIGKILL)
		<-exited
	})
	os.MkdirAll(s.cfg.Bridge.StateDir, 0o755)
	lock := filepath.Join(s.cfg.Bridge.StateDir, "bridge.lock")
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if f, err := os.Open(lock); err == nil {
			held := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil
			f.Close()
			if held {
				return old, exited
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the old bridge never took the lock")
		}
	}
}

// pidLine is the pid file's line for a bridge and the tidewatch that ran it.
func pidLine(t *testing.T, bridge, parent int) []byte {
	t.Helper()
	start, err := proc.Start(bridge)
	if err != nil {
		t.Fatal(err)
	}
	parentStart, _ := proc.Start(parent)
	return fmt.Appendf(nil, "%d %d %d %d\n", bridge, start, parent, parentStart)
}

// A bridge whose tidewatch is gone is stopped before the new one starts.
func TestLeftoverBridgeIsStoppedFirst(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	s := newSupervised(t, h)
	old, exited := startOld(t, s)
	gone := exec.Command("true") // the earlier tidewatch, gone
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(s.cfg.Bridge.StateDir, "bridge.pid"), pidLine(t, old.Process.Pid, gone.Process.Pid), 0o644)

	s.start()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the leftover bridge is still running")
	}
	s.waitState(checks.BridgeRunning, 20*time.Second)
	if got := s.kinds(); len(got) < 3 || got[0] != "leftover" || got[1] != "start" || got[2] != "ready" {
		t.Errorf("events %v", got)
	}
}

// The live bridge of a tidewatch that still runs is never stopped as a
// leftover, and its pid file is left as it is.
func TestALiveTidewatchsBridgeIsLeftRunning(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	s := newSupervised(t, h)
	old, exited := startOld(t, s)
	parent := exec.Command("sleep", "3600") // the tidewatch that runs it
	parent.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { parent.Process.Kill(); parent.Wait() })
	pidFile := filepath.Join(s.cfg.Bridge.StateDir, "bridge.pid")
	line := pidLine(t, old.Process.Pid, parent.Process.Pid)
	os.WriteFile(pidFile, line, 0o644)

	s.start() // stopLeftover has decided when Start returns
	// Its own bridge finds the lock held and exits; it is to be restarted.
	s.waitState(checks.BridgeBackoff, 20*time.Second)
	select {
	case <-exited:
		t.Fatal("the live bridge of a running tidewatch was stopped")
	default:
	}
	if b, _ := os.ReadFile(pidFile); string(b) != string(line) {
		t.Errorf("the pid file was changed: %q, want %q", b, line)
	}
	evs, err := s.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), "leftover")
	if err != nil || len(evs) != 1 || !strings.Contains(evs[0].Reason, fmt.Sprintf("tidewatch pid %d, which still runs, was left running", parent.Process.Pid)) {
		t.Errorf("leftover events %+v, %v", evs, err)
	}
}

// Restarts the supervisor orders (a stuck bridge) are no crashes: they
// spend no attempt, never lead to a cool-down, never end in "failed N
// times (last: exit status 0)".
func TestRestartsTheSupervisorOrdersAreNoCrashes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	s := newSupervised(t, h)
	s.start()
	p := s.waitState(checks.BridgeRunning, 20*time.Second)
	for i := range 5 {
		s.sup.Restart(fmt.Sprintf("test %d", i))
		deadline := time.Now().Add(20 * time.Second)
		q := s.sup.Snapshot()
		for ; q.State != checks.BridgeRunning || q.PID == p.PID; q = s.sup.Snapshot() {
			if q.State == checks.BridgeBackoff || q.State == checks.BridgeCooldown || time.Now().After(deadline) {
				t.Fatalf("restart %d: %+v\n%s", i, q, s.logs.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
		p = q
	}
	if p.Restarts != 5 || p.Attempts != 0 {
		t.Errorf("after 5 ordered restarts: %+v", p)
	}
	res, _, _ := checks.Bridge(time.Now(), p, checks.ScanRead{Absent: true}, nil, checks.BridgeState{}, s.cfg)
	for _, f := range res.Findings {
		if f.Category == checks.CatBridgeCooldown || f.Category == checks.CatBridgeRestarting {
			t.Errorf("finding %v", f)
		}
	}
	evs, _ := s.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), "restart")
	for _, e := range evs {
		if !strings.HasSuffix(e.Reason, "ordered by the supervisor, not counted as a crash") {
			t.Errorf("restart event %q", e.Reason)
		}
	}
}

// A bridge that dies while parsing a file (killed here, the way an
// unrecoverable out-of-memory in the arrow library kills it) is restarted,
// and the next bridge skips that file for good instead of dying on it again.
func TestAFileThatKillsTheBridgeIsSkippedAfterTheRestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	s := newSupervised(t, h)
	h.write("good.arrow", 7, t0)
	s.start()
	h.waitFor(7, 20*time.Second)
	pid := s.waitState(checks.BridgeRunning, 20*time.Second).PID

	// A large scan takes the bridge long enough to catch it parsing.
	big, err := scantest.Bytes(8, t0.Add(time.Second), 300000, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, "big.arrow"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(s.cfg.Bridge.StateDir, "parsing.json")
	deadline := time.Now().Add(20 * time.Second)
	for {
		if b, _ := os.ReadFile(marker); strings.Contains(string(b), "big.arrow") {
			syscall.Kill(pid, syscall.SIGKILL)
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("never caught the bridge parsing big.arrow")
		}
		time.Sleep(200 * time.Microsecond)
	}
	// The replacement: running, and not the bridge that was killed.
	deadline = time.Now().Add(20 * time.Second)
	p := s.sup.Snapshot()
	for (p.State != checks.BridgeRunning || p.PID == pid || p.PID == 0) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		p = s.sup.Snapshot()
	}
	if len(p.Poisoned) != 1 || !strings.HasSuffix(p.Poisoned[0], "big.arrow") || p.Restarts != 1 {
		t.Fatalf("after the death: %+v\nlog:\n%s", p, s.logs.String())
	}
	// The new bridge skips it for good and goes on.
	h.write("after.arrow", 9, t0.Add(2*time.Second))
	h.waitFor(9, 20*time.Second)
	if got := s.sup.Snapshot(); got.Restarts != 1 {
		t.Errorf("the file killed the bridge again: %+v", got)
	}
	if !strings.Contains(s.logs.String(), "the previous bridge died while parsing a file; skipping it from now on") {
		t.Errorf("the skip is not in the log:\n%s", s.logs.String())
	}
	if got := s.kinds(); !slices.Contains(got, "poisoned") {
		t.Errorf("events %v", got)
	}
}

// The bridge command runs with no shell in between: nothing in it is
// interpreted.
func TestNoShellInBetween(t *testing.T) {
	t.Parallel()
	marker := filepath.Join(t.TempDir(), "pwned")
	s := newSupervised(t, nil, "echo", "$(touch "+marker+")", ";", "touch", marker)
	s.start()
	s.waitState(checks.BridgeBackoff, 10*time.Second)
	s.sup.Stop()
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a shell ran the command")
	}
	if !strings.Contains(s.logs.String(), `[bridge] $(touch `+marker+`) ; touch `+marker) {
		t.Errorf("the arguments were not passed as they are:\n%s", s.logs.String())
	}
}

// Fault: the real bridge killed with SIGKILL each time it is up. The
// budget is spent, the supervisor cools down and tries again, and every
// step is in history.
func TestBridgeKilledInALoop(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	s := newSupervised(t, h)
	s.start()
	pids := map[int]bool{}
	deadline := time.Now().Add(60 * time.Second)
	for len(pids) < 4 && time.Now().Before(deadline) {
		p := s.sup.Snapshot()
		if p.State == checks.BridgeRunning && !pids[p.PID] {
			pids[p.PID] = true
			syscall.Kill(p.PID, syscall.SIGKILL)
		}
		time.Sleep(5 * time.Millisecond)
	}
	p := s.waitState(checks.BridgeCooldown, 20*time.Second)
	if p.Restarts != 4 || p.LastExit != "killed by SIGKILL" {
		t.Errorf("in cooldown: %+v", p)
	}
	// After the cooldown, a fresh budget: it runs again.
	q := s.waitState(checks.BridgeRunning, 20*time.Second)
	if pids[q.PID] {
		t.Errorf("the same bridge again: %+v", q)
	}
	evs, err := s.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	killed := 0
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
		if e.Kind == "exit" && e.Signal == "SIGKILL" && strings.HasPrefix(e.Reason, "crash: killed by SIGKILL") {
			killed++
		}
	}
	want := "start ready exit restart start ready exit restart start ready exit restart start ready exit cooldown start ready"
	if got := strings.Join(kinds, " "); !strings.HasPrefix(got, want) || killed != 4 {
		t.Errorf("events:\n got %s\nwant %s (killed %d)", got, want, killed)
	}
}
