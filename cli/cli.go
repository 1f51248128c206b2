// Package cli is tidewatch's command line: each subcommand parses its flags
// and hands over to the packages that do the work. Everything it takes from
// the world comes in through Env, so that a test runs any command in
// process, at any time it likes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"tidewatch/config"
)

// Env is what a command takes from the world.
type Env struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time
	// Getenv reads the environment: the secrets whose variables the config
	// names, and NO_COLOR.
	Getenv  func(string) string
	Version string
}

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
	ExitError = 1
	ExitUsage = 64
)

// commands are the subcommands by name. Each runs until ctx ends, when it
// runs at all that long (SIGINT and SIGTERM end it).
var commands = map[string]func(ctx context.Context, args []string, env Env) int{
	"run": cmdRun, "check": cmdCheck, "status": cmdStatus, "report": cmdReport, "wait": cmdWait, "bridge": cmdBridge,
}

// Main runs the command line and returns the exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitUsage
	}
	name, args := args[0], args[1:]
	switch name {
	case "version", "--version":
		fmt.Fprintln(env.Stdout, "tidewatch", env.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, usage)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "tidewatch: unknown command %q\n\n%s", name, usage)
		return ExitUsage
	}
	return cmd(ctx, args, env)
}

// flags is a subcommand's flag set with the flags every command takes.
type flags struct {
	*flag.FlagSet
	config              string
	logFormat, logLevel string
}

func newFlags(name string, env Env) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("tidewatch "+name, flag.ContinueOnError)}
	f.SetOutput(env.Stderr)
	f.StringVar(&f.config, "config", "config.toml", "config file")
	return f
}

// withLog adds the flags that override the config's log settings.
func (f *flags) withLog() *flags {
	f.StringVar(&f.logFormat, "log-format", "", "text or json (default: log.format in the config)")
	f.StringVar(&f.logLevel, "log-level", "", "debug, info, warn or error (default: log.level in the config)")
	return f
}

// parse parses args; ok is false with the exit code when it should stop.
func (f *flags) parse(args []string) (code int, ok bool) {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return ExitUsage, false
	}
	if f.NArg() > 0 {
		fmt.Fprintf(f.Output(), "%s: unexpected argument %q\n", f.Name(), f.Arg(0))
		return ExitUsage, false
	}
	return 0, true
}

// logger builds the logger from the config and the flags over it.
func (f *flags) logger(w io.Writer, cfg *config.Config) (*slog.Logger, error) {
	return newLogger(w, or(f.logFormat, cfg.Log.Format), or(f.logLevel, cfg.Log.Level))
}

func loadConfig(path string, env Env) (*config.Config, bool) {
	cfg, err := config.Load(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch: invalid config:\n%v\n", err)
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

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
