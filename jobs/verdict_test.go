package jobs

import (
	"bufio"
	"context"
	"encoding/json"
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
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/internal/testenv"
	"tidewatch/status"
)

// The cases of "a verdict that cannot be fooled", each against a real
// member: data that is dead, malformed or from the future never reads as
// fresh, and check, status and /readyz agree on it.

// at makes the runner's clock the given instant; the record's own
// timestamps are real, so moving the clock ages what tidewatch saw.
func (e *env) at(t time.Time) {
	e.runner.now = func() time.Time { return t }
}

func (e *env) putScan(n int64, ts time.Time, assets int) {
	e.t.Helper()
	b, _ := json.Marshal(map[string]any{"scan_number": n, "timestamp": ts.Format(time.RFC3339Nano), "asset_count": assets})
	if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ScanKey, string(b)); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) ready(now time.Time) *status.Readiness {
	e.t.Helper()
	rd, err := status.Ready(context.Background(), e.store, e.cfg, now)
	if err != nil {
		e.t.Fatal(err)
	}
	return rd
}

func hasReason(rd *status.Readiness, part string) bool {
	return slices.ContainsFunc(rd.Reasons, func(s string) bool { return strings.Contains(s, part) })
}

// Case 1: a producer that died is not hidden by its own timestamp. The
// record's age is never younger than the time since tidewatch saw its bytes
// change, across a restart of tidewatch, and an identical put does not
// make it young.
func TestFrozenRecordAgesWhateverItSays(t *testing.T) {
	t.Parallel()
	for name, pushedAt := range map[string]any{
		"an hour ahead":     time.Now().Add(time.Hour).Format(time.RFC3339),
		"fifty years ahead": time.Now().AddDate(50, 0, 0).Format(time.RFC3339),
		"absent":            nil,
		"unreadable":        "soon",
		"year 0001":         "0001-01-01T00:00:00",
		"now, written once": "now",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			rec := exfRecord(time.Now())
			rec["_pushed_at"] = pushedAt
			if pushedAt == "now" {
				rec["_pushed_at"] = time.Now().Format(time.RFC3339Nano)
			}
			if pushedAt == nil {
				delete(rec, "_pushed_at")
			}
			e.putPython(rec)
			start := time.Now()
			e.at(start)
			if r := e.run(config.JobFreshness); categories(r)[checks.CatRecordStale] != 0 || *r.Health.RecordAgeS > 5 {
				t.Fatalf("just written: %v, age %v", r.Findings, *r.Health.RecordAgeS)
			}

			// Five minutes on, the producer has written the very same bytes
			// again, and tidewatch was restarted: still five minutes old.
			e.putPython(rec)
			later := start.Add(301 * time.Second)
			e.runner = NewRunner(context.Background(), e.cfg, e.client, e.store, nil, NewRecorder(e.cfg, e.store, quiet), quiet)
			e.at(later)
			r := e.run(config.JobFreshness)
			var stale *checks.Finding
			for i, f := range r.Findings {
				if f.Category == checks.CatRecordStale {
					stale = &r.Findings[i]
				}
			}
			if r.Status != checks.StatusCritical || stale == nil || stale.Severity != checks.Critical ||
				!strings.Contains(stale.Message, " 5m1s") {
				t.Fatalf("five minutes frozen: %s %v", r.Status, r.Findings)
			}
			e.run(config.JobIntegrity)
			if rd := e.ready(later); rd.Ready || !hasReason(rd, "ACB-critical indicators stale") {
				t.Errorf("ready on a frozen record: %+v", rd)
			}

			// New bytes: young again.
			rec["vix"] = 99.5
			if pushedAt == "now" {
				rec["_pushed_at"] = later.Format(time.RFC3339Nano)
			}
			e.putPython(rec)
			if r := e.run(config.JobFreshness); categories(r)[checks.CatRecordStale] != 0 || *r.Health.RecordAgeS != 0 {
				t.Errorf("after a change: %v", r.Findings)
			}
		})
	}
}

