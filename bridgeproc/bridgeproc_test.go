package bridgeproc

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/internal/proc"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/supervise"
)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

var maps atomic.Int64

// supervised is a bridge under tidewatch's supervision, recorded in a
// real database.
type supervised struct {
	t      testing.TB
	cfg    *config.Config
	store  *db.Store
	b      *Bridge
	client *hz.Client // to the member, when there is one
	logs   *testenv.LogBuffer
}

// newSupervised supervises command (a tidewatch bridge pushing to m when
// empty) with fast timings.
func newSupervised(t *testing.T, m *hztest.Member, command ...string) *supervised {
	t.Helper()
	cfg := config.Default()
	base := t.TempDir()
	cfg.Bridge.WatchDir, cfg.Bridge.StateDir = filepath.Join(base, "scans"), filepath.Join(base, "state")
	if err := os.MkdirAll(cfg.Bridge.WatchDir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := &supervised{t: t, cfg: &cfg, logs: &testenv.LogBuffer{}}
	if m != nil {
		cfg.Hazelcast = m.Config()
		cfg.Hazelcast.Map = fmt.Sprintf("BRIDGEPROC_%d", maps.Add(1))
		s.client = m.Client(t, slog.New(slog.DiscardHandler))
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
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	s.store = store
	log := slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if s.b, err = New(&cfg, "config.toml", store, log); err != nil {
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
	s.b.Start()
	s.t.Cleanup(s.b.Stop)
}

// write puts a scan file in place, renamed from aside.
func (s *supervised) write(name string, number int64, ts time.Time) {
	s.t.Helper()
	if _, err := scantest.Write(s.cfg.Bridge.WatchDir, name, number, ts, 20); err != nil {
		s.t.Fatal(err)
	}
}

// waitFor waits for scan number n in Hazelcast.
func (s *supervised) waitFor(n int64, within time.Duration) {
	s.t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if h, err := scantest.Pushed(context.Background(), s.client, s.cfg.Hazelcast); err == nil && h != nil && h.Number == n {
			return
		}
	}
	s.t.Fatalf("scan #%d not in Hazelcast within %s\nlog:\n%s", n, within, s.logs.String())
}

func (s *supervised) events(kinds ...supervise.EventKind) []supervise.Event {
	evs, err := s.store.BridgeEvents(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), kinds...)
	if err != nil {
		s.t.Fatal(err)
	}
	return evs
}

func (s *supervised) kinds() []supervise.EventKind {
	var out []supervise.EventKind
	for _, e := range s.events() {
		out = append(out, e.Kind)
	}
	return out
}

// waitState waits for the bridge to reach a state.
func (s *supervised) waitState(state supervise.State, within time.Duration) checks.BridgeProcess {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if p := s.b.Snapshot(); p.State == state {
			return p
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatalf("state %s not reached within %s: %+v\nevents %v\nlog:\n%s", state, within, s.b.Snapshot(), s.kinds(), s.logs.String())
	return checks.BridgeProcess{}
}

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func TestBadConfigurationIsNotRetried(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, nil, testenv.Tidewatch(t), "bridge", "--config", "/nonexistent/config.toml")
	s.start()
	p := s.waitState(supervise.Failed, 10*time.Second)
	// Failed it stays, past the restart delay, with no start after.
	for deadline := time.Now().Add(3 * s.cfg.Bridge.RestartDelay.Duration); time.Now().Before(deadline); {
		if got := s.kinds(); !slices.Equal(got, []supervise.EventKind{supervise.EventStart, supervise.EventExit, supervise.EventFailed}) || s.b.Snapshot().State != supervise.Failed {
			t.Fatalf("events %v, %+v", got, s.b.Snapshot())
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
	s := newSupervised(t, hztest.Shared(t))
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
	s.waitState(supervise.Running, 20*time.Second)
	if got := s.kinds(); len(got) < 3 || got[0] != supervise.EventLeftover || got[1] != supervise.EventStart || got[2] != supervise.EventReady {
		t.Errorf("events %v", got)
	}
}

// The live bridge of a tidewatch that still runs is never stopped as a
// leftover, and its pid file is left as it is.
func TestALiveTidewatchsBridgeIsLeftRunning(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, hztest.Shared(t))
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
	s.waitState(supervise.Backoff, 20*time.Second)
	select {
	case <-exited:
		t.Fatal("the live bridge of a running tidewatch was stopped")
	default:
	}
	if b, _ := os.ReadFile(pidFile); string(b) != string(line) {
		t.Errorf("the pid file was changed: %q, want %q", b, line)
	}
	evs := s.events(supervise.EventLeftover)
	if len(evs) != 1 || !strings.Contains(evs[0].Reason, fmt.Sprintf("tidewatch pid %d, which still runs, was left running", parent.Process.Pid)) {
		t.Errorf("leftover events %+v", evs)
	}
}

// Restarts the supervisor orders (a stuck bridge) are no crashes: they
// spend no attempt, never lead to a cool-down, never end in "failed N
// times (last: exit status 0)".
func TestRestartsTheSupervisorOrdersAreNoCrashes(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, hztest.Shared(t))
	s.start()
	p := s.waitState(supervise.Running, 20*time.Second)
	for i := range 5 {
		s.b.Restart(fmt.Sprintf("test %d", i))
		deadline := time.Now().Add(20 * time.Second)
		q := s.b.Snapshot()
		for ; q.State != supervise.Running || q.PID == p.PID; q = s.b.Snapshot() {
			if q.State == supervise.Backoff || q.State == supervise.Cooldown || time.Now().After(deadline) {
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
	evs := s.events(supervise.EventRestart)
	for i, e := range evs {
		// Ordered: a restart's reason, and no attempt of the budget spent.
		if e.Reason != fmt.Sprintf("restart: test %d", i) || e.Attempt != 0 || e.Delay != 0 {
			t.Errorf("restart event %+v", e)
		}
	}
	if len(evs) != 5 {
		t.Errorf("%d restart events for 5 ordered restarts", len(evs))
	}
}

// A bridge that dies while parsing a file (killed here, the way an
// unrecoverable out-of-memory in the arrow library kills it) is restarted,
// and the next bridge skips that file for good instead of dying on it again.
func TestAFileThatKillsTheBridgeIsSkippedAfterTheRestart(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, hztest.Shared(t))
	s.write("good.arrow", 7, t0)
	s.start()
	s.waitFor(7, 20*time.Second)
	pid := s.waitState(supervise.Running, 20*time.Second).PID

	// A large scan takes the bridge long enough to catch it parsing.
	big, err := scantest.Bytes(8, t0.Add(time.Second), 300000, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.cfg.Bridge.WatchDir, "big.arrow"), big, 0o644); err != nil {
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
	p := s.b.Snapshot()
	for (p.State != supervise.Running || p.PID == pid || p.PID == 0) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		p = s.b.Snapshot()
	}
	if len(p.Poisoned) != 1 || !strings.HasSuffix(p.Poisoned[0], "big.arrow") || p.Restarts != 1 {
		t.Fatalf("after the death: %+v\nlog:\n%s", p, s.logs.String())
	}
	// The new bridge skips it for good and goes on.
	s.write("after.arrow", 9, t0.Add(2*time.Second))
	s.waitFor(9, 20*time.Second)
	if got := s.b.Snapshot(); got.Restarts != 1 {
		t.Errorf("the file killed the bridge again: %+v", got)
	}
	if !strings.Contains(s.logs.String(), "the previous bridge died while parsing a file; skipping it from now on") {
		t.Errorf("the skip is not in the log:\n%s", s.logs.String())
	}
	if got := s.kinds(); !slices.Contains(got, EventPoisoned) {
		t.Errorf("events %v", got)
	}
}

// Fault: the real bridge killed with SIGKILL each time it is up. The
// budget is spent, the supervisor cools down and tries again, and every
// step is in history.
func TestBridgeKilledInALoop(t *testing.T) {
	t.Parallel()
	s := newSupervised(t, hztest.Shared(t))
	s.start()
	pids := map[int]bool{}
	deadline := time.Now().Add(60 * time.Second)
	for len(pids) < 4 && time.Now().Before(deadline) {
		p := s.b.Snapshot()
		if p.State == supervise.Running && !pids[p.PID] {
			pids[p.PID] = true
			syscall.Kill(p.PID, syscall.SIGKILL)
		}
		time.Sleep(5 * time.Millisecond)
	}
	p := s.waitState(supervise.Cooldown, 20*time.Second)
	if p.Restarts != 4 || p.LastExit != "killed by SIGKILL" {
		t.Errorf("in cooldown: %+v", p)
	}
	// After the cooldown, a fresh budget: it runs again.
	q := s.waitState(supervise.Running, 20*time.Second)
	if pids[q.PID] {
		t.Errorf("the same bridge again: %+v", q)
	}
	var kinds []string
	killed := 0
	for _, e := range s.events() {
		kinds = append(kinds, string(e.Kind))
		if e.Kind == supervise.EventExit && e.Signal == "SIGKILL" && strings.HasPrefix(e.Reason, "crash: killed by SIGKILL") {
			killed++
		}
	}
	want := "start ready exit restart start ready exit restart start ready exit restart start ready exit cooldown start ready"
	if got := strings.Join(kinds, " "); !strings.HasPrefix(got, want) || killed != 4 {
		t.Errorf("events:\n got %s\nwant %s (killed %d)", got, want, killed)
	}
}
