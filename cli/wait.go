package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
	"tidewatch/sse"
	"tidewatch/status"
)

// cmdWait blocks until the data is fit to trade on, for shell-driven flows:
// the verdict of the running daemon's gate, followed on its GET /events
// stream so that it returns within milliseconds of readiness; while the
// daemon cannot be reached, the verdict is read from history every
// interval instead.
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
		ready, last, err := followGate(ctx, cfg, env)
		if ready {
			fmt.Fprintln(env.Stdout, "ready")
			return 0
		}
		if last != nil {
			why = last
		}
		if err == nil || ctx.Err() != nil {
			// The stream ended with the wait: the gate's reasons stand.
			break
		}
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
		case <-time.After(*every):
			continue
		}
		break
	}
	for i, w := range why {
		why[i] = present.Printable(w)
	}
	fmt.Fprintf(env.Stdout, "not ready after %s:\n  %s\n", *timeout, strings.Join(why, "\n  "))
	return ExitError
}

// followGate follows the daemon's gate on GET /events until it says ready
// or ctx ends; err says why it could not (no daemon serving): the caller
// reads history then. last are the latest reasons the gate gave.
func followGate(ctx context.Context, cfg *config.Config, env Env) (ready bool, last []string, err error) {
	if !cfg.HTTP.Enabled {
		return false, nil, errors.New("http is off")
	}
	host, port, err := net.SplitHostPort(cfg.HTTP.Listen)
	if err != nil {
		return false, nil, err
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	token := ""
	if cfg.HTTP.TokenEnv != "" {
		token = env.Getenv(cfg.HTTP.TokenEnv)
	}
	url := "http://" + net.JoinHostPort(host, port) + "/events"
	err = sse.Follow(ctx, &http.Client{}, url, token, func(e sse.Event) bool {
		if e.Type != "verdict" {
			return false
		}
		var v struct {
			Ready   bool     `json:"ready"`
			Reasons []string `json:"reasons"`
		}
		if json.Unmarshal(e.Data, &v) == nil {
			ready, last = v.Ready, v.Reasons
		}
		return ready
	})
	if ready {
		return true, last, nil
	}
	if ctx.Err() != nil {
		return false, last, nil
	}
	return false, last, err
}
