package jobs

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"tidewatch/alert"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// Recorder records runs, one at a time, in the order they ran (its queue
// keeps them while the database cannot take them). When it tracks health
// (the daemon's does; tidewatch check's does not) each run is recorded
// with the health changes it makes and the problems it opens or resolves,
// judged against the runs recorded before it.
type Recorder struct {
	cfg   *config.Config
	store *db.Store
	log   *slog.Logger
	now   func() time.Time
	queue *queue

	// mu orders the recording of runs, so that each health change follows
	// the one before it; it guards what follows.
	mu       sync.Mutex
	track    tracking
	statuses map[string]checks.Status // the latest recorded, per job and db.Overall
	policy   *alert.Policy
	recorded []func(*db.Run)

	last atomic.Int64 // when the last run was recorded, unix ns

	// OnNotRecorded is told of every run lost for good, with why
	// (queue_full, refused, shutdown): for metrics.
	OnNotRecorded func(job, reason string)
}

// tracking is whether runs record health changes and problems.
type tracking int

const (
	// trackingOff: runs are recorded, and nothing else (tidewatch check,
	// and the daemon once it stops).
	trackingOff tracking = iota
	// trackingWanted: StartTracking was called while history could not be
	// read; each run tries again until it can.
	trackingWanted
	trackingOn
)

// writeTimeout bounds one try at recording a run: the database can be
// locked by another writer (a sqlite3 shell, tidewatch check).
const writeTimeout = 10 * time.Second

// NewRecorder prepares a recorder whose queue holds at most
// database.max_pending_runs runs.
func NewRecorder(cfg *config.Config, store *db.Store, log *slog.Logger) *Recorder {
	rec := &Recorder{cfg: cfg, store: store, log: log.With("component", "recorder"), now: time.Now,
		statuses: map[string]checks.Status{}}
	rec.queue = newQueue(rec, cfg.Database.MaxPendingRuns)
	return rec
}

// Alert makes the tracked runs open and resolve problems by the policy.
func (rec *Recorder) Alert(policy *alert.Policy) { rec.policy = policy }

// Reconfigure records the next runs by cfg and policy (a reload); the
// runs waiting for the database are judged by them too.
func (rec *Recorder) Reconfigure(cfg *config.Config, policy *alert.Policy) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.cfg, rec.policy = cfg, policy
}

// OnRecorded calls fn with every run recorded, after its transaction.
func (rec *Recorder) OnRecorded(fn func(*db.Run)) { rec.recorded = append(rec.recorded, fn) }

// LastRecorded is when the last run was recorded; zero before any.
func (rec *Recorder) LastRecorded() time.Time {
	if n := rec.last.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Pending is how many runs wait to be recorded.
func (rec *Recorder) Pending() int {
	rec.queue.mu.Lock()
	defer rec.queue.mu.Unlock()
	return len(rec.queue.runs)
}

// add hands a run over to be recorded.
func (rec *Recorder) add(run *db.Run) (*pending, error) { return rec.queue.add(run) }

// write records a run: with its health changes and problems when the
// runs are tracked, judged against what was recorded before it.
func (rec *Recorder) write(ctx context.Context, run *db.Run) error {
	wctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	rec.mu.Lock()
	if rec.track == trackingWanted {
		if err := rec.startTracking(wctx); err != nil {
			rec.log.Warn("health changes not tracked yet", "job", run.Job, "err", err)
		}
	}
	prev, seen := rec.statuses[run.Job]
	// A run tried before is judged afresh: what it changes depends on what
	// was recorded before it.
	run.Changes, run.Problems, run.Notices = nil, nil, nil
	if rec.track == trackingOn {
		run.Changes = rec.changes(run.Job, run.Status)
		if rec.policy != nil {
			live, lerr := rec.store.LiveProblems(wctx)
			if lerr != nil {
				rec.log.Error("problems not judged", "job", run.Job, "err", lerr)
			} else {
				evaluate := rec.policy.Evaluate
				if run.Trigger == db.TriggerEvent || run.Trigger == db.TriggerRecheck {
					evaluate = rec.policy.EvaluateChange
				}
				run.Problems, run.Notices = evaluate(run.Job, run.Findings, run.Started, live)
			}
		}
	}
	_, err := rec.store.WriteRun(wctx, run)
	if err == nil {
		rec.statuses[run.Job] = run.Status
		for _, c := range run.Changes {
			rec.statuses[c.Job] = c.Status
		}
	}
	rec.mu.Unlock()
	if err != nil {
		return err
	}
	rec.last.Store(time.Now().UnixNano())
	for _, fn := range rec.recorded {
		fn(run)
	}
	rec.logRun(run, prev, seen)
	return nil
}

// changes are the health changes a run with this status makes: its job's,
// and the overall health's (the worst latest status of all jobs, an error
// counting as critical).
func (rec *Recorder) changes(job string, status checks.Status) []db.HealthChange {
	var out []db.HealthChange
	if rec.statuses[job] != status {
		out = append(out, db.HealthChange{Job: job, Status: status})
	}
	var latest []checks.Status
	for _, j := range rec.cfg.Jobs() {
		if j.Name == job {
			latest = append(latest, status)
		} else {
			latest = append(latest, rec.statuses[j.Name])
		}
	}
	if overall := checks.Worst(latest...); rec.statuses[db.Overall] != overall {
		out = append(out, db.HealthChange{Job: db.Overall, Status: overall})
	}
	return out
}

// StartTracking makes runs record health changes, from which availability
// and incidents are read. If history cannot be written yet, the error is
// returned and each run tries again until it can.
func (rec *Recorder) StartTracking(ctx context.Context) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.track = trackingWanted
	return rec.startTracking(ctx)
}

