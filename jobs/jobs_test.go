package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hazelcast/hazelcast-go-client/serialization"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/status"
)

var quiet = slog.New(slog.DiscardHandler)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

// env is a member, a client, a database and a runner, all real.
type env struct {
	t      testing.TB
	member *hztest.Member
	client *hz.Client
	store  *db.Store
	cfg    *config.Config
	runner *Runner
	snaps  string
}

var maps atomic.Int64

// newEnv uses the shared member, in a map of the test's own.
func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvOn(t, hztest.Shared(t))
}

func newEnvOn(t testing.TB, m *hztest.Member) *env {
	t.Helper()
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Hazelcast = m.Config()
	cfg.Hazelcast.Map = fmt.Sprintf("DOLPHIN_FEATURES_%s_%d", t.Name(), maps.Add(1))
	cfg.Database.Path = filepath.Join(dir, "tidewatch.db")
	cfg.Divergence.SnapshotDir = filepath.Join(dir, "exf")
	store, err := db.Open(cfg.Database.Path, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	e := &env{t: t, member: m, client: m.Client(t, quiet), store: store, cfg: &cfg, snaps: cfg.Divergence.SnapshotDir}
	e.runner = NewRunner(context.Background(), e.cfg, e.client, store, nil, NewRecorder(e.cfg, store, quiet), quiet)
	t.Cleanup(func() { e.runner.rec.queue.close(context.Background()) })
	return e
}

// exfRecord is a complete exf_latest as the Python fetcher writes it.
func exfRecord(pushedAt time.Time) map[string]any {
	m := map[string]any{}
	stale := map[string]any{}
	for i, name := range config.ExpectedIndicators {
		m[name] = 0.5 + float64(i)*1.25
		stale[name] = 3.0
	}
	m["_staleness_s"] = stale
	m["_acb_ready"] = true
	m["_pushed_at"] = pushedAt.Format("2006-01-02T15:04:05.000000+00:00")
	return m
}

// putPython stores a record as map.put(k, json.dumps(d)) does, with Python's
// bare NaN token for the given indicators.
func (e *env) putPython(rec map[string]any, nanKeys ...string) {
	e.t.Helper()
	for _, k := range nanKeys {
		rec[k] = "__NaN__"
	}
	b, err := json.Marshal(rec)
	if err != nil {
		e.t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), `"__NaN__"`, "NaN")
	if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ExFKey, text); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) run(name string) *db.Run {
	e.t.Helper()
	r, err := e.runner.Run(context.Background(), name)
	if err != nil || r == nil {
		e.t.Fatalf("%s: %v, %v", name, r, err)
	}
	return r
}

func categories(r *db.Run) map[string]int {
	out := map[string]int{}
	for _, f := range r.Findings {
		out[f.Category]++
	}
	return out
}

func copyFile(t testing.TB, from, to string, mtime time.Time) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(to, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestIntegrityReadsWhatPythonWrote(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()), "vix")
	r := e.run(config.JobIntegrity)
	if r.Status != checks.StatusCritical {
		t.Errorf("status %s", r.Status)
	}
	c := categories(r)
	if c[checks.CatMissingCritical] != 1 || c[checks.CatACBMismatch] != 1 || len(c) != 2 {
		t.Errorf("findings %v", c)
	}
	stored, err := e.store.LatestRun(context.Background(), config.JobIntegrity)
	if err != nil || stored.ID != r.ID || len(stored.Findings) != 2 || *stored.Health.IndicatorsPresent != 27 {
		t.Errorf("recorded %+v, %v", stored, err)
	}
}

func TestHazelcastJSONValueIsReadToo(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b, _ := json.Marshal(exfRecord(time.Now()))
	if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ExFKey, serialization.JSON(b)); err != nil {
		t.Fatal(err)
	}
	if r := e.run(config.JobIntegrity); r.Status != checks.StatusHealthy || len(r.Findings) != 0 {
		t.Errorf("status %s, findings %v", r.Status, r.Findings)
	}
}

