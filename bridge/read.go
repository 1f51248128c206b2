package bridge

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"tidewatch/scanfiles"
)

// errNotRegular marks a name that is not a regular file: a symlink, a
// FIFO, a directory, swapped in after the name was listed.
var errNotRegular = errors.New("not a regular file")

// errPermission marks a file the bridge may not read; it is read again
// when its mode or owner changes.
var errPermission = errors.New("the bridge may not read it")

// errSettling marks a file written to moments ago: it is read once it has
// been quiet for a while.
type errSettling struct{ until time.Time }

func (e errSettling) Error() string {
	return fmt.Sprintf("%v: it is still being written (read when quiet, from %s)", scanfiles.ErrIncomplete, e.until.UTC().Format(time.StampMilli))
}

func (e errSettling) Unwrap() error { return scanfiles.ErrIncomplete }

// rereads is how many times a file that changes while it is read is read
// again before it counts as incomplete for now.
const rereads = 3

// Why a file must be quiet before it is read, and how long. A write stamps
// the file's times when it begins, with the kernel's coarse clock (a tick
// of 4 ms at 250 Hz), so two writes within one tick leave the same times:
// comparing fstat before and after a read proves nothing about a file
// written moments ago (measured here: one torn read in seven went
// unseen). Once a file's mtime is more than a tick in the past, any write
// that starts moves it. So a file written to in place is read only when
// its mtime is quiet() old, and then fstat before and after the read tells
// whether it changed meanwhile.
var quiet = sync.OnceValue(func() time.Duration {
	var res unix.Timespec
	if unix.ClockGetres(unix.CLOCK_REALTIME_COARSE, &res) != nil {
		return 20 * time.Millisecond // no answer: a tick at 100 Hz, twice
	}
	return max(2*time.Duration(res.Nano()), 2*time.Millisecond)
})

// settle is how recently changed a file may be for one read to be trusted:
// one write call still landing (a large buffer takes milliseconds to
// copy) leaves no trace in the file's times once it has begun, and a file
// renamed into place is read without waiting. Such a file is read twice
// and the bytes compared.
const settle = 50 * time.Millisecond

// opened is what fstat said of a file that was read.
type opened struct {
	id   scanfiles.FileID
	mode fs.FileMode
}

// readWhole reads a whole regular file of at most max bytes. It opens the
// name without following a symlink and without waiting for a FIFO's
// writer, and checks what it opened with fstat: a name swapped for a
// special file after it was listed can never block the bridge. With
// mustBeQuiet (a file that may be written in place, as opposed to one
// renamed into place) a file written to within quiet() is not read yet:
// errSettling says when to come back. A file whose size, times or inode
// change while it is read, or, changed within settle, reads differently
// twice, is read again, and after rereads changes counts as incomplete for
// now: what the bridge parses is always one consistent version of the
// file.
func readWhole(path string, max int64, mustBeQuiet bool) ([]byte, opened, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	switch {
	case errors.Is(err, unix.ELOOP):
		return nil, opened{mode: fs.ModeSymlink}, fmt.Errorf("%w: a symlink", errNotRegular)
	case errors.Is(err, unix.EACCES) || errors.Is(err, unix.EPERM):
		return nil, opened{}, fmt.Errorf("%w: %w", errPermission, err)
	case errors.Is(err, unix.ENXIO):
		return nil, opened{mode: fs.ModeSocket}, fmt.Errorf("%w: a socket", errNotRegular)
	case err != nil:
		return nil, opened{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	for range rereads {
		var before, after unix.Stat_t
		if err := unix.Fstat(fd, &before); err != nil {
			return nil, opened{}, &fs.PathError{Op: "fstat", Path: path, Err: err}
		}
		began := time.Now()
		o := openedOf(path, &before)
		switch {
		case !o.mode.IsRegular():
			return nil, o, fmt.Errorf("%w: a %s", errNotRegular, kind(o.mode))
		case before.Size > max:
			return nil, o, fmt.Errorf("%d bytes is over bridge.max_file_size (%d)", before.Size, max)
		}
		// An mtime ahead of the clock (set by hand, or by another host's
		// clock on a network filesystem) is no sign of a write in
		// progress, and any write moves it back to now.
		if mtime := time.Unix(before.Mtim.Unix()); mustBeQuiet && !mtime.After(began) && began.Sub(mtime) < quiet() {
			return nil, o, errSettling{mtime.Add(quiet())}
		}
		// One byte more than fstat said, to see a file that grew.
		data, err := pread(fd, before.Size+1)
		if err != nil {
			return nil, o, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if err := unix.Fstat(fd, &after); err != nil {
			return nil, o, &fs.PathError{Op: "fstat", Path: path, Err: err}
		}
		if int64(len(data)) != before.Size || !same(&before, &after) {
			continue
		}
		if began.Sub(time.Unix(before.Ctim.Unix())) < settle {
			again, err := pread(fd, before.Size+1)
			if err != nil {
				return nil, o, &fs.PathError{Op: "read", Path: path, Err: err}
			}
			if err := unix.Fstat(fd, &after); err != nil {
				return nil, o, &fs.PathError{Op: "fstat", Path: path, Err: err}
			}
			if !bytes.Equal(data, again) || !same(&before, &after) {
				continue
			}
		}
		return data, o, nil
	}
	return nil, opened{}, fmt.Errorf("%w: it changed while it was read, %d times in a row", scanfiles.ErrIncomplete, rereads)
}

// pread reads up to n bytes from the start of a file.
func pread(fd int, n int64) ([]byte, error) {
	buf := make([]byte, n)
	got := 0
	for got < len(buf) {
		m, err := unix.Pread(fd, buf[got:], int64(got))
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return nil, err
		case m == 0:
			return buf[:got], nil
		}
		got += m
	}
	return buf, nil
}

// same tells whether a file is unchanged between two fstat calls.
func same(a, b *unix.Stat_t) bool {
	return a.Dev == b.Dev && a.Ino == b.Ino && a.Size == b.Size && a.Mtim == b.Mtim && a.Ctim == b.Ctim
}

func openedOf(path string, st *unix.Stat_t) opened {
	var mode fs.FileMode
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
	case unix.S_IFDIR:
		mode = fs.ModeDir
	case unix.S_IFLNK:
		mode = fs.ModeSymlink
	case unix.S_IFIFO:
		mode = fs.ModeNamedPipe
	case unix.S_IFSOCK:
		mode = fs.ModeSocket
	case unix.S_IFCHR:
		mode = fs.ModeDevice | fs.ModeCharDevice
	default:
		mode = fs.ModeDevice
	}
	return opened{
		id:   scanfiles.FileID{Path: path, Size: st.Size, MTime: time.Unix(st.Mtim.Unix()).UnixNano()},
		mode: mode | fs.FileMode(st.Mode&0o777),
	}
}

// kind names a file's type for a log line.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m.IsDir():
		return "directory"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsRegular():
		return "regular file"
	}
	return "special file"
}