// Case 2: _staleness_s that is no object, or an empty one, is a finding,
// and every indicator is then judged by the record's age alone.
func TestMalformedStalenessDoesNotSwitchStalenessOff(t *testing.T) {
	t.Parallel()
	for name, staleness := range map[string]any{
		"a list": []any{3.0}, "a string": "fresh", "an empty object": map[string]any{}, "absent": nil,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			rec := exfRecord(time.Now().Add(-130 * time.Second))
			rec["_staleness_s"] = staleness
			if staleness == nil {
				delete(rec, "_staleness_s")
			}
			e.putPython(rec)
			r := e.run(config.JobFreshness)
			c := categories(r)
			if c[checks.CatStalenessInvalid] != 1 || c[checks.CatStale] != 28 || *r.Health.StaleCount != 28 || r.Status != checks.StatusDegraded {
				t.Errorf("%s %v", r.Status, c)
			}
			e.run(config.JobIntegrity)
			if rd := e.ready(time.Now()); rd.Ready || !hasReason(rd, "28 indicators stale") {
				t.Errorf("ready: %+v", rd)
			}
		})
	}
}

// Case 3, the checks' side: a scan stamped in the future is clock skew and
// no evidence of freshness; once it has not changed for longer than
// scan_critical_after, check, status and /readyz all say so.
func TestScanFromTheFutureIsNotFresh(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// No bridge job here (only tidewatch run supervises one): a scan that
	// is there is judged all the same.
	e.cfg.Bridge.Enabled = false
	e.cfg.Freshness.ScanStuckAfter.Duration = time.Hour
	e.putPython(exfRecord(time.Now()))
	e.putScan(1_000_000, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 400)
	start := time.Now()
	e.at(start)
	r := e.run(config.JobFreshness)
	if c := categories(r); c[checks.CatClockSkew] != 1 || len(c) != 1 || !strings.Contains(r.Findings[0].Message, "scan #1000000 ") {
		t.Errorf("stamped in 2100: %v", r.Findings)
	}

	later := start.Add(61 * time.Second)
	e.at(later)
	e.putPython(exfRecord(later)) // the record itself is fresh
	var runs []*db.Run
	for _, job := range []string{config.JobIntegrity, config.JobDivergence, config.JobFreshness} {
		runs = append(runs, e.run(job))
	}
	if c := categories(runs[2]); c[checks.CatScanStale] != 1 || runs[2].Status != checks.StatusCritical {
		t.Errorf("a minute unchanged: %v", runs[2].Findings)
	}
	if c := status.NewCheck(runs, e.cfg.Health); c.Overall != checks.StatusCritical {
		t.Errorf("check says %s", c.Overall)
	}
	if st, err := status.Read(context.Background(), e.store, e.cfg, later, checks.Warning, 10, 0); err != nil || st.Overall != checks.StatusCritical {
		t.Errorf("status says %s, %v", st.Overall, err)
	}
	if rd := e.ready(later); rd.Ready || !hasReason(rd, "the scan is 1m1s old") {
		t.Errorf("readyz: %+v", rd)
	}
}

// Case 4: an empty scan is a finding, and so is a fall of the asset count
// by more than max_asset_drop between two scans.
func TestEmptyScanAndAssetDrop(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()))
	for _, step := range []struct {
		n      int64
		assets int
		want   map[string]int
		status checks.Status
	}{
		{1, 1000, map[string]int{}, checks.StatusHealthy},
		{2, 400, map[string]int{checks.CatScanAssetDrop: 1}, checks.StatusHealthy},
		{3, 400, map[string]int{}, checks.StatusHealthy},
		{4, 0, map[string]int{checks.CatScanAssets: 1}, checks.StatusCritical},
	} {
		e.putScan(step.n, time.Now(), step.assets)
		r := e.run(config.JobFreshness)
		if c := categories(r); len(c) != len(step.want) || c[checks.CatScanAssetDrop] != step.want[checks.CatScanAssetDrop] ||
			c[checks.CatScanAssets] != step.want[checks.CatScanAssets] || r.Status != step.status {
			t.Errorf("scan #%d of %d assets: %s %v", step.n, step.assets, r.Status, r.Findings)
		}
	}
}

