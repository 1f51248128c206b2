package bridge

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/backoff"
	"tidewatch/record"
	"tidewatch/scanfiles"
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
	// ExitDeposed says the leader's tenure the bridge pushed for is over
	// (in a cluster): another instance leads, or the lease expired. Only
	// while the leader that started it cannot stop it (frozen): otherwise
	// that leader stops its bridge before its lease can expire.
	ExitDeposed = 3
)

const (
	// retryIncomplete is how often a file still being written is looked at
	// again.
	retryIncomplete = 250 * time.Millisecond
	// maxRemembered bounds the files remembered as refused and the names
	// remembered as no regular file. Past it they are forgotten at once: a
	// refused file is then read, and refused, once more.
	maxRemembered = 10000
)

// Bridge is the running bridge: one goroutine owns all of it.
type Bridge struct {
	cfg     config.Bridge
	hzcfg   config.Hazelcast
	hz      *hz.Client
	log     *slog.Logger
	fields  Fields
	rule    record.Rule
	state   stateDir
	marker  *marker
	decided *decisions
	watch   *watcher
	// tenure is the leader's, in a cluster; nil otherwise.
	tenure *tenure

	listed  chan listing // a listing of the directory, made in the background
	listing bool         // one is under way
	settled bool         // the first listing was taken: the files there at start were looked at

	pending  map[string]*candidate     // names to look at
	skipped  map[scanfiles.FileID]skip // files refused, not to read again
	poisoned map[scanfiles.FileID]bool // files that killed a bridge: never read again
	odd      map[string]fs.FileMode
	handled  scanfiles.FileID // the newest file decided on: offered, or not newer than what was

	outbox      *outgoing        // the newest scan not yet in Hazelcast
	current     *record.ScanHead // what Hazelcast holds, once known (nil: nothing usable)
	haveCurrent bool
	failures    int // pushes failed in a row
	nextTry     time.Time
	saveFailed  bool

	pushed int
	ready  bool
}

func idOf(path string, info fs.FileInfo) scanfiles.FileID {
	return scanfiles.FileID{Path: path, Size: info.Size(), MTime: info.ModTime().UnixNano()}
}

// candidate is a name to look at.
type candidate struct {
	since   time.Time   // when it was first noticed
	info    fs.FileInfo // from lstat; nil until looked at
	retryAt time.Time   // a file still incomplete is read again no sooner
	renamed bool        // renamed into place, not written to since
}

// skip is why a file is refused. A file refused for a permission is read
// again once its ctime moves (a chmod or chown).
type skip struct {
	why   string
	ctime time.Time
}

type outgoing struct {
	file    scanfiles.FileID
	reading record.Reading
	assets  int
	record  encoded
}

