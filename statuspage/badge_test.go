package statuspage

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// svgBadge is what a badge's SVG holds, as an XML reader sees it.
type svgBadge struct {
	Width string `xml:"width,attr"`
	Title string `xml:"title"`
	Rects []struct {
		Fill  string `xml:"fill,attr"`
		Width string `xml:"width,attr"`
	} `xml:"g>rect"`
	Texts []string `xml:"g>text"`
}

func render(t *testing.T, b Badge) svgBadge {
	t.Helper()
	var out bytes.Buffer
	if err := b.WriteSVG(&out); err != nil {
		t.Fatal(err)
	}
	var s svgBadge
	if err := xml.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out.String())
	}
	return s
}

// A badge is well-formed SVG with its label on grey and its message on
// its colour; its width follows the text; what it says is escaped.
func TestBadgeSVG(t *testing.T) {
	t.Parallel()
	ready := render(t, Badge{Label: "tidewatch", Message: "ready", Color: Green})
	if ready.Title != "tidewatch: ready" || len(ready.Texts) != 4 || ready.Texts[1] != "tidewatch" || ready.Texts[3] != "ready" ||
		ready.Rects[0].Fill != "#555" || ready.Rects[1].Fill != "#4c1" {
		t.Errorf("badge %+v", ready)
	}
	long := render(t, Badge{Label: "tidewatch", Message: "not ready: 3 problems", Color: Red})
	w1, _ := strconv.Atoi(ready.Width)
	w2, _ := strconv.Atoi(long.Width)
	if w2 <= w1+50 || long.Rects[1].Fill != "#e05d44" {
		t.Errorf("widths %d and %d, fill %s", w1, w2, long.Rects[1].Fill)
	}
	odd := render(t, Badge{Label: "<freshness>", Message: "a & b", Color: "mauve"})
	if odd.Texts[1] != "<freshness>" || odd.Texts[3] != "a & b" || odd.Rects[1].Fill != "#9f9f9f" {
		t.Errorf("escaping or unknown colour: %+v", odd)
	}
}

// The endpoint JSON is shields.io's schema, version 1.
func TestBadgeEndpoint(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := (Badge{Label: "freshness", Message: "degraded", Color: Yellow}).WriteEndpoint(&out, false, 30); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"schemaVersion": 1.0, "label": "freshness", "message": "degraded", "color": "yellow", "cacheSeconds": 30.0}
	if len(got) != len(want) {
		t.Errorf("endpoint %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("endpoint %v, want %v", got, want)
		}
	}
	out.Reset()
	(Badge{Label: "tidewatch", Message: "unknown", Color: Grey}).WriteEndpoint(&out, true, 0)
	if !strings.Contains(out.String(), `"isError":true`) || strings.Contains(out.String(), "cacheSeconds") {
		t.Errorf("error endpoint %s", out.String())
	}
}
