// Command tidewatch keeps watch over the hot path of a trading-data
// pipeline: it checks what Hazelcast holds against what was persisted and
// how fresh it is, records every verdict in SQLite, and reports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // quiet hours name time zones; do not depend on the host's tz database

	"tidewatch/alert"
	"tidewatch/bridge"
	"tidewatch/bridgeproc"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/httpapi"
	"tidewatch/hz"
	"tidewatch/internal/pidlock"
	"tidewatch/internal/present"
	"tidewatch/jobs"
	"tidewatch/metrics"
	"tidewatch/report"
	"tidewatch/status"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `tidewatch: an integrity watchdog for a Hazelcast-backed trading-data pipeline

usage:
  tidewatch run     [--config PATH] [--log-format text|json] [--log-level LEVEL]
  tidewatch check   [--config PATH] [--job NAME] [--json]
  tidewatch status  [--config PATH] [--json] [--severity info|warning|critical] [-n N] [--before ID]
  tidewatch report  [--config PATH] [--since D|TIME] [--until D|TIME] [--job NAME]
                    [--format text|json|markdown|csv|html] [-o FILE]
  tidewatch wait    [--config PATH] [--timeout D]
  tidewatch bridge  [--config PATH] [--log-format text|json] [--log-level LEVEL]
  tidewatch version

check and status exit 0 healthy, 1 degraded, 2 critical, 3 unknown.
wait exits 0 once the data is fit to trade on, 1 at the timeout.
`

// Exit codes besides the health verdicts.
const (
	exitError = 1
	exitUsage = 64
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "run":
		return cmdRun(args, stderr)
	case "check":
		return cmdCheck(args, stdout, stderr)
	case "status":
		return cmdStatus(args, stdout, stderr)
	case "report":
		return cmdReport(args, stdout, stderr)
	case "bridge":
		return cmdBridge(args, stderr)
	case "wait":
		return cmdWait(args, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "tidewatch", buildVersion())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "tidewatch: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

func buildVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

// flags is a subcommand's flag set with the flags every command takes.
type flags struct {
	*flag.FlagSet
	config              string
	logFormat, logLevel string
}

// withLog adds the flags that override the config's log settings.
func (f *flags) withLog() *flags {
	f.StringVar(&f.logFormat, "log-format", "", "text or json (default: log.format in the config)")
	f.StringVar(&f.logLevel, "log-level", "", "debug, info, warn or error (default: log.level in the config)")
	return f
}

// logger builds the logger from the config and the flags over it.
func (f *flags) logger(w io.Writer, cfg *config.Config) (*slog.Logger, error) {
	return newLogger(w, or(f.logFormat, cfg.Log.Format), or(f.logLevel, cfg.Log.Level))
}

func newFlags(name string, stderr io.Writer) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("tidewatch "+name, flag.ContinueOnError)}
	f.SetOutput(stderr)
	f.StringVar(&f.config, "config", "config.toml", "config file")
	return f
}

