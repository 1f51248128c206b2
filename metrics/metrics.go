// Package metrics exposes tidewatch's state to Prometheus, by its
// conventions: counters end in _total, every series a label can take is
// there from the start (a rate over a series that appears with its first
// event misses that event), the bridge's series exist only with a bridge,
// and a series that stops being true (an indicator no longer judged, a
// receiver no longer configured) is deleted. A check is labelled `check`:
// `job` is the scrape's own label. OpenMetrics is served to scrapers that
// ask for it.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/buildinfo"
	"tidewatch/status"
	"tidewatch/supervise"
)

// Statuses are the statuses a run can have, which tidewatch_runs_total
// counts.
var Statuses = []checks.Status{checks.StatusHealthy, checks.StatusDegraded, checks.StatusCritical, checks.StatusError}

// NotRecordedReasons are why a run can be lost.
var NotRecordedReasons = []string{"queue_full", "refused", "shutdown"}

// Metrics are updated as runs are recorded, and read from the database
// (the gate, open problems) at each scrape.
type Metrics struct {
	reg *prometheus.Registry
	log *slog.Logger

	runs           *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	health         *prometheus.GaugeVec
	lastRun        *prometheus.GaugeVec
	interval       *prometheus.GaugeVec
	staleness      *prometheus.GaugeVec
	present        prometheus.Gauge
	exfAge         prometheus.Gauge
	scanAge        prometheus.Gauge
	scanNumber     prometheus.Gauge
	bridgeUp       prometheus.Gauge
	bridgeRestarts prometheus.Counter
	notifyFailures *prometheus.CounterVec
	notifySent     *prometheus.CounterVec
	skipped        *prometheus.CounterVec
	notRecorded    *prometheus.CounterVec
	reloadOK       prometheus.Gauge
	reloadAt       prometheus.Gauge

	// mu guards what follows: the config the series are shaped by, and
	// the bridge's restarts as last seen.
	mu           sync.Mutex
	cfg          *config.Config
	bridgeOn     bool
	lastRestarts int
	judged       map[string]bool // the indicators with a staleness series
	// gate, when set, is the running daemon's gate, which tidewatch_ready
	// follows as /readyz does; nil: history's verdict.
	gate func() bool
}

// FollowGate makes tidewatch_ready the gate's verdict, as /readyz gives it.
func (m *Metrics) FollowGate(ready func() bool) {
	m.mu.Lock()
	m.gate = ready
	m.mu.Unlock()
}

// New registers tidewatch's metrics for cfg, with the series of every
// check, status, receiver and reason there from the start; a check's last
// run and health come from history until it runs.
func New(store *db.Store, cfg *config.Config, build buildinfo.Info, log *slog.Logger) *Metrics {
	log = log.With("component", "metrics")
	m := &Metrics{
		reg: prometheus.NewRegistry(), log: log,
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_runs_total", Help: "Runs recorded, by check and status.",
		}, []string{"check", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tidewatch_run_duration_seconds", Help: "How long a check's run took.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"check"}),
		health: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tidewatch_health", Help: "Each check's latest status, as tidewatch check exits: 0 healthy, 1 degraded, 2 critical, 3 unknown (never run, or could not check).",
		}, []string{"check"}),
		lastRun: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tidewatch_last_run_timestamp_seconds", Help: "When each check's latest recorded run started, unix seconds.",
		}, []string{"check"}),
		interval: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tidewatch_check_interval_seconds", Help: "How often each check is scheduled to run.",
		}, []string{"check"}),
		staleness: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tidewatch_indicator_staleness_seconds", Help: "Each indicator's effective staleness at the last freshness run (the indicators it judged).",
		}, []string{"indicator"}),
		present: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_indicators_present", Help: "Expected indicators present and usable at the last integrity run.",
		}),
		exfAge: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_exf_age_seconds", Help: "Age of exf_latest at the last run that judged it: how long it has not changed, or its _pushed_at, whichever is older.",
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
		bridgeRestarts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tidewatch_bridge_restarts_total", Help: "Restarts of the supervised bridge.",
		}),
		notifyFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_notification_failures_total", Help: "Failed attempts to notify, by receiver.",
		}, []string{"receiver"}),
		notifySent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_notifications_sent_total", Help: "Messages a receiver took, by receiver.",
		}, []string{"receiver"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_runs_skipped_total", Help: "Runs skipped because the previous run of the same check (or prune) still ran.",
		}, []string{"check"}),
		notRecorded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tidewatch_runs_not_recorded_total",
			Help: "Runs lost for good, by check and why: queue_full (too many waited for the database), refused (the database refused the run), shutdown (tidewatch stopped first).",
		}, []string{"check", "reason"}),
		reloadOK: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_config_last_reload_successful", Help: "1 if the last reload of the config (or the start) took it, 0 if it was refused.",
		}),
		reloadAt: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tidewatch_config_last_reload_success_timestamp_seconds", Help: "When the config was last taken, at the start or a reload, unix seconds.",
		}),
	}
	buildInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "tidewatch_build_info", Help: "1, labelled with the version, revision and Go version of this tidewatch.",
		ConstLabels: prometheus.Labels{"version": build.Version, "revision": build.Revision, "goversion": build.GoVersion},
	})
	buildInfo.Set(1)
	wal := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tidewatch_db_wal_bytes", Help: "Size of the history database's write-ahead log.",
	}, func() float64 {
		size, err := store.WALSize()
		if err != nil {
			log.Warn("the WAL's size", "err", err)
		}
		return float64(size)
	})
	m.reg.MustRegister(m.runs, m.duration, m.health, m.lastRun, m.interval, m.staleness, m.present, m.exfAge, m.scanAge,
		m.scanNumber, m.notifyFailures, m.notifySent, m.skipped, m.notRecorded, m.reloadOK, m.reloadAt, buildInfo,
		&fromHistory{store: store, m: m}, wal, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.Reconfigure(cfg)
	m.ConfigReloaded(true, time.Now())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, j := range cfg.Jobs() {
		run, err := store.LatestRun(ctx, j.Name)
		if err != nil {
			log.Warn("a check's last run is not known until it runs", "check", j.Name, "err", err)
			continue
		}
		if run != nil {
			m.lastRun.WithLabelValues(j.Name).Set(float64(run.Started.UnixNano()) / 1e9)
			m.health.WithLabelValues(j.Name).Set(healthCode(run.Status))
		}
	}
	return m
}

