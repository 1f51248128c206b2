// Package proc reads /proc/<pid>/stat, the one place that knows its format.
package proc

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Stat is what tidewatch reads of a process.
type Stat struct {
	// State is the process's state letter: R running, S sleeping, T
	// stopped, Z a zombie, and so on.
	State byte
	// Start is when the process started, in clock ticks since boot. With
	// the pid it names one process: a pid is reused, never with the same
	// start time.
	Start uint64
}

// Read reads a process's stat; an error means there is no such process.
func Read(pid int) (Stat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Stat{}, err
	}
	// The command name is in parentheses and may hold spaces: fields
	// count from the last ')'. State is field 3, start time field 22.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return Stat{}, fmt.Errorf("/proc/%d/stat: unreadable", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 || len(f[0]) != 1 {
		return Stat{}, fmt.Errorf("/proc/%d/stat: unreadable", pid)
	}
	start, err := strconv.ParseUint(f[19], 10, 64)
	if err != nil {
		return Stat{}, fmt.Errorf("/proc/%d/stat: start time: %w", pid, err)
	}
	return Stat{State: f[0][0], Start: start}, nil
}

// ErrGone says a process is gone: exited (a zombie counts as gone), or
// never there.
var ErrGone = errors.New("no such process")

// Start is the start time of a live process: ErrGone for a zombie.
func Start(pid int) (uint64, error) {
	s, err := Read(pid)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%w: %v", ErrGone, err)
	case s.State == 'Z':
		return 0, ErrGone
	}
	return s.Start, nil
}

// Running tells whether the process that started at start under pid
// still runs: it is no zombie, and its pid was not reused.
func Running(pid int, start uint64) bool {
	now, err := Start(pid)
	return err == nil && now == start
}
