package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/prometheus/common/model"

	"tidewatch/alert"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
)

// silenceHelp is `tidewatch silence`'s own usage.
const silenceHelp = `usage: tidewatch silence add --match PATTERN --for DURATION --comment TEXT [--author NAME] [--config PATH]
       tidewatch silence list [--expired] [--json] [--config PATH]
       tidewatch silence expire ID [--config PATH]

Holds notifications back, as amtool's silences do: while a silence is in
force, the problems whose fingerprint (job/category/indicator; * stands
for anything) matches it are recorded but not notified; what was notified
before still resolves, and a problem still open when the silence ends is
notified then. tidewatch run honours a silence from its next run on.

examples:
  tidewatch silence add --match 'divergence/*' --for 2h --comment 'snapshots being moved'
  tidewatch silence list
  tidewatch silence expire 3

exit codes: 0 done, 1 the database cannot be written or read, 64 a usage
error (an unknown ID among them), 78 an invalid config.
`

// cmdSilence is `tidewatch silence add|list|expire`.
func cmdSilence(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, silenceHelp)
		return ExitUsage
	}
	switch args[0] {
	case "add":
		return silenceAdd(ctx, args[1:], env)
	case "list", "query":
		return silenceList(ctx, args[1:], env)
	case "expire":
		return silenceExpire(ctx, args[1:], env)
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, silenceHelp)
		return 0
	}
	fmt.Fprintf(env.Stderr, "tidewatch silence: unknown %q\n\n%s", args[0], silenceHelp)
	return ExitUsage
}

func silenceFlags(name, usage, example string, env Env) *flags {
	return newFlags("silence "+name, env, help{usage: "silence " + usage, what: "See tidewatch silence --help.", example: example,
		exits: "0 done, 1 the database cannot be written or read, 64 a usage error, 78 an invalid config."})
}

// openStore opens the config's database for the silences.
func openStore(path string, env Env, name string) (*db.Store, *config.Config, int) {
	cfg, ok := loadConfig(path, env)
	if !ok {
		return nil, nil, ExitConfig
	}
	log, _ := newLogger(env.Stderr, cfg.Log.Format, "warn")
	store, err := db.Open(cfg.Database.Path, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch silence %s: %v\n", name, err)
		return nil, nil, ExitError
	}
	return store, cfg, 0
}

func silenceAdd(ctx context.Context, args []string, env Env) int {
	f := silenceFlags("add", "add --match PATTERN --for DURATION --comment TEXT [--author NAME]",
		"tidewatch silence add --match '*/stale/vix' --for 90m --comment 'vix feed down at the source'", env)
	match := f.String("match", "", "the fingerprints it silences: a `PATTERN` of job/category/indicator, * for anything")
	dur := f.String("for", "1h", "how long it lasts: a `DURATION` such as 90m, 2h or 1d")
	comment := f.String("comment", "", "why: the `TEXT` shown with it")
	author := f.String("author", "", "who adds it: a `NAME` (default: $USER)")
	if code, ok := f.parse(args); !ok {
		return code
	}
	d, err := model.ParseDuration(*dur)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch silence add: --for %q: %v\n", *dur, err)
		return ExitUsage
	}
	store, cfg, code := openStore(f.config, env, "add")
	if store == nil {
		return code
	}
	defer store.Close()
	by := or(*author, env.Getenv("USER"))
	if by == "" {
		by = "unknown"
	}
	now := env.Now()
	var jobs []string
	for _, j := range cfg.Jobs() {
		jobs = append(jobs, j.Name)
	}
	s, err := alert.NewSilence(*match, jobs, now, time.Duration(d), by, *comment, now)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch silence add: %v\n", err)
		return ExitUsage
	}
	id, err := store.AddSilence(ctx, s)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch silence add: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "silence %d: %s until %s UTC\n", id, s.Matcher, s.Ends.UTC().Format(time.DateTime))
	return 0
}

func silenceList(ctx context.Context, args []string, env Env) int {
	f := silenceFlags("list", "list [--expired] [--json]", "tidewatch silence list --expired", env)
	expired := f.Bool("expired", false, "list the expired silences too")
	asJSON := f.Bool("json", false, "print JSON")
	if code, ok := f.parse(args); !ok {
		return code
	}
	store, _, code := openStore(f.config, env, "list")
	if store == nil {
		return code
	}
	defer store.Close()
	now := env.Now()
	list, err := store.Silences(ctx, now, *expired)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch silence list: %v\n", err)
		return ExitError
	}
	if *asJSON {
		type entry struct {
			db.Silence
			State string `json:"state"`
		}
		out := []entry{}
		for _, s := range list {
			out = append(out, entry{s, s.State(now)})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitError
		}
		return 0
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "no silences")
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tMATCHES\tSTATE\tSTARTS (UTC)\tENDS (UTC)\tBY\tCOMMENT")
	for _, s := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, present.Printable(s.Matcher), s.State(now),
			s.Starts.UTC().Format(time.DateTime), s.Ends.UTC().Format(time.DateTime), present.Printable(s.CreatedBy), present.Printable(s.Comment))
	}
	if err := tw.Flush(); err != nil {
		return ExitError
	}
	return 0
}

func silenceExpire(ctx context.Context, args []string, env Env) int {
	f := silenceFlags("expire", "expire ID", "tidewatch silence expire 3", env)
	// The id comes first, as amtool takes it; flags may follow it.
	var idArg string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		idArg, args = args[0], args[1:]
	}
	if code, ok := f.parse(args); !ok {
		return code
	}
	id, err := strconv.ParseInt(idArg, 10, 64)
	if err != nil || id < 1 {
		fmt.Fprintf(env.Stderr, "tidewatch silence expire: give the silence's ID (tidewatch silence list names them)\n")
		return ExitUsage
	}
	store, _, code := openStore(f.config, env, "expire")
	if store == nil {
		return code
	}
	defer store.Close()
	if err := store.ExpireSilence(ctx, id, env.Now()); err != nil {
		fmt.Fprintf(env.Stderr, "tidewatch silence expire: %v\n", err)
		if errors.Is(err, db.ErrNoSilence) {
			return ExitUsage
		}
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "silence %d expired\n", id)
	return 0
}
