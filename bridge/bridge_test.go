package bridge

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hazelcast/hazelcast-go-client"
	"github.com/hazelcast/hazelcast-go-client/logger"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/record"
)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

var maps atomic.Int64

// harness runs a bridge in this process against a member, on a directory
// and a map of the test's own.
type harness struct {
	t      testing.TB
	cfg    *config.Config
	dir    string
	client *hz.Client
	logs   *testenv.LogBuffer
	cancel context.CancelFunc
	done   chan int
	// getenv is the bridge's environment; nil: this process's.
	getenv func(string) string
}

func newHarness(t testing.TB, m *hztest.Member) *harness {
	t.Helper()
	cfg := config.Default()
	cfg.Hazelcast = m.Config()
	cfg.Hazelcast.Map = fmt.Sprintf("BRIDGE_%d", maps.Add(1))
	base := t.TempDir()
	cfg.Bridge.WatchDir = filepath.Join(base, "scans")
	cfg.Bridge.StateDir = filepath.Join(base, "state")
	cfg.Bridge.RescanEvery = config.Duration{Duration: time.Second}
	cfg.Bridge.IncompleteFor = config.Duration{Duration: time.Second}
	if err := os.MkdirAll(cfg.Bridge.WatchDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, cfg: &cfg, dir: cfg.Bridge.WatchDir, client: m.Client(t, slog.New(slog.DiscardHandler)), logs: &testenv.LogBuffer{}}
}

func (h *harness) start() {
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan int, 1)
	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	getenv := h.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	go func() { h.done <- Run(ctx, h.cfg, getenv, log) }()
	h.t.Cleanup(h.stop)
}

func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		h.t.Error("the bridge did not stop within 10s")
	}
}

// write puts a Go-written scan file in place, renamed from aside.
func (h *harness) write(name string, number int64, ts time.Time) string {
	h.t.Helper()
	path, err := scantest.Write(h.dir, name, number, ts, 20)
	if err != nil {
		h.t.Fatal(err)
	}
	return path
}

// current is the scan in Hazelcast, or nil.
func (h *harness) current() *record.ScanHead {
	head, err := scantest.Pushed(context.Background(), h.client, h.cfg.Hazelcast)
	if err != nil {
		h.t.Fatal(err)
	}
	return head
}

// waitFor waits for scan number n in Hazelcast.
func (h *harness) waitFor(n int64, within time.Duration) *record.ScanHead {
	h.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if c := h.current(); c != nil && c.Number == n {
			return c
		}
		time.Sleep(5 * time.Millisecond)
	}
	c := h.current()
	h.t.Fatalf("scan #%d not in Hazelcast within %s (there: %+v)\nlog:\n%s", n, within, c, h.logs.String())
	return nil
}

// waitLog waits for a line of the bridge's log to contain want.
func (h *harness) waitLog(want string, within time.Duration) {
	h.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if strings.Contains(h.logs.String(), want) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("the log has no %q within %s:\n%s", want, within, h.logs.String())
}

// waitCount waits for n lines of the bridge's log to contain want.
func (h *harness) waitCount(want string, n int, within time.Duration) {
	h.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if strings.Count(h.logs.String(), want) >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("the log has not %d lines with %q within %s:\n%s", n, want, within, h.logs.String())
}

// pushes is every record put under the scan key, in order, as an entry
// listener on the member saw them: every push, not only the last.
type pushes struct {
	mu    sync.Mutex
	texts []string
}

// recordPushes starts recording; call it before the bridge pushes.
func (h *harness) recordPushes() *pushes {
	h.t.Helper()
	p := &pushes{}
	cfg := hazelcast.NewConfig()
	cfg.Cluster.Name = h.cfg.Hazelcast.ClusterName
	cfg.Cluster.Network.SetAddresses(h.cfg.Hazelcast.Addresses...)
	cfg.Logger.Level = logger.OffLevel
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := hazelcast.StartNewClientWithConfig(ctx, cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { c.Shutdown(context.Background()) })
	m, err := c.GetMap(ctx, h.cfg.Hazelcast.Map)
	if err != nil {
		h.t.Fatal(err)
	}
	lc := hazelcast.MapEntryListenerConfig{Key: h.cfg.Hazelcast.ScanKey, IncludeValue: true}
	lc.NotifyEntryAdded(true)
	lc.NotifyEntryUpdated(true)
	if _, err := m.AddEntryListener(ctx, lc, func(e *hazelcast.EntryNotified) {
		s, _ := e.Value.(string)
		p.mu.Lock()
		p.texts = append(p.texts, s)
		p.mu.Unlock()
	}); err != nil {
		h.t.Fatal(err)
	}
	return p
}

