package jobs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tidewatch/bridge"
	"tidewatch/config"
	"tidewatch/internal/hztest"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
)

// BenchmarkJob runs each job against a real member on loopback, with the
// 28-indicator record, a 500-asset scan as the bridge writes it and a real
// snapshot on disk, recording every run:
// "healthy" is the steady state; "all-stale" has a record and a scan five
// minutes old, so that freshness writes 30 findings a run. A new scan is
// put between runs, outside the measured time, as the bridge would.
func BenchmarkJob(b *testing.B) {
	snapTime := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) // the fixture's _pushed_at
	cases := []struct {
		name, job string
		pushed    func() time.Time
	}{
		{"integrity", config.JobIntegrity, time.Now},
		// The record carries the snapshot's own timestamp, so every value
		// is compared as well: the most work divergence does.
		{"divergence", config.JobDivergence, func() time.Time { return snapTime }},
		{"freshness/healthy", config.JobFreshness, time.Now},
		{"freshness/all-stale", config.JobFreshness, func() time.Time { return time.Now().Add(-5 * time.Minute) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			e := newEnvOn(b, hztest.Shared(b))
			e.putPython(exfRecord(c.pushed()))
			putScan := scanPutter(b, e, c.pushed(), 500)
			copyFile(b, "../npz/testdata/snapshot.npz", e.snaps+"/2026-11-23/exf_090000.npz", snapTime)
			var lat []time.Duration
			ctx := context.Background()
			b.ResetTimer()
			for i := range b.N {
				putScan(int64(i + 1))
				start := time.Now()
				r, err := e.runner.Run(ctx, c.job)
				if err != nil || r == nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			testenv.ReportPercentiles(b, lat)
		})
	}
}

// scanPutter returns a function that puts scan n, of assets assets taken at
// ts, as the bridge writes it.
func scanPutter(b *testing.B, e *env, ts time.Time, assets int) func(n int64) {
	data, err := scantest.Bytes(1, ts, assets, false)
	if err != nil {
		b.Fatal(err)
	}
	scan, err := bridge.ParseScan(data, bridge.Fields{ScanNumber: e.cfg.Bridge.ScanNumberField, Timestamp: e.cfg.Bridge.TimestampField})
	if err != nil {
		b.Fatal(err)
	}
	rec, err := bridge.Record(scan, "scan.arrow", ts)
	if err != nil {
		b.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(rec, []byte(`{"scan_number":1,`))
	if !ok {
		b.Fatalf("the scan record starts %.40s", rec)
	}
	return func(n int64) {
		text := fmt.Sprintf(`{"scan_number":%d,`, n) + string(rest)
		if err := e.client.Put(context.Background(), e.cfg.Hazelcast.Map, e.cfg.Hazelcast.ScanKey, text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewestSnapshot finds the newest of many snapshots, as every
// divergence run does: a day and a week of one snapshot a minute, kept in
// a directory per hour. Its cost grows with the files kept.
func BenchmarkNewestSnapshot(b *testing.B) {
	for _, days := range []int{1, 7} {
		b.Run(fmt.Sprintf("%dd", days), func(b *testing.B) {
			dir := b.TempDir()
			t0 := time.Now().Add(-time.Duration(days) * 24 * time.Hour)
			for m := range days * 24 * 60 {
				at := t0.Add(time.Duration(m) * time.Minute)
				hour := filepath.Join(dir, at.Format("2006-01-02T15"))
				path := filepath.Join(hour, at.Format("exf_150405.npz"))
				if err := os.MkdirAll(hour, 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(path, nil, 0o644); err != nil {
					b.Fatal(err)
				}
				if err := os.Chtimes(path, at, at); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for range b.N {
				if _, _, why := newestSnapshots(context.Background(), dir, "*.npz", time.Now(), maxCandidates); why != "" {
					b.Fatal(why)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(days*24*60), "µs/file")
		})
	}
}