// Run runs the bridge until ctx ends, and returns the process exit code.
// getenv reads the Hazelcast credentials.
func Run(ctx context.Context, cfg *config.Config, getenv func(string) string, log *slog.Logger) int {
	b := &Bridge{
		cfg: cfg.Bridge, hzcfg: cfg.Hazelcast, log: log.With("component", "bridge"),
		fields:  Fields{ScanNumber: cfg.Bridge.ScanNumberField, Timestamp: cfg.Bridge.TimestampField},
		rule:    record.Rule{MaxFuture: cfg.Freshness.ClockSkewTolerance.Duration, DecideWithin: cfg.Bridge.DecideWithin.Duration},
		state:   stateDir(cfg.Bridge.StateDir),
		listed:  make(chan listing, 1),
		pending: map[string]*candidate{}, skipped: map[scanfiles.FileID]skip{}, poisoned: map[scanfiles.FileID]bool{}, odd: map[string]fs.FileMode{},
	}
	if code, ok := b.waitForWatchDir(ctx); !ok {
		return code
	}
	if err := os.MkdirAll(string(b.state), 0o755); err != nil {
		b.log.Error("cannot create the state directory", "state_dir", b.state, "err", err)
		return ExitConfig
	}
	unlock, err := b.state.lock()
	if err != nil {
		b.log.Error("another bridge is running", "err", err)
		return ExitLocked
	}
	defer unlock()
	b.decided, err = b.state.decisions()
	if err != nil {
		// The record is for the supervisor; the bridge starts a new one.
		b.log.Warn("the record of decisions is unreadable; starting it again", "err", err)
	}
	defer b.decided.close()
	if err := b.recoverFromCrash(); err != nil {
		b.log.Error("state directory", "err", err)
		return ExitFailed
	}
	if b.marker, err = b.state.marker(); err != nil {
		b.log.Error("state directory", "err", err)
		return ExitFailed
	}
	defer b.marker.close()

	if b.watch, err = watch(b.cfg.WatchDir, b.cfg.Pattern); err != nil {
		b.log.Error("cannot watch", "watch_dir", b.cfg.WatchDir, "err", err)
		return ExitFailed
	}
	defer b.watch.close()

	if b.hz, err = hz.Open(cfg.Hazelcast, getenv, log); err != nil {
		b.log.Error("hazelcast", "err", err)
		return ExitConfig
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		b.hz.Close(cctx)
	}()
	if b.tenure, err = tenureOf(getenv, cfg, b.hz); err != nil {
		b.log.Error("the leader's tenure", "err", err)
		return ExitConfig
	}
	if b.tenure != nil {
		b.log = b.log.With("leader", b.tenure.lease.Instance, "epoch", b.tenure.lease.Epoch)
	}

	b.startListing() // the newest existing scan is pushed at start
	rescan := time.NewTicker(b.cfg.RescanEvery.Duration)
	defer rescan.Stop()
	wake := time.NewTimer(0)
	defer wake.Stop()
	for {
		now := time.Now()
		b.process(now)
		b.flush(ctx)
		b.save()
		if b.tenure != nil && b.tenure.over != nil {
			b.log.Warn("the leader's tenure is over: stopping", "reason", b.tenure.over, "pushed", b.pushed)
			return ExitDeposed
		}
		// Ready once connected with nothing left to push: the newest scan
		// that existed at start is in Hazelcast by then.
		if !b.ready && b.settled && b.hz.Connected() && b.outbox == nil {
			b.ready = true
			b.log.Info("bridge ready", "watch_dir", b.cfg.WatchDir, "pattern", b.cfg.Pattern)
		}
		wake.Reset(b.nextWake(now))
		select {
		case <-ctx.Done():
			b.log.Info("bridge stopped", "pushed", b.pushed)
			return 0
		case <-b.watch.changed:
			names, overflow, err := b.watch.take()
			seen := time.Now() // the loop may have waited long for this
			for name, events := range names {
				b.notice(name, events, seen)
			}
			if overflow {
				b.log.Warn("file events were lost (the kernel's queue overflowed); listing the directory")
				b.startListing()
			}
			if err != nil {
				b.log.Error("the watch ended", "watch_dir", b.cfg.WatchDir, "err", err)
				return ExitFailed
			}
		case l := <-b.listed:
			b.listing = false
			b.merge(l, time.Now())
		case <-rescan.C:
			b.startListing()
		case <-wake.C:
		}
	}
}

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
			b.log.Error("the watch directory is a file", "watch_dir", b.cfg.WatchDir)
			return ExitConfig, false
		case !logged:
			b.log.Warn("waiting for the watch directory to appear", "watch_dir", b.cfg.WatchDir, "err", err)
		}
		select {
		case <-ctx.Done():
			return 0, false
		case <-time.After(b.cfg.RescanEvery.Duration):
		}
	}
}

// notice makes a name that changed a candidate, to be looked at afresh.
// A file found incomplete is read again on its retry, or at once when it
// is done changing: a large file written in small pieces is not read again
// for every piece. A file renamed into place, and not written to since, is
// whole: it need not be quiet before it is read.
func (b *Bridge) notice(name string, events uint32, now time.Time) {
	renamed := events&unix.IN_MOVED_TO != 0 && events&writeEvents == 0
	c, ok := b.pending[name]
	if !ok {
		b.pending[name] = &candidate{since: now, renamed: renamed}
		return
	}
	c.info = nil
	c.renamed = renamed || (c.renamed && events&writeEvents == 0)
	if events&doneEvents != 0 {
		c.retryAt = time.Time{}
	}
}

