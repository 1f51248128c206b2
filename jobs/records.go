package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/hazelcast/hazelcast-go-client/hzerrors"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/hz"
	"tidewatch/record"
)

// inputs is where a run's job reads the Hazelcast records it judges: at
// the run's instant, through the runner's client, or as a change event
// carried them (given, by key: no second fetch).
type inputs struct {
	r     *Runner
	now   time.Time
	given map[string]Given
	// judged is the exf_latest record the run judged, if it read one, and
	// when an event carried it (zero when fetched).
	judged   *record.ExF
	judgedAt time.Time
}

func (in *inputs) exf(ctx context.Context) checks.ExFRead {
	key := in.r.cfg.Hazelcast.ExFKey
	var read checks.ExFRead
	if g, ok := in.given[key]; ok {
		read = exfRead(in.r.judge(key, g.Value, g.Size, time.Time{}, g.At))
		in.judgedAt = g.At
	} else {
		read = in.r.readExF(ctx, in.now)
	}
	in.judged = read.Record
	return read
}

func (in *inputs) scan(ctx context.Context) checks.ScanRead {
	key := in.r.cfg.Hazelcast.ScanKey
	if g, ok := in.given[key]; ok {
		return scanRead(in.r.judge(key, g.Value, g.Size, time.Time{}, g.At))
	}
	return in.r.readScan(ctx, in.now)
}

// fetch reads one key through its entry view and sorts the outcome:
// unreachable, absent, not decodable as JSON text, or the text with what
// was seen of it, as judge sorts it.
func (r *Runner) fetch(ctx context.Context, key string, now time.Time) (text []byte, seen checks.Seen, unreachable, invalid error) {
	e, err := r.hz.GetEntry(ctx, r.cfg.Hazelcast.Map, key)
	switch {
	case errors.Is(err, hzerrors.ErrHazelcastSerialization):
		return nil, seen, nil, err
	case err != nil:
		return nil, seen, err, nil
	case e == nil:
		if r.Heard != nil {
			r.Heard(key, nil, now)
		}
		return nil, seen, nil, nil
	}
	if r.Heard != nil {
		r.Heard(key, e.Value, now)
	}
	text, seen, invalid = r.judge(key, e.Value, 0, e.Updated, now)
	return text, seen, nil, invalid
}

// judge sorts a value read or carried by an event: absent (nil), not
// JSON text, or the text with what was seen of it (an event is an
// observation too: the record's age counts from when its bytes were
// first seen, however they came). A value over record.MaxSize is refused
// before it is copied, and its memory handed back to the system a moment
// later: one oversized value must not leave the daemon hundreds of
// megabytes larger.
func (r *Runner) judge(key string, v any, size int, updated, now time.Time) (text []byte, seen checks.Seen, invalid error) {
	if v == nil && size == 0 {
		return nil, seen, nil
	}
	if n := max(size, hz.Size(v)); n > record.MaxSize {
		v = nil
		// Not at once: until the client's reader has let go of the frame,
		// a collection would find the value still live and leave a heap
		// goal twice its size, which a quiet daemon keeps for minutes.
		time.AfterFunc(time.Second, debug.FreeOSMemory)
		return nil, seen, fmt.Errorf("it is %.1f MiB (%d bytes), over the %d MiB limit: refused unread", float64(n)/(1<<20), n, record.MaxSize>>20)
	}
	text, err := hz.Text(v)
	if err != nil {
		return nil, seen, err
	}
	return text, checks.Seen{Since: r.observed.see(r.cfg.Hazelcast.Map, key, text, now), Updated: updated}, nil
}

func (r *Runner) readExF(ctx context.Context, now time.Time) checks.ExFRead {
	text, seen, unreachable, invalid := r.fetch(ctx, r.cfg.Hazelcast.ExFKey, now)
	if unreachable != nil {
		return checks.ExFRead{Unreachable: unreachable}
	}
	return exfRead(text, seen, invalid)
}

func exfRead(text []byte, seen checks.Seen, invalid error) checks.ExFRead {
	switch {
	case invalid != nil:
		return checks.ExFRead{Invalid: invalid}
	case text == nil:
		return checks.ExFRead{Absent: true}
	}
	rec, err := record.DecodeExF(text)
	if err != nil {
		return checks.ExFRead{Invalid: err}
	}
	return checks.ExFRead{Record: rec, Seen: seen}
}

func (r *Runner) readScan(ctx context.Context, now time.Time) checks.ScanRead {
	text, seen, unreachable, invalid := r.fetch(ctx, r.cfg.Hazelcast.ScanKey, now)
	if unreachable != nil {
		return checks.ScanRead{Unreachable: unreachable}
	}
	return scanRead(text, seen, invalid)
}

func scanRead(text []byte, seen checks.Seen, invalid error) checks.ScanRead {
	switch {
	case invalid != nil:
		return checks.ScanRead{Invalid: invalid}
	case text == nil:
		return checks.ScanRead{Absent: true}
	}
	head, err := record.DecodeScanHead(text)
	if err != nil {
		return checks.ScanRead{Invalid: err}
	}
	return checks.ScanRead{Head: head, Seen: seen}
}

// observer remembers, per map key, when tidewatch first saw the bytes the
// key holds now: a record's age is never younger than that, whatever it
// says of itself. Observations are kept in the database, so that a restart
// does not reset the clock.
type observer struct {
	mu   sync.Mutex
	seen map[[2]string]*observation
}

type observation struct {
	db.Observation
	saved bool
}

// restore starts from the observations kept.
func (o *observer) restore(kept []db.Observation) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.seen = map[[2]string]*observation{}
	for _, k := range kept {
		o.seen[[2]string{k.Map, k.Key}] = &observation{Observation: k, saved: true}
	}
}

// see notes the bytes a key holds at now and returns when they were first
// seen. Bytes first seen "after" now were seen by a clock that has since
// moved back: from now on is all that can be vouched for.
func (o *observer) see(mapName, key string, text []byte, now time.Time) time.Time {
	sum := sha256.Sum256(text)
	hash := hex.EncodeToString(sum[:])
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen == nil {
		o.seen = map[[2]string]*observation{}
	}
	k := [2]string{mapName, key}
	cur := o.seen[k]
	if cur == nil || cur.Hash != hash || cur.Since.After(now) {
		cur = &observation{Observation: db.Observation{Map: mapName, Key: key, Hash: hash, Since: now}}
		o.seen[k] = cur
	}
	return cur.Since
}

// unsaved are the observations not yet in the database.
func (o *observer) unsaved() []db.Observation {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []db.Observation
	for _, cur := range o.seen {
		if !cur.saved {
			out = append(out, cur.Observation)
		}
	}
	return out
}

// saved marks observations as written, unless they changed meanwhile.
func (o *observer) saved(written []db.Observation) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, w := range written {
		if cur := o.seen[[2]string{w.Map, w.Key}]; cur != nil && cur.Observation == w {
			cur.saved = true
		}
	}
}
