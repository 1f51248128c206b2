// Package jobs runs tidewatch's checks as discrete jobs: each run gathers
// its inputs (Hazelcast, disk, the bridge), calls a pure check, and hands
// the verdict to the Recorder.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/hz"
	"tidewatch/snapshots"
)

// A job gathers its inputs and calls its check. It reads the Hazelcast
// records it judges through in, and nothing else, so that where a run's
// records come from is decided in one place.
type job func(r *Runner, ctx context.Context, in *inputs) (checks.Result, error)

// jobs are the jobs by name, each in a file of its own.
var jobs = map[string]job{
	config.JobIntegrity:  (*Runner).integrity,
	config.JobDivergence: (*Runner).divergence,
	config.JobFreshness:  (*Runner).freshness,
	config.JobBridge:     (*Runner).bridge,
}

// Runner runs jobs and hands each run to its Recorder.
type Runner struct {
	cfg   *config.Config
	hz    *hz.Client
	store *db.Store
	sup   Bridge // nil unless tidewatch run supervises a bridge
	rec   *Recorder
	log   *slog.Logger
	now   func() time.Time

	busy map[string]*sync.Mutex // a job never overlaps itself
	// checkFn gathers inputs and checks; a field so that a test can make
	// it panic, or hang.
	checkFn func(ctx context.Context, name string, in *inputs) (checks.Result, error)

	// What jobs remember between runs; see each job's file.
	observed observer
	fresh    freshnessMemory
	bridged  bridgeMemory
	snaps    snapshotFailures

	// OnSkipped is told of every run skipped because the job's previous
	// run still ran: for metrics.
	OnSkipped func(job string)
	// Heard is told of every value a run read from Hazelcast (nil: the key
	// holds nothing), so that the change listener can tell whether it
	// heard of it; OnRun of every run as soon as it is judged, before it
	// is recorded, for the gate.
	Heard func(key string, value any, at time.Time)
	OnRun func(*db.Run)
	// SnapshotIndex, when set, finds the newest snapshots instead of a
	// walk of the tree at every divergence run.
	SnapshotIndex *snapshots.Index
}

// Given is a record a change event carried, judged as it came instead of
// being fetched again.
type Given struct {
	Key string
	// Value is what the key holds (nil: it is gone), At when it came.
	Value any
	At    time.Time
	// Size, when not zero, is the size of a value too large to be kept
	// (Value is then nil): it is refused unread, as a fetch refuses it.
	Size int
}

// NewRunner prepares a runner whose runs rec records; sup is the bridge
// supervisor for the bridge job, or nil. What the jobs remember between
// runs is restored from history: a restart neither hides a scan number
// that stopped moving nor makes a frozen record young.
func NewRunner(ctx context.Context, cfg *config.Config, c *hz.Client, store *db.Store, sup Bridge, rec *Recorder, log *slog.Logger) *Runner {
	r := &Runner{
		cfg: cfg, hz: c, store: store, sup: sup, rec: rec, log: log.With("component", "jobs"), now: time.Now,
		busy: map[string]*sync.Mutex{},
	}
	r.checkFn = r.check
	for _, job := range cfg.Jobs() {
		r.busy[job.Name] = &sync.Mutex{}
	}
	r.restoreFreshness(ctx)
	kept, err := store.Observations(ctx)
	if err != nil {
		// As after a first start: records age from now on, or by what they say.
		r.log.Warn("when records last changed is not restored from history", "err", err)
	}
	r.observed.restore(kept)
	rec.OnRecorded(func(run *db.Run) { r.observed.saved(run.Observations) })
	return r
}

// Reconfigure makes the runner judge by cfg and supervise sup (a reload).
// It must be called while no job runs: the scheduler stopped.
func (r *Runner) Reconfigure(cfg *config.Config, sup Bridge) {
	r.cfg, r.sup = cfg, sup
	for _, job := range cfg.Jobs() {
		if r.busy[job.Name] == nil {
			r.busy[job.Name] = &sync.Mutex{}
		}
	}
}

// Run runs one job now and records it. A job that is already running is
// skipped (nil, nil). The run is recorded even when ctx is cancelled
// midway; a failure to record it is returned as an error (it is kept in
// memory and recorded later when the cause can pass).
func (r *Runner) Run(ctx context.Context, name string) (*db.Run, error) {
	run, p, err := r.start(ctx, name, db.TriggerManual, nil)
	if p == nil {
		return run, err
	}
	return run, <-p.done
}

// RunGiven runs jobs now on the records a change event carried (the
// others they read are fetched), one after the other, and hands them over
// for recording without waiting. A job's run already in progress is
// waited for, not skipped: the record given must be judged.
func (r *Runner) RunGiven(ctx context.Context, names []string, trigger string, given ...Given) []*db.Run {
	var runs []*db.Run
	for _, name := range names {
		if run, _, err := r.start(ctx, name, trigger, given); err != nil {
			r.log.Error("run not started", "job", name, "trigger", trigger, "err", err)
		} else if run != nil {
			runs = append(runs, run)
		}
	}
	return runs
}

// start runs one job and hands the run over for recording, without
// waiting for it: a database that cannot be written for a while holds up
// no job. p is nil when the job did not run. A scheduled or manual run is
// skipped while the job's previous run still runs; a run on a change
// waits for it, for the change must be judged.
func (r *Runner) start(ctx context.Context, name, trigger string, given []Given) (*db.Run, *pending, error) {
	lock, ok := r.busy[name]
	if !ok {
		return nil, nil, fmt.Errorf("unknown job %q", name)
	}
	if trigger == db.TriggerEvent || trigger == db.TriggerRecheck {
		lock.Lock()
	} else if !lock.TryLock() {
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
	in := &inputs{r: r, now: now, given: givenByKey(given)}
	res, err := r.safeCheck(ctx, name, in)
	run := &db.Run{Job: name, Trigger: trigger, Started: now, Finished: now.Add(time.Since(began)), Bridge: res.Bridge, Values: res.Values}
	if in.judged != nil || !in.judgedAt.IsZero() {
		run.Judged = &db.Judged{Received: in.judgedAt}
		if in.judged != nil {
			run.Judged.PushedAt = in.judged.PushedAt
		}
	}
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
	if r.OnRun != nil {
		r.OnRun(run)
	}
	p, err := r.rec.add(run)
	return run, p, err
}

func givenByKey(given []Given) map[string]Given {
	if len(given) == 0 {
		return nil
	}
	m := make(map[string]Given, len(given))
	for _, g := range given {
		m[g.Key] = g
	}
	return m
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

// safeCheck runs a check; a panic anywhere in it becomes an error: the run
// is recorded as such and the daemon goes on.
func (r *Runner) safeCheck(ctx context.Context, name string, in *inputs) (res checks.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("job panicked", "job", name, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("%s check panicked: %v", name, p)
		}
	}()
	return r.checkFn(ctx, name, in)
}

// check runs a job: its gather function, and its check.
func (r *Runner) check(ctx context.Context, name string, in *inputs) (checks.Result, error) {
	return jobs[name](r, ctx, in)
}
