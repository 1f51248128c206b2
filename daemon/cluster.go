package daemon

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"tidewatch/alert"
	"tidewatch/bridgeproc"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/fence"
	"tidewatch/hz"
	"tidewatch/leader"
	"tidewatch/pages"
	"tidewatch/publish"
	"tidewatch/status"
)

// clustered is this instance's part in a cluster ([cluster], package
// leader): it takes part in the election, runs the bridge for its tenures
// only, records every takeover and step-down in history, and tells the
// sender when it is this instance's turn to page (alert.Cluster), and
// publishes the verdict only while it leads (publishing).
type clustered struct {
	cfg    config.Cluster
	el     *leader.Elector
	book   *pages.Book
	store  *db.Store
	bridge *bridgeproc.Bridge // nil without a bridge
	log    *slog.Logger
	now    func() time.Time
	events chan leader.Event

	cancel context.CancelFunc
	done   chan struct{} // the election and its events are over

	mu sync.Mutex
	// tenure is the latest tenure and when it began: the current one
	// while leading, the last one held after that.
	tenure leader.Lease
	since  time.Time
	// stopping: the daemon stops; no bridge is started any more.
	stopping bool
	// onLead is called at every takeover, before any bridge starts.
	onLead func()
}

func newClustered(cfg *config.Config, client *hz.Client, store *db.Store, bridge *bridgeproc.Bridge, log *slog.Logger, now func() time.Time) *clustered {
	c := &clustered{cfg: cfg.Cluster, book: pages.NewBook(client, cfg.Cluster.PagesMap), store: store, bridge: bridge,
		log: log.With("component", "leader"), now: now, events: make(chan leader.Event, 64), done: make(chan struct{})}
	c.el = leader.New(leader.Options{Cluster: cfg.Cluster, KV: client, Log: c.log, OnEvent: c.hand, Floor: store.MaxEpoch})
	return c
}

// publishing is how a leader writes the verdict: through fence.Guard,
// with the election's Check right before each write, so that only the
// leader writes it and a deposed one never overwrites its successor's
// (the verdict carries leader_epoch). A follower's writes are no-ops.
func (c *clustered) publishing(client *hz.Client, g config.Gate) publish.Write {
	guard := fence.Guard(func(ctx context.Context) (int64, error) {
		l, err := c.el.Check(ctx)
		return l.Epoch, err
	}, fence.NewWriter(client, g.VerdictMap, g.VerdictKey))
	return func(ctx context.Context, value string) error {
		err := guard(ctx, []byte(value))
		if errors.Is(err, leader.ErrNotLeader) && c.el.Status().Role != leader.RoleLeader {
			return nil
		}
		// A leader that could not confirm its lease (Hazelcast slow to
		// answer) tries again within a second, as after any failed write.
		return err
	}
}

// hand passes an event on without blocking the election: a renewal may be
// dropped when the queue is full, a change never.
func (c *clustered) hand(e leader.Event) {
	select {
	case c.events <- e:
	default:
		if e.Kind != leader.Renewed {
			c.events <- e
		}
	}
}

// start runs the election until stop.
func (c *clustered) start() {
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	elected := make(chan struct{})
	go func() {
		defer close(elected)
		c.el.Run(ctx)
	}()
	go func() {
		defer close(c.done)
		for {
			select {
			case e := <-c.events:
				c.handle(e)
			case <-elected:
				// The release at the stop is the last event.
				for {
					select {
					case e := <-c.events:
						c.handle(e)
					default:
						return
					}
				}
			}
		}
	}()
}

// quiesce keeps a takeover from starting a bridge once the daemon stops.
func (c *clustered) quiesce() {
	c.mu.Lock()
	c.stopping = true
	c.mu.Unlock()
}

// stop gives the lease up (after the daemon stopped its bridge and its
// sending) and waits for the step-down to be recorded.
func (c *clustered) stop() {
	if c.cancel == nil {
		return
	}
	c.cancel()
	<-c.done
}

