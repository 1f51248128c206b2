// Package pidlock is a lock on a file that names its holder: one process
// holds it at a time, and the next is told which one does. It is an
// flock(2), which the kernel drops when the holder dies however it dies,
// on a file of its own: a lock file is never the file it guards (closing
// another descriptor of a SQLite database drops SQLite's own locks).
package pidlock

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Lock is a held lock.
type Lock struct{ f *os.File }

// HeldError says another process holds the lock.
type HeldError struct {
	Path string
	PID  int // 0 when it could not be read
}

func (e *HeldError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("held by another process (lock file %s)", e.Path)
	}
	return fmt.Sprintf("held by pid %d (lock file %s)", e.PID, e.Path)
}

// Acquire takes the lock at path, creating the file, and writes this
// process's id into it; a held lock is a *HeldError naming its holder.
// The file stays when the lock is released: removing it would let two
// processes hold locks on two different files of the same name.
func Acquire(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			b, _ := io.ReadAll(io.LimitReader(f, 32))
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return nil, &HeldError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	err = f.Truncate(0)
	if err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f}, nil
}

// Release lets the next process take the lock.
func (l *Lock) Release() error { return l.f.Close() }
