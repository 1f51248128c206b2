package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// Alert is one notification: a problem's trigger, repeat or resolve.
type Alert struct {
	// ID identifies the notification to its receiver, the same at every
	// attempt and across restarts, so that a receiver can de-duplicate.
	ID      string
	Kind    string
	Problem db.Problem
}

// IdempotencyHeader carries a message's key: the same for every attempt
// at the same notifications, so that a receiver that got it before can
// tell.
const IdempotencyHeader = "Idempotency-Key"

// MessageKey is the key of a message holding these alerts: the alert's
// ID when it is alone, a digest of the IDs otherwise.
func MessageKey(alerts []Alert) string {
	if len(alerts) == 1 {
		return alerts[0].ID
	}
	h := sha256.New()
	for _, a := range alerts {
		io.WriteString(h, a.ID+"\n")
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Notifier delivers the alerts of one round as one message.
type Notifier interface {
	Notify(ctx context.Context, alerts []Alert) error
}

// permanentError is a failure that retrying cannot fix (a 400 says the
// message itself is wrong).
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// IsPermanent reports whether an error must not be retried.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// unansweredError is a failure after the request was sent: a timeout or a
// cut connection. The receiver may have taken the notification.
type unansweredError struct{ error }

func (e unansweredError) Unwrap() error { return e.error }

// MaybeDelivered reports whether a failed attempt may have reached its
// receiver all the same.
func MaybeDelivered(err error) bool {
	var u unansweredError
	return errors.As(err, &u)
}

// NewNotifier builds a receiver's notifier; secrets are read from the
// environment variables the config names.
func NewNotifier(r config.Receiver, getenv func(string) string) (Notifier, error) {
	need := func(name string) (string, error) {
		v := getenv(name)
		if v == "" {
			return "", fmt.Errorf("receiver %s: environment variable %s is empty or unset", r.Name, name)
		}
		return v, nil
	}
	client := &http.Client{
		Timeout: timeoutOf(r),
		// A redirect is never followed: Go's client would follow a 301,
		// 302 or 303 as a GET without the body and call the answer a
		// success. A redirect is a failure with its status instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	switch r.Type {
	case "webhook":
		u, err := need(r.URLEnv)
		if err != nil {
			return nil, err
		}
		w := &webhook{name: r.Name, url: u, client: client}
		if r.SecretEnv != "" {
			if w.secret, err = need(r.SecretEnv); err != nil {
				return nil, err
			}
		}
		return w, nil
	case "slack":
		u, err := need(r.URLEnv)
		if err != nil {
			return nil, err
		}
		return &slack{name: r.Name, url: u, client: client}, nil
	case "discord":
		u, err := need(r.URLEnv)
		if err != nil {
			return nil, err
		}
		parsed, err := url.Parse(u)
		if err != nil {
			return nil, fmt.Errorf("receiver %s: %s is not a URL", r.Name, r.URLEnv)
		}
		q := parsed.Query()
		q.Set("wait", "true") // so that a failure comes back as one
		parsed.RawQuery = q.Encode()
		return &discord{name: r.Name, url: parsed.String(), client: client}, nil
	case "pagerduty":
		key, err := need(r.RoutingKeyEnv)
		if err != nil {
			return nil, err
		}
		endpoint := r.URL
		if endpoint == "" {
			endpoint = "https://events.pagerduty.com/v2/enqueue"
		}
		host, _ := os.Hostname()
		return &pagerduty{name: r.Name, url: endpoint, key: key, source: "tidewatch@" + host, client: client}, nil
	}
	return nil, fmt.Errorf("receiver %s: unknown type %q", r.Name, r.Type)
}

func timeoutOf(r config.Receiver) time.Duration {
	if r.Timeout.Duration > 0 {
		return r.Timeout.Duration
	}
	return 5 * time.Second
}

// post sends a JSON body. Errors never carry the URL: webhook URLs are
// secrets, and errors end up in logs and in the database.
func post(ctx context.Context, client *http.Client, name, target string, body []byte, header http.Header) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, nil, fmt.Errorf("%s: bad request", name)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "tidewatch")
	for k, v := range header {
		req.Header[k] = v
	}
	var sent atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) { sent.Store(info.Err == nil) },
	}))
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if sent.Load() {
			why := "no answer"
			if ue != nil && ue.Timeout() {
				why = "no answer in time"
			}
			return 0, nil, unansweredError{fmt.Errorf("%s: %s after the request was sent (%w): the receiver may have it", name, why, err)}
		}
		return 0, nil, fmt.Errorf("%s: %w", name, err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, reply, nil
}

