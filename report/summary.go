package report

import (
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

// Summarize computes the report from what Gather read, and nothing else:
// now is only when it was generated.
func Summarize(h *History, cfg *config.Config, now time.Time) *Report {
	r := &Report{
		GeneratedAt: now.UTC(), Since: h.Since, Until: h.Until,
		limits:       map[string]float64{},
		scanWarn:     cfg.Freshness.ScanWarnAfter.Seconds(),
		scanCritical: cfg.Freshness.ScanCriticalAfter.Seconds(),
	}
	for _, ind := range cfg.Indicators.Expected {
		r.limits[ind] = cfg.Freshness.StaleAfterFor(ind).Seconds()
	}
	var subjects, jobs []string
	r.Subject, subjects, jobs = subjectsOf(cfg, h.Job)
	r.availability(h.Changes, subjects)
	r.jobs(h.Hours, jobs)
	r.findings(h.Kinds, cfg.Indicators.Critical)
	r.incidents(h.Drivers)
	r.divergence(h.Hours)
	r.scans(h.Hours, h.Samples, h.fine())
	r.bridge(h.Hours, h.Restarts)
	if h.fine() {
		r.rawHeatmap(h.StaleRuns, cfg.Indicators.Expected)
	} else {
		r.heatmap(h.Staleness, cfg.Indicators.Expected)
	}
	r.quietCells(&cfg.Freshness)
	r.ScanSeries = thin(r.ScanSeries)
	// Incidents were read from the whole timelines.
	for i := range r.Timeline {
		tl := &r.Timeline[i]
		tl.Segments = newest(r, "timeline "+tl.Subject, tl.Segments)
	}
	present.FillLists(r)
	return r
}

// subjectsOf names whose health a report of job follows: the subject
// ("overall" when job is "", the health across the latest run of every
// job; else the job), every subject with a timeline, and the jobs.
func subjectsOf(cfg *config.Config, job string) (subject string, subjects, jobs []string) {
	for _, j := range cfg.Jobs() {
		if job == "" || job == j.Name {
			jobs = append(jobs, j.Name)
		}
	}
	if job != "" {
		return job, jobs, jobs
	}
	return db.Overall, append([]string{db.Overall}, jobs...), jobs
}

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
	a := Availability{
		Subject: subject, Window: window, From: from, To: to,
		HealthyPct:  of(t[checks.StatusHealthy], watched),
		DegradedPct: of(t[checks.StatusDegraded], watched),
		CriticalPct: of(critical, watched),
		WatchedPct:  of(time.Duration(watched*float64(time.Second)), to.Sub(from).Seconds()),
	}
	a.Enough = a.WatchedPct >= enoughWatched
	return a
}

