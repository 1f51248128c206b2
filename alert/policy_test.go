package alert

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func policy(t *testing.T, extra string) *Policy {
	t.Helper()
	cfg, err := config.Parse("alerts.toml", []byte(`
[[alerts.receivers]]
name = "ops"
type = "webhook"
url_env = "OPS_URL"
min_severity = "warning"
[[alerts.receivers]]
name = "pager"
type = "pagerduty"
routing_key_env = "PD_KEY"
min_severity = "critical"
`+extra))
	if err != nil {
		t.Fatal(err)
	}
	return NewPolicy(cfg.Alerts)
}

func stale(ind string) checks.Finding {
	return checks.Finding{Severity: checks.Warning, Category: checks.CatStale, Indicator: ind, Message: ind + " is stale"}
}

func nan(ind string) checks.Finding {
	return checks.Finding{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: ind, Message: ind + " is NaN"}
}

// sim runs a job's evaluations like the runner does, keeping the problems
// as the database would.
type sim struct {
	t    *testing.T
	pol  *Policy
	live map[string]db.Problem
	next int64
	at   time.Time
}

func newSim(t *testing.T, pol *Policy) *sim {
	return &sim{t: t, pol: pol, live: map[string]db.Problem{}, at: t0}
}

// run evaluates one run and returns its notices as "receiver kind fingerprint".
func (s *sim) run(job string, fs ...checks.Finding) []string {
	s.t.Helper()
	s.at = s.at.Add(30 * time.Second)
	return s.evaluate(s.pol.Evaluate, job, fs...)
}

// evaluate evaluates one run at s.at by eval (Evaluate or EvaluateChange).
func (s *sim) evaluate(eval func(string, []checks.Finding, time.Time, []db.Problem) ([]db.Problem, []db.Notice), job string, fs ...checks.Finding) []string {
	var live []db.Problem
	for _, p := range s.live {
		live = append(live, p)
	}
	changed, notices := eval(job, fs, s.at, live)
	for i := range changed {
		p := &changed[i]
		if p.ID == 0 {
			s.next++
			p.ID = s.next
		}
		switch p.State {
		case "", db.ProblemResolved:
			delete(s.live, p.Fingerprint())
		default:
			s.live[p.Fingerprint()] = *p
		}
	}
	var out []string
	for _, n := range notices {
		out = append(out, n.Receiver+" "+n.Kind+" "+changed[n.Problem].Fingerprint())
	}
	return out
}

func same(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: got %q, want %q", what, got, want)
			return
		}
	}
}

func TestCriticalOpensAtOnceWarningAfterTwo(t *testing.T) {
	t.Parallel()
	s := newSim(t, policy(t, ""))
	same(t, "critical, first run", s.run("integrity", nan("vix")),
		"ops trigger integrity/missing_critical/vix", "pager trigger integrity/missing_critical/vix")
	same(t, "warning, first run", s.run("freshness", stale("dxy")))
	same(t, "warning, second run", s.run("freshness", stale("dxy")), "ops trigger freshness/stale/dxy")
	same(t, "warning, third run: no repeat within the hour", s.run("freshness", stale("dxy")))
}

func TestFlappingIsDamped(t *testing.T) {
	t.Parallel()
	s := newSim(t, policy(t, ""))
	var all []string
	// Stale every other run for an hour: it never opens.
	for i := range 120 {
		if i%2 == 0 {
			all = append(all, s.run("freshness", stale("vix"))...)
		} else {
			all = append(all, s.run("freshness")...)
		}
	}
	same(t, "flapping warning", all)
	// Two in a row open it; one miss does not resolve it.
	same(t, "1", s.run("freshness", stale("vix")))
	same(t, "2", s.run("freshness", stale("vix")), "ops trigger freshness/stale/vix")
	same(t, "miss", s.run("freshness"))
	same(t, "back", s.run("freshness", stale("vix")))
	same(t, "miss", s.run("freshness"))
	same(t, "second miss resolves", s.run("freshness"), "ops resolve freshness/stale/vix")
}

