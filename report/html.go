package report

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/internal/present"
)

// The HTML report is one self-contained file: inline CSS and SVG, no
// script, no font or image from anywhere, so it opens offline and on a wall
// screen alike.

var statusColor = map[checks.Status]string{
	checks.StatusHealthy:  "#2fbf71",
	checks.StatusDegraded: "#f0b429",
	checks.StatusCritical: "#e5484d",
	checks.StatusError:    "#e5484d",
	checks.StatusUnknown:  "#4a5160",
}

const chartWidth = 1000.0

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Heading}}</title>
<style>
  :root { color-scheme: dark; }
  body { margin: 0; padding: 24px 32px; background: #0f1217; color: #d8dee9; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  h1 { font-size: 22px; margin: 0 0 4px; font-weight: 600; }
  h2 { font-size: 15px; text-transform: uppercase; letter-spacing: .08em; color: #8f9bb3; margin: 32px 0 10px; font-weight: 600; }
  .sub { color: #8f9bb3; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 14px; margin-top: 18px; }
  .tile { background: #171b22; border: 1px solid #232a35; border-radius: 10px; padding: 14px 16px; }
  .tile .v { font-size: 34px; font-weight: 700; font-variant-numeric: tabular-nums; }
  .tile .k { color: #8f9bb3; font-size: 13px; text-transform: uppercase; letter-spacing: .06em; }
  .muted { color: #8f9bb3; font-size: 22px; }
  .good { color: #2fbf71; } .warn { color: #f0b429; } .bad { color: #e5484d; }
  svg { width: 100%; height: auto; display: block; background: #171b22; border: 1px solid #232a35; border-radius: 10px; }
  svg text { fill: #8f9bb3; font: 12px system-ui, sans-serif; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #232a35; vertical-align: top; }
  th { color: #8f9bb3; font-weight: 600; font-size: 13px; text-transform: uppercase; letter-spacing: .05em; }
  .legend span { display: inline-block; margin-right: 16px; color: #8f9bb3; }
  .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
</style>
</head>
<body>
<h1>{{.Heading}}</h1>
<div class="sub">generated {{.Generated}} UTC</div>
<div class="tiles">
{{range .Tiles}}<div class="tile"><div class="k">{{.K}}</div><div class="v {{.Class}}">{{.V}}</div></div>
{{end}}</div>
<h2>Health timeline</h2>
<div class="legend"><span><i style="background:#2fbf71"></i>healthy</span><span><i style="background:#f0b429"></i>degraded</span><span><i style="background:#e5484d"></i>critical</span><span><i style="background:#4a5160"></i>not watched</span></div>
{{.Timeline}}
<h2>Availability per day</h2>
{{.Daily}}
<h2>Scan data age</h2>
<div class="legend"><span><i style="background:#5aa9e6"></i>age</span><span><i style="background:#f0b429"></i>warning</span><span><i style="background:#e5484d"></i>critical</span><span><i style="background:#c678dd"></i>bridge restart</span></div>
{{.ScanAge}}
<h2>Indicator staleness</h2>
<div class="legend"><span><i style="background:#2fbf71"></i>fresh</span><span><i style="background:#f0b429"></i>over half its limit</span><span><i style="background:#e5484d"></i>stale</span><span><i style="background:#3b4a6b"></i>quiet hours</span><span><i style="background:#232a35"></i>no data</span></div>
{{.Heatmap}}
{{range .Tables}}<h2>{{.Title}}</h2>
<table><thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
{{end}}
</body>
</html>
`))

type tile struct{ K, V, Class string }

type htmlTable struct {
	Title  string
	Header []string
	Rows   [][]string
}

func writeHTML(w io.Writer, r *Report) error {
	data := struct {
		Heading, Generated                string
		Tiles                             []tile
		Timeline, Daily, ScanAge, Heatmap template.HTML
		Tables                            []htmlTable
	}{
		Heading:   r.heading(),
		Generated: r.GeneratedAt.Format(present.TimeLayout),
		Timeline:  timelineSVG(r),
		Daily:     dailySVG(r),
		ScanAge:   scanAgeSVG(r),
		Heatmap:   heatmapSVG(r),
	}
	// A tile for each of the last day, week and month the period holds,
	// or for the period itself when it is none of them.
	period := r.Until.Sub(r.Since)
	for _, a := range r.Availability {
		if a.Subject != r.Subject {
			continue
		}
		k := "healthy, last " + a.Window
		switch {
		case a.Window == "24h" || a.Window == "7d" || a.Window == "30d":
		case a.Window == "report" && !slices.ContainsFunc(windows, func(w struct {
			name string
			d    time.Duration
		}) bool {
			return w.name != "1h" && (w.d-period).Abs() <= time.Minute
		}):
			k = "healthy, last " + present.Age(period)
		default:
			continue
		}
		if a.WatchedPct < 99.95 {
			k += fmt.Sprintf(" (watched %.0f%%)", a.WatchedPct)
		}
		if !a.Enough {
			data.Tiles = append(data.Tiles, tile{k, "not enough history", "muted"})
			continue
		}
		data.Tiles = append(data.Tiles, tile{k, pct(a.HealthyPct), grade(a.HealthyPct)})
	}
	data.Tiles = append(data.Tiles, tile{"incidents", fmt.Sprint(len(r.Incidents)), ""})
	if r.MTTRSeconds != nil {
		data.Tiles = append(data.Tiles, tile{"mean time to recovery", present.Age(present.Seconds(*r.MTTRSeconds)), ""})
	}
	if r.Bridge != nil {
		data.Tiles = append(data.Tiles, tile{"bridge up", pct(r.Bridge.UptimePct), grade(r.Bridge.UptimePct)},
			tile{"bridge restarts", fmt.Sprint(r.Bridge.Restarts), ""})
	}
	for _, t := range r.tables() {
		if len(t.rows) > 0 {
			data.Tables = append(data.Tables, htmlTable{t.title, t.header, t.rows})
		}
	}
	return page.Execute(w, data)
}

func grade(p float64) string {
	switch {
	case p >= 99.9:
		return "good"
	case p >= 99:
		return "warn"
	}
	return "bad"
}

// span maps the report's period onto a chart's x axis.
type span struct {
	from, to    time.Time
	left, width float64
}

func (s span) x(t time.Time) float64 {
	total := s.to.Sub(s.from).Seconds()
	if total <= 0 {
		return s.left
	}
	f := t.Sub(s.from).Seconds() / total
	return s.left + s.width*math.Max(0, math.Min(1, f))
}

// axis draws time labels under a chart.
func (s span) axis(b *strings.Builder, y float64) {
	total := s.to.Sub(s.from)
	layout := "15:04"
	if total > 3*24*time.Hour {
		layout = "01-02"
	} else if total > 24*time.Hour {
		layout = "01-02 15:04"
	}
	for i := 0; i <= 6; i++ {
		t := s.from.Add(time.Duration(float64(total) * float64(i) / 6))
		anchor := "middle"
		if i == 0 {
			anchor = "start"
		} else if i == 6 {
			anchor = "end"
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, s.x(t), y, anchor, t.Format(layout))
	}
}

func timelineSVG(r *Report) template.HTML {
	const row, label = 34.0, 120.0
	h := row*float64(len(r.Timeline)) + 40
	sp := span{r.Since, r.Until, label, chartWidth - label - 16}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" role="img" aria-label="health timeline">`, chartWidth, h)
	for i, tl := range r.Timeline {
		y := 12 + float64(i)*row
		fmt.Fprintf(&b, `<text x="12" y="%.1f">%s</text>`, y+17, html.EscapeString(tl.Subject))
		for _, seg := range tl.Segments {
			x0, x1 := sp.x(seg.From), sp.x(seg.To)
			fmt.Fprintf(&b, `<rect x="%.2f" y="%.1f" width="%.2f" height="24" fill="%s"><title>%s: %s to %s</title></rect>`,
				x0, y, math.Max(x1-x0, 0.5), statusColor[seg.Status], seg.Status, seg.From.Format(present.TimeLayout), seg.To.Format(present.TimeLayout))
		}
	}
	sp.axis(&b, h-8)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func dailySVG(r *Report) template.HTML {
	const h, top, bottom, left = 220.0, 12.0, 28.0, 44.0
	plot := h - top - bottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" role="img" aria-label="availability per day">`, chartWidth, h)
	for _, p := range []float64{0, 50, 100} {
		y := top + plot*(1-p/100)
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#232a35"/><text x="6" y="%.1f">%.0f%%</text>`, left, chartWidth-8, y, y, y+4, p)
	}
	n := float64(len(r.Daily))
	width := (chartWidth - left - 16) / math.Max(n, 1)
	for i, d := range r.Daily {
		x := left + float64(i)*width
		y := top + plot
		w := d.WatchedPct / 100
		for _, part := range []struct {
			pct float64
			st  checks.Status
		}{{d.HealthyPct * w, checks.StatusHealthy}, {d.DegradedPct * w, checks.StatusDegraded}, {d.CriticalPct * w, checks.StatusCritical}, {100 - d.WatchedPct, checks.StatusUnknown}} {
			hgt := plot * part.pct / 100
			y -= hgt
			if hgt > 0 {
				fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"><title>%s: %s %s</title></rect>`,
					x+1, y, math.Max(width-2, 1), hgt, statusColor[part.st], d.Window, part.st, pct(part.pct))
			}
		}
		if n <= 31 || i%int(math.Ceil(n/15)) == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x+width/2, h-8, d.Window[5:])
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func scanAgeSVG(r *Report) template.HTML {
	const h, top, bottom, left = 240.0, 12.0, 28.0, 44.0
	plot := h - top - bottom
	maxV := r.scanCritical * 1.5
	for _, p := range r.ScanSeries {
		maxV = math.Max(maxV, p.V)
	}
	sp := span{r.Since, r.Until, left, chartWidth - left - 16}
	y := func(v float64) float64 { return top + plot*(1-v/maxV) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" role="img" aria-label="scan data age">`, chartWidth, h)
	for _, l := range []struct {
		v     float64
		color string
	}{{r.scanWarn, "#f0b429"}, {r.scanCritical, "#e5484d"}} {
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="6 4"/><text x="6" y="%.1f">%s</text>`,
			left, chartWidth-16, y(l.v), y(l.v), l.color, y(l.v)+4, present.Age(present.Seconds(l.v)))
	}
	if len(r.ScanSeries) > 0 {
		var pts []string
		for _, p := range r.ScanSeries {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", sp.x(p.At), y(p.V)))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#5aa9e6" stroke-width="1.5"/>`, strings.Join(pts, " "))
	} else {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">no scan data in this period</text>`, chartWidth/2, h/2)
	}
	if r.Bridge != nil {
		for _, t := range r.Bridge.RestartTimes {
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.0f" y2="%.0f" stroke="#c678dd" stroke-width="2"><title>bridge restart %s</title></line>`,
				sp.x(t), sp.x(t), top, top+plot, t.Format(present.TimeLayout))
		}
	}
	sp.axis(&b, h-8)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func heatmapSVG(r *Report) template.HTML {
	hm := r.Staleness
	if hm == nil || len(hm.Indicators) == 0 {
		return template.HTML(`<svg viewBox="0 0 1000 60" role="img" aria-label="indicator staleness"><text x="500" y="35" text-anchor="middle">no staleness data in this period</text></svg>`)
	}
	const row, label = 16.0, 120.0
	h := row*float64(len(hm.Indicators)) + 36
	sp := span{r.Since, r.Until, label, chartWidth - label - 16}
	step := time.Duration(hm.StepS * float64(time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" role="img" aria-label="indicator staleness" data-step="%s" shape-rendering="crispEdges">`, chartWidth, h, hm.Step)
	for i, ind := range hm.Indicators {
		y := 8 + float64(i)*row
		fmt.Fprintf(&b, `<text x="12" y="%.1f">%s</text>`, y+12, html.EscapeString(ind))
		limit := r.limits[ind]
		for j, v := range hm.MaxS[i] {
			// Each cell where its time really is: the first and the last
			// cut to the period.
			from, to := maxTime(hm.Columns[j], r.Since), minTime(hm.Columns[j].Add(step), r.Until)
			x0, x1 := sp.x(from), sp.x(to)
			color, what := "#232a35", ageOrNone(v)
			switch {
			case v > 0 && limit > 0:
				color = heat(v / limit)
			case len(hm.Quiet) > i && hm.Quiet[i][j]:
				color, what = "#3b4a6b", "quiet hours"
			case v == 0:
				color, what = "#2fbf71", "fresh"
			}
			fmt.Fprintf(&b, `<rect x="%.2f" y="%.1f" width="%.2f" height="%.1f" fill="%s"><title>%s %s–%s: %s (limit %s)</title></rect>`,
				x0, y, math.Max(x1-x0, 0.3), row-2, color, html.EscapeString(ind),
				from.Format(present.TimeLayout), to.Format("15:04"), what, present.Age(present.Seconds(limit)))
		}
	}
	sp.axis(&b, h-6)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// heat colours a staleness by the share of its limit it used.
func heat(f float64) string {
	switch {
	case f > 1:
		return "#e5484d"
	case f > 0.5:
		return "#f0b429"
	}
	return "#2fbf71"
}

func ageOrNone(v float64) string {
	if v < 0 {
		return "no data"
	}
	return present.Age(present.Seconds(v))
}
