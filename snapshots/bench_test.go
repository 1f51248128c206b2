package snapshots

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tidewatch/internal/testenv"
)

// yearBase is the time of the year's last snapshot.
var yearBase = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// yearTree is a year of per-minute snapshots, 525,600 empty files in a
// directory a day, made once (about half a minute) and kept in
// .cache/snapshots-year.
func yearTree(b *testing.B) string {
	dir := filepath.Join(testenv.Root(b), ".cache", "snapshots-year")
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	start := yearBase.Add(-365 * 24 * time.Hour)
	for day := range 365 {
		d := filepath.Join(dir, start.Add(time.Duration(day)*24*time.Hour).Format("2006-01-02"))
		if err := os.MkdirAll(d, 0o755); err != nil {
			b.Fatal(err)
		}
		for m := range 1440 {
			t := start.Add(time.Duration(day)*24*time.Hour + time.Duration(m+1)*time.Minute)
			p := filepath.Join(d, "exf_"+t.Format("150405")+".npz")
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Chtimes(p, t, t); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkNewestOfAYear measures finding the 4 newest snapshots among a
// year of per-minute snapshots (525,600 files in 365 directories) from
// the index, a new snapshot landing before each query: the query reads
// its event and stats it. It reports the first query, which reads the
// tree, as build-s.
func BenchmarkNewestOfAYear(b *testing.B) {
	dir := yearTree(b)
	landing := filepath.Join(dir, fmt.Sprintf("landing-%d", os.Getpid()))
	if err := os.Mkdir(landing, 0o755); err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(landing)
	x := Open(dir, "*.npz", Options{}, quiet)
	defer x.Close()
	ctx := context.Background()
	notAfter := yearBase.Add(10 * 365 * 24 * time.Hour)
	began := time.Now()
	if files, _, why := x.Newest(ctx, notAfter, 4); len(files) != 4 {
		b.Fatalf("%v %s", files, why)
	}
	build := time.Since(began)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		t := yearBase.Add(time.Duration(i+1) * time.Minute)
		p := filepath.Join(landing, fmt.Sprintf("exf_%07d.npz", i))
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Chtimes(p, t, t); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		began := time.Now()
		files, _, _ := x.Newest(ctx, notAfter, 4)
		lat = append(lat, time.Since(began))
		if len(files) != 4 || files[0].Path != p {
			b.Fatalf("newest %v, not %s", files, p)
		}
	}
	b.StopTimer()
	testenv.ReportPercentiles(b, lat)
	b.ReportMetric(build.Seconds(), "build-s")
}

// BenchmarkWalkOfAYear is the walk the index replaces, on the same tree.
func BenchmarkWalkOfAYear(b *testing.B) {
	dir := yearTree(b)
	notAfter := yearBase.Add(10 * 365 * 24 * time.Hour)
	for b.Loop() {
		if files, _, why := walkNewest(context.Background(), dir, "*.npz", notAfter, 4); len(files) != 4 {
			b.Fatalf("%v %s", files, why)
		}
	}
}
