package alert

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// receiver is a real HTTP server on loopback that records what it gets.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
	reply    func(w http.ResponseWriter, r *http.Request, body []byte)
}

type request struct {
	path   string
	query  string
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, reply func(w http.ResponseWriter, r *http.Request, body []byte)) *receiver {
	rc := &receiver{reply: reply}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.requests = append(rc.requests, request{r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body})
		rc.mu.Unlock()
		rc.reply(w, r, body)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) got() []request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]request(nil), rc.requests...)
}

func problem(kind string) Alert {
	p := db.Problem{ID: 1, Job: "integrity", Category: checks.CatMissingCritical, Indicator: "vix", State: db.ProblemOpen,
		Severity: checks.Critical, Message: "ACB-critical indicator vix is NaN", Details: map[string]any{"reason": "NaN"},
		Occurrences: 3, FirstSeen: t0, Opened: t0, LastSeen: t0.Add(time.Minute)}
	if kind == Resolve {
		p.State, p.Resolved = db.ProblemResolved, t0.Add(5*time.Minute)
	}
	return Alert{ID: "0123456789abcdef0123456789abcdef", Kind: kind, Problem: p}
}

// testMeta is the instance, labels and status page every test message
// carries.
var testMeta = Meta{Instance: "prod-ams-1", Labels: map[string]string{"env": "prod", "team": "trading"},
	ExternalURL: "https://tidewatch.example.com/ops"}

func notifier(t *testing.T, r config.Receiver, env map[string]string) Notifier {
	t.Helper()
	n, err := NewNotifier(r, testMeta, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWebhookBodyAndSignature(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusNoContent) })
	n := notifier(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL", SecretEnv: "KEY"},
		map[string]string{"URL": rc.URL + "/hook", "KEY": "s3cret"})
	if err := n.Notify(context.Background(), []Alert{problem(Trigger), problem(Resolve)}); err != nil {
		t.Fatal(err)
	}
	req := rc.got()[0]
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write(req.body)
	if got, want := req.header.Get(SignatureHeader), "sha256="+hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("signature %q, want %q", got, want)
	}
	if req.header.Get("Content-Type") != "application/json" || req.path != "/hook" {
		t.Errorf("request %+v", req)
	}
	var body WebhookBody
	if err := json.Unmarshal(req.body, &body); err != nil {
		t.Fatal(err)
	}
	a, r := body.Alerts[0], body.Alerts[1]
	if body.Source != "tidewatch" || len(body.Alerts) != 2 || a.Kind != "trigger" || a.Status != "firing" ||
		a.Fingerprint != "integrity/missing_critical/vix" || a.Severity != checks.Critical || a.Occurrences != 3 ||
		a.Details["reason"] != "NaN" || !a.OpenedAt.Equal(t0) || a.ResolvedAt != nil {
		t.Errorf("trigger %+v", a)
	}
	if r.Status != "resolved" || r.Kind != "resolve" || !r.ResolvedAt.Equal(t0.Add(5*time.Minute)) {
		t.Errorf("resolve %+v", r)
	}
}

