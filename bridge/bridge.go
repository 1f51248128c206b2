package bridge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/record"
)

// Exit codes of `tidewatch bridge`, besides 0 for a clean stop.
const (
	// ExitConfig (EX_CONFIG) says the configuration is bad: restarting
	// cannot help, so the supervisor does not.
	ExitConfig = 78
	// ExitLocked (EX_TEMPFAIL) says another bridge holds the lock.
	ExitLocked = 75
	// ExitFailed is any other failure.
	ExitFailed = 1
)

const (
	// retryIncomplete is how often a file still being written is looked at
	// again.
	retryIncomplete = 250 * time.Millisecond
	// maxPushBackoff caps the wait between pushes while Hazelcast is down.
	maxPushBackoff = 5 * time.Second
)

// Bridge is the running bridge: one goroutine owns all of it.
type Bridge struct {
	cfg    config.Bridge
	hzcfg  config.Hazelcast
	hz     *hz.Client
	log    *slog.Logger
	fields Fields
	state  stateDir
	marker *marker

	pending map[string]time.Time // files to look at, and when first seen
	skipped map[fileID]string    // files not to read again, and why
	handled fileID               // the newest file handled: pushed, or older than what was

	outbox  *outgoing // the newest scan not yet in Hazelcast
	current *head     // what Hazelcast holds, once known
	backoff time.Duration
	nextTry time.Time

	pushed int
	ready  bool
}

type fileID struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
}

func idOf(path string, info fs.FileInfo) fileID {
	return fileID{Path: path, Size: info.Size(), MTime: info.ModTime().UnixNano()}
}

type outgoing struct {
	scan *Scan
	file fileID
}

type head struct {
	number    int64
	timestamp time.Time
}

// Run runs the bridge until ctx ends, and returns the process exit code.
func Run(ctx context.Context, cfg *config.Config, log *slog.Logger) int {
	b := &Bridge{
		cfg: cfg.Bridge, hzcfg: cfg.Hazelcast, log: log,
		fields:  Fields{ScanNumber: cfg.Bridge.ScanNumberField, Timestamp: cfg.Bridge.TimestampField},
		state:   stateDir(cfg.Bridge.StateDir),
		pending: map[string]time.Time{},
		skipped: map[fileID]string{},
	}
	if code, ok := b.waitForWatchDir(ctx); !ok {
		return code
	}
	if err := os.MkdirAll(string(b.state), 0o755); err != nil {
		log.Error("bridge: cannot create the state directory", "state_dir", b.state, "err", err)
		return ExitConfig
	}
	unlock, err := b.state.lock()
	if err != nil {
		log.Error("bridge: another bridge is running", "err", err)
		return ExitLocked
	}
	defer unlock()
	if err := b.recoverFromCrash(); err != nil {
		log.Error("bridge: state directory", "err", err)
		return ExitFailed
	}
	if b.marker, err = b.state.marker(); err != nil {
		log.Error("bridge: state directory", "err", err)
		return ExitFailed
	}
	defer b.marker.close()

	w, err := fsnotify.NewWatcher()
	if err != nil {
		log.Error("bridge: cannot watch", "err", err)
		return ExitFailed
	}
	defer w.Close()
	if err := w.Add(b.cfg.WatchDir); err != nil {
		log.Error("bridge: cannot watch", "watch_dir", b.cfg.WatchDir, "err", err)
		return ExitConfig
	}

	if b.hz, err = hz.Open(cfg.Hazelcast, log); err != nil {
		log.Error("bridge: hazelcast", "err", err)
		return ExitConfig
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		b.hz.Close(cctx)
	}()

	b.rescan() // the newest existing scan is pushed at start
	rescan := time.NewTicker(b.cfg.RescanEvery.Duration)
	defer rescan.Stop()
	wake := time.NewTimer(0)
	defer wake.Stop()
	for {
		b.process()
		b.flush(ctx)
		// Ready once connected with nothing left to push: the newest scan
		// that existed at start is in Hazelcast by then.
		if !b.ready && b.hz.Connected() && b.outbox == nil {
			b.ready = true
			log.Info("bridge ready", "watch_dir", b.cfg.WatchDir, "pattern", b.cfg.Pattern)
		}
		wake.Reset(b.nextWake())
		select {
		case <-ctx.Done():
			log.Info("bridge stopped", "pushed", b.pushed)
			return 0
		case ev, ok := <-w.Events:
			if !ok {
				return ExitFailed
			}
			b.note(ev)
			// Take whatever else is queued before reading: a burst of
			// files is coalesced into one read of the newest.
			for drained := false; !drained; {
				select {
				case ev := <-w.Events:
					b.note(ev)
				default:
					drained = true
				}
			}
		case err := <-w.Errors:
			// An overflowed event queue loses events; a rescan finds them.
			log.Warn("bridge: watch error; rescanning", "err", err)
			b.rescan()
		case <-rescan.C:
			b.rescan()
		case <-wake.C:
		}
	}
}

