package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	amtemplate "github.com/prometheus/alertmanager/template"
	"github.com/prometheus/common/model"

	"tidewatch/checks"
	"tidewatch/config"
)

// amMessage is Alertmanager's own webhook message (notify/webhook.Message
// in prometheus/alertmanager: template.Data and three fields), built from
// its template.Data type, which bridges decode; that package itself pulls
// in most of Alertmanager.
type amMessage struct {
	*amtemplate.Data
	Version         string `json:"version"`
	GroupKey        string `json:"groupKey"`
	TruncatedAlerts uint64 `json:"truncatedAlerts"`
}

// A bridge written for Alertmanager takes the message unchanged: it
// decodes into Alertmanager's own types with no field left over, every
// alert carries the instance, the configured labels, a link to the status
// page and Alertmanager's fingerprint of its labels, and Alertmanager's
// default templates render it.
func TestAlertmanagerBridgesTakeTheMessage(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusOK) })
	n := notifier(t, config.Receiver{Name: "am-bridge", Type: "alertmanager", URLEnv: "URL"}, map[string]string{"URL": rc.URL + "/alert"})
	stale := problem(Trigger)
	stale.ID = "fedcba9876543210fedcba9876543210"
	stale.Problem.Job, stale.Problem.Category, stale.Problem.Severity = "freshness", checks.CatStale, checks.Warning
	stale.Problem.Message, stale.Problem.Details = "vix is stale (306s)", map[string]any{"staleness_s": 305.7828728086709}
	if err := n.Notify(context.Background(), []Alert{problem(Trigger), stale}); err != nil {
		t.Fatal(err)
	}
	req := rc.got()[0]
	dec := json.NewDecoder(bytes.NewReader(req.body))
	dec.DisallowUnknownFields()
	var msg amMessage
	if err := dec.Decode(&msg); err != nil {
		t.Fatalf("Alertmanager's types do not take the message: %v\n%s", err, req.body)
	}
	if msg.Version != "4" || msg.GroupKey != `{}:{instance="prod-ams-1"}` || msg.TruncatedAlerts != 0 || msg.Status != "firing" ||
		msg.Receiver != "am-bridge" || msg.ExternalURL != "https://tidewatch.example.com/ops/" || len(msg.Alerts) != 2 {
		t.Errorf("message %+v", msg)
	}
	if got := msg.GroupLabels.SortedPairs().Values(); strings.Join(got, " ") != "prod-ams-1" {
		t.Errorf("group labels %v", msg.GroupLabels)
	}
	wantCommon := map[string]string{"indicator": "vix", "instance": "prod-ams-1", "env": "prod", "team": "trading"}
	if len(msg.CommonLabels) != len(wantCommon) {
		t.Errorf("common labels %v, want %v", msg.CommonLabels, wantCommon)
	}
	for k, v := range wantCommon {
		if msg.CommonLabels[k] != v {
			t.Errorf("common labels %v, want %v", msg.CommonLabels, wantCommon)
		}
	}
	if len(msg.CommonAnnotations) != 0 {
		t.Errorf("common annotations %v", msg.CommonAnnotations)
	}
	a := msg.Alerts[0]
	wantLabels := model.LabelSet{"alertname": "TidewatchMissingCritical", "check": "integrity", "category": "missing_critical",
		"indicator": "vix", "severity": "critical", "instance": "prod-ams-1", "env": "prod", "team": "trading"}
	if len(a.Labels) != len(wantLabels) {
		t.Errorf("labels %v, want %v", a.Labels, wantLabels)
	}
	for k, v := range wantLabels {
		if a.Labels[string(k)] != string(v) {
			t.Errorf("labels %v, want %v", a.Labels, wantLabels)
		}
	}
	if a.Status != "firing" || !a.StartsAt.Equal(t0) || !a.EndsAt.IsZero() || a.GeneratorURL != "https://tidewatch.example.com/ops/" ||
		a.Fingerprint != wantLabels.Fingerprint().String() || a.Annotations["summary"] != "integrity: ACB-critical indicator vix is NaN" ||
		a.Annotations["notification_id"] != "0123456789abcdef0123456789abcdef" {
		t.Errorf("alert %+v", a)
	}
	if d := msg.Alerts[1].Annotations["description"]; d != "indicator vix · staleness 5m6s · fingerprint freshness/stale/vix" {
		t.Errorf("description %q", d)
	}
	if req.header.Get(IdempotencyHeader) != MessageKey([]Alert{problem(Trigger), stale}) {
		t.Errorf("%s %q", IdempotencyHeader, req.header.Get(IdempotencyHeader))
	}

	// Alertmanager's default templates, which bridges render with.
	tmpl, err := amtemplate.FromGlobs(nil)
	if err != nil {
		t.Fatal(err)
	}
	title, err := tmpl.ExecuteTextString(`{{ template "slack.default.title" . }}`, msg.Data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[FIRING:2] prod-ams-1 (prod vix trading)"; title != want {
		t.Errorf("Alertmanager's title %q, want %q", title, want)
	}

	// Resolved: the message's status too once nothing fires.
	if err := n.Notify(context.Background(), []Alert{problem(Resolve)}); err != nil {
		t.Fatal(err)
	}
	var resolved amMessage
	if err := json.Unmarshal(rc.got()[1].body, &resolved); err != nil {
		t.Fatal(err)
	}
	r := resolved.Alerts[0]
	if resolved.Status != "resolved" || r.Status != "resolved" || !r.EndsAt.Equal(t0.Add(5*time.Minute)) ||
		r.Fingerprint != a.Fingerprint {
		t.Errorf("resolved %+v %+v", resolved.Data, r)
	}
}

func TestAlertNames(t *testing.T) {
	t.Parallel()
	for category, want := range map[string]string{"missing_critical": "TidewatchMissingCritical", "stale": "TidewatchStale",
		"bridge_down": "TidewatchBridgeDown", "": "Tidewatch"} {
		if got := AlertName(category); got != want || !model.LabelValue(got).IsValid() {
			t.Errorf("AlertName(%q) = %q, want %q", category, got, want)
		}
	}
}
