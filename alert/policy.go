// Package alert turns findings into problems that open, repeat and resolve,
// and tells people: one message per receiver and run, through an outbox in
// SQLite, to webhooks, Alertmanager webhook bridges, Slack, Discord,
// Microsoft Teams, PagerDuty and email.
package alert

import (
	"context"
	"log/slog"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// Notification kinds.
const (
	Trigger = "trigger"
	Repeat  = "repeat"
	Resolve = "resolve"
)

// Policy is the alert configuration, ready to judge runs with.
type Policy struct {
	openAfter    map[checks.Severity]int
	resolveAfter int
	repeat       time.Duration
	windows      []window
	receivers    []receiverLevel
	readSilences func(context.Context, time.Time) ([]db.Silence, error)
	log          *slog.Logger
}

// silence is a silence in force, its matcher compiled.
type silence struct {
	db.Silence
	match *regexp.Regexp
}

type window struct {
	config.Maintenance
	match *regexp.Regexp
}

type receiverLevel struct {
	name string
	min  checks.Severity
}

// NewPolicy compiles the [alerts] section.
func NewPolicy(a config.Alerts) *Policy {
	p := &Policy{
		openAfter:    map[checks.Severity]int{checks.Critical: a.OpenAfterCritical, checks.Warning: a.OpenAfterWarning},
		resolveAfter: a.ResolveAfter,
		repeat:       a.RepeatEvery.Duration,
	}
	for _, m := range a.Maintenance {
		p.windows = append(p.windows, window{m, glob(m.Match)})
	}
	for _, r := range a.Receivers {
		p.receivers = append(p.receivers, receiverLevel{r.Name, minSeverity(r)})
	}
	return p
}

// ReadSilences makes the policy honour ad-hoc silences, read with read
// (the store's ActiveSilences) at every evaluation: a silence added by
// another process counts from the next run on.
func (pol *Policy) ReadSilences(read func(context.Context, time.Time) ([]db.Silence, error), log *slog.Logger) {
	pol.readSilences, pol.log = read, log
}

// silenceReadTimeout bounds the read of the silences in a run's write.
const silenceReadTimeout = 2 * time.Second

// silences reads the silences in force. One that cannot be read is logged
// and no silence applies: a notification too many beats one missed.
func (pol *Policy) silences(now time.Time) []silence {
	if pol.readSilences == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), silenceReadTimeout)
	defer cancel()
	active, err := pol.readSilences(ctx, now)
	if err != nil {
		pol.log.Error("silences cannot be read: none is honoured until they can", "err", err)
		return nil
	}
	out := make([]silence, len(active))
	for i, s := range active {
		out[i] = silence{s, glob(s.Matcher)}
	}
	return out
}

func silenced(silences []silence, fingerprint string) bool {
	return slices.ContainsFunc(silences, func(s silence) bool { return s.match.MatchString(fingerprint) })
}

func minSeverity(r config.Receiver) checks.Severity {
	if r.MinSeverity == "" {
		return checks.Warning
	}
	return checks.Severity(r.MinSeverity)
}

// Evaluate advances a job's problems by one run of it. live are all the
// pending and open problems before the run, of every job (other jobs'
// problems can explain this job's). It returns the problems that changed
// (ID 0: new; empty State: a pending one to forget) and the notifications
// to queue, each naming a problem by its index in the returned slice.
func (pol *Policy) Evaluate(job string, findings []checks.Finding, now time.Time, live []db.Problem) ([]db.Problem, []db.Notice) {
	return pol.evaluate(job, findings, now, live, true)
}

// EvaluateChange is Evaluate for a run that a change started (a change
// event, or the gate's recheck after one): it opens and escalates problems
// as any run does, but a problem it does not see is not a miss. Only the
// schedule resolves problems, after resolve_after runs of it without them:
// a producer flapping faster than that keeps one problem open, and pages
// once, however many changes it makes.
func (pol *Policy) EvaluateChange(job string, findings []checks.Finding, now time.Time, live []db.Problem) ([]db.Problem, []db.Notice) {
	return pol.evaluate(job, findings, now, live, false)
}

