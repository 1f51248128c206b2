// Package snapshots finds the newest ExF persistence snapshots under a
// directory tree without walking it at every run. Walking costs about
// 2.7 µs a file (1.4 s for a year of per-minute snapshots); the index
// keeps the newest files, is kept current by inotify on every directory of
// the tree, and is checked against a full walk now and then, off the hot
// path. Where inotify cannot be trusted (events lost, the watch limit
// reached, a filesystem found not to report every change), it walks, as
// before, so the answer is always the walk's.
package snapshots

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// File is one snapshot on disk.
type File struct {
	Path    string
	ModTime time.Time
	Size    int64
}

// newer orders files newest first: by mtime, then by path (as the walk
// did, so that the answer does not depend on the order of the directory).
func newer(a, b File) int {
	if c := b.ModTime.Compare(a.ModTime); c != 0 {
		return c
	}
	return cmp.Compare(b.Path, a.Path)
}

// Options tune an Index; zero values take the defaults.
type Options struct {
	// Keep is how many of the newest files are kept (256). Deleting more
	// of the newest than that at once costs one walk.
	Keep int
	// VerifyEvery is how often a full walk checks the index (10 minutes).
	VerifyEvery time.Duration
	// DrainEvery is how often queued events are read between queries (1 s),
	// so that the kernel's queue does not overflow.
	DrainEvery time.Duration
	// MaxWatches caps the directories watched: half of
	// fs.inotify.max_user_watches by default, leaving the rest to the
	// bridge and to other programs. A deeper tree is walked at every query.
	MaxWatches int
}

func (o *Options) defaults() {
	if o.Keep <= 0 {
		o.Keep = 256
	}
	if o.VerifyEvery <= 0 {
		o.VerifyEvery = 10 * time.Minute
	}
	if o.DrainEvery <= 0 {
		o.DrainEvery = time.Second
	}
	if o.MaxWatches <= 0 {
		o.MaxWatches = 4096
		if b, err := os.ReadFile("/proc/sys/fs/inotify/max_user_watches"); err == nil {
			if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > 1 {
				o.MaxWatches = n / 2
			}
		}
	}
}

// Index knows the newest snapshots under one directory.
type Index struct {
	dir, pattern string
	opt          Options
	log          *slog.Logger

	mu sync.Mutex
	// fd is the inotify descriptor, -1 when not watching.
	fd  int
	wds map[int32]string // watch descriptor to directory
	buf []byte
	top *topN
	// built: top reflects the tree; stale: events were lost or a
	// directory moved, so it must be built again.
	built, stale bool
	// walking: inotify is not used (the watch limit, a filesystem that does
	// not report every change); every query walks.
	walking bool
	// touched names the paths events named since the verifying walk began.
	touched map[string]bool

	cancel context.CancelFunc
	done   chan struct{}
}

// Open makes an index of the files matching pattern (a base-name glob)
// under dir, reads the tree and keeps the index current in the background.
// A query waits for the first reading.
func Open(dir, pattern string, opt Options, log *slog.Logger) *Index {
	opt.defaults()
	ctx, cancel := context.WithCancel(context.Background())
	x := &Index{dir: filepath.Clean(dir), pattern: pattern, opt: opt, log: log, fd: -1,
		buf: make([]byte, 64<<10), cancel: cancel, done: make(chan struct{})}
	go x.background(ctx)
	return x
}

// Close stops watching.
func (x *Index) Close() {
	x.cancel()
	<-x.done
	x.mu.Lock()
	defer x.mu.Unlock()
	x.unwatch()
}

