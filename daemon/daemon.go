// Package daemon is the lifecycle of `tidewatch run`: New opens what must be
// there before anything runs, Run starts the parts in order and stops them
// in reverse when its context ends, Close releases what New opened.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync/atomic"
	"time"

	"tidewatch/alert"
	"tidewatch/bridgeproc"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/httpapi"
	"tidewatch/hz"
	"tidewatch/internal/buildinfo"
	"tidewatch/internal/pidlock"
	"tidewatch/internal/sdnotify"
	"tidewatch/jobs"
	"tidewatch/metrics"
	"tidewatch/publish"
	"tidewatch/snapshots"
	"tidewatch/status"
	"tidewatch/statuspage"
)

// Deps is what the daemon takes from around it.
type Deps struct {
	Log *slog.Logger
	// Now is the clock of the daemon's own rules (/healthz's currentness);
	// the runs take their instants from the jobs' clock.
	Now func() time.Time
	// Getenv reads the secrets whose variables the config names: the HTTP
	// token, the receivers', Hazelcast's credentials.
	Getenv func(string) string
	// ConfigPath is the config file, which the bridge child is given too.
	ConfigPath string
	Version    string
}

// Graces of the stop: a job still running, a notification being sent and
// the runs waiting for the database each get jobGrace; the HTTP server's
// requests httpGrace; the Hazelcast client closeGrace.
const (
	jobGrace   = 10 * time.Second
	httpGrace  = 5 * time.Second
	closeGrace = 5 * time.Second
)

// Daemon is `tidewatch run`.
type Daemon struct {
	cfg  *config.Config
	deps Deps
	log  *slog.Logger

	store     *db.Store
	client    *hz.Client
	bridge    *bridgeproc.Bridge // nil unless the bridge is enabled
	stateLock *pidlock.Lock
	rec       *jobs.Recorder
	runner    *jobs.Runner
	// sender and sched are replaced by a reload while the recorder (a
	// run recorded) and the watchdog read them.
	sender  atomic.Pointer[alert.Sender]
	srv     *httpapi.Server // nil unless HTTP is enabled
	cluster *clustered      // nil unless [cluster] is enabled
	events  *events
	snaps   *snapshots.Index
	metrics *metrics.Metrics
	live    *statuspage.Live
	notify  *sdnotify.Notifier
	sched   atomic.Pointer[jobs.Scheduler]

	// reloads carries reload requests to Run, which carries them out
	// between its other steps: a reload never races the start or the stop.
	reloads chan chan reloaded
	// stopping is closed when Run begins to stop; a reload asked for then
	// is refused.
	stopping chan struct{}
}

// reloaded is a reload's outcome: the sections it changed, or why it was
// refused.
type reloaded struct {
	changed []string
	err     error
}

// StartError says which part of tidewatch run cannot be had: Msg for the
// log, with the attributes that name it, and the cause.
type StartError struct {
	Msg   string
	Attrs []any
	Err   error
}

func (e *StartError) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + ": " + e.Err.Error()
}

func (e *StartError) Unwrap() error { return e.Err }

// New opens the database (holding it for this daemon alone), the Hazelcast
// client, the bridge's state directory (likewise), the receivers and the
// HTTP listener. A *StartError says which cannot be had; nothing has run.
func New(ctx context.Context, cfg *config.Config, deps Deps) (*Daemon, error) {
	d := &Daemon{cfg: cfg, deps: deps, log: deps.Log, live: &statuspage.Live{}, notify: sdnotify.New(deps.Log),
		reloads: make(chan chan reloaded), stopping: make(chan struct{})}
	if err := d.open(ctx); err != nil {
		cctx, cancel := context.WithTimeout(context.Background(), closeGrace)
		defer cancel()
		d.Close(cctx)
		return nil, err
	}
	return d, nil
}