// parse parses args; ok is false with the exit code when it should stop.
func (f *flags) parse(args []string) (code int, ok bool) {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return exitUsage, false
	}
	if f.NArg() > 0 {
		fmt.Fprintf(f.Output(), "%s: unexpected argument %q\n", f.Name(), f.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

func loadConfig(path string, stderr io.Writer) (*config.Config, bool) {
	cfg, err := config.Load(path)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch: invalid config:\n%v\n", err)
		return nil, false
	}
	return cfg, true
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	lvl, err := config.ParseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("log level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: use text or json", format)
}

func cmdRun(args []string, stderr io.Writer) int {
	f := newFlags("run", stderr).withLog()
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, stderr)
	if !ok {
		return exitError
	}
	log, err := f.logger(stderr, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	store, err := db.OpenWhenWritable(cfg.Database.Path, log)
	if err != nil {
		log.Error("cannot open the history database", "err", err)
		return exitError
	}
	defer store.Close()
	client, err := hz.Open(cfg.Hazelcast, os.Getenv, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		return exitError
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		client.Close(cctx)
	}()
	var sup *bridgeproc.Bridge
	var supervised jobs.Bridge // nil unless a bridge is supervised: no nil pointer in it
	if cfg.Bridge.Enabled {
		configPath, err := filepath.Abs(f.config)
		if err == nil {
			sup, err = bridgeproc.New(cfg, configPath, store, log)
		}
		if err != nil {
			log.Error("cannot supervise the bridge", "err", err)
			return exitError
		}
		// One tidewatch run per state directory too: a second one's
		// supervisor would stop the first's bridge as a leftover.
		lock, err := pidlock.Acquire(filepath.Join(cfg.Bridge.StateDir, "tidewatch.lock"))
		if err != nil {
			log.Error("cannot supervise the bridge: its state directory is in use", "state_dir", cfg.Bridge.StateDir, "err", err)
			return exitError
		}
		defer lock.Release()
		supervised = sup
	}
	rec := jobs.NewRecorder(cfg, store, log)
	runner := jobs.NewRunner(ctx, cfg, client, store, supervised, rec, log)
	if err := rec.StartTracking(ctx); err != nil {
		log.Warn("health changes not tracked yet: the runs will start tracking once history can be written", "err", err)
	}
	m := metrics.New(store, log)
	sender, err := alert.NewSender(cfg.Alerts, store, log, os.Getenv)
	if err != nil {
		log.Error("cannot notify", "err", err)
		return exitError
	}
	sender.OnFailure = m.NotificationFailed
	runner.OnSkipped, rec.OnNotRecorded = m.RunSkipped, m.RunNotRecorded
	m.PendingRuns(rec.Pending)
	rec.Alert(alert.NewPolicy(cfg.Alerts))
	rec.OnRecorded(func(run *db.Run) {
		m.Observe(run)
		if len(run.Notices) > 0 {
			sender.Wake()
		}
	})
	var srv *httpapi.Server
	if cfg.HTTP.Enabled {
		token := ""
		if cfg.HTTP.TokenEnv != "" {
			if token = os.Getenv(cfg.HTTP.TokenEnv); token == "" {
				log.Error("cannot serve http: the bearer token's environment variable is empty or unset", "variable", cfg.HTTP.TokenEnv)
				return exitError
			}
		}
		if srv, err = httpapi.New(cfg, store, m.Handler(), token, log); err != nil {
			log.Error("cannot serve http", "err", err)
			return exitError
		}
	}

	if sup != nil {
		sup.Start()
	}
	sender.Start()
	log.Info("tidewatch started", "version", buildVersion(), "config", f.config, "database", cfg.Database.Path,
		"hazelcast", cfg.Hazelcast.Addresses, "cluster", cfg.Hazelcast.ClusterName)
	// The first runs should judge the data, not the instant before the
	// client connected; if the member stays away, they record that.
	wctx, cancel := context.WithTimeout(ctx, cfg.Hazelcast.ConnectTimeout.Duration)
	client.WaitConnected(wctx)
	cancel()
	if sup != nil {
		wctx, cancel := context.WithTimeout(ctx, cfg.Bridge.StartupGrace.Duration)
		sup.WaitReady(wctx)
		cancel()
	}
	sched := jobs.Start(runner, cfg, log)
	if srv != nil {
		srv.SetAlive(alive(cfg, sched, rec))
		srv.Start()
	}

	<-ctx.Done()
	stop() // a second signal kills at once
	log.Info("stopping: waiting for running jobs")
	// A notification being sent is given the jobs' grace to finish: cut
	// off, it would go again after the restart.
	senderStopped := make(chan struct{})
	go func() {
		defer close(senderStopped)
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		sender.Stop(sctx)
	}()
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		srv.Stop(sctx)
		cancel()
	}
	sched.Stop(10 * time.Second)
	if sup != nil {
		sup.Stop()
	}
	// Runs still waiting for the database get the same grace as jobs.
	tctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	if err := rec.StopTracking(tctx); err != nil {
		log.Error("the stop is not in the health history", "err", err)
	}
	cancel()
	<-senderStopped
	log.Info("tidewatch stopped")
	return 0
}

