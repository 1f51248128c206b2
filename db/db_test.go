package db

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/internal/testenv"
	"tidewatch/supervise"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "tidewatch.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ptr[T any](v T) *T { return &v }

func sampleRun(job string, at time.Time) *Run {
	return &Run{
		Job: job, Started: at, Finished: at.Add(1500 * time.Microsecond),
		Status: checks.StatusCritical, Overall: checks.StatusCritical,
		Findings: []checks.Finding{
			{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix", Message: "ACB-critical indicator vix is NaN",
				Details: map[string]any{"reason": "NaN", "value": math.NaN()}},
			{Severity: checks.Warning, Category: checks.CatStale, Indicator: "dxy", Message: "dxy is stale (150s)",
				Details: map[string]any{"staleness_s": 150.0}, Thresholds: map[string]any{"stale_after_s": 120.0}},
			{Severity: checks.Info, Category: checks.CatACBNotReady, Message: "not ready"},
		},
		Health: checks.Health{
			HazelcastConnected: true, IndicatorsPresent: ptr(27), IndicatorsExpected: ptr(28), ACBReady: ptr(false),
			MissingCount: ptr(1), MissingCritical: []string{"vix"}, StaleCount: ptr(1), StaleIndicators: []string{"dxy"},
			MaxStalenessS: ptr(150.0), ScanNumber: ptr(int64(4228)),
		},
	}
}

func TestDatabaseIsCreatedPrivateAndMigratesOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tw.db")
	for range 2 {
		s, err := Open(path, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		var v int
		if err := s.w.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != len(migrations) {
			t.Errorf("user_version %d, %v", v, err)
		}
		var mode string
		if err := s.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode %q, %v", mode, err)
		}
		s.Close()
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
}

