package bridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"tidewatch/record"
)

// keepDecisions bounds the decisions kept: the newest file is nearly always
// among the last few read, and the file stays small enough to write after
// every read.
const keepDecisions = 256

// decision is what the bridge learned of one scan file, named by its name
// in the watched directory, size and modification time (a file rewritten
// is another file).
type decision struct {
	Seq   int64  `json:"seq"` // counts decisions over the life of the state directory
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	record.Reading
	// Poisoned marks a file that killed a bridge; the supervisor reports
	// those on their own.
	Poisoned bool `json:"poisoned,omitempty"`
}

type decisionFile struct {
	Files []decision `json:"files"` // oldest first
}

// decisions is the bridge's record of its decisions in its state
// directory (decisions.json, replaced whole), which the supervisor reads
// to judge the newest file by the acceptance rule without parsing it.
type decisions struct {
	path  string
	files []decision
	seq   int64
	dirty bool
}

// decisions continues the record an earlier bridge left.
func (d stateDir) decisions() (*decisions, error) {
	ds := &decisions{path: d.path("decisions.json")}
	f, err := readDecisions(ds.path)
	if err != nil {
		return ds, err
	}
	ds.files = f.Files
	for _, x := range f.Files {
		ds.seq = max(ds.seq, x.Seq)
	}
	return ds, nil
}

func readDecisions(path string) (decisionFile, error) {
	var f decisionFile
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return decisionFile{}, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// put records a decision on a file, replacing any earlier one on the same
// name.
func (ds *decisions) put(id fileID, r record.Reading, poisoned bool) {
	name := filepath.Base(id.Path)
	for i, x := range ds.files {
		if x.Name == name {
			ds.files = append(ds.files[:i], ds.files[i+1:]...)
			break
		}
	}
	if len(ds.files) >= keepDecisions {
		ds.files = ds.files[len(ds.files)-keepDecisions+1:]
	}
	ds.seq++
	ds.files = append(ds.files, decision{Seq: ds.seq, Name: name, Size: id.Size, MTime: id.MTime, Reading: r, Poisoned: poisoned})
	ds.dirty = true
}

// has tells whether the file has a decision.
func (ds *decisions) has(id fileID) bool {
	name := filepath.Base(id.Path)
	for _, x := range ds.files {
		if x.Name == name && x.Size == id.Size && x.MTime == id.MTime {
			return true
		}
	}
	return false
}

// save replaces the file with the decisions, if any changed: written aside
// and renamed, so that a reader never sees half of it.
func (ds *decisions) save() error {
	if !ds.dirty {
		return nil
	}
	b, err := json.Marshal(decisionFile{Files: ds.files})
	if err != nil {
		return err
	}
	tmp := ds.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, ds.path); err != nil {
		return err
	}
	ds.dirty = false
	return nil
}
