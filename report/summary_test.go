package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/historygen"
)

var end = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

var generated struct {
	once  sync.Once
	store *db.Store
	cfg   *config.Config
	err   error
}

// generatedHistory is a generated history of eight hours, shared by the
// tests that read a database: real runs, judged by the real checks,
// written and rolled up by the real store, with a bridge crash, Hazelcast
// away, indicators dropped and stale among the last six hours.
func generatedHistory(t *testing.T) (*db.Store, *config.Config) {
	t.Helper()
	generated.once.Do(func() {
		cfg := config.Default()
		cfg.Bridge.Enabled = true
		dir, err := tempDir()
		if err != nil {
			generated.err = err
			return
		}
		s, err := db.Open(filepath.Join(dir, "history.db"), slog.New(slog.DiscardHandler))
		if err != nil {
			generated.err = err
			return
		}
		_, generated.err = historygen.Generate(context.Background(), s, &cfg, end, 8*time.Hour, 14)
		generated.store, generated.cfg = s, &cfg
	})
	if generated.err != nil {
		t.Fatal(generated.err)
	}
	return generated.store, generated.cfg
}

// The last six hours of a generated history, from the database, through
// Gather and Summarize.
func TestReportOfAGeneratedHistory(t *testing.T) {
	t.Parallel()
	store, cfg := generatedHistory(t)
	r, err := Build(context.Background(), store, cfg, end, end.Add(-6*time.Hour), end, "")
	if err != nil {
		t.Fatal(err)
	}
	// Every window's shares add up to the whole.
	for _, a := range append(append(r.Availability, r.Months...), r.Daily...) {
		if sum := a.HealthyPct + a.DegradedPct + a.CriticalPct; a.WatchedPct > 0 && math.Abs(sum-100) > 0.05 {
			t.Errorf("%s %s: shares add up to %v", a.Subject, a.Window, sum)
		}
	}
	if len(r.Incidents) == 0 || r.MTTRSeconds == nil {
		t.Fatalf("no incidents in six hours of faults: %+v", r.Incidents)
	}
	for _, in := range r.Incidents {
		if in.End != nil && !in.End.After(in.Start) || in.Worst == "" || len(in.Drivers) == 0 {
			t.Errorf("incident %+v", in)
		}
	}
	if len(r.Jobs) != 4 || r.Jobs[0].Runs != 360 || r.Jobs[2].Runs != 720 {
		t.Errorf("jobs %+v", r.Jobs)
	}
	// A scan every 2 s, but for the faults: Hazelcast away (no reading)
	// and the scanner stalled (no progress).
	if r.ScanAge == nil || !r.ScanAge.Exact || r.ScanAge.Samples < 650 || r.Scans == nil || r.Scans.PerMinute < 29 || r.Scans.PerMinute > 30 {
		t.Errorf("scan age %+v, scans %+v", r.ScanAge, r.Scans)
	}
	if r.Bridge == nil || r.Bridge.Checks != 720 || r.Bridge.UptimePct >= 100 || r.Bridge.Restarts == 0 ||
		len(r.Bridge.Reasons) == 0 || r.Bridge.Reasons[0].Reason != "crash: exit status 1" {
		t.Errorf("bridge %+v", r.Bridge)
	}
	if r.Staleness == nil || len(r.Staleness.Indicators) == 0 || len(r.Staleness.Columns) != 360 {
		t.Errorf("heatmap %d indicators, %d columns", len(r.Staleness.Indicators), len(r.Staleness.Columns))
	}
	if len(r.Timeline) != 5 || r.Timeline[0].Subject != db.Overall {
		t.Errorf("timelines %d", len(r.Timeline))
	}
}

