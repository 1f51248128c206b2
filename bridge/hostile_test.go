package bridge

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"tidewatch/internal/hztest"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/record"
	"tidewatch/scanfiles"
)

// The bridge under hostile but plausible input: scans from the future,
// records too big, files rewritten while read, names swapped for FIFOs,
// special files, files it may not read.

// decisionOn waits for the bridge's recorded decision on a file (the
// record is written a moment after the decision), or returns nil.
func (h *harness) decisionOn(name string) *scanfiles.Decision {
	h.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		f, err := scanfiles.ReadDecisions(h.cfg.Bridge.StateDir)
		if err != nil {
			h.t.Fatal(err)
		}
		for _, d := range f.Files {
			if d.Name == name {
				return &d
			}
		}
	}
	return nil
}

// A scan dated in the future is refused with its reason, recorded as such
// for the supervisor, never pushed, and never the bar that later scans
// must beat.
func TestAScanFromTheFutureIsRefusedAndIsNoBar(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	now := time.Now().UTC()
	h.write("s5.arrow", 5, now)
	h.waitFor(5, 10*time.Second)
	h.write("s6.arrow", 1_000_000, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	h.waitLog(`file=`+filepath.Join(h.dir, "s6.arrow")+` reason="scan #1000000 is dated 2100-01-01T00:00:00Z`, 10*time.Second)
	if d := h.decisionOn("s6.arrow"); d == nil || record.Judge(record.File{Name: d.Name, Read: &d.Reading}, nil, time.Now(), h.rule()).Verdict != record.Refused {
		t.Errorf("the decision recorded: %+v", d)
	}
	h.stays(5, 100*time.Millisecond)
	h.write("s7.arrow", 7, now.Add(time.Second))
	h.waitFor(7, 10*time.Second)
}

func (h *harness) rule() record.Rule {
	return record.Rule{MaxFuture: h.cfg.Freshness.ClockSkewTolerance.Duration, DecideWithin: h.cfg.Bridge.DecideWithin.Duration}
}

// A scan from the future already in Hazelcast when the bridge starts (put
// there by an older bridge, or by hand) is no bar either: the newest scan
// on disk replaces it.
func TestAFutureScanInHazelcastIsNoBarAtStart(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	future := `{"scan_number":9000000000000000,"timestamp":"2100-01-01T00:00:00.000Z","asset_count":1,"columns":{},` +
		`"bridged_at":"2026-11-23T09:00:00.000Z","source_file":"x.arrow"}`
	if err := h.client.Put(context.Background(), h.cfg.Hazelcast.Map, h.cfg.Hazelcast.ScanKey, future); err != nil {
		t.Fatal(err)
	}
	h.write("s3.arrow", 3, time.Now())
	h.start()
	h.waitFor(3, 10*time.Second)
	h.waitLog("the scan in Hazelcast is from the future; replacing it", 10*time.Second)
}

// A huge scan number with a sane timestamp is taken; a lower number with a
// newer timestamp after it is the scanner's numbering starting again, and
// is taken too. Beyond 2^53 no JSON reader that uses doubles holds a
// number exactly: refused.
func TestNumberingStartsAgainAfterAHugeNumber(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	now := time.Now().UTC()
	h.write("huge.arrow", 1e15, now)
	h.waitFor(1e15, 10*time.Second)
	h.write("again.arrow", 5, now.Add(time.Second))
	h.waitFor(5, 10*time.Second)
	h.waitLog("scan numbering started again", time.Second)
	h.write("beyond.arrow", 1<<53+2, now.Add(2*time.Second))
	h.waitLog("is beyond 2^53", 10*time.Second)
	h.stays(5, 100*time.Millisecond)
}

// A record over bridge.max_record_size is refused, with its size in the
// reason, and never pushed; the bridge goes on.
func TestARecordOverMaxRecordSizeIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.cfg.Bridge.MaxRecordSize = 64 << 10
	h.start()
	now := time.Now().UTC()
	h.write("small.arrow", 1, now)
	h.waitFor(1, 10*time.Second)
	path, err := scantest.Write(h.dir, "big.arrow", 2, now.Add(time.Second), 5000)
	if err != nil {
		t.Fatal(err)
	}
	h.waitLog(`file=`+path+` reason="its record is `, 10*time.Second)
	if !strings.Contains(h.logs.String(), "bytes, over bridge.max_record_size (65536)") {
		t.Errorf("the reason does not give the limit:\n%s", h.logs.String())
	}
	if d := h.decisionOn("big.arrow"); d == nil || !strings.Contains(d.Refused, "over bridge.max_record_size") {
		t.Errorf("the decision recorded: %+v", d)
	}
	h.stays(1, 100*time.Millisecond)
	h.write("next.arrow", 3, now.Add(2*time.Second))
	h.waitFor(3, 10*time.Second)
}

