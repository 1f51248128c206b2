package alert

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/backoff"
)

// Sender delivers the outbox: one worker per receiver, so that a receiver
// that hangs or fails delays nobody else, and no job ever waits for one.
type Sender struct {
	store   *db.Store
	log     *slog.Logger
	workers []*worker
	// OnFailure is told of every failed attempt, OnSent of every message
	// a receiver took: for metrics.
	OnFailure func(receiver string)
	OnSent    func(receiver string)
	// Cluster, when set before Start, shares the paging with other
	// instances: this one sends only in its turn, and only what no
	// instance sent already.
	Cluster Cluster
	repeat  time.Duration

	// stopping ends the workers' loops; cancel, later, the sends in flight.
	stopping chan struct{}
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

type worker struct {
	name     string
	notifier Notifier
	timeout  time.Duration
	retries  int
	wake     chan struct{}
	// unread is set while the outbox cannot be read, so that a database
	// that stays unreadable is logged once, not every poll.
	unread bool
	// swept is when the worker last looked, in a cluster, for what it
	// should share or resolve beyond its outbox.
	swept time.Time
}

// poll is how often a worker looks for due notifications without a wake.
const poll = time.Second

// sweepEvery is how often a worker in a cluster with nothing due looks
// for what it should share or resolve beyond its outbox: well within the
// settling time of a new leader (a lease TTL), so that what was sent while
// Hazelcast was away is shared before the leader decides on its backlog.
const sweepEvery = 2 * time.Second

// NewSender builds the receivers' notifiers; a secret missing from the
// environment is an error naming the variable.
func NewSender(a config.Alerts, store *db.Store, log *slog.Logger, getenv func(string) string) (*Sender, error) {
	s := &Sender{store: store, log: log.With("component", "alert"), repeat: a.RepeatEvery.Duration}
	meta := NewMeta(a)
	for _, r := range a.Receivers {
		n, err := NewNotifier(r, meta, getenv)
		if err != nil {
			return nil, err
		}
		s.workers = append(s.workers, &worker{name: r.Name, notifier: n, timeout: timeoutOf(r), retries: r.Retries, wake: make(chan struct{}, 1)})
	}
	return s, nil
}

// Start starts the workers. With none, it says so: problems are then
// recorded, and nobody is told.
func (s *Sender) Start() {
	if len(s.workers) == 0 {
		s.log.Warn("no receiver is configured: problems are recorded but nobody is notified (see [[alerts.receivers]])")
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.stopping = cancel, make(chan struct{})
	for _, w := range s.workers {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.run(ctx, w)
		}()
	}
}

// Stop stops the workers: no new message is sent, and the ones being sent
// are given until ctx ends to finish (each has its receiver's timeout
// too) before they are cut off. A send cut off midway may have reached its
// receiver, and goes again after the next start: the receiver can tell by
// its id. What is not sent stays in the outbox for the next start.
func (s *Sender) Stop(ctx context.Context) {
	if s.cancel == nil {
		return
	}
	close(s.stopping)
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		s.log.Warn("notifications still being sent at shutdown: cut off", "err", ctx.Err())
		s.cancel()
		<-done
	}
	s.cancel()
}

// Wake tells the workers that notifications were queued.
func (s *Sender) Wake() {
	for _, w := range s.workers {
		select {
		case w.wake <- struct{}{}:
		default:
		}
	}
}

func (s *Sender) run(ctx context.Context, w *worker) {
	for {
		s.deliver(ctx, w)
		select {
		case <-s.stopping:
			return
		case <-w.wake:
		case <-time.After(poll):
		}
	}
}

func (s *Sender) stopped() bool {
	select {
	case <-s.stopping:
		return true
	default:
		return false
	}
}

