package leader

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"tidewatch/config"
	"tidewatch/hz"
)

// KV is what the election needs of Hazelcast; *hz.Client is one. Tests
// put a gate in front of it to freeze an instance in the middle of a call.
type KV interface {
	Getter
	GetExpiring(ctx context.Context, mapName, key string) (any, time.Time, error)
	PutIfAbsent(ctx context.Context, mapName, key string, value any, ttl time.Duration) (bool, error)
	ReplaceIfSame(ctx context.Context, mapName, key string, old, value any) (bool, error)
	RemoveIfSame(ctx context.Context, mapName, key string, value any) (bool, error)
	SetTTL(ctx context.Context, mapName, key string, ttl time.Duration) (bool, error)
}

// Kind is what happened to this instance's lease.
type Kind int

const (
	// Acquired: this instance leads, at Lease.Epoch.
	Acquired Kind = iota + 1
	// Renewed: the lease was renewed.
	Renewed
	// Lost: Hazelcast showed the lease gone or someone else's; this
	// instance no longer leads.
	Lost
	// SteppedDown: this instance stopped leading by itself: its renewals
	// failed until the margin before the lease could expire, or it is
	// shutting down.
	SteppedDown
)

func (k Kind) String() string {
	switch k {
	case Acquired:
		return "acquired"
	case Renewed:
		return "renewed"
	case Lost:
		return "lost"
	case SteppedDown:
		return "stepped down"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Event is a change of this instance's lease.
type Event struct {
	Kind Kind
	// Lease is this instance's tenure the event is about.
	Lease Lease
	// Reason says why, for Lost and SteppedDown.
	Reason string
	At     time.Time
}

// Options configure an Elector.
type Options struct {
	Cluster config.Cluster
	KV      KV
	Log     *slog.Logger
	// OnEvent is told of every event, in order, from the election's own
	// goroutine: it must not block (a slow handler delays renewals).
	OnEvent func(Event)
	// Floor, optional, is the highest epoch the caller knows of beyond
	// Hazelcast's counter (its history, fenced values): consulted when the
	// counter has been lost and must be created again.
	Floor func(ctx context.Context) (int64, error)
}

// Elector takes part in the election for one instance: Run takes and keeps
// the lease when it can; Check and Status tell the rest of the instance
// whether it leads.
type Elector struct {
	cfg     config.Cluster
	kv      KV
	log     *slog.Logger
	onEvent func(Event)
	floor   func(context.Context) (int64, error)
	nudge   chan struct{}

	mu sync.Mutex
	// term is this instance's tenure; nil while following.
	term *tenure
	// seen is the lease as last read, and expires when the member said it
	// would expire it.
	seen    Lease
	expires time.Time
	highest int64
	// own is the epoch of this instance's latest tenure.
	own int64
	// lastLeader: this instance stepped down without anyone else taking
	// over (as far as it knows): it is the last known leader.
	lastLeader bool
	reachable  bool
	lastErr    string
}

type tenure struct {
	lease Lease
	text  string
	// renewed is when the last renewal (or the put) that succeeded was
	// sent; valid is how long that lets this instance act. Both carry the
	// monotonic clock.
	renewed time.Time
	valid   time.Time
}

// New prepares an Elector; Run starts it.
func New(o Options) *Elector {
	return &Elector{cfg: o.Cluster, kv: o.KV, log: o.Log, onEvent: o.OnEvent, floor: o.Floor, nudge: make(chan struct{}, 1)}
}

// pollSlack is how long after the member's expiry time a follower reads
// the lease again: the member expires it when its clock passes that time.
const pollSlack = 20 * time.Millisecond

// Run takes part in the election until ctx ends, then gives up the lease
// if it holds it (a successor then need not wait for it to expire).
func (e *Elector) Run(ctx context.Context) {
	for {
		wait := e.step(ctx)
		timer := time.NewTimer(max(wait, 0))
		select {
		case <-ctx.Done():
			timer.Stop()
			e.release()
			return
		case <-timer.C:
		case <-e.nudge:
			timer.Stop()
		}
	}
}

func (e *Elector) step(ctx context.Context) time.Duration {
	e.mu.Lock()
	t := e.term
	e.mu.Unlock()
	if t != nil {
		return e.keep(ctx, t)
	}
	return e.follow(ctx)
}

// lifetime is how long after sending a renewal that succeeded the leader
// may act: the TTL less the member's whole-second grain and the margin.
func (e *Elector) lifetime() time.Duration {
	return e.cfg.LeaseTTL.Duration - config.ExpiryGrain - e.cfg.Margin()
}

// keep renews the lease, or steps down when it can no longer.
func (e *Elector) keep(ctx context.Context, t *tenure) time.Duration {
	e.mu.Lock()
	valid, renewed := t.valid, t.renewed
	e.mu.Unlock()
	if now := time.Now(); !now.Before(valid) {
		// A loop that wakes a renewal period or more past the lease did not
		// run meanwhile (a SIGSTOP, a starved machine): that is no outage,
		// and this instance is not the one to page through one.
		if late := now.Sub(valid); late > e.cfg.Renewal() {
			e.stepDown(t, fmt.Sprintf("the lease ran out while this process did not run (%s past it)", late.Round(time.Millisecond)), false)
			return 0
		}
		e.stepDown(t, fmt.Sprintf("no renewal succeeded for %s (%s)", now.Sub(renewed).Round(time.Millisecond), e.lastError()), true)
		return 0
	}
	sent := time.Now()
	// A renewal that has not answered when the lease runs out is too late.
	cctx, cancel := context.WithDeadline(ctx, valid)
	defer cancel()
	ok, err := e.kv.SetTTL(cctx, e.cfg.LeaseMap, LeaseKey, e.cfg.LeaseTTL.Duration)
	if err == nil && !ok {
		e.reached()
		e.lose(t, "the lease is gone from Hazelcast (expired or removed)")
		return 0
	}
	var v any
	var expires time.Time
	if err == nil {
		v, expires, err = e.kv.GetExpiring(cctx, e.cfg.LeaseMap, LeaseKey)
	}
	if err != nil {
		if ctx.Err() != nil {
			return 0
		}
		e.failed("renew the lease", err)
		return min(e.cfg.Renewal()/4, time.Until(valid))
	}
	e.reached()
	if text, _ := hz.Text(v); string(text) != t.text {
		e.lose(t, describe(v))
		return 0
	}
	e.mu.Lock()
	t.renewed, t.valid = sent, sent.Add(e.lifetime())
	e.seen, e.expires = t.lease, expires
	e.mu.Unlock()
	e.emit(Event{Kind: Renewed, Lease: t.lease, At: time.Now()})
	return e.cfg.Renewal() - time.Since(sent)
}

// follow reads the lease and takes it when it is free.
func (e *Elector) follow(ctx context.Context) time.Duration {
	v, expires, err := e.kv.GetExpiring(ctx, e.cfg.LeaseMap, LeaseKey)
	if err != nil {
		if ctx.Err() == nil {
			e.failed("read the lease", err)
		}
		return e.cfg.Renewal()
	}
	e.reached()
	if v == nil {
		e.mu.Lock()
		e.seen, e.expires = Lease{}, time.Time{}
		e.mu.Unlock()
		return e.acquire(ctx)
	}
	e.observe(v, expires)
	return e.untilExpiry(expires)
}

// observe notes the lease someone holds.
func (e *Elector) observe(v any, expires time.Time) {
	l, err := decodeLease(v)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.expires = expires
	if err != nil {
		e.log.Warn("leader: the lease entry is unreadable; waiting for it to expire", "err", err)
		return
	}
	// This instance's own last tenure, still in Hazelcast after it stepped
	// down, is no sign that someone else took over.
	mine := l.Instance == e.cfg.Instance && l.Epoch == e.own
	if !mine && (l.Instance != e.seen.Instance || l.Epoch != e.seen.Epoch) {
		e.log.Info("leader: following", "leader", l.Instance, "epoch", l.Epoch, "since", l.Since)
	}
	if !mine {
		e.lastLeader = false
	}
	e.seen, e.highest = l, max(e.highest, l.Epoch)
}

// untilExpiry is how long a follower waits before reading the lease again.
func (e *Elector) untilExpiry(expires time.Time) time.Duration {
	wait := e.cfg.Renewal()
	if !expires.IsZero() {
		wait = min(wait, max(time.Until(expires), 0)+pollSlack)
	}
	return wait
}

// acquire tries to take the free lease (see the package documentation).
func (e *Elector) acquire(ctx context.Context) time.Duration {
	counter, err := e.kv.Get(ctx, e.cfg.LeaseMap, EpochKey)
	if err != nil {
		e.failed("read the epoch counter", err)
		return e.cfg.Renewal()
	}
	epoch := e.nextEpoch(ctx, counter)
	l := Lease{Instance: e.cfg.Instance, Epoch: epoch, Since: time.Now().UTC().Truncate(time.Millisecond)}
	text := l.text()
	sent := time.Now()
	ok, err := e.kv.PutIfAbsent(ctx, e.cfg.LeaseMap, LeaseKey, text, e.cfg.LeaseTTL.Duration)
	if err != nil || !ok {
		// The client may have sent the put twice: the first may be ours.
		v, expires, gerr := e.kv.GetExpiring(ctx, e.cfg.LeaseMap, LeaseKey)
		if gerr != nil {
			e.failed("put the lease", errors.Join(err, gerr))
			e.drop(text)
			return e.cfg.Renewal()
		}
		if t, _ := hz.Text(v); string(t) != text {
			if v != nil {
				e.observe(v, expires)
			}
			return e.untilExpiry(expires)
		}
	}
	// Draw the epoch while the entry holds this text.
	var drawn bool
	if counter == nil {
		drawn, err = e.kv.PutIfAbsent(ctx, e.cfg.LeaseMap, EpochKey, strconv.FormatInt(epoch, 10), 0)
	} else {
		drawn, err = e.kv.ReplaceIfSame(ctx, e.cfg.LeaseMap, EpochKey, counter, strconv.FormatInt(epoch, 10))
	}
	if err != nil {
		e.failed("draw an epoch", err)
		e.drop(text)
		return e.cfg.Renewal()
	}
	if !drawn {
		e.log.Info("leader: the epoch counter moved while taking the lease; trying again", "epoch", epoch)
		e.drop(text)
		return 0
	}
	e.mu.Lock()
	e.highest = max(e.highest, epoch)
	e.mu.Unlock()
	v, expires, err := e.kv.GetExpiring(ctx, e.cfg.LeaseMap, LeaseKey)
	if err != nil {
		e.failed("confirm the lease", err)
		e.drop(text)
		return e.cfg.Renewal()
	}
	if t, _ := hz.Text(v); string(t) != text {
		e.log.Warn("leader: the lease was lost while it was being taken", "epoch", epoch, "now", describe(v))
		return 0
	}
	t := &tenure{lease: l, text: text, renewed: sent, valid: sent.Add(e.lifetime())}
	e.mu.Lock()
	e.term, e.seen, e.expires, e.own, e.lastLeader = t, l, expires, epoch, false
	e.mu.Unlock()
	e.log.Info("leader: took the lease", "epoch", epoch)
	e.emit(Event{Kind: Acquired, Lease: l, At: time.Now()})
	return e.cfg.Renewal() - time.Since(sent)
}

// nextEpoch is the epoch to draw from the counter's value (nil: absent).
func (e *Elector) nextEpoch(ctx context.Context, counter any) int64 {
	e.mu.Lock()
	next := e.highest + 1
	e.mu.Unlock()
	if counter != nil {
		text, err := hz.Text(counter)
		c, perr := strconv.ParseInt(string(text), 10, 64)
		if err == nil && perr == nil && c > 0 {
			return max(next, c+1)
		}
		e.log.Warn("leader: the epoch counter is unreadable; replacing it as if it were lost", "value", fmt.Sprintf("%.40v", counter))
	}
	// The counter is lost (or was never there): see "Epochs after the
	// counter is lost" in the package documentation.
	next = max(next, time.Now().UnixMilli())
	if e.floor != nil {
		f, err := e.floor(ctx)
		if err != nil {
			e.log.Warn("leader: the highest epoch known elsewhere cannot be read", "err", err)
		}
		next = max(next, f+1)
	}
	return next
}

// drop removes this instance's lease text if it is still there: taken
// without an epoch, it must not keep the others waiting for it to expire.
func (e *Elector) drop(text string) {
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.Renewal())
	defer cancel()
	if _, err := e.kv.RemoveIfSame(ctx, e.cfg.LeaseMap, LeaseKey, text); err != nil {
		e.log.Debug("leader: an unused lease was not removed; it expires by itself", "err", err)
	}
}

// release gives up the lease at shutdown.
func (e *Elector) release() {
	e.mu.Lock()
	t := e.term
	e.term = nil
	e.mu.Unlock()
	if t == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.Renewal())
	defer cancel()
	reason := "shutting down; the lease is released"
	if ok, err := e.kv.RemoveIfSame(ctx, e.cfg.LeaseMap, LeaseKey, t.text); err != nil || !ok {
		reason = fmt.Sprintf("shutting down; the lease could not be released (removed: %v, %v): it expires by itself", ok, err)
	}
	e.log.Info("leader: stepped down", "epoch", t.lease.Epoch, "reason", reason)
	e.emit(Event{Kind: SteppedDown, Lease: t.lease, Reason: reason, At: time.Now()})
}

