package alert

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"tidewatch/checks"
)

type discord struct {
	name, url string
	meta      Meta
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
		URL         string    `json:"url,omitempty"`
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
			embeds = append(embeds, embed{Title: truncate(headline(a), 256), URL: d.meta.StatusURL(),
				Description: truncate(keyDetails(p), 4096), Color: color, Timestamp: p.LastSeen, Fields: []field{
					{"severity", string(p.Severity), true}, {"since", p.Opened.UTC().Format(time.RFC3339), true},
					{"runs", fmt.Sprint(p.Occurrences), true}, {"instance", truncate(d.meta.Where(), 1024), true}},
				Footer: footer{"notification " + a.ID}})
		}
	}
	content := strings.Join(lines, "\n")
	if u := d.meta.StatusURL(); u != "" {
		content = u + "\n" + content
	}
	code, err := postJSON(ctx, d.client, d.name, d.url, map[string]any{"content": truncate(content, 2000), "embeds": embeds}, nil)
	if err != nil {
		return err
	}
	// With wait=true Discord answers 200 and the message; 204 without.
	if code != http.StatusOK && code != http.StatusNoContent {
		return fmt.Errorf("%s: HTTP %d, want 200", d.name, code)
	}
	return nil
}