// listing is the directory as a background listing found it.
type listing struct {
	files []listed // regular scan files modified at or after the threshold
	odd   []listed // scan names that are no regular file
	err   error
}

type listed struct {
	name string
	info fs.FileInfo
}

// startListing lists the directory in the background: files that appeared
// while the bridge was down, or whose events were lost. Listing and
// stating 100,000 files takes a few hundred milliseconds, which pushes
// must not wait for.
func (b *Bridge) startListing() {
	if b.listing {
		return
	}
	b.listing = true
	dir, pattern, since := b.cfg.WatchDir, b.cfg.Pattern, b.handled.MTime
	go func() { b.listed <- list(dir, pattern, since) }()
}

func list(dir, pattern string, since int64) listing {
	d, err := os.Open(dir)
	if err != nil {
		return listing{err: err}
	}
	defer d.Close()
	entries, err := d.ReadDir(-1) // unsorted: the order does not matter
	if err != nil {
		return listing{err: err}
	}
	var l listing
	for _, e := range entries {
		if !scanfiles.Match(pattern, e.Name()) {
			continue
		}
		info, err := e.Info() // lstat: a symlink is never followed
		switch {
		case err != nil: // gone meanwhile
		case !info.Mode().IsRegular():
			l.odd = append(l.odd, listed{e.Name(), info})
		case info.ModTime().UnixNano() >= since:
			l.files = append(l.files, listed{e.Name(), info})
		}
	}
	return l
}

// merge makes the files a listing found candidates, unless decided on.
func (b *Bridge) merge(l listing, now time.Time) {
	b.settled = true
	if l.err != nil {
		b.log.Warn("cannot list the watch directory", "watch_dir", b.cfg.WatchDir, "err", l.err)
		return
	}
	for _, f := range l.odd {
		b.noteOdd(f.name, f.info.Mode())
	}
	added := 0
	for _, f := range l.files {
		id := idOf(filepath.Join(b.cfg.WatchDir, f.name), f.info)
		if id == b.handled || id.MTime < b.handled.MTime {
			continue
		}
		if _, ok := b.pending[f.name]; !ok {
			b.pending[f.name] = &candidate{since: now, info: f.info}
			added++
		}
	}
	b.log.Debug("listed the watch directory", "new_files", added, "not_regular", len(l.odd))
}

// noteOdd logs, once for each name and type, a scan name that is no
// regular file: symlinks are never followed, FIFOs and devices never
// opened for reading.
func (b *Bridge) noteOdd(name string, mode fs.FileMode) {
	t := mode.Type()
	if b.odd[name]&t == t && t != 0 {
		return
	}
	if len(b.odd) >= maxRemembered {
		clear(b.odd)
	}
	b.odd[name] |= t
	b.log.Warn("not a regular file; never read", "file", filepath.Join(b.cfg.WatchDir, name), "type", kind(mode))
}

type outcome int

const (
	decided outcome = iota // offered, or not newer: older files are older still
	dropped                // refused or gone: the next older file is tried
	retry                  // incomplete: read again later
)

