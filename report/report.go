// Package report summarises history over a period for people: availability,
// incidents, the indicators that failed most, the scan and the bridge, in
// text, markdown, CSV, JSON and a self-contained HTML page. Gather reads
// what a report needs from the database, once; Summarize computes the
// report from that alone.
package report

import (
	"context"
	"fmt"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
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
	// Enough is false when tidewatch watched too little of the window
	// (under half) for its shares to say much: "not enough history".
	Enough bool `json:"enough_history"`
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
	// Columns are when each column starts; each lasts Step (StepS
	// seconds), the first and last cut to the period.
	Columns    []time.Time `json:"columns"`
	Step       string      `json:"step"`
	StepS      float64     `json:"step_s"`
	Indicators []string    `json:"indicators"`
	// MaxS[i][j] is indicator i's worst staleness in column j; 0 for
	// judged and never stale (raw columns); -1 for no data.
	MaxS [][]float64 `json:"max_s"`
	// Quiet[i][j] says column j is in indicator i's quiet hours, when its
	// staleness is not judged.
	Quiet [][]bool `json:"quiet"`
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

// Build reads the report of [since, until) for one job, or for all when
// job is "".
func Build(ctx context.Context, store *db.Store, cfg *config.Config, now, since, until time.Time, job string) (*Report, error) {
	if p := until.Sub(since); p > MaxPeriod {
		return nil, fmt.Errorf("the period is %.0f days, at most %.0f: report it in parts", p.Hours()/24, MaxPeriod.Hours()/24)
	}
	h, err := Gather(ctx, store, cfg, now, since, until, job)
	if err != nil {
		return nil, err
	}
	return Summarize(h, cfg, now), nil
}
