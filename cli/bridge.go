package cli

import (
	"context"
	"fmt"
	"os/signal"
	"syscall"

	"tidewatch/bridge"
)

// cmdBridge runs the scan bridge, normally as tidewatch run's child. A bad
// configuration exits with bridge.ExitConfig, which the supervisor does not
// retry.
func cmdBridge(ctx context.Context, args []string, env Env) int {
	f := newFlags("bridge", env, help{usage: "bridge [--config PATH] [--log-format FORMAT] [--log-level LEVEL]",
		what:    "The scan bridge: watches bridge.watch_dir and puts each new scan into Hazelcast. tidewatch run starts and supervises it.",
		example: "tidewatch bridge --config config.toml",
		exits:   "0 stopped by a signal, 1 it failed (the supervisor restarts it), 78 an invalid config (never restarted)."}).withLog()
	if code, ok := f.parse(args); !ok {
		return code
	}
	cfg, ok := loadConfig(f.config, env)
	if !ok {
		return bridge.ExitConfig
	}
	log, err := f.logger(env.Stderr, cfg)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch bridge: %v\n", err)
		return bridge.ExitConfig
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return bridge.Run(ctx, cfg, env.Getenv, log)
}
