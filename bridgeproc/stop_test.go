package bridgeproc

import (
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/db"
)

// tidewatch run can stop before it started the supervisor (a later step
// of its start failed): Stop must return, twice if need be.
func TestStopWithoutStart(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	base := t.TempDir()
	cfg.Bridge.Enabled = true
	cfg.Bridge.WatchDir, cfg.Bridge.StateDir = filepath.Join(base, "scans"), filepath.Join(base, "state")
	store, err := db.Open(filepath.Join(base, "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sup, err := New(&cfg, filepath.Join(base, "config.toml"), store, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	stopped := make(chan struct{})
	go func() {
		sup.Stop()
		sup.Stop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop without Start hangs")
	}
}