func TestBrokenRecordIsCriticalNotACrash(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ExFKey, `{"vix": 20.5, "fng": `); err != nil {
		t.Fatal(err)
	}
	r := e.run(config.JobIntegrity)
	if r.Status != checks.StatusCritical || categories(r)[checks.CatRecordInvalid] != 1 {
		t.Errorf("status %s, findings %v", r.Status, categories(r))
	}
	if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ExFKey, int64(42)); err != nil {
		t.Fatal(err)
	}
	if r := e.run(config.JobIntegrity); categories(r)[checks.CatRecordInvalid] != 1 {
		t.Errorf("a number under exf_latest: %v", r.Findings)
	}
}

func TestDivergenceAgainstASnapshotOnDisk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	pushed := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) // the fixture's _pushed_at
	e.putPython(exfRecord(pushed))
	// An older snapshot, and the newest one in a dated subdirectory.
	copyFile(t, "../npz/testdata/no_time.npz", filepath.Join(e.snaps, "2026-11-22", "old.npz"), pushed.Add(-24*time.Hour))
	copyFile(t, "../npz/testdata/snapshot.npz", filepath.Join(e.snaps, "2026-11-23", "exf_090000.npz"), pushed)
	r := e.run(config.JobDivergence)
	if r.Status != checks.StatusHealthy || len(r.Findings) != 0 {
		t.Errorf("status %s, findings %v", r.Status, r.Findings)
	}
	if !strings.HasSuffix(r.Health.SnapshotPath, "exf_090000.npz") || *r.Health.KeyDifference != 0 || *r.Health.DiskLagS != 0 {
		t.Errorf("health %+v", r.Health)
	}

	// A pickled entry in the newest snapshot: named, and the rest compared.
	copyFile(t, "../npz/testdata/pickled.npz", filepath.Join(e.snaps, "2026-11-23", "exf_090100.npz"), pushed.Add(time.Minute))
	r = e.run(config.JobDivergence)
	c := categories(r)
	if c[checks.CatPickled] != 1 || c[checks.CatDivergence] != 1 {
		t.Errorf("findings %v", r.Findings)
	}
}

func TestDivergenceWithoutPersistence(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()))
	r := e.run(config.JobDivergence)
	if r.Status != checks.StatusHealthy || categories(r)[checks.CatPersistence] != 1 {
		t.Errorf("status %s, findings %v", r.Status, r.Findings)
	}
	if !strings.Contains(r.Findings[0].Message, "does not exist") {
		t.Errorf("message %q", r.Findings[0].Message)
	}
	if err := os.MkdirAll(e.snaps, 0o755); err != nil {
		t.Fatal(err)
	}
	r = e.run(config.JobDivergence)
	if !strings.Contains(r.Findings[0].Message, "no *.npz file under") {
		t.Errorf("message %q", r.Findings[0].Message)
	}
	// A symlink to a snapshot elsewhere is not followed.
	abs, _ := filepath.Abs("../npz/testdata/snapshot.npz")
	if err := os.Symlink(abs, filepath.Join(e.snaps, "link.npz")); err != nil {
		t.Fatal(err)
	}
	r = e.run(config.JobDivergence)
	if !strings.Contains(r.Findings[0].Message, "no *.npz file under") {
		t.Errorf("through a symlink: %q", r.Findings[0].Message)
	}
}

func TestFreshnessFollowsTheScan(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.cfg.Bridge.Enabled = true
	e.putPython(exfRecord(time.Now()))
	r := e.run(config.JobFreshness)
	if categories(r)[checks.CatScanAbsent] != 1 || r.Status != checks.StatusCritical {
		t.Errorf("no scan: %v", r.Findings)
	}
	clock := time.Now()
	e.runner.now = func() time.Time { return clock }
	put := func(n int64, ts time.Time) {
		b, _ := json.Marshal(map[string]any{"scan_number": n, "timestamp": ts.Format(time.RFC3339Nano), "asset_count": 3})
		if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ScanKey, string(b)); err != nil {
			t.Fatal(err)
		}
	}
	put(41, clock)
	if r := e.run(config.JobFreshness); r.Status != checks.StatusHealthy || *r.Health.ScanNumber != 41 {
		t.Errorf("fresh scan: %s %v", r.Status, r.Findings)
	}
	// Stuck is a matter of time, not of runs: 0.1 s later, nothing.
	clock = clock.Add(100 * time.Millisecond)
	if r := e.run(config.JobFreshness); len(r.Findings) != 0 {
		t.Errorf("0.1 s later: %v", r.Findings)
	}
	// A scan number re-stamped for over scan_stuck_after: stuck.
	clock = clock.Add(61 * time.Second)
	put(41, clock)
	if r := e.run(config.JobFreshness); categories(r)[checks.CatScanStuck] != 1 || len(r.Findings) != 1 {
		t.Errorf("stuck scan: %v", r.Findings)
	}

	// A restarted tidewatch remembers the scan number, and since when,
	// from history.
	again := NewRunner(context.Background(), e.cfg, e.client, e.store, nil, NewRecorder(e.cfg, e.store, quiet), quiet)
	again.now = func() time.Time { return clock.Add(time.Second) }
	r, err := again.Run(context.Background(), config.JobFreshness)
	if err != nil || categories(r)[checks.CatScanStuck] != 1 || !strings.Contains(r.Findings[0].Message, "for 1m2s") {
		t.Errorf("after a restart: %v, %v", r.Findings, err)
	}
	put(42, clock.Add(-2*time.Minute))
	if r := e.run(config.JobFreshness); categories(r)[checks.CatScanStale] != 1 || r.Status != checks.StatusCritical {
		t.Errorf("stale scan: %v", r.Findings)
	}
}

