package pages

import (
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
)

var t0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func sent(kind string, sev checks.Severity, epoch int64, by string, at time.Duration) *Sent {
	return &Sent{Receiver: "slack", Fingerprint: "integrity/connectivity/", Kind: kind, Severity: sev, Epoch: epoch, Instance: by, At: t0.Add(at)}
}

func TestDecide(t *testing.T) {
	t.Parallel()
	const repeat = time.Hour
	// b leads from t0 (epoch 7), settling for 10s; a led before (epoch 6).
	lead := Leadership{Since: t0, Settle: 10 * time.Second}
	now := t0.Add(time.Minute)
	queued := func(kind string, sev checks.Severity, at time.Duration) Pending {
		return Pending{Kind: kind, Severity: sev, Queued: t0.Add(at)}
	}
	tests := []struct {
		name string
		n    Pending
		open bool
		last *Sent
		l    Leadership
		now  time.Time
		want Action
		why  string
	}{
		{"a trigger nobody sent goes", queued(Trigger, checks.Critical, time.Second), true, nil, lead, now, Send, "not paged"},
		{"a trigger another leader sent is skipped", queued(Trigger, checks.Critical, -time.Minute), true,
			sent(Trigger, checks.Critical, 6, "a", -time.Minute), lead, now, Skip, "already paged: trigger by a at epoch 6"},
		{"a trigger above the severity paged goes", queued(Trigger, checks.Critical, time.Second), true,
			sent(Trigger, checks.Warning, 6, "a", -time.Minute), lead, now, Send, "paged at warning only"},
		{"a repeat counts as paged", queued(Trigger, checks.Warning, time.Second), true,
			sent(Repeat, checks.Warning, 6, "a", -time.Minute), lead, now, Skip, "already paged"},
		{"a trigger after a resolve goes: a new occurrence", queued(Trigger, checks.Warning, time.Second), true,
			sent(Resolve, checks.Warning, 6, "a", -time.Minute), lead, now, Send, "not paged"},
		{"the backlog waits while others record what they sent", queued(Trigger, checks.Critical, -time.Second), true,
			nil, lead, t0.Add(5 * time.Second), Wait, "held until 2026-11-30T09:00:10Z"},
		{"the backlog of a problem no longer open is moot", queued(Trigger, checks.Critical, -time.Minute), false,
			nil, lead, now, Skip, "no longer open"},
		{"the leader's own trigger goes though the problem resolved since (the resolve follows)",
			queued(Trigger, checks.Critical, time.Second), false, nil, lead, now, Send, "not paged"},
		{"a repeat within repeat_every of the last page is skipped", queued(Repeat, checks.Critical, 30*time.Minute), true,
			sent(Trigger, checks.Critical, 6, "a", 0), lead, t0.Add(30 * time.Minute), Skip, "paged less than repeat_every ago"},
		{"a repeat past repeat_every goes", queued(Repeat, checks.Critical, 61*time.Minute), true,
			sent(Repeat, checks.Critical, 6, "a", 0), lead, t0.Add(61 * time.Minute), Send, "last paged repeat by a"},
		{"a repeat of a problem no longer open is skipped", queued(Repeat, checks.Critical, 61*time.Minute), false,
			sent(Trigger, checks.Critical, 6, "a", 0), lead, t0.Add(61 * time.Minute), Skip, "no longer open"},
		{"a repeat of what nobody paged goes", queued(Repeat, checks.Critical, 61*time.Minute), true,
			nil, lead, t0.Add(61 * time.Minute), Send, "not paged"},
		{"a resolve of what another leader paged goes", queued(Resolve, checks.Critical, -time.Minute), false,
			sent(Trigger, checks.Critical, 6, "a", -2*time.Minute), lead, now, Send, "paged: trigger by a"},
		{"a resolve after a repeat goes", queued(Resolve, checks.Critical, time.Second), false,
			sent(Repeat, checks.Critical, 7, "b", 0), lead, now, Send, "paged: repeat by b"},
		{"a resolve already sent is skipped", queued(Resolve, checks.Critical, time.Second), false,
			sent(Resolve, checks.Critical, 6, "a", 0), lead, now, Skip, "already resolved: resolve by a"},
		{"a resolve of what nobody paged is skipped", queued(Resolve, checks.Critical, time.Second), false,
			nil, lead, now, Skip, "nothing was paged"},
		{"a resolve in the backlog waits too", queued(Resolve, checks.Critical, -time.Second), false,
			sent(Trigger, checks.Critical, 6, "a", -time.Minute), lead, t0.Add(time.Second), Wait, "held until"},
		{"a follower finds its trigger covered", queued(Trigger, checks.Critical, time.Second), true,
			sent(Trigger, checks.Critical, 7, "b", time.Second), Leadership{}, now, Skip, "already paged"},
		{"a follower's trigger for a problem no longer open is moot", queued(Trigger, checks.Critical, time.Second), false,
			nil, Leadership{}, now, Skip, "no longer open"},
		{"a follower keeps a resolve the leader has not sent", queued(Resolve, checks.Critical, time.Second), false,
			sent(Trigger, checks.Critical, 7, "b", 0), Leadership{}, now, Send, "paged"},
		{"an unknown kind is skipped", queued("escalate", checks.Critical, time.Second), true, nil, lead, now, Skip, `unknown kind "escalate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.n, tt.open, tt.last, tt.l, tt.now, repeat)
			if d.Action != tt.want || !strings.Contains(d.Reason, tt.why) {
				t.Errorf("got %s (%s); want %s (%s)", d.Action, d.Reason, tt.want, tt.why)
			}
		})
	}
}

func TestLatest(t *testing.T) {
	t.Parallel()
	older, newer := sent(Trigger, checks.Critical, 6, "a", time.Hour), sent(Resolve, checks.Critical, 7, "b", 0)
	later := sent(Resolve, checks.Critical, 6, "a", 2*time.Hour)
	tests := []struct {
		name       string
		a, b, want *Sent
	}{
		{"none", nil, nil, nil},
		{"one", older, nil, older},
		{"the other", nil, older, older},
		{"a higher epoch wins over a later time", older, newer, newer},
		{"either way round", newer, older, newer},
		{"in one epoch, the later", older, later, later},
		{"in one epoch, either way round", later, older, later},
	}
	for _, tt := range tests {
		if got := Latest(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOrphans(t *testing.T) {
	t.Parallel()
	records := []Sent{
		{Receiver: "slack", Fingerprint: "integrity/connectivity/", Kind: Trigger, Severity: checks.Critical, Epoch: 6, Instance: "a"},
		{Receiver: "slack", Fingerprint: "freshness/stale/vix", Kind: Repeat, Severity: checks.Warning, Epoch: 6, Instance: "a"},
		{Receiver: "slack", Fingerprint: "freshness/stale/dxy", Kind: Trigger, Severity: checks.Warning, Epoch: 6, Instance: "a"},
		{Receiver: "slack", Fingerprint: "divergence/divergence/", Kind: Trigger, Severity: checks.Warning, Epoch: 6, Instance: "a"},
		{Receiver: "pd", Fingerprint: "integrity/connectivity/", Kind: Resolve, Severity: checks.Critical, Epoch: 6, Instance: "a"},
	}
	open := func(fp string) bool { return fp == "freshness/stale/dxy" }
	current := func(fp string) bool { return !strings.HasPrefix(fp, "divergence/") }
	got := Orphans(records, open, current)
	want := []Sent{
		{Receiver: "slack", Fingerprint: "integrity/connectivity/", Kind: Resolve, Severity: checks.Critical},
		{Receiver: "slack", Fingerprint: "freshness/stale/vix", Kind: Resolve, Severity: checks.Warning},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestMaySend(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    Standing
		want bool
		why  string
	}{
		{Standing{Leading: true, Reachable: true}, true, "the leader"},
		{Standing{LastLeader: true}, true, "the last leader, while Hazelcast is unreachable"},
		{Standing{}, false, "a follower while Hazelcast is unreachable"},
		{Standing{LastLeader: true, Reachable: true}, false, "stepped down; no leader yet"},
		{Standing{Reachable: true}, false, "a follower"},
	}
	for _, tt := range tests {
		if got, why := MaySend(tt.s); got != tt.want || !strings.HasPrefix(why, tt.why) {
			t.Errorf("%+v: got %v (%s), want %v (%s)", tt.s, got, why, tt.want, tt.why)
		}
	}
}

// instance is one tidewatch in the stories below: an outbox, what it sent
// itself, and its standing.
type instance struct {
	name       string
	epoch      int64
	lead       Leadership
	leading    bool
	lastLeader bool
	outbox     []Pending
	own        *Sent
}

// world is the shared record of one receiver and problem, and everything
// sent to people.
type world struct {
	reachable bool
	shared    *Sent
	paged     []string
}

// deliver runs an instance's outbox through the rules, as its sender will.
func (w *world) deliver(in *instance, open bool, now time.Time) {
	may, _ := MaySend(Standing{Leading: in.leading, LastLeader: in.lastLeader, Reachable: w.reachable})
	var shared *Sent
	if w.reachable {
		shared = w.shared
	}
	var keep []Pending
	for _, n := range in.outbox {
		d := Decide(n, open, Latest(shared, in.own), in.lead, now, time.Hour)
		switch {
		case d.Action == Wait || d.Action == Send && !may:
			keep = append(keep, n)
		case d.Action == Send:
			s := &Sent{Kind: n.Kind, Severity: n.Severity, Epoch: in.epoch, Instance: in.name, At: now}
			w.paged = append(w.paged, in.name+" "+n.Kind)
			in.own = s
			if w.reachable {
				w.shared = Latest(w.shared, s)
			}
		}
	}
	in.outbox = keep
}

func (w *world) check(t *testing.T, want ...string) {
	t.Helper()
	if strings.Join(w.paged, ", ") != strings.Join(want, ", ") {
		t.Errorf("paged %q; want %q", w.paged, want)
	}
}

func TestAPageSurvivesATakeoverOnce(t *testing.T) {
	t.Parallel()
	w := &world{reachable: true}
	a := &instance{name: "a", epoch: 6, leading: true}
	b := &instance{name: "b", epoch: 0}
	at := func(d time.Duration) time.Time { return t0.Add(d) }

	// Both see the problem open; a pages, b finds it covered.
	a.outbox = append(a.outbox, Pending{Trigger, checks.Critical, at(0)})
	b.outbox = append(b.outbox, Pending{Trigger, checks.Critical, at(time.Second)})
	w.deliver(a, true, at(time.Second))
	w.deliver(b, true, at(2*time.Second))
	w.check(t, "a trigger")
	if len(b.outbox) != 0 {
		t.Fatalf("b kept %v", b.outbox)
	}

	// a is killed; b takes over, and the problem resolves on b.
	b.epoch, b.leading, b.lead = 7, true, Leadership{Since: at(20 * time.Second), Settle: 10 * time.Second}
	b.outbox = append(b.outbox, Pending{Resolve, checks.Critical, at(25 * time.Second)})
	w.deliver(b, false, at(26*time.Second))
	w.deliver(b, false, at(40*time.Second))
	w.check(t, "a trigger", "b resolve")
}

func TestTheLastLeaderPagesWhileHazelcastIsAwayOnce(t *testing.T) {
	t.Parallel()
	w := &world{reachable: true}
	a := &instance{name: "a", epoch: 6, leading: true}
	b := &instance{name: "b"}
	c := &instance{name: "c"}
	at := func(d time.Duration) time.Time { return t0.Add(d) }

	// Hazelcast goes away: a cannot renew and steps down as the last
	// leader. Everyone sees it unreachable and queues the page.
	w.reachable = false
	a.leading, a.lastLeader = false, true
	for _, in := range []*instance{a, b, c} {
		in.outbox = append(in.outbox, Pending{Trigger, checks.Critical, at(0)})
		w.deliver(in, true, at(time.Second))
	}
	w.check(t, "a trigger")

	// It comes back empty (every member restarted). b wins the election;
	// a, which paged without a lease, copies its record in, within the
	// settling time; b's backlog then finds it paged.
	w.reachable, w.shared = true, nil
	a.lastLeader = false
	b.epoch, b.leading, b.lead = 1796047318438, true, Leadership{Since: at(60 * time.Second), Settle: 10 * time.Second}
	w.deliver(b, true, at(61*time.Second))
	w.shared = Latest(w.shared, a.own)
	w.deliver(b, true, at(71*time.Second))
	w.deliver(c, true, at(72*time.Second))
	w.check(t, "a trigger")

	// It resolves everywhere: b resolves once, a and c find it done.
	for _, in := range []*instance{a, b, c} {
		in.outbox = append(in.outbox, Pending{Resolve, checks.Critical, at(80 * time.Second)})
	}
	for _, in := range []*instance{b, a, c} {
		w.deliver(in, false, at(81*time.Second))
	}
	w.check(t, "a trigger", "b resolve")
	for _, in := range []*instance{a, b, c} {
		if len(in.outbox) != 0 {
			t.Errorf("%s kept %v", in.name, in.outbox)
		}
	}
}
