package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hazelcast/hazelcast-go-client/hzerrors"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/npz"
	"tidewatch/record"
)

// fetch reads one key and sorts the outcome: unreachable, absent, not
// decodable as JSON text, or the text.
func fetch(ctx context.Context, c *hz.Client, mapName, key string) (text []byte, unreachable, invalid error) {
	v, err := c.Get(ctx, mapName, key)
	switch {
	case errors.Is(err, hzerrors.ErrHazelcastSerialization):
		return nil, nil, err
	case err != nil:
		return nil, err, nil
	case v == nil:
		return nil, nil, nil
	}
	text, err = hz.Text(v)
	if err != nil {
		return nil, nil, err
	}
	return text, nil, nil
}

func readExF(ctx context.Context, c *hz.Client, cfg config.Hazelcast) checks.ExFRead {
	text, unreachable, invalid := fetch(ctx, c, cfg.Map, cfg.ExFKey)
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
	return checks.ExFRead{Record: rec}
}

func readScan(ctx context.Context, c *hz.Client, cfg config.Hazelcast) checks.ScanRead {
	text, unreachable, invalid := fetch(ctx, c, cfg.Map, cfg.ScanKey)
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
	return checks.ScanRead{Head: head}
}

// readSnapshot finds the newest snapshot under the directory and reads it.
// A missing or unreadable directory, or no snapshot at all, is an
// unavailable persistence (a finding); a newest snapshot that cannot be
// read is an error: the check cannot run. Both give up when ctx ends, so
// that a huge directory or file cannot hold up a shutdown.
func readSnapshot(ctx context.Context, cfg config.Divergence) (checks.SnapshotRead, error) {
	// A snapshot can be rotated away between finding and reading it.
	for attempt := 0; ; attempt++ {
		path, mtime, why := newestSnapshot(ctx, cfg.SnapshotDir, cfg.SnapshotPattern)
		if err := ctx.Err(); err != nil {
			return checks.SnapshotRead{}, fmt.Errorf("persistence: looking for the newest snapshot: %w", err)
		}
		if why != "" {
			return checks.SnapshotRead{Unavailable: why}, nil
		}
		data, err := npz.ReadContext(ctx, path)
		if errors.Is(err, fs.ErrNotExist) && attempt == 0 {
			continue
		}
		if err != nil {
			return checks.SnapshotRead{}, fmt.Errorf("persistence: %w", err)
		}
		return checks.SnapshotRead{Path: path, ModTime: mtime, Data: data}, nil
	}
}

// newestSnapshot walks dir for the newest file matching pattern; why says
// why there is none. It stops early when ctx ends.
func newestSnapshot(ctx context.Context, dir, pattern string) (path string, mtime time.Time, why string) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", time.Time{}, fmt.Sprintf("snapshot directory %s does not exist", dir)
	case err != nil:
		return "", time.Time{}, fmt.Sprintf("snapshot directory %s: %v", dir, err)
	case !st.IsDir():
		return "", time.Time{}, fmt.Sprintf("snapshot directory %s is not a directory", dir)
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
		if m := info.ModTime(); m.After(mtime) || (m.Equal(mtime) && p > path) {
			path, mtime = p, m
		}
		return nil
	})
	switch {
	case rootErr != nil:
		return "", time.Time{}, fmt.Sprintf("snapshot directory %s: %v", dir, rootErr)
	case path == "":
		return "", time.Time{}, fmt.Sprintf("no %s file under %s", pattern, dir)
	}
	return path, mtime, ""
}