func TestMemberKilledMidRunAndBack(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, hztest.Start(t))
	e.putPython(exfRecord(time.Now()))
	if r := e.run(config.JobIntegrity); r.Status != checks.StatusHealthy {
		t.Fatalf("before: %s %v", r.Status, r.Findings)
	}
	e.member.Kill()
	r := e.run(config.JobIntegrity)
	if r.Status != checks.StatusCritical || categories(r)[checks.CatConnectivity] != 1 || r.Health.HazelcastConnected {
		t.Errorf("member dead: %s %v", r.Status, categories(r))
	}
	e.member.Restart(t)
	// The restarted member is empty until the producer writes again; the
	// same runner and client must find it without being restarted.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if e.client.Connected() {
			if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ExFKey, mustJSON(exfRecord(time.Now()))); err == nil {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the client did not come back within 30s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r := e.run(config.JobIntegrity); r.Status != checks.StatusHealthy {
		t.Errorf("after recovery: %s %v", r.Status, r.Findings)
	}
	st, err := e.store.Stats(context.Background())
	if err != nil || st[0].Runs != 3 || st[0].Critical != 1 || st[0].Healthy != 2 {
		t.Errorf("history %+v, %v", st, err)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestPanicBecomesAnErrorRun(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var logs strings.Builder
	e.runner.log = slog.New(slog.NewTextHandler(&logs, nil))
	e.runner.checkFn = func(_ context.Context, name string, _ time.Time) (checks.Result, error) {
		var indicators []string
		_ = indicators[len(name)] // a bug in a check: index out of range
		return checks.Result{}, nil
	}
	r := e.run(config.JobIntegrity)
	if r.Status != checks.StatusError || !strings.Contains(r.Error, "integrity check panicked") {
		t.Errorf("status %s error %q", r.Status, r.Error)
	}
	if !strings.Contains(logs.String(), "job panicked") {
		t.Errorf("the panic was not logged with its stack:\n%s", logs.String())
	}
	e.runner.checkFn = e.runner.check
	e.putPython(exfRecord(time.Now()))
	if r := e.run(config.JobIntegrity); r.Status != checks.StatusHealthy {
		t.Errorf("the next run: %s", r.Status)
	}
}

func TestHungMemberNeitherBlocksNorOverlaps(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, hztest.Start(t))
	e.putPython(exfRecord(time.Now()))
	e.member.Pause(t)
	defer e.member.Resume()
	checking := make(chan struct{})
	e.runner.checkFn = func(ctx context.Context, name string, now time.Time) (checks.Result, error) {
		close(checking)
		return e.runner.check(ctx, name, now)
	}
	done := make(chan *db.Run)
	go func() {
		r, _ := e.runner.Run(context.Background(), config.JobIntegrity)
		done <- r
	}()
	<-checking // the first run is under way, hung on the member
	if r, err := e.runner.Run(context.Background(), config.JobIntegrity); r != nil || err != nil {
		t.Errorf("a second run of the same job overlapped the first: %v, %v", r, err)
	}
	select {
	case r := <-done:
		if r.Status != checks.StatusCritical || categories(r)[checks.CatConnectivity] != 1 {
			t.Errorf("hung member: %s %v", r.Status, r.Findings)
		}
	case <-time.After(3 * e.cfg.Hazelcast.CallTimeout.Duration):
		t.Fatal("a run against a hung member outlived its deadline")
	}
}

func TestSchedulerRunsJobsAndStopsWithinItsGrace(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, hztest.Start(t))
	e.putPython(exfRecord(time.Now()))
	every, _ := config.ParseSchedule("@every 1s")
	e.cfg.Integrity.Schedule, e.cfg.Divergence.Schedule, e.cfg.Freshness.Schedule = every, every, every
	// Runs that reach the member once it is paused hang on it.
	var paused atomic.Bool
	hung := make(chan string, 3)
	e.runner.checkFn = func(ctx context.Context, name string, now time.Time) (checks.Result, error) {
		if paused.Load() && name != config.JobDivergence {
			select {
			case hung <- name:
			default:
			}
		}
		return e.runner.check(ctx, name, now)
	}
	s := Start(e.runner, e.cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	started := time.Now()
	for {
		st, err := e.store.Stats(context.Background())
		if err == nil && len(st) == 3 && st[0].Runs >= 3 && st[1].Runs >= 3 && st[2].Runs >= 3 {
			break
		}
		if time.Since(started) > 20*time.Second {
			t.Fatalf("the jobs did not run 3 times each at @every 1s in 20s: %+v, %v", st, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.member.Pause(t)
	defer e.member.Resume()
	paused.Store(true)
	select {
	case <-hung:
	case <-time.After(10 * time.Second):
		t.Fatal("no run went to the paused member")
	}
	start := time.Now()
	s.Stop(100 * time.Millisecond)
	if took := time.Since(start); took > time.Second {
		t.Errorf("stop took %v with a grace of 100ms", took)
	}
}

// Fault: the wall clock jumps an hour forward, then an hour back. No age is
// ever negative, no duration either, and data stamped "in the future" is
// never taken for fresh: it is clock skew.
func TestClockJumps(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.cfg.Bridge.Enabled = true
	e.putPython(exfRecord(time.Now()))
	b, _ := json.Marshal(map[string]any{"scan_number": 7, "timestamp": time.Now().Format(time.RFC3339Nano), "asset_count": 3})
	if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ScanKey, string(b)); err != nil {
		t.Fatal(err)
	}
	check := func(what string, r *db.Run) {
		t.Helper()
		h := r.Health
		for name, v := range map[string]*float64{"record age": h.RecordAgeS, "scan age": h.ScanAgeS, "max staleness": h.MaxStalenessS} {
			if v != nil && *v < 0 {
				t.Errorf("%s: negative %s %v", what, name, *v)
			}
		}
		if r.Finished.Before(r.Started) {
			t.Errorf("%s: negative duration", what)
		}
	}
	for _, jump := range []time.Duration{time.Hour, -time.Hour} {
		e.runner.now = func() time.Time { return time.Now().Add(jump) }
		r := e.run(config.JobFreshness)
		check(jump.String(), r)
		c := categories(r)
		if jump > 0 {
			// An hour later the data is an hour old: stale, not fresh.
			if c[checks.CatRecordStale] != 1 || c[checks.CatScanStale] != 1 || r.Status != checks.StatusCritical {
				t.Errorf("forward: %v", r.Findings)
			}
		} else {
			// An hour earlier everything is stamped in the future, and was
			// first seen by a clock an hour ahead: no age can be vouched
			// for beyond that of this clock, from now on.
			if c[checks.CatClockSkew] != 2 || len(r.Findings) != 2 || *r.Health.ScanAgeS != 0 || *r.Health.RecordAgeS != 0 {
				t.Errorf("backward: %v, health %+v", r.Findings, r.Health)
			}
			rd, err := status.Ready(context.Background(), e.store, e.cfg, time.Now().Add(jump))
			if err != nil || rd.Ready || !slices.ContainsFunc(rd.Reasons, func(s string) bool {
				return strings.Contains(s, "the clock moved back")
			}) {
				t.Errorf("ready after the clock moved back: %+v, %v", rd, err)
			}
		}
		check("integrity "+jump.String(), e.run(config.JobIntegrity))
	}
}
