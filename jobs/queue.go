package jobs

import (
	"context"
	"errors"
	"sync"
	"time"

	"tidewatch/db"
)

// queue records runs in the order they ran, from a goroutine of its own,
// so that a database that cannot be written for a while (another writer
// holding its lock, a full disk, a read-only filesystem) holds up no job
// and loses no run: a run that cannot be written for a cause that can pass
// is kept, and tried again, with the runs after it waiting behind it. It
// holds at most max runs; when full, the oldest is dropped. Every run not
// written at once is logged, and every run lost for good is logged and
// counted.
type queue struct {
	rec  *Recorder
	max  int
	kick chan struct{}
	ctx  context.Context // ends when the queue closes
	stop context.CancelFunc
	done chan struct{} // the goroutine has ended

	mu       sync.Mutex
	runs     []*pending // oldest first
	inflight *pending   // being written by the goroutine: never dropped
	failing  error      // why the oldest could not be written, until one is
	started  bool
	closed   bool
}

// pending is a run waiting to be recorded.
type pending struct {
	run  *db.Run
	done chan error // its first outcome: recorded, lost, or kept after a failed try
	told bool
}

// retryEvery is how soon a run that could not be written is tried again
// (a try waits for a lock for up to writeTimeout itself).
const retryEvery = time.Second

func newQueue(rec *Recorder, max int) *queue {
	ctx, cancel := context.WithCancel(context.Background())
	return &queue{rec: rec, max: max, kick: make(chan struct{}, 1), ctx: ctx, stop: cancel, done: make(chan struct{})}
}

// tell gives a run's caller its first outcome; q.mu held.
func (p *pending) tell(err error) {
	if !p.told {
		p.told = true
		p.done <- err
	}
}

// add queues a run for recording.
func (q *queue) add(run *db.Run) (*pending, error) {
	p := &pending{run: run, done: make(chan error, 1)}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		err := errors.New("not recorded: tidewatch is stopping")
		q.lost(p, "shutdown", err)
		return p, nil
	}
	if !q.started {
		q.started = true
		go q.loop()
	}
	if len(q.runs) >= q.max {
		i := 0
		if q.runs[0] == q.inflight {
			i = 1
		}
		old := q.runs[i]
		q.runs = append(q.runs[:i], q.runs[i+1:]...)
		q.rec.log.Error("run dropped: too many runs wait to be recorded", "job", old.run.Job,
			"started", old.run.Started.Format(time.RFC3339Nano), "status", old.run.Status, "waiting", q.max)
		q.count(old.run.Job, "queue_full")
		old.tell(errors.New("not recorded: dropped, too many runs waited to be recorded"))
	}
	q.runs = append(q.runs, p)
	if q.failing != nil {
		q.keep(p)
	}
	select {
	case q.kick <- struct{}{}:
	default:
	}
	return p, nil
}

// keep logs that a run is not recorded yet and tells its caller; q.mu held.
func (q *queue) keep(p *pending) {
	q.rec.log.Error("run not recorded", "job", p.run.Job, "status", p.run.Status, "waiting", len(q.runs),
		"kept", "in memory, recorded once the database can be written", "err", q.failing)
	p.tell(errors.Join(errors.New("not recorded yet: kept in memory"), q.failing))
}

// lost logs and counts a run that will never be recorded; q.mu held.
func (q *queue) lost(p *pending, reason string, err error) {
	q.rec.log.Error("run not recorded, and lost", "job", p.run.Job, "status", p.run.Status, "reason", reason, "err", err)
	q.count(p.run.Job, reason)
	p.tell(err)
}

func (q *queue) count(job, reason string) {
	if q.rec.OnNotRecorded != nil {
		q.rec.OnNotRecorded(job, reason)
	}
}

func (q *queue) loop() {
	defer close(q.done)
	for {
		q.mu.Lock()
		if len(q.runs) == 0 {
			q.mu.Unlock()
			select {
			case <-q.kick:
				continue
			case <-q.ctx.Done():
				return
			}
		}
		p := q.runs[0]
		q.inflight = p
		q.mu.Unlock()

		err := q.rec.write(q.ctx, p.run)

		q.mu.Lock()
		q.inflight = nil
		switch {
		case err == nil:
			q.runs = q.runs[1:]
			p.tell(nil)
			if q.failing != nil {
				q.failing = nil
				q.rec.log.Info("runs are recorded again", "waiting", len(q.runs))
			}
		case q.ctx.Err() != nil:
			// Closing: close records what is left.
			q.mu.Unlock()
			return
		case db.Transient(err):
			q.failing = err
			for _, w := range q.runs {
				if !w.told {
					q.keep(w)
				}
			}
			q.mu.Unlock()
			select {
			case <-time.After(retryEvery):
			case <-q.ctx.Done():
				return
			}
			continue
		default:
			q.runs = q.runs[1:]
			q.lost(p, "refused", err)
		}
		q.mu.Unlock()
	}
}

// close stops the goroutine and records what waits, in order, until ctx
// ends; what is left then is logged and counted as lost.
func (q *queue) close(ctx context.Context) {
	q.mu.Lock()
	q.closed = true
	started := q.started
	q.mu.Unlock()
	q.stop()
	if started {
		<-q.done
	}
	// Nothing else touches the runs now: add refuses them once closed.
	q.mu.Lock()
	runs := q.runs
	q.runs = nil
	q.mu.Unlock()
	for i, p := range runs {
		if err := q.rec.write(ctx, p.run); err != nil {
			q.rec.log.Error("runs not recorded: tidewatch stopped before the database could be written", "runs", len(runs)-i, "err", err)
			q.mu.Lock()
			for _, w := range runs[i:] {
				q.count(w.run.Job, "shutdown")
				w.tell(err)
			}
			q.mu.Unlock()
			return
		}
		q.mu.Lock()
		p.tell(nil)
		q.mu.Unlock()
	}
}
