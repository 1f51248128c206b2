package hz

import (
	"context"
	"fmt"
	"hash/maphash"
	"log/slog"
	"sync"
	"time"

	"github.com/hazelcast/hazelcast-go-client"
	"github.com/hazelcast/hazelcast-go-client/serialization"
	"github.com/hazelcast/hazelcast-go-client/types"
)

// ChangeKind says what happened to a watched key.
type ChangeKind string

const (
	Added   ChangeKind = "added"
	Updated ChangeKind = "updated"
	Removed ChangeKind = "removed"
	Expired ChangeKind = "expired"
	Evicted ChangeKind = "evicted"
	// Merged: a split cluster healed, and the key holds the merged value.
	Merged ChangeKind = "merged"
	// Cleared: the whole map was cleared or evicted.
	Cleared ChangeKind = "cleared"
	// Resync: what the key holds, read when the listener was registered
	// (again): changes made while no listener was registered were not
	// reported, so the key is read once.
	Resync ChangeKind = "resync"
)

// Change is one change of a watched key.
type Change struct {
	Map, Key string
	Kind     ChangeKind
	// Value is what the key holds now, as Get would return it (a string
	// for a Python json.dumps, serialization.JSON for a HazelcastJsonValue);
	// nil when it is gone.
	Value any
	// Received is when tidewatch got the event (for a Resync: read it).
	Received time.Time
	// Err is set on a Resync whose read failed: the key's state is not
	// known, and Value is nil.
	Err error
	// OldSize is the size of the value the change replaced, as Size
	// measures it (the value itself is not kept): a large one is memory to
	// hand back once the change is handled.
	OldSize int
}

// Watch keeps an entry listener, with values, on some keys of one map,
// and hands every change to a function. It registers the listener again
// when it may have been lost:
//   - at every connection after the first: a member that restarted has
//     forgotten it, and the client does not register it again by itself
//     (measured with a member killed and restarted, smart and unisocket
//     alike: no event after the restart);
//   - when it is found deaf: a read of a key (Heard) found a value that
//     no event reported, and none reported it within the grace after.
//
// After each registration it reads the keys once (a Resync change), so
// that what changed while nothing listened is not missed.
type Watch struct {
	c      *Client
	m      string
	keys   []string
	fn     func(Change)
	grace  time.Duration
	log    *slog.Logger
	seed   maphash.Seed
	cancel context.CancelFunc
	done   chan struct{}
	kick   chan struct{}

	// OnRegistered and OnDeaf are told of every registration (why: "start",
	// "reconnected", "deaf") and of every deaf listener found, for metrics.
	// Set them before Start.
	OnRegistered func(why string)
	OnDeaf       func(key string)

	mu sync.Mutex
	// gen counts connections; registered is the gen the listener was last
	// registered in, if live.
	gen, registered int
	live            bool
	ids             []types.UUID
	heard           map[string]*heard
	deaf            bool
}

// heard is what the events reported of one key: the latest value's hash
// for good, and the others for a while, so that a read that raced a later
// change still finds what it read.
type heard struct {
	latest  uint64
	recent  map[uint64]time.Time
	suspect map[uint64]time.Time // values read that no event reported yet, since when
}

// heardFor is how long a reported value is remembered beyond the latest:
// longer than a read can take (its deadline) plus the grace.
const heardFor = 30 * time.Second

// absent stands for the hash of a key that holds nothing.
const absent = 0

// NewWatch prepares a watch on keys of map m; Start starts it. fn is
// called for every change, concurrently from several goroutines and in
// order for each key; it must not block.
func (c *Client) NewWatch(m string, keys []string, grace time.Duration, fn func(Change), log *slog.Logger) *Watch {
	w := &Watch{c: c, m: m, keys: keys, fn: fn, grace: grace, log: log, seed: maphash.MakeSeed(),
		done: make(chan struct{}), kick: make(chan struct{}, 1), heard: map[string]*heard{}}
	for _, k := range keys {
		w.heard[k] = &heard{recent: map[uint64]time.Time{}, suspect: map[uint64]time.Time{}}
	}
	return w
}

// Start registers the listener in the background, as soon as the client is
// connected, and keeps it registered until Close.
func (w *Watch) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.c.onConnect(func() {
		w.mu.Lock()
		w.gen++
		w.mu.Unlock()
		w.poke()
	})
	go w.run(ctx)
	w.poke()
}

func (w *Watch) poke() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Close removes the listener and waits for the watch to stop.
func (w *Watch) Close(ctx context.Context) {
	if w.cancel == nil {
		return // never started
	}
	w.cancel()
	<-w.done
	w.mu.Lock()
	ids := w.ids
	w.ids = nil
	w.mu.Unlock()
	w.remove(ctx, ids)
}

func (w *Watch) run(ctx context.Context) {
	defer close(w.done)
	retry := time.NewTimer(time.Hour)
	retry.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.kick:
		case <-retry.C:
		}
		w.mu.Lock()
		why := ""
		switch {
		case !w.live:
			why = "start"
		case w.deaf:
			why = "deaf"
		case w.gen > w.registered:
			why = "reconnected"
		}
		gen := w.gen
		w.mu.Unlock()
		if why == "" || !w.c.Connected() {
			continue
		}
		if err := w.register(ctx, why, gen); err != nil {
			if ctx.Err() != nil {
				return
			}
			w.log.Warn("entry listener not registered; trying again", "map", w.m, "keys", w.keys, "why", why, "err", err)
			retry.Reset(time.Second)
		}
	}
}