// deliver sends a receiver's due notifications, one message per batch.
func (s *Sender) deliver(ctx context.Context, w *worker) {
	due, err := s.store.DueNotifications(ctx, w.name, time.Now(), 500)
	switch {
	case err != nil && ctx.Err() == nil && !w.unread:
		s.log.Error("cannot read the outbox; retrying every poll, quietly", "receiver", w.name, "err", err)
		w.unread = true
	case err == nil && w.unread:
		s.log.Info("the outbox is read again", "receiver", w.name)
		w.unread = false
	}
	if err != nil {
		return
	}
	var turn Turn
	if s.Cluster != nil && (len(due) > 0 || time.Since(w.swept) >= sweepEvery) {
		w.swept = time.Now()
		turn = s.Cluster.Turn(ctx)
		if turn.Reachable {
			s.share(ctx, turn)
		}
		if turn.Leading {
			s.resolveOrphans(ctx, w, turn)
		}
	}
	for len(due) > 0 && !s.stopped() && ctx.Err() == nil {
		batch := due[0].Batch
		var ns []db.Notification
		rest := due[:0:0]
		for _, n := range due {
			if n.Batch != batch {
				rest = append(rest, n)
				continue
			}
			ns = append(ns, n)
		}
		due = rest
		if s.Cluster != nil {
			if ns = s.decide(ctx, w, turn, ns); len(ns) == 0 {
				continue
			}
			// Right before the send: is it still this instance's turn?
			if turn = s.Cluster.Turn(ctx); !turn.Send {
				var ids []int64
				for _, n := range ns {
					ids = append(ids, n.ID)
				}
				if err := s.store.NotificationDeferred(ctx, ids, time.Now().Add(deferFor)); err != nil {
					s.log.Error("notifications not deferred", "receiver", w.name, "err", err)
				}
				continue
			}
		}
		s.send(ctx, w, ns, turn)
	}
}

func (s *Sender) send(ctx context.Context, w *worker, ns []db.Notification, turn Turn) {
	var alerts []Alert
	var ids []int64
	var severities []checks.Severity
	attempts := 0
	for _, n := range ns {
		alerts = append(alerts, Alert{ID: n.UID, Kind: n.Kind, Problem: n.Problem})
		ids = append(ids, n.ID)
		severities = append(severities, severityOf(n.Problem))
		attempts = max(attempts, n.Attempts)
	}
	sctx, cancel := context.WithTimeout(ctx, w.timeout)
	err := w.notifier.Notify(sctx, alerts)
	cancel()
	// The outcome is recorded even when tidewatch is stopping.
	rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer rcancel()
	if err == nil {
		if s.Cluster == nil {
			err = s.store.NotificationSent(rctx, ids, time.Now())
		} else {
			err = s.store.NotificationSentAs(rctx, ids, time.Now(), turn.Epoch, severities, false)
		}
		if err != nil {
			s.log.Error("notification sent but not recorded", "receiver", w.name, "err", err)
		}
		if s.OnSent != nil {
			s.OnSent(w.name)
		}
		s.log.Info("notified", "receiver", w.name, "alerts", len(alerts), "kinds", kinds(alerts))
		if s.Cluster != nil && turn.Reachable {
			s.share(rctx, turn)
		}
		return
	}
	if ctx.Err() != nil {
		// Cut off by the stop, not failed: it goes again at the next start,
		// with the same id, whatever the retries left.
		if rerr := s.store.NotificationFailed(rctx, ids, "cut off by a shutdown: "+err.Error(), time.Now(), MaybeDelivered(err)); rerr != nil {
			s.log.Error("notification failure not recorded", "receiver", w.name, "err", rerr)
		}
		s.log.Warn("notification cut off by the shutdown; it goes again at the next start", "receiver", w.name,
			"alerts", len(alerts), "maybe_delivered", MaybeDelivered(err))
		return
	}
	if s.OnFailure != nil {
		s.OnFailure(w.name)
	}
	var retry time.Time
	if !IsPermanent(err) && attempts < w.retries {
		retry = time.Now().Add(retryBackoff.Delay(attempts + 1))
	}
	if rerr := s.store.NotificationFailed(rctx, ids, err.Error(), retry, MaybeDelivered(err)); rerr != nil {
		s.log.Error("notification failure not recorded", "receiver", w.name, "err", rerr)
	}
	if retry.IsZero() {
		s.log.Error("notification failed for good", "receiver", w.name, "alerts", len(alerts), "attempts", attempts+1, "err", err)
		return
	}
	s.log.Warn("notification failed; retrying", "receiver", w.name, "in", time.Until(retry).Round(time.Millisecond), "err", err)
}

// retryBackoff spaces a notification's retries: 1 s, 2 s, 4 s … at most a
// minute.
var retryBackoff = backoff.Policy{First: time.Second, Max: time.Minute}

func kinds(alerts []Alert) []string {
	var out []string
	for _, a := range alerts {
		if !slices.Contains(out, a.Kind) {
			out = append(out, a.Kind)
		}
	}
	return out
}