// A file rewritten in place, without truncation, while the bridge reads it:
// every record the bridge pushes is one consistent version of the file,
// its scan number the same in every row. The writer is a real one,
// writing each version in 4 KiB pieces as a buffered writer does.
func TestTornScansAreNeverPushed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	p := h.recordPushes()
	h.start()
	series, err := scantest.NewSeries(2000)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.dir, "torn.arrow")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	now := time.Now().UTC().Truncate(time.Millisecond)
	var buf []byte
	const versions = 200
	for v := int64(1); v <= versions; v++ {
		buf = series.Bytes(buf, v, now.Add(time.Duration(v)*time.Millisecond))
		for off := 0; off < len(buf); off += 4096 {
			if _, err := f.WriteAt(buf[off:min(off+4096, len(buf))], int64(off)); err != nil {
				t.Fatal(err)
			}
		}
		// Moments between versions, some long enough for the file to be
		// quiet and read whole, some not.
		time.Sleep(time.Duration(v%4) * 4 * time.Millisecond)
	}
	p.countUntil(t, versions, 20*time.Second)
	p.mu.Lock()
	texts := append([]string(nil), p.texts...)
	p.mu.Unlock()
	for _, text := range texts {
		var rec struct {
			Number    int64  `json:"scan_number"`
			Timestamp string `json:"timestamp"`
			Columns   struct {
				Number []int64  `json:"scan_number"`
				Time   []string `json:"timestamp"`
			} `json:"columns"`
		}
		if err := json.Unmarshal([]byte(text), &rec); err != nil {
			t.Fatal(err)
		}
		for i, n := range rec.Columns.Number {
			if n != rec.Number {
				t.Fatalf("a torn scan was pushed: scan #%d has #%d in row %d", rec.Number, n, i)
			}
		}
		wantTime := now.Add(time.Duration(rec.Number) * time.Millisecond)
		for i, ts := range rec.Columns.Time {
			if got, err := time.Parse(time.RFC3339Nano, ts); err != nil || !got.Equal(wantTime) {
				t.Fatalf("a torn scan was pushed: scan #%d has time %s in row %d", rec.Number, ts, i)
			}
		}
	}
	t.Logf("%d consistent pushes of %d versions written in place", len(texts), versions)
}

// A name swapped again and again between a scan file and a FIFO (with
// renameat2's exchange, so that it is always one or the other) never makes
// the bridge wait for a FIFO's writer: it goes on pushing. A FIFO is
// logged once.
func TestAFIFOSwappedInNeverBlocksTheBridge(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	now := time.Now().UTC()
	h.write("s1.arrow", 1, now)
	h.waitFor(1, 10*time.Second)
	name := h.write("x.arrow", 2, now.Add(time.Second))
	fifo := filepath.Join(h.dir, ".fifo")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	swaps := 0
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); swaps++ {
		if err := unix.Renameat2(unix.AT_FDCWD, name, unix.AT_FDCWD, fifo, unix.RENAME_EXCHANGE); err != nil {
			t.Fatal(err)
		}
	}
	if swaps%2 == 0 { // leave the FIFO in place
		unix.Renameat2(unix.AT_FDCWD, name, unix.AT_FDCWD, fifo, unix.RENAME_EXCHANGE)
	}
	h.write("s3.arrow", 3, now.Add(2*time.Second))
	h.waitFor(3, 10*time.Second)
	if n := strings.Count(h.logs.String(), `msg="not a regular file; never read" component=bridge file=`+name+` type=FIFO`); n != 1 {
		t.Errorf("the FIFO was logged %d times after %d swaps, want once:\n%s", n, swaps, h.logs.String())
	}
}