// classify turns an HTTP status into an error: 2xx none; a redirect is
// not followed and fails, for good when it says the receiver moved for
// good (301, 308); 408, 429 and 5xx are worth retrying; any other 4xx is
// permanent.
func classify(name string, code int, reply []byte) error {
	switch {
	case code >= 200 && code < 300:
		return nil
	case code >= 300 && code < 400:
		// Its body and Location are left out: they may carry the URL.
		err := fmt.Errorf("%s: HTTP %d: a redirect, which is not followed (has the receiver's URL changed?)", name, code)
		if code == http.StatusMovedPermanently || code == http.StatusPermanentRedirect {
			return permanentError{err}
		}
		return err
	}
	err := fmt.Errorf("%s: HTTP %d: %s", name, code, strings.TrimSpace(string(reply)))
	if code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500 {
		return err
	}
	return permanentError{err}
}

// WebhookBody is the generic webhook's JSON body.
type WebhookBody struct {
	Source string         `json:"source"`
	SentAt time.Time      `json:"sent_at"`
	Alerts []WebhookAlert `json:"alerts"`
}

// WebhookAlert is one alert in a webhook body.
type WebhookAlert struct {
	ID          string          `json:"id"`     // the same at every attempt: de-duplicate on it
	Kind        string          `json:"kind"`   // trigger, repeat, resolve
	Status      string          `json:"status"` // firing, resolved
	Fingerprint string          `json:"fingerprint"`
	Job         string          `json:"job"`
	Category    string          `json:"category"`
	Indicator   string          `json:"indicator,omitempty"`
	Severity    checks.Severity `json:"severity"`
	Message     string          `json:"message"`
	FirstSeenAt time.Time       `json:"first_seen_at"`
	OpenedAt    time.Time       `json:"opened_at"`
	LastSeenAt  time.Time       `json:"last_seen_at"`
	ResolvedAt  *time.Time      `json:"resolved_at,omitempty"`
	Occurrences int             `json:"occurrences"`
	Details     map[string]any  `json:"details,omitempty"`
}

// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body,
// keyed with the receiver's secret.
const SignatureHeader = "X-Tidewatch-Signature"

type webhook struct {
	name, url, secret string
	client            *http.Client
}

func (w *webhook) Notify(ctx context.Context, alerts []Alert) error {
	body := WebhookBody{Source: "tidewatch", SentAt: time.Now().UTC()}
	for _, a := range alerts {
		p := a.Problem
		wa := WebhookAlert{ID: a.ID, Kind: a.Kind, Status: "firing", Fingerprint: p.Fingerprint(), Job: p.Job, Category: p.Category,
			Indicator: p.Indicator, Severity: p.Severity, Message: p.Message, FirstSeenAt: p.FirstSeen, OpenedAt: p.Opened,
			LastSeenAt: p.LastSeen, Occurrences: p.Occurrences, Details: finiteDetails(p.Details)}
		if a.Kind == Resolve {
			wa.Status, wa.ResolvedAt = "resolved", &p.Resolved
		}
		body.Alerts = append(body.Alerts, wa)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return permanentError{fmt.Errorf("%s: %w", w.name, err)}
	}
	header := http.Header{}
	header.Set(IdempotencyHeader, MessageKey(alerts))
	if w.secret != "" {
		mac := hmac.New(sha256.New, []byte(w.secret))
		mac.Write(b)
		header.Set(SignatureHeader, "sha256="+hex.EncodeToString(mac.Sum(nil)))
	}
	code, reply, err := post(ctx, w.client, w.name, w.url, b, header)
	if err != nil {
		return err
	}
	return classify(w.name, code, reply)
}

// finiteDetails drops what JSON cannot hold (NaN) from details: the
// database already stored them as strings, so this is belt and braces.
func finiteDetails(d map[string]any) map[string]any {
	if _, err := json.Marshal(d); err == nil {
		return d
	}
	return map[string]any{"note": "details not encodable"}
}

