// Package scanfiles is what the bridge (`tidewatch bridge`) and tidewatch
// run both know of scan files, without the arrow library: which names are
// scan files, whether a file looks whole, the newest whole file of the
// watched directory, and the records the bridge keeps of them in its state
// directory (its decisions, the file it is parsing). The bridge writes
// those records; tidewatch run reads them to judge the bridge without ever
// parsing a scan file (a file can kill the arrow library, and only the
// bridge may die of that).
package scanfiles

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Match tells a scan file by its name: the pattern, and never a hidden
// file (writers use them for files on their way into place). The bridge
// and Dir both use it, so that tidewatch never waits for a file the bridge
// would not look at.
func Match(pattern, name string) bool {
	ok, _ := filepath.Match(pattern, name)
	return ok && !strings.HasPrefix(name, ".")
}

// EachEvent calls fn for every inotify event in buf, as read from an
// inotify descriptor.
func EachEvent(buf []byte, fn func(mask uint32, name string)) {
	for off := 0; off+unix.SizeofInotifyEvent <= len(buf); {
		mask := binary.NativeEndian.Uint32(buf[off+4:])
		size := int(binary.NativeEndian.Uint32(buf[off+12:]))
		end := min(off+unix.SizeofInotifyEvent+size, len(buf))
		fn(mask, string(bytes.TrimRight(buf[off+unix.SizeofInotifyEvent:end], "\x00")))
		off = end
	}
}

// WatchEnded are the events that say the directory itself went away, or
// its watch ended: the watch can tell no more.
const WatchEnded = unix.IN_IGNORED | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF

// ErrIncomplete marks a file that is not whole yet: no footer, no
// end-of-stream marker, cut short. It is worth reading again later.
var ErrIncomplete = errors.New("incomplete")

var (
	// FileMagic begins and ends an Arrow IPC file.
	FileMagic = []byte("ARROW1")
	// The end-of-stream marker: a continuation token and a zero length.
	streamEOS = []byte{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0}
)

// Complete tells from its bytes alone, without the arrow library, whether
// an Arrow IPC file or stream looks whole: a file ends with its magic after
// the footer; a stream ends with the end-of-stream marker. The bridge's
// parser checks a stream exactly, message by message.
func Complete(data []byte) error {
	switch {
	case len(data) == 0:
		return fmt.Errorf("%w: empty", ErrIncomplete)
	case bytes.HasPrefix(data, FileMagic):
		if len(data) < 2*len(FileMagic)+4 || !bytes.HasSuffix(data, FileMagic) {
			return fmt.Errorf("%w: no footer yet", ErrIncomplete)
		}
	case !bytes.HasSuffix(data, streamEOS):
		return fmt.Errorf("%w: no end-of-stream marker yet", ErrIncomplete)
	}
	return nil
}

// Ctime is a file's status change time, which moves with every write,
// chmod or chown.
func Ctime(info fs.FileInfo) time.Time {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(st.Ctim.Unix())
	}
	return time.Time{}
}
