// Package metrics exposes tidewatch's state to Prometheus.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/supervise"
)

// Metrics are updated as runs are recorded, and read from the database
// (open problems) at each scrape.
type Metrics struct {
	reg            *prometheus.Registry
	runs           *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	staleness      *prometheus.GaugeVec
	present        prometheus.Gauge
	scanAge        prometheus.Gauge
	scanNumber     prometheus.Gauge
	bridgeUp       prometheus.Gauge
	bridgeRestarts prometheus.Gauge
	notifyFailures *prometheus.CounterVec
	skipped        *prometheus.CounterVec
	notRecorded    *prometheus.CounterVec
}

// New registers tidewatch's metrics.
func New(store *db.Store, log *slog.Logger) *Metrics {
	log = log.With("component", "metrics")
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_runs_total", Help: "Job runs recorded, by job and status.",
		}, []string{"job", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tidewatch_run_duration_seconds", Help: "How long a job's run took.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"job"}),
		staleness: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tidewatch_indicator_staleness_seconds", Help: "Each indicator's effective staleness at the last freshness run.",
		}, []string{"indicator"}),
		present: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_indicators_present", Help: "Expected indicators present and usable at the last integrity run.",
		}),
		scanAge: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_scan_age_seconds", Help: "Age of latest_eigen_scan at the last freshness run.",
		}),
		scanNumber: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_scan_number", Help: "Scan number of latest_eigen_scan at the last freshness run.",
		}),
		bridgeUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_bridge_up", Help: "1 while the supervised bridge is running, 0 otherwise.",
		}),
		bridgeRestarts: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_bridge_restarts", Help: "Restarts of the bridge since tidewatch started.",
		}),
		notifyFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_notification_failures_total", Help: "Failed attempts to notify, by receiver.",
		}, []string{"receiver"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_runs_skipped_total", Help: "Runs skipped because the job's previous run was still running, by job.",
		}, []string{"job"}),
		notRecorded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_runs_not_recorded_total",
			Help: "Runs lost for good, by job and why: queue_full (too many waited for the database), refused (the database refused the run), shutdown (tidewatch stopped first).",
		}, []string{"job", "reason"}),
	}
	wal := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tidewatch_db_wal_bytes", Help: "Size of the history database's write-ahead log.",
	}, func() float64 {
		size, err := store.WALSize()
		if err != nil {
			log.Warn("the WAL's size is unknown at this scrape", "err", err)
		}
		return float64(size)
	})
	m.reg.MustRegister(m.runs, m.duration, m.staleness, m.present, m.scanAge, m.scanNumber, m.bridgeUp,
		m.bridgeRestarts, m.notifyFailures, m.skipped, m.notRecorded, problems{store, log}, wal, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Observe updates the metrics with a recorded run.
func (m *Metrics) Observe(r *db.Run) {
	m.runs.WithLabelValues(r.Job, string(r.Status)).Inc()
	m.duration.WithLabelValues(r.Job).Observe(r.Finished.Sub(r.Started).Seconds())
	h := r.Health
	switch r.Job {
	case config.JobIntegrity:
		if h.IndicatorsPresent != nil {
			m.present.Set(float64(*h.IndicatorsPresent))
		}
	case config.JobFreshness:
		// The configured indicators only (the runner keeps no others), so
		// that a record cannot add series.
		for ind, s := range r.Staleness {
			m.staleness.WithLabelValues(ind).Set(s)
		}
		if h.ScanAgeS != nil {
			m.scanAge.Set(*h.ScanAgeS)
		}
		if h.ScanNumber != nil {
			m.scanNumber.Set(float64(*h.ScanNumber))
		}
	case config.JobBridge:
		if b := r.Bridge; b != nil {
			up := 0.0
			if b.State == supervise.Running {
				up = 1
			}
			m.bridgeUp.Set(up)
			m.bridgeRestarts.Set(float64(b.Restarts))
		}
	}
}

// NotificationFailed counts a failed attempt to notify a receiver.
func (m *Metrics) NotificationFailed(receiver string) {
	m.notifyFailures.WithLabelValues(receiver).Inc()
}

// RunSkipped counts a run skipped because the job still ran.
func (m *Metrics) RunSkipped(job string) { m.skipped.WithLabelValues(job).Inc() }

// RunNotRecorded counts a run lost for good, and why.
func (m *Metrics) RunNotRecorded(job, reason string) {
	m.notRecorded.WithLabelValues(job, reason).Inc()
}

// PendingRuns exposes how many runs wait to be recorded.
func (m *Metrics) PendingRuns(pending func() int) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tidewatch_runs_pending", Help: "Runs kept in memory, waiting for the database to be written.",
	}, func() float64 { return float64(pending()) }))
}

// Handler serves the exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// problems counts the open problems by severity at each scrape.
type problems struct {
	store *db.Store
	log   *slog.Logger
}

var openDesc = prometheus.NewDesc("tidewatch_open_problems", "Open problems, by severity.", []string{"severity"}, nil)

func (p problems) Describe(ch chan<- *prometheus.Desc) { ch <- openDesc }

func (p problems) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	open, err := p.store.OpenProblems(ctx)
	if err != nil {
		p.log.Warn("the open problems are unread at this scrape", "err", err)
		return
	}
	counts := map[checks.Severity]int{checks.Warning: 0, checks.Critical: 0}
	for _, o := range open {
		counts[o.Severity]++
	}
	for sev, n := range counts {
		ch <- prometheus.MustNewConstMetric(openDesc, prometheus.GaugeValue, float64(n), string(sev))
	}
}