func (d *Daemon) open(ctx context.Context) (err error) {
	cfg, deps := d.cfg, d.deps
	log := deps.Log
	if d.store, err = db.OpenWhenWritable(cfg.Database.Path, log); err != nil {
		return &StartError{Msg: "cannot open the history database", Err: err}
	}
	if d.client, err = hz.Open(cfg.Hazelcast, deps.Getenv, log); err != nil {
		return &StartError{Msg: "cannot start", Err: err}
	}
	var supervised jobs.Bridge // nil unless a bridge is: no nil pointer in it
	if cfg.Bridge.Enabled {
		configPath, err := filepath.Abs(deps.ConfigPath)
		if err == nil {
			d.bridge, err = bridgeproc.New(cfg, configPath, d.store, log)
		}
		if err != nil {
			return &StartError{Msg: "cannot supervise the bridge", Err: err}
		}
		// One tidewatch run per state directory too: a second one's
		// supervisor would stop the first's bridge as a leftover.
		if d.stateLock, err = pidlock.Acquire(filepath.Join(cfg.Bridge.StateDir, "tidewatch.lock")); err != nil {
			return &StartError{Msg: "cannot supervise the bridge: its state directory is in use", Attrs: []any{"state_dir", cfg.Bridge.StateDir}, Err: err}
		}
		supervised = d.bridge
	}
	d.rec = jobs.NewRecorder(cfg, d.store, log)
	d.runner = jobs.NewRunner(ctx, cfg, d.client, d.store, supervised, d.rec, log)
	d.snaps = snapshots.Open(cfg.Divergence.SnapshotDir, cfg.Divergence.SnapshotPattern, snapshots.Options{}, log)
	d.runner.SnapshotIndex = d.snaps
	m := metrics.New(d.store, cfg, buildinfo.Read(), log)
	d.metrics = m
	sender, err := alert.NewSender(cfg.Alerts, d.store, log, deps.Getenv)
	if err != nil {
		return &StartError{Msg: "cannot notify", Err: err}
	}
	sender.OnFailure, sender.OnSent = m.NotificationFailed, m.NotificationSent
	write := publish.ToMap(d.client, cfg.Gate.VerdictMap, cfg.Gate.VerdictKey)
	if cfg.Cluster.Enabled {
		// One leader runs the bridge, pages and publishes; every instance
		// checks.
		d.cluster = newClustered(cfg, d.client, d.store, d.bridge, log, deps.Now)
		sender.Cluster = d.cluster
		m.Cluster(d.cluster.live)
		write = d.cluster.publishing(d.client, cfg.Gate)
	}
	d.events = newEvents(cfg, d.client, d.runner, write, deps.Now(), log)
	m.FollowGate(func() bool { return d.events.keeper.Verdict().Ready })
	if d.cluster != nil {
		d.cluster.onLead = d.events.publish
		// A leader that stops leaves the verdict to its successor, which
		// writes at once: a rolling restart does not close the gate.
		d.events.final = 0
	}
	d.sender.Store(sender)
	d.runner.OnSkipped, d.rec.OnNotRecorded = m.RunSkipped, m.RunNotRecorded
	m.PendingRuns(d.rec.Pending)
	d.rec.Alert(d.policy(cfg))
	d.rec.OnRecorded(func(run *db.Run) {
		m.Observe(run)
		d.live.Observe(run)
		if len(run.Notices) > 0 {
			d.sender.Load().Wake()
		}
		d.events.problems(run)
	})
	if cfg.HTTP.Enabled {
		token := ""
		if cfg.HTTP.TokenEnv != "" {
			if token = deps.Getenv(cfg.HTTP.TokenEnv); token == "" {
				return &StartError{Msg: "cannot serve http: the bearer token's environment variable is empty or unset", Attrs: []any{"variable", cfg.HTTP.TokenEnv}}
			}
		}
		if d.srv, err = httpapi.New(cfg, d.store, m.Handler(), token, log); err != nil {
			return &StartError{Msg: "cannot serve http", Err: err}
		}
		d.srv.SetStatusPage(statuspage.Source{Store: d.store, Live: d.live, Instance: alert.NewMeta(cfg.Alerts).Instance,
			Version: deps.Version, Refresh: 15})
		d.srv.SetReload(func() ([]string, error) { return d.Reload(context.Background()) })
		if d.cluster != nil {
			d.srv.SetCluster(d.cluster.live)
		}
		d.srv.SetGate(d.events.keeper.Verdict)
		d.srv.SetEvents(d.events.broker)
	}
	return nil
}

