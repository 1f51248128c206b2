package historygen

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/testenv"
)

// End is when cached histories end.
var End = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// version names what Generate writes; bump it when that changes, so that
// cached histories are made again.
const version = 1

// Cached returns a database holding days of generated history ending at
// End, made once and kept in .cache/history (generating 90 days takes
// minutes). Callers that write must copy it first.
func Cached(tb testing.TB, cfg *config.Config, days int) string {
	tb.Helper()
	dir := filepath.Join(testenv.Root(tb), ".cache", "history")
	path := filepath.Join(dir, fmt.Sprintf("history-%dd-v%d-schema%d.db", days, version, db.SchemaVersion))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp := path + ".making"
	os.Remove(tmp)
	s, err := db.Open(tmp, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	n, err := Generate(context.Background(), s, cfg, End, time.Duration(days)*24*time.Hour, 1)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("generated %d days of history, %d runs, in %s", days, n, time.Since(start).Round(time.Second))
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Bench is the history benchmarks read: 90 days at the default cadences
// (about 780,000 runs, with findings, health rows and bridge samples), or
// TIDEWATCH_HISTORY_DAYS days for a quick run; the bridge enabled. It
// returns the cached database, its config and its days.
func Bench(b *testing.B) (string, *config.Config, int) {
	days := 90
	if s := os.Getenv("TIDEWATCH_HISTORY_DAYS"); s != "" {
		var err error
		if days, err = strconv.Atoi(s); err != nil || days < 2 {
			b.Fatalf("TIDEWATCH_HISTORY_DAYS=%q: want a number of days, 2 or more", s)
		}
	}
	cfg := config.Default()
	cfg.Bridge.Enabled = true
	path := Cached(b, &cfg, days)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(st.Size())/(1<<20), "db-MB")
	b.ReportMetric(float64(days), "history-days")
	return path, &cfg, days
}
