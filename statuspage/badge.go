// Package statuspage renders what people look at in a browser: the live
// status page served at /, and badges for READMEs and wikis.
package statuspage

import (
	"encoding/json"
	"html/template"
	"io"
	"math"
)

// Badge colours, shields.io's names and the colours its flat style draws.
const (
	Green  = "brightgreen"
	Yellow = "yellow"
	Red    = "red"
	Grey   = "lightgrey"
)

var badgeFill = map[string]string{Green: "#4c1", Yellow: "#dfb317", Red: "#e05d44", Grey: "#9f9f9f"}

// Badge is a small two-part label, "tidewatch | ready".
type Badge struct {
	Label, Message string
	// Color is one of Green, Yellow, Red, Grey.
	Color string
}

// Endpoint is shields.io's endpoint badge schema (version 1): a README
// points https://img.shields.io/endpoint?url=… at it, and shields draws
// the badge in its own styles.
type Endpoint struct {
	SchemaVersion int    `json:"schemaVersion"`
	Label         string `json:"label"`
	Message       string `json:"message"`
	Color         string `json:"color"`
	IsError       bool   `json:"isError,omitempty"`
	CacheSeconds  int    `json:"cacheSeconds,omitempty"`
}

// WriteEndpoint writes the badge as shields.io's endpoint JSON; isError
// marks a badge that reports tidewatch not knowing (shields greys it).
func (b Badge) WriteEndpoint(w io.Writer, isError bool, cache int) error {
	return json.NewEncoder(w).Encode(Endpoint{SchemaVersion: 1, Label: b.Label, Message: b.Message, Color: b.Color,
		IsError: isError, CacheSeconds: cache})
}

// WriteSVG draws the badge in shields.io's flat style, self-contained.
func (b Badge) WriteSVG(w io.Writer) error {
	fill, ok := badgeFill[b.Color]
	if !ok {
		fill = badgeFill[Grey]
	}
	lw, mw := textWidth(b.Label)+10, textWidth(b.Message)+10
	return badgeSVG.Execute(w, map[string]any{
		"Label": b.Label, "Message": b.Message, "Fill": fill,
		"LW": lw, "MW": mw, "W": lw + mw, "LX": lw / 2, "MX": lw + mw/2,
		// Text is drawn at 10x and scaled down, as shields does, for
		// crisp glyphs at small sizes.
		"LX10": lw * 5, "MX10": (lw + mw/2) * 10, "LT10": (lw - 10) * 10, "MT10": (mw - 10) * 10,
	})
}

var badgeSVG = template.Must(template.New("badge").Parse(`<svg xmlns="http://www.w3.org/2000/svg" width="{{.W}}" height="20" role="img" aria-label="{{.Label}}: {{.Message}}"><title>{{.Label}}: {{.Message}}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{{.W}}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{{.LW}}" height="20" fill="#555"/><rect x="{{.LW}}" width="{{.MW}}" height="20" fill="{{.Fill}}"/><rect width="{{.W}}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110"><text aria-hidden="true" x="{{.LX10}}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="{{.LT10}}">{{.Label}}</text><text x="{{.LX10}}" y="140" transform="scale(.1)" fill="#fff" textLength="{{.LT10}}">{{.Label}}</text><text aria-hidden="true" x="{{.MX10}}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="{{.MT10}}">{{.Message}}</text><text x="{{.MX10}}" y="140" transform="scale(.1)" fill="#fff" textLength="{{.MT10}}">{{.Message}}</text></g></svg>
`))

// textWidth estimates the width in pixels of s in 11 px Verdana, the
// badge's font: wide enough that textLength never squeezes it much.
func textWidth(s string) int {
	w := 0.0
	for _, r := range s {
		switch {
		case r == 'i' || r == 'l' || r == 'j' || r == '.' || r == ',' || r == ':' || r == ';' || r == '|' || r == '!' || r == '\'':
			w += 3.5
		case r == 'f' || r == 't' || r == 'r' || r == ' ' || r == 'I' || r == '(' || r == ')' || r == '[' || r == ']' || r == '/':
			w += 4.8
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 10.5
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '%':
			w += 7.6
		default:
			w += 6.6
		}
	}
	return int(math.Ceil(w))
}
