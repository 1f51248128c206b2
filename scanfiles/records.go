package scanfiles

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"tidewatch/record"
)

// The bridge's records in its state directory.
const (
	// DecisionsFile is the bridge's record of what it decided about each
	// file it read, replaced whole.
	DecisionsFile = "decisions.json"
	// ParsingFile names the file the bridge is parsing, if any: a file
	// whose parsing killed it is known to whoever finds it there.
	ParsingFile = "parsing.json"
)

// FileID names one version of a scan file: a file rewritten is another
// file.
type FileID struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
}

// Decision is what the bridge learned of one scan file, named by its name
// in the watched directory, size and modification time.
type Decision struct {
	Seq   int64  `json:"seq"` // counts decisions over the life of the state directory
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	record.Reading
	// Verdict and Reason are the bridge's judgement, for people reading the
	// file: "pushed", "take" (not pushed yet, or overtaken by a newer
	// scan), "not newer" or "refused". tidewatch run judges the reading
	// itself, by the same rule.
	Verdict string `json:"verdict"`
	Reason  string `json:"reason,omitempty"`
	// Poisoned marks a file that killed a bridge; those are reported on
	// their own.
	Poisoned bool `json:"poisoned,omitempty"`
}

// Of tells whether the decision is about that version of a file.
func (d Decision) Of(id FileID) bool {
	return d.Name == filepath.Base(id.Path) && d.Size == id.Size && d.MTime == id.MTime
}

// Decisions is the content of the decisions file.
type Decisions struct {
	Files []Decision `json:"files"` // oldest first
}

// ReadDecisions reads the decisions file in stateDir; none is an empty
// record.
func ReadDecisions(stateDir string) (Decisions, error) {
	path := filepath.Join(stateDir, DecisionsFile)
	var d Decisions
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return Decisions{}, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// WriteDecisions replaces the decisions file in stateDir: written aside
// and renamed, so that a reader never sees half of it.
func WriteDecisions(stateDir string, files []Decision) error {
	b, err := json.Marshal(Decisions{Files: files})
	if err != nil {
		return err
	}
	path := filepath.Join(stateDir, DecisionsFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Parsing reads which file the bridge was parsing, if any, without
// removing the note.
func Parsing(stateDir string) (FileID, bool, error) {
	b, err := os.ReadFile(filepath.Join(stateDir, ParsingFile))
	if errors.Is(err, fs.ErrNotExist) {
		return FileID{}, false, nil
	}
	if err != nil {
		return FileID{}, false, err
	}
	var id FileID
	if len(b) == 0 || json.Unmarshal(b, &id) != nil {
		// Empty: nothing was being parsed. Unreadable: the note itself
		// was cut short, so parsing had not begun.
		return FileID{}, false, nil
	}
	return id, true, nil
}
