package jobs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"tidewatch/alert"
	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// A receiver that hangs, and one that fails, never hold a job up: runs only
// write the outbox, and the sender works on its own.
func TestNotifiersThatHangOrFailNeverSlowAJob(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	entered := make(chan struct{}, 10)
	release := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hanging.Close()
	defer close(release)
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer failing.Close()

	e.cfg.Alerts.Receivers = []config.Receiver{
		{Name: "hanging", Type: "webhook", URLEnv: "H", Timeout: config.Duration{Duration: time.Minute}},
		{Name: "failing", Type: "webhook", URLEnv: "F", Retries: 5},
	}
	env := map[string]string{"H": hanging.URL, "F": failing.URL}
	sender, err := alert.NewSender(e.cfg.Alerts, e.store, quiet, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	sender.Start()
	defer func() {
		// The hanging receiver is cut off at once.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		sender.Stop(ctx)
	}()
	if err := e.runner.rec.StartTracking(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.runner.rec.Alert(alert.NewPolicy(e.cfg.Alerts))
	e.runner.rec.OnRecorded(func(r *db.Run) {
		if len(r.Notices) > 0 {
			sender.Wake()
		}
	})

	e.putPython(exfRecord(time.Now()), "vix")
	e.run(config.JobIntegrity)
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the hanging receiver was never called")
	}
	// The receiver hangs now; the jobs go on, problems and all.
	for range 5 {
		if r := e.run(config.JobIntegrity); r.Status != checks.StatusCritical {
			t.Fatalf("run: %s", r.Status)
		}
	}
	e.putPython(exfRecord(time.Now()))
	e.run(config.JobIntegrity)
	e.run(config.JobIntegrity)
	open, err := e.store.OpenProblems(context.Background())
	if err != nil || len(open) != 0 {
		t.Errorf("open problems after the recovery: %+v, %v", open, err)
	}
}
