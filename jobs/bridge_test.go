package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tidewatch/bridge"
	"tidewatch/bridgeproc"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/internal/proc"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/supervise"
)

// bridgeEnv is a real `tidewatch bridge` child (or the given command)
// under a real supervisor, and a runner whose bridge job is its health
// loop, with short limits: a scan is stale after 1s, or unmoved for 1s;
// two stale readings act; a whole file unread for 300ms waits.
type bridgeEnv struct {
	*env
	sup  *bridgeproc.Bridge
	scan string
}

func newBridgeEnv(t *testing.T, command ...string) *bridgeEnv {
	t.Helper()
	e := newEnv(t)
	dir := t.TempDir()
	b := &e.cfg.Bridge
	b.Enabled = true
	b.WatchDir, b.StateDir = filepath.Join(dir, "scans"), filepath.Join(dir, "state")
	b.StartupGrace = config.Duration{Duration: 100 * time.Millisecond}
	b.RestartDelay = config.Duration{Duration: 100 * time.Millisecond}
	b.StopGrace = config.Duration{Duration: 2 * time.Second}
	b.DecideWithin = config.Duration{Duration: 300 * time.Millisecond}
	e.cfg.Freshness.ScanStuckAfter = config.Duration{Duration: time.Second}
	e.cfg.Freshness.ScanCriticalAfter = config.Duration{Duration: time.Second}
	os.MkdirAll(b.WatchDir, 0o755)
	conf := filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte(fmt.Sprintf("[hazelcast]\naddresses = [%q]\ncluster_name = %q\nmap = %q\n[bridge]\nwatch_dir = %q\nstate_dir = %q\nmax_record_size = 8192\n",
		e.cfg.Hazelcast.Addresses[0], e.cfg.Hazelcast.ClusterName, e.cfg.Hazelcast.Map, b.WatchDir, b.StateDir)), 0o644)
	b.Command = command
	if len(command) == 0 {
		b.Command = []string{testenv.Tidewatch(t), "bridge", "--config", conf, "--log-format", "json"}
	}
	sup, err := bridgeproc.New(e.cfg, conf, e.store, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	sup.Start()
	t.Cleanup(sup.Stop)
	e.runner = NewRunner(context.Background(), e.cfg, e.client, e.store, sup, NewRecorder(e.cfg, e.store, quiet), quiet)
	return &bridgeEnv{env: e, sup: sup, scan: b.WatchDir}
}

// later makes the bridge job judge as if it ran after the given time: the
// scan older, files longer in place, without the test waiting for it. The
// bridge itself runs on the real clock.
func (b *bridgeEnv) later(d time.Duration) {
	b.runner.now = func() time.Time { return time.Now().Add(d) }
}

func (b *bridgeEnv) write(name string, n int64) {
	b.t.Helper()
	if _, err := scantest.Write(b.scan, name, n, time.Now(), 10); err != nil {
		b.t.Fatal(err)
	}
}

func (b *bridgeEnv) waitScan(n int64) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if h, err := scantest.Pushed(context.Background(), b.client, b.cfg.Hazelcast); err == nil && h != nil && h.Number == n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("scan #%d not in Hazelcast: %+v", n, b.sup.Snapshot())
}

