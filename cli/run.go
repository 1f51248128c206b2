package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"tidewatch/daemon"
)

// cmdRun is `tidewatch run`, the daemon, until SIGINT or SIGTERM; a second
// signal kills it at once.
func cmdRun(ctx context.Context, args []string, env Env) int {
	f := newFlags("run", env, help{usage: "run [--config PATH] [--log-format FORMAT] [--log-level LEVEL]",
		what: "The daemon: runs the checks on their schedules, records every run, notifies receivers, supervises the bridge and serves HTTP, " +
			"until SIGINT or SIGTERM (a second one kills at once). SIGHUP re-reads the config.",
		example: "tidewatch run --config /etc/tidewatch/config.toml --log-format json",
		exits:   "0 stopped by a signal, 1 something it needs cannot be had (the log says what), 64 a usage error, 78 an invalid config."}).withLog()
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, env)
	if !ok {
		return ExitConfig
	}
	log, err := f.logger(env.Stderr, cfg)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch: %v\n", err)
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// SIGHUP re-reads the config (it would kill tidewatch otherwise):
	// caught from here on, carried out once the daemon runs.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	d, err := daemon.New(ctx, cfg, daemon.Deps{Log: log, Now: env.Now, Getenv: env.Getenv, ConfigPath: f.config, Version: env.Version})
	if err != nil {
		msg, attrs := "cannot start", []any{"err", err}
		if se := (*daemon.StartError)(nil); errors.As(err, &se) {
			msg, attrs = se.Msg, se.Attrs
			if se.Err != nil {
				attrs = append(attrs, "err", se.Err)
			}
		}
		log.Error(msg, attrs...)
		return ExitError
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		d.Close(cctx)
	}()
	go func() {
		<-ctx.Done()
		stop() // a second signal kills at once
	}()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				log.Info("SIGHUP: reloading the config", "config", f.config)
				// The daemon logs the outcome.
				d.Reload(ctx)
			}
		}
	}()
	d.Run(ctx)
	return 0
}
