package cli

import (
	"context"
	"fmt"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/status"
)

// cmdStatus is `tidewatch status`: the current health, from history alone.
func cmdStatus(ctx context.Context, args []string, env Env) int {
	f := newFlags("status", env, help{usage: "status [--config PATH] [--json] [--severity LEVEL] [-n N] [--before ID]",
		what:    "The status now, from history: overall, each job's latest run, the health, the bridge, the recent findings.",
		example: "tidewatch status --severity critical -n 20",
		exits:   "0 healthy, 1 degraded, 2 critical, 3 unknown (no history, or an invalid config), 64 a usage error."})
	asJSON := f.Bool("json", false, "print JSON")
	severity := f.String("severity", "warning", "the least severity of the findings listed: info, warning or critical (the `LEVEL`)")
	n := f.Int("n", 10, fmt.Sprintf("how many recent findings to list (`N`), at most %d", status.MaxFindings))
	before := f.Int64("before", 0, "list the findings older than the one with this `ID` (the status names it)")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if *n < 0 || *n > status.MaxFindings {
		fmt.Fprintf(env.Stderr, "tidewatch status: -n %d: list 0 to %d findings at once, and older ones with --before\n", *n, status.MaxFindings)
		return ExitUsage
	}
	if *before < 0 {
		fmt.Fprintf(env.Stderr, "tidewatch status: --before %d: the id of a finding\n", *before)
		return ExitUsage
	}
	sev := checks.Severity(*severity)
	if sev != checks.Info && sev != checks.Warning && sev != checks.Critical {
		fmt.Fprintf(env.Stderr, "tidewatch status: --severity %q: use info, warning or critical\n", *severity)
		return ExitUsage
	}
	cfg, ok := loadConfig(f.config, env)
	if !ok {
		return checks.StatusUnknown.ExitCode()
	}
	store, err := db.OpenReadOnly(cfg.Database.Path)
	if err != nil {
		fmt.Fprintf(env.Stdout, "tidewatch: UNKNOWN: no history: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	defer store.Close()
	st, err := status.Read(ctx, store, cfg, env.Now(), sev, *n, *before)
	if err != nil {
		fmt.Fprintf(env.Stdout, "tidewatch: UNKNOWN: %v\n", err)
		return checks.StatusUnknown.ExitCode()
	}
	if err := status.WriteStatus(env.Stdout, st, *asJSON); err != nil {
		return checks.StatusUnknown.ExitCode()
	}
	return st.Overall.ExitCode()
}