// heads decodes the records pushed so far.
func (p *pushes) heads(t testing.TB) []record.ScanHead {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]record.ScanHead, 0, len(p.texts))
	for _, text := range p.texts {
		h, err := record.DecodeScanHead([]byte(text))
		if err != nil {
			t.Fatalf("the bridge pushed an undecodable record: %v", err)
		}
		out = append(out, h)
	}
	return out
}

// waitFor waits until the listener has seen scan n pushed, and returns
// every scan pushed until then.
func (p *pushes) waitFor(t testing.TB, n int64, within time.Duration) []record.ScanHead {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		heads := p.heads(t)
		for i, h := range heads {
			if h.Number == n {
				return heads[:i+1]
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("scan #%d was not pushed within %s: %+v", n, within, p.heads(t))
	return nil
}

// countUntil waits until scan n is the last record pushed, and returns how
// many were pushed in all.
func (p *pushes) countUntil(t testing.TB, n int64, within time.Duration) int {
	t.Helper()
	want := fmt.Sprintf(`{"scan_number":%d,`, n)
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		count, last := len(p.texts), ""
		if count > 0 {
			last = p.texts[count-1]
		}
		p.mu.Unlock()
		if strings.HasPrefix(last, want) {
			return count
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("scan #%d was not the last pushed within %s", n, within)
	return 0
}

// stays checks that the scan in Hazelcast stays n for a while.
func (h *harness) stays(n int64, d time.Duration) {
	h.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if c := h.current(); c == nil || c.Number != n {
			h.t.Fatalf("scan in Hazelcast: %+v, want #%d to stay\nlog:\n%s", c, n, h.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func TestPushesTheNewestExistingScanAtStart(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.write("scan_1.arrow", 1, t0)
	newest := h.write("scan_2.arrow", 2, t0.Add(time.Second))
	os.Chtimes(filepath.Join(h.dir, "scan_1.arrow"), t0, t0)
	h.start()
	c := h.waitFor(2, 10*time.Second)
	if c.Source != filepath.Base(newest) || c.Assets != 20 || !c.Timestamp.Equal(t0.Add(time.Second)) || c.BridgedAt.IsZero() {
		t.Errorf("record %+v", c)
	}
	// The ready line follows the push it waited for.
	h.waitLog("bridge ready", 10*time.Second)
}

func TestFollowsNewFilesWrittenInPlaceOrRenamed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	// No listing wakes the bridge during the idle spell below.
	h.cfg.Bridge.RescanEvery = config.Duration{Duration: time.Minute}
	h.start()
	h.write("a.arrow", 10, t0)
	h.waitFor(10, 10*time.Second)
	// Idle for longer than incomplete_for: a file noticed next is timed
	// from when it was noticed, not from the bridge's last wake.
	h.stays(10, h.cfg.Bridge.IncompleteFor.Duration+200*time.Millisecond)

	// Written in place, slowly: half now, the rest later. Never half-read.
	data, err := scantest.Bytes(11, t0.Add(time.Second), 20, false)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.dir, "b.arrow")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(data[:len(data)/2])
	f.Sync()
	h.stays(10, 400*time.Millisecond)
	f.Write(data[len(data)/2:])
	f.Close()
	h.waitFor(11, 5*time.Second)
	if strings.Contains(h.logs.String(), "skipped a file") {
		t.Errorf("a file being written was refused:\n%s", h.logs.String())
	}

	// A stream file in place.
	stream, err := scantest.Bytes(12, t0.Add(2*time.Second), 20, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, "c.arrow"), stream, 0o644); err != nil {
		t.Fatal(err)
	}
	h.waitFor(12, 5*time.Second)
}

func TestBrokenFilesAreSkippedWithTheirReason(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	h.write("good.arrow", 5, t0)
	h.waitFor(5, 10*time.Second)
	for _, name := range []string{"truncated.arrow", "empty.arrow", "wrong_schema.arrow"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(h.dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	logs := ""
	for time.Now().Before(deadline) {
		logs = h.logs.String()
		if strings.Count(logs, "skipped a file") >= 3 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{
		"truncated.arrow reason=\"still incomplete after",
		"empty.arrow reason=\"still incomplete after",
		`wrong_schema.arrow reason="no scan number: no column or schema metadata \"scan_number\""`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
	h.stays(5, 100*time.Millisecond)
	// The bridge goes on.
	h.write("next.arrow", 6, t0.Add(time.Second))
	h.waitFor(6, 5*time.Second)
}

func TestNeverReplacesANewerScanWithAnOlderOne(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	h.write("s100.arrow", 100, t0)
	h.waitFor(100, 10*time.Second)
	h.write("s99.arrow", 99, t0.Add(-time.Second)) // late, and older
	h.stays(100, 500*time.Millisecond)
	if !strings.Contains(h.logs.String(), "skipped an older scan") {
		t.Errorf("the skip was not logged:\n%s", h.logs.String())
	}
	// The scanner starting its numbering again: a lower number, a newer time.
	h.write("s1.arrow", 1, t0.Add(time.Minute))
	h.waitFor(1, 5*time.Second)
	if !strings.Contains(h.logs.String(), "scan numbering started again") {
		t.Errorf("the reset was not logged:\n%s", h.logs.String())
	}

	// A restarted bridge does not push an older file over what Hazelcast holds.
	h.stop()
	h.write("s0.arrow", 0, t0)
	h.start()
	h.stays(1, 700*time.Millisecond)
}

// A burst of 1,000 files landing at once (written aside, then renamed into
// place one after the other, as fast as rename goes) is coalesced: the
// bridge pushes the newest, and a few on the way, never one push a file.
func TestABurstCoalescesToTheNewest(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	p := h.recordPushes()
	h.start()
	h.write("first.arrow", 1, t0)
	p.waitFor(t, 1, 10*time.Second)
	const files = 1000
	for i := range files {
		data, err := scantest.Bytes(int64(i+2), t0.Add(time.Duration(i)*time.Millisecond), 20, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(h.dir, fmt.Sprintf(".b%04d", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range files {
		if err := os.Rename(filepath.Join(h.dir, fmt.Sprintf(".b%04d", i)), filepath.Join(h.dir, fmt.Sprintf("b%04d.arrow", i))); err != nil {
			t.Fatal(err)
		}
	}
	heads := p.waitFor(t, files+1, 10*time.Second)
	// What Hazelcast saw only ever moved forward.
	for i := 1; i < len(heads); i++ {
		if heads[i].Number <= heads[i-1].Number {
			t.Fatalf("pushed #%d after #%d", heads[i].Number, heads[i-1].Number)
		}
	}
	// The first file's push, then the burst's.
	burst := len(heads) - 1
	t.Logf("%d pushes for a burst of %d files", burst, files)
	if burst > files/10 {
		t.Errorf("%d pushes for a burst of %d files: queued, not coalesced", burst, files)
	}
}

func TestHazelcastDownThenBack(t *testing.T) {
	t.Parallel()
	m := hztest.Start(t)
	h := newHarness(t, m)
	h.start()
	h.write("x1.arrow", 1, t0)
	h.waitFor(1, 10*time.Second)
	m.Kill()
	h.write("x2.arrow", 2, t0.Add(time.Second))
	h.write("x3.arrow", 3, t0.Add(2*time.Second))
	// The bridge tried to push and found the member gone.
	h.waitLog("cannot push; retrying until Hazelcast answers", 30*time.Second)
	m.Restart(t)
	// The member lost its data; the bridge pushes the newest scan it has.
	h.waitFor(3, 30*time.Second)
	// That line follows the push it waited for.
	h.waitLog("Hazelcast is back", 10*time.Second)
}

func TestASecondBridgeOnTheSameStateRefusesToRun(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	h.write("one.arrow", 1, t0)
	h.waitFor(1, 10*time.Second)
	code := Run(context.Background(), h.cfg, os.Getenv, slog.New(slog.DiscardHandler))
	if code != ExitLocked {
		t.Errorf("a second bridge exited %d, want %d", code, ExitLocked)
	}
}

func TestWaitsForTheWatchDirectoryToAppear(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	os.Remove(h.dir)
	h.start()
	h.waitLog("waiting for the watch directory to appear", 10*time.Second)
	os.MkdirAll(h.dir, 0o755)
	h.write("late.arrow", 3, t0)
	h.waitFor(3, 10*time.Second)
}

func TestAFileWhereTheWatchDirectoryBelongsIsABadConfiguration(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	cfg.Bridge.WatchDir = filepath.Join(t.TempDir(), "scans")
	os.WriteFile(cfg.Bridge.WatchDir, nil, 0o644)
	cfg.Bridge.StateDir = t.TempDir()
	if code := Run(context.Background(), &cfg, os.Getenv, slog.New(slog.DiscardHandler)); code != ExitConfig {
		t.Errorf("exit %d, want %d", code, ExitConfig)
	}
}

// No name in the watched directory makes the bridge read outside it: a
// symlink to a scan elsewhere is not followed.
func TestSymlinksAreNeverFollowed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	outside := t.TempDir()
	if _, err := scantest.Write(outside, "elsewhere.arrow", 99, t0, 20); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "elsewhere.arrow"), filepath.Join(h.dir, "link.arrow")); err != nil {
		t.Fatal(err)
	}
	h.write("real.arrow", 5, t0.Add(-time.Hour))
	h.start()
	h.waitFor(5, 10*time.Second)
	h.stays(5, 1500*time.Millisecond) // past a rescan
}
