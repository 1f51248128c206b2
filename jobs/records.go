package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hazelcast/hazelcast-go-client/hzerrors"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/hz"
	"tidewatch/npz"
	"tidewatch/record"
)

// fetch reads one key through its entry view and sorts the outcome:
// unreachable, absent, not decodable as JSON text, or the text with what
// was seen of it. A value over record.MaxSize is refused before it is
// copied, and its memory handed back at once: one oversized value must not
// leave the daemon hundreds of megabytes larger.
func (r *Runner) fetch(ctx context.Context, key string, now time.Time) (text []byte, seen checks.Seen, unreachable, invalid error) {
	mapName := r.cfg.Hazelcast.Map
	e, err := r.hz.GetEntry(ctx, mapName, key)
	switch {
	case errors.Is(err, hzerrors.ErrHazelcastSerialization):
		return nil, seen, nil, err
	case err != nil:
		return nil, seen, err, nil
	case e == nil:
		return nil, seen, nil, nil
	}
	if n := hz.Size(e.Value); n > record.MaxSize {
		e = nil
		debug.FreeOSMemory()
		return nil, seen, nil, fmt.Errorf("it is %.1f MiB (%d bytes), over the %d MiB limit: refused unread", float64(n)/(1<<20), n, record.MaxSize>>20)
	}
	text, err = hz.Text(e.Value)
	if err != nil {
		return nil, seen, nil, err
	}
	seen = checks.Seen{Since: r.observed.see(mapName, key, text, now), Updated: e.Updated}
	return text, seen, nil, nil
}

func (r *Runner) readExF(ctx context.Context, now time.Time) checks.ExFRead {
	text, seen, unreachable, invalid := r.fetch(ctx, r.cfg.Hazelcast.ExFKey, now)
	switch {
	case unreachable != nil:
		return checks.ExFRead{Unreachable: unreachable}
	case invalid != nil:
		return checks.ExFRead{Invalid: invalid}
	case text == nil:
		return checks.ExFRead{Absent: true}
	}
	rec, err := record.DecodeExF(text)
	if err != nil {
		return checks.ExFRead{Invalid: err}
	}
	return checks.ExFRead{Record: rec, Seen: seen}
}

func (r *Runner) readScan(ctx context.Context, now time.Time) checks.ScanRead {
	text, seen, unreachable, invalid := r.fetch(ctx, r.cfg.Hazelcast.ScanKey, now)
	switch {
	case unreachable != nil:
		return checks.ScanRead{Unreachable: unreachable}
	case invalid != nil:
		return checks.ScanRead{Invalid: invalid}
	case text == nil:
		return checks.ScanRead{Absent: true}
	}
	head, err := record.DecodeScanHead(text)
	if err != nil {
		return checks.ScanRead{Invalid: err}
	}
	return checks.ScanRead{Head: head, Seen: seen}
}

// observer remembers, per map key, when tidewatch first saw the bytes the
// key holds now: a record's age is never younger than that, whatever it
// says of itself. Observations are kept in the database, so that a restart
// does not reset the clock.
type observer struct {
	mu   sync.Mutex
	seen map[[2]string]*observation
}

type observation struct {
	db.Observation
	saved bool
}

// restore starts from the observations kept.
func (o *observer) restore(kept []db.Observation) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.seen = map[[2]string]*observation{}
	for _, k := range kept {
		o.seen[[2]string{k.Map, k.Key}] = &observation{Observation: k, saved: true}
	}
}

// see notes the bytes a key holds at now and returns when they were first
// seen. Bytes first seen "after" now were seen by a clock that has since
// moved back: from now on is all that can be vouched for.
func (o *observer) see(mapName, key string, text []byte, now time.Time) time.Time {
	sum := sha256.Sum256(text)
	hash := hex.EncodeToString(sum[:])
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen == nil {
		o.seen = map[[2]string]*observation{}
	}
	k := [2]string{mapName, key}
	cur := o.seen[k]
	if cur == nil || cur.Hash != hash || cur.Since.After(now) {
		cur = &observation{Observation: db.Observation{Map: mapName, Key: key, Hash: hash, Since: now}}
		o.seen[k] = cur
	}
	return cur.Since
}

// unsaved are the observations not yet in the database.
func (o *observer) unsaved() []db.Observation {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []db.Observation
	for _, cur := range o.seen {
		if !cur.saved {
			out = append(out, cur.Observation)
		}
	}
	return out
}

// saved marks observations as written, unless they changed meanwhile.
func (o *observer) saved(written []db.Observation) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, w := range written {
		if cur := o.seen[[2]string{w.Map, w.Key}]; cur != nil && cur.Observation == w {
			cur.saved = true
		}
	}
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

// readSnapshot reads the newest snapshot it can. numpy's savez writes in
// place, so the newest file may be caught mid-write: it is then passed
// over for the newest readable one, tried again at the next run, and
// reported (by the check) once it has stayed unreadable for
// divergence.incomplete_for. Each unreadable version of a file (path,
// mtime, size) is remembered from its first failure; the divergence job
// never overlaps itself, so r.snapFailures needs no lock. The search and
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
	failing := map[snapshotFile]time.Time{}
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
		first, ok := r.snapFailures[f]
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
	r.snapFailures = failing
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