func (b *bridgeEnv) waitState(state supervise.State, notPID int) checks.BridgeProcess {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if p := b.sup.Snapshot(); p.State == state && p.PID != notPID {
			return p
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("bridge not %s: %+v", state, b.sup.Snapshot())
	return checks.BridgeProcess{}
}

// waitDecided waits until the supervisor sees the bridge's decision on
// the newest file, which must be name.
func (b *bridgeEnv) waitDecided(name string) *checks.NewestFile {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var f *checks.NewestFile
	for time.Now().Before(deadline) {
		var err error
		if f, err = b.sup.NewestFile(); err == nil && f != nil && filepath.Base(f.Path) == name && f.Reading != nil {
			return f
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("no decision on %s: newest %+v", name, f)
	return nil
}

func TestStuckBridgeIsRestarted(t *testing.T) {
	t.Parallel()
	b := newBridgeEnv(t)
	b.write("scan_1.arrow", 1)
	b.waitScan(1)
	p := b.waitState(supervise.Running, 0)

	syscall.Kill(p.PID, syscall.SIGSTOP) // hung: alive, doing nothing
	waitStopped(t, p.PID)
	b.write("scan_2.arrow", 2)
	b.later(2 * time.Second)
	if r := b.run(config.JobBridge); len(r.Findings) != 0 {
		t.Errorf("first stale reading acted: %v", r.Findings)
	}
	r := b.run(config.JobBridge)
	if categories(r)[checks.CatBridgeStuck] != 1 {
		t.Fatalf("second stale reading: %v", r.Findings)
	}
	b.waitScan(2)
	q := b.waitState(supervise.Running, p.PID)
	if q.Restarts != 1 || q.Attempts != 0 {
		t.Errorf("after the restart: %+v (a restart the supervisor ordered is no crash)", q)
	}
	evs, err := b.store.BridgeEvents(context.Background(), time.Now().Add(-time.Minute), time.Now(), supervise.EventExit, supervise.EventRestart)
	if err != nil || len(evs) != 2 || !strings.HasPrefix(evs[0].Reason, "restart: scan #1") ||
		!strings.Contains(evs[0].Reason, "a newer scan file waits: scan_2.arrow") ||
		evs[1].Kind != supervise.EventRestart || evs[1].Reason != evs[0].Reason || evs[1].Attempt != 0 {
		t.Errorf("exit and restart events %+v, %v", evs, err)
	}
	if latest, _ := b.store.LatestRun(context.Background(), config.JobBridge); latest.Bridge == nil || latest.Bridge.State == "" {
		t.Errorf("no sample recorded: %+v", latest)
	}
}

func TestUpstreamStallDoesNotRestartTheBridge(t *testing.T) {
	t.Parallel()
	b := newBridgeEnv(t)
	b.write("scan_1.arrow", 1)
	b.waitScan(1)
	p := b.waitState(supervise.Running, 0)
	b.later(2 * time.Second)
	b.run(config.JobBridge)
	r := b.run(config.JobBridge)
	if categories(r)[checks.CatUpstreamStale] != 1 || r.Status != checks.StatusCritical {
		t.Fatalf("findings %v", r.Findings)
	}
	// No restart was asked for: it would have come with a bridge_stuck.
	if q := b.sup.Snapshot(); q.PID != p.PID || q.Restarts != 0 || q.State != supervise.Running {
		t.Errorf("a bridge that was not at fault was touched: %+v", q)
	}
}

// Case 5 of "a verdict that cannot be fooled": the newest file is one the
// bridge rightly declined (an older scan, no scan number, from the future,
// a record too big, hidden). It never counts as waiting: the verdict is
// upstream_stale, the healthy bridge is never restarted, what it refused
// is a finding, and the next good scan goes straight through.
func TestDeclinedFilesNeverMakeTheBridgeStuck(t *testing.T) {
	t.Parallel()
	b := newBridgeEnv(t)
	b.write("scan_5.arrow", 5)
	b.waitScan(5)
	p := b.waitState(supervise.Running, 0)
	b.later(2 * time.Second)

	put := func(name string, data []byte) {
		t.Helper()
		tmp := filepath.Join(b.scan, ".tmp")
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(b.scan, name)); err != nil {
			t.Fatal(err)
		}
	}
	scan := func(n int64, ts time.Time, assets int) []byte {
		t.Helper()
		data, err := scantest.Bytes(n, ts, assets, false)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	noNumber, err := os.ReadFile("../bridge/testdata/wrong_schema.arrow") // written by pyarrow
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, c := range []struct {
		name    string
		data    []byte
		refused bool
	}{
		{"scan_4.arrow", scan(4, time.Now().Add(-time.Hour), 10), false},
		{"no_number.arrow", noNumber, true},
		{"scan_6_from_2100.arrow", scan(6, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 10), true},
		{"scan_7_huge.arrow", scan(7, time.Now(), 500), true}, // over max_record_size
		{".scan_8_hidden.arrow", scan(8, time.Now(), 10), false},
	} {
		put(c.name, c.data)
		newest := c.name
		if strings.HasPrefix(c.name, ".") {
			newest = "scan_7_huge.arrow" // a hidden file is no scan file to either
		}
		b.waitDecided(newest)
		for range 2 {
			r := b.run(config.JobBridge)
			cats := categories(r)
			refused += cats[checks.CatBridgeRefused]
			if cats[checks.CatBridgeStuck] != 0 || cats[checks.CatBridgeStillStuck] != 0 {
				t.Fatalf("%s: the bridge was blamed: %v", c.name, r.Findings)
			}
			if cats[checks.CatUpstreamStale] != 1 && b.runner.bridged.state.StaleReadings >= b.cfg.Bridge.StaleReadings {
				t.Errorf("%s: not upstream_stale: %v", c.name, r.Findings)
			}
		}
	}
	if refused != 3 {
		t.Errorf("%d refusals reported, want 3 (no number, from the future, too big)", refused)
	}
	if q := b.sup.Snapshot(); q.PID != p.PID || q.Restarts != 0 || q.Attempts != 0 || q.State != supervise.Running {
		t.Errorf("a healthy bridge was touched: %+v", q)
	}
	// Fresh scans are not held back.
	b.write("scan_9.arrow", 9)
	b.waitScan(9)
}

// A bridge restarted for a file it does not take, and still not taking it
// after the restart (here a stand-in that reads nothing), is a critical
// finding, not a loop of restarts.
func TestABridgeStillStuckAfterItsRestartIsAFinding(t *testing.T) {
	t.Parallel()
	b := newBridgeEnv(t, "sh", "-c", "echo bridge ready; exec sleep 3600")
	p := b.waitState(supervise.Running, 0)
	old, err := scantest.Bytes(1, time.Now(), 10, false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scantestRecord(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.client.Put(context.Background(), b.cfg.Hazelcast.Map, b.cfg.Hazelcast.ScanKey, s); err != nil {
		t.Fatal(err)
	}
	b.write("scan_2.arrow", 2)
	b.later(2 * time.Second)
	b.run(config.JobBridge)
	if r := b.run(config.JobBridge); categories(r)[checks.CatBridgeStuck] != 1 {
		t.Fatalf("not restarted: %v", r.Findings)
	}
	q := b.waitState(supervise.Running, p.PID)
	stillStuck := 0
	for range 6 {
		r := b.run(config.JobBridge)
		if categories(r)[checks.CatBridgeStuck] != 0 {
			t.Fatalf("restarted again: %v", r.Findings)
		}
		stillStuck += categories(r)[checks.CatBridgeStillStuck]
	}
	if stillStuck != 5 {
		t.Errorf("%d still-stuck findings in 6 checks, want 5 (the first after the restart is a first stale reading)", stillStuck)
	}
	if z := b.sup.Snapshot(); z.PID != q.PID || z.Restarts != 1 || z.Attempts != 0 || z.State != supervise.Running {
		t.Errorf("after the checks: %+v", z)
	}
}

// waitStopped waits until a process stopped by SIGSTOP is stopped: the
// signal takes effect after kill returns.
func waitStopped(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if s, err := proc.Read(pid); err == nil && s.State == 'T' {
			return
		}
	}
	t.Fatalf("process %d did not stop", pid)
}

// scantestRecord is the record the bridge would write for a scan file.
func scantestRecord(data []byte) (string, error) {
	s, err := bridge.ParseScan(data, bridge.Fields{ScanNumber: "scan_number", Timestamp: "timestamp"})
	if err != nil {
		return "", err
	}
	b, err := bridge.Record(s, "scan_1.arrow", time.Now())
	return string(b), err
}

func TestBridgeJobNeedsASupervisor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.cfg.Bridge.Enabled = true
	r := NewRunner(context.Background(), e.cfg, e.client, e.store, nil, NewRecorder(e.cfg, e.store, quiet), quiet)
	run, err := r.Run(context.Background(), config.JobBridge)
	if err != nil || run.Status != checks.StatusError || !strings.Contains(run.Error, "only tidewatch run supervises one") {
		t.Errorf("%+v, %v", run, err)
	}
}

// Case 10 of "nothing lost, nothing torn": 5,000 files landing at once,
// while the bridge job judges the bridge every 50 ms on the real clock. The
// bridge keeps up, and the newest file of the burst, which it has not read
// yet at any moment, is never taken for a file that waits: the bridge is
// never restarted.
func TestABurstNeverGetsTheBridgeBlamed(t *testing.T) {
	t.Parallel()
	b := newBridgeEnv(t)
	b.write("scan_0.arrow", 1)
	b.waitScan(1)
	p := b.waitState(supervise.Running, 0)
	series, err := scantest.NewSeries(20)
	if err != nil {
		t.Fatal(err)
	}
	const files = 5000
	landed := make(chan struct{})
	go func() {
		defer close(landed)
		var buf []byte
		for i := range files {
			n := int64(i + 2)
			buf = series.Bytes(buf, n, time.Now())
			tmp := filepath.Join(b.scan, ".tmp")
			if err := os.WriteFile(tmp, buf, 0o644); err != nil {
				t.Error(err)
				return
			}
			if err := os.Rename(tmp, filepath.Join(b.scan, fmt.Sprintf("b%06d.arrow", n))); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for done := false; !done; {
		select {
		case <-landed:
			done = true
		case <-time.After(50 * time.Millisecond):
		}
		if r := b.run(config.JobBridge); categories(r)[checks.CatBridgeStuck] != 0 {
			t.Fatalf("the bridge was blamed during the burst: %v", r.Findings)
		}
	}
	b.waitScan(files + 1)
	if q := b.sup.Snapshot(); q.PID != p.PID || q.Restarts != 0 {
		t.Errorf("the bridge was restarted: %+v", q)
	}
}
