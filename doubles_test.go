package main

import (
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"tidewatch/alert"
)

// Fault: tidewatch is stopped (SIGTERM) while a slow receiver takes a
// notification, then started again. The send in flight finishes within
// the shutdown's grace and is recorded as sent, so the restart does not
// send it again: the receiver gets each notification once, by its id.
func TestASendInFlightAtSIGTERMIsNotSentAgain(t *testing.T) {
	t.Parallel()
	type delivery struct{ key, id, kind, fingerprint string }
	var mu sync.Mutex
	var got []delivery
	arrived := make(chan struct{})
	var once sync.Once
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var b alert.WebhookBody
		json.Unmarshal(body, &b)
		mu.Lock()
		for _, a := range b.Alerts {
			got = append(got, delivery{r.Header.Get(alert.IdempotencyHeader), a.ID, a.Kind, a.Fingerprint})
		}
		first := len(got) == len(b.Alerts)
		mu.Unlock()
		if first {
			once.Do(func() { close(arrived) })
			time.Sleep(1500 * time.Millisecond) // slow, but within its timeout
		}
	}))
	defer hook.Close()
	conf, c, mapName := setup(t, `[integrity]
schedule = "@every 1s"
[[alerts.receivers]]
name = "ops"
type = "webhook"
url_env = "TW_TEST_HOOK"
`)
	putRecord(t, c, mapName, "vix")
	d := startDaemon(t, conf, "TW_TEST_HOOK="+hook.URL)
	select {
	case <-arrived:
	case <-time.After(30 * time.Second):
		t.Fatalf("no notification arrived:\n%s", d.logs.String())
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("no stop within 30s:\n%s", d.logs.String())
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(filepath.Dir(conf), "tw.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var state string
	var attempts int
	if err := db.QueryRow(`SELECT n.state, n.attempts FROM notifications n JOIN problems p ON p.id = n.problem_id
		WHERE p.category = 'missing_critical'`).Scan(&state, &attempts); err != nil || state != "sent" || attempts != 1 {
		t.Errorf("after the stop: %s after %d attempts, %v\n%s", state, attempts, err, d.logs.String())
	}

	// The restart: its sender reads the outbox at once, and its runs go on.
	d = startDaemon(t, conf, "TW_TEST_HOOK="+hook.URL)
	restarted := time.Now().UTC().Format("2006-01-02 15:04:05.000")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var n int
		db.QueryRow(`SELECT count(*) FROM runs WHERE job = 'integrity' AND started_at > ?`, restarted).Scan(&n)
		if n >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the restarted daemon records no runs:\n%s", d.logs.String())
		}
	}
	mu.Lock()
	defer mu.Unlock()
	byID := map[string]int{}
	for _, g := range got {
		if g.id == "" || g.key == "" {
			t.Errorf("a delivery without an id: %+v", g)
		}
		byID[g.id]++
	}
	vix := 0
	for _, g := range got {
		if g.fingerprint == "integrity/missing_critical/vix" {
			vix++
		}
	}
	if vix != 1 || got[0].fingerprint != "integrity/missing_critical/vix" {
		t.Errorf("the trigger in flight at the stop was delivered %d times: %+v", vix, got)
	}
	for id, n := range byID {
		if n > 1 {
			t.Errorf("notification %s delivered %d times", id, n)
		}
	}
}