// Case 6: a 50 MB exf_latest, put by the Python client, is record_invalid
// naming its size, within the call timeout, never "unreachable"; the next
// run after the value is fixed is healthy.
func TestOversizedRecordIsInvalidNotUnreachable(t *testing.T) {
	t.Parallel()
	// A member of its own: 50 MB in a 256 MB JVM makes it collect long
	// enough to miss the heartbeats of other tests' clients.
	e := newEnvOn(t, hztest.Start(t))
	if testenv.Race {
		// Reading 50 MB allocates about 150 MB: 0.2 s at the default 2 s
		// timeout, but 1 to 2 s under the race detector on two busy cores.
		e.cfg.Hazelcast.CallTimeout.Duration = 10 * time.Second
		c, err := hz.Open(e.cfg.Hazelcast, os.Getenv, quiet)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(context.Background())
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := c.WaitConnected(ctx); err != nil {
			t.Fatal(err)
		}
		e.client = c
		e.runner = NewRunner(context.Background(), e.cfg, e.client, e.store, nil, NewRecorder(e.cfg, e.store, quiet), quiet)
	}
	hc := e.cfg.Hazelcast
	cmd := exec.Command(testenv.Python(t), filepath.Join(testenv.Root(t), "jobs/testdata/put_value.py"),
		hc.Addresses[0], hc.ClusterName, hc.Map, hc.ExFKey, "50")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("put_value.py: %v\n%s", err, out)
	}
	for _, job := range []string{config.JobIntegrity, config.JobFreshness} {
		start := time.Now()
		r := e.run(job)
		took := time.Since(start)
		t.Logf("%s: the 50 MB value refused in %v", job, took)
		c := categories(r)
		if c[checks.CatRecordInvalid] != 1 || c[checks.CatConnectivity] != 0 || !r.Health.HazelcastConnected {
			t.Errorf("%s: %v", job, c)
		}
		if msg := r.Findings[0].Message; !strings.Contains(msg, "50.0 MiB") || !strings.Contains(msg, "over the 16 MiB limit") {
			t.Errorf("%s: %q", job, msg)
		}
		if took > hc.CallTimeout.Duration {
			t.Errorf("%s took %v, over the call timeout %v", job, took, hc.CallTimeout.Duration)
		}
	}
	e.putPython(exfRecord(time.Now()))
	if r := e.run(config.JobIntegrity); r.Status != checks.StatusHealthy {
		t.Errorf("after the fix: %s %v", r.Status, r.Findings)
	}
}

// Case 7: numpy writes snapshots in place. A newest snapshot caught
// mid-write is passed over for the newest readable one; a run is never an
// error for it; one that stays unreadable past incomplete_for is a warning
// naming the file.
func TestSnapshotCaughtMidWrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()))
	writer := exec.Command(testenv.Python(t), filepath.Join(testenv.Root(t), "jobs/testdata/write_snapshots.py"),
		"loop", e.snaps, "60")
	out, err := writer.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	writer.Stderr = os.Stderr
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		// SIGTERM lets the file being written finish: a writer killed
		// mid-write would leave a broken file behind, a later case.
		if !stopped {
			stopped = true
			writer.Process.Signal(syscall.SIGTERM)
			writer.Wait()
		}
	}
	defer stop()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("writer: %q, %v", line, err)
	}

	// Run until a run has caught a snapshot mid-write a few times.
	caught, runs := 0, 0
	deadline := time.Now().Add(40 * time.Second)
	for caught < 3 && time.Now().Before(deadline) {
		r := e.run(config.JobDivergence)
		runs++
		if r.Status == checks.StatusError || r.Status == checks.StatusCritical || categories(r)[checks.CatSnapshotUnread] != 0 ||
			categories(r)[checks.CatPersistence] != 0 || r.Health.SnapshotPath == "" {
			t.Fatalf("run %d: %s %s %v", runs, r.Status, r.Error, r.Findings)
		}
		if len(e.runner.snaps) > 0 {
			caught++
		}
	}
	if caught < 3 {
		t.Fatalf("no snapshot caught mid-write in %d runs", runs)
	}
	stop()

	// A snapshot cut in half, newer than the rest: passed over while it
	// may be being written, a warning naming it once it has stayed so.
	bad := filepath.Join(e.snaps, "exf_999999.npz")
	testenv.RunPython(t, "jobs/testdata/write_snapshots.py", "truncated", bad)
	r := e.run(config.JobDivergence)
	if categories(r)[checks.CatSnapshotUnread] != 0 || r.Status != checks.StatusHealthy || r.Health.SnapshotPath == bad {
		t.Errorf("just written: %s %v", r.Status, r.Findings)
	}
	later := time.Now().Add(e.cfg.Divergence.IncompleteFor.Duration + time.Second)
	e.at(later)
	r = e.run(config.JobDivergence)
	c := categories(r)
	if c[checks.CatSnapshotUnread] != 1 || r.Status != checks.StatusHealthy || r.Health.SnapshotPath == "" || r.Health.SnapshotPath == bad {
		t.Fatalf("stayed unreadable: %s %v", r.Status, r.Findings)
	}
	for _, f := range r.Findings {
		if f.Category == checks.CatSnapshotUnread && (f.Severity != checks.Warning || !strings.Contains(f.Message, bad)) {
			t.Errorf("finding %+v", f)
		}
	}
	// Disk persistence lagging is no reason to stop trading on good hot data.
	e.run(config.JobIntegrity)
	e.run(config.JobFreshness)
	if rd := e.ready(later); !rd.Ready {
		t.Errorf("readiness closed by a broken snapshot: %+v", rd)
	}
}

