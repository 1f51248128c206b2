package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/report"
)

// cmdReport is `tidewatch report`: a period of history summarised.
func cmdReport(ctx context.Context, args []string, env Env) int {
	f := newFlags("report", env, help{usage: "report [--config PATH] [--since D|TIME] [--until D|TIME] [--job NAME] [--format FORMAT] [-o FILE]",
		what:    "Availability, incidents and their drivers, findings, the scan's age and the indicators' staleness over a period, from history.",
		example: "tidewatch report --since 7d --format html -o week.html",
		exits:   "0 written, 1 history cannot be read, 64 a usage error, 78 an invalid config."})
	since := f.String("since", "24h", "start: a duration back from now (90m, 24h, 7d) or a time (2026-11-01, 2026-11-01T08:00:00Z): `WHEN`")
	until := f.String("until", "", "end, in the same forms (default: now): `WHEN`")
	job := f.String("job", "", "only this job, by its `NAME`")
	format := f.String("format", "text", "the `FORMAT`: "+strings.Join(report.Formats, ", "))
	out := f.String("o", "", "write to this `FILE` instead of standard output")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(env.Stderr, "tidewatch report: --format %q: use %s\n", *format, strings.Join(report.Formats, ", "))
		return ExitUsage
	}
	now := env.Now()
	from, err := report.ParseWhen(*since, now)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch report: --since: %v\n", err)
		return ExitUsage
	}
	to := now
	if *until != "" {
		if to, err = report.ParseWhen(*until, now); err != nil {
			fmt.Fprintf(env.Stderr, "tidewatch report: --until: %v\n", err)
			return ExitUsage
		}
	}
	if !to.After(from) {
		fmt.Fprintf(env.Stderr, "tidewatch report: --until must be after --since\n")
		return ExitUsage
	}
	cfg, ok := loadConfig(f.config, env)
	if !ok {
		return ExitConfig
	}
	if *job != "" && !slices.ContainsFunc(cfg.Jobs(), func(j config.Job) bool { return j.Name == *job }) {
		fmt.Fprintf(env.Stderr, "tidewatch report: --job %q: no such job; the jobs are %s\n", *job, jobNames(cfg))
		return ExitUsage
	}
	store, err := db.OpenReadOnly(cfg.Database.Path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch report: %v\n", err)
		return ExitError
	}
	defer store.Close()
	rep, err := report.Build(ctx, store, cfg, now, from, to, *job)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch report: %v\n", err)
		return ExitError
	}
	w, color := env.Stdout, isTerminal(env.Stdout, env.Getenv)
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(env.Stderr, "tidewatch report: %v\n", err)
			return ExitError
		}
		defer file.Close()
		w, color = file, false
	}
	if err := report.Write(w, rep, *format, color); err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch report: %v\n", err)
		return ExitError
	}
	return 0
}

// isTerminal reports whether w is a terminal that wants colour (NO_COLOR
// unset), so that colour never ends up in a file or a pipe.
func isTerminal(w io.Writer, getenv func(string) string) bool {
	f, ok := w.(*os.File)
	if !ok || getenv("NO_COLOR") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
