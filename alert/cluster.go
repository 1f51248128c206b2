package alert

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/pages"
)

// Cluster is what the sender needs when several instances share the
// paging (package pages): who sends, and the shared record of what was
// sent. A Sender without one sends all it queues, as a single instance.
type Cluster interface {
	// Turn is this instance's part now. It confirms a leader's lease
	// (leader.Elector.Check), so it is asked right before each send.
	Turn(ctx context.Context) Turn
	// Last is what the shared record says was last sent to a receiver
	// about a problem; nil when nothing was.
	Last(ctx context.Context, receiver, fingerprint string) (*pages.Sent, error)
	// Record adds a notification this instance sent to the shared record.
	Record(ctx context.Context, s pages.Sent) error
	// Orphans are the resolves a leader owes though its outbox holds none
	// (pages.Orphans), once its tenure has settled; none otherwise.
	Orphans(ctx context.Context) ([]pages.Sent, error)
}

// Turn is an instance's part in the paging at one moment.
type Turn struct {
	// Send: it may send (pages.MaySend), and Why it may or may not.
	Send bool
	Why  string
	// Reachable: Hazelcast answers, so the shared record can be read.
	Reachable bool
	// Leading: it holds the lease, confirmed.
	Leading bool
	// Epoch is the one to send at: the tenure's, or the last one held.
	Epoch    int64
	Instance string
	// Lead is its tenure, for pages.Decide; zero for a follower.
	Lead pages.Leadership
}

// deferFor is how long a notification waits before it is decided again
// when this instance may not send it now, or cannot tell yet.
const deferFor = 2 * time.Second

// severityOf is the severity a notification goes out with.
func severityOf(p db.Problem) checks.Severity {
	if p.PagedSeverity != "" {
		return p.PagedSeverity
	}
	return p.Severity
}

// decide sorts a batch's notifications by pages.Decide: the ones to send
// now are returned; the others are skipped or deferred in the outbox.
func (s *Sender) decide(ctx context.Context, w *worker, turn Turn, batch []db.Notification) []db.Notification {
	now := time.Now()
	var send []db.Notification
	var later []int64
	for _, n := range batch {
		p := n.Problem
		var shared *pages.Sent
		if turn.Reachable {
			var err error
			if shared, err = s.Cluster.Last(ctx, w.name, p.Fingerprint()); err != nil {
				// Without the record a page could go twice: decide later.
				s.log.Warn("the shared record of pages cannot be read; deciding later", "receiver", w.name, "err", err)
				later = append(later, n.ID)
				continue
			}
		}
		var own *pages.Sent
		if o, err := s.store.LastSent(ctx, w.name, p.Job, p.Category, p.Indicator); err != nil {
			s.log.Warn("what this instance sent cannot be read; deciding later", "receiver", w.name, "err", err)
			later = append(later, n.ID)
			continue
		} else if o != nil {
			own = &pages.Sent{Receiver: w.name, Fingerprint: o.Fingerprint(), Kind: o.Kind, Severity: o.Severity, Epoch: o.Epoch, Instance: turn.Instance, At: o.At}
		}
		d := pages.Decide(pages.Pending{Kind: n.Kind, Severity: severityOf(p), Queued: n.Created},
			p.State == db.ProblemOpen, pages.Latest(shared, own), turn.Lead, now, s.repeat)
		switch {
		case d.Action == pages.Skip:
			if err := s.store.NotificationSkipped(ctx, n.ID, d.Reason); err != nil {
				s.log.Error("a skipped notification is not recorded as such", "receiver", w.name, "err", err)
			}
			s.log.Info("notification skipped", "receiver", w.name, "kind", n.Kind, "problem", p.Fingerprint(), "reason", d.Reason)
		case d.Action == pages.Send && turn.Send:
			send = append(send, n)
		default:
			later = append(later, n.ID)
		}
	}
	if len(later) > 0 {
		if err := s.store.NotificationDeferred(ctx, later, now.Add(deferFor)); err != nil {
			s.log.Error("notifications not deferred", "receiver", w.name, "err", err)
		}
	}
	return send
}

// share copies into the shared record what this instance sent and has
// not recorded there yet (it was sent while Hazelcast was unreachable, or
// the record failed).
func (s *Sender) share(ctx context.Context, turn Turn) {
	sent, err := s.store.Unshared(ctx, 100)
	if err != nil {
		s.log.Warn("what was sent cannot be read for the shared record", "err", err)
		return
	}
	var done []int64
	for _, x := range sent {
		err := s.Cluster.Record(ctx, pages.Sent{Receiver: x.Receiver, Fingerprint: x.Fingerprint(), Kind: x.Kind, Severity: x.Severity,
			Epoch: x.Epoch, Instance: turn.Instance, At: x.At})
		if err != nil {
			s.log.Warn("a notification sent is not in the shared record yet; trying again", "err", err)
			break
		}
		done = append(done, x.ID)
	}
	if err := s.store.NotificationsShared(ctx, done); err != nil {
		s.log.Error("notifications recorded in the shared record, not here", "err", err)
	}
}

// resolveOrphans sends the resolves a leader owes for pages of this
// receiver that its outbox knows nothing of, and records them.
func (s *Sender) resolveOrphans(ctx context.Context, w *worker, turn Turn) {
	orphans, err := s.Cluster.Orphans(ctx)
	if err != nil {
		s.log.Warn("cannot look for pages left unresolved", "err", err)
		return
	}
	for _, o := range orphans {
		if o.Receiver != w.name || s.stopped() {
			continue
		}
		job, rest, _ := strings.Cut(o.Fingerprint, "/")
		category, indicator, _ := strings.Cut(rest, "/")
		p := db.Problem{Job: job, Category: category, Indicator: indicator, State: db.ProblemResolved, Severity: o.Severity,
			PagedSeverity: o.Severity, Message: "resolved: paged by an earlier leader, no longer seen", Resolved: time.Now()}
		id := make([]byte, 16)
		rand.Read(id)
		sctx, cancel := context.WithTimeout(ctx, w.timeout)
		err := w.notifier.Notify(sctx, []Alert{{ID: hex.EncodeToString(id), Kind: Resolve, Problem: p}})
		cancel()
		if err != nil {
			s.log.Warn("a resolve owed for an earlier leader's page failed; trying again later", "receiver", w.name, "problem", o.Fingerprint, "err", err)
			continue
		}
		s.log.Info("resolved an earlier leader's page", "receiver", w.name, "problem", o.Fingerprint)
		o.Kind, o.Epoch, o.Instance, o.At = Resolve, turn.Epoch, turn.Instance, time.Now()
		if err := s.Cluster.Record(ctx, o); err != nil {
			s.log.Warn("a resolve sent is not in the shared record", "receiver", w.name, "problem", o.Fingerprint, "err", err)
		}
	}
}