// policy is the alert policy of a config, honouring the silences in the
// database.
func (d *Daemon) policy(cfg *config.Config) *alert.Policy {
	pol := alert.NewPolicy(cfg.Alerts)
	pol.ReadSilences(d.store.ActiveSilences, d.log.With("component", "alert"))
	return pol
}

// Run starts the parts in order (health tracking, the bridge, the sender;
// then, once the client has connected and the bridge is ready, or their
// waits are over, the scheduler and the HTTP server), runs until ctx ends,
// and stops them in reverse order.
func (d *Daemon) Run(ctx context.Context) {
	cfg, log := d.cfg, d.log
	if err := d.rec.StartTracking(ctx); err != nil {
		log.Warn("health changes not tracked yet: the runs will start tracking once history can be written", "err", err)
	}
	switch {
	case d.cluster != nil:
		// The bridge runs for this instance's tenures only.
		d.cluster.start()
	case d.bridge != nil:
		d.bridge.Start()
	}
	d.sender.Load().Start()
	log.Info("tidewatch started", "version", d.deps.Version, "config", d.deps.ConfigPath, "database", cfg.Database.Path,
		"hazelcast", cfg.Hazelcast.Addresses, "cluster", cfg.Hazelcast.ClusterName)
	// The first runs should judge the data, not the instant before the
	// client connected or the bridge pushed; if either stays away, they
	// record that.
	wctx, cancel := context.WithTimeout(ctx, cfg.Hazelcast.ConnectTimeout.Duration)
	d.client.WaitConnected(wctx)
	cancel()
	if d.bridge != nil && d.cluster == nil {
		wctx, cancel := context.WithTimeout(ctx, cfg.Bridge.StartupGrace.Duration)
		d.bridge.WaitReady(wctx)
		cancel()
	}
	d.events.start()
	d.sched.Store(jobs.Start(d.runner, cfg, log))
	if d.srv != nil {
		d.srv.SetAlive(d.alive(d.sched.Load()))
		d.srv.Start()
	}
	d.notify.Ready(fmt.Sprintf("watching %d checks", len(cfg.Jobs())))
	wdctx, stopWatchdog := context.WithCancel(ctx)
	defer stopWatchdog()
	// systemd's watchdog is fed while the scheduler schedules: one that
	// hangs gets tidewatch restarted.
	go d.notify.Watchdog(wdctx, func() (bool, string) {
		if !d.scheduling() {
			return false, "the scheduler is not running"
		}
		return true, ""
	})
	summary := time.NewTicker(summaryEvery)
	defer summary.Stop()
	for running := true; running; {
		select {
		case <-ctx.Done():
			running = false
		case reply := <-d.reloads:
			changed, err := d.reload()
			reply <- reloaded{changed, err}
		case <-summary.C:
			d.logSummary(ctx)
		}
	}
	close(d.stopping)
	stopWatchdog()
	d.notify.Stopping()
	sched := d.sched.Load()
	log.Info("stopping: waiting for running jobs")
	// The sender stops first, alongside the rest: a notification being sent
	// gets the jobs' grace to finish (cut off, it would go again after the
	// restart).
	senderStopped := make(chan struct{})
	go func() {
		defer close(senderStopped)
		sctx, cancel := context.WithTimeout(context.Background(), jobGrace)
		defer cancel()
		d.sender.Load().Stop(sctx)
	}()
	if d.srv != nil {
		// Event streams end first: the server's shutdown waits for them.
		d.events.broker.Close()
		sctx, cancel := context.WithTimeout(context.Background(), httpGrace)
		d.srv.Stop(sctx)
		cancel()
	}
	sched.Stop(jobGrace)
	ectx, cancel := context.WithTimeout(context.Background(), jobGrace)
	d.events.stop(ectx)
	cancel()
	if d.cluster != nil {
		d.cluster.quiesce()
	}
	if d.bridge != nil {
		d.bridge.Stop()
	}
	// Runs still waiting for the database get the same grace as jobs.
	tctx, cancel := context.WithTimeout(context.Background(), jobGrace)
	if err := d.rec.StopTracking(tctx); err != nil {
		log.Error("the stop is not in the health history", "err", err)
	}
	cancel()
	<-senderStopped
	if d.cluster != nil {
		// The lease goes last, once the bridge and the sending are over: a
		// successor takes over at once instead of after the TTL.
		d.cluster.stop()
	}
	log.Info("tidewatch stopped")
}

