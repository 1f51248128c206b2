package alert

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/pages"
)

// fakeCluster plays the other instances and Hazelcast: the turn it is
// given, and a shared record in memory.
type fakeCluster struct {
	mu      sync.Mutex
	turn    Turn
	record  map[string]pages.Sent
	broken  bool // the record cannot be read
	orphans []pages.Sent
}

func newFakeCluster(turn Turn) *fakeCluster {
	return &fakeCluster{turn: turn, record: map[string]pages.Sent{}}
}

func (c *fakeCluster) set(turn Turn) {
	c.mu.Lock()
	c.turn = turn
	c.mu.Unlock()
}

func (c *fakeCluster) Turn(context.Context) Turn {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.turn
}

func (c *fakeCluster) Last(_ context.Context, receiver, fingerprint string) (*pages.Sent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.broken {
		return nil, errors.New("hazelcast: not connected")
	}
	s, ok := c.record[receiver+"|"+fingerprint]
	if !ok {
		return nil, nil
	}
	return &s, nil
}

func (c *fakeCluster) Record(_ context.Context, s pages.Sent) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.turn.Reachable {
		return errors.New("hazelcast: not connected")
	}
	k := s.Receiver + "|" + s.Fingerprint
	old, ok := c.record[k]
	if !ok || pages.Latest(&old, &s) == &s {
		c.record[k] = s
	}
	return nil
}

func (c *fakeCluster) Orphans(context.Context) ([]pages.Sent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.orphans
	c.orphans = nil
	return out, nil
}

// waitKind waits up to 10 s for the shared record of a page to say want,
// and returns what it says: a send is in the outbox before it is shared.
func (c *fakeCluster) waitKind(receiver, fingerprint, want string) string {
	for deadline := time.Now().Add(10 * time.Second); c.kind(receiver, fingerprint) != want && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	return c.kind(receiver, fingerprint)
}

func (c *fakeCluster) kind(receiver, fingerprint string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.record[receiver+"|"+fingerprint]
	return s.Kind + " " + s.Instance
}

// kinds is what a receiver got: "kind fingerprint" per alert.
func (r *receiver) kinds() []string {
	var out []string
	for _, q := range r.got() {
		var b WebhookBody
		json.Unmarshal(q.body, &b)
		for _, a := range b.Alerts {
			out = append(out, a.Kind+" "+a.Fingerprint)
		}
	}
	return out
}

const vix = "integrity/missing_critical/vix"

func leading(epoch int64) Turn {
	return Turn{Send: true, Reachable: true, Leading: true, Epoch: epoch, Instance: "b"}
}

func TestAFollowerSendsNothingAndClearsWhatTheLeaderSent(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) })
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "OPS"})
	o.env["OPS"] = rc.URL
	c := newFakeCluster(Turn{Reachable: true, Instance: "b", Why: "a follower"})
	s := o.sender()
	s.Cluster = c
	s.Start()
	defer stopNow(s)
	o.run("integrity", nan("vix"), nan("fng"))
	// The leader, a, paged vix; nobody fng yet.
	c.Record(context.Background(), pages.Sent{Receiver: "ops", Fingerprint: vix, Kind: Trigger, Severity: checks.Critical, Epoch: 6, Instance: "a", At: time.Now()})
	s.Wake()
	// In the outbox: fng, then vix.
	got := o.waitFor(func(st []string) bool { return len(st) == 2 && strings.Contains(st[1], "skipped") })
	if !strings.HasPrefix(got[0], "ops trigger pending 0") || !strings.HasPrefix(got[1], "ops trigger skipped 0 already paged: trigger by a at epoch 6") {
		t.Errorf("a follower's outbox: %q", got)
	}
	if n := len(rc.got()); n != 0 {
		t.Errorf("a follower sent %d messages", n)
	}

	// a dies; b takes over (no settling here): it sends what a did not.
	c.set(leading(7))
	o.waitFor(func(st []string) bool { return strings.HasPrefix(st[0], "ops trigger sent 1") })
	if k := rc.kinds(); len(k) != 1 || k[0] != "trigger integrity/missing_critical/fng" {
		t.Errorf("the new leader sent %q", k)
	}
	if k := c.waitKind("ops", "integrity/missing_critical/fng", "trigger b"); k != "trigger b" {
		t.Errorf("the shared record of fng: %q", k)
	}

	// Both resolve on b: b resolves each once, a's page included.
	o.run("integrity")
	o.run("integrity")
	s.Wake()
	o.waitFor(func(st []string) bool { return len(st) == 4 && allIn("sent")(st[2:]) })
	if k := strings.Join(rc.kinds(), ", "); k != "trigger integrity/missing_critical/fng, resolve integrity/missing_critical/fng, resolve integrity/missing_critical/vix" &&
		k != "trigger integrity/missing_critical/fng, resolve integrity/missing_critical/vix, resolve integrity/missing_critical/fng" {
		t.Errorf("sent %q", k)
	}
	if k := c.waitKind("ops", vix, "resolve b"); k != "resolve b" {
		t.Errorf("the shared record of vix: %q", k)
	}
}

