package statuspage

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"tidewatch/alert"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/status"
)

// Bars is how many of each check's latest runs the page draws.
const Bars = 60

// Live keeps what history does not: the indicators' values and effective
// staleness at the latest integrity and freshness runs, as the daemon
// records them.
type Live struct {
	mu        sync.Mutex
	integrity *db.Run
	freshness *db.Run
}

// Observe keeps a recorded run, if it is one the page reads.
func (l *Live) Observe(run *db.Run) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch run.Job {
	case config.JobIntegrity:
		l.integrity = run
	case config.JobFreshness:
		l.freshness = run
	}
}

func (l *Live) latest() (integrity, freshness *db.Run) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.integrity, l.freshness
}

// Source is what a page is gathered from.
type Source struct {
	Store    *db.Store
	Live     *Live
	Instance string
	Version  string
	// Refresh is how often the page reloads itself, in seconds.
	Refresh int
	// Cluster, when set, is this instance's part in a cluster, live from
	// the running daemon. Nil: as history tells it.
	Cluster func() *status.Cluster
	// Gate, when set, is the running daemon's gate: the verdict shown,
	// as /readyz gives it. Nil: the verdict is judged from history.
	Gate func() status.Readiness
}

// Gather reads what the page shows now: the gate's verdict, the open
// problems with the silences, each check's latest runs, the bridge and the
// indicators.
func Gather(ctx context.Context, src Source, cfg *config.Config, now time.Time) (Page, error) {
	p := Page{Instance: src.Instance, Now: now, Refresh: src.Refresh, Version: src.Version,
		Reports: []Link{{"last 24 h", "report?since=24h&format=html"}, {"7 days", "report?since=7d&format=html"},
			{"30 days", "report?since=30d&format=html"}}}
	store := src.Store
	rd, err := ready(ctx, store, cfg, now, src.Gate)
	if err != nil {
		p.Verdict = Verdict{Reasons: []string{"cannot read history: " + err.Error()}}
		return p, nil
	}
	st, err := status.Read(ctx, store, cfg, now, checks.Warning, 0, 0)
	if err != nil {
		return p, err
	}
	p.Verdict = Verdict{Known: st.Overall != checks.StatusUnknown || rd.Ready, Ready: rd.Ready, Overall: st.Overall, Reasons: rd.Reasons}
	if st.Reason != "" && !rd.Ready {
		p.Verdict.Reasons = append(p.Verdict.Reasons, st.Reason)
	}
	p.Cluster = st.Cluster
	if src.Cluster != nil && st.Cluster != nil {
		p.Cluster = src.Cluster()
		p.Cluster.LastChange = st.Cluster.LastChange
	}
	silences, err := store.Silences(ctx, now, false)
	if err != nil {
		return p, err
	}
	var active []db.Silence
	for _, s := range silences {
		p.Silences = append(p.Silences, Silence{ID: s.ID, Matcher: s.Matcher, Starts: s.Starts, Ends: s.Ends, CreatedBy: s.CreatedBy, Comment: s.Comment})
		if s.State(now) == db.SilenceActive {
			active = append(active, s)
		}
	}
	open, err := store.OpenProblems(ctx)
	if err != nil {
		return p, err
	}
	for _, o := range open {
		pr := Problem{Fingerprint: o.Fingerprint(), Job: o.Job, Message: o.Message, Severity: o.Severity, Since: o.Opened,
			Paged: o.PagedSeverity != "", SuppressedBy: o.SuppressedBy}
		if s := alert.SilenceFor(active, pr.Fingerprint); s != nil {
			pr.SilencedBy = "silence " + strconv.FormatInt(s.ID, 10) + ": " + s.Comment
		}
		p.Problems = append(p.Problems, pr)
	}
	for _, js := range st.Jobs {
		j := Job{Name: js.Job, Status: js.Status, Current: js.Current}
		if js.LastRun != nil {
			j.LastRun = *js.LastRun
		}
		bars, err := store.RecentRuns(ctx, js.Job, Bars)
		if err != nil {
			return p, err
		}
		for _, b := range bars {
			j.Runs = append(j.Runs, Run{At: b.Started, Status: b.Status, Findings: b.Findings})
		}
		p.Jobs = append(p.Jobs, j)
	}
	if b := st.Bridge; b != nil && cfg.Bridge.Enabled {
		s := b.Sample
		p.Bridge = &Bridge{State: string(s.State), PID: s.PID, Restarts: s.Restarts, ScanNumber: s.ScanNumber, CheckedAt: b.CheckedAt}
		if s.UptimeS != nil {
			p.Bridge.Uptime = seconds(*s.UptimeS)
		}
		if s.DataAgeS != nil {
			age := seconds(*s.DataAgeS)
			p.Bridge.ScanAge = &age
		}
	}
	p.Indicators = indicators(cfg, src.Live, now, st.Health)
	return p, nil
}

