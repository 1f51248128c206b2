package alert

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"tidewatch/checks"
)

type slack struct {
	name, url string
	meta      Meta
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
		line := icon + " *" + slackEscape(headline(a)) + "*"
		lines = append(lines, slackEscape(headline(a)))
		blocks = append(blocks, block{Type: "section", Text: &text{"mrkdwn", line}},
			block{Type: "context", Elements: []text{{"mrkdwn", slackEscape(keyDetails(a.Problem))}, {"mrkdwn", "notification " + a.ID}}})
	}
	// Whose message it is and where to look, once a message.
	footer := []text{{"mrkdwn", slackEscape(s.meta.Where())}}
	if u := s.meta.StatusURL(); u != "" {
		footer = append(footer, text{"mrkdwn", "<" + u + "|status page>"})
	}
	blocks = append(blocks, block{Type: "context", Elements: footer})
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

// slackEscape escapes what Slack's mrkdwn reads as markup: a message
// naming "<file>" must not become a link.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
