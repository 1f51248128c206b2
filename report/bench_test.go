package report

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/historygen"
	"tidewatch/internal/testenv"
)

func BenchmarkReport(b *testing.B) {
	path, cfg, _ := historygen.Bench(b)
	store, err := db.OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	for _, period := range []struct {
		name string
		d    time.Duration
	}{{"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}, {"90d", 90 * 24 * time.Hour}} {
		for _, format := range []string{"text", "html"} {
			b.Run(period.name+"/"+format, func(b *testing.B) {
				for range b.N {
					r, err := Build(context.Background(), store, cfg, historygen.End, historygen.End.Add(-period.d), historygen.End, "")
					if err != nil {
						b.Fatal(err)
					}
					if err := Write(io.Discard, r, format, false); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPruneDay deletes the oldest day of raw rows while a job writes
// a run every 10 ms, and reports how long the writes waited.
func BenchmarkPruneDay(b *testing.B) {
	src, _, days := historygen.Bench(b)
	var lat []time.Duration
	var pruneTime time.Duration
	for i := range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "h.db")
		copyFile(b, src, path)
		store, err := db.Open(path, slog.New(slog.DiscardHandler))
		if err != nil {
			b.Fatal(err)
		}
		var mu sync.Mutex
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			at := historygen.End.Add(time.Duration(i) * time.Hour)
			for {
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
				}
				at = at.Add(time.Second)
				run := &db.Run{Job: config.JobFreshness, Started: at, Finished: at, Status: checks.StatusHealthy, Overall: checks.StatusHealthy}
				start := time.Now()
				if _, err := store.WriteRun(context.Background(), run); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			}
		}()
		b.StartTimer()
		start := time.Now()
		cutoff := historygen.End.Add(-time.Duration(days-1) * 24 * time.Hour)
		if _, err := store.Prune(context.Background(), cutoff, cutoff.Add(-time.Hour), 500); err != nil {
			b.Fatal(err)
		}
		pruneTime += time.Since(start)
		b.StopTimer()
		close(stop)
		<-done
		store.Close()
	}
	testenv.ReportPercentiles(b, lat)
	worst := time.Duration(0)
	for _, l := range lat {
		worst = max(worst, l)
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-write-ms")
	b.ReportMetric(float64(pruneTime.Milliseconds())/float64(b.N), "prune-ms")
}

func copyFile(b *testing.B, from, to string) {
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		b.Fatal(err)
	}
}
