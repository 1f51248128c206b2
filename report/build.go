// Package report summarises history over a period for people: availability,
// incidents, the indicators that failed most, the scan and the bridge, in
// text, markdown, CSV, JSON and a self-contained HTML page.
package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
)

// Report is what `tidewatch report` shows, in every format.
type Report struct {
	GeneratedAt time.Time `json:"generated_at"`
	Since       time.Time `json:"since"`
	Until       time.Time `json:"until"`
	// Subject is whose health the report follows: "overall" (the health
	// across the latest run of every job) or the job asked for.
	Subject string `json:"subject"`

	Availability []Availability     `json:"availability"`
	Months       []Availability     `json:"months"`
	Jobs         []JobReport        `json:"jobs"`
	Incidents    []Incident         `json:"incidents"`
	MTTRSeconds  *float64           `json:"mttr_s,omitempty"`
	Indicators   []IndicatorReport  `json:"indicators"`
	Findings     []db.FindingKind   `json:"top_findings"`
	Divergence   *DivergenceReport  `json:"divergence,omitempty"`
	ScanAge      *ScanAgeReport     `json:"scan_age,omitempty"`
	Scans        *ScanReport        `json:"scans,omitempty"`
	Bridge       *BridgeReport      `json:"bridge,omitempty"`
	Timeline     []Timeline         `json:"timeline"`
	Daily        []Availability     `json:"daily"`
	Staleness    *Heatmap           `json:"staleness,omitempty"`
	ScanSeries   []Point            `json:"scan_age_series,omitempty"`
	limits       map[string]float64 // stale_after per indicator, seconds
	scanWarn     float64
	scanCritical float64

	// Truncated names the lists that were cut to MaxRows (their newest
	// entries kept) and how many entries each left out: a shorter period
	// shows them.
	Truncated map[string]int `json:"truncated,omitempty"`
}

// Availability is how a subject spent a period: the shares of the watched
// time it was healthy, degraded and critical, and the share of the period
// that was watched at all (tidewatch running).
type Availability struct {
	Subject     string    `json:"subject"`
	Window      string    `json:"window"`
	From        time.Time `json:"from"`
	To          time.Time `json:"to"`
	HealthyPct  float64   `json:"healthy_pct"`
	DegradedPct float64   `json:"degraded_pct"`
	CriticalPct float64   `json:"critical_pct"`
	WatchedPct  float64   `json:"watched_pct"`
}

// JobReport counts a job's runs over the period.
type JobReport struct {
	Job           string  `json:"job"`
	Runs          int64   `json:"runs"`
	Healthy       int64   `json:"healthy"`
	Degraded      int64   `json:"degraded"`
	Critical      int64   `json:"critical"`
	Errors        int64   `json:"errors"`
	Findings      int64   `json:"findings"`
	MeanMS        float64 `json:"mean_duration_ms"`
	MaxMS         float64 `json:"max_duration_ms"`
	HazelcastDown int64   `json:"hazelcast_unreachable_runs"`
}

// Incident is a time the subject's health left healthy.
type Incident struct {
	Start time.Time `json:"start"`
	// End is nil while it lasts.
	End     *time.Time `json:"end,omitempty"`
	Seconds float64    `json:"duration_s"`
	Worst   string     `json:"worst"`
	// EndedBy says how it ended: "healthy", or "unknown" when tidewatch
	// stopped watching.
	EndedBy string `json:"ended_by,omitempty"`
	// Drivers are the most frequent warning and critical findings in its hours.
	Drivers []db.FindingKind `json:"drivers"`
}

// IndicatorReport is how often an indicator failed, and how.
type IndicatorReport struct {
	Indicator string           `json:"indicator"`
	Findings  int64            `json:"findings"`
	Why       map[string]int64 `json:"why"`
}

// DivergenceReport is the disk against the hot path over the period.
type DivergenceReport struct {
	MaxKeyDifference *int64           `json:"max_key_difference,omitempty"`
	MaxDiskLagS      *float64         `json:"max_disk_lag_s,omitempty"`
	Hours            []DivergenceHour `json:"hours"`
}