// stepDown ends a tenure by this instance's own clock; last says it
// remains the last known leader (its renewals failed in time: Hazelcast
// is away), which pages while Hazelcast is unreachable.
func (e *Elector) stepDown(t *tenure, reason string, last bool) {
	e.mu.Lock()
	if e.term != t {
		e.mu.Unlock()
		return
	}
	e.term, e.lastLeader = nil, last
	e.mu.Unlock()
	e.log.Warn("leader: stepped down", "epoch", t.lease.Epoch, "reason", reason)
	e.emit(Event{Kind: SteppedDown, Lease: t.lease, Reason: reason, At: time.Now()})
}

func (e *Elector) lose(t *tenure, reason string) {
	e.mu.Lock()
	if e.term != t {
		e.mu.Unlock()
		return
	}
	e.term, e.lastLeader = nil, false
	e.mu.Unlock()
	e.log.Warn("leader: lost the lease", "epoch", t.lease.Epoch, "reason", reason)
	e.emit(Event{Kind: Lost, Lease: t.lease, Reason: reason, At: time.Now()})
}

func (e *Elector) emit(ev Event) {
	if e.onEvent != nil {
		e.onEvent(ev)
	}
}

func (e *Elector) failed(what string, err error) {
	e.mu.Lock()
	first := e.reachable || e.lastErr == ""
	e.reachable, e.lastErr = false, what+": "+err.Error()
	e.mu.Unlock()
	if first {
		e.log.Warn("leader: cannot "+what, "err", err)
	}
}