// Newest returns the k newest files modified at or before notAfter,
// newest first, and the files modified after it (one from the future
// would otherwise stay "the newest" and hide every later write); why says
// why there is no file at all. It is the walk's answer: the index, or a
// walk when the index cannot give it. It stops early when ctx ends.
func (x *Index) Newest(ctx context.Context, notAfter time.Time, k int) (files []File, future []string, why string) {
	st, err := os.Stat(x.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Sprintf("snapshot directory %s does not exist", x.dir)
	case err != nil:
		return nil, nil, fmt.Sprintf("snapshot directory %s: %v", x.dir, err)
	case !st.IsDir():
		return nil, nil, fmt.Sprintf("snapshot directory %s is not a directory", x.dir)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.fd >= 0 {
		x.drain()
	}
	if !x.built || x.stale || x.walking {
		if err := x.build(ctx); err != nil {
			return nil, nil, fmt.Sprintf("snapshot directory %s: %v", x.dir, err)
		}
	}
	for _, f := range x.top.files {
		switch {
		case f.ModTime.After(notAfter):
			future = append(future, f.Path)
		case len(files) < k:
			files = append(files, f)
		}
	}
	if len(files) < k && !x.top.full() {
		// Older files were left out and more are wanted (many from the
		// future, or the newest deleted): only a walk knows them.
		return walkNewest(ctx, x.dir, x.pattern, notAfter, k)
	}
	return answer(x.dir, x.pattern, files, future)
}

// answer says why there is no file, as the walk always did.
func answer(dir, pattern string, files []File, future []string) ([]File, []string, string) {
	switch {
	case len(files) == 0 && len(future) == 0:
		return nil, nil, fmt.Sprintf("no %s file under %s", pattern, dir)
	case len(files) == 0:
		return nil, future, fmt.Sprintf("no %s file under %s modified before now", pattern, dir)
	}
	return files, future, ""
}

// build reads the whole tree into the index, watching every directory on
// the way (each before it is listed, so that nothing slips in between),
// x.mu held.
func (x *Index) build(ctx context.Context) error {
	x.unwatch()
	if !x.walking {
		fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
		if err != nil {
			x.fallBack(fmt.Errorf("inotify: %w", err))
		} else {
			x.fd, x.wds = fd, map[int32]string{}
		}
	}
	top := newTop(x.opt.Keep)
	err := walk(ctx, x.dir, x.pattern, func(d string) {
		if x.fd >= 0 {
			x.watchDir(d)
		}
	}, top.add)
	if err != nil {
		x.unwatch()
		return err
	}
	x.top = top
	x.built, x.stale = x.fd >= 0, false
	return nil
}

// watchDir adds a watch on one directory; past the cap, or when the kernel
// refuses, the index falls back to walking.
func (x *Index) watchDir(d string) {
	if len(x.wds) >= x.opt.MaxWatches {
		x.fallBack(fmt.Errorf("more than %d directories under %s (half of fs.inotify.max_user_watches)", x.opt.MaxWatches, x.dir))
		return
	}
	const mask = unix.IN_CREATE | unix.IN_MODIFY | unix.IN_CLOSE_WRITE | unix.IN_ATTRIB | unix.IN_MOVED_FROM |
		unix.IN_MOVED_TO | unix.IN_DELETE | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF | unix.IN_ONLYDIR | unix.IN_DONT_FOLLOW
	wd, err := unix.InotifyAddWatch(x.fd, d, mask)
	switch {
	case errors.Is(err, unix.ENOSPC):
		x.fallBack(fmt.Errorf("the inotify watch limit (fs.inotify.max_user_watches) is reached"))
	case err != nil:
		// A directory that went away or cannot be read: the walk skips it
		// too, and an event on its parent tells when it comes back.
	default:
		x.wds[int32(wd)] = d
	}
}

// fallBack stops using inotify for good: every query walks.
func (x *Index) fallBack(why error) {
	if !x.walking {
		x.log.Warn("the snapshot directory is walked at every run: it cannot be watched", "dir", x.dir, "why", why)
	}
	x.walking = true
	x.unwatch()
}

func (x *Index) unwatch() {
	if x.fd >= 0 {
		unix.Close(x.fd)
	}
	x.fd, x.wds, x.built = -1, nil, false
}

// drain reads the queued events and applies them, x.mu held.
func (x *Index) drain() {
	changed := map[string]bool{}
	var dirs []string
	for x.fd >= 0 && !x.stale {
		n, err := unix.Read(x.fd, x.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			if err != unix.EAGAIN {
				x.stale = true
			}
			break
		}
		eachEvent(x.buf[:n], func(wd int32, mask uint32, name string) {
			d, known := x.wds[wd]
			switch {
			case mask&unix.IN_Q_OVERFLOW != 0:
				x.stale = true
			case mask&unix.IN_IGNORED != 0:
				delete(x.wds, wd)
			case !known:
			case mask&(unix.IN_DELETE_SELF|unix.IN_MOVE_SELF) != 0 && d == x.dir:
				x.stale = true // the root itself went away
			case mask&(unix.IN_DELETE_SELF|unix.IN_MOVE_SELF) != 0:
				// A directory deleted (its files were, one by one, before
				// it), or moved: its parent tells of the move.
			case mask&unix.IN_ISDIR != 0 && mask&unix.IN_MOVED_FROM != 0:
				// A directory moved within or out of the tree: the watches
				// under it now name the wrong paths.
				x.stale = true
			case mask&unix.IN_ISDIR != 0 && mask&(unix.IN_CREATE|unix.IN_MOVED_TO) != 0:
				dirs = append(dirs, filepath.Join(d, name))
			case mask&unix.IN_ISDIR == 0 && name != "":
				changed[filepath.Join(d, name)] = true
			}
		})
	}
	if x.stale {
		return
	}
	top := x.top
	for p := range changed {
		if x.touched != nil {
			x.touched[p] = true
		}
		top.remove(p)
		if ok, _ := filepath.Match(x.pattern, filepath.Base(p)); !ok {
			continue
		}
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
			top.add(p, info)
		}
	}
	// A directory created or moved in: files may have landed in it before
	// its watch was added, so it is listed once it is watched.
	for _, d := range dirs {
		if x.touched != nil {
			x.touched[d] = true
		}
		err := walk(context.Background(), d, x.pattern, func(sub string) {
			if x.fd >= 0 {
				x.watchDir(sub)
			}
		}, func(p string, info fs.FileInfo) {
			if x.touched != nil {
				x.touched[p] = true
			}
			top.remove(p)
			top.add(p, info)
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			x.stale = true
		}
	}
}

// background drains events between queries and verifies the index.
func (x *Index) background(ctx context.Context) {
	defer close(x.done)
	// Read the tree now rather than at the first query: a year of
	// snapshots takes seconds.
	x.mu.Lock()
	if err := x.build(ctx); err != nil && ctx.Err() == nil {
		x.log.Debug("snapshot directory not read yet", "dir", x.dir, "err", err)
	}
	x.mu.Unlock()
	drain := time.NewTicker(x.opt.DrainEvery)
	defer drain.Stop()
	verify := time.NewTicker(x.opt.VerifyEvery)
	defer verify.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-drain.C:
			x.mu.Lock()
			if x.fd >= 0 {
				x.drain()
			}
			x.mu.Unlock()
		case <-verify.C:
			x.verify(ctx)
		}
	}
}

