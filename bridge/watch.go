package bridge

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// scanName tells a scan file by its name: the pattern, and never a hidden
// file (writers use them for files on their way into place). The bridge
// and the supervisor's ScanFiles both use it, so that the supervisor never
// waits for a file the bridge would not look at.
func scanName(pattern, name string) bool {
	ok, _ := filepath.Match(pattern, name)
	return ok && !strings.HasPrefix(name, ".")
}

// eachEvent calls fn for every inotify event in buf, as read from an
// inotify descriptor.
func eachEvent(buf []byte, fn func(mask uint32, name string)) {
	for off := 0; off+unix.SizeofInotifyEvent <= len(buf); {
		mask := binary.NativeEndian.Uint32(buf[off+4:])
		size := int(binary.NativeEndian.Uint32(buf[off+12:]))
		end := min(off+unix.SizeofInotifyEvent+size, len(buf))
		fn(mask, string(bytes.TrimRight(buf[off+unix.SizeofInotifyEvent:end], "\x00")))
		off = end
	}
}

// The directory itself went away, or its watch ended: the watch can tell
// no more.
const watchEnded = unix.IN_IGNORED | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF

// watcher tells the bridge which scan files in its directory changed,
// coalesced: a goroutine reads inotify events in batches into a set of
// names, and the bridge takes the whole set at once. A burst of 100,000
// files is then a set of names to look at, never a queue of half a million
// events to work through one by one (fsnotify hands them over one at a
// time through a channel).
type watcher struct {
	f       *os.File // the inotify descriptor, read through Go's poller
	pattern string
	// changed has a value when the set is not empty, or something else
	// happened (an overflow, the end of the watch).
	changed chan struct{}

	mu sync.Mutex
	// names maps each name that changed to the events it had, or'ed.
	names    map[string]uint32
	overflow bool  // events were lost: the directory must be listed
	err      error // the watch ended
}

const (
	// doneEvents say a file is worth reading at once: closed after
	// writing, renamed into place, or its mode or times set. A file only
	// being written to is read on its retry.
	doneEvents = unix.IN_CLOSE_WRITE | unix.IN_MOVED_TO | unix.IN_ATTRIB
	// writeEvents say a file is written in place.
	writeEvents = unix.IN_CREATE | unix.IN_MODIFY | unix.IN_CLOSE_WRITE
)

// watch starts watching dir for files written, renamed into place or
// whose mode changed.
func watch(dir, pattern string) (*watcher, error) {
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("inotify: %w", err)
	}
	const mask = unix.IN_CREATE | unix.IN_MODIFY | unix.IN_CLOSE_WRITE | unix.IN_ATTRIB | unix.IN_MOVED_TO |
		unix.IN_DELETE_SELF | unix.IN_MOVE_SELF | unix.IN_ONLYDIR
	if _, err := unix.InotifyAddWatch(fd, dir, mask); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("inotify: %s: %w", dir, err)
	}
	w := &watcher{f: os.NewFile(uintptr(fd), "inotify"), pattern: pattern, changed: make(chan struct{}, 1),
		names: map[string]uint32{}}
	go w.run()
	return w, nil
}

func (w *watcher) run() {
	// 64 KiB holds about a thousand events: a burst is read in few calls.
	buf := make([]byte, 64<<10)
	for {
		n, err := w.f.Read(buf)
		if errors.Is(err, os.ErrClosed) {
			return
		}
		w.mu.Lock()
		if err != nil {
			w.err = fmt.Errorf("reading inotify events: %w", err)
		}
		news := false // only news wakes the bridge: not a writer's hidden files
		eachEvent(buf[:n], func(mask uint32, name string) {
			switch {
			case mask&unix.IN_Q_OVERFLOW != 0:
				w.overflow, news = true, true
			case mask&watchEnded != 0:
				w.err = errors.New("the watch directory was removed or moved away")
			case scanName(w.pattern, name):
				w.names[name] |= mask
				news = true
			}
		})
		ended := w.err != nil
		w.mu.Unlock()
		if news || ended {
			select {
			case w.changed <- struct{}{}:
			default:
			}
		}
		if ended {
			return
		}
	}
}

// take returns the names that changed since the last take with their
// events, whether events were lost, and why the watch ended, if it did.
func (w *watcher) take() (names map[string]uint32, overflow bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	names, overflow = w.names, w.overflow
	w.names, w.overflow = map[string]uint32{}, false
	return names, overflow, w.err
}

func (w *watcher) close() { w.f.Close() }