// process decides on the newest pending file that is complete: offered for
// pushing, or not newer than what is held; everything older is dropped
// unread. Newer files still being written stay pending until they are
// complete or time out; refused files give way to the next older one.
func (b *Bridge) process(now time.Time) {
	if len(b.pending) == 0 {
		return
	}
	type cand struct {
		name string
		c    *candidate
	}
	list := make([]cand, 0, len(b.pending))
	for name, c := range b.pending {
		if c.info == nil {
			// Lstat: a symlink is never followed, so no name in the
			// watched directory can make the bridge read outside it.
			info, err := os.Lstat(filepath.Join(b.cfg.WatchDir, name))
			if err != nil {
				delete(b.pending, name) // renamed away or removed
				continue
			}
			c.info = info
		}
		if !c.info.Mode().IsRegular() {
			b.noteOdd(name, c.info.Mode())
			delete(b.pending, name)
			continue
		}
		list = append(list, cand{name, c})
	}
	slices.SortFunc(list, func(x, y cand) int {
		if c := y.c.info.ModTime().Compare(x.c.info.ModTime()); c != 0 {
			return c
		}
		return cmp.Compare(y.name, x.name)
	})
	for i, x := range list {
		id := idOf(filepath.Join(b.cfg.WatchDir, x.name), x.c.info)
		if id == b.handled || b.isSkipped(id, x.c.info) {
			delete(b.pending, x.name)
			continue
		}
		if now.Before(x.c.retryAt) {
			continue
		}
		switch b.consider(now, x.name, x.c, id) {
		case dropped:
			delete(b.pending, x.name)
		case decided:
			for _, older := range list[i:] {
				delete(b.pending, older.name)
			}
			return
		}
	}
}

func (b *Bridge) isSkipped(id scanfiles.FileID, info fs.FileInfo) bool {
	if b.poisoned[id] {
		return true
	}
	s, ok := b.skipped[id]
	if ok && !s.ctime.IsZero() && !scanfiles.Ctime(info).Equal(s.ctime) {
		delete(b.skipped, id) // its mode or owner changed: try again
		return false
	}
	return ok
}

// consider reads one file, parses it, and decides on it by the acceptance
// rule.
func (b *Bridge) consider(now time.Time, name string, c *candidate, id scanfiles.FileID) outcome {
	data, o, err := readWhole(id.Path, b.cfg.MaxFileSize, !c.renamed)
	if o.id != (scanfiles.FileID{}) {
		id = o.id // what was opened, which may have changed since lstat
	}
	var settling errSettling
	switch {
	case errors.As(err, &settling):
		out := b.incomplete(now, c, id, err)
		if out == retry {
			c.retryAt = settling.until
		}
		return out
	case errors.Is(err, fs.ErrNotExist):
		return dropped
	case errors.Is(err, errNotRegular):
		b.noteOdd(name, o.mode)
		return dropped
	case errors.Is(err, errPermission):
		b.refuse(now, id, err.Error(), scanfiles.Ctime(c.info))
		return dropped
	case errors.Is(err, scanfiles.ErrIncomplete):
		return b.incomplete(now, c, id, err)
	case err != nil:
		b.refuse(now, id, err.Error(), time.Time{})
		return dropped
	}
	if err := scanfiles.Complete(data); err != nil {
		return b.incomplete(now, c, id, err)
	}
	scan, err := b.parse(data, id)
	switch {
	case errors.Is(err, scanfiles.ErrIncomplete):
		return b.incomplete(now, c, id, err)
	case err != nil:
		b.refuse(now, id, err.Error(), time.Time{})
		return dropped
	}

	reading := record.Reading{At: now, Number: scan.Number, Timestamp: scan.Timestamp}
	bar := b.bar()
	j := record.Judge(record.File{Name: name, Read: &reading}, bar, now, b.rule)
	switch j.Verdict {
	case record.Refused:
		// The reading is recorded as read: the supervisor's judgement of
		// it comes to the same.
		b.decided.put(id, reading, j, false)
		b.skipFor(id, j.Reason, time.Time{})
		return dropped
	case record.NotNewer:
		b.decided.put(id, reading, j, false)
		if bar != nil && reading.Number == bar.Number {
			b.log.Debug("scan already pushed", "file", id.Path, "scan", reading.Number)
		} else {
			b.log.Info("skipped an older scan", "file", id.Path, "scan", reading.Number, "reason", j.Reason)
		}
		b.handled = id
		return decided
	}
	rec, err := encodeRecord(scan, name)
	switch {
	case err != nil:
		b.refuse(now, id, "cannot encode: "+err.Error(), time.Time{})
		return dropped
	case int64(len(rec.text)) > b.cfg.MaxRecordSize:
		b.refuse(now, id, fmt.Sprintf("its record is %d bytes, over bridge.max_record_size (%d)", len(rec.text), b.cfg.MaxRecordSize), time.Time{})
		return dropped
	}
	if j.Reason != "" {
		b.log.Warn("scan numbering started again; taking the newer scan", "file", id.Path, "reason", j.Reason)
	}
	b.decided.put(id, reading, j, false)
	b.outbox = &outgoing{file: id, reading: reading, assets: scan.Assets, record: rec}
	b.handled = id
	return decided
}

