package leader_test

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/leader"
)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

var quiet = slog.New(slog.DiscardHandler)

// fast is a lease short enough for tests: 4s, renewed every second, the
// step-down 2.2s after the last renewal.
func fast(m string) config.Cluster {
	c := config.Default().Cluster
	c.Enabled, c.LeaseMap, c.LeaseTTL = true, m, config.Duration{Duration: 4 * time.Second}
	return c
}

// gate stands between an instance and Hazelcast: frozen, it holds every
// call until thawed, whatever the call's deadline, as a stopped process
// would; cut, it fails every call at once, as a client cut off does.
type gate struct {
	leader.KV
	mu     sync.Mutex
	frozen chan struct{}
	cut    bool
}

func (g *gate) wait() error {
	g.mu.Lock()
	ch, cut := g.frozen, g.cut
	g.mu.Unlock()
	if ch != nil {
		<-ch
	}
	if cut {
		return hz.ErrUnreachable
	}
	return nil
}

func (g *gate) setCut(cut bool) {
	g.mu.Lock()
	g.cut = cut
	g.mu.Unlock()
}

func (g *gate) freeze() {
	g.mu.Lock()
	g.frozen = make(chan struct{})
	g.mu.Unlock()
}

func (g *gate) thaw() {
	g.mu.Lock()
	close(g.frozen)
	g.frozen = nil
	g.mu.Unlock()
}

func (g *gate) Get(ctx context.Context, m, k string) (any, error) {
	if err := g.wait(); err != nil {
		return nil, err
	}
	return g.KV.Get(ctx, m, k)
}

func (g *gate) GetExpiring(ctx context.Context, m, k string) (any, time.Time, error) {
	if err := g.wait(); err != nil {
		return nil, time.Time{}, err
	}
	return g.KV.GetExpiring(ctx, m, k)
}

func (g *gate) PutIfAbsent(ctx context.Context, m, k string, v any, ttl time.Duration) (bool, error) {
	if err := g.wait(); err != nil {
		return false, err
	}
	return g.KV.PutIfAbsent(ctx, m, k, v, ttl)
}

func (g *gate) ReplaceIfSame(ctx context.Context, m, k string, old, v any) (bool, error) {
	if err := g.wait(); err != nil {
		return false, err
	}
	return g.KV.ReplaceIfSame(ctx, m, k, old, v)
}

func (g *gate) RemoveIfSame(ctx context.Context, m, k string, v any) (bool, error) {
	if err := g.wait(); err != nil {
		return false, err
	}
	return g.KV.RemoveIfSame(ctx, m, k, v)
}

func (g *gate) SetTTL(ctx context.Context, m, k string, ttl time.Duration) (bool, error) {
	if err := g.wait(); err != nil {
		return false, err
	}
	return g.KV.SetTTL(ctx, m, k, ttl)
}

// record is what a test saw happen: events, and side effects allowed by
// Check, from every instance.
type record struct {
	mu     sync.Mutex
	events []named
	acts   []act
}

type named struct {
	instance string
	leader.Event
}

// act is a Check that let an instance act: the call's start and end.
type act struct {
	instance   string
	epoch      int64
	start, end time.Time
}

func (r *record) add(instance string) func(leader.Event) {
	return func(e leader.Event) {
		r.mu.Lock()
		r.events = append(r.events, named{instance, e})
		r.mu.Unlock()
	}
}

// count counts the events of a kind, of one instance or ("") of all.
func (r *record) count(instance string, k leader.Kind) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Kind == k && (instance == "" || e.instance == instance) {
			n++
		}
	}
	return n
}

// last is the latest event of a kind, of one instance or ("") of all.
func (r *record) last(instance string, k leader.Kind) (named, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		if e := r.events[i]; e.Kind == k && (instance == "" || e.instance == instance) {
			return e, true
		}
	}
	return named{}, false
}

// acted tells whether an instance was allowed to act at an epoch.
func (r *record) acted(instance string, epoch int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range r.acts {
		if a.instance == instance && a.epoch == epoch {
			return true
		}
	}
	return false
}

