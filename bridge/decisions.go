package bridge

import (
	"path/filepath"
	"slices"
	"sync"
	"time"

	"tidewatch/record"
	"tidewatch/scanfiles"
)

// keepDecisions bounds the decisions kept: the newest file is nearly always
// among the last few read, and refusals, which the health check (every
// 30 s) reports, are the last to go.
const keepDecisions = 128

// decisions is the bridge's record of its decisions in its state
// directory (scanfiles.DecisionsFile, replaced whole), which tidewatch run
// reads to judge the newest file by the acceptance rule without parsing it.
//
// It is written by a goroutine of its own, at most every writeEvery: the
// bridge's loop hands a copy over and goes on, so that a push never waits
// for the disk. Records handed over faster than they are written are
// skipped for the newest.
type decisions struct {
	dir   string // the state directory
	files []scanfiles.Decision
	seq   int64
	dirty bool

	mu      sync.Mutex
	pending []scanfiles.Decision // handed over, not written yet
	ready   chan struct{}
	stop    chan struct{}
	done    chan struct{}
	err     error // of the last write
}

// decisions continues the record an earlier bridge left, and starts its
// writer; close stops it.
func (d stateDir) decisions() (*decisions, error) {
	ds := &decisions{dir: string(d), ready: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go ds.write()
	f, err := scanfiles.ReadDecisions(ds.dir)
	if err != nil {
		return ds, err
	}
	ds.files = f.Files
	for _, x := range f.Files {
		ds.seq = max(ds.seq, x.Seq)
	}
	return ds, nil
}

// put records a decision on a file, replacing any earlier one on the same
// name. Past keepDecisions the oldest decision goes, the oldest that is no
// refusal first.
func (ds *decisions) put(id scanfiles.FileID, r record.Reading, j record.Judgement, poisoned bool) {
	name := filepath.Base(id.Path)
	ds.files = slices.DeleteFunc(ds.files, func(x scanfiles.Decision) bool { return x.Name == name })
	if len(ds.files) >= keepDecisions {
		i := slices.IndexFunc(ds.files, func(x scanfiles.Decision) bool { return x.Verdict != record.Refused.String() })
		ds.files = slices.Delete(ds.files, max(i, 0), max(i, 0)+1)
	}
	ds.seq++
	ds.files = append(ds.files, scanfiles.Decision{Seq: ds.seq, Name: name, Size: id.Size, MTime: id.MTime, Reading: r,
		Verdict: j.Verdict.String(), Reason: j.Reason, Poisoned: poisoned})
	ds.dirty = true
}

// pushed marks the file's decision as pushed.
func (ds *decisions) pushed(id scanfiles.FileID) {
	for i := range ds.files {
		if x := &ds.files[i]; x.Of(id) {
			x.Verdict, ds.dirty = "pushed", true
		}
	}
}

// has tells whether the file has a decision.
func (ds *decisions) has(id scanfiles.FileID) bool {
	return slices.ContainsFunc(ds.files, func(x scanfiles.Decision) bool { return x.Of(id) })
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
// added 0.3 to 1 ms to the next file's way into Hazelcast). tidewatch run
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

// flush replaces the file with the newest record handed over.
func (ds *decisions) flush() {
	ds.mu.Lock()
	files := ds.pending
	ds.pending = nil
	ds.mu.Unlock()
	if files == nil {
		return
	}
	err := scanfiles.WriteDecisions(ds.dir, files)
	ds.mu.Lock()
	ds.err = err
	ds.mu.Unlock()
}

// close writes what was handed over last and stops the writer.
func (ds *decisions) close() {
	close(ds.stop)
	<-ds.done
}