// DivergenceHour is the worst of one hour.
type DivergenceHour struct {
	Hour          time.Time `json:"hour"`
	KeyDifference *int64    `json:"key_difference,omitempty"`
	DiskLagS      *float64  `json:"disk_lag_s,omitempty"`
}

// ScanAgeReport gives percentiles of the scan's data age. Exact ones come
// from the runs of short periods; long periods have hourly histograms, and
// a percentile is then the bound of its bucket ("at most").
type ScanAgeReport struct {
	Samples int64   `json:"samples"`
	P50S    float64 `json:"p50_s"`
	P90S    float64 `json:"p90_s"`
	P99S    float64 `json:"p99_s"`
	MaxS    float64 `json:"max_s"`
	Exact   bool    `json:"exact"`
}

// ScanReport is the scan numbers' progress.
type ScanReport struct {
	PerMinute float64 `json:"scans_per_minute"`
	First     *int64  `json:"first_scan,omitempty"`
	Last      *int64  `json:"last_scan,omitempty"`
	// Gaps are the times the scan number did not move, the newest
	// MaxRows of GapCount; Longest is the longest of them all.
	Gaps     []Gap `json:"gaps"`
	GapCount int   `json:"gap_count"`
	Longest  *Gap  `json:"longest_gap,omitempty"`
}

// Gap is a time without new scans.
type Gap struct {
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Seconds float64   `json:"duration_s"`
	At      int64     `json:"stuck_at"`
}

// BridgeReport is the bridge over the period.
type BridgeReport struct {
	Checks        int64            `json:"checks"`
	UptimePct     float64          `json:"uptime_pct"`
	WorstDataAgeS *float64         `json:"worst_data_age_s,omitempty"`
	Restarts      int              `json:"restarts"`
	Reasons       []db.ReasonCount `json:"restart_reasons"` // the topFindings most frequent
	RestartTimes  []time.Time      `json:"restart_times"`   // the newest MaxRows
}

// Timeline is a subject's statuses over the period, as segments.
type Timeline struct {
	Subject  string    `json:"subject"`
	Segments []Segment `json:"segments"`
}

// Segment is a stretch of one status.
type Segment struct {
	From   time.Time     `json:"from"`
	To     time.Time     `json:"to"`
	Status checks.Status `json:"status"`
}

// Heatmap is each indicator's worst effective staleness per column (hour,
// or day for long periods).
type Heatmap struct {
	Columns    []time.Time `json:"columns"`
	Step       string      `json:"step"`
	Indicators []string    `json:"indicators"`
	// MaxS[i][j] is indicator i's worst staleness in column j; -1 for none.
	MaxS [][]float64 `json:"max_s"`
}

// Point is one value at one time.
type Point struct {
	At time.Time `json:"at"`
	V  float64   `json:"v"`
}

// fineFor is the longest period read from raw rows; longer ones come from
// the hourly rollups only.
const fineFor = 48 * time.Hour

// MaxPeriod is the longest period one report covers, and MaxRows the most
// entries one of its lists holds (the newest are kept): a report's size
// is bounded whatever the history holds. Longer periods are reported in
// parts.
const (
	MaxPeriod = 1000 * 24 * time.Hour
	MaxRows   = 1000
)

// maxKinds bounds the kinds of finding read for a report: the most
// frequent, of which the report shows topFindings.
const maxKinds = 10000

// newest keeps the newest MaxRows of a list ordered oldest first, noting
// in the report how many it left out.
func newest[T any](r *Report, name string, list []T) []T {
	if len(list) <= MaxRows {
		return list
	}
	if r.Truncated == nil {
		r.Truncated = map[string]int{}
	}
	r.Truncated[name] = len(list) - MaxRows
	return list[len(list)-MaxRows:]
}

