package report

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// The summary's rules, one table each, on gathered data alone: no
// database, no clock.

func TestScanGaps(t *testing.T) {
	t.Parallel()
	at := func(s int) time.Time { return end.Add(time.Duration(s) * time.Second) }
	n := func(v int64) *int64 { return &v }
	age := func(v float64) *float64 { return &v }
	hour := func(h int, minScan, maxScan int64, runs int64) db.Hour {
		return db.Hour{Job: config.JobFreshness, Hour: end.Add(time.Duration(h) * time.Hour), Runs: runs, MinScan: n(minScan), MaxScan: n(maxScan)}
	}
	tests := []struct {
		name      string
		samples   []db.ScanSample // a short period: every run
		hours     []db.Hour       // a long one: the hourly rollups
		fine      bool
		gaps      []string // from-to@number, in seconds or hours after end
		perMinute float64
	}{
		{name: "a number seen three times in a row is one gap; a run without a reading breaks none", fine: true,
			samples: []db.ScanSample{{At: at(0), Number: n(1)}, {At: at(30), Number: n(1)}, {At: at(60), Number: n(1)},
				{At: at(90), Number: n(2)}, {At: at(120), Number: n(2)}, {At: at(150)}, {At: at(180), Number: n(3)}},
			gaps: []string{"0s-1m0s@1", "1m30s-2m0s@2"}, perMinute: 0.67},
		{name: "progress on every run: no gap", fine: true,
			samples:   []db.ScanSample{{At: at(0), Number: n(1)}, {At: at(60), Number: n(31)}},
			perMinute: 30},
		{name: "hours whose number did not move, in a row, are one gap",
			hours: []db.Hour{hour(0, 10, 40, 120), hour(1, 40, 40, 120), hour(2, 40, 40, 120), hour(3, 41, 100, 120)},
			gaps:  []string{"1h0m0s-3h0m0s@40"}, perMinute: 0.38},
		{name: "an hour of one run says nothing of a gap",
			hours:     []db.Hour{hour(0, 10, 10, 1), hour(1, 11, 20, 120)},
			perMinute: 0.08},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Since: end, Until: end.Add(4 * time.Hour)}
			r.scans(tt.hours, tt.samples, tt.fine)
			if r.Scans == nil {
				t.Fatal("no scan report")
			}
			var gaps []string
			for _, g := range r.Scans.Gaps {
				gaps = append(gaps, fmt.Sprintf("%s-%s@%d", g.From.Sub(end), g.To.Sub(end), g.At))
			}
			if !slices.Equal(gaps, tt.gaps) || r.Scans.GapCount != len(tt.gaps) || r.Scans.PerMinute != tt.perMinute {
				t.Errorf("gaps %q (%d), %v a minute; want %q, %v", gaps, r.Scans.GapCount, r.Scans.PerMinute, tt.gaps, tt.perMinute)
			}
			if len(tt.gaps) > 0 && (r.Scans.Longest == nil || r.Scans.Longest.Seconds != r.Scans.Gaps[0].Seconds) {
				t.Errorf("longest %+v", r.Scans.Longest)
			}
		})
	}
	// The scan's age: exact percentiles over the runs of a short period,
	// the bounds of the histograms' buckets over a long one.
	r := &Report{}
	var samples []db.ScanSample
	for i := range 100 {
		samples = append(samples, db.ScanSample{At: at(i), AgeS: age(float64(i + 1))})
	}
	r.scans(nil, samples, true)
	if a := r.ScanAge; a == nil || !a.Exact || a.Samples != 100 || a.P50S != 50 || a.P90S != 90 || a.P99S != 99 || a.MaxS != 100 {
		t.Errorf("exact scan age %+v", a)
	}
	r = &Report{}
	r.scans([]db.Hour{{Job: config.JobFreshness, Hour: end, MaxScanAgeS: age(400), ScanAge: [7]int64{50, 40, 9, 0, 0, 0, 1}}}, nil, false)
	if a := r.ScanAge; a == nil || a.Exact || a.Samples != 100 || a.P50S != 1 || a.P90S != 5 || a.P99S != 15 || a.MaxS != 400 {
		t.Errorf("scan age from histograms %+v", a)
	}
}

