// Package jobs runs tidewatch's checks as discrete jobs: each run gathers
// its inputs (Hazelcast, disk), calls a pure check, and records the verdict.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"tidewatch/alert"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/hz"
)

// Bridge is what the bridge job needs of the bridge tidewatch run
// supervises.
type Bridge interface {
	// Snapshot is the bridge's state now, with what it recorded.
	Snapshot() checks.BridgeProcess
	// NewestFile is the newest whole scan file, with what the bridge
	// recorded of it; nil when there is none.
	NewestFile() (*checks.NewestFile, error)
	// Restart restarts a stuck bridge.
	Restart(reason string)
}

// Runner runs jobs and records them.
type Runner struct {
	cfg   *config.Config
	hz    *hz.Client
	store *db.Store
	sup   Bridge // nil unless tidewatch run supervises a bridge
	log   *slog.Logger
	now   func() time.Time

	busy map[string]*sync.Mutex // a job never overlaps itself
	// checkFn gathers inputs and checks; a field so that a test can make
	// it panic.
	checkFn func(ctx context.Context, name string, now time.Time) (checks.Result, error)

	mu     sync.Mutex
	fresh  checks.FreshnessState
	bridge checks.BridgeState

	observed     observer
	snapFailures map[snapshotFile]time.Time // see readSnapshot

	// record orders the recording of runs, so that each health change
	// follows the one before it.
	record   sync.Mutex
	statuses map[string]checks.Status // the latest recorded, per job and db.Overall
	tracking bool                     // record health changes and problems (the daemon does; check does not)
	track    bool                     // StartTracking was called: tracking starts once history can be written
	policy   *alert.Policy
	recorded func(*db.Run)
	last     atomic.Int64 // when the last run was recorded, unix ns

	// queue holds the runs waiting to be recorded, oldest first.
	queue *queue
	// OnSkipped is told of every run skipped because the job's previous
	// run still ran, and OnNotRecorded of every run lost for good, with
	// why (queue_full, refused, shutdown): for metrics.
	OnSkipped     func(job string)
	OnNotRecorded func(job, reason string)
}

// writeTimeout bounds one try at recording a run: the database can be
// locked by another writer (a sqlite3 shell, tidewatch check).
const writeTimeout = 10 * time.Second

// Alert makes the tracked runs open and resolve problems by the policy.
func (r *Runner) Alert(policy *alert.Policy) { r.policy = policy }

// OnRecorded calls fn with every run recorded, after its transaction.
func (r *Runner) OnRecorded(fn func(*db.Run)) { r.recorded = fn }

