package statuspage

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/internal/testenv"
	"tidewatch/status"
)

var now = time.Date(2026, 11, 30, 14, 5, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// aPage is a page with something of everything: the gate shut by a
// critical problem, a silenced warning, a problem nobody was told of, a
// bridge, fresh, stale, quiet and missing indicators.
func aPage() Page {
	var runs []Run
	for i := range 40 {
		r := Run{At: now.Add(time.Duration(i-40) * 30 * time.Second), Status: checks.StatusHealthy}
		if i >= 34 {
			r.Status, r.Findings = checks.StatusCritical, []string{"critical: ACB-critical indicator vix is NaN", "warning: dxy is stale (150s)"}
		}
		runs = append(runs, r)
	}
	degraded := slicesMap(runs, func(r Run) Run {
		if r.Status == checks.StatusCritical {
			r.Status = checks.StatusDegraded
		}
		return r
	})
	return Page{
		Instance: "tidewatch-ams-1", Now: now, Refresh: 15, Version: "v1.4.0 (revision abc1234)",
		Verdict: Verdict{Known: true, Ready: false, Overall: checks.StatusCritical,
			Reasons: []string{"a critical problem is open: integrity: ACB-critical indicator vix is NaN", "1 stale ACB-critical indicator (at most 0)"}},
		Problems: []Problem{
			{Fingerprint: "integrity/missing_critical/vix", Job: "integrity", Message: "ACB-critical indicator vix is NaN", Severity: checks.Critical,
				Since: now.Add(-3 * time.Minute), Paged: true},
			{Fingerprint: "divergence/disk_lag/", Job: "divergence", Message: "the newest readable snapshot trails exf_latest by 6m10s",
				Severity: checks.Warning, Since: now.Add(-50 * time.Minute), SilencedBy: "silence 3"},
			{Fingerprint: "freshness/stale/dxy", Job: "freshness", Message: "dxy is stale (150s) <script>alert(1)</script>", Severity: checks.Warning,
				Since: now.Add(-2 * time.Minute)},
		},
		Silences: []Silence{{ID: 3, Matcher: "divergence/*", Starts: now.Add(-time.Hour), Ends: now.Add(time.Hour), CreatedBy: "alice",
			Comment: "snapshots being moved to the new volume"}},
		Jobs: []Job{
			{Name: "integrity", Status: checks.StatusCritical, LastRun: now.Add(-10 * time.Second), Current: true, Runs: runs},
			{Name: "divergence", Status: checks.StatusDegraded, LastRun: now.Add(-40 * time.Second), Current: true, Runs: degraded},
			{Name: "freshness", Status: checks.StatusHealthy, LastRun: now.Add(-5 * time.Second), Current: true, Runs: runs[:30]},
			{Name: "bridge", Status: checks.StatusUnknown},
		},
		Bridge: &Bridge{State: "running", PID: 4321, Uptime: 3*time.Hour + 2*time.Minute, Restarts: 1, ScanNumber: ptr(int64(48213)),
			ScanAge: ptr(2 * time.Second), CheckedAt: now.Add(-12 * time.Second)},
		Indicators: []Indicator{
			{Name: "funding_btc", Critical: true, Value: "0.0001", Staleness: ptr(4 * time.Second), Limit: 2 * time.Minute, State: "fresh"},
			{Name: "vix", Critical: true, State: "missing", Limit: 2 * time.Minute},
			{Name: "dxy", Value: "104.2", Staleness: ptr(150 * time.Second), Limit: 2 * time.Minute, State: "stale"},
			{Name: "sp500", Value: "5900", Staleness: ptr(9 * time.Hour), Limit: 2 * time.Minute, State: "quiet"},
		},
		Reports: []Link{{"last 24 h", "report?since=24h&format=html"}, {"7 days", "report?since=7d&format=html"}, {"30 days", "report?since=30d&format=html"}},
	}
}

func slicesMap[T any](in []T, f func(T) T) []T {
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func renderPage(t *testing.T, p Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// What the page says, read in its HTML: the verdict with its reasons,
// each problem with its age and whether anyone was told, the silences,
// bars of runs with their findings to hover, the bridge, the indicators
// worst first, the reports; text escaped.
func TestPageSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	html := renderPage(t, aPage())
	for _, want := range []string{
		`<meta http-equiv="refresh" content="15">`,
		`<title>NOT READY · tidewatch tidewatch-ams-1</title>`,
		`class="verdict v-notready"`, `<div class="word">NOT READY</div>`,
		`<li>a critical problem is open: integrity: ACB-critical indicator vix is NaN</li>`,
		`data-fingerprint="integrity/missing_critical/vix"`, `<td class="num">3m0s</td>`, `<td class="num">50m0s</td>`,
		`silenced (silence 3)`, `nobody notified`, `dxy is stale (150s) &lt;script&gt;alert(1)&lt;/script&gt;`,
		`<code>divergence/*</code>`, `snapshots being moved to the new volume`,
		`aria-label="last 40 runs of integrity"`,
		"title=\"2026-11-30 14:02:00 UTC · critical\ncritical: ACB-critical indicator vix is NaN\nwarning: dxy is stale (150s)\"",
		`<span class="pill s-running">running</span>`, `<b>3h2m</b>`, `<b>#48213</b>`,
		`href="report?since=7d&amp;format=html"`, `tidewatch v1.4.0 (revision abc1234)`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	order := regexp.MustCompile(`data-indicator="(\w+)"`).FindAllStringSubmatch(html, -1)
	var names []string
	for _, m := range order {
		names = append(names, m[1])
	}
	if strings.Join(names, ",") != "vix,dxy,sp500,funding_btc" {
		t.Errorf("indicators in the order %v, want the worst first", names)
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "http://") || strings.Contains(html, "https://") {
		t.Error("the page loads or runs something")
	}

	ready := aPage()
	ready.Verdict = Verdict{Known: true, Ready: true, Overall: checks.StatusHealthy}
	ready.Problems, ready.Silences, ready.Bridge = nil, nil, nil
	html = renderPage(t, ready)
	for _, want := range []string{`<div class="word">READY</div>`, `<p class="none">none</p>`} {
		if !strings.Contains(html, want) {
			t.Errorf("a ready page lacks %s", want)
		}
	}
	if strings.Contains(html, `id="bridge"`) || strings.Contains(html, `id="silences"`) {
		t.Error("a page without a bridge or silences shows them")
	}
	if strings.Contains(html, `id="cluster"`) {
		t.Error("a page without [cluster] shows a role")
	}

	// In a cluster: the role, the leader, the epoch, the lease's age.
	follower := ready
	follower.Cluster = &status.Cluster{Instance: "tidewatch-ams-1", Role: "follower", Leader: "tidewatch-fra-2", Epoch: 7,
		LeaseAgeS: ptr(1.25), Reachable: ptr(false), LastChange: &db.Leadership{At: now.Add(-time.Hour), Kind: "lost", Epoch: 6, Reason: "the lease is now tidewatch-fra-2 at epoch 7"}}
	html = renderPage(t, follower)
	if want := `<p id="cluster"><b>follower</b> of tidewatch-fra-2 · epoch 7 · lease renewed 1.2 s ago · Hazelcast unreachable · last change: lost at epoch 6, 2026-11-30 13:05:00 UTC (the lease is now tidewatch-fra-2 at epoch 7)</p>`; !strings.Contains(html, want) {
		t.Errorf("a follower's page lacks %s", want)
	}
	leading := ready
	leading.Cluster = &status.Cluster{Role: "leader", Leader: "tidewatch-ams-1", Epoch: 8, Reachable: ptr(true)}
	if html := renderPage(t, leading); !strings.Contains(html, `<p id="cluster"><b>leader</b>: runs the bridge, pages and publishes · epoch 8</p>`) {
		t.Error("a leader's page does not say it leads")
	}

	unknown := ready
	unknown.Verdict = Verdict{Reasons: []string{"no history yet"}}
	if html := renderPage(t, unknown); !strings.Contains(html, `<div class="word">UNKNOWN</div>`) || !strings.Contains(html, "history cannot tell") {
		t.Error("an unknown verdict is not said")
	}
}

// The page in a real browser, light and dark, wall screen and phone: it
// renders with no error in the console, the verdict fills the top in its
// colour, and the bars are drawn. The screenshots are kept as test
// artifacts (TIDEWATCH_ARTIFACTS, or the test's temporary directory).
func TestPageInChromium(t *testing.T) {
	t.Parallel()
	testenv.Chromium(t)
	file := filepath.Join(t.TempDir(), "status.html")
	if err := os.WriteFile(file, []byte(renderPage(t, aPage())), 0o644); err != nil {
		t.Fatal(err)
	}
	artifacts := testenv.Artifacts(t)
	dom, logs := testenv.Browse(t, "file://"+file, "--dump-dom")
	for _, want := range []string{`<div class="word">NOT READY</div>`, `aria-label="last 40 runs of integrity"`, `data-indicator="vix"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %s", want)
		}
	}
	if bad := testenv.BrowserErrors(logs); len(bad) > 0 {
		t.Errorf("the browser reported errors:\n%s", strings.Join(bad, "\n"))
	}
	for _, view := range []struct {
		name, size, scheme string
		bg                 func(r, g, b uint32) bool
	}{
		{"wall-light", "1600,1000", "light", func(r, g, b uint32) bool { return r > 0xe0 && g > 0xe0 && b > 0xe0 }},
		{"wall-dark", "1600,1000", "dark", func(r, g, b uint32) bool { return r < 0x30 && g < 0x30 && b < 0x30 }},
		{"phone-dark", "390,2400", "dark", func(r, g, b uint32) bool { return r < 0x30 && g < 0x30 && b < 0x30 }},
	} {
		shot := filepath.Join(artifacts, "status-"+view.name+".png")
		testenv.Browse(t, "file://"+file, "--screenshot="+shot, "--window-size="+view.size, "--hide-scrollbars",
			"--force-dark-mode="+map[string]string{"dark": "true", "light": "false"}[view.scheme],
			"--blink-settings=preferredColorScheme="+map[string]string{"dark": "0", "light": "1"}[view.scheme])
		img := decode(t, shot)
		b := img.Bounds()
		// The page's background in the corner, the verdict's red across
		// the top, the bars' green and red somewhere below.
		if r, g, bl := rgb(img, b.Max.X-3, b.Max.Y-3); !view.bg(r, g, bl) {
			t.Errorf("%s: the background is #%02x%02x%02x", view.name, r, g, bl)
		}
		red, green := 0, 0
		for y := b.Min.Y; y < b.Max.Y; y += 2 {
			for x := b.Min.X; x < b.Max.X; x += 2 {
				r, g, bl := rgb(img, x, y)
				switch {
				case r > 0xc0 && g < 0x70 && bl < 0x70:
					red++
				case g > 0x90 && r < 0x60 && bl < 0xa0:
					green++
				}
			}
		}
		if red < 200 || green < 50 {
			t.Errorf("%s: %d red and %d green pixels sampled: the verdict or the bars did not render", view.name, red, green)
		}
		t.Logf("%s: %s", view.name, shot)
	}
}

func decode(t *testing.T, file string) image.Image {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func rgb(img image.Image, x, y int) (r, g, b uint32) {
	r, g, b, _ = img.At(x, y).RGBA()
	return r >> 8, g >> 8, b >> 8
}