// incomplete keeps a file that is still being written, until
// incomplete_for has passed since it was first noticed.
func (b *Bridge) incomplete(now time.Time, c *candidate, id scanfiles.FileID, err error) outcome {
	if since := now.Sub(c.since); since > b.cfg.IncompleteFor.Duration {
		b.refuse(now, id, fmt.Sprintf("still incomplete after %s: %v", since.Round(time.Second), err), time.Time{})
		return dropped
	}
	c.retryAt = now.Add(retryIncomplete)
	return retry
}

// refuse records that a file is no scan the bridge may push, and why.
func (b *Bridge) refuse(now time.Time, id scanfiles.FileID, why string, ctime time.Time) {
	b.decided.put(id, record.Reading{At: now, Refused: why}, record.Judgement{Verdict: record.Refused, Reason: why}, false)
	b.skipFor(id, why, ctime)
}

func (b *Bridge) skipFor(id scanfiles.FileID, why string, ctime time.Time) {
	if len(b.skipped) >= maxRemembered {
		clear(b.skipped)
	}
	b.skipped[id] = skip{why: why, ctime: ctime}
	b.log.Warn("skipped a file", "file", id.Path, "reason", why)
}

// parse decodes a whole file, guarded by the crash marker: a file whose
// parsing kills the process is known after the restart.
func (b *Bridge) parse(data []byte, id scanfiles.FileID) (*Scan, error) {
	if err := b.marker.set(id); err != nil {
		return nil, fmt.Errorf("crash marker: %w", err)
	}
	scan, err := ParseScan(data, b.fields)
	if err := b.marker.clear(); err != nil {
		b.log.Warn("crash marker", "err", err)
	}
	if err != nil {
		return nil, err
	}
	if len(scan.Omitted) > 0 {
		b.log.Warn("columns left out", "file", id.Path, "columns", scan.Omitted)
	}
	return scan, nil
}

// bar is the scan a new one must beat: the one about to be pushed, or the
// one in Hazelcast.
func (b *Bridge) bar() *record.ScanHead {
	if b.outbox != nil {
		return &record.ScanHead{Number: b.outbox.reading.Number, Timestamp: b.outbox.reading.Timestamp}
	}
	return b.current
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
	o := b.outbox
	if !b.haveCurrent {
		cur, err := b.readCurrent(ctx)
		if err != nil {
			b.failed(err)
			return
		}
		b.current, b.haveCurrent = cur, true
		if j := record.Judge(record.File{Name: filepath.Base(o.file.Path), Read: &o.reading}, cur, time.Now(), b.rule); j.Verdict != record.Take {
			b.log.Info("skipped an older scan", "file", o.file.Path, "scan", o.reading.Number, "reason", j.Reason)
			b.outbox = nil
			return
		}
	}
	at := time.Now()
	o.record.stamp(at)
	var err error
	if b.tenure != nil {
		err = b.tenure.push(ctx, b.hz, o, b.rule)
	} else {
		err = b.hz.Put(ctx, b.hzcfg.Map, b.hzcfg.ScanKey, string(o.record.text))
	}
	var older errNotNewer
	if errors.As(err, &older) {
		// Another bridge pushed a newer scan meanwhile: read it again.
		b.log.Info("skipped an older scan", "file", o.file.Path, "scan", o.reading.Number, "reason", older.reason)
		b.outbox, b.haveCurrent = nil, false
		return
	}
	if err != nil {
		b.failed(err)
		return
	}
	if b.failures > 0 {
		b.log.Info("Hazelcast is back; pushed the newest scan", "scan", o.reading.Number)
	}
	b.current = &record.ScanHead{Number: o.reading.Number, Timestamp: o.reading.Timestamp, BridgedAt: at}
	b.decided.pushed(o.file)
	b.outbox, b.failures, b.nextTry = nil, 0, time.Time{}
	b.pushed++
	switch {
	case b.pushed == 1:
		b.log.Info("pushed the first scan", "scan", o.reading.Number, "assets", o.assets, "file", o.file.Path)
	case b.pushed%b.cfg.ProgressEvery == 0:
		b.log.Info(fmt.Sprintf("pushed %d scans, latest #%d, %d assets", b.pushed, o.reading.Number, o.assets))
	default:
		b.log.Debug("pushed", "scan", o.reading.Number, "assets", o.assets)
	}
}