// indicators is the table of indicators: each expected one's value and
// effective staleness at the latest runs, its limit, and its state.
func indicators(cfg *config.Config, live *Live, now time.Time, h checks.Health) []Indicator {
	var integrity, freshness *db.Run
	if live != nil {
		integrity, freshness = live.latest()
	}
	var out []Indicator
	for _, name := range cfg.Indicators.Expected {
		in := Indicator{Name: name, Critical: slices.Contains(cfg.Indicators.Critical, name), Limit: cfg.Freshness.StaleAfterFor(name), State: "fresh"}
		if integrity != nil {
			if v, ok := integrity.Values[name]; ok {
				in.Value = strconv.FormatFloat(v, 'g', 6, 64)
			}
		}
		if freshness != nil {
			if s, ok := freshness.Staleness[name]; ok {
				d := seconds(s)
				in.Staleness = &d
			}
		}
		switch {
		case integrity != nil && in.Value == "" || slices.Contains(h.MissingCritical, name):
			in.State = "missing"
		case cfg.Freshness.Quiet(name, now):
			in.State = "quiet"
		case slices.Contains(h.StaleIndicators, name):
			in.State = "stale"
		case integrity == nil && freshness == nil:
			in.State = "unknown"
		}
		out = append(out, in)
	}
	return out
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// ready is the gate's verdict when there is a gate, or history's.
func ready(ctx context.Context, store *db.Store, cfg *config.Config, now time.Time, gate func() status.Readiness) (*status.Readiness, error) {
	if gate != nil {
		rd := gate()
		return &rd, nil
	}
	return status.Ready(ctx, store, cfg, now)
}

// Verdicts of the badges, by what they are about.
var badgeColor = map[checks.Status]string{checks.StatusHealthy: Green, checks.StatusDegraded: Yellow,
	checks.StatusCritical: Red, checks.StatusError: Red, checks.StatusUnknown: Grey}

// ReadBadge is the badge of "overall" (the gate: ready or not) or of a
// check (its latest status); ok is false for a name that is neither.
func ReadBadge(ctx context.Context, store *db.Store, cfg *config.Config, now time.Time, name string, gate func() status.Readiness) (b Badge, ok bool, err error) {
	if name == "overall" {
		rd, err := ready(ctx, store, cfg, now, gate)
		if err != nil {
			return Badge{Label: "tidewatch", Message: "unknown", Color: Grey}, true, err
		}
		if rd.Ready {
			return Badge{Label: "tidewatch", Message: "ready", Color: Green}, true, nil
		}
		return Badge{Label: "tidewatch", Message: fmt.Sprintf("not ready (%d)", len(rd.Reasons)), Color: Red}, true, nil
	}
	if !slices.ContainsFunc(cfg.Jobs(), func(j config.Job) bool { return j.Name == name }) {
		return Badge{}, false, nil
	}
	st, err := status.Read(ctx, store, cfg, now, checks.Critical, 0, 0)
	if err != nil {
		return Badge{Label: name, Message: "unknown", Color: Grey}, true, err
	}
	for _, js := range st.Jobs {
		if js.Job == name {
			s := js.Status
			if !js.Current {
				s = checks.StatusUnknown
			}
			return Badge{Label: name, Message: string(s), Color: badgeColor[s]}, true, nil
		}
	}
	return Badge{}, false, nil
}
