package jobs

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"tidewatch/config"
)

// A shutdown cancels the divergence job's context: the search for the
// newest snapshot and its read stop there instead of finishing a walk of a
// huge directory or a read of a huge file.
func TestSnapshotSearchGivesUpWhenItsContextEnds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyFile(t, "../npz/testdata/snapshot.npz", filepath.Join(dir, "a", "exf.npz"), time.Now())
	cfg := config.Default().Divergence
	cfg.SnapshotDir = dir
	if snap, err := readSnapshot(context.Background(), cfg); err != nil || snap.Data == nil {
		t.Fatalf("with a live context: %+v, %v", snap, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	snap, err := readSnapshot(ctx, cfg)
	if !errors.Is(err, context.Canceled) || snap.Data != nil {
		t.Errorf("with an ended context: %+v, %v", snap, err)
	}
	if _, _, why := newestSnapshot(ctx, dir, "*.npz"); why == "" {
		t.Error("the walk went on after its context ended")
	}
}
