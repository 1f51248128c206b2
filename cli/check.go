package cli

import (
	"context"
	"fmt"
	"os/signal"
	"syscall"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/hz"
	"tidewatch/jobs"
	"tidewatch/status"
)

// cmdCheck is `tidewatch check`: every job (but the bridge's, which judges the
// bridge tidewatch run supervises) run once now, recorded, and the verdict
// printed; the exit code is the verdict.
func cmdCheck(ctx context.Context, args []string, env Env) int {
	f := newFlags("check", env, help{usage: "check [--config PATH] [--job NAME] [--json]",
		what:    "Runs every check once now (all but the bridge's, which judges the bridge tidewatch run supervises), records the runs, and prints the verdict.",
		example: "tidewatch check --job integrity --json",
		exits:   "0 healthy, 1 degraded, 2 critical, 3 unknown (no verdict, or an invalid config), 64 a usage error."})
	job := f.String("job", "", "run only this job, by its `NAME`")
	asJSON := f.Bool("json", false, "print JSON")
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, env)
	if !ok {
		return checks.StatusUnknown.ExitCode()
	}
	names := []string{}
	for _, j := range cfg.Jobs() {
		if j.Name != config.JobBridge && (*job == "" || *job == j.Name) {
			names = append(names, j.Name)
		}
	}
	if len(names) == 0 {
		fmt.Fprintf(env.Stderr, "tidewatch check: --job %q: no such job; the jobs are %s\n", *job, jobNames(cfg, config.JobBridge))
		return ExitUsage
	}
	log, _ := newLogger(env.Stderr, cfg.Log.Format, "warn")
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	store, err := db.Open(cfg.Database.Path, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch check: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	defer store.Close()
	client, err := hz.Open(cfg.Hazelcast, env.Getenv, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch check: %v\n", err)
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
	// Its runs are recorded, but track no health: check beside the daemon
	// can neither fake a gap nor page twice.
	runner := jobs.NewRunner(ctx, cfg, client, store, nil, jobs.NewRecorder(cfg, store, log), log)
	var runs []*db.Run
	for _, name := range names {
		run, err := runner.Run(ctx, name)
		if err != nil {
			fmt.Fprintf(env.Stderr, "tidewatch check: %v\n", err)
			return checks.StatusUnknown.ExitCode()
		}
		runs = append(runs, run)
	}
	c := status.NewCheck(runs, cfg.Health)
	if err := status.WriteCheck(env.Stdout, c, *asJSON); err != nil {
		return checks.StatusUnknown.ExitCode()
	}
	return c.Overall.ExitCode()
}