// alive is /healthz's verdict: the scheduler schedules and runs are being
// recorded.
func alive(cfg *config.Config, sched *jobs.Scheduler, rec *jobs.Recorder) httpapi.Alive {
	shortest := time.Duration(0)
	for _, j := range cfg.Jobs() {
		if d := j.Schedule.Interval(time.Now()); shortest == 0 || d < shortest {
			shortest = d
		}
	}
	started := time.Now()
	return func() (bool, string) {
		if !sched.Running() {
			return false, "the scheduler is not running"
		}
		last := rec.LastRecorded()
		if last.IsZero() {
			last = started
		}
		if now := time.Now(); !status.Current(last, now, shortest) {
			return false, fmt.Sprintf("no run recorded for %s", now.Sub(last).Round(time.Second))
		}
		return true, ""
	}
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	f := newFlags("check", stderr)
	job := f.String("job", "", "run only this job (integrity, divergence or freshness)")
	asJSON := f.Bool("json", false, "print JSON")
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, stderr)
	if !ok {
		return checks.StatusUnknown.ExitCode()
	}
	names := []string{}
	for _, j := range cfg.Jobs() {
		// The bridge job judges the bridge tidewatch run supervises.
		if j.Name != config.JobBridge && (*job == "" || *job == j.Name) {
			names = append(names, j.Name)
		}
	}
	if len(names) == 0 {
		fmt.Fprintf(stderr, "tidewatch check: unknown job %q\n", *job)
		return exitUsage
	}
	log, _ := newLogger(stderr, cfg.Log.Format, "warn")
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	store, err := db.Open(cfg.Database.Path, log)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch check: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	defer store.Close()
	client, err := hz.Open(cfg.Hazelcast, os.Getenv, log)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch check: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		client.Close(cctx)
	}()
	wctx, cancel := context.WithTimeout(ctx, cfg.Hazelcast.ConnectTimeout.Duration)
	client.WaitConnected(wctx) // if it does not connect, the runs say so
	cancel()
	runner := jobs.NewRunner(ctx, cfg, client, store, nil, jobs.NewRecorder(cfg, store, log), log)
	var runs []*db.Run
	for _, name := range names {
		run, err := runner.Run(ctx, name)
		if err != nil {
			fmt.Fprintf(stderr, "tidewatch check: %v\n", err)
			return checks.StatusUnknown.ExitCode()
		}
		runs = append(runs, run)
	}
	c := status.NewCheck(runs, cfg.Health)
	if err := status.WriteCheck(stdout, c, *asJSON); err != nil {
		return checks.StatusUnknown.ExitCode()
	}
	return c.Overall.ExitCode()
}