func TestLongReportsReadRollupsOnly(t *testing.T) {
	t.Parallel()
	store, cfg := generatedHistory(t)
	// Longer than the raw-row limit: percentiles come from the histograms.
	r, err := Build(context.Background(), store, cfg, end, end.Add(-72*time.Hour), end, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.ScanAge == nil || r.ScanAge.Exact || r.ScanAge.P50S != 5 {
		t.Errorf("scan age from histograms: %+v", r.ScanAge)
	}
	// The first day has no history at all: not watched, not healthy.
	first := r.Daily[0]
	if first.WatchedPct != 0 || first.HealthyPct != 0 {
		t.Errorf("a day before any history: %+v", first)
	}
}

func TestIncidentsFromHealthChanges(t *testing.T) {
	t.Parallel()
	at := func(m int) time.Time { return end.Add(time.Duration(m) * time.Minute) }
	tl := Timeline{Subject: db.Overall, Segments: segments(checks.StatusHealthy, []db.Change{
		{At: at(10), Status: checks.StatusDegraded},
		{At: at(12), Status: checks.StatusCritical},
		{At: at(15), Status: checks.StatusHealthy},
		{At: at(30), Status: checks.StatusError},
		{At: at(31), Status: checks.StatusUnknown},
		{At: at(40), Status: checks.StatusHealthy},
		{At: at(50), Status: checks.StatusDegraded},
	}, end, at(60))}
	drivers := map[time.Time][]db.FindingKind{at(10): {{Job: "integrity", Severity: checks.Critical, Category: checks.CatMissingCritical, Count: 5}}}
	r := &Report{Subject: db.Overall, Until: at(60), Timeline: []Timeline{tl}}
	r.incidents(drivers)
	if len(r.Incidents) != 3 {
		t.Fatalf("incidents %+v", r.Incidents)
	}
	a, b, c := r.Incidents[0], r.Incidents[1], r.Incidents[2]
	if !a.Start.Equal(at(10)) || !a.End.Equal(at(15)) || a.Worst != "critical" || a.Seconds != 300 || a.EndedBy != "healthy" ||
		len(a.Drivers) != 1 || a.Drivers[0].Count != 5 || b.Drivers != nil {
		t.Errorf("first %+v", a)
	}
	if b.Worst != "critical" || b.EndedBy != "unknown" || b.Seconds != 60 {
		t.Errorf("second %+v", b)
	}
	if c.End != nil || c.Worst != "degraded" || c.Seconds != 600 {
		t.Errorf("ongoing %+v", c)
	}
	// Only the incident that recovered counts towards the time to recover.
	if r.MTTRSeconds == nil || *r.MTTRSeconds != 300 {
		t.Errorf("mttr %v", r.MTTRSeconds)
	}
}

func TestStatusTime(t *testing.T) {
	t.Parallel()
	at := func(m int) time.Time { return end.Add(time.Duration(m) * time.Minute) }
	got := statusTime(checks.StatusCritical, []db.Change{
		{At: at(-5), Status: checks.StatusHealthy}, // before the window: sets the start
		{At: at(10), Status: checks.StatusDegraded},
		{At: at(40), Status: checks.StatusHealthy},
		{At: at(90), Status: checks.StatusCritical}, // after the window
	}, at(0), at(60))
	if got[checks.StatusHealthy] != 30*time.Minute || got[checks.StatusDegraded] != 30*time.Minute || got[checks.StatusCritical] != 0 {
		t.Errorf("got %v", got)
	}
}

func TestEveryFormat(t *testing.T) {
	t.Parallel()
	store, cfg := generatedHistory(t)
	r, err := Build(context.Background(), store, cfg, end, end.Add(-6*time.Hour), end, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, r, format, false); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out := b.String()
		switch format {
		case "text":
			for _, want := range []string{"AVAILABILITY", "INCIDENTS (", "INDICATORS THAT FAILED MOST", "scan data age  p50 ", "bridge         up at "} {
				if !strings.Contains(out, want) {
					t.Errorf("text lacks %q", want)
				}
			}
			if strings.Contains(out, "\x1b[") {
				t.Error("colour in text meant for a file")
			}
		case "json":
			var back Report
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Availability) != len(r.Availability) {
				t.Errorf("json: %v", err)
			}
		case "markdown":
			if !strings.Contains(out, "### Availability (shares of the watched time)\n\n| subject | window | healthy |") {
				t.Errorf("markdown:\n%.400s", out)
			}
		case "csv":
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil || len(rows) < 50 || strings.Join(rows[0], ",") != "table,row,column,value" {
				t.Errorf("csv: %v, %d rows", err, len(rows))
			}
		case "html":
			for _, want := range []string{"<!DOCTYPE html>", `aria-label="health timeline"`, `aria-label="indicator staleness"`, "<table>"} {
				if !strings.Contains(out, want) {
					t.Errorf("html lacks %q", want)
				}
			}
			for _, banned := range []string{"<script", "http://", "https://", "@import", "url("} {
				if strings.Contains(out, banned) {
					t.Errorf("html is not self-contained: it has %q", banned)
				}
			}
		}
	}
	var b bytes.Buffer
	Write(&b, r, "text", true)
	if !strings.Contains(b.String(), "\x1b[1m") {
		t.Error("no colour for a terminal")
	}
}

