package db

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tidewatch/internal/testenv"
)

// A reader that stays open (a sqlite3 shell in a transaction, a long
// report) keeps the WAL from being checkpointed, and it grows with every
// run. Once the reader goes, the WAL is truncated within one checkpoint
// period, instead of staying at its largest for good.
func TestWALIsTruncatedOnceALongReaderGoes(t *testing.T) {
	t.Parallel()
	logs := &testenv.LogBuffer{}
	path := filepath.Join(t.TempDir(), "tw.db")
	s, err := Open(path, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.WriteRun(ctx, sampleRun("integrity", t0)); err != nil {
		t.Fatal(err)
	}
	reader, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM runs`).Scan(&n); err != nil { // the snapshot is taken here
		t.Fatal(err)
	}
	wal := func() int64 {
		t.Helper()
		size, err := s.WALSize()
		if err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != size {
			t.Fatalf("WALSize %d, the file %d", size, st.Size())
		}
		return size
	}
	for i := 0; wal() < 3*walSizeLimit; i++ {
		if _, err := s.WriteRun(ctx, sampleRun("integrity", t0.Add(time.Duration(i)*time.Second))); err != nil {
			t.Fatal(err)
		}
	}
	grown := wal()
	tx.Rollback()
	reader.Close()
	released := time.Now()
	for wal() > 0 {
		if time.Since(released) > checkpointEvery+2*time.Second {
			t.Fatalf("the WAL is still %d bytes %s after the reader went\n%s", wal(), time.Since(released).Round(time.Second), logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("WAL %d bytes behind the reader, 0 bytes %s after it went", grown, time.Since(released).Round(100*time.Millisecond))
	// The history written meanwhile is all there.
	var runs int
	if err := s.r.QueryRow(`SELECT count(*) FROM runs`).Scan(&runs); err != nil || runs < 2 {
		t.Errorf("runs %d, %v", runs, err)
	}
}