func cmdStatus(args []string, stdout, stderr io.Writer) int {
	f := newFlags("status", stderr)
	asJSON := f.Bool("json", false, "print JSON")
	severity := f.String("severity", "warning", "the least severity of the findings listed: info, warning or critical")
	n := f.Int("n", 10, fmt.Sprintf("how many recent findings to list, at most %d", status.MaxFindings))
	before := f.Int64("before", 0, "list the findings older than the one with this id (the status names it)")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if *n < 0 || *n > status.MaxFindings {
		fmt.Fprintf(stderr, "tidewatch status: -n %d: list 0 to %d findings at once, and older ones with --before\n", *n, status.MaxFindings)
		return exitUsage
	}
	if *before < 0 {
		fmt.Fprintf(stderr, "tidewatch status: --before %d: the id of a finding\n", *before)
		return exitUsage
	}
	sev := checks.Severity(*severity)
	if sev != checks.Info && sev != checks.Warning && sev != checks.Critical {
		fmt.Fprintf(stderr, "tidewatch status: --severity %q: use info, warning or critical\n", *severity)
		return exitUsage
	}
	cfg, ok := loadConfig(f.config, stderr)
	if !ok {
		return checks.StatusUnknown.ExitCode()
	}
	store, err := db.OpenReadOnly(cfg.Database.Path)
	if err != nil {
		fmt.Fprintf(stdout, "tidewatch: UNKNOWN: no history: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	defer store.Close()
	st, err := status.Read(context.Background(), store, cfg, time.Now(), sev, *n, *before)
	if err != nil {
		fmt.Fprintf(stdout, "tidewatch: UNKNOWN: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	if err := status.WriteStatus(stdout, st, *asJSON); err != nil {
		return checks.StatusUnknown.ExitCode()
	}
	return st.Overall.ExitCode()
}

func cmdReport(args []string, stdout, stderr io.Writer) int {
	f := newFlags("report", stderr)
	since := f.String("since", "24h", "start: a duration back from now (90m, 24h, 7d) or a time (2026-11-01, 2026-11-01T08:00:00Z)")
	until := f.String("until", "", "end, in the same forms (default: now)")
	job := f.String("job", "", "only this job")
	format := f.String("format", "text", strings.Join(report.Formats, ", "))
	out := f.String("o", "", "write to this file instead of standard output")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "tidewatch report: --format %q: use %s\n", *format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	now := time.Now()
	from, err := report.ParseWhen(*since, now)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch report: --since: %v\n", err)
		return exitUsage
	}
	to := now
	if *until != "" {
		if to, err = report.ParseWhen(*until, now); err != nil {
			fmt.Fprintf(stderr, "tidewatch report: --until: %v\n", err)
			return exitUsage
		}
	}
	if !to.After(from) {
		fmt.Fprintf(stderr, "tidewatch report: --until must be after --since\n")
		return exitUsage
	}
	cfg, ok := loadConfig(f.config, stderr)
	if !ok {
		return exitError
	}
	if *job != "" && !slices.ContainsFunc(cfg.Jobs(), func(j config.Job) bool { return j.Name == *job }) {
		fmt.Fprintf(stderr, "tidewatch report: unknown job %q\n", *job)
		return exitUsage
	}
	store, err := db.OpenReadOnly(cfg.Database.Path)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch report: %v\n", err)
		return exitError
	}
	defer store.Close()
	rep, err := report.Build(context.Background(), store, cfg, now, from, to, *job)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch report: %v\n", err)
		return exitError
	}
	w, color := stdout, isTerminal(stdout)
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "tidewatch report: %v\n", err)
			return exitError
		}
		defer file.Close()
		w, color = file, false
	}
	if err := report.Write(w, rep, *format, color); err != nil {
		fmt.Fprintf(stderr, "tidewatch report: %v\n", err)
		return exitError
	}
	return 0
}

// isTerminal reports whether w is a terminal that wants colour (NO_COLOR
// unset), so that colour never ends up in a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// cmdWait blocks until the data is fit to trade on, for shell-driven flows:
// the same verdict as /readyz, read from history.
func cmdWait(args []string, stdout, stderr io.Writer) int {
	f := newFlags("wait", stderr)
	timeout := f.Duration("timeout", 5*time.Minute, "give up after this long")
	every := f.Duration("interval", time.Second, "how often to look")
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, stderr)
	if !ok {
		return exitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var why []string
	for {
		// The database may not be there yet: tidewatch may be starting.
		if store, err := db.OpenReadOnly(cfg.Database.Path); err != nil {
			why = []string{err.Error()}
		} else {
			rd, err := status.Ready(ctx, store, cfg, time.Now())
			store.Close()
			switch {
			case err != nil:
				// A look cut off by the timeout says nothing: the last
				// one's reasons stand.
				if ctx.Err() == nil || why == nil {
					why = []string{err.Error()}
				}
			case rd.Ready:
				fmt.Fprintln(stdout, "ready")
				return 0
			default:
				why = rd.Reasons
			}
		}
		select {
		case <-ctx.Done():
			for i, w := range why {
				why[i] = present.Printable(w)
			}
			fmt.Fprintf(stdout, "not ready after %s:\n  %s\n", *timeout, strings.Join(why, "\n  "))
			return exitError
		case <-time.After(*every):
		}
	}
}

// cmdBridge runs the scan bridge, normally as tidewatch run's child. A bad
// configuration exits with bridge.ExitConfig, which the supervisor does not
// retry.
func cmdBridge(args []string, stderr io.Writer) int {
	f := newFlags("bridge", stderr).withLog()
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, stderr)
	if !ok {
		return bridge.ExitConfig
	}
	log, err := f.logger(stderr, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "tidewatch bridge: %v\n", err)
		return bridge.ExitConfig
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return bridge.Run(ctx, cfg, os.Getenv, log)
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
