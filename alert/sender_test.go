package alert

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/testenv"
)

// outbox is a real database with the alert config of the test's receivers.
type outbox struct {
	t     *testing.T
	store *db.Store
	cfg   config.Alerts
	env   map[string]string
	logs  *testenv.LogBuffer
	pol   *Policy
	at    time.Time
}

func newOutbox(t *testing.T, receivers ...config.Receiver) *outbox {
	t.Helper()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cfg := config.Default().Alerts
	cfg.Receivers = receivers
	return &outbox{t: t, store: store, cfg: cfg, env: map[string]string{}, logs: &testenv.LogBuffer{}, pol: NewPolicy(cfg), at: time.Now().Add(-time.Hour)}
}

// run records a run of a job with findings, judged by the policy, as the
// runner does.
func (o *outbox) run(job string, fs ...checks.Finding) {
	o.t.Helper()
	o.at = o.at.Add(30 * time.Second)
	live, err := o.store.LiveProblems(context.Background())
	if err != nil {
		o.t.Fatal(err)
	}
	r := &db.Run{Job: job, Started: o.at, Finished: o.at, Status: checks.StatusCritical, Overall: checks.StatusCritical, Findings: fs}
	r.Problems, r.Notices = o.pol.Evaluate(job, fs, o.at, live)
	if _, err := o.store.WriteRun(context.Background(), r); err != nil {
		o.t.Fatal(err)
	}
}

func (o *outbox) sender() *Sender {
	o.t.Helper()
	s, err := NewSender(o.cfg, o.store, slog.New(slog.NewTextHandler(o.logs, nil)), func(k string) string { return o.env[k] })
	if err != nil {
		o.t.Fatal(err)
	}
	return s
}