// verify walks the whole tree, without holding up queries, and compares
// what it found with the index. Events of the walk's own time explain a
// difference; any other difference is a change that was never reported,
// and the tree is walked at every query from then on.
func (x *Index) verify(ctx context.Context) {
	x.mu.Lock()
	if !x.built || x.stale || x.fd < 0 {
		x.mu.Unlock()
		return
	}
	x.drain()
	x.touched = map[string]bool{}
	x.mu.Unlock()

	top := newTop(x.opt.Keep)
	err := walk(ctx, x.dir, x.pattern, func(string) {}, top.add)

	// A write is visible to stat a moment before its event is queued: a
	// difference is taken for unreported only if no event explains it
	// after the writers had time to finish.
	for settle := range 2 {
		if settle > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(verifySettle):
			}
		}
		x.mu.Lock()
		if x.fd >= 0 {
			x.drain()
		}
		if err != nil || !x.built || x.stale || x.fd < 0 {
			x.touched = nil
			x.mu.Unlock()
			return
		}
		p := differs(top.files, x.top.files, x.touched)
		if p == "" {
			x.touched = nil
			x.mu.Unlock()
			return
		}
		if settle > 0 {
			x.touched = nil
			x.log.Warn("the snapshot directory does not report every change: it is walked at every run from now on",
				"dir", x.dir, "unreported", p)
			x.walking = true
			x.unwatch()
		}
		x.mu.Unlock()
	}
}

// verifySettle is how long a verifying walk's difference waits for the
// event that explains it.
const verifySettle = time.Second