var tempDirs []string

func tempDir() (string, error) {
	dir, err := os.MkdirTemp("", "tidewatch-report-")
	tempDirs = append(tempDirs, dir)
	return dir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if generated.store != nil {
		generated.store.Close()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// An incident is driven by what was found inside its own span, criticals
// first: vix NaN for the one it caused, not the stale findings that came
// minutes after it in the same hour; each incident has its own drivers.
func TestIncidentDriversAreTheFindingsInsideIt(t *testing.T) {
	t.Parallel()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cfg := config.Default()
	ctx := context.Background()
	start := time.Now().UTC().Truncate(time.Hour).Add(-2 * time.Hour)
	at := func(m float64) time.Time { return start.Add(time.Duration(m * float64(time.Minute))) }
	write := func(m float64, status checks.Status, fs ...checks.Finding) {
		t.Helper()
		run := &db.Run{Job: config.JobIntegrity, Started: at(m), Finished: at(m).Add(time.Millisecond), Status: status, Overall: status, Findings: fs,
			Changes: []db.HealthChange{{Job: db.Overall, Status: status}}}
		if _, err := store.WriteRun(ctx, run); err != nil {
			t.Fatal(err)
		}
	}
	nan := checks.Finding{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix", Message: "vix is NaN", Details: map[string]any{"reason": "NaN"}}
	stale := func(ind string) checks.Finding {
		return checks.Finding{Severity: checks.Warning, Category: checks.CatStale, Indicator: ind, Message: ind + " is stale"}
	}
	write(0, checks.StatusHealthy)
	// 10:02-10:04 vix NaN (one stale finding beside it); 10:08-10:20 five
	// indicators stale, many times over.
	write(2, checks.StatusCritical, nan, stale("dxy"))
	write(3, checks.StatusCritical, nan)
	write(4, checks.StatusHealthy)
	for m := 8.0; m < 20; m += 0.5 {
		write(m, checks.StatusDegraded, stale("basis"), stale("spread"), stale("taker"))
	}
	write(20, checks.StatusHealthy)
	r, err := Build(ctx, store, &cfg, start.Add(time.Hour), start, start.Add(time.Hour), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Incidents) != 2 {
		t.Fatalf("incidents %+v", r.Incidents)
	}
	first, second := r.Incidents[0].Drivers, r.Incidents[1].Drivers
	if len(first) != 2 || first[0].Category != checks.CatMissingCritical || first[0].Indicator != "vix" || first[0].Count != 2 ||
		first[0].Reason != "NaN" || first[1].Indicator != "dxy" || first[1].Count != 1 {
		t.Errorf("the NaN incident's drivers: %+v", first)
	}
	if len(second) != 3 || second[0].Category != checks.CatStale || second[0].Count != 24 || slices.ContainsFunc(second, func(k db.FindingKind) bool {
		return k.Indicator == "vix"
	}) {
		t.Errorf("the stale incident's drivers: %+v", second)
	}
}
