package alert

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/prometheus/common/model"
)

// AlertmanagerMessage is the body of Alertmanager's webhook receiver,
// version 4: what every Alertmanager webhook bridge (ntfy, Teams, Matrix,
// Telegram, …) parses. One message per receiver and run, like an
// Alertmanager group.
type AlertmanagerMessage struct {
	Version           string              `json:"version"`
	GroupKey          string              `json:"groupKey"`
	TruncatedAlerts   uint64              `json:"truncatedAlerts"`
	Status            string              `json:"status"` // firing while any alert fires
	Receiver          string              `json:"receiver"`
	GroupLabels       map[string]string   `json:"groupLabels"`
	CommonLabels      map[string]string   `json:"commonLabels"`
	CommonAnnotations map[string]string   `json:"commonAnnotations"`
	ExternalURL       string              `json:"externalURL"`
	Alerts            []AlertmanagerAlert `json:"alerts"`
}

// AlertmanagerAlert is one alert of an Alertmanager webhook message.
type AlertmanagerAlert struct {
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"` // zero while firing
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"` // Alertmanager's: the hash of the labels
}

type alertmanager struct {
	name, url string
	meta      Meta
	client    *http.Client
}

// AlertName is a problem's alertname label: its category in Prometheus's
// CamelCase, "TidewatchMissingCritical" for missing_critical.
func AlertName(category string) string {
	var b strings.Builder
	b.WriteString("Tidewatch")
	for _, word := range strings.FieldsFunc(category, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		b.WriteString(strings.ToUpper(word[:1]) + word[1:])
	}
	return b.String()
}

// message builds the message; apart from the instance and the
// configured labels, the labels are the problem's: alertname, check (the
// job, named so that it cannot clash with Prometheus's job label),
// category, indicator and severity.
func (am *alertmanager) message(alerts []Alert) AlertmanagerMessage {
	group := map[string]string{"instance": am.meta.Instance}
	msg := AlertmanagerMessage{Version: "4", GroupKey: "{}:" + labelSet(group).String(), Status: "resolved", Receiver: am.name,
		GroupLabels: group, ExternalURL: am.meta.StatusURL()}
	for i, a := range alerts {
		p := a.Problem
		labels := map[string]string{"alertname": AlertName(p.Category), "check": p.Job, "category": p.Category,
			"severity": string(p.Severity), "instance": am.meta.Instance}
		if p.Indicator != "" {
			labels["indicator"] = p.Indicator
		}
		for k, v := range am.meta.Labels {
			labels[k] = v
		}
		annotations := map[string]string{"summary": p.Job + ": " + p.Message, "description": keyDetails(p),
			"notification_id": a.ID}
		out := AlertmanagerAlert{Status: "firing", Labels: labels, Annotations: annotations, StartsAt: p.Opened.UTC(),
			GeneratorURL: am.meta.StatusURL(), Fingerprint: labelSet(labels).Fingerprint().String()}
		if a.Kind == Resolve {
			out.Status, out.EndsAt = "resolved", p.Resolved.UTC()
		} else {
			msg.Status = "firing"
		}
		msg.Alerts = append(msg.Alerts, out)
		if i == 0 {
			msg.CommonLabels, msg.CommonAnnotations = maps.Clone(labels), maps.Clone(annotations)
			continue
		}
		keepCommon(msg.CommonLabels, labels)
		keepCommon(msg.CommonAnnotations, annotations)
	}
	return msg
}

func (am *alertmanager) Notify(ctx context.Context, alerts []Alert) error {
	header := http.Header{}
	header.Set(IdempotencyHeader, MessageKey(alerts))
	_, err := postJSON(ctx, am.client, am.name, am.url, am.message(alerts), header)
	return err
}

func labelSet(m map[string]string) model.LabelSet {
	ls := model.LabelSet{}
	for k, v := range m {
		ls[model.LabelName(k)] = model.LabelValue(v)
	}
	return ls
}

// keepCommon drops from common what other does not share.
func keepCommon(common, other map[string]string) {
	for k, v := range common {
		if other[k] != v {
			delete(common, k)
		}
	}
}