func TestRepeatAndEscalate(t *testing.T) {
	t.Parallel()
	s := newSim(t, policy(t, "[alerts]\nrepeat_every = \"2m\"\n"))
	s.run("freshness", stale("vix"))
	same(t, "open", s.run("freshness", stale("vix")), "ops trigger freshness/stale/vix")
	s.run("freshness", stale("vix"))
	s.run("freshness", stale("vix"))
	s.run("freshness", stale("vix"))
	same(t, "two minutes on", s.run("freshness", stale("vix")), "ops repeat freshness/stale/vix")
	// The same problem turning critical pages again, the pager too.
	worse := stale("vix")
	worse.Severity = checks.Critical
	same(t, "escalated", s.run("freshness", worse), "ops trigger freshness/stale/vix", "pager trigger freshness/stale/vix")
	s.run("freshness")
	same(t, "resolved to both", s.run("freshness"), "ops resolve freshness/stale/vix", "pager resolve freshness/stale/vix")
}

func TestHazelcastAwayPagesOnceNotForEveryConsequence(t *testing.T) {
	t.Parallel()
	s := newSim(t, policy(t, ""))
	down := checks.Finding{Severity: checks.Critical, Category: checks.CatConnectivity, Message: "Hazelcast unreachable"}
	consequences := []checks.Finding{down, nan("vix"), nan("fng"), stale("dxy")}
	same(t, "integrity", s.run("integrity", consequences...),
		"ops trigger integrity/connectivity/", "pager trigger integrity/connectivity/")
	same(t, "freshness sees it too", s.run("freshness", down))
	same(t, "still down", s.run("integrity", consequences...))
	// Hazelcast is back but vix stays NaN. One run is not yet a recovery;
	// the second resolves the outage, and vix pages on its own.
	s.run("freshness")
	s.run("freshness")
	same(t, "back, once", s.run("integrity", nan("vix"), stale("dxy")))
	same(t, "back, twice", s.run("integrity", nan("vix"), stale("dxy")),
		"ops resolve integrity/connectivity/", "pager resolve integrity/connectivity/",
		"ops trigger integrity/missing_critical/vix", "pager trigger integrity/missing_critical/vix",
		"ops trigger integrity/stale/dxy")
}

// A record another job found absent at the start, and has not read since
// (divergence runs every few minutes), explains nothing integrity finds in
// the record it read later: the NaN pages.
func TestAReadFailureSeenEarlierByAnotherJobExplainsNothingLater(t *testing.T) {
	t.Parallel()
	s := newSim(t, policy(t, ""))
	absent := checks.Finding{Severity: checks.Critical, Category: checks.CatRecordAbsent, Message: "exf_latest is absent"}
	same(t, "divergence at the start", s.run("divergence", absent),
		"ops trigger divergence/record_absent/", "pager trigger divergence/record_absent/")
	same(t, "integrity reads vix NaN", s.run("integrity", nan("vix")),
		"ops trigger integrity/missing_critical/vix", "pager trigger integrity/missing_critical/vix")

}

func TestMaintenanceHoldsNotificationsButResolvesWhatPaged(t *testing.T) {
	t.Parallel()
	// A window every day from 12:03 for ten minutes, for freshness only.
	s := newSim(t, policy(t, "[[alerts.maintenance]]\nschedule = \"3 12 * * *\"\nduration = \"10m\"\nmatch = \"freshness/*\"\n"))
	s.run("freshness", stale("vix"))
	same(t, "before the window", s.run("freshness", stale("vix")), "ops trigger freshness/stale/vix") // 12:01
	for s.at.Before(t0.Add(3 * time.Minute)) {
		s.run("freshness", stale("vix"))
	}
	same(t, "in the window, a new problem is held", s.run("freshness", stale("vix"), stale("dxy")))
	same(t, "held", s.run("freshness", stale("vix"), stale("dxy")))
	s.run("freshness", stale("dxy"))
	same(t, "what paged resolves in the window", s.run("freshness", stale("dxy")), "ops resolve freshness/stale/vix")
	same(t, "integrity is not in the window", s.run("integrity", nan("vix")),
		"ops trigger integrity/missing_critical/vix", "pager trigger integrity/missing_critical/vix")
	for s.at.Before(t0.Add(12*time.Minute + 30*time.Second)) { // the window ends at 12:13
		s.run("freshness", stale("dxy"))
	}
	same(t, "after the window, the held trigger goes out", s.run("freshness", stale("dxy")), "ops trigger freshness/stale/dxy")
}