// matches tells a scan file by its name. Hidden files are never scans:
// writers use them for files on their way into place.
// waitForWatchDir waits for the watched directory to exist: the scanner
// may create it after the bridge starts. A file in its place is a bad
// configuration.
func (b *Bridge) waitForWatchDir(ctx context.Context) (code int, ok bool) {
	for logged := false; ; logged = true {
		st, err := os.Stat(b.cfg.WatchDir)
		switch {
		case err == nil && st.IsDir():
			return 0, true
		case err == nil:
			b.log.Error("bridge: the watch directory is a file", "watch_dir", b.cfg.WatchDir)
			return ExitConfig, false
		case !logged:
			b.log.Warn("bridge: waiting for the watch directory to appear", "watch_dir", b.cfg.WatchDir, "err", err)
		}
		select {
		case <-ctx.Done():
			return 0, false
		case <-time.After(b.cfg.RescanEvery.Duration):
		}
	}
}

func (b *Bridge) matches(path string) bool {
	name := filepath.Base(path)
	ok, _ := filepath.Match(b.cfg.Pattern, name)
	return ok && !strings.HasPrefix(name, ".")
}

func (b *Bridge) note(ev fsnotify.Event) {
	if ev.Has(fsnotify.Create|fsnotify.Write|fsnotify.Chmod) && b.matches(ev.Name) {
		if _, ok := b.pending[ev.Name]; !ok {
			b.pending[ev.Name] = time.Now()
		}
	}
}

