package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/npz"
)

// divergence compares exf_latest with the newest snapshot the persistence
// wrote to disk.
func (r *Runner) divergence(ctx context.Context, in *inputs) (checks.Result, error) {
	exf := in.exf(ctx)
	snap, err := r.readSnapshot(ctx, in.now)
	if err != nil {
		return checks.Result{}, err
	}
	return checks.Divergence(in.now, exf, snap, r.cfg), nil
}

// snapshotFile is one candidate snapshot on disk.
type snapshotFile struct {
	path  string
	mtime time.Time
	size  int64
}

// maxCandidates is how many of the newest snapshots a run tries before it
// gives up finding a readable one.
const maxCandidates = 4

// snapshotFailures is what the divergence job remembers between runs:
// each unreadable version of a snapshot (path, mtime, size), from its
// first failure. The job never overlaps itself, so it needs no lock.
type snapshotFailures map[snapshotFile]time.Time

// readSnapshot reads the newest snapshot it can. numpy's savez writes in
// place, so the newest file may be caught mid-write: it is then passed
// over for the newest readable one, tried again at the next run, and
// reported (by the check) once it has stayed unreadable for
// divergence.incomplete_for. The search and
// the reads give up when ctx ends (the only error), so that a huge
// directory or file cannot hold up a shutdown.
func (r *Runner) readSnapshot(ctx context.Context, now time.Time) (checks.SnapshotRead, error) {
	d := r.cfg.Divergence
	files, future, why := newestSnapshots(ctx, d.SnapshotDir, d.SnapshotPattern, now.Add(r.cfg.Freshness.ClockSkewTolerance.Duration), maxCandidates)
	if err := ctx.Err(); err != nil {
		return checks.SnapshotRead{}, fmt.Errorf("persistence: looking for the newest snapshot: %w", err)
	}
	read := checks.SnapshotRead{Future: future}
	if why != "" {
		read.Unavailable = why
		return read, nil
	}
	failing := snapshotFailures{}
	for _, f := range files {
		data, err := npz.ReadContext(ctx, f.path)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return checks.SnapshotRead{}, fmt.Errorf("persistence: %w", ctxErr)
		}
		if errors.Is(err, fs.ErrNotExist) {
			continue // rotated away between listing and reading
		}
		if err == nil {
			read.Path, read.ModTime, read.Data = f.path, f.mtime, data
			break
		}
		first, ok := r.snaps[f]
		if !ok {
			first = now
		}
		failing[f] = first
		since := first
		if f.mtime.Before(since) {
			since = f.mtime
		}
		why := strings.TrimPrefix(err.Error(), f.path+": ")
		read.Unreadable = append(read.Unreadable, checks.UnreadableSnapshot{Path: f.path, Err: why, Since: since})
	}
	r.snaps = failing
	if read.Path == "" && len(read.Unreadable) == 0 {
		read.Unavailable = fmt.Sprintf("no %s file under %s", d.SnapshotPattern, d.SnapshotDir)
	}
	return read, nil
}

// newestSnapshots walks dir for the newest files matching pattern, at most
// k of them, newest first. Files modified after notAfter are listed apart:
// one from the future would otherwise stay "the newest" and hide every
// later write. why says why there is no file at all. It stops early when
// ctx ends.
func newestSnapshots(ctx context.Context, dir, pattern string, notAfter time.Time, k int) (files []snapshotFile, future []string, why string) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Sprintf("snapshot directory %s does not exist", dir)
	case err != nil:
		return nil, nil, fmt.Sprintf("snapshot directory %s: %v", dir, err)
	case !st.IsDir():
		return nil, nil, fmt.Sprintf("snapshot directory %s is not a directory", dir)
	}
	newer := func(a, b snapshotFile) bool {
		return a.mtime.After(b.mtime) || (a.mtime.Equal(b.mtime) && a.path > b.path)
	}
	var rootErr error
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return filepath.SkipAll
		}
		if err != nil {
			if p == dir {
				rootErr = err
			}
			// An unreadable subdirectory is skipped; the rest still counts.
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if ok, _ := filepath.Match(pattern, d.Name()); !ok {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		f := snapshotFile{path: p, mtime: info.ModTime().UTC(), size: info.Size()}
		if f.mtime.After(notAfter) {
			future = append(future, p)
			return nil
		}
		if len(files) == k && !newer(f, files[k-1]) {
			return nil
		}
		i := len(files)
		for i > 0 && newer(f, files[i-1]) {
			i--
		}
		files = slices.Insert(files, i, f)[:min(len(files)+1, k)]
		return nil
	})
	switch {
	case rootErr != nil:
		return nil, nil, fmt.Sprintf("snapshot directory %s: %v", dir, rootErr)
	case len(files) == 0 && len(future) == 0:
		return nil, nil, fmt.Sprintf("no %s file under %s", pattern, dir)
	case len(files) == 0:
		return nil, future, fmt.Sprintf("no %s file under %s modified before now", pattern, dir)
	}
	return files, future, ""
}