// noStaleActs asserts what fencing by epoch needs of the lease: once an
// instance has been allowed to act at an epoch, no Check started later lets
// anyone act at a lower one. (A Check that started earlier may answer
// later: that pause between check and act is the fence's to stop.)
func (r *record) noStaleActs(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.acts) == 0 {
		t.Error("no instance was ever allowed to act")
	}
	for _, a := range r.acts {
		for _, b := range r.acts {
			if a.epoch < b.epoch && a.start.After(b.end) {
				t.Errorf("%s acted at epoch %d (check at %s) after %s had at epoch %d (at %s)",
					a.instance, a.epoch, a.start.Format("15:04:05.000"), b.instance, b.epoch, b.end.Format("15:04:05.000"))
				return
			}
		}
	}
}

// instance is one tidewatch's election, with its own client.
type instance struct {
	name   string
	el     *leader.Elector
	client *hz.Client
	gate   *gate
	cancel context.CancelFunc
	done   chan struct{}
}

func start(t *testing.T, c *hztest.Cluster, cfg config.Cluster, name string, r *record, floor func(context.Context) (int64, error)) *instance {
	t.Helper()
	cfg.Instance = name
	in := &instance{name: name, client: c.Client(t, quiet), done: make(chan struct{})}
	in.gate = &gate{KV: in.client}
	in.el = leader.New(leader.Options{Cluster: cfg, KV: in.gate, Log: quiet, OnEvent: r.add(name), Floor: floor})
	ctx, cancel := context.WithCancel(context.Background())
	in.cancel = cancel
	go func() {
		defer close(in.done)
		in.el.Run(ctx)
	}()
	// An actor: a side effect attempted every 20 ms, after a Check.
	go func() {
		for ctx.Err() == nil {
			cctx, ccancel := context.WithTimeout(ctx, time.Second)
			begin := time.Now()
			l, err := in.el.Check(cctx)
			ccancel()
			if err == nil {
				r.mu.Lock()
				r.acts = append(r.acts, act{name, l.Epoch, begin, time.Now()})
				r.mu.Unlock()
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	t.Cleanup(in.stop)
	return in
}

// stop shuts the instance down as SIGTERM would: it releases its lease.
func (in *instance) stop() {
	in.cancel()
	<-in.done
}

// kill ends the instance as SIGKILL would: its client goes, and with it
// any chance to release the lease.
func (in *instance) kill() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	in.client.Close(ctx)
	in.stop()
}

// waitFor polls a condition until it holds or the time is up.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// leaders are the instances that lead now.
func leaders(ins []*instance) []*instance {
	var out []*instance
	for _, in := range ins {
		if in.el.Status().Role == leader.RoleLeader {
			out = append(out, in)
		}
	}
	return out
}

func oneLeader(t *testing.T, ins []*instance, within time.Duration) *instance {
	t.Helper()
	var l *instance
	waitFor(t, within, "one leader", func() bool {
		ls := leaders(ins)
		if len(ls) > 1 {
			t.Fatalf("%d leaders at once: %s and %s", len(ls), ls[0].name, ls[1].name)
		}
		if len(ls) == 1 {
			l = ls[0]
		}
		return l != nil
	})
	return l
}

func TestElection(t *testing.T) {
	c := hztest.StartCluster(t, 3)

	t.Run("one leader among three; its death hands over within the TTL and a renewal", func(t *testing.T) {
		cfg := fast("election-death")
		r := &record{}
		ins := []*instance{start(t, c, cfg, "a", r, nil), start(t, c, cfg, "b", r, nil), start(t, c, cfg, "c", r, nil)}
		first := oneLeader(t, ins, 10*time.Second)
		// Others follow it, knowing who it is.
		for _, in := range ins {
			waitFor(t, 5*time.Second, in.name+" sees the leader", func() bool { return in.el.Status().Leader.Instance == first.name })
		}
		if n := r.count("", leader.Acquired); n != 1 {
			t.Fatalf("%d acquisitions for one leader", n)
		}
		firstEpoch := first.el.Status().Leader.Epoch
		if err := leader.Verify(context.Background(), first.client, cfg.LeaseMap, first.name, firstEpoch); err != nil {
			t.Errorf("the leader's child cannot verify its tenure: %v", err)
		}
		// Two renewals later it still leads, alone.
		waitFor(t, 3*cfg.Renewal(), "two renewals", func() bool { return r.count(first.name, leader.Renewed) >= 2 })
		if ls := leaders(ins); len(ls) != 1 || ls[0] != first || r.count("", leader.Acquired) != 1 {
			t.Fatalf("leaders %v, %d acquisitions", ls, r.count("", leader.Acquired))
		}

		first.kill()
		killed := time.Now()
		var rest []*instance
		for _, in := range ins {
			if in != first {
				rest = append(rest, in)
			}
		}
		next := oneLeader(t, rest, 30*time.Second)
		took := time.Since(killed)
		t.Logf("%s took over %s after %s died", next.name, took.Round(time.Millisecond), first.name)
		if limit := cfg.LeaseTTL.Duration + cfg.Renewal() + 500*time.Millisecond; took > limit {
			t.Errorf("took %s to take over; want at most the TTL and a renewal (%s)", took, limit)
		}
		if e := next.el.Status().Leader.Epoch; e <= firstEpoch {
			t.Errorf("the new leader's epoch %d is not above the old one's (%d)", e, firstEpoch)
		}
		if err := leader.Verify(context.Background(), next.client, cfg.LeaseMap, first.name, firstEpoch); err == nil {
			t.Error("the dead leader's child could still verify its tenure")
		}
		waitFor(t, 10*time.Second, "the new leader acts", func() bool { return r.acted(next.name, next.el.Status().Leader.Epoch) })
		r.noStaleActs(t)

		// A clean stop releases the lease: the next one need not wait for it.
		next.stop()
		stopped := time.Now()
		var last []*instance
		for _, in := range rest {
			if in != next {
				last = append(last, in)
			}
		}
		oneLeader(t, last, 30*time.Second)
		if took := time.Since(stopped); took > cfg.Renewal()+500*time.Millisecond {
			t.Errorf("took %s to take over a released lease; want at most a renewal period", took)
		}
		if ev, ok := r.last(next.name, leader.SteppedDown); !ok || ev.Reason != "shutting down; the lease is released" {
			t.Errorf("the stopped leader's last step-down: %+v", ev)
		}
	})

	t.Run("a leader cut off steps down before its lease expires, and stays the last leader until it sees the next", func(t *testing.T) {
		cfg := fast("election-cut")
		r := &record{}
		ins := []*instance{start(t, c, cfg, "a", r, nil), start(t, c, cfg, "b", r, nil), start(t, c, cfg, "c", r, nil)}
		cut := oneLeader(t, ins, 10*time.Second)
		cut.gate.setCut(true)
		waitFor(t, 10*time.Second, "the cut-off leader steps down", func() bool { return r.count(cut.name, leader.SteppedDown) == 1 })
		if s := cut.el.Status(); s.Role != leader.RoleFollower || !s.LastLeader || s.Reachable || s.Err == "" {
			t.Errorf("after stepping down cut off: %+v; want the last leader, unreachable, with the reason", s)
		}
		var rest []*instance
		for _, in := range ins {
			if in != cut {
				rest = append(rest, in)
			}
		}
		next := oneLeader(t, rest, 30*time.Second)
		// It stepped down before the lease expired: before anyone took over.
		down, _ := r.last(cut.name, leader.SteppedDown)
		if took, _ := r.last(next.name, leader.Acquired); !down.At.Before(took.At) {
			t.Errorf("%s took over at %s, before %s stepped down at %s", next.name, took.At, cut.name, down.At)
		}
		cut.gate.setCut(false)
		waitFor(t, 10*time.Second, "the old leader sees the next", func() bool {
			s := cut.el.Status()
			return s.Leader.Instance == next.name && !s.LastLeader && s.Reachable
		})
		waitFor(t, 10*time.Second, "the new leader acts", func() bool { return r.acted(next.name, next.el.Status().Leader.Epoch) })
		r.noStaleActs(t)
	})

	t.Run("a frozen leader steps down and never acts with a stale epoch", func(t *testing.T) {
		cfg := fast("election-frozen")
		r := &record{}
		ins := []*instance{start(t, c, cfg, "a", r, nil), start(t, c, cfg, "b", r, nil), start(t, c, cfg, "c", r, nil)}
		frozen := oneLeader(t, ins, 10*time.Second)
		old := frozen.el.Status().Leader.Epoch
		frozen.gate.freeze()
		var rest []*instance
		for _, in := range ins {
			if in != frozen {
				rest = append(rest, in)
			}
		}
		next := oneLeader(t, rest, 30*time.Second)
		// Frozen past twice the TTL, as in the proof with real processes.
		time.Sleep(2*cfg.LeaseTTL.Duration - time.Since(frozen.el.Status().Renewed))
		if frozen.el.Status().Role != leader.RoleFollower {
			t.Error("a frozen leader past its lease still says it leads")
		}
		if _, err := frozen.el.Check(context.Background()); err == nil {
			t.Error("a frozen leader past its lease may still act")
		}
		frozen.gate.thaw()
		waitFor(t, 10*time.Second, "the thawed leader steps down", func() bool {
			return r.count(frozen.name, leader.SteppedDown)+r.count(frozen.name, leader.Lost) == 1
		})
		if ev, _ := r.last(frozen.name, leader.SteppedDown); ev.Lease.Epoch != old {
			t.Errorf("stepped down from epoch %d; it held %d", ev.Lease.Epoch, old)
		}
		waitFor(t, 10*time.Second, "the thawed one follows the new leader", func() bool {
			s := frozen.el.Status()
			return s.Leader.Instance == next.name && s.Role == leader.RoleFollower && !s.LastLeader
		})
		waitFor(t, 10*time.Second, "the new leader acts", func() bool { return r.acted(next.name, next.el.Status().Leader.Epoch) })
		r.noStaleActs(t)
	})
}

// TestRenewalsThatHangOnAPausedMemberStepDownInTime freezes the member
// that owns the lease: the leader's renewals hang until their deadline, it
// steps down before the lease could expire, and once the cluster drops the
// member another leader, with a higher epoch, takes over.
func TestRenewalsThatHangOnAPausedMemberStepDownInTime(t *testing.T) {
	c := hztest.StartCluster(t, 3, "-Dhazelcast.max.no.heartbeat.seconds=8")
	cfg := fast("paused")
	r := &record{}
	ins := []*instance{start(t, c, cfg, "a", r, nil), start(t, c, cfg, "b", r, nil), start(t, c, cfg, "c", r, nil)}
	first := oneLeader(t, ins, 10*time.Second)
	old := first.el.Status().Leader.Epoch
	owner := c.Owner(t, leader.LeaseKey)
	owner.Pause(t)
	defer owner.Resume()

	waitFor(t, 30*time.Second, "the leader steps down", func() bool { return r.count(first.name, leader.SteppedDown) == 1 })
	down, _ := r.last(first.name, leader.SteppedDown)
	renewed, _ := r.last(first.name, leader.Renewed)
	if acquired, _ := r.last(first.name, leader.Acquired); acquired.At.After(renewed.At) {
		renewed = acquired
	}
	lifetime := cfg.LeaseTTL.Duration - config.ExpiryGrain - cfg.Margin()
	// The renewal was sent a moment before its event: the step-down comes
	// at the lifetime after the send, within the loop's scheduling.
	if d := down.At.Sub(renewed.At); d > lifetime+200*time.Millisecond {
		t.Errorf("stepped down %s after the last renewal; the lease could expire %s after it", d, lifetime+cfg.Margin())
	}
	t.Logf("stepped down %s after the last renewal: %s", down.At.Sub(renewed.At).Round(time.Millisecond), down.Reason)

	next := oneLeader(t, ins, 60*time.Second)
	if e := next.el.Status().Leader.Epoch; e <= old {
		t.Errorf("leader %s at epoch %d after %d", next.name, e, old)
	}
	waitFor(t, 10*time.Second, "the new leader acts", func() bool { return r.acted(next.name, next.el.Status().Leader.Epoch) })
	r.noStaleActs(t)
}

// TestLosingOneMemberOfThreeCausesNoFailover kills the member that owns
// the lease: its backup takes over, and the leader keeps its lease.
func TestLosingOneMemberOfThreeCausesNoFailover(t *testing.T) {
	c := hztest.StartCluster(t, 3)
	cfg := config.Default().Cluster
	cfg.Enabled, cfg.LeaseMap = true, "one-member"
	r := &record{}
	ins := []*instance{start(t, c, cfg, "a", r, nil), start(t, c, cfg, "b", r, nil), start(t, c, cfg, "c", r, nil)}
	first := oneLeader(t, ins, 30*time.Second)
	epoch := first.el.Status().Leader.Epoch
	c.KillMember(t, c.Owner(t, leader.LeaseKey))
	renewals := r.count(first.name, leader.Renewed)
	// Three TTLs: long past any expiry of the lease as it was.
	deadline := time.Now().Add(3 * cfg.LeaseTTL.Duration)
	for time.Now().Before(deadline) {
		if ls := leaders(ins); len(ls) != 1 || ls[0] != first {
			t.Fatalf("leaders %v after a member was killed; want %s alone", ls, first.name)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := r.count("", leader.Acquired); n != 1 {
		t.Errorf("%d acquisitions; want the first alone", n)
	}
	if n := r.count("", leader.Lost) + r.count("", leader.SteppedDown); n != 0 {
		t.Errorf("%d losses and step-downs", n)
	}
	if got := r.count(first.name, leader.Renewed) - renewals; got < 8 {
		t.Errorf("%d renewals in three TTLs after the member was killed", got)
	}
	if e := first.el.Status().Leader.Epoch; e != epoch {
		t.Errorf("epoch %d, was %d", e, epoch)
	}
	r.noStaleActs(t)
}

// TestEpochsKeepGrowingWhenEveryMemberRestarts: the counter is lost with
// the cluster's data; instances that saw the old epochs, and new ones by
// the wall clock and the floor they are given, still draw higher ones.
func TestEpochsKeepGrowingWhenEveryMemberRestarts(t *testing.T) {
	c := hztest.StartCluster(t, 3)
	cfg := fast("restarted")
	r := &record{}
	ins := []*instance{start(t, c, cfg, "a", r, nil), start(t, c, cfg, "b", r, nil), start(t, c, cfg, "c", r, nil)}
	first := oneLeader(t, ins, 10*time.Second)
	before := first.el.Status().Leader.Epoch
	waitFor(t, 10*time.Second, "the leader acts", func() bool { return r.acted(first.name, before) })

	c.RestartAll(t)
	var next *instance
	waitFor(t, 60*time.Second, "a leader after the restart", func() bool {
		ls := leaders(ins)
		if len(ls) == 1 && ls[0].el.Status().Leader.Epoch != before {
			next = ls[0]
		}
		return next != nil
	})
	after := next.el.Status().Leader.Epoch
	waitFor(t, 10*time.Second, "the new leader acts", func() bool { return r.acted(next.name, after) })
	if after <= before {
		t.Errorf("epoch %d after every member restarted; it was %d", after, before)
	}
	t.Logf("epoch %d (%s) before the restart, %d (%s) after", before, first.name, after, next.name)
	r.noStaleActs(t)
	for _, in := range ins {
		in.kill()
	}

	// New instances, which saw nothing: the wall clock, and the floor they
	// are told of (the epoch of a fenced value, say), keep epochs growing.
	c.RestartAll(t)
	floor := time.Now().UnixMilli() + 1_000_000
	fresh := &record{}
	in := start(t, c, cfg, "d", fresh, func(context.Context) (int64, error) { return floor, nil })
	oneLeader(t, []*instance{in}, 30*time.Second)
	if e := in.el.Status().Leader.Epoch; e != floor+1 {
		t.Errorf("a new instance drew epoch %d; want the floor's next, %d", e, floor+1)
	}
}