// headline is the one line a person reads first.
func headline(a Alert) string {
	p := a.Problem
	what := p.Job + ": " + p.Message
	switch a.Kind {
	case Resolve:
		return fmt.Sprintf("RESOLVED %s (was %s for %s)", what, p.Severity, p.Resolved.Sub(p.Opened).Round(time.Second))
	case Repeat:
		return fmt.Sprintf("STILL %s %s (since %s UTC, %d runs)", strings.ToUpper(string(p.Severity)), what,
			p.Opened.UTC().Format("2006-01-02 15:04"), p.Occurrences)
	}
	return fmt.Sprintf("%s %s (since %s UTC)", strings.ToUpper(string(p.Severity)), what, p.Opened.UTC().Format("2006-01-02 15:04"))
}

// keyDetails picks the details worth a line in a chat message.
func keyDetails(p db.Problem) string {
	var parts []string
	if p.Indicator != "" {
		parts = append(parts, "indicator "+p.Indicator)
	}
	for _, k := range []string{"reason", "cause", "staleness_s", "age_s", "lag_s", "value", "hz_only", "disk_only", "last_exit"} {
		if v, ok := p.Details[k]; ok {
			parts = append(parts, k+" "+detail(v))
		}
	}
	parts = append(parts, "fingerprint "+p.Fingerprint())
	return strings.Join(parts, " · ")
}

// detail prints a detail as people read it. Details come back from the
// database as JSON, where every number is a float64: a scan number reads
// 4228, not 4228.000000 or 1e+06.
func detail(v any) string {
	f, ok := v.(float64)
	switch {
	case !ok:
		return fmt.Sprint(v)
	case f == math.Trunc(f) && math.Abs(f) < 1e21:
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', 6, 64)
}

type slack struct {
	name, url string
	client    *http.Client
}

func (s *slack) Notify(ctx context.Context, alerts []Alert) error {
	type text struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	type block struct {
		Type     string `json:"type"`
		Text     *text  `json:"text,omitempty"`
		Elements []text `json:"elements,omitempty"`
	}
	var blocks []block
	var lines []string
	for _, a := range alerts {
		icon := map[checks.Severity]string{checks.Critical: ":red_circle:", checks.Warning: ":large_yellow_circle:"}[a.Problem.Severity]
		if a.Kind == Resolve {
			icon = ":white_check_mark:"
		}
		line := icon + " *" + headline(a) + "*"
		lines = append(lines, headline(a))
		blocks = append(blocks, block{Type: "section", Text: &text{"mrkdwn", line}},
			block{Type: "context", Elements: []text{{"mrkdwn", keyDetails(a.Problem)}, {"mrkdwn", "notification " + a.ID}}})
	}
	b, err := json.Marshal(map[string]any{"text": strings.Join(lines, "\n"), "blocks": blocks})
	if err != nil {
		return permanentError{fmt.Errorf("%s: %w", s.name, err)}
	}
	code, reply, err := post(ctx, s.client, s.name, s.url, b, nil)
	if err != nil {
		return err
	}
	if err := classify(s.name, code, reply); err != nil {
		return err
	}
	// Slack answers 200 and "ok" when it took the message.
	if code != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d, want 200", s.name, code)
	}
	if strings.TrimSpace(string(reply)) != "ok" {
		return fmt.Errorf("%s: Slack did not answer ok: %s", s.name, reply)
	}
	return nil
}

type discord struct {
	name, url string
	client    *http.Client
}