// Close releases what New opened, in reverse: the HTTP listener (when Run
// did not serve on it), the bridge's state directory, the Hazelcast client
// (within ctx) and the database.
func (d *Daemon) Close(ctx context.Context) {
	if d.srv != nil {
		d.srv.Stop(ctx)
	}
	if d.stateLock != nil {
		d.stateLock.Release()
	}
	if d.snaps != nil {
		d.snaps.Close()
	}
	if d.client != nil {
		d.client.Close(ctx)
	}
	if d.store != nil {
		d.store.Close()
	}
}

// summaryEvery is how often the daemon logs a line saying how things are,
// so that a log that shows only trouble also shows when all is well.
const summaryEvery = 5 * time.Minute

// logSummary logs one line: the gate (as /readyz gives it), the open
// problems, and the runs recorded.
func (d *Daemon) logSummary(ctx context.Context) {
	rd := d.events.keeper.Verdict()
	open, err := d.store.OpenProblems(ctx)
	if err != nil {
		d.log.Warn("summary: cannot read history", "err", err)
		return
	}
	critical := 0
	for _, p := range open {
		if p.Severity == checks.Critical {
			critical++
		}
	}
	attrs := []any{"ready", rd.Ready, "open_problems", len(open), "critical", critical,
		"last_run", d.rec.LastRecorded().UTC().Format(time.RFC3339)}
	if rd.Ready && len(open) == 0 {
		d.log.Info("all well", attrs...)
		return
	}
	// One line: the first reasons, and how many more.
	reasons := rd.Reasons
	if len(reasons) > 3 {
		reasons = append(slices.Clip(reasons[:2]), fmt.Sprintf("and %d more", len(rd.Reasons)-2))
	}
	d.log.Info("summary", append(attrs, "reasons", reasons)...)
}

// scheduling tells whether the scheduler schedules (false while a reload
// swaps it, for a moment).
func (d *Daemon) scheduling() bool {
	s := d.sched.Load()
	return s != nil && s.Running()
}

