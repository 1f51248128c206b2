package bridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"tidewatch/record"
)

// keepDecisions bounds the decisions kept: the newest file is nearly always
// among the last few read, and refusals, which the health check (every
// 30 s) reports, are the last to go.
const keepDecisions = 128

// decision is what the bridge learned of one scan file, named by its name
// in the watched directory, size and modification time (a file rewritten
// is another file).
type decision struct {
	Seq   int64  `json:"seq"` // counts decisions over the life of the state directory
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	record.Reading
	// Verdict and Reason are the bridge's judgement, for people reading the
	// file: "pushed", "take" (not pushed yet, or overtaken by a newer
	// scan), "not newer" or "refused". The supervisor judges the reading
	// itself, by the same rule.
	Verdict string `json:"verdict"`
	Reason  string `json:"reason,omitempty"`
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
//
// It is written by a goroutine of its own, at most every writeEvery: the
// bridge's loop hands a copy over and goes on, so that a push never waits
// for the disk. Records handed over faster than they are written are
// skipped for the newest.
type decisions struct {
	path  string
	files []decision
	seq   int64
	dirty bool

	mu      sync.Mutex
	pending []decision // handed over, not written yet
	ready   chan struct{}
	stop    chan struct{}
	done    chan struct{}
	err     error // of the last write
}

// decisions continues the record an earlier bridge left, and starts its
// writer; close stops it.
func (d stateDir) decisions() (*decisions, error) {
	ds := &decisions{path: d.path("decisions.json"), ready: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go ds.write()
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
// name. Past keepDecisions the oldest decision goes, the oldest that is no
// refusal first.
func (ds *decisions) put(id fileID, r record.Reading, j record.Judgement, poisoned bool) {
	name := filepath.Base(id.Path)
	ds.files = slices.DeleteFunc(ds.files, func(x decision) bool { return x.Name == name })
	if len(ds.files) >= keepDecisions {
		i := slices.IndexFunc(ds.files, func(x decision) bool { return x.Verdict != record.Refused.String() })
		ds.files = slices.Delete(ds.files, max(i, 0), max(i, 0)+1)
	}
	ds.seq++
	ds.files = append(ds.files, decision{Seq: ds.seq, Name: name, Size: id.Size, MTime: id.MTime, Reading: r,
		Verdict: j.Verdict.String(), Reason: j.Reason, Poisoned: poisoned})
	ds.dirty = true
}

// pushed marks the file's decision as pushed.
func (ds *decisions) pushed(id fileID) {
	name := filepath.Base(id.Path)
	for i := range ds.files {
		if x := &ds.files[i]; x.Name == name && x.Size == id.Size && x.MTime == id.MTime {
			x.Verdict, ds.dirty = "pushed", true
		}
	}
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

// save hands the decisions over to be written, if any changed, and
// returns the error of the last write.
func (ds *decisions) save() error {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if ds.dirty {
		ds.pending, ds.dirty = slices.Clone(ds.files), false
		select {
		case ds.ready <- struct{}{}:
		default:
		}
	}
	return ds.err
}

// writeEvery spaces the writes: a scanner renaming its files into place
// in the same filesystem waits on ours (measured: writing after every push
// added 0.3 to 1 ms to the next file's way into Hazelcast). The supervisor
// reads the record every 30 s.
const writeEvery = 100 * time.Millisecond

// write writes what is handed over until close, then what is left.
func (ds *decisions) write() {
	defer close(ds.done)
	var last time.Time
	for {
		select {
		case <-ds.ready:
		case <-ds.stop:
			ds.flush()
			return
		}
		if wait := writeEvery - time.Since(last); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ds.stop:
				ds.flush()
				return
			}
		}
		ds.flush()
		last = time.Now()
	}
}

// flush replaces the file with the newest record handed over: written
// aside and renamed, so that a reader never sees half of it.
func (ds *decisions) flush() {
	ds.mu.Lock()
	files := ds.pending
	ds.pending = nil
	ds.mu.Unlock()
	if files == nil {
		return
	}
	err := writeDecisions(ds.path, files)
	ds.mu.Lock()
	ds.err = err
	ds.mu.Unlock()
}

func writeDecisions(path string, files []decision) error {
	b, err := json.Marshal(decisionFile{Files: files})
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// close writes what was handed over last and stops the writer.
func (ds *decisions) close() {
	close(ds.stop)
	<-ds.done
}
