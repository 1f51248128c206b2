package statuspage

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/internal/present"
	"tidewatch/status"
)

// Page is everything the status page shows, gathered beforehand: the page
// itself reads nothing.
type Page struct {
	Instance string
	Now      time.Time
	// Refresh is how often the page reloads itself, in seconds.
	Refresh int
	Version string
	Verdict Verdict
	// Cluster is this instance's part in a cluster; nil without [cluster].
	Cluster *status.Cluster
	// Problems are the open problems, most severe and oldest first.
	Problems   []Problem
	Silences   []Silence
	Jobs       []Job
	Bridge     *Bridge // nil without a bridge
	Indicators []Indicator
	// Reports link to the HTML report over a few periods.
	Reports []Link
}

// Verdict is the gate trading flows act on.
type Verdict struct {
	// Known is false when history cannot say (nothing recorded, or not
	// readable); Ready means nothing then.
	Known   bool
	Ready   bool
	Overall checks.Status
	Reasons []string
}

// Problem is an open problem.
type Problem struct {
	Fingerprint string
	Job         string
	Message     string
	Severity    checks.Severity
	Since       time.Time
	// Paged says a notification about it was queued; SilencedBy names the
	// silence holding its notifications back, SuppressedBy the problem
	// that explains it.
	Paged        bool
	SilencedBy   string
	SuppressedBy string
}

// Silence is a silence in force or to come.
type Silence struct {
	ID        int64
	Matcher   string
	Starts    time.Time
	Ends      time.Time
	CreatedBy string
	Comment   string
}

// Job is one check with its last runs, oldest first.
type Job struct {
	Name    string
	Status  checks.Status
	LastRun time.Time // zero: never ran
	// Current is false when the last run is too old to speak for now.
	Current bool
	Runs    []Run
}

// Run is one bar: a run's time, status and what it found.
type Run struct {
	At       time.Time
	Status   checks.Status
	Findings []string
}

// Bridge is the supervised bridge as its last health check saw it.
type Bridge struct {
	State      string
	PID        int
	Uptime     time.Duration
	Restarts   int
	ScanNumber *int64
	ScanAge    *time.Duration
	CheckedAt  time.Time
}

// Indicator is one indicator at the last runs that judged it.
type Indicator struct {
	Name     string
	Critical bool
	// Value is as people read it; empty when absent.
	Value string
	// Staleness is its effective staleness; nil when unknown.
	Staleness *time.Duration
	Limit     time.Duration
	// State is fresh, stale, quiet (in its quiet hours) or missing.
	State string
}

// Link is a link with its text.
type Link struct {
	Text, URL string
}

// Render writes the page.
func Render(w io.Writer, p Page) error {
	return page.Execute(w, p)
}

var funcs = template.FuncMap{
	"age": func(now, t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return present.Age(now.Sub(t))
	},
	"dur": func(d *time.Duration) string {
		if d == nil {
			return "–"
		}
		return present.Age(*d)
	},
	"clock": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") },
	// when is a time of today without its date.
	"when": func(now, t time.Time) string {
		if t.UTC().Format(time.DateOnly) == now.UTC().Format(time.DateOnly) {
			return t.UTC().Format(time.TimeOnly)
		}
		return t.UTC().Format("2006-01-02 15:04:05")
	},
	"runTitle": func(r Run) string {
		head := r.At.UTC().Format("2006-01-02 15:04:05") + " UTC · " + string(r.Status)
		if len(r.Findings) == 0 {
			return head
		}
		return head + "\n" + strings.Join(r.Findings, "\n")
	},
	// unreachable: the election's last call to Hazelcast failed (nil is
	// history's, which cannot say).
	"unreachable": func(b *bool) bool { return b != nil && !*b },
	"seconds":     func(s *float64) string { return fmt.Sprintf("%.1f s", *s) },
	"deref": func(n *int64) string {
		if n == nil {
			return "–"
		}
		return fmt.Sprint(*n)
	},
	"ptr": func(d time.Duration) *time.Duration { return &d },
	// worstFirst lists missing indicators first, then stale, quiet and
	// fresh ones, each in the configured order.
	"worstFirst": func(in []Indicator) []Indicator {
		rank := map[string]int{"missing": 0, "stale": 1, "quiet": 2, "fresh": 3}
		out := slices.Clone(in)
		slices.SortStableFunc(out, func(a, b Indicator) int { return rank[a.State] - rank[b.State] })
		return out
	},
}