// states reads the notifications as "receiver kind state attempts".
func (o *outbox) states() []string {
	conn, err := sql.Open("sqlite", "file:"+o.store.Path()+"?mode=ro")
	if err != nil {
		o.t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT receiver, kind, state, attempts, coalesce(last_error, '') FROM notifications ORDER BY id`)
	if err != nil {
		o.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var rcv, kind, state, lastErr string
		var attempts int
		rows.Scan(&rcv, &kind, &state, &attempts, &lastErr)
		out = append(out, strings.Join([]string{rcv, kind, state, string(rune('0' + attempts)), lastErr}, " "))
	}
	return out
}

func (o *outbox) waitFor(cond func([]string) bool) []string {
	o.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if s := o.states(); cond(s) {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	o.t.Fatalf("outbox never got there: %q\nlog:\n%s", o.states(), o.logs.String())
	return nil
}

// stopNow stops a sender, cutting off what it is sending.
func stopNow(s *Sender) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s.Stop(ctx)
}

func allIn(state string) func([]string) bool {
	return func(s []string) bool {
		for _, x := range s {
			if f := strings.Fields(x); len(f) < 3 || f[2] != state {
				return false
			}
		}
		return len(s) > 0
	}
}

func TestOneMessagePerReceiverAndRun(t *testing.T) {
	t.Parallel()
	ok := func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) }
	a, b := newReceiver(t, ok), newReceiver(t, ok)
	o := newOutbox(t,
		config.Receiver{Name: "a", Type: "webhook", URLEnv: "A"},
		config.Receiver{Name: "b", Type: "webhook", URLEnv: "B", MinSeverity: "critical"})
	o.env["A"], o.env["B"] = a.URL, b.URL
	o.run("integrity", nan("vix"), nan("fng"), stale("dxy"))
	o.run("integrity", nan("vix"), nan("fng"), stale("dxy"))
	s := o.sender()
	s.Start()
	defer stopNow(s)
	s.Wake()
	o.waitFor(allIn("sent"))
	// First run: the two criticals to both; second run: the warning to a.
	if len(a.got()) != 2 || len(b.got()) != 1 {
		t.Fatalf("a got %d messages, b %d", len(a.got()), len(b.got()))
	}
	var first, second WebhookBody
	json.Unmarshal(a.got()[0].body, &first)
	json.Unmarshal(a.got()[1].body, &second)
	if len(first.Alerts) != 2 || len(second.Alerts) != 1 || second.Alerts[0].Fingerprint != "integrity/stale/dxy" {
		t.Errorf("a's messages: %+v / %+v", first, second)
	}
}

func TestFailingReceiverRetriesThenGivesUpAndOthersGoOn(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	calls := 0
	broken := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		mu.Lock()
		calls++
		mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError)
	})
	release := make(chan struct{})
	hanging := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	fine := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) })
	o := newOutbox(t,
		config.Receiver{Name: "broken", Type: "webhook", URLEnv: "B", Retries: 1},
		config.Receiver{Name: "hanging", Type: "webhook", URLEnv: "H", Timeout: config.Duration{Duration: 30 * time.Second}},
		config.Receiver{Name: "fine", Type: "webhook", URLEnv: "F"})
	o.env["B"], o.env["H"], o.env["F"] = broken.URL+"/hooks/SECRETPATH", hanging.URL, fine.URL
	failures := map[string]int{}
	s := o.sender()
	s.OnFailure = func(r string) { mu.Lock(); failures[r]++; mu.Unlock() }
	s.Start()
	defer stopNow(s)
	o.run("integrity", nan("vix"))
	s.Wake()
	// The fine receiver is served while the hanging one still hangs.
	o.waitFor(func(st []string) bool { return strings.HasPrefix(st[2], "fine trigger sent") })
	got := o.waitFor(func(st []string) bool { return strings.HasPrefix(st[0], "broken trigger failed 2") })
	if !strings.Contains(got[0], "broken: HTTP 500") || strings.Contains(got[0], "SECRETPATH") {
		t.Errorf("broken: %q", got[0])
	}
	if !strings.HasPrefix(got[1], "hanging trigger pending 0") {
		t.Errorf("hanging: %q", got[1])
	}
	mu.Lock()
	defer mu.Unlock()
	if calls != 2 || failures["broken"] != 2 {
		t.Errorf("%d calls, %d failures counted", calls, failures["broken"])
	}
	if strings.Contains(o.logs.String(), "SECRETPATH") {
		t.Errorf("a secret URL in the log:\n%s", o.logs.String())
	}
}

func TestOutboxSurvivesARestart(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var kinds []string
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, body []byte) {
		var b WebhookBody
		json.Unmarshal(body, &b)
		mu.Lock()
		for _, a := range b.Alerts {
			kinds = append(kinds, a.Kind+" "+a.Fingerprint)
		}
		mu.Unlock()
	})
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL"})
	o.env["URL"] = rc.URL
	// Queued while no sender runs: tidewatch died before sending.
	o.run("integrity", nan("vix"))
	s := o.sender()
	s.Start()
	s.Wake()
	o.waitFor(allIn("sent"))
	stopNow(s)
	// A new tidewatch: the open problem is not paged again; its end is.
	o.run("integrity", nan("vix"))
	o.run("integrity")
	o.run("integrity")
	s = o.sender()
	s.Start()
	defer stopNow(s)
	s.Wake()
	o.waitFor(func(st []string) bool { return len(st) == 2 && allIn("sent")(st) })
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(kinds, ", ") != "trigger integrity/missing_critical/vix, resolve integrity/missing_critical/vix" {
		t.Errorf("received %q", kinds)
	}
}

// A redirect is recorded as the failure it is, with its status, never as
// sent.
func TestARedirectIsAFailureInTheOutbox(t *testing.T) {
	t.Parallel()
	target := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {})
	moved := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		http.Redirect(w, r, target.URL, http.StatusMovedPermanently)
	})
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL", Retries: 3})
	o.env["URL"] = moved.URL
	o.run("integrity", nan("vix"))
	s := o.sender()
	s.Start()
	defer stopNow(s)
	s.Wake()
	got := o.waitFor(allIn("failed"))
	if !strings.HasPrefix(got[0], "ops trigger failed 1 ops: HTTP 301: a redirect") || len(target.got()) != 0 {
		t.Errorf("outbox %q, the target got %d", got, len(target.got()))
	}
}

// A stop while a message is being sent lets it finish (within the grace
// given) rather than cut it off: cut off, it may have reached the
// receiver, and would go again after the restart.
func TestAStopLetsASendInFlightFinish(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{}, 1)
	slow := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		arrived <- struct{}{}
		time.Sleep(500 * time.Millisecond) // a slow receiver, answering within the timeout
	})
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL"})
	o.env["URL"] = slow.URL
	o.run("integrity", nan("vix"))
	s := o.sender()
	s.Start()
	s.Wake()
	<-arrived
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.Stop(ctx)
	if got := o.states(); len(got) != 1 || got[0] != "ops trigger sent 1 " {
		t.Errorf("after the stop: %q", got)
	}
	if n := len(slow.got()); n != 1 {
		t.Errorf("%d deliveries", n)
	}
}

// A receiver that answers too late got the message all the same: the
// attempt is a failure that says so, in the row (maybe_delivered, the
// error) and in the retry, which carries the same id.
func TestARetryAfterATimeoutIsRecordedAsSuch(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	late := true
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		mu.Lock()
		wait := late
		late = false
		mu.Unlock()
		if wait {
			time.Sleep(time.Second)
		}
	})
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL", Retries: 3, Timeout: config.Duration{Duration: 300 * time.Millisecond}})
	o.env["URL"] = rc.URL
	o.run("integrity", nan("vix"))
	s := o.sender()
	s.Start()
	defer stopNow(s)
	s.Wake()
	got := o.waitFor(func(st []string) bool { return len(st) == 1 && strings.HasPrefix(st[0], "ops trigger sent") })
	if !strings.HasPrefix(got[0], "ops trigger sent 2") {
		t.Errorf("outbox %q", got)
	}
	conn, err := sql.Open("sqlite", "file:"+o.store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var maybe bool
	if err := conn.QueryRow(`SELECT maybe_delivered FROM notifications`).Scan(&maybe); err != nil || !maybe {
		t.Errorf("maybe_delivered %v, %v", maybe, err)
	}
	if !strings.Contains(o.logs.String(), "no answer in time after the request was sent") {
		t.Errorf("the retry does not say why:\n%s", o.logs.String())
	}
	reqs := rc.got()
	if len(reqs) != 2 || reqs[0].header.Get(IdempotencyHeader) == "" || reqs[0].header.Get(IdempotencyHeader) != reqs[1].header.Get(IdempotencyHeader) {
		t.Errorf("%d deliveries, keys %q %q", len(reqs), reqs[0].header.Get(IdempotencyHeader), reqs[len(reqs)-1].header.Get(IdempotencyHeader))
	}
}

// A send cut off because the stop's grace ran out is no failure: it stays
// pending, whatever the retries, and goes again at the next start with
// the same id, so that the receiver can tell it got it already.
func TestASendCutOffByTheStopGoesAgainWithItsID(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{}, 2)
	var calls atomic.Int32
	rc := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		arrived <- struct{}{}
		if calls.Add(1) == 1 { // the first: no answer before the stop
			<-r.Context().Done()
		}
	})
	o := newOutbox(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL"}) // no retries
	o.env["URL"] = rc.URL
	o.run("integrity", nan("vix"))
	s := o.sender()
	s.Start()
	s.Wake()
	<-arrived
	stopNow(s)
	if got := o.states(); len(got) != 1 || !strings.HasPrefix(got[0], "ops trigger pending 1 cut off by a shutdown: ") {
		t.Fatalf("after the stop: %q", got)
	}
	s = o.sender()
	s.Start()
	defer stopNow(s)
	s.Wake()
	o.waitFor(allIn("sent"))
	reqs := rc.got()
	if len(reqs) != 2 || reqs[0].header.Get(IdempotencyHeader) != reqs[1].header.Get(IdempotencyHeader) {
		t.Errorf("%d deliveries, keys %q and %q", len(reqs), reqs[0].header.Get(IdempotencyHeader), reqs[len(reqs)-1].header.Get(IdempotencyHeader))
	}
}

// With no receiver the sender says so at start: problems are recorded, and
// nobody is told. With one, it says nothing of the kind.
func TestNoReceiverIsSaidAtStart(t *testing.T) {
	t.Parallel()
	o := newOutbox(t)
	s := o.sender()
	s.Start()
	stopNow(s)
	if !strings.Contains(o.logs.String(), "no receiver is configured: problems are recorded but nobody is notified") {
		t.Errorf("no word of it at start:\n%s", o.logs.String())
	}
	one := newOutbox(t, config.Receiver{Name: "a", Type: "webhook", URLEnv: "A"})
	one.env["A"] = "http://127.0.0.1:1"
	s = one.sender()
	s.Start()
	stopNow(s)
	if strings.Contains(one.logs.String(), "no receiver") {
		t.Errorf("said with a receiver:\n%s", one.logs.String())
	}
}

// A silence stored in the database holds a problem's notifications back
// from the next run on, and once expired, the held trigger goes out.
func TestASilenceInTheDatabaseHoldsNotifications(t *testing.T) {
	t.Parallel()
	o := newOutbox(t, config.Receiver{Name: "a", Type: "webhook", URLEnv: "A"})
	o.pol.ReadSilences(o.store.ActiveSilences, slog.New(slog.NewTextHandler(o.logs, nil)))
	ctx := context.Background()
	id, err := o.store.AddSilence(ctx, db.Silence{Matcher: "integrity/*", Starts: o.at, Ends: o.at.Add(2 * time.Hour),
		CreatedBy: "alice", Comment: "vix feed being moved", Created: o.at})
	if err != nil {
		t.Fatal(err)
	}
	o.run("integrity", nan("vix"))
	o.run("integrity", nan("vix"))
	if st := o.states(); len(st) != 0 {
		t.Fatalf("silenced, yet queued: %q", st)
	}
	if err := o.store.ExpireSilence(ctx, id, o.at.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	o.run("integrity", nan("vix"))
	if st := o.states(); len(st) != 1 || !strings.HasPrefix(st[0], "a trigger pending") {
		t.Errorf("after the silence: %q", st)
	}
}