// pushBackoff spaces the pushes while Hazelcast is down.
var pushBackoff = backoff.Policy{First: 250 * time.Millisecond, Max: 5 * time.Second}

func (b *Bridge) failed(err error) {
	if b.failures == 0 {
		b.log.Warn("cannot push; retrying until Hazelcast answers", "err", err)
	}
	b.failures++
	b.nextTry = time.Now().Add(pushBackoff.Delay(b.failures))
}

// readCurrent reads the scan Hazelcast holds, so that a restarted bridge
// never replaces it with an older one. A scan that cannot be decoded, or
// comes from the future, is no bar: it is replaced.
func (b *Bridge) readCurrent(ctx context.Context) (*record.ScanHead, error) {
	v, err := b.hz.Get(ctx, b.hzcfg.Map, b.hzcfg.ScanKey)
	if err != nil || v == nil {
		return nil, err
	}
	text, err := hz.Text(v)
	if err != nil {
		b.log.Warn("the scan in Hazelcast is unreadable; replacing it", "err", err)
		return nil, nil
	}
	h, err := record.DecodeScanHead(text)
	if err != nil {
		b.log.Warn("the scan in Hazelcast is unreadable; replacing it", "err", err)
		return nil, nil
	}
	bar, why := record.Bar(&h, time.Now(), b.rule)
	if why != "" {
		b.log.Warn("the scan in Hazelcast is from the future; replacing it", "reason", why)
	}
	return bar, nil
}

// save hands the record of decisions over to be written for the
// supervisor, once per round of work however many files were decided on.
func (b *Bridge) save() {
	err := b.decided.save()
	switch {
	case err != nil && !b.saveFailed:
		b.log.Warn("the record of decisions cannot be written; the supervisor may take a declined file for a waiting one", "err", err)
	case err == nil && b.saveFailed:
		b.log.Info("the record of decisions is written again")
	}
	b.saveFailed = err != nil
}

// nextWake is when the loop must look again without an event: a file
// being written, or a push to retry.
func (b *Bridge) nextWake(now time.Time) time.Duration {
	wait := time.Hour
	for _, c := range b.pending {
		if !c.retryAt.IsZero() {
			wait = min(wait, c.retryAt.Sub(now))
		}
	}
	if b.outbox != nil {
		wait = min(wait, time.Until(b.nextTry))
	}
	if !b.ready {
		wait = min(wait, 100*time.Millisecond)
	}
	return max(wait, time.Millisecond)
}

// recoverFromCrash finds the file the previous bridge was parsing when it
// died, if any, and skips it from now on.
func (b *Bridge) recoverFromCrash() error {
	poisoned, err := b.state.poisoned()
	if err != nil {
		return err
	}
	id, found, err := b.state.takeParsing()
	if err != nil {
		return err
	}
	if found {
		b.log.Error("the previous bridge died while parsing a file; skipping it from now on", "file", id.Path)
		if err := b.state.addPoisoned(id); err != nil {
			return err
		}
		poisoned = append(poisoned, id)
	}
	for _, id := range poisoned {
		b.poisoned[id] = true
		if !b.decided.has(id) {
			const why = "the bridge died while parsing it"
			b.decided.put(id, record.Reading{At: time.Now(), Refused: why}, record.Judgement{Verdict: record.Refused, Reason: why}, true)
		}
	}
	return nil
}