func (e *Elector) reached() {
	e.mu.Lock()
	e.reachable = true
	e.mu.Unlock()
}

func (e *Elector) lastError() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lastErr
}

// describe says what a lease entry shows, for a leader that lost it.
func describe(v any) string {
	if v == nil {
		return "the lease is gone from Hazelcast (expired or removed)"
	}
	l, err := decodeLease(v)
	if err != nil {
		return "the lease entry was replaced: " + err.Error()
	}
	return "the lease is now " + l.String()
}

// Check confirms that this instance leads, right before a side effect: its
// lease is still valid by the local clock, and Hazelcast still holds this
// tenure's entry. It returns the lease to stamp writes with (its epoch).
func (e *Elector) Check(ctx context.Context) (Lease, error) {
	e.mu.Lock()
	t := e.term
	var valid time.Time
	if t != nil {
		valid = t.valid
	}
	e.mu.Unlock()
	if t == nil {
		return Lease{}, fmt.Errorf("%w: following", ErrNotLeader)
	}
	if !time.Now().Before(valid) {
		return Lease{}, fmt.Errorf("%w: the lease was not renewed in time", ErrNotLeader)
	}
	cctx, cancel := context.WithDeadline(ctx, valid)
	defer cancel()
	v, err := e.kv.Get(cctx, e.cfg.LeaseMap, LeaseKey)
	if err != nil {
		return Lease{}, fmt.Errorf("%w: the lease cannot be confirmed: %w", ErrNotLeader, err)
	}
	if text, _ := hz.Text(v); string(text) != t.text {
		// The loop finds out for itself at once, and says so.
		select {
		case e.nudge <- struct{}{}:
		default:
		}
		return Lease{}, fmt.Errorf("%w: %s", ErrNotLeader, describe(v))
	}
	// A pause during the read could have outlasted the lease.
	e.mu.Lock()
	valid = t.valid
	e.mu.Unlock()
	if !time.Now().Before(valid) {
		return Lease{}, fmt.Errorf("%w: the lease ran out while it was being confirmed", ErrNotLeader)
	}
	return t.lease, nil
}