// differs compares two lists of the newest files, leaving out the paths
// events named, as deep as both reach; it names a file where they differ,
// or is "".
func differs(a, b []File, touched map[string]bool) string {
	named := func(f File) bool { return touched[f.Path] }
	a, b = slices.DeleteFunc(slices.Clone(a), named), slices.DeleteFunc(slices.Clone(b), named)
	for i := range min(len(a), len(b)) {
		if a[i].Path != b[i].Path || !a[i].ModTime.Equal(b[i].ModTime) {
			return a[i].Path
		}
	}
	return ""
}

// topN keeps the newest files seen, newest first: every file it left out
// is older than every file it keeps (floor is the newest it left out), so
// what it keeps is the true head of the list, however many were removed.
type topN struct {
	files []File
	keep  int
	floor *File
}

func newTop(keep int) *topN { return &topN{keep: keep} }

// full tells whether nothing was left out.
func (t *topN) full() bool { return t.floor == nil }

func (t *topN) add(p string, info fs.FileInfo) {
	f := File{Path: p, ModTime: info.ModTime().UTC(), Size: info.Size()}
	if t.floor != nil && newer(f, *t.floor) >= 0 {
		return // older than one already left out
	}
	i, _ := slices.BinarySearchFunc(t.files, f, newer)
	t.files = slices.Insert(t.files, i, f)
	if len(t.files) > t.keep {
		last := t.files[t.keep]
		t.files, t.floor = t.files[:t.keep], &last
	}
}

func (t *topN) remove(p string) {
	t.files = slices.DeleteFunc(t.files, func(f File) bool { return f.Path == p })
}

// walk visits every regular file matching pattern under dir, and every
// directory before its entries (visitDir), reading directories in batches
// so that a directory of half a million files never sits in memory whole.
// Symlinks are never followed; unreadable subdirectories are skipped (the
// rest still counts). It stops when ctx ends.
func walk(ctx context.Context, dir, pattern string, visitDir func(string), visit func(string, fs.FileInfo)) error {
	var rec func(d string, root bool) error
	rec = func(d string, root bool) error {
		visitDir(d)
		f, err := os.Open(d)
		if err != nil {
			if root {
				return err
			}
			return nil
		}
		defer f.Close()
		var subdirs []string
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			entries, err := f.ReadDir(1024)
			for _, e := range entries {
				p := filepath.Join(d, e.Name())
				switch {
				case e.IsDir():
					subdirs = append(subdirs, p)
				case !e.Type().IsRegular():
				default:
					if ok, _ := filepath.Match(pattern, e.Name()); !ok {
						continue
					}
					if info, err := e.Info(); err == nil {
						visit(p, info)
					}
				}
			}
			if err == io.EOF || len(entries) == 0 {
				break
			}
			if err != nil {
				if root {
					return err
				}
				break
			}
		}
		for _, s := range subdirs {
			if err := rec(s, false); err != nil {
				return err
			}
		}
		return nil
	}
	return rec(dir, true)
}

// walkNewest is the walk the index replaces, for the rare question it
// cannot answer.
func walkNewest(ctx context.Context, dir, pattern string, notAfter time.Time, k int) ([]File, []string, string) {
	top := newTop(k)
	var future []string
	err := walk(ctx, dir, pattern, func(string) {}, func(p string, info fs.FileInfo) {
		if info.ModTime().After(notAfter) {
			future = append(future, p)
			return
		}
		top.add(p, info)
	})
	if err != nil {
		return nil, nil, fmt.Sprintf("snapshot directory %s: %v", dir, err)
	}
	return answer(dir, pattern, top.files, future)
}

// eachEvent calls fn for every inotify event in buf.
func eachEvent(buf []byte, fn func(wd int32, mask uint32, name string)) {
	for off := 0; off+unix.SizeofInotifyEvent <= len(buf); {
		wd := int32(binary.NativeEndian.Uint32(buf[off:]))
		mask := binary.NativeEndian.Uint32(buf[off+4:])
		size := int(binary.NativeEndian.Uint32(buf[off+12:]))
		end := min(off+unix.SizeofInotifyEvent+size, len(buf))
		fn(wd, mask, strings.TrimRight(string(buf[off+unix.SizeofInotifyEvent:end]), "\x00"))
		off = end
	}
}
