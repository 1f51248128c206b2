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
	"slices"
	"strings"
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

usage: tidewatch COMMAND [--flag ...]      (tidewatch COMMAND --help for its flags)

  run       the daemon: checks on schedule, history, alerts, the bridge, HTTP
  check     run the checks once now and print the verdict
  status    the status now, from history
  report    availability, incidents and findings over a period
  wait      block until the data is fit to trade on
  silence   hold notifications back: add, list, expire
  bridge    the scan bridge (tidewatch run starts it)
  version   the version, revision and commit time

exit codes: 0 success; check and status 0 healthy, 1 degraded, 2 critical,
3 unknown; wait 1 at its timeout; 64 a usage error; 78 an invalid config
(check and status: 3). Each command's --help says its own.
`

// Exit codes besides the health verdicts, the sysexits ones among them.
const (
	ExitError  = 1
	ExitUsage  = 64 // EX_USAGE
	ExitConfig = 78 // EX_CONFIG
)

// commands are the subcommands by name. Each runs until ctx ends, when it
// runs at all that long (SIGINT and SIGTERM end it).
var commands = map[string]func(ctx context.Context, args []string, env Env) int{
	"run": cmdRun, "check": cmdCheck, "status": cmdStatus, "report": cmdReport, "wait": cmdWait, "bridge": cmdBridge,
	"silence": cmdSilence,
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

// help is what a command's --help says besides its flags.
type help struct {
	usage   string // after "tidewatch ": "status [--flag ...]"
	what    string
	example string
	exits   string
}

func newFlags(name string, env Env, h help) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("tidewatch "+name, flag.ContinueOnError)}
	f.SetOutput(env.Stderr)
	f.StringVar(&f.config, "config", "config.toml", "the config `PATH`")
	f.Usage = func() { writeHelp(f.FlagSet, h) }
	return f
}

// writeHelp writes a command's help with its flags as the README writes
// them, --name VALUE, rather than Go's -name value.
func writeHelp(fs *flag.FlagSet, h help) {
	w := fs.Output()
	fmt.Fprintf(w, "usage: tidewatch %s\n\n%s\n\nflags:\n", h.usage, h.what)
	fs.VisitAll(func(fl *flag.Flag) {
		value, usage := flag.UnquoteUsage(fl)
		name := "--" + fl.Name
		if value != "" {
			name += " " + strings.ToUpper(value)
		}
		line := fmt.Sprintf("  %-22s %s", name, usage)
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" {
			line += fmt.Sprintf(" (default %s)", fl.DefValue)
		}
		fmt.Fprintln(w, line)
	})
	fmt.Fprintf(w, "\nexample:\n  %s\n\nexit codes: %s\n", h.example, h.exits)
}

// jobNames lists the jobs a config runs, for messages naming them.
func jobNames(cfg *config.Config, skip ...string) string {
	var names []string
	for _, j := range cfg.Jobs() {
		if !slices.Contains(skip, j.Name) {
			names = append(names, j.Name)
		}
	}
	return strings.Join(names, ", ")
}

// withLog adds the flags that override the config's log settings.
func (f *flags) withLog() *flags {
	f.StringVar(&f.logFormat, "log-format", "", "`text` or json (default: log.format in the config)")
	f.StringVar(&f.logLevel, "log-level", "", "debug, info, warn or error: the `LEVEL` (default: log.level in the config)")
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