// Role is an instance's part in the cluster.
type Role string

const (
	RoleLeader   Role = "leader"
	RoleFollower Role = "follower"
)

// Status is what this instance knows of the lease now.
type Status struct {
	Instance string
	Role     Role
	// Leader is the lease as last seen: this instance's own while it leads,
	// another's or an expired one otherwise; zero when none was seen.
	Leader Lease
	// Renewed is when the leader's lease was last renewed: for this
	// instance's own, by its clock; for another's, as the member's expiry
	// time less the TTL tells. Zero when unknown.
	Renewed time.Time
	// LastLeader: this instance stepped down when its renewals failed, and
	// has not seen anyone else take over since.
	LastLeader bool
	// Reachable: the last call to Hazelcast succeeded.
	Reachable bool
	// Err is why the last call failed, while not Reachable.
	Err string
}

// Status reports the election's state. An instance whose lease ran out by
// its clock is a follower, whether or not its loop has stepped down yet.
func (e *Elector) Status() Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := Status{Instance: e.cfg.Instance, Role: RoleFollower, Leader: e.seen, LastLeader: e.lastLeader, Reachable: e.reachable}
	if !e.reachable {
		s.Err = e.lastErr
	}
	if !e.expires.IsZero() {
		s.Renewed = e.expires.Add(-e.cfg.LeaseTTL.Duration)
	}
	if t := e.term; t != nil {
		s.Leader = t.lease
		// The wall clock of when it was sent: the monotonic reading stays
		// inside this process.
		s.Renewed = t.renewed.Round(0)
		if time.Now().Before(t.valid) {
			s.Role = RoleLeader
		}
	}
	return s
}