// Build reads the report of [since, until) for one job, or for all when
// job is "".
func Build(ctx context.Context, store *db.Store, cfg *config.Config, now, since, until time.Time, job string) (*Report, error) {
	if p := until.Sub(since); p > MaxPeriod {
		return nil, fmt.Errorf("the period is %.0f days, at most %.0f: report it in parts", p.Hours()/24, MaxPeriod.Hours()/24)
	}
	r := &Report{
		GeneratedAt: now.UTC(), Since: since.UTC(), Until: until.UTC(), Subject: db.Overall,
		limits:       map[string]float64{},
		scanWarn:     cfg.Freshness.ScanWarnAfter.Seconds(),
		scanCritical: cfg.Freshness.ScanCriticalAfter.Seconds(),
	}
	for _, ind := range cfg.Indicators.Expected {
		r.limits[ind] = cfg.Freshness.StaleAfterFor(ind).Seconds()
	}
	var jobs []string
	for _, j := range cfg.Jobs() {
		if job == "" || job == j.Name {
			jobs = append(jobs, j.Name)
		}
	}
	if job != "" {
		r.Subject = job
	}
	subjects := append([]string{r.Subject}, jobs...)
	if job != "" {
		subjects = jobs
	}

	var err error
	if err = r.availability(ctx, store, subjects, jobs); err != nil {
		return nil, err
	}
	hours, err := store.Hours(ctx, job, since, until)
	if err != nil {
		return nil, err
	}
	r.jobs(hours, jobs)
	kinds, err := store.FindingKinds(ctx, since, until, job, false, maxKinds)
	if err != nil {
		return nil, err
	}
	r.findings(kinds, cfg.Indicators.Critical)
	if err := r.incidents(ctx, store, job); err != nil {
		return nil, err
	}
	r.divergence(hours)
	fine := until.Sub(since) <= fineFor
	var samples []db.ScanSample
	if fine {
		if samples, err = store.ScanSamples(ctx, config.JobFreshness, since, until); err != nil {
			return nil, err
		}
	}
	r.scans(hours, samples, fine)
	if err := r.bridge(ctx, store, hours); err != nil {
		return nil, err
	}
	cells, err := store.Staleness(ctx, since, until)
	if err != nil {
		return nil, err
	}
	r.heatmap(cells, cfg.Indicators.Expected)
	r.ScanSeries = thin(r.ScanSeries)
	// Incidents were read from the whole timelines.
	for i := range r.Timeline {
		tl := &r.Timeline[i]
		tl.Segments = newest(r, "timeline "+tl.Subject, tl.Segments)
	}
	present.FillLists(r)
	return r, nil
}

// statusTime integrates a status step function over [from, to).
func statusTime(initial checks.Status, changes []db.Change, from, to time.Time) map[checks.Status]time.Duration {
	out := map[checks.Status]time.Duration{}
	st, at := initial, from
	for _, c := range changes {
		if !c.At.After(from) {
			st = c.Status
			continue
		}
		if !c.At.Before(to) {
			break
		}
		out[st] += c.At.Sub(at)
		st, at = c.Status, c.At
	}
	out[st] += to.Sub(at)
	return out
}