// Symlinks, FIFOs and directories with scan names are logged once each,
// however many events and listings come past them.
func TestNamesThatAreNoRegularFileAreLoggedOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	now := time.Now().UTC()
	h.write("s1.arrow", 1, now)
	h.waitFor(1, 10*time.Second)
	odd := map[string]string{"link.arrow": "symlink", "pipe.arrow": "FIFO", "dir.arrow": "directory"}
	if err := os.Symlink("s1.arrow", filepath.Join(h.dir, "link.arrow")); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mkfifo(filepath.Join(h.dir, "pipe.arrow"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(h.dir, "dir.arrow"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Events on each again and again, and two listings of the directory.
	for i := range 5 {
		at := now.Add(time.Duration(i) * time.Second)
		ts := []unix.Timespec{unix.NsecToTimespec(at.UnixNano()), unix.NsecToTimespec(at.UnixNano())}
		for name := range odd {
			if err := unix.UtimesNanoAt(unix.AT_FDCWD, filepath.Join(h.dir, name), ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.waitCount("listed the watch directory", strings.Count(h.logs.String(), "listed the watch directory")+2, 10*time.Second)
	h.write("s2.arrow", 2, now.Add(time.Second))
	h.waitFor(2, 10*time.Second)
	logs := h.logs.String()
	for name, kind := range odd {
		if n := strings.Count(logs, `file=`+filepath.Join(h.dir, name)+` type=`+kind); n != 1 {
			t.Errorf("%s (%s) logged %d times, want once", name, kind, n)
		}
	}
}

// A file the bridge may not read is refused, and read again once its mode
// changes. The bridge runs as its own process, and, when the tests run as
// root, without the capabilities that let root read any file.
func TestAFileRefusedForPermissionIsReadWhenItsModeChanges(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	conf := filepath.Join(t.TempDir(), "config.toml")
	src := fmt.Sprintf("[hazelcast]\naddresses = [%q]\ncluster_name = %q\nmap = %q\n[bridge]\nwatch_dir = %q\nstate_dir = %q\nrescan_every = \"1s\"\n",
		h.cfg.Hazelcast.Addresses[0], h.cfg.Hazelcast.ClusterName, h.cfg.Hazelcast.Map, h.cfg.Bridge.WatchDir, h.cfg.Bridge.StateDir)
	if err := os.WriteFile(conf, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{testenv.Tidewatch(t), "bridge", "--config", conf, "--log-level", "debug"}
	if os.Geteuid() == 0 {
		args = append([]string{"setpriv", "--bounding-set", "-dac_override,-dac_read_search",
			"--inh-caps", "-dac_override,-dac_read_search", "--"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = h.logs, h.logs
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var exited atomic.Bool
	done := make(chan struct{})
	go func() { cmd.Wait(); exited.Store(true); close(done) }()
	t.Cleanup(func() { cmd.Process.Signal(syscall.SIGTERM); <-done })

	now := time.Now().UTC()
	h.write("s1.arrow", 1, now)
	h.waitFor(1, 20*time.Second)
	data, err := scantest.Bytes(2, now.Add(time.Second), 20, false)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.dir, "s2.arrow")
	tmp := filepath.Join(h.dir, ".s2")
	if err := os.WriteFile(tmp, data, 0o000); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(tmp, 0o000); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	h.waitLog(`reason="the bridge may not read it: permission denied"`, 20*time.Second)
	h.stays(1, 100*time.Millisecond)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	h.waitFor(2, 20*time.Second)
	if exited.Load() {
		t.Errorf("the bridge exited:\n%s", h.logs.String())
	}
}

// The record of decisions says, for people reading it, what the bridge
// decided on each file and why; past its bound, refusals are the last to
// go.
func TestTheRecordOfDecisions(t *testing.T) {
	t.Parallel()
	ds, err := stateDir(t.TempDir()).decisions()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	refused := record.Judgement{Verdict: record.Refused, Reason: "no scan number"}
	ds.put(scanfiles.FileID{Path: "/d/bad.arrow", Size: 1, MTime: 1}, record.Reading{At: at, Refused: "no scan number"}, refused, false)
	for i := range keepDecisions + 10 {
		id := scanfiles.FileID{Path: fmt.Sprintf("/d/s%d.arrow", i), Size: 2, MTime: int64(i)}
		ds.put(id, record.Reading{At: at, Number: int64(i), Timestamp: at}, record.Judgement{Verdict: record.Take}, false)
		ds.pushed(id)
	}
	if err := ds.save(); err != nil {
		t.Fatal(err)
	}
	ds.close() // writes what was handed over last
	f, err := scanfiles.ReadDecisions(ds.dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Files) != keepDecisions || f.Files[0].Name != "bad.arrow" || f.Files[0].Verdict != "refused" || f.Files[0].Reason != "no scan number" {
		t.Fatalf("%d decisions, the first %+v", len(f.Files), f.Files[0])
	}
	last := f.Files[len(f.Files)-1]
	if last.Name != fmt.Sprintf("s%d.arrow", keepDecisions+9) || last.Verdict != "pushed" || last.Seq != keepDecisions+11 {
		t.Errorf("the last: %+v", last)
	}
}

// A file whose mtime is ahead of the clock (set by hand, or stamped by
// another host on a network filesystem) is read as any other, never taken
// for one still being written.
func TestAFileWithAnMTimeAheadOfTheClockIsRead(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	h.start()
	now := time.Now().UTC()
	h.write("s1.arrow", 1, now)
	h.waitFor(1, 10*time.Second)
	data, err := scantest.Bytes(2, now.Add(time.Second), 20, false)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.dir, "s2.arrow")
	if err := os.WriteFile(path, data, 0o644); err != nil { // in place, not renamed
		t.Fatal(err)
	}
	ahead := now.Add(time.Hour)
	if err := os.Chtimes(path, ahead, ahead); err != nil {
		t.Fatal(err)
	}
	h.waitFor(2, 5*time.Second)
	if strings.Contains(h.logs.String(), "skipped a file") {
		t.Errorf("refused:\n%s", h.logs.String())
	}
}
