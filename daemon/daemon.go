// Package daemon is the lifecycle of `tidewatch run`: New opens what must be
// there before anything runs, Run starts the parts in order and stops them
// in reverse when its context ends, Close releases what New opened.
package daemon

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"tidewatch/alert"
	"tidewatch/bridgeproc"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/httpapi"
	"tidewatch/hz"
	"tidewatch/internal/pidlock"
	"tidewatch/jobs"
	"tidewatch/metrics"
	"tidewatch/status"
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
	sender    *alert.Sender
	srv       *httpapi.Server // nil unless HTTP is enabled
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
	d := &Daemon{cfg: cfg, deps: deps, log: deps.Log}
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
	m := metrics.New(d.store, log)
	if d.sender, err = alert.NewSender(cfg.Alerts, d.store, log, deps.Getenv); err != nil {
		return &StartError{Msg: "cannot notify", Err: err}
	}
	d.sender.OnFailure = m.NotificationFailed
	d.runner.OnSkipped, d.rec.OnNotRecorded = m.RunSkipped, m.RunNotRecorded
	m.PendingRuns(d.rec.Pending)
	d.rec.Alert(alert.NewPolicy(cfg.Alerts))
	d.rec.OnRecorded(func(run *db.Run) {
		m.Observe(run)
		if len(run.Notices) > 0 {
			d.sender.Wake()
		}
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
	}
	return nil
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
	if d.bridge != nil {
		d.bridge.Start()
	}
	d.sender.Start()
	log.Info("tidewatch started", "version", d.deps.Version, "config", d.deps.ConfigPath, "database", cfg.Database.Path,
		"hazelcast", cfg.Hazelcast.Addresses, "cluster", cfg.Hazelcast.ClusterName)
	// The first runs should judge the data, not the instant before the
	// client connected or the bridge pushed; if either stays away, they
	// record that.
	wctx, cancel := context.WithTimeout(ctx, cfg.Hazelcast.ConnectTimeout.Duration)
	d.client.WaitConnected(wctx)
	cancel()
	if d.bridge != nil {
		wctx, cancel := context.WithTimeout(ctx, cfg.Bridge.StartupGrace.Duration)
		d.bridge.WaitReady(wctx)
		cancel()
	}
	sched := jobs.Start(d.runner, cfg, log)
	if d.srv != nil {
		d.srv.SetAlive(d.alive(sched))
		d.srv.Start()
	}

	<-ctx.Done()
	log.Info("stopping: waiting for running jobs")
	// The sender stops first, alongside the rest: a notification being sent
	// gets the jobs' grace to finish (cut off, it would go again after the
	// restart).
	senderStopped := make(chan struct{})
	go func() {
		defer close(senderStopped)
		sctx, cancel := context.WithTimeout(context.Background(), jobGrace)
		defer cancel()
		d.sender.Stop(sctx)
	}()
	if d.srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), httpGrace)
		d.srv.Stop(sctx)
		cancel()
	}
	sched.Stop(jobGrace)
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
	if d.client != nil {
		d.client.Close(ctx)
	}
	if d.store != nil {
		d.store.Close()
	}
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