func share(from, to time.Time, subject, window string, t map[checks.Status]time.Duration) Availability {
	critical := t[checks.StatusCritical] + t[checks.StatusError]
	watched := (t[checks.StatusHealthy] + t[checks.StatusDegraded] + critical).Seconds()
	of := func(d time.Duration, total float64) float64 {
		if total <= 0 {
			return 0
		}
		return round2(100 * d.Seconds() / total)
	}
	return Availability{
		Subject: subject, Window: window, From: from, To: to,
		HealthyPct:  of(t[checks.StatusHealthy], watched),
		DegradedPct: of(t[checks.StatusDegraded], watched),
		CriticalPct: of(critical, watched),
		WatchedPct:  of(time.Duration(watched*float64(time.Second)), to.Sub(from).Seconds()),
	}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// availability fills the windows (last hour, day, week, month and the
// report's period), the calendar months, the days, and the timelines.
func (r *Report) availability(ctx context.Context, store *db.Store, subjects, jobs []string) error {
	windows := []struct {
		name string
		d    time.Duration
	}{{"1h", time.Hour}, {"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}, {"30d", 30 * 24 * time.Hour}}
	earliest := r.Since
	for _, w := range windows {
		earliest = minTime(earliest, r.Until.Add(-w.d))
	}
	for _, subject := range subjects {
		initial, changes, err := store.Changes(ctx, subject, earliest, r.Until)
		if err != nil {
			return err
		}
		for _, w := range windows {
			from := r.Until.Add(-w.d)
			r.Availability = append(r.Availability, share(from, r.Until, subject, w.name, statusTime(initial, changes, from, r.Until)))
		}
		r.Availability = append(r.Availability, share(r.Since, r.Until, subject, "report", statusTime(initial, changes, r.Since, r.Until)))
		if subject == r.Subject {
			for m := time.Date(r.Since.Year(), r.Since.Month(), 1, 0, 0, 0, 0, time.UTC); m.Before(r.Until); m = m.AddDate(0, 1, 0) {
				from, to := maxTime(m, r.Since), minTime(m.AddDate(0, 1, 0), r.Until)
				r.Months = append(r.Months, share(from, to, subject, m.Format("2006-01"), statusTime(initial, changes, from, to)))
			}
			for d := r.Since.Truncate(24 * time.Hour); d.Before(r.Until); d = d.Add(24 * time.Hour) {
				from, to := maxTime(d, r.Since), minTime(d.Add(24*time.Hour), r.Until)
				r.Daily = append(r.Daily, share(from, to, subject, d.Format(time.DateOnly), statusTime(initial, changes, from, to)))
			}
		}
		r.Timeline = append(r.Timeline, Timeline{Subject: subject, Segments: segments(initial, changes, r.Since, r.Until)})
	}
	return nil
}

func segments(initial checks.Status, changes []db.Change, from, to time.Time) []Segment {
	var out []Segment
	st, at := initial, from
	for _, c := range changes {
		if !c.At.After(from) {
			st = c.Status
			continue
		}
		if c.Status == st {
			continue
		}
		out = append(out, Segment{From: at, To: c.At, Status: st})
		st, at = c.Status, c.At
	}
	return append(out, Segment{From: at, To: to, Status: st})
}

func (r *Report) jobs(hours []db.Hour, jobs []string) {
	by := map[string]*JobReport{}
	for _, name := range jobs {
		by[name] = &JobReport{Job: name}
	}
	for _, h := range hours {
		j, ok := by[h.Job]
		if !ok {
			continue
		}
		j.Runs += h.Runs
		j.Healthy += h.Healthy
		j.Degraded += h.Degraded
		j.Critical += h.Critical
		j.Errors += h.Errors
		j.Findings += h.Findings
		j.MeanMS += h.TotalMS
		j.MaxMS = math.Max(j.MaxMS, h.MaxMS)
		j.HazelcastDown += h.HazelcastDown
	}
	for _, name := range jobs {
		j := by[name]
		if j.Runs > 0 {
			j.MeanMS = round2(j.MeanMS / float64(j.Runs))
		}
		r.Jobs = append(r.Jobs, *j)
	}
}

// topFindings is how many kinds of finding the report lists.
const topFindings = 15

func (r *Report) findings(kinds []db.FindingKind, critical []string) {
	per := map[string]*IndicatorReport{}
	for _, k := range kinds {
		if k.Indicator == "" {
			continue
		}
		ir, ok := per[k.Indicator]
		if !ok {
			ir = &IndicatorReport{Indicator: k.Indicator, Why: map[string]int64{}}
			per[k.Indicator] = ir
		}
		// An ACB-critical indicator's failure is missing_critical; history
		// from before tidewatch listed it once has a missing finding beside
		// each, which would count it twice.
		if k.Category == checks.CatMissing && slices.Contains(critical, k.Indicator) {
			continue
		}
		ir.Findings += k.Count
		ir.Why[why(k)] += k.Count
	}
	for _, ir := range per {
		if ir.Findings > 0 {
			r.Indicators = append(r.Indicators, *ir)
		}
	}
	sort.Slice(r.Indicators, func(i, j int) bool {
		a, b := r.Indicators[i], r.Indicators[j]
		if a.Findings != b.Findings {
			return a.Findings > b.Findings
		}
		return a.Indicator < b.Indicator
	})
	r.Indicators = r.Indicators[:min(len(r.Indicators), topFindings)]
	r.Findings = kinds[:min(len(kinds), topFindings)]
}

// why names a failure the way an operator asks about it: missing (absent),
// NaN, Infinity, non-numeric, stale, stuck, out of range.
func why(k db.FindingKind) string {
	switch k.Category {
	case checks.CatMissing, checks.CatMissingCritical:
		if k.Reason == "absent" {
			return "missing"
		}
		return k.Reason
	case checks.CatOutOfRange:
		return "out of range"
	}
	return k.Category
}

// incidents finds each time the subject left healthy, and what drove it.
func (r *Report) incidents(ctx context.Context, store *db.Store, job string) error {
	var tl *Timeline
	for i := range r.Timeline {
		if r.Timeline[i].Subject == r.Subject {
			tl = &r.Timeline[i]
		}
	}
	bad := func(s checks.Status) bool {
		return s == checks.StatusDegraded || s == checks.StatusCritical || s == checks.StatusError
	}
	rank := map[checks.Status]int{checks.StatusDegraded: 1, checks.StatusCritical: 2, checks.StatusError: 2}
	var open *Incident
	var closed []float64
	for _, seg := range tl.Segments {
		switch {
		case bad(seg.Status):
			if open == nil {
				open = &Incident{Start: seg.From}
			}
			if w := string(seg.Status); open.Worst == "" || rank[seg.Status] > rank[checks.Status(open.Worst)] {
				open.Worst = strings.Replace(w, "error", "critical", 1)
			}
		case open != nil:
			end := seg.From
			open.End, open.EndedBy = &end, string(seg.Status)
			open.Seconds = end.Sub(open.Start).Seconds()
			if seg.Status == checks.StatusHealthy {
				closed = append(closed, open.Seconds)
			}
			r.Incidents = append(r.Incidents, *open)
			open = nil
		}
	}
	if open != nil {
		open.Seconds = r.Until.Sub(open.Start).Seconds()
		r.Incidents = append(r.Incidents, *open)
	}
	if len(closed) > 0 {
		sum := 0.0
		for _, s := range closed {
			sum += s
		}
		r.MTTRSeconds = ptr(round2(sum / float64(len(closed))))
	}
	r.Incidents = newest(r, "incidents", r.Incidents)
	for i := range r.Incidents {
		in := &r.Incidents[i]
		to := r.Until
		if in.End != nil {
			to = *in.End
		}
		kinds, err := store.FindingKinds(ctx, in.Start, to, job, true, 3)
		if err != nil {
			return err
		}
		in.Drivers = kinds
	}
	return nil
}

func (r *Report) divergence(hours []db.Hour) {
	d := &DivergenceReport{}
	for _, h := range hours {
		if h.Job != config.JobDivergence || (h.MaxKeyDifference == nil && h.MaxDiskLagS == nil) {
			continue
		}
		d.Hours = append(d.Hours, DivergenceHour{Hour: h.Hour, KeyDifference: h.MaxKeyDifference, DiskLagS: h.MaxDiskLagS})
		if h.MaxKeyDifference != nil && (d.MaxKeyDifference == nil || *h.MaxKeyDifference > *d.MaxKeyDifference) {
			d.MaxKeyDifference = h.MaxKeyDifference
		}
		if h.MaxDiskLagS != nil && (d.MaxDiskLagS == nil || *h.MaxDiskLagS > *d.MaxDiskLagS) {
			d.MaxDiskLagS = h.MaxDiskLagS
		}
	}
	if len(d.Hours) > 0 {
		d.Hours = newest(r, "divergence hours", d.Hours)
		r.Divergence = d
	}
}

// scans reads the scan's age and progress from the freshness runs: every
// run over short periods, the hourly rollups over long ones.
func (r *Report) scans(hours []db.Hour, samples []db.ScanSample, fine bool) {
	if fine {
		var ages []float64
		var first, last *db.ScanSample
		sc := &ScanReport{}
		for i := range samples {
			s := &samples[i]
			if s.AgeS != nil {
				ages = append(ages, *s.AgeS)
				r.ScanSeries = append(r.ScanSeries, Point{At: s.At, V: *s.AgeS})
			}
			if s.Number == nil {
				continue
			}
			if first == nil {
				first = s
			}
			if last != nil && *last.Number == *s.Number {
				if n := len(sc.Gaps); n > 0 && sc.Gaps[n-1].At == *s.Number && sc.Gaps[n-1].To.Equal(last.At) {
					sc.Gaps[n-1].To = s.At
				} else {
					sc.Gaps = append(sc.Gaps, Gap{From: last.At, To: s.At, At: *s.Number})
				}
			}
			last = s
		}
		if len(ages) > 0 {
			slices.Sort(ages)
			at := func(q float64) float64 { return round2(ages[int(q*float64(len(ages)-1))]) }
			r.ScanAge = &ScanAgeReport{Samples: int64(len(ages)), P50S: at(0.5), P90S: at(0.9), P99S: at(0.99), MaxS: round2(ages[len(ages)-1]), Exact: true}
		}
		if first != nil && last != first {
			sc.First, sc.Last = first.Number, last.Number
			sc.PerMinute = round2(float64(*last.Number-*first.Number) / last.At.Sub(first.At).Minutes())
			r.Scans = sc.withDurations(r)
		}
		return
	}

	var hist [7]int64
	var total int64
	maxAge := 0.0
	sc := &ScanReport{}
	var firstHour, lastHour *db.Hour
	for i := range hours {
		h := &hours[i]
		if h.Job != config.JobFreshness {
			continue
		}
		for b, n := range h.ScanAge {
			hist[b] += n
			total += n
		}
		if h.MaxScanAgeS != nil {
			maxAge = math.Max(maxAge, *h.MaxScanAgeS)
			r.ScanSeries = append(r.ScanSeries, Point{At: h.Hour, V: *h.MaxScanAgeS})
		}
		if h.MinScan == nil {
			continue
		}
		if firstHour == nil {
			firstHour = h
		}
		lastHour = h
		if *h.MinScan == *h.MaxScan && h.Runs > 1 {
			to := h.Hour.Add(time.Hour)
			if n := len(sc.Gaps); n > 0 && sc.Gaps[n-1].At == *h.MinScan && sc.Gaps[n-1].To.Equal(h.Hour) {
				sc.Gaps[n-1].To = to
			} else {
				sc.Gaps = append(sc.Gaps, Gap{From: h.Hour, To: to, At: *h.MinScan})
			}
		}
	}
	if total > 0 {
		bound := func(q float64) float64 {
			want := int64(math.Ceil(q * float64(total)))
			seen := int64(0)
			for b, n := range hist {
				seen += n
				if seen >= want {
					if b < len(db.ScanAgeBounds) {
						return db.ScanAgeBounds[b]
					}
					return maxAge
				}
			}
			return maxAge
		}
		r.ScanAge = &ScanAgeReport{Samples: total, P50S: bound(0.5), P90S: bound(0.9), P99S: bound(0.99), MaxS: round2(maxAge)}
	}
	if firstHour != nil && lastHour != firstHour {
		sc.First, sc.Last = firstHour.MinScan, lastHour.MaxScan
		sc.PerMinute = round2(float64(*lastHour.MaxScan-*firstHour.MinScan) / lastHour.Hour.Add(time.Hour).Sub(firstHour.Hour).Minutes())
		r.Scans = sc.withDurations(r)
	}
}

// withDurations completes the gaps: their durations, count and longest,
// and keeps the newest.
func (s *ScanReport) withDurations(r *Report) *ScanReport {
	for i := range s.Gaps {
		g := &s.Gaps[i]
		g.Seconds = g.To.Sub(g.From).Seconds()
		if s.Longest == nil || g.Seconds > s.Longest.Seconds {
			s.Longest = ptr(*g)
		}
	}
	s.GapCount = len(s.Gaps)
	s.Gaps = newest(r, "scan gaps", s.Gaps)
	return s
}

// thin keeps at most MaxRows points of a series for its chart: the highest
// of each run of points, so that no peak is lost.
func thin(points []Point) []Point {
	if len(points) <= MaxRows {
		return points
	}
	per := (len(points) + MaxRows - 1) / MaxRows
	out := make([]Point, 0, MaxRows)
	for i := 0; i < len(points); i += per {
		top := points[i]
		for _, p := range points[i:min(i+per, len(points))] {
			if p.V > top.V {
				top = p
			}
		}
		out = append(out, top)
	}
	return out
}

func (r *Report) bridge(ctx context.Context, store *db.Store, hours []db.Hour) error {
	b := &BridgeReport{}
	for _, h := range hours {
		if h.Job != config.JobBridge {
			continue
		}
		b.Checks += h.BridgeChecks
		b.UptimePct += float64(h.BridgeUp)
		if h.MaxScanAgeS != nil && (b.WorstDataAgeS == nil || *h.MaxScanAgeS > *b.WorstDataAgeS) {
			b.WorstDataAgeS = h.MaxScanAgeS
		}
	}
	if b.Checks == 0 {
		return nil
	}
	b.UptimePct = round2(100 * b.UptimePct / float64(b.Checks))
	restarts, err := store.BridgeRestarts(ctx, r.Since, r.Until, topFindings, MaxRows)
	if err != nil {
		return err
	}
	b.Restarts, b.Reasons, b.RestartTimes = restarts.Total, restarts.Reasons, restarts.Times
	if n := restarts.Total - len(restarts.Times); n > 0 {
		if r.Truncated == nil {
			r.Truncated = map[string]int{}
		}
		r.Truncated["restart times"] = n
	}
	r.Bridge = b
	return nil
}

// heatmap lays the staleness out per indicator and hour, or per day for
// periods longer than a week.
func (r *Report) heatmap(cells []db.StalenessCell, order []string) {
	if len(cells) == 0 {
		return
	}
	step := time.Hour
	h := &Heatmap{Step: "hour"}
	if r.Until.Sub(r.Since) > 7*24*time.Hour {
		step, h.Step = 24*time.Hour, "day"
	}
	for c := r.Since.Truncate(step); c.Before(r.Until); c = c.Add(step) {
		h.Columns = append(h.Columns, c)
	}
	seen := map[string]bool{}
	for _, c := range cells {
		seen[c.Indicator] = true
	}
	for _, ind := range order {
		if seen[ind] {
			h.Indicators = append(h.Indicators, ind)
		}
	}
	row := map[string]int{}
	for i, ind := range h.Indicators {
		row[ind] = i
		h.MaxS = append(h.MaxS, slices.Repeat([]float64{-1}, len(h.Columns)))
	}
	start := r.Since.Truncate(step)
	for _, c := range cells {
		i, ok := row[c.Indicator]
		j := int(c.Hour.Sub(start) / step)
		if !ok || j < 0 || j >= len(h.Columns) {
			continue
		}
		h.MaxS[i][j] = math.Max(h.MaxS[i][j], c.MaxS)
	}
	r.Staleness = h
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func ptr[T any](v T) *T { return &v }