func TestTheLastLeaderPagesWhileHazelcastIsAwayAndSharesOnItsReturn(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) })
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "OPS"})
	o.env["OPS"] = rc.URL
	c := newFakeCluster(Turn{Send: true, Reachable: false, Epoch: 6, Instance: "b", Why: "the last leader"})
	s := o.sender()
	s.Cluster = c
	s.Start()
	defer stopNow(s)
	o.run("integrity", checks.Finding{Severity: checks.Critical, Category: checks.CatConnectivity, Message: "Hazelcast unreachable"})
	s.Wake()
	o.waitFor(allIn("sent"))
	if k := c.kind("ops", "integrity/connectivity/"); k != " " {
		t.Fatalf("recorded while unreachable: %q", k)
	}
	// Back: the page goes into the shared record, at the epoch it went at.
	c.set(Turn{Reachable: true, Instance: "b", Why: "a follower"})
	deadline := time.Now().Add(15 * time.Second)
	for c.kind("ops", "integrity/connectivity/") != "trigger b" {
		if time.Now().After(deadline) {
			t.Fatalf("not shared on return:\n%s", o.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.mu.Lock()
	epoch := c.record["ops|integrity/connectivity/"].Epoch
	c.mu.Unlock()
	if epoch != 6 {
		t.Errorf("shared at epoch %d, want 6", epoch)
	}
}

func TestALeaderThatCannotReadTheRecordWaits(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) })
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "OPS"})
	o.env["OPS"] = rc.URL
	c := newFakeCluster(leading(7))
	c.broken = true
	s := o.sender()
	s.Cluster = c
	s.Start()
	defer stopNow(s)
	o.run("integrity", nan("vix"))
	s.Wake()
	o.waitFor(func(st []string) bool { return strings.Contains(o.logs.String(), "deciding later") })
	if n := len(rc.got()); n != 0 {
		t.Errorf("sent %d messages without the record", n)
	}
	c.mu.Lock()
	c.broken = false
	c.mu.Unlock()
	o.waitFor(allIn("sent"))
}

func TestALeaderResolvesAnOrphanedPage(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) })
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "OPS"})
	o.env["OPS"] = rc.URL
	c := newFakeCluster(leading(7))
	c.orphans = []pages.Sent{{Receiver: "ops", Fingerprint: "freshness/stale/dxy", Kind: pages.Resolve, Severity: checks.Warning}}
	s := o.sender()
	s.Cluster = c
	s.Start()
	defer stopNow(s)
	deadline := time.Now().Add(15 * time.Second)
	for c.kind("ops", "freshness/stale/dxy") != "resolve b" {
		if time.Now().After(deadline) {
			t.Fatalf("the orphan was not resolved:\n%s", o.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if k := rc.kinds(); len(k) != 1 || k[0] != "resolve freshness/stale/dxy" {
		t.Errorf("sent %q", k)
	}
}