// Reload re-reads the config file and applies it: schedules, thresholds,
// receivers and silences take effect at once; the bridge restarts only if
// its own section changed. An invalid config, or receivers whose secrets
// are missing, are refused, and the running config is kept. Sections
// that need a restart (hazelcast, database, log, cluster, events, gate,
// http's listen and token, and the bridge of a cluster's instance)
// keep their running values, and the log says so.
func (d *Daemon) Reload(ctx context.Context) ([]string, error) {
	reply := make(chan reloaded, 1)
	select {
	case d.reloads <- reply:
	case <-d.stopping:
		return nil, errors.New("tidewatch is stopping")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	r := <-reply
	return r.changed, r.err
}

// restartOnly are the sections a reload cannot change in a running
// tidewatch.
var restartOnly = []string{"hazelcast", "database", "log", "cluster", "events", "gate"}

func (d *Daemon) reload() ([]string, error) {
	log, old := d.log, d.cfg
	d.notify.Reloading()
	defer d.notify.Ready(fmt.Sprintf("watching %d checks", len(d.cfg.Jobs())))
	refuse := func(msg string, err error) ([]string, error) {
		d.metrics.ConfigReloaded(false, d.deps.Now())
		log.Error(msg+"; the running config is kept", "err", err)
		return nil, err
	}
	cfg, err := config.Load(d.deps.ConfigPath)
	if err != nil {
		return refuse("reload refused: invalid config", err)
	}
	var later []string
	for _, section := range cfg.Changed(old) {
		// In a cluster the bridge is the leader's: its tenures, not a
		// reload, start and stop it.
		if slices.Contains(restartOnly, section) || section == "bridge" && old.Cluster.Enabled {
			later = append(later, section)
		}
	}
	cfg.Hazelcast, cfg.Database, cfg.Log, cfg.Cluster, cfg.Events, cfg.Gate = old.Hazelcast, old.Database, old.Log, old.Cluster, old.Events, old.Gate
	if old.Cluster.Enabled {
		cfg.Bridge = old.Bridge
	}
	if cfg.HTTP.Listen != old.HTTP.Listen || cfg.HTTP.TokenEnv != old.HTTP.TokenEnv || cfg.HTTP.Enabled != old.HTTP.Enabled {
		later = append(later, "http.listen, http.token_env, http.enabled")
		cfg.HTTP.Listen, cfg.HTTP.TokenEnv, cfg.HTTP.Enabled = old.HTTP.Listen, old.HTTP.TokenEnv, old.HTTP.Enabled
	}
	changed := cfg.Changed(old)
	sender, err := alert.NewSender(cfg.Alerts, d.store, log, d.deps.Getenv)
	if err != nil {
		return refuse("reload refused: the receivers cannot be had", err)
	}
	sender.OnFailure, sender.OnSent = d.metrics.NotificationFailed, d.metrics.NotificationSent
	if d.cluster != nil {
		sender.Cluster = d.cluster
	}

	// Apply: no job runs while the runner and the recorder change hands.
	d.sched.Load().Stop(jobGrace)
	if slices.Contains(changed, "bridge") {
		if err := d.restartBridge(cfg); err != nil {
			log.Error("the bridge cannot be restarted with the new config; it stays stopped until the next reload or restart", "err", err)
		}
	}
	var supervised jobs.Bridge
	if d.bridge != nil {
		supervised = d.bridge
	}
	// Runs on changes and the gate's rechecks wait while the runner, the
	// recorder and the gate change hands.
	d.events.hold(func() {
		d.runner.Reconfigure(cfg, supervised)
		d.rec.Reconfigure(cfg, d.policy(cfg))
		d.events.reconfigure(cfg)
	})
	sctx, cancel := context.WithTimeout(context.Background(), jobGrace)
	d.sender.Load().Stop(sctx)
	cancel()
	d.sender.Store(sender)
	sender.Start()
	sender.Wake()
	d.metrics.Reconfigure(cfg)
	d.cfg = cfg
	d.sched.Store(jobs.Start(d.runner, cfg, log))
	if d.srv != nil {
		d.srv.SetConfig(cfg)
		d.srv.SetAlive(d.alive(d.sched.Load()))
	}
	d.metrics.ConfigReloaded(true, d.deps.Now())
	attrs := []any{"changed", changed}
	if len(later) > 0 {
		attrs = append(attrs, "need_a_restart", later)
	}
	log.Info("config reloaded", attrs...)
	return changed, nil
}

// restartBridge stops the running bridge, if any, and starts one by cfg,
// if it enables one.
func (d *Daemon) restartBridge(cfg *config.Config) error {
	if d.bridge != nil {
		d.bridge.Stop()
		d.bridge = nil
	}
	if d.stateLock != nil {
		d.stateLock.Release()
		d.stateLock = nil
	}
	if !cfg.Bridge.Enabled {
		d.log.Info("bridge stopped: the config disables it")
		return nil
	}
	configPath, err := filepath.Abs(d.deps.ConfigPath)
	if err != nil {
		return err
	}
	if d.stateLock, err = pidlock.Acquire(filepath.Join(cfg.Bridge.StateDir, "tidewatch.lock")); err != nil {
		return fmt.Errorf("its state directory %s is in use: %w", cfg.Bridge.StateDir, err)
	}
	b, err := bridgeproc.New(cfg, configPath, d.store, d.log)
	if err != nil {
		d.stateLock.Release()
		d.stateLock = nil
		return err
	}
	d.bridge = b
	d.bridge.Start()
	d.log.Info("bridge restarted: its section changed")
	return nil
}

// alive is /healthz's verdict: the scheduler schedules and runs are being
// recorded, as current as the currentness rule asks of the most frequent
// job.
func (d *Daemon) alive(sched *jobs.Scheduler) httpapi.Alive {
	now := d.deps.Now
	shortest := time.Duration(0)
	for _, j := range d.cfg.Jobs() {
		if i := j.Schedule.Interval(now()); shortest == 0 || i < shortest {
			shortest = i
		}
	}
	started := now()
	return func() (bool, string) {
		if !sched.Running() {
			return false, "the scheduler is not running"
		}
		last := d.rec.LastRecorded()
		if last.IsZero() {
			last = started
		}
		if t := now(); !status.Current(last, t, shortest) {
			return false, fmt.Sprintf("no run recorded for %s", t.Sub(last).Round(time.Second))
		}
		return true, ""
	}
}
