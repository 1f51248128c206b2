package alert

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
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

// Meta is what every message carries besides its alerts: which tidewatch
// sends it, the labels receivers route on, and where people look next.
type Meta struct {
	Instance string
	Labels   map[string]string
	// ExternalURL is the status page's address; empty when none is
	// configured, and then messages carry no link.
	ExternalURL string
}

// NewMeta reads the [alerts] section's instance, labels and external URL;
// the instance defaults to the host's name.
func NewMeta(a config.Alerts) Meta {
	m := Meta{Instance: a.Instance, Labels: a.Labels, ExternalURL: a.ExternalURL}
	if m.Instance == "" {
		if host, err := os.Hostname(); err == nil {
			m.Instance = host
		}
	}
	if m.Instance == "" {
		m.Instance = "tidewatch"
	}
	return m
}

// StatusURL is the link to the status page, or empty.
func (m Meta) StatusURL() string {
	if m.ExternalURL == "" {
		return ""
	}
	return strings.TrimSuffix(m.ExternalURL, "/") + "/"
}

// Where says whose message it is: "prod-ams-1 (env=prod, team=trading)".
func (m Meta) Where() string {
	if len(m.Labels) == 0 {
		return m.Instance
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m.Labels)) {
		parts = append(parts, k+"="+m.Labels[k])
	}
	return m.Instance + " (" + strings.Join(parts, ", ") + ")"
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

// NewNotifier builds a receiver's notifier; secrets are read with getenv
// from the environment variables the config names.
func NewNotifier(r config.Receiver, meta Meta, getenv func(string) string) (Notifier, error) {
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
	if r.Type == "pagerduty" {
		key, err := need(r.RoutingKeyEnv)
		if err != nil {
			return nil, err
		}
		endpoint := r.URL
		if endpoint == "" {
			endpoint = "https://events.pagerduty.com/v2/enqueue"
		}
		return &pagerduty{name: r.Name, url: endpoint, key: key, meta: meta, client: client}, nil
	}
	if r.Type == "email" {
		return newEmail(r, meta, getenv)
	}
	u, err := need(r.URLEnv)
	if err != nil {
		return nil, err
	}
	switch r.Type {
	case "webhook":
		w := &webhook{name: r.Name, url: u, meta: meta, client: client}
		if r.SecretEnv != "" {
			if w.secret, err = need(r.SecretEnv); err != nil {
				return nil, err
			}
		}
		return w, nil
	case "alertmanager":
		return &alertmanager{name: r.Name, url: u, meta: meta, client: client}, nil
	case "slack":
		return &slack{name: r.Name, url: u, meta: meta, client: client}, nil
	case "teams":
		return &teams{name: r.Name, url: u, meta: meta, client: client}, nil
	case "discord":
		parsed, err := url.Parse(u)
		if err != nil {
			return nil, fmt.Errorf("receiver %s: %s is not a URL", r.Name, r.URLEnv)
		}
		q := parsed.Query()
		q.Set("wait", "true") // so that a failure comes back as one
		parsed.RawQuery = q.Encode()
		return &discord{name: r.Name, url: parsed.String(), meta: meta, client: client}, nil
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

// postJSON marshals and posts a body, and turns the answer into an error.
func postJSON(ctx context.Context, client *http.Client, name, target string, body any, header http.Header) (int, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, permanentError{fmt.Errorf("%s: %w", name, err)}
	}
	code, reply, err := post(ctx, client, name, target, b, header)
	if err != nil {
		return 0, err
	}
	return code, classify(name, code, reply)
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
		return fmt.Sprintf("RESOLVED %s (was %s for %s)", what, p.Severity, present.Age(p.Resolved.Sub(p.Opened)))
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
			parts = append(parts, detail(k, v))
		}
	}
	parts = append(parts, "fingerprint "+p.Fingerprint())
	return strings.Join(parts, " · ")
}

// detail prints a detail as people read it. Details come back from the
// database as JSON, where every number is a float64: a scan number reads
// 4228, not 4228.000000 or 1e+06; a value keeps six significant digits;
// seconds (a key ending in _s) read as a duration, "staleness 5m6s"
// rather than "staleness_s 305.7828728086709".
func detail(key string, v any) string {
	f, ok := v.(float64)
	if !ok {
		return key + " " + fmt.Sprint(v)
	}
	if name, isSeconds := strings.CutSuffix(key, "_s"); isSeconds && !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) < 1e9 {
		return name + " " + present.Age(time.Duration(f*float64(time.Second)))
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return key + " " + strconv.FormatFloat(f, 'f', -1, 64)
	}
	return key + " " + strconv.FormatFloat(f, 'g', 6, 64)
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
