package bridge

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"golang.org/x/sys/unix"
)

// errNotRegular marks a name that is not a regular file: a symlink, a
// FIFO, a directory, swapped in after the name was listed.
var errNotRegular = errors.New("not a regular file")

// errPermission marks a file the bridge may not read; it is read again
// when its mode or owner changes.
var errPermission = errors.New("the bridge may not read it")

// rereads is how many times a file that changes while it is read is read
// again before it counts as incomplete for now.
const rereads = 3

// settle is how recently a file may have changed for its times alone to be
// trusted. A write stamps the file's times when it begins, so one still
// landing when fstat looked leaves no trace in them; and kernels before
// Linux 6.13 stamp with a clock that moves a tick (up to 10 ms) at a time,
// so a write within the tick of the last one leaves none either. A file
// that changed this recently is read twice and the bytes compared.
const settle = 20 * time.Millisecond

// opened is what fstat said of a file that was read.
type opened struct {
	id    fileID
	mode  fs.FileMode
	ctime time.Time // changes with every write, chmod or chown
}

// readWhole reads a whole regular file of at most max bytes. It opens the
// name without following a symlink and without waiting for a FIFO's
// writer, and checks what it opened with fstat: a name swapped for a
// special file after it was listed can never block the bridge. A file
// whose size, times or inode change while it is read (rewritten in place),
// or, changed within settle, reads differently twice, is read again, and
// after rereads changes counts as incomplete for now: what the bridge
// parses is always one consistent version of the file.
func readWhole(path string, max int64) ([]byte, opened, error) {
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
		began := time.Now()
		if err := unix.Fstat(fd, &before); err != nil {
			return nil, opened{}, &fs.PathError{Op: "fstat", Path: path, Err: err}
		}
		o := openedOf(path, &before)
		if !o.mode.IsRegular() {
			return nil, o, fmt.Errorf("%w: a %s", errNotRegular, kind(o.mode))
		}
		if before.Size > max {
			return nil, o, fmt.Errorf("%d bytes is over bridge.max_file_size (%d)", before.Size, max)
		}
		// One byte more than fstat said, to see a file that grew.
		data := make([]byte, before.Size+1)
		n, err := preadFull(fd, data)
		if err != nil {
			return nil, o, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if err := unix.Fstat(fd, &after); err != nil {
			return nil, o, &fs.PathError{Op: "fstat", Path: path, Err: err}
		}
		if int64(n) != before.Size || !same(&before, &after) {
			continue
		}
		data = data[:n]
		if time.Unix(before.Ctim.Unix()).After(began.Add(-settle)) {
			again := make([]byte, n+1)
			m, err := preadFull(fd, again)
			if err != nil {
				return nil, o, &fs.PathError{Op: "read", Path: path, Err: err}
			}
			if err := unix.Fstat(fd, &after); err != nil {
				return nil, o, &fs.PathError{Op: "fstat", Path: path, Err: err}
			}
			if m != n || !bytes.Equal(data, again[:m]) || !same(&before, &after) {
				continue
			}
		}
		return data, o, nil
	}
	return nil, opened{}, fmt.Errorf("%w: it changed while it was read, %d times in a row", ErrIncomplete, rereads)
}

func preadFull(fd int, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := unix.Pread(fd, buf[n:], int64(n))
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return n, err
		case m == 0:
			return n, nil
		}
		n += m
	}
	return n, nil
}

// same tells whether a file is unchanged between two fstat calls. With
// fine-grained timestamps (Linux 6.13 and later stamp a change after a
// stat with the exact time) every write in between shows.
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
		id:    fileID{Path: path, Size: st.Size, MTime: time.Unix(st.Mtim.Unix()).UnixNano()},
		mode:  mode | fs.FileMode(st.Mode&0o777),
		ctime: time.Unix(st.Ctim.Unix()),
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
