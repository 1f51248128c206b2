// Package pages keeps several tidewatch instances from paging twice, or
// not at all, across a change of leader. The problem lifecycle stays per
// instance (each queues notifications in its own outbox), but what was
// sent is shared: the leader records each notification it sends in
// Hazelcast (a Book, keyed by receiver and fingerprint, fenced by its
// epoch), and every instance decides what to do with a queued
// notification by the rules here, against that record:
//
//   - Decide: send it, skip it (already sent by someone, or moot), or keep
//     it waiting;
//   - Orphans: what a leader must resolve although its own outbox holds no
//     resolve for it (paged by an instance that is gone, for a problem this
//     one does not have open);
//   - MaySend: who sends at all, Hazelcast unreachable included.
//
// PagerDuty's dedup keys already make a second trigger harmless there;
// Slack, Discord and webhooks are not idempotent, so the record is what
// keeps them single.
package pages

import (
	"fmt"
	"time"

	"tidewatch/checks"
)

// Kinds of notification, as in package alert.
const (
	Trigger = "trigger"
	Repeat  = "repeat"
	Resolve = "resolve"
)

// Sent is a notification that went out to one receiver about one problem.
type Sent struct {
	Receiver    string          `json:"receiver"`
	Fingerprint string          `json:"fingerprint"`
	Kind        string          `json:"kind"`
	Severity    checks.Severity `json:"severity"`
	// Epoch is the sender's epoch when it sent it (its last one, for an
	// instance that sent while Hazelcast was unreachable).
	Epoch    int64     `json:"leader_epoch,omitempty"`
	Instance string    `json:"instance"`
	At       time.Time `json:"at"`
}

// pages tells whether the notification left the problem paged (a trigger
// or a repeat) rather than resolved.
func (s *Sent) pages() bool { return s.Kind == Trigger || s.Kind == Repeat }

func (s *Sent) String() string {
	return fmt.Sprintf("%s by %s at epoch %d, %s", s.Kind, s.Instance, s.Epoch, s.At.UTC().Format(time.RFC3339))
}

// Latest is the later of two records of one receiver and problem, by
// epoch, then time; either may be nil. The shared record is the one to go
// by, but an instance that sent while Hazelcast was unreachable knows of
// later sends than it does until they are recorded.
func Latest(a, b *Sent) *Sent {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.Epoch != b.Epoch:
		if a.Epoch > b.Epoch {
			return a
		}
		return b
	case b.At.After(a.At):
		return b
	}
	return a
}

// Pending is a notification waiting in an instance's outbox.
type Pending struct {
	Kind     string
	Severity checks.Severity
	// Queued is when it was queued.
	Queued time.Time
}

// Action is what to do with a pending notification.
type Action int

const (
	// Send it (a leader does; anyone else keeps it waiting).
	Send Action = iota + 1
	// Skip it: mark it done without sending.
	Skip
	// Wait: keep it in the outbox and decide again later.
	Wait
)

func (a Action) String() string {
	switch a {
	case Send:
		return "send"
	case Skip:
		return "skip"
	case Wait:
		return "wait"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Decision is an action and its reason, for the log and the outbox.
type Decision struct {
	Action Action
	Reason string
}

// Leadership is when the deciding instance's tenure began, and how long
// notifications queued before it are held: long enough for an instance
// that sent while Hazelcast was unreachable to record what it sent once
// Hazelcast is back (one lease TTL).
type Leadership struct {
	Since  time.Time
	Settle time.Duration
}

// Decide says what to do with a pending notification, given whether the
// deciding instance has its problem open now, the latest record of what was sent for its receiver and problem
// (Latest of the shared and the instance's own; nil: nothing), and the
// leadership of the instance deciding (a follower deciding which
// notifications are covered passes its zero value).
//
// A notification queued before its instance led is the backlog of a
// follower: it waits out the settling time. A trigger or repeat for a
// problem that is no longer open is moot, unless its leader queued it in
// its tenure (the resolve follows it, as with one instance). Otherwise a
// trigger goes unless
// someone already paged at this severity or above; a repeat goes when the
// last page is older than repeatEvery (or nothing paged); a resolve goes
// when the last notification paged, never twice, never for nothing.
func Decide(n Pending, open bool, last *Sent, l Leadership, now time.Time, repeatEvery time.Duration) Decision {
	backlog := n.Queued.Before(l.Since)
	if backlog && now.Before(l.Since.Add(l.Settle)) {
		return Decision{Wait, fmt.Sprintf("queued before this instance led: held until %s, for what others sent while Hazelcast was away to be recorded",
			l.Since.Add(l.Settle).UTC().Format(time.RFC3339))}
	}
	switch n.Kind {
	case Trigger, Repeat:
		if !open && (backlog || n.Kind == Repeat || l.Since.IsZero()) {
			return Decision{Skip, "the problem is no longer open"}
		}
		if last == nil || !last.pages() {
			return Decision{Send, "not paged"}
		}
		if n.Kind == Trigger {
			if n.Severity.Rank() > last.Severity.Rank() {
				return Decision{Send, fmt.Sprintf("paged at %s only (%s)", last.Severity, last)}
			}
			return Decision{Skip, "already paged: " + last.String()}
		}
		if now.Sub(last.At) < repeatEvery {
			return Decision{Skip, "paged less than repeat_every ago: " + last.String()}
		}
		return Decision{Send, "last paged " + last.String()}
	case Resolve:
		switch {
		case last == nil:
			return Decision{Skip, "nothing was paged"}
		case !last.pages():
			return Decision{Skip, "already resolved: " + last.String()}
		}
		return Decision{Send, "paged: " + last.String()}
	}
	return Decision{Skip, fmt.Sprintf("unknown kind %q", n.Kind)}
}

// Orphans are the pages a leader must resolve although its own outbox
// holds none for them: the latest record pages, and the leader, whose view
// of the problem is current (current, by fingerprint: its job has run
// since the leader started, enough to resolve), has no such problem open.
// They come from a leader that paged and is gone, or from an instance that
// paged while Hazelcast was unreachable. Each is returned as the resolve to
// send.
func Orphans(latest []Sent, open func(fingerprint string) bool, current func(fingerprint string) bool) []Sent {
	var out []Sent
	for _, s := range latest {
		if s.pages() && current(s.Fingerprint) && !open(s.Fingerprint) {
			out = append(out, Sent{Receiver: s.Receiver, Fingerprint: s.Fingerprint, Kind: Resolve, Severity: s.Severity})
		}
	}
	return out
}

// Standing is what an instance knows of its part when it would send.
type Standing struct {
	// Leading: it holds the lease (and Check confirms it).
	Leading bool
	// LastLeader: it stepped down when its renewals failed, and has seen
	// no one take over since.
	LastLeader bool
	// Reachable: Hazelcast answers it.
	Reachable bool
}

// MaySend is the rule of who sends. The leader does. While Hazelcast is
// unreachable no lease can be renewed, yet "Hazelcast unreachable" is the
// page that matters most: the last known leader keeps sending from its own
// outbox (by its own record, which it copies into the shared one once
// Hazelcast is back), and followers stay silent, so that it is paged once.
// Once Hazelcast answers again, only a leader sends: the last leader waits
// for the election like everyone else.
func MaySend(s Standing) (bool, string) {
	switch {
	case s.Leading:
		return true, "the leader"
	case s.LastLeader && !s.Reachable:
		return true, "the last leader, while Hazelcast is unreachable"
	case !s.Reachable:
		return false, "a follower while Hazelcast is unreachable: the last leader sends"
	case s.LastLeader:
		return false, "stepped down; no leader yet"
	}
	return false, "a follower"
}
