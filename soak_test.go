package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/internal/hztest"
	"tidewatch/internal/scantest"
)

// BenchmarkSoak runs `tidewatch run` (built without the race detector)
// against a real member with every job at a 1 s cadence, while a producer
// puts the record every second and a scanner lands 10 scans a second (500
// assets each) for the bridge. It reports the daemon's memory at the end,
// the growth in goroutines and open files from the end of the warm-up (a
// fifth of the soak) to the end, and each job's p50/p99 over the soak as
// the daemon recorded them. TIDEWATCH_SOAK sets the length (default 10m).
func BenchmarkSoak(b *testing.B) {
	length := 10 * time.Minute
	if s := os.Getenv("TIDEWATCH_SOAK"); s != "" {
		var err error
		if length, err = time.ParseDuration(s); err != nil {
			b.Fatalf("TIDEWATCH_SOAK: %v", err)
		}
	}
	for range b.N {
		soak(b, length)
	}
}

func soak(b *testing.B, length time.Duration) {
	m := hztest.Start(b)
	dir := b.TempDir()
	scans, snaps := filepath.Join(dir, "scans"), filepath.Join(dir, "exf")
	snapTime := time.Now().UTC()
	if err := os.MkdirAll(scans, 0o755); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("npz/testdata/snapshot.npz")
	if err != nil {
		b.Fatal(err)
	}
	snap := filepath.Join(snaps, snapTime.Format("2006-01-02"), "exf_"+snapTime.Format("150405")+".npz")
	if err := os.MkdirAll(filepath.Dir(snap), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(snap, data, 0o644); err != nil {
		b.Fatal(err)
	}
	conf := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(`[hazelcast]
addresses = [%q]
cluster_name = %q
[database]
path = "tw.db"
[http]
listen = "127.0.0.1:0"
[integrity]
schedule = "@every 1s"
[divergence]
schedule = "@every 1s"
snapshot_dir = %q
[freshness]
schedule = "@every 1s"
[bridge]
enabled = true
watch_dir = %q
state_dir = "state"
health_schedule = "@every 1s"
`, m.Addr(), m.Cluster, snaps, scans)), 0o644); err != nil {
		b.Fatal(err)
	}
	c := m.Client(b, slog.New(slog.DiscardHandler))
	putRecordQuietly(c, config.Default().Hazelcast.Map)
	if _, err := scantest.Write(scans, "s0000000.arrow", 0, time.Now(), 500); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	produced := make(chan error, 1)
	go func() { // the producer and the scanner; the scanner keeps its files
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for n := int64(1); ; n++ {
			select {
			case <-ctx.Done():
				produced <- nil
				return
			case <-tick.C:
			}
			if n%10 == 0 {
				putRecordQuietly(c, config.Default().Hazelcast.Map)
			}
			if _, err := scantest.Write(scans, fmt.Sprintf("s%07d.arrow", n), n, time.Now(), 500); err != nil {
				produced <- err
				return
			}
		}
	}()

	d := startDaemon(b, conf)
	pid := d.cmd.Process.Pid
	started := time.Now()
	d.until(b, "/readyz", 200)
	time.Sleep(length/5 - time.Since(started))
	warm := time.Now()
	goroutines, fds, fdsAtWarm := d.gauge(b, "go_goroutines"), openFiles(b, pid), fdTargets(pid)
	var peakGoroutines, peakFDs float64
	for time.Since(started) < length {
		time.Sleep(min(10*time.Second, length-time.Since(started)))
		if code, body := d.get(b, "/readyz"); code != 200 {
			b.Logf("not ready at %s: %s", time.Since(started).Round(time.Second), body)
		}
		peakGoroutines = max(peakGoroutines, d.gauge(b, "go_goroutines"))
		peakFDs = max(peakFDs, openFiles(b, pid))
	}
	b.ReportMetric(procStatus(b, pid, "VmRSS")/1024, "rss-MB")
	b.ReportMetric(procStatus(b, pid, "VmHWM")/1024, "peak-rss-MB")
	if child := childOf(pid); child > 0 {
		b.ReportMetric(procStatus(b, child, "VmRSS")/1024, "bridge-rss-MB")
	}
	b.ReportMetric(d.gauge(b, "go_goroutines")-goroutines, "goroutine-growth")
	b.ReportMetric(peakGoroutines-goroutines, "goroutine-peak-growth")
	b.ReportMetric(openFiles(b, pid)-fds, "fd-growth")
	for target, n := range fdTargets(pid) {
		if n > fdsAtWarm[target] {
			b.Logf("open since the warm-up: %d more of %s", n-fdsAtWarm[target], target)
		}
	}
	b.ReportMetric(peakFDs-fds, "fd-peak-growth")
	cancel()
	if err := <-produced; err != nil {
		b.Fatal(err)
	}
	reportRunTimes(b, filepath.Join(dir, "tw.db"), warm)
}

// reportRunTimes reports each job's p50/p99 after warm, as recorded.
func reportRunTimes(b *testing.B, path string, warm time.Time) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT job, duration_ms, status FROM runs WHERE started_at >= ?`,
		warm.UTC().Format("2006-01-02 15:04:05.000"))
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	took := map[string][]float64{}
	errored := 0
	for rows.Next() {
		var job, status string
		var ms float64
		if err := rows.Scan(&job, &ms, &status); err != nil {
			b.Fatal(err)
		}
		took[job] = append(took[job], ms)
		if status == "error" {
			errored++
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	for job, ms := range took {
		slices.Sort(ms)
		b.ReportMetric(ms[len(ms)/2], job+"-p50-ms")
		b.ReportMetric(ms[int(0.99*float64(len(ms)-1))], job+"-p99-ms")
	}
	b.ReportMetric(float64(errored), "error-runs")
}

// procStatus reads a kB field of /proc/PID/status.
func procStatus(b *testing.B, pid int, field string) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				b.Fatalf("%s in /proc/%d/status: %v", field, pid, err)
			}
			return kb
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// childOf finds a child of pid: the bridge. Any of the daemon's threads
// may have started it.
func childOf(pid int) int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, task := range tasks {
		kids, _ := os.ReadFile(task)
		if f := strings.Fields(string(kids)); len(f) > 0 {
			if child, err := strconv.Atoi(f[0]); err == nil {
				return child
			}
		}
	}
	return 0
}

// fdTargets counts a process's open files by what they are.
func fdTargets(pid int) map[string]int {
	links, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", pid))
	count := map[string]int{}
	for _, l := range links {
		if target, err := os.Readlink(l); err == nil {
			if strings.HasPrefix(target, "socket:") {
				target = "socket"
			}
			count[target]++
		}
	}
	return count
}

func openFiles(b *testing.B, pid int) float64 {
	entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		b.Fatal(err)
	}
	return float64(len(entries))
}
