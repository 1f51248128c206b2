package jobs

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/internal/testenv"
)

// holdLock holds the database's write lock from a sqlite3 shell, as an
// operator's open `BEGIN IMMEDIATE` would, until release.
func holdLock(t *testing.T, path string) (release func()) {
	t.Helper()
	cmd := exec.Command("sqlite3", path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("sqlite3 (scripts/test-setup.sh installs it): %v", err)
	}
	io.WriteString(stdin, "BEGIN IMMEDIATE;\nSELECT 'locked';\n")
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("sqlite3 did not take the lock: %q, %v", line, err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			io.WriteString(stdin, "COMMIT;\n.quit\n")
			stdin.Close()
			cmd.Wait()
		})
	}
	t.Cleanup(release)
	return release
}

// counts records what the runner reports for metrics.
type counts struct {
	mu          sync.Mutex
	skipped     []string
	notRecorded []string
}

func (c *counts) watch(r *Runner) {
	r.OnSkipped = func(job string) { c.mu.Lock(); c.skipped = append(c.skipped, job); c.mu.Unlock() }
	r.rec.OnNotRecorded = func(job, why string) { c.mu.Lock(); c.notRecorded = append(c.notRecorded, job+" "+why); c.mu.Unlock() }
}

func (c *counts) get() (skipped, notRecorded []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.skipped...), append([]string(nil), c.notRecorded...)
}

// Fault: another writer holds the database's lock for 12 s (longer than a
// try to write waits) while every job runs every second. No run is skipped
// or lost: each is checked on time, kept in memory, logged, and recorded
// in order once the lock goes.
func TestRunsOutliveALockedDatabaseInOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()))
	every, _ := config.ParseSchedule("@every 1s")
	e.cfg.Integrity.Schedule, e.cfg.Divergence.Schedule, e.cfg.Freshness.Schedule = every, every, every
	logs := &testenv.LogBuffer{}
	e.runner.log = slog.New(slog.NewTextHandler(logs, nil))
	e.runner.rec.log = e.runner.log
	var c counts
	c.watch(e.runner)
	ranBy := func(at time.Time) map[string]int {
		t.Helper()
		conn, err := sql.Open("sqlite", "file:"+e.cfg.Database.Path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		rows, err := conn.Query(`SELECT job, count(*) FROM runs WHERE started_at <= ? GROUP BY job`, at.UTC().Format("2006-01-02 15:04:05.000"))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var job string
			var n int
			rows.Scan(&job, &n)
			out[job] = n
		}
		return out
	}
	s := Start(e.runner, e.cfg, e.runner.log)
	defer s.Stop(time.Second)
	for deadline := time.Now().Add(20 * time.Second); len(ranBy(time.Now())) < 3; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the jobs do not run: %v\n%s", ranBy(time.Now()), logs.String())
		}
	}

	release := holdLock(t, e.cfg.Database.Path)
	locked := time.Now()
	before := ranBy(locked)
	for !strings.Contains(logs.String(), "run not recorded") || time.Since(locked) < 12*time.Second {
		if time.Since(locked) > 30*time.Second {
			t.Fatalf("no run was logged as not recorded while the database was locked:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	waiting := e.runner.rec.Pending()
	release()
	released := time.Now()
	for e.runner.rec.Pending() > 0 {
		if time.Since(released) > 10*time.Second {
			t.Fatalf("%d runs still wait 10s after the lock went:\n%s", e.runner.rec.Pending(), logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("%d runs waited behind the lock, recorded %s after it went", waiting, time.Since(released).Round(time.Millisecond))

	after := ranBy(released)
	held := released.Sub(locked)
	for _, job := range []string{config.JobIntegrity, config.JobDivergence, config.JobFreshness} {
		if n := after[job] - before[job]; float64(n) < held.Seconds()-2 {
			t.Errorf("%s: %d runs recorded for the %s the lock was held", job, n, held.Round(time.Second))
		}
	}
	skipped, lost := c.get()
	if len(skipped) > 0 || len(lost) > 0 {
		t.Errorf("skipped %v, lost %v", skipped, lost)
	}
	if !strings.Contains(logs.String(), "runs are recorded again") {
		t.Errorf("the recovery is not in the log:\n%s", logs.String())
	}
	// Each job's runs are recorded in the order they ran.
	conn, err := sql.Open("sqlite", "file:"+e.cfg.Database.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var disorder int
	if err := conn.QueryRow(`SELECT count(*) FROM runs a JOIN runs b ON a.job = b.job AND a.id < b.id AND a.started_at > b.started_at`).Scan(&disorder); err != nil || disorder != 0 {
		t.Errorf("%d pairs of runs recorded out of order, %v", disorder, err)
	}
}

// With more runs waiting than max_pending_runs, the oldest go, each logged
// and counted; the rest are recorded in order.
func TestAFullQueueDropsTheOldestLoggedAndCounted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putPython(exfRecord(time.Now()))
	e.cfg.Database.MaxPendingRuns = 10
	e.runner = NewRunner(context.Background(), e.cfg, e.client, e.store, nil, NewRecorder(e.cfg, e.store, quiet), quiet)
	logs := &testenv.LogBuffer{}
	e.runner.log = slog.New(slog.NewTextHandler(logs, nil))
	e.runner.rec.log = e.runner.log
	var c counts
	c.watch(e.runner)
	release := holdLock(t, e.cfg.Database.Path)

	var started []time.Time
	for i := range 15 {
		run, _, err := e.runner.start(context.Background(), config.JobIntegrity)
		if err != nil || run == nil {
			t.Fatalf("run %d: %v", i, err)
		}
		started = append(started, run.Started)
		if i == 0 {
			// The first is being written (waiting for the lock): it stays.
			for q := e.runner.rec.queue; ; time.Sleep(time.Millisecond) {
				q.mu.Lock()
				busy := q.inflight != nil
				q.mu.Unlock()
				if busy {
					break
				}
			}
		}
	}
	if n := e.runner.rec.Pending(); n != 10 {
		t.Errorf("%d runs wait, want 10", n)
	}
	release()
	for e.runner.rec.Pending() > 0 {
		time.Sleep(10 * time.Millisecond)
	}
	_, lost := c.get()
	if len(lost) != 5 || lost[0] != "integrity queue_full" || strings.Count(logs.String(), "run dropped: too many runs wait to be recorded") != 5 {
		t.Errorf("lost %v\n%s", lost, logs.String())
	}
	conn, err := sql.Open("sqlite", "file:"+e.cfg.Database.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT started_at FROM runs ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var at string
		rows.Scan(&at)
		got = append(got, at)
	}
	var want []string
	for _, at := range append(started[:1], started[6:]...) {
		want = append(want, at.UTC().Format("2006-01-02 15:04:05.000"))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("recorded\n%v\nwant\n%v", got, want)
	}
}
