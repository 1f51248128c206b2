package alert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"tidewatch/checks"
)

type pagerduty struct {
	name, url, key string
	meta           Meta
	client         *http.Client
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
	Client      string            `json:"client,omitempty"`
	ClientURL   string            `json:"client_url,omitempty"`
	Links       []PagerDutyLink   `json:"links,omitempty"`
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

// PagerDutyLink is a link shown with an incident.
type PagerDutyLink struct {
	Href string `json:"href"`
	Text string `json:"text"`
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
			details := map[string]any{"notification_id": a.ID, "fingerprint": p.Fingerprint(), "indicator": p.Indicator,
				"opened_at": p.Opened, "occurrences": p.Occurrences, "details": finiteDetails(p.Details)}
			if len(pd.meta.Labels) > 0 {
				details["labels"] = pd.meta.Labels // event rules match custom_details.labels.env
			}
			ev.Payload = &PagerDutyPayload{
				Summary: truncate(p.Job+": "+p.Message, 1024), Source: pd.meta.Instance, Severity: sev,
				Component: p.Job, Group: p.Category, Class: p.Category, CustomDetails: details,
			}
			if u := pd.meta.StatusURL(); u != "" {
				ev.Client, ev.ClientURL = "tidewatch", u
				ev.Links = []PagerDutyLink{{Href: u, Text: "tidewatch status page (" + pd.meta.Instance + ")"}}
			}
		}
		code, err := postJSON(ctx, pd.client, pd.name, pd.url, ev, nil)
		if err == nil && code != http.StatusAccepted {
			err = fmt.Errorf("%s: HTTP %d, want 202", pd.name, code)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	err := errors.Join(errs...)
	if err != nil && allPermanent(errs) {
		return permanentError{err}
	}
	return err
}
