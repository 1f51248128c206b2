package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"tidewatch/checks"
	"tidewatch/coalesce"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/gate"
	"tidewatch/hz"
	"tidewatch/internal/clock"
	"tidewatch/jobs"
	"tidewatch/publish"
	"tidewatch/record"
	"tidewatch/sse"
	"tidewatch/status"
)

// events is the fast path of tidewatch run: Hazelcast's change events run
// the checks that depend on the key on the record the event carried, every
// run (event or schedule) is an observation for the gate, and the gate's
// verdict goes to /readyz, the verdict key and GET /events.
type events struct {
	// cfg is the config the gate judges by: a reload replaces it.
	cfg    atomic.Pointer[config.Config]
	log    *slog.Logger
	clk    clock.Clock
	runner *jobs.Runner

	keeper *gate.Keeper
	pub    *publish.Publisher // nil when no verdict key is configured
	writer publish.Writer
	broker *sse.Broker
	watch  *hz.Watch // nil when change events are off

	exf, scan *coalesce.Runner[change]
	// latest is what each watched key held at its latest change, for the
	// checks that read the other key too (freshness reads both).
	mu     sync.Mutex
	latest map[string]jobs.Given
	// running serializes the runs on changes and the rechecks, and keeps
	// them out of a reload (hold).
	running sync.Mutex
	// final is the grace of the last write of the verdict at the stop
	// (not ready); 0: none (in a cluster, the successor writes).
	final time.Duration

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// exfJobs are the jobs that judge exf_latest's record; scanJobs the scan's.
var (
	exfJobs  = []string{config.JobIntegrity, config.JobDivergence, config.JobFreshness}
	scanJobs = []string{config.JobFreshness}
)

// newEvents builds the gate over every job, its publisher (through write,
// when a verdict key is configured) and broker, and, when [events] is
// enabled, the watch and the coalescers; nothing runs until start.
func newEvents(cfg *config.Config, client *hz.Client, runner *jobs.Runner, write publish.Write, started time.Time, log *slog.Logger) *events {
	e := &events{log: log.With("component", "events"), clk: clock.Real{}, runner: runner,
		latest: map[string]jobs.Given{}, final: closeGrace}
	e.cfg.Store(cfg)
	e.ctx, e.cancel = context.WithCancel(context.Background())
	e.broker = sse.NewBroker(256, 15*time.Second, e.log, "verdict")
	e.writer = publish.Self(started)
	g := gate.New(jobNames(cfg), cfg.Gate.ReopenAfter.Duration, started)
	if cfg.Gate.VerdictKey != "" {
		e.pub = publish.New(write, func() gate.Verdict { return e.keeper.Verdict() },
			e.writer, cfg.Gate.VerdictRefresh.Duration, e.clk, e.log)
	}
	e.keeper = gate.NewKeeper(g, e.clk, e.changed, e.recheck)
	runner.OnRun = e.observe
	if cfg.Events.Enabled {
		e.exf = coalesce.NewRunner(cfg.Events.MinInterval.Duration, e.clk, e.runExF)
		e.scan = coalesce.NewRunner(cfg.Events.MinInterval.Duration, e.clk, e.runScan)
		h := cfg.Hazelcast
		e.watch = client.NewWatch(h.Map, []string{h.ExFKey, h.ScanKey}, cfg.Events.ListenerGrace.Duration, e.change, e.log)
		runner.Heard = e.watch.Heard
	}
	return e
}

func jobNames(cfg *config.Config) []string {
	var names []string
	for _, j := range cfg.Jobs() {
		names = append(names, j.Name)
	}
	return names
}

func (e *events) config() *config.Config { return e.cfg.Load() }

// hold runs f while no run on a change and no recheck runs: a reload
// reconfigures the runner in it.
func (e *events) hold(f func()) {
	e.running.Lock()
	defer e.running.Unlock()
	f()
}

// reconfigure makes the gate judge by cfg (its rules, the jobs it
// requires, how long their verdicts hold); [events] and [gate] themselves
// need a restart.
func (e *events) reconfigure(cfg *config.Config) {
	e.cfg.Store(cfg)
	e.keeper.Require(jobNames(cfg))
}

// start registers the listener and starts publishing.
func (e *events) start() {
	if e.pub != nil {
		e.wg.Go(func() { e.pub.Run(e.ctx, e.final) })
	}
	if e.watch != nil {
		e.watch.Start()
	}
}

// stop stops listening, lets the run in progress finish, and writes the
// verdict one last time (not ready: tidewatch stopped).
func (e *events) stop(ctx context.Context) {
	if e.watch != nil {
		e.watch.Close(ctx)
		e.exf.Close()
		e.scan.Close()
	}
	e.keeper.Close()
	e.cancel()
	e.wg.Wait()
}

// change takes a change of a watched key from the listener: it never
// blocks. A change of exf_latest whose record fails the ACB-critical rule
// while the gate is open is urgent: it runs at once.
func (e *events) change(ch hz.Change) {
	if ch.Err != nil {
		return // a read after registering that failed: the schedule judges
	}
	c := change{Given: jobs.Given{Key: ch.Key, Value: ch.Value, At: ch.Received}, release: ch.OldSize > record.MaxSize}
	if n := hz.Size(ch.Value); n > record.MaxSize {
		// Refused unread: not one more reference to it is kept, so that
		// its memory goes as soon as the client lets go of it.
		c.Value, c.Size, c.release = nil, n, true
	}
	e.mu.Lock()
	e.latest[ch.Key] = c.Given
	e.mu.Unlock()
	switch ch.Key {
	case e.config().Hazelcast.ExFKey:
		e.exf.Offer(c, e.keeper.Verdict().Ready && (c.Size > 0 || e.bad(c.Value)))
	case e.config().Hazelcast.ScanKey:
		e.scan.Offer(c, false)
	}
}

// change is a change as the coalescers hold it: release says it carried,
// or replaced, a value too large to keep, whose memory is handed back to
// the system once the change is judged (the client's copies are gone by
// then), as a fetch of one does.
type change struct {
	jobs.Given
	release bool
}

// bad tells a record that the integrity check would find critical, or one
// that is gone: the cheap look that makes a change urgent.
func (e *events) bad(v any) bool {
	text, err := hz.Text(v)
	if v == nil || err != nil {
		return true
	}
	rec, err := record.DecodeExF(text)
	if err != nil {
		return true
	}
	for _, f := range checks.Integrity(checks.ExFRead{Record: rec}, e.config()).Findings {
		if f.Severity == checks.Critical {
			return true
		}
	}
	return false
}

// given is the change, and the other key as its latest change left it.
func (e *events) given(changed jobs.Given) []jobs.Given {
	out := []jobs.Given{changed}
	e.mu.Lock()
	defer e.mu.Unlock()
	for k, g := range e.latest {
		if k != changed.Key {
			out = append(out, g)
		}
	}
	return out
}

func (e *events) runExF(c change, urgent bool) { e.run(exfJobs, c) }

func (e *events) runScan(c change, urgent bool) { e.run(scanJobs, c) }

// run runs jobs on a change, one change at a time: freshness judges both
// keys, and a run on one key's change that took the other's latest value
// before the other's own run was over would judge, and record last, a
// value already replaced.
func (e *events) run(jobNames []string, c change) {
	e.running.Lock()
	e.runner.RunGiven(e.ctx, jobNames, db.TriggerEvent, e.given(c.Given)...)
	e.running.Unlock()
	if c.release {
		debug.FreeOSMemory()
	}
}

// recheck is the gate asking for a fresh look before it reopens: the
// record is read again and judged by the jobs that judge it.
func (e *events) recheck() {
	e.wg.Go(func() {
		e.running.Lock()
		defer e.running.Unlock()
		e.runner.RunGiven(e.ctx, exfJobs, db.TriggerRecheck)
	})
}

// publish writes the verdict now (a new leader's first act), if a
// verdict key is configured.
func (e *events) publish() {
	if e.pub != nil {
		e.pub.Changed()
	}
}

// changed tells of a new verdict: it is published and streamed.
func (e *events) changed(v gate.Verdict) {
	e.publish()
	// The same JSON as the verdict key's.
	if msg, err := publish.Encode(v, e.writer, e.clk.Now()); err == nil {
		e.broker.Publish("verdict", json.RawMessage(msg))
	}
	if v.Ready {
		e.log.Info("gate open", "since", v.Since)
	} else {
		e.log.Warn("gate closed", "reasons", v.Reasons)
	}
}

// observe makes a run an observation for the gate: what it gives against
// trading, valid until its job is overdue (or, for freshness, until the
// scan it saw would be too old).
func (e *events) observe(run *db.Run) {
	cfg := e.config()
	o := gate.Observation{Aspect: run.Job, At: run.Started}
	if run.Judged != nil && !run.Judged.Received.IsZero() && run.Judged.Received.Before(o.At) {
		// What was judged is the record as it arrived: one that waited for
		// its turn was good (or bad) since then.
		o.At = run.Judged.Received
	}
	if run.Status == checks.StatusError {
		o.Reasons = append(o.Reasons, fmt.Sprintf("%s could not check: %s", run.Job, run.Error))
	} else {
		o.Reasons = status.RunReasons(cfg, run, run.Started)
	}
	if cfg.HTTP.ReadyNoCriticalProblems {
		for _, f := range run.Findings {
			if f.Severity == checks.Critical && !statedByRunReasons[f.Category] {
				o.Reasons = append(o.Reasons, "critical: "+run.Job+": "+f.Message)
			}
		}
	}
	for _, j := range cfg.Jobs() {
		if j.Name == run.Job {
			i := j.Schedule.Interval(run.Started)
			o.Until = run.Started.Add(3*i + 10*time.Second)
		}
	}
	if a := run.Health.ScanAgeS; run.Job == config.JobFreshness && a != nil {
		if at := run.Started.Add(cfg.Freshness.ScanCriticalAfter.Duration - time.Duration(*a*float64(time.Second))); at.Before(o.Until) {
			o.Until = at
		}
	}
	if run.Job == config.JobIntegrity && run.Judged != nil {
		o.Record = &gate.Record{PushedAt: run.Judged.PushedAt}
	}
	e.keeper.Observe(o)
}

// statedByRunReasons are the critical categories RunReasons already says
// in words of its own.
var statedByRunReasons = map[string]bool{
	checks.CatConnectivity: true, checks.CatMissingCritical: true, checks.CatScanStale: true,
}

// problem is a problem change as GET /events streams it.
type problem struct {
	Job       string          `json:"job"`
	Category  string          `json:"category"`
	Indicator string          `json:"indicator,omitempty"`
	State     string          `json:"state"`
	Severity  checks.Severity `json:"severity"`
	Message   string          `json:"message"`
	At        time.Time       `json:"at"`
}

// problems streams the problems a recorded run opened, changed or resolved.
func (e *events) problems(run *db.Run) {
	for _, p := range run.Problems {
		if p.State == "" {
			continue // a pending one forgotten
		}
		e.broker.Publish("problem", problem{Job: p.Job, Category: p.Category, Indicator: p.Indicator,
			State: string(p.State), Severity: p.Severity, Message: p.Message, At: run.Started.UTC()})
	}
}