func (pol *Policy) evaluate(job string, findings []checks.Finding, now time.Time, live []db.Problem, misses bool) ([]db.Problem, []db.Notice) {
	mine := map[string]*db.Problem{}
	var others []db.Problem
	for _, p := range live {
		if p.Job == job {
			p := p
			mine[p.Fingerprint()] = &p
		} else {
			others = append(others, p)
		}
	}

	seen := map[string]bool{}
	for _, f := range findings {
		if f.Severity == checks.Info {
			continue
		}
		p := &db.Problem{Job: job, Category: f.Category, Indicator: f.Indicator}
		fp := p.Fingerprint()
		if seen[fp] {
			continue
		}
		seen[fp] = true
		if old, ok := mine[fp]; ok {
			p = old
		} else {
			p.State, p.FirstSeen = db.ProblemPending, now
			mine[fp] = p
		}
		p.Hits, p.Misses, p.Occurrences = p.Hits+1, 0, p.Occurrences+1
		p.LastSeen, p.Severity, p.Message, p.Details = now, f.Severity, f.Message, f.Details
		if p.State == db.ProblemPending && p.Hits >= pol.openAfter[f.Severity] {
			p.State, p.Opened = db.ProblemOpen, now
		}
	}
	for fp, p := range mine {
		if seen[fp] || !misses {
			continue
		}
		p.Hits, p.Misses = 0, p.Misses+1
		switch {
		case p.State == db.ProblemPending:
			p.State = "" // gone before it opened: forget it
		case p.Misses >= pol.resolveAfter:
			p.State, p.Resolved = db.ProblemResolved, now
		}
	}

	silences := pol.silences(now)
	var changed []db.Problem
	var notices []db.Notice
	open := others
	for _, p := range mine {
		if p.State == db.ProblemOpen {
			open = append(open, *p)
		}
	}
	for _, fp := range slices.Sorted(maps.Keys(mine)) {
		p := mine[fp]
		if p.ID == 0 && p.State == "" {
			continue
		}
		p.SuppressedBy = cause(p, open)
		kind := pol.notify(p, now, silences)
		var queued []db.Notice
		if kind != "" {
			level := p.Severity
			if kind == Resolve {
				level = p.PagedSeverity
			}
			for _, r := range pol.receivers {
				if level.Rank() >= r.min.Rank() {
					queued = append(queued, db.Notice{Problem: len(changed), Receiver: r.name, Kind: kind})
				}
			}
		}
		// A problem counts as paged only once a notification about it
		// was queued for some receiver: with none configured, or none
		// taking its severity, it is recorded and has paged nobody.
		if len(queued) > 0 && kind != Resolve {
			if kind == Trigger {
				p.PagedSeverity = p.Severity
			}
			p.LastNotified = now
		}
		changed = append(changed, *p)
		notices = append(notices, queued...)
	}
	return changed, notices
}

// notify decides what a problem sends now, if anything. A trigger waits
// while a cause explains the problem or a maintenance window or a silence
// covers it, and goes out when they end; whatever was triggered is always
// resolved, window, silence or not.
func (pol *Policy) notify(p *db.Problem, now time.Time, silences []silence) string {
	switch {
	case p.State == db.ProblemResolved:
		if p.PagedSeverity == "" {
			return ""
		}
		return Resolve
	case p.State != db.ProblemOpen || p.SuppressedBy != "" || pol.InMaintenance(p.Fingerprint(), now) ||
		silenced(silences, p.Fingerprint()):
		return ""
	case p.PagedSeverity == "" || p.Severity.Rank() > p.PagedSeverity.Rank():
		return Trigger
	case now.Sub(p.LastNotified) >= pol.repeat:
		return Repeat
	}
	return ""
}

// readFailures are the categories of a read from Hazelcast that failed:
// any later read by another job says otherwise.
var readFailures = []string{checks.CatConnectivity, checks.CatRecordAbsent, checks.CatRecordInvalid}

// cause finds the open problem that explains p, if any: one of a category
// that causes p's, or the same problem seen by another job that opened
// first (Hazelcast away is one page, not one per job). Hazelcast away or
// a record absent or invalid, as another job last saw it, explains nothing
// its job saw later: p's job read the record since (a job run every few
// minutes that found no record at the start would otherwise hold back a
// NaN that integrity finds every second).
func cause(p *db.Problem, open []db.Problem) string {
	for _, o := range open {
		if o.Job == p.Job && o.Category == p.Category && o.Indicator == p.Indicator {
			continue
		}
		if o.SuppressedBy != "" {
			continue
		}
		stale := o.Job != p.Job && slices.Contains(readFailures, o.Category) && o.LastSeen.Before(p.LastSeen)
		if slices.Contains(checks.Causes(p.Category), o.Category) && !stale {
			return o.Fingerprint()
		}
		if o.Category == p.Category && o.Indicator == p.Indicator && (o.Opened.Before(p.Opened) ||
			o.Opened.Equal(p.Opened) && o.Fingerprint() < p.Fingerprint()) {
			return o.Fingerprint()
		}
	}
	return ""
}

// InMaintenance reports whether a maintenance window covers a problem now.
func (pol *Policy) InMaintenance(fingerprint string, now time.Time) bool {
	for _, w := range pol.windows {
		if !w.match.MatchString(fingerprint) {
			continue
		}
		// The window is open if it started within its duration before now.
		if start := w.Schedule.Next(now.Add(-w.Duration.Duration)); !start.After(now) {
			return true
		}
	}
	return false
}

// glob compiles a fingerprint pattern: "*" stands for anything, slashes
// included ("freshness/*" is every freshness problem), "?" for one
// character; empty matches all.
func glob(pattern string) *regexp.Regexp {
	if pattern == "" {
		pattern = "*"
	}
	re := regexp.QuoteMeta(pattern)
	re = strings.ReplaceAll(re, `\*`, ".*")
	re = strings.ReplaceAll(re, `\?`, ".")
	return regexp.MustCompile("^" + re + "$")
}
