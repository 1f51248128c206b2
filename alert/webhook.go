package alert

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"tidewatch/checks"
)

// WebhookBody is the generic webhook's JSON body.
type WebhookBody struct {
	Source string `json:"source"`
	// Instance and Labels say which tidewatch sends it (alerts.instance,
	// alerts.labels); ExternalURL is its status page.
	Instance    string            `json:"instance"`
	Labels      map[string]string `json:"labels,omitempty"`
	ExternalURL string            `json:"external_url,omitempty"`
	SentAt      time.Time         `json:"sent_at"`
	Alerts      []WebhookAlert    `json:"alerts"`
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
	meta              Meta
	client            *http.Client
}

func (w *webhook) Notify(ctx context.Context, alerts []Alert) error {
	body := WebhookBody{Source: "tidewatch", Instance: w.meta.Instance, Labels: w.meta.Labels,
		ExternalURL: w.meta.StatusURL(), SentAt: time.Now().UTC()}
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