func (d *discord) Notify(ctx context.Context, alerts []Alert) error {
	type field struct {
		Name   string `json:"name"`
		Value  string `json:"value"`
		Inline bool   `json:"inline"`
	}
	type footer struct {
		Text string `json:"text"`
	}
	type embed struct {
		Title       string    `json:"title"`
		Description string    `json:"description"`
		Color       int       `json:"color"`
		Timestamp   time.Time `json:"timestamp"`
		Fields      []field   `json:"fields"`
		Footer      footer    `json:"footer"`
	}
	var embeds []embed
	var lines []string
	for _, a := range alerts {
		p := a.Problem
		color := map[checks.Severity]int{checks.Critical: 0xe5484d, checks.Warning: 0xf0b429}[p.Severity]
		if a.Kind == Resolve {
			color = 0x2fbf71
		}
		lines = append(lines, headline(a))
		// Discord takes ten embeds a message; the rest is in the content.
		if len(embeds) < 10 {
			embeds = append(embeds, embed{Title: truncate(headline(a), 256), Description: truncate(keyDetails(p), 4096),
				Color: color, Timestamp: p.LastSeen, Fields: []field{
					{"severity", string(p.Severity), true}, {"since", p.Opened.UTC().Format(time.RFC3339), true},
					{"runs", fmt.Sprint(p.Occurrences), true}}, Footer: footer{"notification " + a.ID}})
		}
	}
	b, err := json.Marshal(map[string]any{"content": truncate(strings.Join(lines, "\n"), 2000), "embeds": embeds})
	if err != nil {
		return permanentError{fmt.Errorf("%s: %w", d.name, err)}
	}
	code, reply, err := post(ctx, d.client, d.name, d.url, b, nil)
	if err != nil {
		return err
	}
	if err := classify(d.name, code, reply); err != nil {
		return err
	}
	// With wait=true Discord answers 200 and the message; 204 without.
	if code != http.StatusOK && code != http.StatusNoContent {
		return fmt.Errorf("%s: HTTP %d, want 200", d.name, code)
	}
	return nil
}

type pagerduty struct {
	name, url, key, source string
	client                 *http.Client
}

// DedupKey is the PagerDuty dedup_key of a problem: stable, so that a
// resolve closes what its trigger opened, and at most 255 characters.
func DedupKey(fingerprint string) string {
	key := "tidewatch/" + fingerprint
	if len(key) <= 255 {
		return key
	}
	sum := sha256.Sum256([]byte(fingerprint))
	return "tidewatch/sha256:" + hex.EncodeToString(sum[:])
}

// PagerDutyEvent is an Events API v2 event.
type PagerDutyEvent struct {
	RoutingKey  string            `json:"routing_key"`
	EventAction string            `json:"event_action"`
	DedupKey    string            `json:"dedup_key"`
	Payload     *PagerDutyPayload `json:"payload,omitempty"`
}

// PagerDutyPayload is a trigger's payload.
type PagerDutyPayload struct {
	Summary       string         `json:"summary"`
	Source        string         `json:"source"`
	Severity      string         `json:"severity"`
	Component     string         `json:"component"`
	Group         string         `json:"group"`
	Class         string         `json:"class"`
	CustomDetails map[string]any `json:"custom_details"`
}

// Notify sends one event per alert: the Events API takes one at a time.
func (pd *pagerduty) Notify(ctx context.Context, alerts []Alert) error {
	var errs []error
	for _, a := range alerts {
		p := a.Problem
		ev := PagerDutyEvent{RoutingKey: pd.key, EventAction: "trigger", DedupKey: DedupKey(p.Fingerprint())}
		if a.Kind == Resolve {
			ev.EventAction = "resolve"
		} else {
			sev := map[checks.Severity]string{checks.Critical: "critical", checks.Warning: "warning"}[p.Severity]
			if sev == "" {
				sev = "info"
			}
			ev.Payload = &PagerDutyPayload{
				Summary: truncate(p.Job+": "+p.Message, 1024), Source: pd.source, Severity: sev,
				Component: p.Job, Group: p.Category, Class: p.Category,
				CustomDetails: map[string]any{"notification_id": a.ID, "fingerprint": p.Fingerprint(), "indicator": p.Indicator,
					"opened_at": p.Opened, "occurrences": p.Occurrences, "details": finiteDetails(p.Details)},
			}
		}
		b, err := json.Marshal(ev)
		if err != nil {
			return permanentError{fmt.Errorf("%s: %w", pd.name, err)}
		}
		code, reply, err := post(ctx, pd.client, pd.name, pd.url, b, nil)
		if err == nil && code != http.StatusAccepted {
			err = classify(pd.name, code, reply)
			if err == nil {
				err = fmt.Errorf("%s: HTTP %d, want 202", pd.name, code)
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	err := errors.Join(errs...)
	if err != nil && len(errs) > 0 && allPermanent(errs) {
		return permanentError{err}
	}
	return err
}

func allPermanent(errs []error) bool {
	for _, e := range errs {
		if !IsPermanent(e) {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
