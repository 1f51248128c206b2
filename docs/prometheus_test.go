// Package docs tests the operator's files that are not Go: the alerting
// rules and the Grafana dashboard with promtool, the systemd unit with
// systemd-analyze, the production config with config.Load.
package docs

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tidewatch/internal/testenv"
)

// promtool is Debian's (the prometheus package), which
// scripts/test-setup.sh installs: a test that needs it fails without it
// (it is left out in the pure lane, go test -short, only).
func promtool(t *testing.T) string {
	t.Helper()
	testenv.SkipShort(t, "promtool")
	p, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatal("promtool is missing: scripts/test-setup.sh installs it (Debian's prometheus package)")
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// The rules pass promtool's check (syntax, PromQL, templates) and their
// unit tests.
func TestAlertingRulesPassPromtool(t *testing.T) {
	t.Parallel()
	p := promtool(t)
	out := run(t, p, "check", "rules", "prometheus/alerts.yml")
	if !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool check rules:\n%s", out)
	}
	out = run(t, p, "test", "rules", "prometheus/alerts_test.yml")
	if !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool test rules:\n%s", out)
	}
}

// Every rule has a unit test that makes it fire.
func TestEveryAlertingRuleIsTested(t *testing.T) {
	t.Parallel()
	rules, tests := read(t, "prometheus/alerts.yml"), read(t, "prometheus/alerts_test.yml")
	names := regexp.MustCompile(`(?m)^\s*- alert: (\w+)$`).FindAllStringSubmatch(rules, -1)
	if len(names) < 6 {
		t.Fatalf("%d rules; the issue asks for not ready, down, bridge restarting, scan stale, notifications failing, runs not recorded", len(names))
	}
	// A test that fires: its alertname followed by a non-empty exp_alerts.
	fires := regexp.MustCompile(`alertname: (\w+)\n\s*exp_alerts:\n\s*- exp_labels`).FindAllStringSubmatch(tests, -1)
	for _, n := range names {
		if !slices.ContainsFunc(fires, func(m []string) bool { return m[1] == n[1] }) {
			t.Errorf("rule %s has no test that makes it fire", n[1])
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type dashboard struct {
	UID        string  `json:"uid"`
	Title      string  `json:"title"`
	Panels     []panel `json:"panels"`
	Templating struct {
		List []struct {
			Name string `json:"name"`
		} `json:"list"`
	} `json:"templating"`
}

type panel struct {
	ID         int    `json:"id"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Datasource struct {
		UID string `json:"uid"`
	} `json:"datasource"`
	GridPos struct{ X, Y, W, H int } `json:"gridPos"`
	Targets []struct {
		RefID string `json:"refId"`
		Expr  string `json:"expr"`
	} `json:"targets"`
}

// grafanaVariable is a variable in an expression: $name or ${name}.
var grafanaVariable = regexp.MustCompile(`\$\{?(\w+)\}?`)

// The dashboard imports as it is: panels with unique ids that do not
// overlap, each querying the chosen data source; every variable it uses is
// defined or Grafana's own; and every expression is PromQL that Prometheus
// parses (checked by promtool, as recording rules).
func TestGrafanaDashboard(t *testing.T) {
	t.Parallel()
	var d dashboard
	if err := json.Unmarshal([]byte(read(t, "grafana/tidewatch.json")), &d); err != nil {
		t.Fatal(err)
	}
	if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
		t.Fatalf("dashboard %q (uid %q), %d panels", d.Title, d.UID, len(d.Panels))
	}
	vars := map[string]bool{"__rate_interval": true, "__interval": true, "__range": true}
	for _, v := range d.Templating.List {
		vars[v.Name] = true
	}
	ids := map[int]bool{}
	var cells [][24]int // occupied cells, by row: the panel's id
	var rules strings.Builder
	rules.WriteString("groups:\n  - name: dashboard\n    rules:\n")
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d twice", p.ID)
		}
		ids[p.ID] = true
		if p.GridPos.W < 1 || p.GridPos.X+p.GridPos.W > 24 || p.GridPos.H < 1 {
			t.Errorf("panel %q: gridPos %+v is off the 24 columns", p.Title, p.GridPos)
		}
		for y := p.GridPos.Y; y < p.GridPos.Y+p.GridPos.H; y++ {
			for len(cells) <= y {
				cells = append(cells, [24]int{})
			}
			for x := p.GridPos.X; x < min(p.GridPos.X+p.GridPos.W, 24); x++ {
				if other := cells[y][x]; other != 0 {
					t.Errorf("panel %q overlaps panel %d at (%d, %d)", p.Title, other, x, y)
				}
				cells[y][x] = p.ID
			}
		}
		if p.Type == "row" {
			continue
		}
		if p.Datasource.UID != "${datasource}" || len(p.Targets) == 0 {
			t.Errorf("panel %q: data source %q, %d queries", p.Title, p.Datasource.UID, len(p.Targets))
		}
		refs := map[string]bool{}
		for _, q := range p.Targets {
			if q.Expr == "" || q.RefID == "" || refs[q.RefID] {
				t.Errorf("panel %q: query %+v", p.Title, q)
			}
			refs[q.RefID] = true
			for _, m := range grafanaVariable.FindAllStringSubmatch(q.Expr, -1) {
				if !vars[m[1]] {
					t.Errorf("panel %q: %s is not a variable of the dashboard", p.Title, m[0])
				}
			}
			// Variables as Grafana fills them in: a rate interval, a
			// regular expression for "All".
			expr := strings.NewReplacer("$__rate_interval", "1m", "$__interval", "1m", "$__range", "1h",
				`"$instance"`, `".*"`, `"$job"`, `"tidewatch"`).Replace(q.Expr)
			fmt.Fprintf(&rules, "      - record: dashboard:panel%d:%s\n        expr: %s\n", p.ID, strings.ToLower(q.RefID), strconvQuote(expr))
		}
	}
	file := filepath.Join(t.TempDir(), "dashboard-rules.yml")
	if err := os.WriteFile(file, []byte(rules.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, promtool(t), "check", "rules", file)
}

// strconvQuote writes a YAML double-quoted string: JSON's quoting is a
// subset of it.
func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
