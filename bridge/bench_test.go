package bridge

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/hztest"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
)

// BenchmarkFileToHazelcast measures from a scan file (500 assets, 10
// columns) being renamed into the watched directory to the scan being
// readable in Hazelcast, on loopback. The reader polls, so the figures
// include up to one Get (about 0.3 ms) of polling.
func BenchmarkFileToHazelcast(b *testing.B) {
	h := newHarness(b, hztest.Shared(b))
	h.start()
	first, err := scantest.Bytes(1, t0, 500, false)
	if err != nil {
		b.Fatal(err)
	}
	land(b, h.dir, "scan_0.arrow", first)
	h.waitFor(1, 10*time.Second)
	files := make([][]byte, b.N)
	for i := range files {
		if files[i], err = scantest.Bytes(int64(i+2), t0.Add(time.Duration(i+1)*time.Second), 500, false); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		land(b, h.dir, fmt.Sprintf("scan_%d.arrow", i+1), files[i])
		waitNumber(b, h, int64(i+2))
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	testenv.ReportPercentiles(b, lat)
}

// BenchmarkBurst lands a burst of tiny scan files (20 assets), and
// measures from the last one landing to the newest scan being in
// Hazelcast. "landed" writes and renames each file into place in turn, as
// fast as that goes (a scanner catching up); "at-once" writes them all
// aside first and then renames them into place one after the other (a
// directory moved in). It reports the pushes a burst took: a burst is
// coalesced, not queued.
func BenchmarkBurst(b *testing.B) {
	for _, atOnce := range []bool{false, true} {
		for _, n := range []int{1000, 100000} {
			name := fmt.Sprintf("landed/%d", n)
			if atOnce {
				name = fmt.Sprintf("at-once/%d", n)
			}
			b.Run(name, func(b *testing.B) { burst(b, n, atOnce) })
		}
	}
}

func burst(b *testing.B, files int, atOnce bool) {
	h := newHarness(b, hztest.Shared(b))
	p := h.recordPushes()
	h.start()
	series, err := scantest.NewSeries(20)
	if err != nil {
		b.Fatal(err)
	}
	// A first scan, so that the map exists and the client knows it.
	buf := series.Bytes(nil, 1, t0)
	land(b, h.dir, "b0000000.arrow", buf)
	waitNumber(b, h, 1)
	next := int64(2)
	var lat []time.Duration
	pushesBefore, pushes := p.countUntil(b, 1, 30*time.Second), 0
	b.ResetTimer()
	for range b.N {
		name := func(i int) string { return fmt.Sprintf("b%07d.arrow", next+int64(i)) }
		if atOnce {
			b.StopTimer()
			for i := range files {
				n := next + int64(i)
				buf = series.Bytes(buf, n, t0.Add(time.Duration(n)*time.Millisecond))
				if err := os.WriteFile(filepath.Join(h.dir, "."+name(i)), buf, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			for i := range files {
				if err := os.Rename(filepath.Join(h.dir, "."+name(i)), filepath.Join(h.dir, name(i))); err != nil {
					b.Fatal(err)
				}
			}
		} else {
			for i := range files {
				n := next + int64(i)
				buf = series.Bytes(buf, n, t0.Add(time.Duration(n)*time.Millisecond))
				land(b, h.dir, name(i), buf)
			}
		}
		landed := time.Now()
		newest := next + int64(files) - 1
		waitNumber(b, h, newest)
		lat = append(lat, time.Since(landed))
		b.StopTimer()
		count := p.countUntil(b, newest, 30*time.Second)
		pushes += count - pushesBefore
		pushesBefore = count
		// The files of this round go, so that the next starts as the first did.
		entries, _ := os.ReadDir(h.dir)
		for _, e := range entries {
			os.Remove(filepath.Join(h.dir, e.Name()))
		}
		next += int64(files)
		b.StartTimer()
	}
	b.StopTimer()
	testenv.ReportPercentiles(b, lat)
	b.ReportMetric(float64(pushes)/float64(b.N), "pushes/burst")
}

// waitNumber polls Hazelcast for scan n, reading only the head of the
// record: decoding a 500-asset record at every poll would slow the bridge
// it measures.
func waitNumber(b *testing.B, h *harness, n int64) {
	want := []byte(fmt.Sprintf(`{"scan_number":%d,`, n))
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		v, err := h.client.Get(context.Background(), h.cfg.Hazelcast.Map, h.cfg.Hazelcast.ScanKey)
		if s, ok := v.(string); err == nil && ok && strings.HasPrefix(s, string(want)) {
			return
		}
	}
	b.Fatalf("scan #%d not in Hazelcast within 30s", n)
}

// land renames a file into place, as a scanner does.
func land(b *testing.B, dir, name string, data []byte) {
	if _, err := scantest.Land(dir, name, data); err != nil {
		b.Fatal(err)
	}
}
