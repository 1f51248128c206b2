package bridge

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"golang.org/x/sys/unix"

	"tidewatch/scanfiles"
)

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
		scanfiles.EachEvent(buf[:n], func(mask uint32, name string) {
			switch {
			case mask&unix.IN_Q_OVERFLOW != 0:
				w.overflow, news = true, true
			case mask&scanfiles.WatchEnded != 0:
				w.err = errors.New("the watch directory was removed or moved away")
			case scanfiles.Match(w.pattern, name):
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