// LastRecorded is when the last run was recorded; zero before any.
func (r *Runner) LastRecorded() time.Time {
	if n := r.last.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// NewRunner prepares a runner; sup is the bridge supervisor for the bridge
// job, or nil. The freshness check's memory of the last scan number, and
// since when it has been seen, is restored from history, and so is when
// each record was last seen to change: a restart neither hides a scan
// number that stopped moving nor makes a frozen record young.
func NewRunner(ctx context.Context, cfg *config.Config, c *hz.Client, store *db.Store, sup Bridge, log *slog.Logger) *Runner {
	r := &Runner{
		cfg: cfg, hz: c, store: store, sup: sup, log: log.With("component", "jobs"), now: time.Now,
		busy: map[string]*sync.Mutex{}, statuses: map[string]checks.Status{},
	}
	r.checkFn = r.check
	r.queue = newQueue(r, cfg.Database.MaxPendingRuns)
	for _, job := range cfg.Jobs() {
		r.busy[job.Name] = &sync.Mutex{}
	}
	n, ok, err := store.LastScanNumber(ctx, config.JobFreshness)
	if err == nil && ok {
		r.fresh.ScanSince, _, err = store.ScanNumberSince(ctx, config.JobFreshness, n)
	}
	if err != nil {
		// As after a first start: the stuck-scan clock starts now.
		log.Warn("the last scan number is not restored from history", "err", err)
	}
	r.fresh.ScanNumber, r.fresh.HaveScan = n, ok
	kept, err := store.Observations(ctx)
	if err != nil {
		// As after a first start: records age from now on, or by what they say.
		log.Warn("when records last changed is not restored from history", "err", err)
	}
	r.observed.restore(kept)
	return r
}

// Run runs one job now and records it. A job that is already running is
// skipped (nil, nil). The run is recorded even when ctx is cancelled
// midway; a failure to record it is returned as an error (it is kept in
// memory and recorded later when the cause can pass).
func (r *Runner) Run(ctx context.Context, name string) (*db.Run, error) {
	run, p, err := r.start(ctx, name)
	if p == nil {
		return run, err
	}
	return run, <-p.done
}

// start runs one job and queues the run for recording, without waiting
// for it: a database that cannot be written for a while holds up no job.
// p is nil when the job did not run.
func (r *Runner) start(ctx context.Context, name string) (*db.Run, *pending, error) {
	lock, ok := r.busy[name]
	if !ok {
		return nil, nil, fmt.Errorf("unknown job %q", name)
	}
	if !lock.TryLock() {
		r.log.Warn("job still running; this run is skipped", "job", name)
		if r.OnSkipped != nil {
			r.OnSkipped(name)
		}
		return nil, nil, nil
	}
	defer lock.Unlock()

	// One instant for the whole run; the duration comes from the monotonic
	// clock so that a wall-clock jump cannot make it negative.
	began := time.Now()
	now := r.now().UTC()
	res, err := r.safeCheck(ctx, name, now)
	run := &db.Run{Job: name, Started: now, Finished: now.Add(time.Since(began)), Bridge: res.Bridge}
	if err != nil {
		run.Status, run.Overall, run.Error = checks.StatusError, checks.StatusCritical, err.Error()
		run.Findings = []checks.Finding{checks.CheckFailed(err)}
		run.Health = checks.Health{HazelcastConnected: r.hz.Connected()}
	} else {
		run.Findings, run.Health = res.Findings, res.Health
		run.Overall = checks.Overall(res.Findings, r.cfg.Health)
		run.Status = run.Overall
	}
	run.Findings = capFindings(run.Findings)

	// Rolled up per indicator and hour: the configured indicators only, or
	// a record naming thousands of its own would add rows by thousands.
	for ind, st := range res.Staleness {
		if slices.Contains(r.cfg.Indicators.Expected, ind) {
			if run.Staleness == nil {
				run.Staleness = map[string]float64{}
			}
			run.Staleness[ind] = st
		}
	}
	run.Observations = r.observed.unsaved()
	p, err := r.queue.add(run)
	return run, p, err
}

// maxFindings is the most findings a run records: a record can name any
// number of indicators (each stale one a finding, and a problem), and
// history, alerts and memory must not grow with it.
const maxFindings = 1000

// catFindingsCut says that a run had more findings than it records.
const catFindingsCut = "findings_truncated"

// capFindings keeps the maxFindings most severe findings (in their order
// within a severity) and says how many more there were. The run's status
// was judged from them all.
func capFindings(fs []checks.Finding) []checks.Finding {
	if len(fs) <= maxFindings {
		return fs
	}
	kept := slices.Clone(fs)
	slices.SortStableFunc(kept, func(a, b checks.Finding) int { return b.Severity.Rank() - a.Severity.Rank() })
	kept = kept[:maxFindings]
	return append(kept, checks.Finding{Severity: checks.Warning, Category: catFindingsCut,
		Message:    fmt.Sprintf("%d more findings of this run are not recorded (at most %d a run)", len(fs)-maxFindings, maxFindings),
		Details:    map[string]any{"findings": len(fs)},
		Thresholds: map[string]any{"max_findings": maxFindings}})
}

// write records a run: with its health changes and problems when the
// runs are tracked, judged against what was recorded before it.
func (r *Runner) write(ctx context.Context, run *db.Run) error {
	wctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	r.record.Lock()
	if r.track && !r.tracking {
		if err := r.startTracking(wctx); err != nil {
			r.log.Warn("health changes not tracked yet", "job", run.Job, "err", err)
		}
	}
	prev, seen := r.statuses[run.Job]
	// A run tried before is judged afresh: what it changes depends on what
	// was recorded before it.
	run.Changes, run.Problems, run.Notices = nil, nil, nil
	if r.tracking {
		run.Changes = r.changes(run.Job, run.Status)
		if r.policy != nil {
			live, lerr := r.store.LiveProblems(wctx)
			if lerr != nil {
				r.log.Error("problems not judged", "job", run.Job, "err", lerr)
			} else {
				run.Problems, run.Notices = r.policy.Evaluate(run.Job, run.Findings, run.Started, live)
			}
		}
	}
	_, err := r.store.WriteRun(wctx, run)
	if err == nil {
		r.statuses[run.Job] = run.Status
		for _, c := range run.Changes {
			r.statuses[c.Job] = c.Status
		}
	}
	r.record.Unlock()
	if err != nil {
		return err
	}
	r.observed.saved(run.Observations)
	r.last.Store(time.Now().UnixNano())
	if r.recorded != nil {
		r.recorded(run)
	}
	r.logRun(run, prev, seen)
	return nil
}

// changes are the health changes a run with this status makes: its job's,
// and the overall health's (the worst latest status of all jobs, an error
// counting as critical).
func (r *Runner) changes(job string, status checks.Status) []db.HealthChange {
	var out []db.HealthChange
	if r.statuses[job] != status {
		out = append(out, db.HealthChange{Job: job, Status: status})
	}
	var latest []checks.Status
	for _, j := range r.cfg.Jobs() {
		if j.Name == job {
			latest = append(latest, status)
		} else {
			latest = append(latest, r.statuses[j.Name])
		}
	}
	if overall := checks.Worst(latest...); r.statuses[db.Overall] != overall {
		out = append(out, db.HealthChange{Job: db.Overall, Status: overall})
	}
	return out
}

// StartTracking makes runs record health changes, from which availability
// and incidents are read. If history cannot be written yet, the error is
// returned and each run tries again until it can.
func (r *Runner) StartTracking(ctx context.Context) error {
	r.record.Lock()
	defer r.record.Unlock()
	r.track = true
	return r.startTracking(ctx)
}

// startTracking starts tracking, r.record held. A tidewatch that died
// without a word left its last statuses standing: from its last run on
// nothing was watched, which is recorded as unknown now.
func (r *Runner) startTracking(ctx context.Context) error {
	last, err := r.store.LastStatuses(ctx)
	if err != nil {
		return err
	}
	lastRun, ok, err := r.store.LastRunAt(ctx)
	if err != nil {
		return err
	}
	if gone := unknownAll(last); ok && len(gone) > 0 {
		if err := r.store.WriteChanges(ctx, lastRun, gone); err != nil {
			return err
		}
	}
	r.statuses, r.tracking = map[string]checks.Status{}, true
	return nil
}

// StopTracking records the runs still waiting to be recorded (those it
// cannot record by the end of ctx are logged and counted as lost), then
// that from now on nothing is watched.
func (r *Runner) StopTracking(ctx context.Context) error {
	r.queue.close(ctx)
	r.record.Lock()
	defer r.record.Unlock()
	r.track, r.tracking = false, false
	gone := unknownAll(r.statuses)
	for _, c := range gone {
		r.statuses[c.Job] = checks.StatusUnknown
	}
	if len(gone) == 0 {
		return nil
	}
	return r.store.WriteChanges(ctx, r.now(), gone)
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

// safeCheck runs a check; a panic anywhere in it becomes an error: the run
// is recorded as such and the daemon goes on.
func (r *Runner) safeCheck(ctx context.Context, name string, now time.Time) (res checks.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("job panicked", "job", name, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("%s check panicked: %v", name, p)
		}
	}()
	return r.checkFn(ctx, name, now)
}

// check gathers a job's inputs and calls its check.
func (r *Runner) check(ctx context.Context, name string, now time.Time) (checks.Result, error) {
	switch name {
	case config.JobIntegrity:
		return checks.Integrity(r.readExF(ctx, now), r.cfg), nil
	case config.JobDivergence:
		exf := r.readExF(ctx, now)
		snap, err := r.readSnapshot(ctx, now)
		if err != nil {
			return checks.Result{}, err
		}
		return checks.Divergence(now, exf, snap, r.cfg), nil
	case config.JobBridge:
		return r.checkBridge(ctx, now)
	default: // Freshness
		exf := r.readExF(ctx, now)
		scan := checks.ScanRead{Unreachable: exf.Unreachable}
		if exf.Unreachable == nil {
			scan = r.readScan(ctx, now)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		var res checks.Result
		res, r.fresh = checks.Freshness(now, exf, scan, r.fresh, r.cfg)
		return res, nil
	}
}

// checkBridge is the supervisor's health loop: it judges the bridge and
// restarts it when it is stuck.
func (r *Runner) checkBridge(ctx context.Context, now time.Time) (checks.Result, error) {
	if r.sup == nil {
		return checks.Result{}, fmt.Errorf("no bridge is supervised here (only tidewatch run supervises one)")
	}
	proc := r.sup.Snapshot()
	scan := r.readScan(ctx, now)
	newest, err := r.sup.NewestFile()
	if err != nil {
		return checks.Result{}, fmt.Errorf("bridge watch directory: %w", err)
	}
	r.mu.Lock()
	res, next, restart := checks.Bridge(now, proc, scan, newest, r.bridge, r.cfg)
	r.bridge = next
	r.mu.Unlock()
	if restart != "" {
		r.sup.Restart(restart)
	}
	return res, nil
}

// logRun logs healthy runs at debug, others at warn or error, and every
// change of a job's status at info, so that the log tells the story
// without repeating it every 30 seconds.
func (r *Runner) logRun(run *db.Run, prev checks.Status, seen bool) {
	attrs := []any{"job", run.Job, "run_id", run.ID, "status", run.Status, "findings", len(run.Findings),
		"duration", run.Finished.Sub(run.Started)}
	if seen && prev != run.Status {
		r.log.Info("status changed", append(attrs, "from", prev)...)
	}
	switch run.Status {
	case checks.StatusHealthy:
		r.log.Debug("run", attrs...)
	case checks.StatusError:
		r.log.Error("run could not check", append(attrs, "err", run.Error)...)
	default:
		for _, f := range run.Findings {
			if f.Severity == checks.Critical {
				attrs = append(attrs, "first_critical", f.Message)
				break
			}
		}
		r.log.Warn("run", attrs...)
	}
}

// Prune deletes history older than the retention.
func (r *Runner) Prune(ctx context.Context) {
	now := r.now()
	cutoff := now.Add(-r.cfg.Database.Retention.Duration)
	n, err := r.store.Prune(ctx, cutoff, now.Add(-r.cfg.Database.RollupRetention.Duration), 500)
	if err != nil {
		r.log.Error("prune failed", "err", err)
		return
	}
	if n > 0 {
		r.log.Info("pruned history", "runs", n, "before", cutoff.UTC().Format(time.RFC3339))
	}
}