func TestSlackChecksTheOkBody(t *testing.T) {
	t.Parallel()
	answer := "ok"
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { io.WriteString(w, answer) })
	n := notifier(t, config.Receiver{Name: "chat", Type: "slack", URLEnv: "URL"}, map[string]string{"URL": rc.URL})
	if err := n.Notify(context.Background(), []Alert{problem(Trigger)}); err != nil {
		t.Fatal(err)
	}
	var body struct {
		Text   string `json:"text"`
		Blocks []struct {
			Type string `json:"type"`
			Text struct {
				Text string `json:"text"`
			} `json:"text"`
			Elements []struct {
				Text string `json:"text"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	json.Unmarshal(rc.got()[0].body, &body)
	want := "CRITICAL integrity: ACB-critical indicator vix is NaN (since 2026-11-23 12:00 UTC)"
	if body.Text != want || body.Blocks[0].Text.Text != ":red_circle: *"+want+"*" ||
		body.Blocks[1].Elements[0].Text != "indicator vix · reason NaN · fingerprint integrity/missing_critical/vix" {
		t.Errorf("slack body %+v", body)
	}
	answer = "invalid_token"
	if err := n.Notify(context.Background(), []Alert{problem(Trigger)}); err == nil || !strings.Contains(err.Error(), "Slack did not answer ok: invalid_token") {
		t.Errorf("a Slack refusal: %v", err)
	}
}

func TestDiscordWaitsForTheAnswer(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { io.WriteString(w, `{"id":"1"}`) })
	n := notifier(t, config.Receiver{Name: "discord", Type: "discord", URLEnv: "URL"}, map[string]string{"URL": rc.URL + "/api/webhooks/1/abc?thread_id=9"})
	if err := n.Notify(context.Background(), []Alert{problem(Resolve)}); err != nil {
		t.Fatal(err)
	}
	req := rc.got()[0]
	if req.query != "thread_id=9&wait=true" {
		t.Errorf("query %q", req.query)
	}
	var body struct {
		Content string `json:"content"`
		Embeds  []struct {
			Title string `json:"title"`
			Color int    `json:"color"`
		} `json:"embeds"`
	}
	json.Unmarshal(req.body, &body)
	if body.Content != "https://tidewatch.example.com/ops/\nRESOLVED integrity: ACB-critical indicator vix is NaN (was critical for 5m0s)" || body.Embeds[0].Color != 0x2fbf71 {
		t.Errorf("discord body %+v", body)
	}
}

func TestPagerDutyTriggerThenResolveWithTheSameDedupKey(t *testing.T) {
	t.Parallel()
	status := http.StatusAccepted
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.WriteHeader(status)
		io.WriteString(w, `{"status":"success"}`)
	})
	n := notifier(t, config.Receiver{Name: "pager", Type: "pagerduty", RoutingKeyEnv: "KEY", URL: rc.URL + "/v2/enqueue"},
		map[string]string{"KEY": "R0UTINGKEY"})
	if err := n.Notify(context.Background(), []Alert{problem(Trigger)}); err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), []Alert{problem(Resolve)}); err != nil {
		t.Fatal(err)
	}
	var trig, res PagerDutyEvent
	json.Unmarshal(rc.got()[0].body, &trig)
	json.Unmarshal(rc.got()[1].body, &res)
	if trig.EventAction != "trigger" || trig.RoutingKey != "R0UTINGKEY" || trig.DedupKey != "tidewatch/integrity/missing_critical/vix" ||
		trig.Payload.Severity != "critical" || trig.Payload.Summary != "integrity: ACB-critical indicator vix is NaN" ||
		trig.Payload.Source != "prod-ams-1" || trig.Payload.CustomDetails["fingerprint"] != "integrity/missing_critical/vix" ||
		fmt.Sprint(trig.Payload.CustomDetails["labels"]) != "map[env:prod team:trading]" ||
		trig.ClientURL != "https://tidewatch.example.com/ops/" || len(trig.Links) != 1 || trig.Links[0].Href != trig.ClientURL {
		t.Errorf("trigger %+v %+v", trig, trig.Payload)
	}
	if res.EventAction != "resolve" || res.DedupKey != trig.DedupKey || res.Payload != nil {
		t.Errorf("resolve %+v", res)
	}

	for code, permanent := range map[int]bool{400: true, 429: false, 500: false, 503: false} {
		status = code
		err := n.Notify(context.Background(), []Alert{problem(Trigger)})
		if err == nil || IsPermanent(err) != permanent {
			t.Errorf("HTTP %d: %v, permanent %v", code, err, IsPermanent(err))
		}
	}
	status = http.StatusOK // not 202: not what the Events API says for success
	if err := n.Notify(context.Background(), []Alert{problem(Trigger)}); err == nil {
		t.Error("HTTP 200 taken for success")
	}
	long := problem(Trigger)
	long.Problem.Message = strings.Repeat("é", 2000)
	status = http.StatusAccepted
	n.Notify(context.Background(), []Alert{long})
	var big PagerDutyEvent
	json.Unmarshal(rc.got()[len(rc.got())-1].body, &big)
	if len(big.Payload.Summary) > 1024 {
		t.Errorf("summary of %d bytes", len(big.Payload.Summary))
	}
}

func TestMissingSecretIsNamed(t *testing.T) {
	t.Parallel()
	_, err := NewNotifier(config.Receiver{Name: "ops", Type: "webhook", URLEnv: "TIDEWATCH_OPS_URL"}, testMeta, func(string) string { return "" })
	if err == nil || err.Error() != "receiver ops: environment variable TIDEWATCH_OPS_URL is empty or unset" {
		t.Errorf("got %v", err)
	}
}

func TestErrorsNeverCarryTheSecretURL(t *testing.T) {
	t.Parallel()
	secret := "http://127.0.0.1:1/services/T000/B000/VERYSECRET"
	n := notifier(t, config.Receiver{Name: "chat", Type: "slack", URLEnv: "URL", Timeout: config.Duration{Duration: time.Second}},
		map[string]string{"URL": secret})
	err := n.Notify(context.Background(), []Alert{problem(Trigger)})
	if err == nil || strings.Contains(err.Error(), "VERYSECRET") || !strings.HasPrefix(err.Error(), "chat: ") {
		t.Errorf("error %v", err)
	}
}

// A receiver answering with a redirect has not taken the notification: Go's
// client would follow a 301, 302 or 303 as a GET without the body (and a
// 307 or 308 with it, elsewhere) and call the answer a success. Every
// notifier fails instead, with the status, and the target gets nothing.
func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	target := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, "ok")
	})
	for _, code := range []int{301, 302, 303, 307, 308} {
		redirect := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
			http.Redirect(w, r, target.URL+"/moved?token=SECRET", code)
		})
		for _, r := range []config.Receiver{
			{Name: "hook", Type: "webhook", URLEnv: "URL"},
			{Name: "chat", Type: "slack", URLEnv: "URL"},
			{Name: "discord", Type: "discord", URLEnv: "URL"},
			{Name: "pager", Type: "pagerduty", RoutingKeyEnv: "KEY", URL: redirect.URL},
			{Name: "am", Type: "alertmanager", URLEnv: "URL"},
			{Name: "teams", Type: "teams", URLEnv: "URL"},
		} {
			n := notifier(t, r, map[string]string{"URL": redirect.URL, "KEY": "k"})
			err := n.Notify(context.Background(), []Alert{problem(Trigger)})
			want := fmt.Sprintf("%s: HTTP %d: a redirect, which is not followed", r.Name, code)
			if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "SECRET") {
				t.Errorf("%s answered %d: %v", r.Type, code, err)
			}
			if permanent := code == 301 || code == 308; IsPermanent(err) != permanent {
				t.Errorf("%s answered %d: permanent %v", r.Type, code, IsPermanent(err))
			}
		}
	}
	if got := target.got(); len(got) != 0 {
		t.Errorf("a redirect was followed: the target got %d requests", len(got))
	}
}

// Anything but the documented success is a failure: Slack's 200 "ok",
// Discord's 200 (with wait=true) or 204.
func TestOnlyTheDocumentedSuccessIsSuccess(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, "ok")
	})
	for _, r := range []config.Receiver{{Name: "chat", Type: "slack", URLEnv: "URL"}, {Name: "discord", Type: "discord", URLEnv: "URL"}} {
		n := notifier(t, r, map[string]string{"URL": rc.URL})
		if err := n.Notify(context.Background(), []Alert{problem(Trigger)}); err == nil || !strings.Contains(err.Error(), "HTTP 202, want 200") {
			t.Errorf("%s answered 202: %v", r.Type, err)
		}
	}
}

// Every message carries the notification's id, so that a receiver that
// got it twice (a retry after a timeout, a restart mid-send) can tell: in
// the webhook body and its Idempotency-Key header, in Slack's and
// Discord's text, in PagerDuty's details (whose dedup_key dedupes too).
func TestEveryMessageCarriesTheNotificationID(t *testing.T) {
	t.Parallel()
	const id = "0123456789abcdef0123456789abcdef"
	rc := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Path {
		case "/slack":
			io.WriteString(w, "ok")
		case "/pd":
			w.WriteHeader(http.StatusAccepted)
		}
	})
	env := map[string]string{"HOOK": rc.URL + "/hook", "SLACK": rc.URL + "/slack", "DISCORD": rc.URL + "/discord", "KEY": "k"}
	for _, r := range []config.Receiver{{Name: "hook", Type: "webhook", URLEnv: "HOOK"}, {Name: "chat", Type: "slack", URLEnv: "SLACK"},
		{Name: "discord", Type: "discord", URLEnv: "DISCORD"}, {Name: "pager", Type: "pagerduty", RoutingKeyEnv: "KEY", URL: rc.URL + "/pd"}} {
		if err := notifier(t, r, env).Notify(context.Background(), []Alert{problem(Trigger)}); err != nil {
			t.Fatalf("%s: %v", r.Type, err)
		}
	}
	got := rc.got()
	var hook WebhookBody
	json.Unmarshal(got[0].body, &hook)
	if hook.Alerts[0].ID != id || got[0].header.Get(IdempotencyHeader) != id {
		t.Errorf("webhook: id %q, %s %q", hook.Alerts[0].ID, IdempotencyHeader, got[0].header.Get(IdempotencyHeader))
	}
	for i, want := range []string{`"text":"notification ` + id + `"`, `"footer":{"text":"notification ` + id + `"}`, `"notification_id":"` + id + `"`} {
		if !strings.Contains(string(got[i+1].body), want) {
			t.Errorf("%s: no %s in %s", got[i+1].path, want, got[i+1].body)
		}
	}
	// Two alerts in one message: a key of both, the same every time.
	two := []Alert{problem(Trigger), problem(Resolve)}
	two[1].ID = "fedcba9876543210fedcba9876543210"
	if k := MessageKey(two); k == id || k != MessageKey(two) || len(k) != 32 {
		t.Errorf("key of two: %q", k)
	}
}

// A receiver that takes the message but answers too late: the attempt
// fails, and says that the receiver may have it.
func TestATimeoutAfterSendingMayHaveDelivered(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	defer close(release)
	slow := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	n := notifier(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL", Timeout: config.Duration{Duration: 200 * time.Millisecond}},
		map[string]string{"URL": slow.URL})
	err := n.Notify(context.Background(), []Alert{problem(Trigger)})
	if !MaybeDelivered(err) || !strings.Contains(err.Error(), "ops: no answer in time after the request was sent") ||
		!strings.Contains(err.Error(), "the receiver may have it") {
		t.Errorf("a late answer: %v", err)
	}
	refused := notifier(t, config.Receiver{Name: "ops", Type: "webhook", URLEnv: "URL"}, map[string]string{"URL": "http://127.0.0.1:1"})
	if err := refused.Notify(context.Background(), []Alert{problem(Trigger)}); err == nil || MaybeDelivered(err) {
		t.Errorf("a refused connection: %v", err)
	}
}

// Details come back from the database as JSON floats: numbers in a chat
// line read as people write them, and seconds as durations.
func TestKeyDetailsPrintNumbersAsPeopleWriteThem(t *testing.T) {
	t.Parallel()
	p := db.Problem{Job: "freshness", Category: checks.CatScanStale, Details: map[string]any{
		"age_s": 1e6, "value": 0.1 + 0.2, "lag_s": 61.5, "staleness_s": 305.7828728086709, "reason": "NaN"}}
	got := keyDetails(p)
	for _, want := range []string{"age 11d14h ", "value 0.3 ", "lag 1m2s ", "staleness 5m6s ", "reason NaN "} {
		if !strings.Contains(got+" ", want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}

// Every message says which tidewatch sent it, with its labels, and links
// to its status page (email: TestEmailOverStartTLSWithAuth).
func TestEveryMessageNamesItsInstanceAndLinksTheStatusPage(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Path {
		case "/slack":
			io.WriteString(w, "ok")
		case "/pd":
			w.WriteHeader(http.StatusAccepted)
		}
	})
	env := map[string]string{"URL": rc.URL + "/hook", "SLACK": rc.URL + "/slack", "KEY": "k"}
	for _, r := range []config.Receiver{{Name: "hook", Type: "webhook", URLEnv: "URL"}, {Name: "am", Type: "alertmanager", URLEnv: "URL"},
		{Name: "chat", Type: "slack", URLEnv: "SLACK"}, {Name: "discord", Type: "discord", URLEnv: "URL"},
		{Name: "teams", Type: "teams", URLEnv: "URL"}, {Name: "pager", Type: "pagerduty", RoutingKeyEnv: "KEY", URL: rc.URL + "/pd"}} {
		if err := notifier(t, r, env).Notify(context.Background(), []Alert{problem(Trigger)}); err != nil {
			t.Fatalf("%s: %v", r.Type, err)
		}
	}
	for i, got := range rc.got() {
		body := string(got.body)
		for _, want := range []string{"https://tidewatch.example.com/ops/", "prod-ams-1", "env", "trading"} {
			if !strings.Contains(body, want) {
				t.Errorf("message %d (%s) lacks %q: %s", i, got.path, want, body)
			}
		}
	}
}
