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
	f := newFlags("bridge", env).withLog()
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