// rescan adds every matching file newer than the last one handled: files
// that appeared while the bridge was down, or whose events were lost.
func (b *Bridge) rescan() {
	entries, err := os.ReadDir(b.cfg.WatchDir)
	if err != nil {
		b.log.Warn("bridge: cannot list the watch directory", "watch_dir", b.cfg.WatchDir, "err", err)
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !b.matches(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		path := filepath.Join(b.cfg.WatchDir, e.Name())
		id := idOf(path, info)
		if id == b.handled || id.MTime < b.handled.MTime {
			continue
		}
		if _, skip := b.skipped[id]; skip {
			continue
		}
		if _, ok := b.pending[path]; !ok {
			b.pending[path] = time.Now()
		}
	}
}

// process reads the newest pending file that is complete and offers it
// for pushing; everything older is dropped. Newer files still being
// written stay pending, until they are complete or time out.
func (b *Bridge) process() {
	if len(b.pending) == 0 {
		return
	}
	type cand struct {
		path string
		info fs.FileInfo
	}
	list := make([]cand, 0, len(b.pending))
	for path := range b.pending {
		// Lstat: a symlink is never followed, so no name in the watched
		// directory can make the bridge read outside it.
		info, err := os.Lstat(path)
		if err != nil || !info.Mode().IsRegular() {
			delete(b.pending, path) // renamed away, removed, or not a plain file
			continue
		}
		list = append(list, cand{path, info})
	}
	sort.Slice(list, func(i, j int) bool {
		mi, mj := list[i].info.ModTime(), list[j].info.ModTime()
		if !mi.Equal(mj) {
			return mi.After(mj)
		}
		return list[i].path > list[j].path
	})
	for i, c := range list {
		id := idOf(c.path, c.info)
		if _, skip := b.skipped[id]; skip {
			delete(b.pending, c.path)
			continue
		}
		scan, err := b.read(c.path, c.info)
		switch {
		case errors.Is(err, ErrIncomplete):
			if since := time.Since(b.pending[c.path]); since > b.cfg.IncompleteFor.Duration {
				b.skip(id, fmt.Sprintf("still incomplete after %s: %v", since.Round(time.Second), err))
				delete(b.pending, c.path)
			}
			continue
		case err != nil:
			b.skip(id, err.Error())
			delete(b.pending, c.path)
			continue
		}
		b.offer(scan, id)
		for _, older := range list[i:] {
			delete(b.pending, older.path)
		}
		b.handled = id
		return
	}
}

func (b *Bridge) skip(id fileID, why string) {
	b.skipped[id] = why
	b.log.Warn("bridge: skipped a file", "file", id.Path, "reason", why)
}

// read reads a whole file and decodes it, guarded by the crash marker: a
// file whose parsing kills the process is known after the restart.
func (b *Bridge) read(path string, info fs.FileInfo) (*Scan, error) {
	if info.Size() > b.cfg.MaxFileSize {
		return nil, fmt.Errorf("%d bytes is over bridge.max_file_size (%d)", info.Size(), b.cfg.MaxFileSize)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, b.cfg.MaxFileSize+1))
	f.Close()
	if err != nil {
		return nil, err
	}
	if err := Complete(data); err != nil {
		return nil, err
	}
	if err := b.marker.set(idOf(path, info)); err != nil {
		return nil, fmt.Errorf("crash marker: %w", err)
	}
	scan, err := ParseScan(data, b.fields)
	if err := b.marker.clear(); err != nil {
		b.log.Warn("bridge: crash marker", "err", err)
	}
	if err != nil {
		return nil, err
	}
	if len(scan.Omitted) > 0 {
		b.log.Warn("bridge: columns left out", "file", path, "columns", scan.Omitted)
	}
	return scan, nil
}

// offer makes a scan the next to push unless it is older than what is
// pushed or about to be. Scan numbers decide; a lower number with a newer
// timestamp is the scanner's numbering starting again, and is taken.
func (b *Bridge) offer(s *Scan, id fileID) {
	ref := b.current
	if b.outbox != nil {
		ref = &head{b.outbox.scan.Number, b.outbox.scan.Timestamp}
	}
	if ref != nil && !b.newer(s, *ref, id.Path) {
		return
	}
	b.outbox = &outgoing{scan: s, file: id}
}

// newer decides whether s replaces ref, logging why not, or why a lower
// number is taken anyway.
func (b *Bridge) newer(s *Scan, ref head, path string) bool {
	switch {
	case s.Number > ref.number:
		return true
	case s.Number == ref.number:
		b.log.Debug("bridge: scan already pushed", "file", path, "scan", s.Number)
		return false
	case s.Timestamp.After(ref.timestamp):
		b.log.Warn("bridge: scan numbering started again; taking the newer scan",
			"from", ref.number, "to", s.Number, "timestamp", s.Timestamp, "file", path)
		return true
	default:
		b.log.Info("bridge: skipped an older scan", "file", path, "scan", s.Number, "current", ref.number)
		return false
	}
}

