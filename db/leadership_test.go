package db

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"tidewatch/checks"
)

func TestLeadershipIsRecordedAndTheHighestEpochFound(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	if l, err := s.LatestLeadership(ctx); err != nil || l != nil {
		t.Fatalf("before any: %v, %v", l, err)
	}
	if e, err := s.MaxEpoch(ctx); err != nil || e != 0 {
		t.Fatalf("highest epoch before any: %d, %v", e, err)
	}
	for _, l := range []Leadership{
		{At: t0, Kind: "acquired", Instance: "a", Epoch: 7},
		{At: t0.Add(time.Minute), Kind: "stepped down", Instance: "a", Epoch: 7, Reason: "no renewal succeeded for 7s"},
	} {
		if err := s.WriteLeadership(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	l, err := s.LatestLeadership(ctx)
	if err != nil || l == nil || l.Kind != "stepped down" || l.Epoch != 7 || !l.At.Equal(t0.Add(time.Minute)) || l.Reason == "" {
		t.Fatalf("latest: %+v, %v", l, err)
	}
	if e, err := s.MaxEpoch(ctx); err != nil || e != 7 {
		t.Errorf("highest epoch: %d, %v", e, err)
	}
	if err := s.WriteLeadership(ctx, Leadership{At: t0, Kind: "elected", Instance: "a", Epoch: 8}); err == nil {
		t.Error("an unknown kind was recorded")
	}
}

// TestTheOutboxInACluster: a notification is skipped, deferred, or sent at
// an epoch; what was sent while Hazelcast was away waits to be shared.
func TestTheOutboxInACluster(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	run := sampleRun("integrity", t0)
	run.Problems = []Problem{
		{Job: "integrity", Category: checks.CatMissingCritical, Indicator: "vix", State: ProblemOpen, Severity: checks.Critical,
			Message: "vix is NaN", FirstSeen: t0, Opened: t0, LastSeen: t0, PagedSeverity: checks.Critical, LastNotified: t0},
	}
	run.Notices = []Notice{{Problem: 0, Receiver: "slack", Kind: "trigger"}, {Problem: 0, Receiver: "pd", Kind: "trigger"},
		{Problem: 0, Receiver: "mail", Kind: "trigger"}}
	if _, err := s.WriteRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	due := func(receiver string, at time.Time) []Notification {
		ns, err := s.DueNotifications(ctx, receiver, at, 10)
		if err != nil {
			t.Fatal(err)
		}
		return ns
	}
	slack, pd, mail := due("slack", t0.Add(time.Second)), due("pd", t0.Add(time.Second)), due("mail", t0.Add(time.Second))
	if len(slack) != 1 || len(pd) != 1 || len(mail) != 1 || slack[0].Created.IsZero() {
		t.Fatalf("due: %+v %+v %+v", slack, pd, mail)
	}

	if err := s.NotificationSkipped(ctx, mail[0].ID, "already paged: trigger by b at epoch 6"); err != nil {
		t.Fatal(err)
	}
	if err := s.NotificationDeferred(ctx, []int64{pd[0].ID}, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if len(due("mail", t0.Add(time.Hour))) != 0 || len(due("pd", t0.Add(time.Second))) != 0 || len(due("pd", t0.Add(time.Minute))) != 1 {
		t.Error("a skipped notification is still due, or a deferred one due too early or never")
	}

	if err := s.NotificationSentAs(ctx, []int64{slack[0].ID}, t0.Add(2*time.Second), 7, []checks.Severity{checks.Critical}, false); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastSent(ctx, "slack", "integrity", checks.CatMissingCritical, "vix")
	want := Sent{ID: slack[0].ID, Receiver: "slack", Job: "integrity", Category: checks.CatMissingCritical, Indicator: "vix",
		Kind: "trigger", Severity: checks.Critical, Epoch: 7, At: t0.Add(2 * time.Second)}
	if err != nil || last == nil || *last != want {
		t.Fatalf("last sent: %+v, %v\nwant %+v", last, err, want)
	}
	if last, err := s.LastSent(ctx, "pd", "integrity", checks.CatMissingCritical, "vix"); err != nil || last != nil {
		t.Errorf("last sent to a receiver that got nothing: %+v, %v", last, err)
	}
	unshared, err := s.Unshared(ctx, 10)
	if err != nil || len(unshared) != 1 || unshared[0] != want {
		t.Fatalf("unshared: %+v, %v", unshared, err)
	}
	if err := s.NotificationsShared(ctx, []int64{want.ID}); err != nil {
		t.Fatal(err)
	}
	if unshared, err := s.Unshared(ctx, 10); err != nil || len(unshared) != 0 {
		t.Errorf("unshared once shared: %+v, %v", unshared, err)
	}
	if e, err := s.MaxEpoch(ctx); err != nil || e != 7 {
		t.Errorf("highest epoch from what was sent: %d, %v", e, err)
	}
}

// TestMigration8KeepsTheOutbox: the outbox is made again for its new
// state; the notifications in it stay, pending ones still due.
func TestMigration8KeepsTheOutbox(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tw.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:7] {
		if _, err := old.Exec(m); err != nil {
			t.Fatal(err)
		}
	}
	at := formatTime(t0)
	for _, q := range []string{
		`INSERT INTO problems (id, job, category, indicator, state, severity, message, hits, misses, occurrences, first_seen_at, last_seen_at)
			VALUES (1, 'integrity', 'connectivity', '', 'open', 'critical', 'away', 1, 0, 1, '` + at + `', '` + at + `')`,
		`INSERT INTO notifications (problem_id, receiver, kind, batch, state, attempts, created_at, next_try_at, sent_at, uid, maybe_delivered)
			VALUES (1, 'slack', 'trigger', 1, 'sent', 1, '` + at + `', '` + at + `', '` + at + `', 'u1', 1)`,
		`INSERT INTO notifications (problem_id, receiver, kind, batch, state, created_at, next_try_at, uid)
			VALUES (1, 'slack', 'repeat', 2, 'pending', '` + at + `', '` + at + `', 'u2')`,
		`PRAGMA user_version = 7`,
	} {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	s, err := Open(path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	due, err := s.DueNotifications(ctx, "slack", t0, 10)
	if err != nil || len(due) != 1 || due[0].UID != "u2" || due[0].Kind != "repeat" {
		t.Fatalf("due after the migration: %+v, %v", due, err)
	}
	var state, uid string
	var maybe, shared int
	if err := s.r.QueryRow(`SELECT state, uid, maybe_delivered, shared FROM notifications WHERE kind = 'trigger'`).Scan(&state, &uid, &maybe, &shared); err != nil ||
		state != "sent" || uid != "u1" || maybe != 1 || shared != 1 {
		t.Errorf("the sent notification after the migration: %s %s %d %d, %v", state, uid, maybe, shared, err)
	}
	if _, err := s.w.Exec(`INSERT INTO notifications (problem_id, receiver, kind, batch, state, created_at, next_try_at, uid)
		VALUES (1, 'slack', 'repeat', 3, 'pending', ?, ?, 'u2')`, at, at); err == nil {
		t.Error("the uid is no longer unique")
	}
}
