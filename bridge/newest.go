package bridge

import (
	"io"
	"os"
	"path/filepath"
	"sort"

	"tidewatch/checks"
)

// NewestComplete finds the newest scan file in dir that looks whole,
// judging by its first and last bytes only: the supervisor never parses a
// file (a file can kill the arrow library, and only the bridge may die of
// that).
func NewestComplete(dir, pattern string) (*checks.NewestFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []checks.NewestFile
	for _, e := range entries {
		if ok, _ := filepath.Match(pattern, e.Name()); !ok || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil {
			files = append(files, checks.NewestFile{Path: filepath.Join(dir, e.Name()), ModTime: info.ModTime()})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].ModTime.After(files[j].ModTime) })
	for i := range files {
		if looksWhole(files[i].Path) {
			return &files[i], nil
		}
	}
	return nil, nil
}

// looksWhole applies Complete to a file's first and last eight bytes.
func looksWhole(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
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