func TestHeatmapCells(t *testing.T) {
	t.Parallel()
	cells := []db.StalenessCell{
		{Indicator: "dxy", Hour: end.Add(time.Hour), MaxS: 30},
		{Indicator: "vix", Hour: end, MaxS: 10},
		{Indicator: "vix", Hour: end.Add(2 * time.Hour), MaxS: 200},
		{Indicator: "vix", Hour: end.Add(-time.Hour), MaxS: 999}, // before the period
		{Indicator: "junk", Hour: end, MaxS: 5000},               // not configured
	}
	r := &Report{Since: end, Until: end.Add(3 * time.Hour)}
	r.heatmap(cells, []string{"vix", "sp500", "dxy"})
	h := r.Staleness
	// Every configured indicator has its row, sp500 (never judged) too.
	want := [][]float64{{10, -1, 200}, {-1, -1, -1}, {-1, 30, -1}}
	if h == nil || h.Step != "hour" || h.StepS != 3600 || len(h.Columns) != 3 || !slices.Equal(h.Indicators, []string{"vix", "sp500", "dxy"}) ||
		!slices.EqualFunc(h.MaxS, want, slices.Equal) {
		t.Errorf("heatmap %+v", h)
	}
	// Past a week, a column is a day, holding the worst of its hours.
	r = &Report{Since: end, Until: end.Add(8 * 24 * time.Hour)}
	r.heatmap(append(cells[:3], db.StalenessCell{Indicator: "vix", Hour: end.Add(5 * time.Hour), MaxS: 50}), []string{"vix"})
	if h := r.Staleness; h.Step != "day" || len(h.Columns) != 8 || h.MaxS[0][0] != 200 || h.MaxS[0][1] != -1 {
		t.Errorf("daily heatmap %+v", h)
	}
	r = &Report{Since: end, Until: end.Add(time.Hour)}
	if r.heatmap(nil, []string{"vix"}); r.Staleness != nil {
		t.Error("a heatmap of nothing")
	}
}

func TestAvailability(t *testing.T) {
	t.Parallel()
	// From 22:00 on 31 October to 02:00 on 1 November: two calendar
	// months, two days; unknown (not watched) for the first hour.
	since := time.Date(2026, 10, 31, 22, 0, 0, 0, time.UTC)
	until := since.Add(4 * time.Hour)
	r := &Report{Since: since, Until: until, Subject: db.Overall}
	r.availability(map[string]Changes{db.Overall: {Initial: checks.StatusUnknown, Changes: []db.Change{
		{At: since.Add(time.Hour), Status: checks.StatusHealthy},
		{At: since.Add(2 * time.Hour), Status: checks.StatusCritical},
		{At: since.Add(2*time.Hour + 30*time.Minute), Status: checks.StatusError},
		{At: since.Add(3 * time.Hour), Status: checks.StatusDegraded},
	}}}, []string{db.Overall})
	// A report of four hours gives the last hour and its own period, not
	// the last day, week or month.
	if len(r.Availability) != 2 {
		t.Fatalf("windows %+v", r.Availability)
	}
	period := r.Availability[1]
	if period.Window != "report" || period.WatchedPct != 75 || period.HealthyPct != 33.33 || period.CriticalPct != 33.33 || period.DegradedPct != 33.33 ||
		!period.Enough {
		t.Errorf("the period %+v", period)
	}
	if last := r.Availability[0]; last.Window != "1h" || last.DegradedPct != 100 || last.WatchedPct != 100 {
		t.Errorf("the last hour %+v", last)
	}
	if len(r.Months) != 2 || r.Months[0].Window != "2026-10" || r.Months[0].WatchedPct != 50 || r.Months[1].Window != "2026-11" || r.Months[1].HealthyPct != 0 {
		t.Errorf("months %+v", r.Months)
	}
	// A window watched under half its span has not enough history.
	young := &Report{Since: until.Add(-30 * 24 * time.Hour), Until: until, Subject: db.Overall}
	young.availability(map[string]Changes{db.Overall: {Initial: checks.StatusUnknown, Changes: []db.Change{
		{At: until.Add(-9 * time.Minute), Status: checks.StatusHealthy}}}}, []string{db.Overall})
	for _, a := range young.Availability {
		if a.Enough {
			t.Errorf("a nine-minute-old history: %s watched %.2f%%, enough %v", a.Window, a.WatchedPct, a.Enough)
		}
	}
	if len(r.Daily) != 2 || r.Daily[0].Window != "2026-10-31" || r.Daily[1].CriticalPct != 50 {
		t.Errorf("days %+v", r.Daily)
	}
	if tl := r.Timeline[0]; len(tl.Segments) != 5 || tl.Segments[0].Status != checks.StatusUnknown {
		t.Errorf("timeline %+v", tl)
	}
}