// Reconfigure shapes the series by cfg: every check's, status's,
// receiver's and reason's are there; a check or receiver no longer
// configured loses its series; the bridge's exist only while it is
// enabled.
func (m *Metrics) Reconfigure(cfg *config.Config) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var checksNow, receivers []string
	for _, j := range cfg.Jobs() {
		checksNow = append(checksNow, j.Name)
	}
	for _, r := range cfg.Alerts.Receivers {
		receivers = append(receivers, r.Name)
	}
	if m.cfg != nil {
		for _, j := range m.cfg.Jobs() {
			if !slices.Contains(checksNow, j.Name) {
				for _, vec := range []interface{ DeletePartialMatch(prometheus.Labels) int }{m.runs, m.duration, m.health, m.lastRun, m.interval, m.skipped, m.notRecorded} {
					vec.DeletePartialMatch(prometheus.Labels{"check": j.Name})
				}
			}
		}
		for _, r := range m.cfg.Alerts.Receivers {
			if !slices.Contains(receivers, r.Name) {
				m.notifyFailures.DeleteLabelValues(r.Name)
				m.notifySent.DeleteLabelValues(r.Name)
			}
		}
	}
	now := time.Now()
	for _, c := range cfg.Jobs() {
		for _, s := range Statuses {
			m.runs.WithLabelValues(c.Name, string(s))
		}
		m.duration.WithLabelValues(c.Name)
		m.skipped.WithLabelValues(c.Name)
		for _, r := range NotRecordedReasons {
			m.notRecorded.WithLabelValues(c.Name, r)
		}
		m.interval.WithLabelValues(c.Name).Set(c.Schedule.Interval(now).Seconds())
		if m.cfg == nil || !slices.ContainsFunc(m.cfg.Jobs(), func(j config.Job) bool { return j.Name == c.Name }) {
			m.health.WithLabelValues(c.Name).Set(healthCode(checks.StatusUnknown))
		}
	}
	m.skipped.WithLabelValues("prune")
	for _, r := range receivers {
		m.notifyFailures.WithLabelValues(r)
		m.notifySent.WithLabelValues(r)
	}
	switch {
	case cfg.Bridge.Enabled && !m.bridgeOn:
		m.reg.MustRegister(m.bridgeUp, m.bridgeRestarts)
		m.bridgeOn = true
	case !cfg.Bridge.Enabled && m.bridgeOn:
		m.reg.Unregister(m.bridgeUp)
		m.reg.Unregister(m.bridgeRestarts)
		m.bridgeOn = false
	}
	m.cfg = cfg
}

// healthCode is a status as tidewatch check exits with it.
func healthCode(s checks.Status) float64 {
	if s == checks.StatusError {
		return 3 // it could not check: unknown
	}
	return float64(s.ExitCode())
}

// Observe updates the metrics with a recorded run.
func (m *Metrics) Observe(r *db.Run) {
	m.runs.WithLabelValues(r.Job, string(r.Status)).Inc()
	m.duration.WithLabelValues(r.Job).Observe(r.Finished.Sub(r.Started).Seconds())
	m.health.WithLabelValues(r.Job).Set(healthCode(r.Status))
	m.lastRun.WithLabelValues(r.Job).Set(float64(r.Started.UnixNano()) / 1e9)
	h := r.Health
	if h.RecordAgeS != nil {
		m.exfAge.Set(*h.RecordAgeS)
	}
	switch r.Job {
	case config.JobIntegrity:
		if h.IndicatorsPresent != nil {
			m.present.Set(float64(*h.IndicatorsPresent))
		}
	case config.JobFreshness:
		m.observeStaleness(r.Staleness)
		if h.ScanAgeS != nil {
			m.scanAge.Set(*h.ScanAgeS)
		}
		if h.ScanNumber != nil {
			m.scanNumber.Set(float64(*h.ScanNumber))
		}
	case config.JobBridge:
		if b := r.Bridge; b != nil {
			m.observeBridge(b)
		}
	}
}