// The page is one self-contained document: inline CSS, no script, no font
// or image from anywhere; light or dark as the device prefers; one column
// on a phone, large type on a wall screen; it reloads itself.
var page = template.Must(template.New("page").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{{.Refresh}}">
<meta name="color-scheme" content="light dark">
<title>{{if .Verdict.Known}}{{if .Verdict.Ready}}READY{{else}}NOT READY{{end}}{{else}}UNKNOWN{{end}} · tidewatch {{.Instance}}</title>
<style>
  :root {
    --bg: #f5f6f8; --panel: #ffffff; --line: #dde1e7; --text: #1d2430; --muted: #5d6778;
    --good: #1f9d5a; --warn: #b7791f; --bad: #d9363e; --unknown: #6b7280; --quiet: #7c8aa5;
    --good-bg: #e3f6ec; --warn-bg: #fdf3dc; --bad-bg: #fde6e7; --unknown-bg: #eceef2;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --bg: #0f1217; --panel: #171b22; --line: #262d38; --text: #d8dee9; --muted: #8f9bb3;
      --good: #2fbf71; --warn: #f0b429; --bad: #ff5c63; --unknown: #9aa3b2; --quiet: #7c8aa5;
      --good-bg: #12301f; --warn-bg: #3a2e10; --bad-bg: #3d1518; --unknown-bg: #232833;
    }
  }
  * { box-sizing: border-box; }
  body { margin: 0; padding: clamp(12px, 2.5vw, 32px); background: var(--bg); color: var(--text);
         font: clamp(14px, 1.1vw, 20px)/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3em 1em; margin-bottom: 1em; }
  header h1 { font-size: 1.25em; margin: 0; font-weight: 650; }
  .muted { color: var(--muted); }
  .verdict { border-radius: 14px; padding: clamp(14px, 2vw, 28px); margin-bottom: 1.2em; }
  .verdict .word { font-size: clamp(44px, 7vw, 120px); font-weight: 800; letter-spacing: .02em; line-height: 1; }
  .verdict ul { margin: .6em 0 0; padding-left: 1.2em; }
  .v-ready { background: var(--good-bg); color: var(--good); }
  .v-notready { background: var(--bad-bg); color: var(--bad); }
  .v-unknown { background: var(--unknown-bg); color: var(--unknown); }
  .verdict ul { color: var(--text); }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 1.2em; }
  section { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 1em 1.2em; min-width: 0; }
  h2 { font-size: .8em; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0 0 .7em; font-weight: 650; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { text-align: left; padding: .35em .6em .35em 0; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; font-size: .8em; text-transform: uppercase; letter-spacing: .05em; }
  td.num, th.num { text-align: right; }
  .pill { display: inline-block; padding: .05em .55em; border-radius: 999px; font-size: .85em; font-weight: 650; white-space: nowrap; }
  .s-healthy, .s-fresh, .s-running { background: var(--good-bg); color: var(--good); }
  .s-degraded, .s-warning, .s-stale, .s-restarting, .s-starting { background: var(--warn-bg); color: var(--warn); }
  .s-critical, .s-error, .s-missing, .s-failed, .s-cooldown, .s-stopped { background: var(--bad-bg); color: var(--bad); }
  .s-unknown, .s-info, .s-quiet { background: var(--unknown-bg); color: var(--unknown); }
  .job { display: grid; grid-template-columns: 9.5em 1fr; gap: .2em 1em; align-items: center; padding: .45em 0; border-bottom: 1px solid var(--line); }
  .job:last-child { border-bottom: 0; }
  .bars { display: flex; gap: 2px; height: 1.8em; align-items: stretch; min-width: 0; }
  .bars span { flex: 1 1 0; min-width: 2px; max-width: 14px; border-radius: 2px; background: var(--unknown); }
  .bars .b-healthy { background: var(--good); } .bars .b-degraded { background: var(--warn); }
  .bars .b-critical, .bars .b-error { background: var(--bad); }
  .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); gap: .8em; }
  .facts div b { display: block; font-size: 1.5em; font-variant-numeric: tabular-nums; }
  .none { color: var(--muted); font-style: italic; }
  nav a { margin-right: 1.2em; }
  a { color: inherit; }
  footer { margin-top: 1.4em; font-size: .85em; }
</style>
</head>
<body>
<header>
  <h1>tidewatch · {{.Instance}}</h1>
  <span class="muted">updated {{clock .Now}} UTC · reloads every {{.Refresh}}s</span>
</header>
{{with .Cluster}}
<p id="cluster">{{if eq .Role "leader"}}<b>leader</b>: runs the bridge, pages and publishes{{else}}<b>follower</b>{{if .Leader}} of {{.Leader}}{{end}}{{if .LastLeader}}, the last leader: it pages while Hazelcast is away{{end}}{{end}}{{if .Epoch}} · epoch {{.Epoch}}{{end}}{{with .LeaseAgeS}} · lease renewed {{seconds .}} ago{{end}}{{if unreachable .Reachable}} · Hazelcast unreachable{{end}}{{with .LastChange}} · last change: {{.Kind}} at epoch {{.Epoch}}, {{clock .At}} UTC{{if .Reason}} ({{.Reason}}){{end}}{{end}}</p>
{{end}}

