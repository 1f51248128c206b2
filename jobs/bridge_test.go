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
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/record"
)

// bridgeEnv is a real `tidewatch bridge` child under a real supervisor,
// and a runner whose bridge job is its health loop, with short limits: a
// scan is stale after 1s, two stale readings act.
type bridgeEnv struct {
	*env
	sup  *bridge.Supervisor
	scan string
}

func newBridgeEnv(t *testing.T) *bridgeEnv {
	t.Helper()
	e := newEnv(t)
	dir := t.TempDir()
	b := &e.cfg.Bridge
	b.Enabled = true
	b.WatchDir, b.StateDir = filepath.Join(dir, "scans"), filepath.Join(dir, "state")
	b.StartupGrace = config.Duration{Duration: 100 * time.Millisecond}
	b.RestartDelay = config.Duration{Duration: 100 * time.Millisecond}
	b.StopGrace = config.Duration{Duration: 2 * time.Second}
	e.cfg.Freshness.ScanCriticalAfter = config.Duration{Duration: time.Second}
	os.MkdirAll(b.WatchDir, 0o755)
	conf := filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte(fmt.Sprintf("[hazelcast]\naddresses = [%q]\ncluster_name = %q\nmap = %q\n[bridge]\nwatch_dir = %q\nstate_dir = %q\n",
		e.cfg.Hazelcast.Addresses[0], e.cfg.Hazelcast.ClusterName, e.cfg.Hazelcast.Map, b.WatchDir, b.StateDir)), 0o644)
	b.Command = []string{testenv.Tidewatch(t), "bridge", "--config", conf, "--log-format", "json"}
	sup, err := bridge.NewSupervisor(e.cfg, conf, e.store, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	sup.Start()
	t.Cleanup(sup.Stop)
	e.runner = NewRunner(context.Background(), e.cfg, e.client, e.store, sup, quiet)
	return &bridgeEnv{env: e, sup: sup, scan: b.WatchDir}
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
		if v, err := b.client.Get(context.Background(), b.cfg.Hazelcast.Map, b.cfg.Hazelcast.ScanKey); err == nil && v != nil {
			text, _ := hz.Text(v)
			if h, err := record.DecodeScanHead(text); err == nil && h.Number == n {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("scan #%d not in Hazelcast: %+v", n, b.sup.Snapshot())
}

func (b *bridgeEnv) waitState(state string) checks.BridgeProcess {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if p := b.sup.Snapshot(); p.State == state {
			return p
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("bridge not %s: %+v", state, b.sup.Snapshot())
	return checks.BridgeProcess{}
}

func TestStuckBridgeIsRestarted(t *testing.T) {
	t.Parallel()
	b := newBridgeEnv(t)
	b.write("scan_1.arrow", 1)
	b.waitScan(1)
	p := b.waitState(checks.BridgeRunning)

	syscall.Kill(p.PID, syscall.SIGSTOP) // hung: alive, doing nothing
	// File times come from the kernel's coarse clock, a tick behind the
	// bridge's: let one pass, so scan_2 is plainly newer than the push.
	time.Sleep(50 * time.Millisecond)
	b.write("scan_2.arrow", 2)
	time.Sleep(1100 * time.Millisecond)
	if r := b.run(config.JobBridge); len(r.Findings) != 0 {
		t.Errorf("first stale reading acted: %v", r.Findings)
	}
	r := b.run(config.JobBridge)
	if categories(r)[checks.CatBridgeStuck] != 1 {
		t.Fatalf("second stale reading: %v", r.Findings)
	}
	b.waitScan(2)
	if q := b.waitState(checks.BridgeRunning); q.PID == p.PID || q.Restarts != 1 {
		t.Errorf("after the restart: %+v", q)
	}
	evs, err := b.store.BridgeEvents(context.Background(), time.Now().Add(-time.Minute), time.Now(), "exit")
	if err != nil || len(evs) != 1 || !strings.HasPrefix(evs[0].Reason, "restart: scan #1") || !strings.Contains(evs[0].Reason, "a newer scan file waits: scan_2.arrow") {
		t.Errorf("exit events %+v, %v", evs, err)
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
	p := b.waitState(checks.BridgeRunning)
	time.Sleep(1100 * time.Millisecond)
	b.run(config.JobBridge)
	r := b.run(config.JobBridge)
	if categories(r)[checks.CatUpstreamStale] != 1 || r.Status != checks.StatusCritical {
		t.Fatalf("findings %v", r.Findings)
	}
	time.Sleep(300 * time.Millisecond)
	if q := b.sup.Snapshot(); q.PID != p.PID || q.Restarts != 0 || q.State != checks.BridgeRunning {
		t.Errorf("a bridge that was not at fault was touched: %+v", q)
	}
}

func TestBridgeJobNeedsASupervisor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.cfg.Bridge.Enabled = true
	r := NewRunner(context.Background(), e.cfg, e.client, e.store, nil, quiet)
	run, err := r.Run(context.Background(), config.JobBridge)
	if err != nil || run.Status != checks.StatusError || !strings.Contains(run.Error, "only tidewatch run supervises one") {
		t.Errorf("%+v, %v", run, err)
	}
}