func (c *clustered) handle(e leader.Event) {
	switch e.Kind {
	case leader.Renewed:
		return
	case leader.Acquired:
		c.mu.Lock()
		c.tenure, c.since = e.Lease, c.now()
		stopping := c.stopping
		c.mu.Unlock()
		if c.onLead != nil {
			c.onLead()
		}
		if c.bridge != nil && !stopping {
			c.bridge.Lead(e.Lease)
		}
	case leader.Lost, leader.SteppedDown:
		// The bridge's own check of the lease keeps it from pushing once
		// the lease is gone; stopping it is the rest.
		if c.bridge != nil {
			c.bridge.Follow()
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.store.WriteLeadership(ctx, db.Leadership{At: e.At, Kind: e.Kind.String(), Instance: e.Lease.Instance,
		Epoch: e.Lease.Epoch, Reason: e.Reason}); err != nil {
		c.log.Error("a takeover or step-down is not in history", "kind", e.Kind, "epoch", e.Lease.Epoch, "err", err)
	}
}

// Turn is this instance's part in the paging now (pages.MaySend), the
// lease confirmed in Hazelcast when it leads.
func (c *clustered) Turn(ctx context.Context) alert.Turn {
	st := c.el.Status()
	c.mu.Lock()
	tenure, since := c.tenure, c.since
	c.mu.Unlock()
	standing := pages.Standing{Leading: st.Role == leader.RoleLeader, LastLeader: st.LastLeader, Reachable: st.Reachable}
	if standing.Leading {
		l, err := c.el.Check(ctx)
		if err != nil {
			standing.Leading = false
		} else {
			tenure = l
		}
	}
	may, why := pages.MaySend(standing)
	t := alert.Turn{Send: may, Why: why, Reachable: st.Reachable, Leading: standing.Leading, Epoch: tenure.Epoch, Instance: c.cfg.Instance}
	if may {
		t.Lead = pages.Leadership{Since: since, Settle: c.cfg.LeaseTTL.Duration}
	}
	return t
}

// Last reads the shared record of pages.
func (c *clustered) Last(ctx context.Context, receiver, fingerprint string) (*pages.Sent, error) {
	return c.book.Lookup(ctx, receiver, fingerprint)
}

// Record adds to the shared record of pages; one that holds a later
// notification already keeps it.
func (c *clustered) Record(ctx context.Context, s pages.Sent) error {
	_, err := c.book.Record(ctx, s)
	return err
}

// Orphans are the resolves this leader owes for pages it has no problem
// for, once its tenure has settled (others have shared what they sent).
func (c *clustered) Orphans(ctx context.Context) ([]pages.Sent, error) {
	c.mu.Lock()
	since := c.since
	c.mu.Unlock()
	if c.el.Status().Role != leader.RoleLeader || c.now().Before(since.Add(c.cfg.LeaseTTL.Duration)) {
		return nil, nil
	}
	records, err := c.book.All(ctx)
	if err != nil && len(records) == 0 {
		return nil, err
	}
	live, err := c.store.LiveProblems(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, p := range live {
		seen[p.Fingerprint()] = true
	}
	// Current: the job has run since this tenure began, and did not find it.
	ran := map[string]bool{}
	current := func(fp string) bool {
		job, _, _ := strings.Cut(fp, "/")
		if v, ok := ran[job]; ok {
			return v
		}
		run, err := c.store.LatestRun(ctx, job)
		ran[job] = err == nil && run != nil && run.Started.After(since)
		return ran[job]
	}
	return pages.Orphans(records, func(fp string) bool { return seen[fp] }, current), nil
}

// live is the cluster part of /status, from the election now.
func (c *clustered) live() *status.Cluster {
	st := c.el.Status()
	reachable := st.Reachable
	out := &status.Cluster{Instance: st.Instance, Role: string(st.Role), Leader: st.Leader.Instance, Epoch: st.Leader.Epoch,
		LastLeader: st.LastLeader, Reachable: &reachable, Live: true}
	if !st.Renewed.IsZero() {
		age := c.now().Sub(st.Renewed).Seconds()
		out.LeaseAgeS = &age
	}
	return out
}
