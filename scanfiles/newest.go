package scanfiles

import (
	"cmp"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// verifyEvery is how often the kept times are checked against a full
// listing. A filesystem found not to report every change (a network one
// reports none) is listed in full at every check from then on.
const verifyEvery = 10 * time.Minute

// Dir finds, for the bridge's health checks, the newest scan file in the
// watched directory that looks whole, judging by its first and last bytes
// only.
//
// A scanner may keep thousands of files, and listing them with their times
// costs about 4.5 µs a file here (27 ms for 6,000), so the times are kept
// between checks and inotify says which files to look at again. inotify is
// read directly, without blocking, rather than through fsnotify: a read
// returns every event queued before it, so a check sees every change made
// before it. The directory is listed in full at the first check, when the
// watch fails or its events overflow, and every verifyEvery.
type Dir struct {
	dir, pattern string
	log          *slog.Logger

	mu         sync.Mutex
	watch      int  // the inotify descriptor; -1: not watching, so every check lists
	trusted    bool // watched without a break since the last listing
	unreported bool // the filesystem does not report every change
	events     []byte
	files      map[string]fileTimes
	changed    map[string]bool
	listed     time.Time
}

// fileTimes is what is kept of a file between checks.
type fileTimes struct {
	mod  time.Time
	size int64
	// arrived is when the file was last put in place: its ctime, which a
	// rename into place moves and no writer can set back, or its mtime if
	// later.
	arrived time.Time
}

func timesOf(info fs.FileInfo) fileTimes {
	return fileTimes{mod: info.ModTime(), size: info.Size(), arrived: later(info.ModTime(), Ctime(info))}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// File is a scan file that looks whole.
type File struct {
	Path    string
	ModTime time.Time
	Size    int64
	// Arrived is when the file was last put in place (written, or renamed
	// into the directory).
	Arrived time.Time
}

// ID names this version of the file.
func (f *File) ID() FileID { return FileID{Path: f.Path, Size: f.Size, MTime: f.ModTime.UnixNano()} }

// NewDir watches nothing yet: the first Newest starts the watch.
func NewDir(dir, pattern string, log *slog.Logger) *Dir {
	return &Dir{dir: filepath.Clean(dir), pattern: pattern, log: log, watch: -1,
		events: make([]byte, 16<<10), changed: map[string]bool{}}
}

// Newest returns the newest file that looks whole, or nil if none does.
func (f *Dir) Newest() (*File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	full := f.files == nil || time.Since(f.listed) >= verifyEvery
	if f.watch >= 0 && !f.readEvents() {
		f.stopWatching()
	}
	if f.watch < 0 {
		full = true
		if !f.unreported {
			// Watching starts before listing, so that no file slips in between.
			f.startWatching()
		}
	}
	if full {
		files, err := listFiles(f.dir, f.pattern)
		if err != nil {
			f.files = nil
			return nil, err
		}
		if f.trusted {
			// Events of the listing's own time explain a difference; any
			// other difference is a change that was never reported.
			if !f.readEvents() {
				f.stopWatching()
			} else if f.missed(files) {
				f.unreported = true
				f.stopWatching()
				f.log.Warn("the bridge's watch directory does not report every change: it is listed in full at every check from now on",
					"dir", f.dir)
			}
		}
		f.files, f.listed, f.trusted = files, time.Now(), f.watch >= 0
		clear(f.changed)
	}
	for name := range f.changed {
		info, err := os.Lstat(filepath.Join(f.dir, name))
		if err != nil || !info.Mode().IsRegular() {
			delete(f.files, name)
		} else {
			f.files[name] = timesOf(info)
		}
	}
	clear(f.changed)
	return f.newestWhole(), nil
}

// missed tells whether a listing differs from the kept times other than
// in the files that events named.
func (f *Dir) missed(listed map[string]fileTimes) bool {
	for name, t := range listed {
		if kept, ok := f.files[name]; !f.changed[name] && (!ok || !kept.mod.Equal(t.mod) || kept.size != t.size) {
			return true
		}
	}
	for name := range f.files {
		if _, ok := listed[name]; !ok && !f.changed[name] {
			return true
		}
	}
	return false
}

func (f *Dir) startWatching() {
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		return
	}
	const mask = unix.IN_CREATE | unix.IN_MODIFY | unix.IN_CLOSE_WRITE | unix.IN_ATTRIB | unix.IN_MOVED_FROM |
		unix.IN_MOVED_TO | unix.IN_DELETE | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF | unix.IN_ONLYDIR
	if _, err := unix.InotifyAddWatch(fd, f.dir, mask); err != nil {
		unix.Close(fd)
		return
	}
	f.watch = fd
}

func (f *Dir) stopWatching() {
	unix.Close(f.watch)
	f.watch, f.trusted = -1, false
}

// readEvents notes the names of the files that changed since the last
// check. It is false when events were lost or the directory itself went
// away: the watch can then tell no more.
func (f *Dir) readEvents() bool {
	for {
		n, err := unix.Read(f.watch, f.events)
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			return true
		case err != nil || n <= 0:
			return false
		}
		lost := false
		EachEvent(f.events[:n], func(mask uint32, name string) {
			switch {
			case mask&(unix.IN_Q_OVERFLOW|WatchEnded) != 0:
				lost = true
			case Match(f.pattern, name):
				f.changed[name] = true
			}
		})
		if lost {
			return false
		}
	}
}

// Close stops watching.
func (f *Dir) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.watch >= 0 {
		f.stopWatching()
	}
}

func (f *Dir) newestWhole() *File {
	type file struct {
		name string
		fileTimes
	}
	newer := func(a, b file) int {
		if c := b.mod.Compare(a.mod); c != 0 {
			return c
		}
		return cmp.Compare(b.name, a.name)
	}
	found := func(x file) *File {
		return &File{Path: filepath.Join(f.dir, x.name), ModTime: x.mod, Size: x.size, Arrived: x.arrived}
	}
	// The newest is nearly always whole: one pass finds it. Only when it
	// is not (being written in place) are they all put in order.
	var first file
	for name, t := range f.files {
		if c := (file{name, t}); first.name == "" || newer(c, first) < 0 {
			first = c
		}
	}
	if first.name == "" {
		return nil
	}
	if looksWhole(filepath.Join(f.dir, first.name)) {
		return found(first)
	}
	files := make([]file, 0, len(f.files))
	for name, t := range f.files {
		files = append(files, file{name, t})
	}
	slices.SortFunc(files, newer)
	for _, x := range files[1:] {
		if looksWhole(filepath.Join(f.dir, x.name)) {
			return found(x)
		}
	}
	return nil
}

// listFiles lists the regular scan files in dir, with their times.
func listFiles(dir, pattern string) (map[string]fileTimes, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := make(map[string]fileTimes, len(entries))
	for _, e := range entries {
		if !Match(pattern, e.Name()) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil {
			files[e.Name()] = timesOf(info)
		}
	}
	return files, nil
}

// looksWhole applies Complete to a file's first and last eight bytes. It
// opens no symlink, and no FIFO can make it wait.
func looksWhole(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	if st.Size() <= 16 {
		data, err := io.ReadAll(f)
		return err == nil && Complete(data) == nil
	}
	ends := make([]byte, 16)
	if _, err := io.ReadFull(f, ends[:8]); err != nil {
		return false
	}
	if _, err := f.ReadAt(ends[8:], st.Size()-8); err != nil {
		return false
	}
	return Complete(ends) == nil
}
