package bridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"tidewatch/scanfiles"
)

// stateDir holds what must outlive one bridge process: the lock that keeps
// two bridges from pushing, the marker of the file being parsed, the files
// that killed a bridge, and the supervisor's pid file.
type stateDir string

func (d stateDir) path(name string) string { return filepath.Join(string(d), name) }

// lock takes the bridge lock for the life of the process.
func (d stateDir) lock() (unlock func(), err error) {
	f, err := os.OpenFile(d.path("bridge.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s is held: %w", f.Name(), err)
	}
	return func() { f.Close() }, nil
}

// marker notes the file being parsed, so that a file whose parsing killed
// the bridge is known to the next one. It stays open: creating and
// removing a file for every scan cost more than the parsing (most of a
// 1,000-file burst went to openat).
type marker struct{ f *os.File }

func (d stateDir) marker() (*marker, error) {
	f, err := os.OpenFile(d.path(scanfiles.ParsingFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return &marker{f}, nil
}

// set notes the file about to be parsed; clear empties the note.
func (m *marker) set(id scanfiles.FileID) error {
	b, err := json.Marshal(id)
	if err != nil {
		return err
	}
	if _, err := m.f.WriteAt(b, 0); err != nil {
		return err
	}
	return m.f.Truncate(int64(len(b)))
}

func (m *marker) clear() error { return m.f.Truncate(0) }

func (m *marker) close() error { return m.f.Close() }

func (d stateDir) clearParsing() { os.Remove(d.path(scanfiles.ParsingFile)) }

// takeParsing reads and removes the marker a dead bridge left behind.
func (d stateDir) takeParsing() (scanfiles.FileID, bool, error) {
	id, found, err := scanfiles.Parsing(string(d))
	if found {
		d.clearParsing()
	}
	return id, found, err
}

// poisoned lists the files that killed a bridge.
func (d stateDir) poisoned() ([]scanfiles.FileID, error) {
	b, err := os.ReadFile(d.path("poisoned.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []scanfiles.FileID
	if err := json.Unmarshal(b, &ids); err != nil {
		return nil, fmt.Errorf("%s: %w", d.path("poisoned.json"), err)
	}
	return ids, nil
}

func (d stateDir) addPoisoned(id scanfiles.FileID) error {
	ids, err := d.poisoned()
	if err != nil {
		return err
	}
	b, err := json.Marshal(append(ids, id))
	if err != nil {
		return err
	}
	tmp := d.path("poisoned.json.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, d.path("poisoned.json"))
}