func TestIndicatorsThatFailedMost(t *testing.T) {
	t.Parallel()
	kinds := []db.FindingKind{
		{Job: "integrity", Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix", Reason: "NaN", Count: 9},
		// History from before missing_critical was listed alone: counted once.
		{Job: "integrity", Severity: checks.Warning, Category: checks.CatMissing, Indicator: "vix", Reason: "NaN", Count: 9},
		{Job: "integrity", Severity: checks.Warning, Category: checks.CatMissing, Indicator: "dxy", Reason: "absent", Count: 4},
		{Job: "freshness", Severity: checks.Warning, Category: checks.CatStale, Indicator: "dxy", Reason: checks.CatStale, Count: 6},
		{Job: "integrity", Severity: checks.Warning, Category: checks.CatOutOfRange, Indicator: "fng", Reason: checks.CatOutOfRange, Count: 2},
		{Job: "integrity", Severity: checks.Info, Category: checks.CatACBNotReady, Count: 50},
	}
	r := &Report{}
	r.findings(kinds, []string{"vix"})
	got := map[string]string{}
	var order []string
	for _, ir := range r.Indicators {
		order = append(order, ir.Indicator)
		got[ir.Indicator] = fmt.Sprint(ir.Findings, ir.Why)
	}
	if !slices.Equal(order, []string{"dxy", "vix", "fng"}) || got["dxy"] != "10 map[missing:4 stale:6]" ||
		got["vix"] != "9 map[NaN:9]" || got["fng"] != "2 map[out of range:2]" {
		t.Errorf("indicators %q %v", order, got)
	}
	if len(r.Findings) != len(kinds) {
		t.Errorf("top findings %d", len(r.Findings))
	}
}

// Up to 48 hours the heatmap is drawn from the freshness runs themselves:
// a 90-second stale spell is a column or two, not an hour; a column
// without runs has no data; the quiet hours are marked as such.
func TestRawHeatmapAndQuietHours(t *testing.T) {
	t.Parallel()
	since := time.Date(2026, 11, 30, 21, 7, 0, 0, time.UTC) // 16:07 in New York
	r := &Report{Since: since, Until: since.Add(6 * time.Hour)}
	var runs []db.StaleRun
	for at := since; at.Before(since.Add(2 * time.Hour)); at = at.Add(30 * time.Second) {
		run := db.StaleRun{At: at, Stale: map[string]float64{}}
		if d := at.Sub(since); d >= 30*time.Minute && d < 31*time.Minute+30*time.Second {
			run.Stale["dxy"] = 150
		}
		runs = append(runs, run)
	}
	r.rawHeatmap(runs, []string{"dxy", "vix"})
	h := r.Staleness
	if h == nil || h.Step != "1m0s" || h.StepS != 60 || len(h.Columns) != 360 || !h.Columns[0].Equal(since) {
		t.Fatalf("heatmap step %q, %d columns", h.Step, len(h.Columns))
	}
	stale := 0
	for j, v := range h.MaxS[0] {
		switch {
		case v == 150:
			stale++
		case j < 120 && v != 0, j >= 120 && v != -1:
			t.Errorf("dxy column %d: %v", j, v)
		}
	}
	if stale != 2 {
		t.Errorf("a 90-second spell painted %d one-minute columns", stale)
	}
	parsed, err := config.Parse("q.toml", []byte("[[freshness.quiet_hours]]\nindicators = [\"vix\"]\ntimezone = \"America/New_York\"\nstart = \"16:00\"\nend = \"09:30\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	r.quietCells(&parsed.Freshness)
	if !h.Quiet[1][0] || h.Quiet[0][0] {
		t.Errorf("quiet: vix %v, dxy %v", h.Quiet[1][0], h.Quiet[0][0])
	}
	if r.rawHeatmap(nil, []string{"vix"}); r.Staleness != h {
		t.Error("a heatmap of no runs replaced one")
	}
}