// enoughWatched is the share of a window, in percent, tidewatch must have
// watched for its availability to be told: a 9-minute-old database says
// nothing of the last week.
const enoughWatched = 50

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// windows are the spans back from a report's end whose availability it
// gives, beside its own period.
var windows = []struct {
	name string
	d    time.Duration
}{{"1h", time.Hour}, {"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}, {"30d", 30 * 24 * time.Hour}}

// earliest is the start of the longest span a report's availability covers.
func earliest(since, until time.Time) time.Time {
	for _, w := range windows {
		since = minTime(since, until.Add(-w.d))
	}
	return since
}

// availability fills the windows (last hour, day, week, month and the
// report's period), the calendar months, the days, and the timelines.
func (r *Report) availability(changes map[string]Changes, subjects []string) {
	for _, subject := range subjects {
		initial, changes := changes[subject].Initial, changes[subject].Changes
		for _, w := range windows {
			// Only windows the report's period holds: a report of an
			// hour says nothing of the last month.
			if w.d > r.Until.Sub(r.Since)+time.Minute {
				continue
			}
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

// incidents lists each time the subject left healthy, with what drove it.
func (r *Report) incidents(drivers map[time.Time][]db.FindingKind) {
	for _, tl := range r.Timeline {
		if tl.Subject == r.Subject {
			var list []Incident
			list, r.MTTRSeconds = incidentsOf(tl.Segments, r.Until)
			r.Incidents = newest(r, "incidents", list)
		}
	}
	for i := range r.Incidents {
		r.Incidents[i].Drivers = drivers[r.Incidents[i].Start]
	}
}

// incidentsOf finds each time a timeline left healthy, and the mean time
// to recover from those that ended healthy.
func incidentsOf(segs []Segment, until time.Time) (list []Incident, mttr *float64) {
	bad := func(s checks.Status) bool {
		return s == checks.StatusDegraded || s == checks.StatusCritical || s == checks.StatusError
	}
	rank := map[checks.Status]int{checks.StatusDegraded: 1, checks.StatusCritical: 2, checks.StatusError: 2}
	var open *Incident
	var closed []float64
	for _, seg := range segs {
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
			list = append(list, *open)
			open = nil
		}
	}
	if open != nil {
		open.Seconds = until.Sub(open.Start).Seconds()
		list = append(list, *open)
	}
	if len(closed) > 0 {
		sum := 0.0
		for _, s := range closed {
			sum += s
		}
		mttr = ptr(round2(sum / float64(len(closed))))
	}
	return list, mttr
}

// end is when the incident ended, or until for one that lasts.
func (in Incident) end(until time.Time) time.Time {
	if in.End != nil {
		return *in.End
	}
	return until
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

func (r *Report) bridge(hours []db.Hour, restarts db.Restarts) {
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
		return
	}
	b.UptimePct = round2(100 * b.UptimePct / float64(b.Checks))
	b.Restarts, b.Reasons, b.RestartTimes = restarts.Total, restarts.Reasons, restarts.Times
	if n := restarts.Total - len(restarts.Times); n > 0 {
		if r.Truncated == nil {
			r.Truncated = map[string]int{}
		}
		r.Truncated["restart times"] = n
	}
	r.Bridge = b
}

// heatmap lays the staleness out per indicator and hour, or per day for
// periods longer than a week, from the hourly rollups: every configured
// indicator has a row, one never judged (in its quiet hours all along)
// too.
func (r *Report) heatmap(cells []db.StalenessCell, order []string) {
	if len(cells) == 0 {
		return
	}
	step := time.Hour
	h := &Heatmap{Step: "hour"}
	if r.Until.Sub(r.Since) > 7*24*time.Hour {
		step, h.Step = 24*time.Hour, "day"
	}
	h.StepS = step.Seconds()
	for c := r.Since.Truncate(step); c.Before(r.Until); c = c.Add(step) {
		h.Columns = append(h.Columns, c)
	}
	h.Indicators = order
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

// rawSteps are the column widths of a raw heatmap: the first that keeps
// it within maxRawColumns.
var rawSteps = []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute}

const maxRawColumns = 360

// rawHeatmap lays the staleness out from the freshness runs themselves,
// for periods up to fineFor: a 90-second stale spell is a minute or two
// of red, not an hour. A column holds the worst staleness any of its runs
// found, 0 when its runs found the indicator fresh, -1 without runs.
func (r *Report) rawHeatmap(runs []db.StaleRun, order []string) {
	if len(runs) == 0 {
		return
	}
	step := rawSteps[len(rawSteps)-1]
	for _, s := range rawSteps {
		if r.Until.Sub(r.Since)/s <= maxRawColumns {
			step = s
			break
		}
	}
	h := &Heatmap{Step: present.Age(step), StepS: step.Seconds(), Indicators: order}
	start := r.Since.Truncate(step)
	for c := start; c.Before(r.Until); c = c.Add(step) {
		h.Columns = append(h.Columns, c)
	}
	for range order {
		h.MaxS = append(h.MaxS, slices.Repeat([]float64{-1}, len(h.Columns)))
	}
	for _, run := range runs {
		j := int(run.At.Sub(start) / step)
		if j < 0 || j >= len(h.Columns) {
			continue
		}
		for i, ind := range order {
			h.MaxS[i][j] = math.Max(h.MaxS[i][j], run.Stale[ind])
		}
	}
	r.Staleness = h
}

// quietCells marks the cells in each indicator's quiet hours (at the
// cell's middle), where no data is what is expected.
func (r *Report) quietCells(f *config.Freshness) {
	h := r.Staleness
	if h == nil {
		return
	}
	half := time.Duration(h.StepS * float64(time.Second) / 2)
	h.Quiet = make([][]bool, len(h.Indicators))
	for i, ind := range h.Indicators {
		h.Quiet[i] = make([]bool, len(h.Columns))
		for j, c := range h.Columns {
			h.Quiet[i][j] = f.Quiet(ind, c.Add(half))
		}
	}
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