// Case 10: all 28 indicators stale (1e308 s) close the gate, and so does
// one stale ACB-critical indicator; a few others stale do not.
func TestStaleIndicatorsCloseTheGate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	stale := func(names ...string) {
		rec := exfRecord(time.Now())
		for _, n := range names {
			rec["_staleness_s"].(map[string]any)[n] = 1e308
		}
		e.putPython(rec)
		e.run(config.JobIntegrity)
		e.run(config.JobDivergence)
		e.run(config.JobFreshness)
	}
	stale(config.ExpectedIndicators...)
	if rd := e.ready(time.Now()); rd.Ready || !hasReason(rd, "28 indicators stale") || !hasReason(rd, "ACB-critical indicators stale: funding_btc") {
		t.Errorf("all stale: %+v", rd)
	}
	stale("vix")
	if rd := e.ready(time.Now()); rd.Ready || len(rd.Reasons) != 1 || !hasReason(rd, "ACB-critical indicators stale: vix") {
		t.Errorf("vix stale: %+v", rd)
	}
	stale("dxy", "us10y", "sp500")
	if rd := e.ready(time.Now()); !rd.Ready {
		t.Errorf("three stale, none critical: %+v", rd)
	}
	stale("dxy", "us10y", "sp500", "tvl")
	if rd := e.ready(time.Now()); rd.Ready || !hasReason(rd, "4 indicators stale (at most 3 allowed)") {
		t.Errorf("four stale: %+v", rd)
	}
}

func TestObservationsAreKeptPerKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()))
	e.putScan(1, time.Now(), 3)
	t0 := time.Now()
	e.at(t0)
	e.run(config.JobFreshness)
	kept, err := e.store.Observations(context.Background())
	if err != nil || len(kept) != 2 {
		t.Fatalf("kept %+v, %v", kept, err)
	}
	for _, o := range kept {
		if o.Map != e.cfg.Hazelcast.Map || !o.Since.Equal(t0.Truncate(time.Millisecond)) || len(o.Hash) != 64 {
			t.Errorf("observation %+v", o)
		}
	}
	// Only a change is written again.
	e.at(t0.Add(time.Minute))
	e.putScan(2, time.Now(), 3)
	e.run(config.JobFreshness)
	kept, _ = e.store.Observations(context.Background())
	for _, o := range kept {
		want := t0
		if o.Key == e.cfg.Hazelcast.ScanKey {
			want = t0.Add(time.Minute)
		}
		if !o.Since.Equal(want.Truncate(time.Millisecond)) {
			t.Errorf("%s first seen %v, want %v", o.Key, o.Since, want)
		}
	}
}
