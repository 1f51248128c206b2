package jobs

import (
	"context"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/internal/hztest"
	"tidewatch/internal/testenv"
)

// BenchmarkJob runs each job against a real member on loopback, with the
// 28-indicator record and a real snapshot on disk, recording every run:
// "healthy" is the steady state; "all-stale" has a record five minutes old,
// so that freshness writes 29 findings a run.
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
			copyFile(b, "../npz/testdata/snapshot.npz", e.snaps+"/2026-11-23/exf_090000.npz", snapTime)
			var lat []time.Duration
			ctx := context.Background()
			b.ResetTimer()
			for range b.N {
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
