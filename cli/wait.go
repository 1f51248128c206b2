package cli

import (
	"context"
	"fmt"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"tidewatch/db"
	"tidewatch/internal/present"
	"tidewatch/status"
)

// cmdWait blocks until the data is fit to trade on, for shell-driven flows:
// the same verdict as /readyz, read from history.
func cmdWait(ctx context.Context, args []string, env Env) int {
	f := newFlags("wait", env, help{usage: "wait [--config PATH] [--timeout D] [--interval D]",
		what:    "Blocks until the data is fit to trade on (the verdict of /readyz, read from history), for shell-driven flows.",
		example: "tidewatch wait --timeout 5m && ./trade.sh",
		exits:   "0 ready, 1 not ready at the timeout (the reasons printed), 64 a usage error, 78 an invalid config."})
	timeout := f.Duration("timeout", 5*time.Minute, "give up after this long (a `DURATION`)")
	every := f.Duration("interval", time.Second, "how often to look (a `DURATION`)")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if *timeout <= 0 || *every <= 0 {
		fmt.Fprintf(env.Stderr, "tidewatch wait: --timeout and --interval must be greater than zero\n")
		return ExitUsage
	}
	cfg, ok := loadConfig(f.config, env)
	if !ok {
		return ExitConfig
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var why []string
	for {
		// The database may not be there yet: tidewatch may be starting.
		if store, err := db.OpenReadOnly(cfg.Database.Path); err != nil {
			why = []string{err.Error()}
		} else {
			rd, err := status.Ready(ctx, store, cfg, env.Now())
			store.Close()
			switch {
			case err != nil:
				// A look cut off by the timeout says nothing: the last
				// one's reasons stand.
				if ctx.Err() == nil || why == nil {
					why = []string{err.Error()}
				}
			case rd.Ready:
				fmt.Fprintln(env.Stdout, "ready")
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
			fmt.Fprintf(env.Stdout, "not ready after %s:\n  %s\n", *timeout, strings.Join(why, "\n  "))
			return ExitError
		case <-time.After(*every):
		}
	}
}