// A problem has paged only when a notification about it was queued: with
// no receiver, or none that takes its severity, it is recorded with no
// paged severity; once a receiver takes it (a critical, for the pager), it
// pages, and only what paged resolves.
func TestPagedOnlyWhenANotificationWasQueued(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("none.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	nobody := newSim(t, NewPolicy(cfg.Alerts))
	same(t, "no receiver", nobody.run("integrity", nan("vix")))
	if p := nobody.live["integrity/missing_critical/vix"]; p.State != db.ProblemOpen || p.PagedSeverity != "" || !p.LastNotified.IsZero() {
		t.Errorf("with no receiver: %+v", p)
	}
	nobody.run("integrity")
	same(t, "nothing paged, nothing resolves", nobody.run("integrity"))

	pagerOnly := newSim(t, policy(t, "")) // ops takes warnings, the pager criticals
	pagerOnly.pol.receivers = pagerOnly.pol.receivers[1:]
	pagerOnly.run("freshness", stale("vix"))
	same(t, "a warning nobody takes", pagerOnly.run("freshness", stale("vix")))
	if p := pagerOnly.live["freshness/stale/vix"]; p.State != db.ProblemOpen || p.PagedSeverity != "" {
		t.Errorf("a warning nobody takes: %+v", p)
	}
	worse := stale("vix")
	worse.Severity = checks.Critical
	same(t, "critical now", pagerOnly.run("freshness", worse), "pager trigger freshness/stale/vix")
	if p := pagerOnly.live["freshness/stale/vix"]; p.PagedSeverity != checks.Critical {
		t.Errorf("critical now: %+v", p)
	}
	pagerOnly.run("freshness")
	same(t, "resolved", pagerOnly.run("freshness"), "pager resolve freshness/stale/vix")
}

// silences serves silences to the policy as the store would, and counts
// the reads.
type silences struct {
	list  []db.Silence
	err   error
	reads int
}

func (s *silences) active(_ context.Context, now time.Time) ([]db.Silence, error) {
	s.reads++
	var out []db.Silence
	for _, sl := range s.list {
		if sl.State(now) == db.SilenceActive {
			out = append(out, sl)
		}
	}
	return out, s.err
}

// A silence is a maintenance window made on the spot: what it matches is
// recorded but not notified while it lasts, what paged before it still
// resolves, and a trigger it held goes out when it ends. A silence that
// cannot be read holds nothing back.
func TestSilencesHoldNotificationsButResolveWhatPaged(t *testing.T) {
	t.Parallel()
	pol := policy(t, "")
	src := &silences{list: []db.Silence{{ID: 1, Matcher: "freshness/*", Starts: t0.Add(2 * time.Minute), Ends: t0.Add(10 * time.Minute)}}}
	pol.ReadSilences(src.active, slog.New(slog.DiscardHandler))
	s := newSim(t, pol)
	s.run("freshness", stale("vix"))
	same(t, "before the silence", s.run("freshness", stale("vix")), "ops trigger freshness/stale/vix") // 12:01
	for s.at.Before(t0.Add(2 * time.Minute)) {
		s.run("freshness", stale("vix"))
	}
	same(t, "silenced, a new problem is held", s.run("freshness", stale("vix"), stale("dxy")))
	same(t, "held", s.run("freshness", stale("vix"), stale("dxy")))
	if p := s.live["freshness/stale/dxy"]; p.State != db.ProblemOpen || p.PagedSeverity != "" {
		t.Errorf("a silenced problem is recorded, and has not paged: %+v", p)
	}
	s.run("freshness", stale("dxy"))
	same(t, "what paged resolves while silenced", s.run("freshness", stale("dxy")), "ops resolve freshness/stale/vix")
	same(t, "integrity is not silenced", s.run("integrity", nan("vix")),
		"ops trigger integrity/missing_critical/vix", "pager trigger integrity/missing_critical/vix")
	for s.at.Before(t0.Add(9*time.Minute + 30*time.Second)) {
		s.run("freshness", stale("dxy"))
	}
	same(t, "after the silence, the held trigger goes out", s.run("freshness", stale("dxy")), "ops trigger freshness/stale/dxy")
	if src.reads == 0 {
		t.Error("the silences were never read")
	}

	broken := policy(t, "")
	broken.ReadSilences((&silences{list: src.list, err: errors.New("database is locked")}).active, slog.New(slog.DiscardHandler))
	b := newSim(t, broken)
	b.at = t0.Add(3 * time.Minute) // within the silence
	b.run("freshness", stale("vix"))
	same(t, "silences unreadable", b.run("freshness", stale("vix")), "ops trigger freshness/stale/vix")
}

func TestProblemsRememberTheirHistory(t *testing.T) {
	t.Parallel()
	pol := policy(t, "")
	changed, _ := pol.Evaluate("integrity", []checks.Finding{nan("vix")}, t0, nil)
	p := changed[0]
	if p.State != db.ProblemOpen || !p.Opened.Equal(t0) || p.Occurrences != 1 || p.PagedSeverity != checks.Critical {
		t.Errorf("opened %+v", p)
	}
	changed, _ = pol.Evaluate("integrity", []checks.Finding{nan("vix")}, t0.Add(time.Minute), changed)
	if p := changed[0]; p.Occurrences != 2 || !p.FirstSeen.Equal(t0) || !p.LastSeen.Equal(t0.Add(time.Minute)) {
		t.Errorf("seen again %+v", p)
	}
	changed, _ = pol.Evaluate("integrity", nil, t0.Add(2*time.Minute), changed)
	changed, notices := pol.Evaluate("integrity", nil, t0.Add(3*time.Minute), changed)
	if p := changed[0]; p.State != db.ProblemResolved || !p.Resolved.Equal(t0.Add(3*time.Minute)) || len(notices) != 2 {
		t.Errorf("resolved %+v, %v", p, notices)
	}
	// A pending warning that goes away is forgotten.
	changed, _ = pol.Evaluate("freshness", []checks.Finding{stale("vix")}, t0, nil)
	changed[0].ID = 7 // as stored
	changed, notices = pol.Evaluate("freshness", nil, t0.Add(time.Minute), changed)
	if changed[0].State != "" || len(notices) != 0 {
		t.Errorf("pending then gone: %+v %v", changed[0], notices)
	}
}

func TestDedupKey(t *testing.T) {
	t.Parallel()
	if k := DedupKey("integrity/missing_critical/vix"); k != "tidewatch/integrity/missing_critical/vix" {
		t.Errorf("short: %q", k)
	}
	long := DedupKey(string(make([]byte, 300)))
	if len(long) > 255 || long != DedupKey(string(make([]byte, 300))) {
		t.Errorf("long: %d %q", len(long), long)
	}
}

// A producer flapping at random, its record bad or good for 0.2 to 30 s
// at a time, runs the checks at every change: it pages once in the hour.
// Changes open problems at once, but only the schedule (every 60 s here)
// resolves them, after resolve_after runs without them, and a change that
// sees the problem again starts that count over.
func TestAFlappingProducerCannotPageTenTimesAnHour(t *testing.T) {
	t.Parallel()
	for seed := range uint64(5) {
		s := newSim(t, policy(t, ""))
		rng := rand.New(rand.NewPCG(seed, 7))
		bad, flip, sched := false, t0, t0.Add(time.Minute)
		pages := 0
		count := func(notices []string) {
			for _, n := range notices {
				if strings.HasPrefix(n, "pager trigger") {
					pages++
				}
			}
		}
		findings := func() []checks.Finding {
			if bad {
				return []checks.Finding{nan("vix")}
			}
			return nil
		}
		for s.at.Before(t0.Add(time.Hour)) {
			if flip.Before(sched) {
				s.at, bad = flip, !bad
				count(s.evaluate(s.pol.EvaluateChange, "integrity", findings()...))
				flip = flip.Add(200*time.Millisecond + time.Duration(rng.Int64N(int64(30*time.Second))))
			} else {
				s.at = sched
				count(s.evaluate(s.pol.Evaluate, "integrity", findings()...))
				sched = sched.Add(time.Minute)
			}
		}
		if pages >= 10 || pages < 1 {
			t.Errorf("seed %d: %d pages in an hour", seed, pages)
		}
	}
}