{{with .Verdict}}
<div id="verdict" class="verdict {{if not .Known}}v-unknown{{else if .Ready}}v-ready{{else}}v-notready{{end}}">
  <div class="word">{{if not .Known}}UNKNOWN{{else if .Ready}}READY{{else}}NOT READY{{end}}</div>
  <div>{{if .Known}}the data is {{if not .Ready}}not {{end}}fit to trade on · overall <span class="pill s-{{.Overall}}">{{.Overall}}</span>{{else}}history cannot tell{{end}}</div>
  {{if .Reasons}}<ul>{{range .Reasons}}<li>{{.}}</li>{{end}}</ul>{{end}}
</div>
{{end}}

<div class="grid">
<section id="problems">
  <h2>Open problems</h2>
  {{if .Problems}}<div class="scroll"><table>
    <tr><th>severity</th><th>what</th><th>since (UTC)</th><th class="num">open for</th></tr>
    {{range .Problems}}<tr data-fingerprint="{{.Fingerprint}}">
      <td><span class="pill s-{{.Severity}}">{{.Severity}}</span></td>
      <td>{{.Job}}: {{.Message}}
        {{if .SilencedBy}}<div class="muted">silenced ({{.SilencedBy}})</div>{{end}}
        {{if .SuppressedBy}}<div class="muted">explained by {{.SuppressedBy}}</div>{{end}}
        {{if and (not .Paged) (not .SilencedBy) (not .SuppressedBy)}}<div class="muted">nobody notified</div>{{end}}</td>
      <td>{{when $.Now .Since}}</td>
      <td class="num">{{age $.Now .Since}}</td>
    </tr>{{end}}
  </table></div>{{else}}<p class="none">none</p>{{end}}
  {{if .Silences}}<h2 style="margin-top:1em">Silences</h2><div class="scroll"><table id="silences">
    <tr><th>id</th><th>matches</th><th>until (UTC)</th><th>by</th><th>why</th></tr>
    {{range .Silences}}<tr><td>{{.ID}}</td><td><code>{{.Matcher}}</code></td><td>{{when $.Now .Ends}}{{if $.Now.Before .Starts}} <span class="muted">(from {{when $.Now .Starts}})</span>{{end}}</td><td>{{.CreatedBy}}</td><td>{{.Comment}}</td></tr>{{end}}
  </table></div>{{end}}
</section>

<section id="checks">
  <h2>Checks, last runs</h2>
  {{range .Jobs}}<div class="job" data-job="{{.Name}}">
    <div><b>{{.Name}}</b><br><span class="pill s-{{.Status}}">{{.Status}}</span>
      <span class="muted">{{age $.Now .LastRun}}{{if not .Current}} · not current{{end}}</span></div>
    <div class="bars" role="img" aria-label="last {{len .Runs}} runs of {{.Name}}">{{range .Runs}}<span class="b-{{.Status}}" title="{{runTitle .}}"></span>{{end}}</div>
  </div>{{end}}
</section>

{{with .Bridge}}<section id="bridge">
  <h2>Scan bridge</h2>
  <div class="facts">
    <div>state<b><span class="pill s-{{.State}}">{{.State}}</span></b></div>
    <div>up for<b>{{dur (ptr .Uptime)}}</b></div>
    <div>restarts<b>{{.Restarts}}</b></div>
    <div>scan<b>#{{deref .ScanNumber}}</b></div>
    <div>scan age<b>{{dur .ScanAge}}</b></div>
  </div>
  <p class="muted">pid {{.PID}} · checked {{age $.Now .CheckedAt}} ago</p>
</section>{{end}}

<section id="indicators">
  <h2>Indicators</h2>
  <div class="scroll"><table>
    <tr><th>indicator</th><th class="num">value</th><th class="num">staleness</th><th class="num">limit</th><th>state</th></tr>
    {{range worstFirst .Indicators}}<tr data-indicator="{{.Name}}"><td>{{.Name}}{{if .Critical}} <span class="muted" title="ACB-critical">★</span>{{end}}</td>
      <td class="num">{{if .Value}}{{.Value}}{{else}}–{{end}}</td><td class="num">{{dur .Staleness}}</td><td class="num">{{dur (ptr .Limit)}}</td>
      <td><span class="pill s-{{.State}}">{{.State}}</span></td></tr>{{end}}
  </table></div>
</section>
</div>

<footer class="muted">
  <nav>reports: {{range .Reports}}<a href="{{.URL}}">{{.Text}}</a>{{end}}</nav>
  <p>tidewatch {{.Version}} · <a href="status">status JSON</a> · <a href="readyz">readyz</a> · <a href="metrics">metrics</a> · <a href="badge/overall.svg">badge</a></p>
</footer>
</body>
</html>
`))
