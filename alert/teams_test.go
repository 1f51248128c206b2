package alert

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tidewatch/config"
)

// Teams takes one Adaptive Card: each alert's headline coloured by what it
// says, its details and id as facts, whose tidewatch it is, and a button
// to the status page. A Workflows webhook's 202 is success, a 400 is for
// good, and more than a card holds is summed up, not sent.
func TestTeamsPostsAnAdaptiveCard(t *testing.T) {
	t.Parallel()
	status := http.StatusAccepted
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(status) })
	n := notifier(t, config.Receiver{Name: "teams", Type: "teams", URLEnv: "URL"}, map[string]string{"URL": rc.URL + "/workflows/abc"})
	if err := n.Notify(context.Background(), []Alert{problem(Trigger), problem(Resolve)}); err != nil {
		t.Fatal(err)
	}
	var msg TeamsMessage
	if err := json.Unmarshal(rc.got()[0].body, &msg); err != nil {
		t.Fatal(err)
	}
	if msg.Type != "message" || len(msg.Attachments) != 1 || msg.Attachments[0].ContentType != "application/vnd.microsoft.card.adaptive" {
		t.Fatalf("message %+v", msg)
	}
	card := msg.Attachments[0].Content
	if card.Type != "AdaptiveCard" || card.Version != "1.4" || len(card.Actions) != 1 ||
		card.Actions[0] != (TeamsAction{Type: "Action.OpenUrl", Title: "Status page", URL: "https://tidewatch.example.com/ops/"}) {
		t.Errorf("card %+v", card)
	}
	trigger, resolve := card.Body[0], card.Body[3]
	if trigger.Text != "CRITICAL integrity: ACB-critical indicator vix is NaN (since 2026-11-23 12:00 UTC)" || trigger.Color != "Attention" ||
		resolve.Color != "Good" || card.Body[1].Text != "indicator vix · reason NaN · fingerprint integrity/missing_critical/vix" {
		t.Errorf("body %+v", card.Body)
	}
	last := card.Body[len(card.Body)-1]
	if len(last.Facts) != 1 || last.Facts[0] != (TeamsFact{"Instance", "prod-ams-1 (env=prod, team=trading)"}) {
		t.Errorf("instance %+v", last)
	}
	if !strings.Contains(fmt.Sprint(card.Body[2].Facts), "{Notification 0123456789abcdef0123456789abcdef}") {
		t.Errorf("facts %+v", card.Body[2].Facts)
	}

	many := make([]Alert, maxTeamsAlerts+5)
	for i := range many {
		many[i] = problem(Trigger)
	}
	n.Notify(context.Background(), many)
	var big TeamsMessage
	json.Unmarshal(rc.got()[1].body, &big)
	if body := big.Attachments[0].Content.Body; body[len(body)-2].Text != "… and 5 more; see the status page" {
		t.Errorf("over %d alerts: %+v", maxTeamsAlerts, body[len(body)-2])
	}

	status = http.StatusBadRequest
	if err := n.Notify(context.Background(), []Alert{problem(Trigger)}); err == nil || !IsPermanent(err) {
		t.Errorf("HTTP 400: %v", err)
	}
}
