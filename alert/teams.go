package alert

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"tidewatch/checks"
)

// teams posts an Adaptive Card to a Microsoft Teams incoming webhook: a
// Workflows ("Post to a channel when a webhook request is received") URL,
// or a legacy Office 365 connector's, which take the same message.
type teams struct {
	name, url string
	meta      Meta
	client    *http.Client
}

// TeamsMessage is the message an incoming webhook takes: one attachment
// holding an Adaptive Card.
type TeamsMessage struct {
	Type        string            `json:"type"` // "message"
	Attachments []TeamsAttachment `json:"attachments"`
}

// TeamsAttachment carries the card.
type TeamsAttachment struct {
	ContentType string    `json:"contentType"` // application/vnd.microsoft.card.adaptive
	Content     TeamsCard `json:"content"`
}

// TeamsCard is an Adaptive Card, version 1.4 (what Teams renders).
type TeamsCard struct {
	Schema  string         `json:"$schema"`
	Type    string         `json:"type"` // "AdaptiveCard"
	Version string         `json:"version"`
	MSTeams map[string]any `json:"msteams,omitempty"`
	Body    []TeamsElement `json:"body"`
	Actions []TeamsAction  `json:"actions,omitempty"`
}

// TeamsElement is a TextBlock or a FactSet.
type TeamsElement struct {
	Type   string      `json:"type"`
	Text   string      `json:"text,omitempty"`
	Weight string      `json:"weight,omitempty"`
	Size   string      `json:"size,omitempty"`
	Color  string      `json:"color,omitempty"`
	Wrap   bool        `json:"wrap,omitempty"`
	Facts  []TeamsFact `json:"facts,omitempty"`
}

// TeamsFact is one "title: value" line of a FactSet.
type TeamsFact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

// TeamsAction is an Action.OpenUrl button.
type TeamsAction struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// maxTeamsAlerts bounds the card: Teams refuses a message over 28 KB.
const maxTeamsAlerts = 20

func (t *teams) card(alerts []Alert) TeamsMessage {
	card := TeamsCard{Schema: "http://adaptivecards.io/schemas/adaptive-card.json", Type: "AdaptiveCard", Version: "1.4",
		MSTeams: map[string]any{"width": "Full"}}
	for i, a := range alerts {
		if i == maxTeamsAlerts {
			card.Body = append(card.Body, TeamsElement{Type: "TextBlock", Wrap: true,
				Text: fmt.Sprintf("… and %d more; see the status page", len(alerts)-maxTeamsAlerts)})
			break
		}
		p := a.Problem
		color := map[checks.Severity]string{checks.Critical: "Attention", checks.Warning: "Warning"}[p.Severity]
		if a.Kind == Resolve {
			color = "Good"
		}
		card.Body = append(card.Body,
			TeamsElement{Type: "TextBlock", Text: headline(a), Weight: "Bolder", Size: "Medium", Color: color, Wrap: true},
			TeamsElement{Type: "TextBlock", Text: keyDetails(p), Wrap: true},
			TeamsElement{Type: "FactSet", Facts: []TeamsFact{
				{"Severity", string(p.Severity)}, {"Since", p.Opened.UTC().Format(time.RFC3339)},
				{"Runs", fmt.Sprint(p.Occurrences)}, {"Notification", a.ID}}})
	}
	card.Body = append(card.Body, TeamsElement{Type: "FactSet", Facts: []TeamsFact{{"Instance", t.meta.Where()}}})
	if u := t.meta.StatusURL(); u != "" {
		card.Actions = []TeamsAction{{Type: "Action.OpenUrl", Title: "Status page", URL: u}}
	}
	return TeamsMessage{Type: "message", Attachments: []TeamsAttachment{{ContentType: "application/vnd.microsoft.card.adaptive", Content: card}}}
}

// Notify posts the card. Workflows answer 202, legacy connectors 200:
// any 2xx is taken.
func (t *teams) Notify(ctx context.Context, alerts []Alert) error {
	_, err := postJSON(ctx, t.client, t.name, t.url, t.card(alerts), nil)
	return err
}