// startTracking starts tracking, rec.mu held. A tidewatch that died
// without a word left its last statuses standing: from its last run on
// nothing was watched, which is recorded as unknown now.
func (rec *Recorder) startTracking(ctx context.Context) error {
	last, err := rec.store.LastStatuses(ctx)
	if err != nil {
		return err
	}
	lastRun, ok, err := rec.store.LastRunAt(ctx)
	if err != nil {
		return err
	}
	if gone := unknownAll(last); ok && len(gone) > 0 {
		if err := rec.store.WriteChanges(ctx, lastRun, gone); err != nil {
			return err
		}
	}
	rec.statuses, rec.track = map[string]checks.Status{}, trackingOn
	return nil
}

// StopTracking records the runs still waiting to be recorded (those it
// cannot record by the end of ctx are logged and counted as lost), then
// that from now on nothing is watched.
func (rec *Recorder) StopTracking(ctx context.Context) error {
	rec.queue.close(ctx)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.track = trackingOff
	gone := unknownAll(rec.statuses)
	for _, c := range gone {
		rec.statuses[c.Job] = checks.StatusUnknown
	}
	if len(gone) == 0 {
		return nil
	}
	return rec.store.WriteChanges(ctx, rec.now(), gone)
}

func unknownAll(statuses map[string]checks.Status) []db.HealthChange {
	var out []db.HealthChange
	for job, st := range statuses {
		if st != checks.StatusUnknown {
			out = append(out, db.HealthChange{Job: job, Status: checks.StatusUnknown})
		}
	}
	return out
}

// logRun logs healthy runs at debug, others at warn or error, and every
// change of a job's status at info, so that the log tells the story
// without repeating it every 30 seconds.
func (rec *Recorder) logRun(run *db.Run, prev checks.Status, seen bool) {
	attrs := []any{"job", run.Job, "run_id", run.ID, "status", run.Status, "findings", len(run.Findings),
		"duration", run.Finished.Sub(run.Started)}
	if seen && prev != run.Status {
		rec.log.Info("status changed", append(attrs, "from", prev)...)
	}
	switch run.Status {
	case checks.StatusHealthy:
		rec.log.Debug("run", attrs...)
	case checks.StatusError:
		rec.log.Error("run could not check", append(attrs, "err", run.Error)...)
	default:
		for _, f := range run.Findings {
			if f.Severity == checks.Critical {
				attrs = append(attrs, "first_critical", f.Message)
				break
			}
		}
		rec.log.Warn("run", attrs...)
	}
}

// Prune deletes history older than the retention.
func (rec *Recorder) Prune(ctx context.Context) {
	now := rec.now()
	cutoff := now.Add(-rec.cfg.Database.Retention.Duration)
	n, err := rec.store.Prune(ctx, cutoff, now.Add(-rec.cfg.Database.RollupRetention.Duration), 500)
	if err != nil {
		rec.log.Error("prune failed", "err", err)
		return
	}
	if n > 0 {
		rec.log.Info("pruned history", "runs", n, "before", cutoff.UTC().Format(time.RFC3339))
	}
}