// register adds a new listener for every key, removes the old ones, and
// reads the keys once.
func (w *Watch) register(ctx context.Context, why string, gen int) error {
	m, err := w.c.handle(ctx, w.m)
	if err != nil {
		return err
	}
	var ids []types.UUID
	for _, key := range w.keys {
		cctx, cancel := context.WithTimeout(ctx, w.c.cfg.CallTimeout.Duration)
		id, err := m.AddListenerWithKey(cctx, w.listener(key), key, true)
		cancel()
		if err != nil {
			w.remove(ctx, ids)
			return fmt.Errorf("listen to %s[%s]: %w", w.m, key, err)
		}
		ids = append(ids, id)
	}
	w.mu.Lock()
	old := w.ids
	// A connection made while registering makes gen larger than this one,
	// and the listener is registered again for it.
	w.ids, w.registered, w.live, w.deaf = ids, gen, true, false
	w.mu.Unlock()
	w.remove(ctx, old)
	if why == "start" {
		w.log.Info("entry listener registered", "map", w.m, "keys", w.keys)
	} else {
		w.log.Warn("entry listener registered again", "map", w.m, "keys", w.keys, "why", why)
	}
	if w.OnRegistered != nil {
		w.OnRegistered(why)
	}
	for _, key := range w.keys {
		w.resync(ctx, key)
	}
	return nil
}

// remove removes listeners, as far as the cluster can be reached: one
// that cannot be removed belongs to a connection or member that is gone.
func (w *Watch) remove(ctx context.Context, ids []types.UUID) {
	if len(ids) == 0 {
		return
	}
	m, err := w.c.handle(ctx, w.m)
	if err != nil {
		return
	}
	for _, id := range ids {
		cctx, cancel := context.WithTimeout(ctx, w.c.cfg.CallTimeout.Duration)
		if err := m.RemoveEntryListener(cctx, id); err != nil {
			w.log.Debug("entry listener not removed", "map", w.m, "err", err)
		}
		cancel()
	}
}

// resync reads a key and reports what it holds.
func (w *Watch) resync(ctx context.Context, key string) {
	ch := Change{Map: w.m, Key: key, Kind: Resync}
	e, err := w.c.GetEntry(ctx, w.m, key)
	ch.Received = time.Now()
	switch {
	case err != nil:
		ch.Err = err
	case e != nil:
		ch.Value = e.Value
	}
	if err == nil {
		w.note(key, ch.Value, ch.Received)
	}
	w.fn(ch)
}

func (w *Watch) listener(key string) hazelcast.MapListener {
	on := func(kind ChangeKind) func(*hazelcast.EntryNotified) {
		return func(e *hazelcast.EntryNotified) {
			ch := Change{Map: w.m, Key: key, Kind: kind, Value: e.Value, Received: time.Now(), OldSize: Size(e.OldValue)}
			switch kind {
			case Removed, Expired, Evicted, Cleared:
				ch.Value = nil
			case Merged:
				if e.MergingValue != nil {
					ch.Value = e.MergingValue
				}
			}
			w.note(key, ch.Value, ch.Received)
			w.fn(ch)
		}
	}
	return hazelcast.MapListener{
		EntryAdded: on(Added), EntryUpdated: on(Updated), EntryRemoved: on(Removed),
		EntryExpired: on(Expired), EntryEvicted: on(Evicted), EntryMerged: on(Merged),
		MapCleared: on(Cleared), MapEvicted: on(Cleared),
	}
}

// hash identifies a value by its bytes; absent for none.
func (w *Watch) hash(v any) uint64 {
	var h uint64
	switch x := v.(type) {
	case nil:
		return absent
	case string:
		h = maphash.String(w.seed, x)
	case serialization.JSON:
		h = maphash.Bytes(w.seed, x)
	case []byte:
		h = maphash.Bytes(w.seed, x)
	default:
		h = maphash.String(w.seed, fmt.Sprintf("%T %v", v, v))
	}
	if h == absent {
		h++
	}
	return h
}

// note records that an event (or a resync) reported value for key at t.
func (w *Watch) note(key string, v any, t time.Time) {
	h := w.hash(v)
	w.mu.Lock()
	defer w.mu.Unlock()
	k := w.heard[key]
	if k.latest != h {
		k.recent[k.latest] = t
		k.latest = h
	}
	delete(k.suspect, h)
	for old, at := range k.recent {
		if t.Sub(at) > heardFor {
			delete(k.recent, old)
		}
	}
}

// Heard compares what a read of key found at t (nil: nothing) with what
// the events reported. A value no event reported is suspect: if none
// reports it within the grace either, the listener is deaf and is
// registered again (the read itself already judged the value, so nothing
// is lost meanwhile). Reads made before the listener's first registration
// prove nothing and are ignored.
func (w *Watch) Heard(key string, value any, t time.Time) {
	h := w.hash(value)
	w.mu.Lock()
	k, ok := w.heard[key]
	if !ok || !w.live {
		w.mu.Unlock()
		return
	}
	_, recent := k.recent[h]
	if h == k.latest || recent {
		w.mu.Unlock()
		return
	}
	if _, ok := k.suspect[h]; !ok {
		k.suspect[h] = t
	}
	w.mu.Unlock()
	time.AfterFunc(w.grace, func() { w.verify(key, h) })
}

// verify finds the listener deaf when a suspect value is still unreported.
func (w *Watch) verify(key string, h uint64) {
	w.mu.Lock()
	k := w.heard[key]
	since, still := k.suspect[h]
	if still {
		delete(k.suspect, h)
		w.deaf = true
	}
	w.mu.Unlock()
	if !still {
		return
	}
	w.log.Warn("entry listener deaf: a read found a value no event reported; registering it again",
		"map", w.m, "key", key, "read_at", since.UTC().Format(time.RFC3339Nano), "grace", w.grace)
	if w.OnDeaf != nil {
		w.OnDeaf(key)
	}
	w.poke()
}