func TestRunRoundTrip(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	if _, err := s.WriteRun(ctx, sampleRun("integrity", t0)); err != nil {
		t.Fatal(err)
	}
	later := sampleRun("integrity", t0.Add(time.Minute))
	later.Status, later.Overall, later.Findings = checks.StatusHealthy, checks.StatusHealthy, nil
	if _, err := s.WriteRun(ctx, later); err != nil {
		t.Fatal(err)
	}
	r, err := s.LatestRun(ctx, "integrity")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Started.Equal(later.Started) || r.Status != checks.StatusHealthy || len(r.Findings) != 0 {
		t.Errorf("latest run %+v", r)
	}
	if r.Health.ScanNumber == nil || *r.Health.ScanNumber != 4228 || *r.Health.IndicatorsPresent != 27 || r.Health.MissingCritical[0] != "vix" {
		t.Errorf("health %+v", r.Health)
	}
	if r.Health.PersistenceConnected != nil || r.Health.DiskLagS != nil {
		t.Errorf("unobserved fields came back set: %+v", r.Health)
	}
	fs, err := s.RecentFindings(ctx, checks.Warning, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Category != checks.CatMissingCritical || fs[0].Details["value"] != "NaN" || fs[1].Thresholds["stale_after_s"] != 120.0 {
		t.Errorf("findings %+v", fs)
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 1 || stats[0].Runs != 2 || stats[0].Critical != 1 || stats[0].Healthy != 1 || stats[0].Findings != 3 {
		t.Errorf("stats %+v", stats)
	}
	if none, err := s.LatestRun(ctx, "divergence"); none != nil || err != nil {
		t.Errorf("a job that never ran: %v, %v", none, err)
	}
}

func TestTimesAreReadableAndComparableInSQL(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	now := time.Now().UTC()
	for _, at := range []time.Time{now.Add(-25 * time.Hour), now.Add(-time.Hour)} {
		if _, err := s.WriteRun(ctx, sampleRun("freshness", at)); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	var started string
	err := s.r.QueryRow(`SELECT count(*), max(started_at) FROM runs WHERE started_at > datetime('now', '-1 day')`).Scan(&n, &started)
	if err != nil || n != 1 {
		t.Fatalf("runs in the last day: %d, %v", n, err)
	}
	if want := now.Add(-time.Hour).Format("2006-01-02 15:04:05.000"); started != want {
		t.Errorf("stored %q, want %q", started, want)
	}
}

func TestPruneDeletesOldRunsWithTheirRowsAndKeepsCounters(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	for i := range 25 {
		if _, err := s.WriteRun(ctx, sampleRun("integrity", t0.Add(time.Duration(i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Prune(ctx, t0.Add(20*time.Hour), t0, 7)
	if err != nil || n != 20 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	count := func(table string) (n int) {
		if err := s.r.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count("runs") != 5 || count("findings") != 15 || count("health") != 5 {
		t.Errorf("left %d runs, %d findings, %d health rows", count("runs"), count("findings"), count("health"))
	}
	stats, _ := s.Stats(ctx)
	if stats[0].Runs != 25 {
		t.Errorf("lifetime counter lost by pruning: %+v", stats[0])
	}
}

func TestReadersWorkWhileTheDaemonWrites(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	ro, err := OpenReadOnly(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 300 {
			if _, err := s.WriteRun(ctx, sampleRun([]string{"integrity", "freshness"}[i%2], t0.Add(time.Duration(i)*time.Second))); err != nil {
				errs <- err
				return
			}
		}
	}()
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if _, err := ro.LatestRun(ctx, "integrity"); err != nil {
					errs <- err
					return
				}
				if _, err := ro.Hours(ctx, "", t0, t0.Add(time.Hour)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	// The sqlite3 shell, as an operator would use it, at the same time.
	for range 5 {
		out, err := exec.Command("sqlite3", s.Path(), "SELECT count(*) FROM runs; SELECT count(*) FROM findings;").CombinedOutput()
		if err != nil {
			t.Errorf("sqlite3: %v: %s", err, out)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	out, err := exec.Command("sqlite3", s.Path(), "SELECT count(*) FROM runs").Output()
	if err != nil || strings.TrimSpace(string(out)) != "300" {
		t.Errorf("sqlite3 sees %q, %v", out, err)
	}
}

func TestReadOnlyStoreRefusesToCreateOrWrite(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "none.db")
	if _, err := OpenReadOnly(path); err == nil {
		t.Fatal("opened a database that does not exist")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a read-only open created the file")
	}
	s := open(t)
	ro, err := OpenReadOnly(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.r.Exec(`DELETE FROM runs`); err == nil {
		t.Error("a read-only store could write")
	}
}

func BenchmarkWriteRun(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	run := sampleRun("integrity", t0)
	var lat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		run.Started = t0.Add(time.Duration(i) * time.Second)
		start := time.Now()
		if _, err := s.WriteRun(ctx, run); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	testenv.ReportPercentiles(b, lat)
}

func TestBridgeHistory(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	for i, state := range []supervise.State{supervise.Running, supervise.Running, supervise.Backoff, supervise.Running} {
		r := &Run{Job: "bridge", Started: t0.Add(time.Duration(i) * 30 * time.Second), Status: checks.StatusHealthy, Overall: checks.StatusHealthy,
			Bridge: &checks.BridgeSample{State: state, PID: 100 + i, Restarts: 1, DataAgeS: ptr(float64(10 * (i + 1))), Lines: []string{fmt.Sprint("line ", i)}}}
		r.Finished = r.Started
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	code := 1
	ordered := supervise.Event{At: t0.Add(60 * time.Second), Kind: supervise.EventRestart, PID: 100, Reason: "restart: scan #4 is 90s old"}
	jittered := supervise.Event{At: t0.Add(50 * time.Second), Kind: supervise.EventRestart, Reason: "crash: exit status 1",
		Attempt: 2, MaxAttempts: 3, Delay: 9876543 * time.Microsecond}
	for _, e := range []supervise.Event{
		{At: t0, Kind: supervise.EventStart, PID: 100},
		{At: t0.Add(40 * time.Second), Kind: supervise.EventExit, PID: 100, ExitCode: &code, Reason: "crash: exit status 1", Output: []string{"panic: boom"}},
		{At: t0.Add(40 * time.Second), Kind: supervise.EventRestart, Reason: "crash: exit status 1", Attempt: 1, MaxAttempts: 3, Delay: 5 * time.Second},
		jittered,
		ordered,
	} {
		if err := s.WriteBridgeEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	restarts, err := s.BridgeEvents(ctx, t0, t0.Add(time.Hour), supervise.EventRestart)
	if err != nil || len(restarts) != 3 || !reflect.DeepEqual(restarts[1], jittered) || !reflect.DeepEqual(restarts[2], ordered) {
		t.Errorf("restarts %+v, %v", restarts, err)
	}
	summary, err := s.BridgeRestarts(ctx, t0, t0.Add(time.Hour), 10, 10)
	if err != nil || summary.Total != 3 || !reflect.DeepEqual(summary.Reasons, []ReasonCount{{"crash: exit status 1", 2}, {"restart: scan #4 is 90s old", 1}}) {
		t.Errorf("restart summary %+v, %v", summary, err)
	}
	// A report keeps the newest times, the total and the most frequent
	// reasons, however many there are.
	capped, err := s.BridgeRestarts(ctx, t0, t0.Add(time.Hour), 1, 2)
	if err != nil || capped.Total != 3 || len(capped.Reasons) != 1 || capped.Reasons[0].Count != 2 ||
		!slices.Equal(capped.Times, []time.Time{jittered.At, ordered.At}) {
		t.Errorf("capped restart summary %+v, %v", capped, err)
	}
	hours, err := s.Hours(ctx, "bridge", t0, t0.Add(time.Hour))
	if err != nil || len(hours) != 1 || hours[0].BridgeChecks != 4 || hours[0].BridgeUp != 3 {
		t.Errorf("hours %+v, %v", hours, err)
	}
	last, err := s.LastBridgeExit(ctx)
	if err != nil || last == nil || *last.ExitCode != 1 || last.Output[0] != "panic: boom" {
		t.Errorf("last exit %+v, %v", last, err)
	}
	latest, err := s.LatestRun(ctx, "bridge")
	if err != nil || latest.Bridge.State != supervise.Running || latest.Bridge.PID != 103 || latest.Bridge.Lines[0] != "line 3" {
		t.Errorf("latest sample %+v, %v", latest.Bridge, err)
	}
}

// A database that cannot be written for a cause that can pass is waited
// for (main_test.go's read-only directory); one that is broken is an error
// at once, naming the file.
func TestOpenWhenWritableRefusesABrokenDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 1000)), 0o600)
	newer := filepath.Join(dir, "newer.db")
	if out, err := exec.Command("sqlite3", newer, fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, path := range []string{garbage, newer, filepath.Join(dir, "missing", "tw.db")} {
		s, err := OpenWhenWritable(path, slog.New(slog.DiscardHandler))
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", path)
		} else if !strings.Contains(err.Error(), path) {
			t.Errorf("the error does not name the file: %v", err)
		}
	}
	for err, want := range map[error]bool{
		&fs.PathError{Op: "open", Path: "tw.db", Err: syscall.EROFS}:  true,
		&fs.PathError{Op: "open", Path: "tw.db", Err: syscall.ENOSPC}: true,
		&fs.PathError{Op: "open", Path: "tw.db", Err: syscall.EACCES}: true,
		&fs.PathError{Op: "open", Path: "tw.db", Err: syscall.ENOENT}: false,
	} {
		if canPass(err) != want {
			t.Errorf("canPass(%v) = %v", err, !want)
		}
	}
}

// Paging through findings with before lists each once, in the order of
// one long list, however the pages fall across runs.
func TestFindingsPageInOrder(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	for i := range 40 {
		// Two runs at the same time, so that pages fall inside a time.
		at := t0.Add(time.Duration(i/2) * time.Second)
		if _, err := s.WriteRun(ctx, sampleRun("integrity", at)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.RecentFindings(ctx, checks.Info, 1000, 0)
	if err != nil || len(all) != 120 {
		t.Fatalf("%d findings, %v", len(all), err)
	}
	for _, size := range []int{1, 2, 7, 119} {
		var paged []StoredFinding
		before := int64(0)
		for {
			page, err := s.RecentFindings(ctx, checks.Info, size, before)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, page...)
			if len(page) < size {
				break
			}
			before = page[len(page)-1].ID
		}
		if len(paged) != len(all) {
			t.Fatalf("pages of %d: %d findings, want %d", size, len(paged), len(all))
		}
		for i := range all {
			if paged[i].ID != all[i].ID {
				t.Fatalf("pages of %d: finding %d is %d, want %d", size, i, paged[i].ID, all[i].ID)
			}
		}
	}
	if _, err := s.RecentFindings(ctx, checks.Info, 5, 999999); err == nil || !strings.Contains(err.Error(), "finding 999999 is not in history") {
		t.Errorf("an unknown cursor: %v", err)
	}
}

// Since when the current scan number has been seen: from the first run
// after the last one that saw another, so that a stuck scan is judged by
// how long it has been stuck, across restarts.
func TestScanNumberSince(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	for i, n := range []int64{5, 5, 6, 6, 5, 5, 5} {
		r := &Run{Job: "freshness", Started: t0.Add(time.Duration(i) * time.Minute), Status: checks.StatusHealthy, Overall: checks.StatusHealthy,
			Health: checks.Health{HazelcastConnected: true, ScanNumber: ptr(n)}}
		r.Finished = r.Started
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// A run that saw no scan (Hazelcast away) does not break the streak.
	if _, err := s.WriteRun(ctx, &Run{Job: "freshness", Started: t0.Add(8 * time.Minute), Finished: t0.Add(8 * time.Minute),
		Status: checks.StatusCritical, Overall: checks.StatusCritical}); err != nil {
		t.Fatal(err)
	}
	since, ok, err := s.ScanNumberSince(ctx, "freshness", 5)
	if err != nil || !ok || !since.Equal(t0.Add(4*time.Minute)) {
		t.Errorf("since %v, %v, %v; want %v", since, ok, err, t0.Add(4*time.Minute))
	}
	if _, ok, err := s.ScanNumberSince(ctx, "bridge", 5); ok || err != nil {
		t.Errorf("another job: %v, %v", ok, err)
	}
}

// Observations are written with a run, and the latest one per key is kept.
func TestObservationsRoundTrip(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	r := sampleRun("integrity", t0)
	r.Observations = []Observation{{Map: "M", Key: "exf_latest", Hash: "aa", Since: t0}, {Map: "M", Key: "latest_eigen_scan", Hash: "bb", Since: t0}}
	if _, err := s.WriteRun(ctx, r); err != nil {
		t.Fatal(err)
	}
	r = sampleRun("integrity", t0.Add(time.Minute))
	r.Observations = []Observation{{Map: "M", Key: "exf_latest", Hash: "cc", Since: t0.Add(time.Minute)}}
	if _, err := s.WriteRun(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Observations(ctx)
	if err != nil || len(got) != 2 {
		t.Fatalf("%+v, %v", got, err)
	}
	for _, o := range got {
		if o.Key == "exf_latest" && (o.Hash != "cc" || !o.Since.Equal(t0.Add(time.Minute))) ||
			o.Key == "latest_eigen_scan" && (o.Hash != "bb" || !o.Since.Equal(t0)) {
			t.Errorf("%+v", o)
		}
	}
}

// Migration 7 splits the restarts' and cooldowns' old reasons, which
// carried their numbers in words, into the new columns; reports then read
// the columns.
func TestOldBridgeReasonsAreSplitIntoColumns(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tw.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:6] {
		if _, err := old.Exec(m); err != nil {
			t.Fatal(err)
		}
	}
	at := formatTime(t0)
	for _, e := range [][2]string{
		{"exit", "crash: exit status 1"},
		{"restart", "crash: exit status 1; attempt 2 of 3 in 9.876543s"},
		{"restart", "crash: killed by SIGKILL; attempt 1 of 3"},
		{"restart", "restart: scan #4 is 90s old; ordered by the supervisor, not counted as a crash"},
		{"restart", "restart: scan #3 is 70s old; attempt 1 of 3 in 5s"}, // before ordered restarts spent none
		{"cooldown", "3 attempts spent; next try at " + t0.Add(5*time.Minute).Format(time.RFC3339)},
		{"restart", "a reason of another make"},
	} {
		if _, err := old.Exec(`INSERT INTO bridge_events (at, kind, reason) VALUES (?, ?, ?)`, at, e[0], e[1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := old.Exec("PRAGMA user_version = 6"); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s, err := Open(path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.BridgeEvents(context.Background(), t0, t0.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	want := []supervise.Event{
		{Kind: "exit", Reason: "crash: exit status 1"},
		{Kind: "restart", Reason: "crash: exit status 1", Attempt: 2, MaxAttempts: 3, Delay: 9876543 * time.Microsecond},
		{Kind: "restart", Reason: "crash: killed by SIGKILL", Attempt: 1, MaxAttempts: 3},
		{Kind: "restart", Reason: "restart: scan #4 is 90s old"},
		{Kind: "restart", Reason: "restart: scan #3 is 70s old", Attempt: 1, MaxAttempts: 3, Delay: 5 * time.Second},
		{Kind: "cooldown", Reason: "restart attempts spent", MaxAttempts: 3, Delay: 5 * time.Minute},
		{Kind: "restart", Reason: "a reason of another make"},
	}
	for i := range want {
		want[i].At = t0
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("migrated:\n got %+v\nwant %+v", got, want)
	}
	sum, err := s.BridgeRestarts(context.Background(), t0, t0.Add(time.Second), 10, 10)
	if err != nil || sum.Total != 5 || sum.Reasons[0] != (ReasonCount{"a reason of another make", 1}) || len(sum.Reasons) != 5 {
		t.Errorf("restarts by reason: %+v, %v", sum, err)
	}
}