// flush pushes the outbox, retrying with capped backoff while Hazelcast
// is down; a newer scan arriving meanwhile replaces it.
func (b *Bridge) flush(ctx context.Context) {
	if b.outbox == nil || time.Now().Before(b.nextTry) {
		return
	}
	if !b.ready && !b.hz.Connected() {
		return // still starting: the client connects in a moment
	}
	if b.current == nil {
		cur, err := b.readCurrent(ctx)
		if err != nil {
			b.failed(err)
			return
		}
		b.current = cur
		if cur != nil && !b.newer(b.outbox.scan, *cur, b.outbox.file.Path) {
			b.outbox = nil
			return
		}
	}
	o := b.outbox
	text, err := Record(o.scan, filepath.Base(o.file.Path), time.Now())
	if err != nil {
		b.skip(o.file, "cannot encode: "+err.Error())
		b.outbox = nil
		return
	}
	if err := b.hz.Put(ctx, b.hzcfg.Map, b.hzcfg.ScanKey, string(text)); err != nil {
		b.failed(err)
		return
	}
	if b.backoff > 0 {
		b.log.Info("bridge: Hazelcast is back; pushed the newest scan", "scan", o.scan.Number)
	}
	b.current = &head{o.scan.Number, o.scan.Timestamp}
	b.outbox, b.backoff, b.nextTry = nil, 0, time.Time{}
	b.pushed++
	switch {
	case b.pushed == 1:
		b.log.Info("bridge: pushed the first scan", "scan", o.scan.Number, "assets", o.scan.Assets, "file", o.file.Path)
	case b.pushed%b.cfg.ProgressEvery == 0:
		b.log.Info(fmt.Sprintf("bridge: pushed %d scans, latest #%d, %d assets", b.pushed, o.scan.Number, o.scan.Assets))
	default:
		b.log.Debug("bridge: pushed", "scan", o.scan.Number, "assets", o.scan.Assets)
	}
}

func (b *Bridge) failed(err error) {
	if b.backoff == 0 {
		b.log.Warn("bridge: cannot push; retrying until Hazelcast answers", "err", err)
		b.backoff = 250 * time.Millisecond
	} else {
		b.backoff = min(2*b.backoff, maxPushBackoff)
	}
	b.nextTry = time.Now().Add(b.backoff)
}

// readCurrent reads the scan Hazelcast holds, so that a restarted bridge
// never replaces it with an older one.
func (b *Bridge) readCurrent(ctx context.Context) (*head, error) {
	v, err := b.hz.Get(ctx, b.hzcfg.Map, b.hzcfg.ScanKey)
	if err != nil || v == nil {
		return nil, err
	}
	text, err := hz.Text(v)
	if err != nil {
		b.log.Warn("bridge: the scan in Hazelcast is unreadable; replacing it", "err", err)
		return nil, nil
	}
	h, err := record.DecodeScanHead(text)
	if err != nil {
		b.log.Warn("bridge: the scan in Hazelcast is unreadable; replacing it", "err", err)
		return nil, nil
	}
	return &head{h.Number, h.Timestamp}, nil
}

// nextWake is when the loop must look again without an event: a file
// being written, or a push to retry.
func (b *Bridge) nextWake() time.Duration {
	wait := time.Hour
	if len(b.pending) > 0 {
		wait = retryIncomplete
	}
	if b.outbox != nil {
		wait = min(wait, max(time.Until(b.nextTry), time.Millisecond))
	}
	if !b.ready {
		wait = min(wait, 100*time.Millisecond)
	}
	return wait
}

// recoverFromCrash finds the file the previous bridge was parsing when it
// died, if any, and skips it from now on.
func (b *Bridge) recoverFromCrash() error {
	poisoned, err := b.state.poisoned()
	if err != nil {
		return err
	}
	for _, id := range poisoned {
		b.skipped[id] = "the bridge died while parsing it"
	}
	id, found, err := b.state.takeParsing()
	if err != nil || !found {
		return err
	}
	b.log.Error("bridge: the previous bridge died while parsing a file; skipping it from now on", "file", id.Path)
	b.skipped[id] = "the bridge died while parsing it"
	return b.state.addPoisoned(id)
}
