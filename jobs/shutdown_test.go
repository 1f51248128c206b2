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
	cfg := config.Default()
	cfg.Divergence.SnapshotDir = dir
	r := &Runner{cfg: &cfg}
	if snap, err := r.readSnapshot(context.Background(), time.Now()); err != nil || snap.Data == nil {
		t.Fatalf("with a live context: %+v, %v", snap, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	snap, err := r.readSnapshot(ctx, time.Now())
	if !errors.Is(err, context.Canceled) || snap.Data != nil {
		t.Errorf("with an ended context: %+v, %v", snap, err)
	}
	if files, _, _ := newestSnapshots(ctx, dir, "*.npz", time.Now(), maxCandidates); len(files) != 0 {
		t.Error("the walk went on after its context ended")
	}
}