// observeStaleness sets the staleness of the indicators a freshness run
// judged (the configured ones, outside their quiet hours); one it did not
// judge has no staleness now, and loses its series.
func (m *Metrics) observeStaleness(staleness map[string]float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for ind := range m.judged {
		if _, ok := staleness[ind]; !ok {
			m.staleness.DeleteLabelValues(ind)
		}
	}
	m.judged = map[string]bool{}
	for ind, s := range staleness {
		m.staleness.WithLabelValues(ind).Set(s)
		m.judged[ind] = true
	}
}

func (m *Metrics) observeBridge(b *checks.BridgeSample) {
	m.mu.Lock()
	defer m.mu.Unlock()
	up := 0.0
	if b.State == supervise.Running {
		up = 1
	}
	m.bridgeUp.Set(up)
	// The sample counts the restarts of its supervisor; a new supervisor
	// (after a reload) counts from zero again.
	switch {
	case b.Restarts > m.lastRestarts:
		m.bridgeRestarts.Add(float64(b.Restarts - m.lastRestarts))
	case b.Restarts < m.lastRestarts:
		m.bridgeRestarts.Add(float64(b.Restarts))
	}
	m.lastRestarts = b.Restarts
}

// NotificationFailed counts a failed attempt to notify a receiver.
func (m *Metrics) NotificationFailed(receiver string) {
	m.notifyFailures.WithLabelValues(receiver).Inc()
}

// NotificationSent counts a message a receiver took.
func (m *Metrics) NotificationSent(receiver string) { m.notifySent.WithLabelValues(receiver).Inc() }

// RunSkipped counts a run skipped because the check still ran.
func (m *Metrics) RunSkipped(check string) { m.skipped.WithLabelValues(check).Inc() }

// RunNotRecorded counts a run lost for good, and why.
func (m *Metrics) RunNotRecorded(check, reason string) {
	m.notRecorded.WithLabelValues(check, reason).Inc()
}

// ConfigReloaded says whether the config was taken (at the start, or a
// reload) or refused.
func (m *Metrics) ConfigReloaded(ok bool, at time.Time) {
	if !ok {
		m.reloadOK.Set(0)
		return
	}
	m.reloadOK.Set(1)
	m.reloadAt.Set(float64(at.UnixNano()) / 1e9)
}

// PendingRuns exposes how many runs wait to be recorded.
func (m *Metrics) PendingRuns(pending func() int) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tidewatch_runs_pending", Help: "Runs kept in memory, waiting for the database to be written.",
	}, func() float64 { return float64(pending()) }))
}

// Cluster exposes this instance's part in a cluster, as /status shows it.
func (m *Metrics) Cluster(live func() *status.Cluster) {
	gauge := func(name, help string, value func(c *status.Cluster) float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return value(live()) })
	}
	m.reg.MustRegister(
		gauge("tidewatch_leader", "1 while this instance leads the cluster (runs the bridge, pages, publishes), 0 otherwise.",
			func(c *status.Cluster) float64 {
				if c.Role == "leader" {
					return 1
				}
				return 0
			}),
		gauge("tidewatch_leader_epoch", "The epoch (fencing token) of the leader as this instance last saw it; 0 when it saw none.",
			func(c *status.Cluster) float64 { return float64(c.Epoch) }),
		gauge("tidewatch_lease_age_seconds", "How long ago the leader's lease was last renewed, as this instance last saw it; -1 when unknown.",
			func(c *status.Cluster) float64 {
				if c.LeaseAgeS == nil {
					return -1
				}
				return *c.LeaseAgeS
			}))
}

// Handler serves the exposition format, OpenMetrics to a scraper that
// asks for it.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{EnableOpenMetrics: true})
}

// fromHistory reads, at each scrape, what history says now: the gate and
// the open problems by severity.
type fromHistory struct {
	store *db.Store
	m     *Metrics
}

var (
	openDesc  = prometheus.NewDesc("tidewatch_open_problems", "Open problems, by severity.", []string{"severity"}, nil)
	readyDesc = prometheus.NewDesc("tidewatch_ready", "1 while the data is fit to trade on (/readyz answers 200), 0 otherwise.", nil, nil)
)

func (h *fromHistory) Describe(ch chan<- *prometheus.Desc) { ch <- openDesc; ch <- readyDesc }

func (h *fromHistory) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	h.m.mu.Lock()
	cfg, gate := h.m.cfg, h.m.gate
	h.m.mu.Unlock()
	ready := 0.0
	if gate != nil {
		if gate() {
			ready = 1
		}
	} else if rd, err := status.Ready(ctx, h.store, cfg, time.Now()); err != nil {
		h.m.log.Warn("the gate cannot be read: exposed as not ready", "err", err)
	} else if rd.Ready {
		ready = 1
	}
	ch <- prometheus.MustNewConstMetric(readyDesc, prometheus.GaugeValue, ready)
	open, err := h.store.OpenProblems(ctx)
	if err != nil {
		h.m.log.Warn("open problems", "err", err)
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
