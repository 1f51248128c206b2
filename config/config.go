// Package config loads and validates tidewatch's config.toml.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

type Config struct {
	Hazelcast  Hazelcast  `toml:"hazelcast"`
	Database   Database   `toml:"database"`
	Log        Log        `toml:"log"`
	Indicators Indicators `toml:"indicators"`
	Health     Health     `toml:"health"`
	Integrity  Integrity  `toml:"integrity"`
	Divergence Divergence `toml:"divergence"`
	Freshness  Freshness  `toml:"freshness"`
	Bridge     Bridge     `toml:"bridge"`
	Alerts     Alerts     `toml:"alerts"`
	HTTP       HTTP       `toml:"http"`
	Events     Events     `toml:"events"`
	Gate       Gate       `toml:"gate"`
	Cluster    Cluster    `toml:"cluster"`
}

// Alerts turns findings into problems that open, repeat and resolve, and
// notifies receivers of them.
type Alerts struct {
	// A problem opens after this many consecutive runs report it.
	OpenAfterCritical int `toml:"open_after_critical"`
	OpenAfterWarning  int `toml:"open_after_warning"`
	// ResolveAfter consecutive runs without it resolve it.
	ResolveAfter int `toml:"resolve_after"`
	// RepeatEvery re-notifies an open problem.
	RepeatEvery Duration `toml:"repeat_every"`
	// Instance names this tidewatch in every notification; empty is the
	// host's name.
	Instance string `toml:"instance"`
	// Labels go on every notification (environment, team, region), so
	// that receivers can route on them.
	Labels map[string]string `toml:"labels"`
	// ExternalURL is where people reach this tidewatch's status page;
	// every message links to it.
	ExternalURL string        `toml:"external_url"`
	Maintenance []Maintenance `toml:"maintenance"`
	Receivers   []Receiver    `toml:"receivers"`
}

// Maintenance is a recurring window in which problems are recorded but not
// notified: it starts when Schedule fires and lasts Duration. Match limits
// it to problems whose fingerprint ("job/category/indicator") matches the
// pattern, in which "*" stands for anything ("freshness/*",
// "*/stale/vix"); empty matches all.
type Maintenance struct {
	Schedule Schedule `toml:"schedule"`
	Duration Duration `toml:"duration"`
	Match    string   `toml:"match"`
}

// Receiver is one place notifications go. Secrets come from environment
// variables named here, never from the file.
type Receiver struct {
	Name string `toml:"name"`
	// Type is one of ReceiverTypes.
	Type string `toml:"type"`
	// URLEnv names the variable holding the URL (webhook, alertmanager,
	// Slack, Discord, Teams); for PagerDuty, URL overrides the Events API
	// v2 endpoint.
	URLEnv string `toml:"url_env"`
	URL    string `toml:"url"`
	// SecretEnv names the variable holding a webhook's HMAC-SHA256 key.
	SecretEnv string `toml:"secret_env"`
	// RoutingKeyEnv names the variable holding PagerDuty's routing key.
	RoutingKeyEnv string   `toml:"routing_key_env"`
	MinSeverity   string   `toml:"min_severity"`
	Timeout       Duration `toml:"timeout"`
	Retries       int      `toml:"retries"`

	// Email: the SMTP server as host:port, the sender and the recipients.
	Smarthost string   `toml:"smarthost"`
	From      string   `toml:"from"`
	To        []string `toml:"to"`
	// UsernameEnv and PasswordEnv name the variables holding the SMTP
	// credentials; without them no authentication is tried.
	UsernameEnv string `toml:"username_env"`
	PasswordEnv string `toml:"password_env"`
	// TLS is how the SMTP connection is secured: "starttls" (required,
	// the default), "tls" (implicit, port 465) or "none" (a relay on
	// loopback only).
	TLS string `toml:"tls"`
	// CAFile is a PEM bundle of the CAs that sign the SMTP server's
	// certificate; empty uses the system's.
	CAFile string `toml:"ca_file"`
}

// ReceiverTypes are the kinds of receiver notifications can go to.
var ReceiverTypes = []string{"webhook", "alertmanager", "slack", "discord", "teams", "pagerduty", "email"}

// Email TLS modes.
const (
	SMTPStartTLS = "starttls"
	SMTPTLS      = "tls"
	SMTPNoTLS    = "none"
)

// ReservedLabels are the labels tidewatch sets on every notification;
// alerts.labels may not name them.
var ReservedLabels = []string{"alertname", "check", "category", "indicator", "severity", "instance"}

// HTTP serves the status page, badges, the live report, /healthz, /readyz,
// /status, /metrics and POST /-/reload.
type HTTP struct {
	Enabled bool   `toml:"enabled"`
	Listen  string `toml:"listen"`
	// TokenEnv names the variable holding the bearer token required when
	// listening beyond loopback.
	TokenEnv string `toml:"token_env"`
	// What /readyz (and tidewatch wait) require.
	ReadyNoCriticalProblems bool `toml:"ready_no_critical_problems"`
	ReadyACBCritical        bool `toml:"ready_acb_critical"`
	ReadyScanFresh          bool `toml:"ready_scan_fresh"`
	// ReadyMaxStaleCritical and ReadyMaxStale are the most stale
	// ACB-critical indicators, and stale indicators of any kind, the gate
	// lets through.
	ReadyMaxStaleCritical int `toml:"ready_max_stale_critical"`
	ReadyMaxStale         int `toml:"ready_max_stale"`
}

type Hazelcast struct {
	Addresses   []string `toml:"addresses"`
	ClusterName string   `toml:"cluster_name"`
	Map         string   `toml:"map"`
	ExFKey      string   `toml:"exf_key"`
	ScanKey     string   `toml:"scan_key"`
	// ConnectTimeout bounds how long one-shot commands (check) wait for the
	// first connection; the daemon never waits and reconnects forever.
	ConnectTimeout Duration `toml:"connect_timeout"`
	// CallTimeout is the deadline of every single call to the cluster.
	CallTimeout Duration `toml:"call_timeout"`
	// HeartbeatTimeout is how soon a hung member is declared gone.
	HeartbeatTimeout Duration `toml:"heartbeat_timeout"`
	// Unisocket connects only to the listed addresses, for members behind
	// a proxy or NAT, instead of to every member the cluster names.
	Unisocket bool `toml:"unisocket"`
	// UsernameEnv and PasswordEnv name the variables holding credentials,
	// for clusters that check them (Enterprise members).
	UsernameEnv string `toml:"username_env"`
	PasswordEnv string `toml:"password_env"`
	TLS         TLS    `toml:"tls"`
}

// TLS secures the connections to the members.
type TLS struct {
	Enabled bool `toml:"enabled"`
	// CAFile is a PEM bundle of the CAs that sign the members' certificates;
	// empty uses the system's.
	CAFile string `toml:"ca_file"`
	// CertFile and KeyFile are the client's certificate and key, for
	// members that require mutual TLS.
	CertFile string `toml:"cert_file"`
	KeyFile  string `toml:"key_file"`
	// ServerName is the name the members' certificates must carry; empty
	// means the host of the address connected to.
	ServerName string `toml:"server_name"`
}

type Database struct {
	Path string `toml:"path"`
	// Retention is how long raw runs, findings and health rows are kept;
	// RollupRetention how long the hourly rollups and health changes that
	// reports over long ranges read.
	Retention       Duration `toml:"retention"`
	RollupRetention Duration `toml:"rollup_retention"`
	PruneSchedule   Schedule `toml:"prune_schedule"`
	// MaxPendingRuns is how many runs are kept in memory while the
	// database cannot be written (locked by another writer, full,
	// read-only); beyond it the oldest is dropped, logged and counted.
	MaxPendingRuns int `toml:"max_pending_runs"`
}

type Log struct {
	Format string `toml:"format"`
	Level  string `toml:"level"`
}

type Indicators struct {
	Expected []string `toml:"expected"`
	Critical []string `toml:"critical"`
	// Ranges gives an optional valid [min, max] per indicator.
	Ranges map[string][]float64 `toml:"ranges"`
}

// Health holds the counts of the seed's overall rule: more stale or missing
// indicators than these make a run degraded.
type Health struct {
	DegradedStaleCount   int `toml:"degraded_stale_count"`
	DegradedMissingCount int `toml:"degraded_missing_count"`
}

type Integrity struct {
	Schedule Schedule `toml:"schedule"`
}

type Divergence struct {
	Schedule        Schedule `toml:"schedule"`
	SnapshotDir     string   `toml:"snapshot_dir"`
	SnapshotPattern string   `toml:"snapshot_pattern"`
	// MaxKeyDifference is the largest tolerated symmetric difference between
	// the key sets of exf_latest and the newest snapshot.
	MaxKeyDifference int      `toml:"max_key_difference"`
	MaxDiskLag       Duration `toml:"max_disk_lag"`
	// SnapshotTimeKey is the snapshot entry holding its write time; the
	// file's mtime stands in when the entry is absent.
	SnapshotTimeKey string `toml:"snapshot_time_key"`
	// ValueTolerance is the relative difference allowed between a value in
	// Hazelcast and on disk when both carry the same timestamp.
	ValueTolerance float64 `toml:"value_tolerance"`
	// IncompleteFor is how long the newest snapshot may stay unreadable
	// (numpy writes in place: a snapshot caught mid-write is unreadable for
	// a moment) before it is reported; until then the newest readable one
	// is compared.
	IncompleteFor Duration `toml:"incomplete_for"`
}

type Freshness struct {
	Schedule   Schedule `toml:"schedule"`
	StaleAfter Duration `toml:"stale_after"`
	StuckAfter Duration `toml:"stuck_after"`
	// FrozenAfter is how long every indicator may hold its value at once
	// (a producer repeating itself under fresh stamps); 0 turns it off.
	FrozenAfter         Duration `toml:"frozen_after"`
	RecordWarnAfter     Duration `toml:"record_warn_after"`
	RecordCriticalAfter Duration `toml:"record_critical_after"`
	ScanWarnAfter       Duration `toml:"scan_warn_after"`
	ScanCriticalAfter   Duration `toml:"scan_critical_after"`
	ClockSkewTolerance  Duration `toml:"clock_skew_tolerance"`
	// ScanStuckAfter is how long the scan number may stay the same.
	ScanStuckAfter Duration `toml:"scan_stuck_after"`
	// MinAssets is the fewest assets a scan may hold; MaxAssetDrop the
	// largest share by which the count may fall from one scan to the next.
	MinAssets    int                           `toml:"min_assets"`
	MaxAssetDrop float64                       `toml:"max_asset_drop"`
	Indicator    map[string]IndicatorFreshness `toml:"indicator"`
	QuietHours   []QuietHours                  `toml:"quiet_hours"`
}

// IndicatorFreshness overrides the freshness limits for one indicator.
type IndicatorFreshness struct {
	StaleAfter *Duration `toml:"stale_after"`
	StuckAfter *Duration `toml:"stuck_after"`
}

// Bridge configures the scan bridge (`tidewatch bridge`) and the
// supervisor that runs it inside `tidewatch run`.
type Bridge struct {
	// Enabled runs and supervises the bridge; latest_eigen_scan missing is
	// then critical.
	Enabled bool `toml:"enabled"`
	// Command runs the bridge, with no shell in between; empty means this
	// tidewatch executable with "bridge".
	Command []string `toml:"command"`
	// ReadyPattern is a regular expression matched against the bridge's
	// output: the first matching line means it is up.
	ReadyPattern string `toml:"ready_pattern"`
	// ConfigErrorExitCode is the exit code by which the bridge says its
	// configuration is bad: it is not restarted.
	ConfigErrorExitCode int `toml:"config_error_exit_code"`

	WatchDir        string   `toml:"watch_dir"`
	Pattern         string   `toml:"pattern"`
	StateDir        string   `toml:"state_dir"`
	ScanNumberField string   `toml:"scan_number_field"`
	TimestampField  string   `toml:"timestamp_field"`
	MaxFileSize     int64    `toml:"max_file_size"`
	RescanEvery     Duration `toml:"rescan_every"`
	IncompleteFor   Duration `toml:"incomplete_for"`
	ProgressEvery   int      `toml:"progress_every"`
	// MaxRecordSize caps the record the bridge puts: a larger one is
	// refused, never pushed (the checks refuse values over 16 MiB).
	MaxRecordSize int64 `toml:"max_record_size"`
	// DecideWithin is how long the bridge may take to read a whole scan
	// file before the supervisor counts the file as waiting for it.
	DecideWithin Duration `toml:"decide_within"`

	HealthSchedule  Schedule `toml:"health_schedule"`
	StartupGrace    Duration `toml:"startup_grace"`
	StaleReadings   int      `toml:"stale_readings"`
	RestartDelay    Duration `toml:"restart_delay"`
	MaxRestartDelay Duration `toml:"max_restart_delay"`
	MaxAttempts     int      `toml:"max_attempts"`
	StableAfter     Duration `toml:"stable_after"`
	Cooldown        Duration `toml:"cooldown"`
	StopGrace       Duration `toml:"stop_grace"`
	KeepLines       int      `toml:"keep_lines"`
}

// ExpectedIndicators and CriticalIndicators are the seed monitor's lists.
var (
	ExpectedIndicators = []string{
		// Binance
		"funding_btc", "funding_eth", "oi_btc", "oi_eth", "ls_btc", "ls_eth", "ls_top",
		"taker", "basis", "imbal_btc", "imbal_eth", "spread",
		// Deribit
		"dvol_btc", "dvol_eth", "fund_dbt_btc", "fund_dbt_eth",
		// Macro
		"vix", "dxy", "us10y", "sp500", "fedfunds",
		// Sentiment, on-chain, DeFi
		"fng", "hashrate", "tvl",
		// Liquidations
		"liq_vol_24h", "liq_long_ratio", "liq_z_score", "liq_percentile",
	}
	CriticalIndicators = []string{
		"funding_btc", "funding_eth", "dvol_btc", "dvol_eth", "fng", "vix", "ls_btc", "taker", "oi_btc",
	}
)

// Default is the seed monitor's behaviour with a local Hazelcast member.
func Default() Config {
	must := func(spec string) Schedule {
		s, err := ParseSchedule(spec)
		if err != nil {
			panic(err)
		}
		return s
	}
	d := func(v time.Duration) Duration { return Duration{v} }
	events, gate := defaultEvents()
	return Config{
		Events: events,
		Gate:   gate,
		Hazelcast: Hazelcast{
			Addresses:        []string{"127.0.0.1:5701"},
			ClusterName:      "dev",
			Map:              "DOLPHIN_FEATURES",
			ExFKey:           "exf_latest",
			ScanKey:          "latest_eigen_scan",
			ConnectTimeout:   d(10 * time.Second),
			CallTimeout:      d(2 * time.Second),
			HeartbeatTimeout: d(15 * time.Second),
		},
		Database: Database{
			Path:            "tidewatch.db",
			Retention:       d(30 * 24 * time.Hour),
			RollupRetention: d(400 * 24 * time.Hour),
			PruneSchedule:   must("@every 1h"),
			MaxPendingRuns:  1000,
		},
		Log:        Log{Format: "text", Level: "info"},
		Indicators: Indicators{Expected: slices.Clone(ExpectedIndicators), Critical: slices.Clone(CriticalIndicators)},
		Health:     Health{DegradedStaleCount: 3, DegradedMissingCount: 10},
		Integrity:  Integrity{Schedule: must("@every 60s")},
		Divergence: Divergence{
			Schedule:         must("@every 60s"),
			SnapshotDir:      "data/exf",
			SnapshotPattern:  "*.npz",
			MaxKeyDifference: 3,
			MaxDiskLag:       d(5 * time.Minute),
			SnapshotTimeKey:  "_pushed_at",
			ValueTolerance:   1e-9,
			IncompleteFor:    d(10 * time.Second),
		},
		Bridge: Bridge{
			ReadyPattern:        `bridge ready|[Pp]ushed`,
			ConfigErrorExitCode: 78, // EX_CONFIG
			WatchDir:            "data/scans",
			Pattern:             "*.arrow",
			StateDir:            "bridge-state",
			ScanNumberField:     "scan_number",
			TimestampField:      "timestamp",
			MaxFileSize:         64 << 20,
			RescanEvery:         d(10 * time.Second),
			IncompleteFor:       d(10 * time.Second),
			ProgressEvery:       200,
			MaxRecordSize:       8 << 20,
			DecideWithin:        d(10 * time.Second),
			HealthSchedule:      must("@every 30s"),
			StartupGrace:        d(60 * time.Second),
			StaleReadings:       2,
			RestartDelay:        d(5 * time.Second),
			MaxRestartDelay:     d(60 * time.Second),
			MaxAttempts:         3,
			StableAfter:         d(5 * time.Minute),
			Cooldown:            d(5 * time.Minute),
			StopGrace:           d(10 * time.Second),
			KeepLines:           200,
		},
		Alerts: Alerts{
			OpenAfterCritical: 1,
			OpenAfterWarning:  2,
			ResolveAfter:      2,
			RepeatEvery:       d(time.Hour),
		},
		Cluster: defaultCluster(),
		HTTP: HTTP{
			Enabled:                 true,
			Listen:                  "127.0.0.1:9477",
			ReadyNoCriticalProblems: true,
			ReadyACBCritical:        true,
			ReadyScanFresh:          true,
			ReadyMaxStaleCritical:   0,
			ReadyMaxStale:           3,
		},
		Freshness: Freshness{
			Schedule:            must("@every 30s"),
			StaleAfter:          d(120 * time.Second),
			RecordWarnAfter:     d(120 * time.Second),
			RecordCriticalAfter: d(300 * time.Second),
			ScanWarnAfter:       d(30 * time.Second),
			ScanCriticalAfter:   d(60 * time.Second),
			ClockSkewTolerance:  d(5 * time.Second),
			ScanStuckAfter:      d(60 * time.Second),
			FrozenAfter:         d(30 * time.Minute),
			MinAssets:           1,
			MaxAssetDrop:        0.5,
		},
	}
}

// Load reads a config file over the defaults and validates it. Every problem
// is reported, each naming the file, line and key.
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg, err := Parse(path, src)
	if err != nil {
		return nil, err
	}
	// Relative paths in a config file are relative to the file, so that
	// tidewatch reads the same data from whichever directory it is started.
	dir := filepath.Dir(path)
	paths := []*string{&cfg.Database.Path, &cfg.Divergence.SnapshotDir, &cfg.Bridge.WatchDir, &cfg.Bridge.StateDir,
		&cfg.Hazelcast.TLS.CAFile, &cfg.Hazelcast.TLS.CertFile, &cfg.Hazelcast.TLS.KeyFile}
	for i := range cfg.Alerts.Receivers {
		paths = append(paths, &cfg.Alerts.Receivers[i].CAFile)
	}
	for _, p := range paths {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return cfg, nil
}

// Parse decodes and validates config text; name is used in messages.
func Parse(name string, src []byte) (*Config, error) {
	cfg := Default()
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&cfg)
	if err != nil {
		return nil, decodeError(name, err)
	}
	v := validator{name: name, src: src}
	for _, k := range md.Undecoded() {
		v.add(k.String(), "unknown key")
	}
	cfg.validate(&v)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return &cfg, nil
}

func decodeError(name string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		if pe.LastKey != "" {
			return fmt.Errorf("%s:%d: %s: %s", name, pe.Position.Line, pe.LastKey, pe.Message)
		}
		return fmt.Errorf("%s:%d: %s", name, pe.Position.Line, pe.Message)
	}
	// Type mismatches carry their line only in the text.
	if m := typeError.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s:%s: %s: %s", name, m[1], m[2], m[3])
	}
	return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "toml: "))
}

var typeError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

type validator struct {
	name string
	src  []byte
	errs []error
}

func (v *validator) add(key string, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if line := keyLine(v.src, key); line > 0 {
		v.errs = append(v.errs, fmt.Errorf("%s:%d: %s: %s", v.name, line, key, msg))
		return
	}
	v.errs = append(v.errs, fmt.Errorf("%s: %s: %s", v.name, key, msg))
}

// addNear is add for a key that may not be written where it is checked:
// one left out (a receiver's "to"), or inside an inline table (labels =
// { … }). Its message points at the nearest enclosing key the file has.
func (v *validator) addNear(key string, format string, args ...any) {
	for at := key; at != ""; {
		if line := keyLine(v.src, at); line > 0 {
			v.errs = append(v.errs, fmt.Errorf("%s:%d: %s: %s", v.name, line, key, fmt.Sprintf(format, args...)))
			return
		}
		i := strings.LastIndexAny(at, ".[")
		if i < 0 {
			break
		}
		at = at[:i]
	}
	v.add(key, format, args...)
}

func (v *validator) positive(key string, d Duration) {
	if d.Duration <= 0 {
		v.add(key, "must be greater than zero")
	}
}

func (v *validator) below(warnKey string, warn Duration, critKey string, crit Duration) {
	if warn.Duration >= crit.Duration {
		v.add(warnKey, "%s must be below %s (%s)", warn, critKey, crit)
	}
}

func (v *validator) nonEmpty(key, s string) {
	if strings.TrimSpace(s) == "" {
		v.add(key, "must not be empty")
	}
}

func (c *Config) validate(v *validator) {
	h := c.Hazelcast
	if len(h.Addresses) == 0 {
		v.add("hazelcast.addresses", "must list at least one member address")
	}
	for _, a := range h.Addresses {
		if _, port, err := net.SplitHostPort(a); err != nil {
			v.add("hazelcast.addresses", "%q is not host:port", a)
		} else if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			v.add("hazelcast.addresses", "%q has no valid port", a)
		}
	}
	v.nonEmpty("hazelcast.cluster_name", h.ClusterName)
	v.nonEmpty("hazelcast.map", h.Map)
	v.nonEmpty("hazelcast.exf_key", h.ExFKey)
	v.nonEmpty("hazelcast.scan_key", h.ScanKey)
	v.positive("hazelcast.connect_timeout", h.ConnectTimeout)
	v.positive("hazelcast.call_timeout", h.CallTimeout)
	if h.HeartbeatTimeout.Duration < time.Second {
		v.add("hazelcast.heartbeat_timeout", "must be at least 1s")
	}
	if (h.UsernameEnv == "") != (h.PasswordEnv == "") {
		v.add("hazelcast.password_env", "username_env and password_env go together")
	}
	if (h.TLS.CertFile == "") != (h.TLS.KeyFile == "") {
		v.add("hazelcast.tls.key_file", "cert_file and key_file go together")
	}

	v.nonEmpty("database.path", c.Database.Path)
	if c.Database.Retention.Duration < time.Hour {
		v.add("database.retention", "must be at least 1h")
	}
	if c.Database.RollupRetention.Duration < c.Database.Retention.Duration {
		v.add("database.rollup_retention", "must not be below database.retention (%s)", c.Database.Retention)
	}
	if n := c.Database.MaxPendingRuns; n < 10 || n > 100000 {
		v.add("database.max_pending_runs", "%d: must be 10 to 100000", n)
	}
	if !slices.Contains([]string{"text", "json"}, c.Log.Format) {
		v.add("log.format", "%q: use \"text\" or \"json\"", c.Log.Format)
	}
	if _, err := ParseLevel(c.Log.Level); err != nil {
		v.add("log.level", "%v", err)
	}

	c.validateIndicators(v)

	if c.Health.DegradedStaleCount < 0 {
		v.add("health.degraded_stale_count", "must not be negative")
	}
	if c.Health.DegradedMissingCount < 0 {
		v.add("health.degraded_missing_count", "must not be negative")
	}

	d := c.Divergence
	v.nonEmpty("divergence.snapshot_dir", d.SnapshotDir)
	if _, err := filepath.Match(d.SnapshotPattern, ""); err != nil || d.SnapshotPattern == "" {
		v.add("divergence.snapshot_pattern", "%q is not a file pattern", d.SnapshotPattern)
	}
	if d.MaxKeyDifference < 0 {
		v.add("divergence.max_key_difference", "must not be negative")
	}
	v.positive("divergence.max_disk_lag", d.MaxDiskLag)
	v.nonEmpty("divergence.snapshot_time_key", d.SnapshotTimeKey)
	if d.ValueTolerance < 0 || math.IsNaN(d.ValueTolerance) || math.IsInf(d.ValueTolerance, 0) {
		v.add("divergence.value_tolerance", "must be a finite number ≥ 0")
	}
	v.positive("divergence.incomplete_for", d.IncompleteFor)

	c.validateBridge(v)
	c.validateAlerts(v)
	c.validateHTTP(v)
	c.validateEvents(v)
	c.validateCluster(v)

	f := &c.Freshness
	v.positive("freshness.stale_after", f.StaleAfter)
	v.positive("freshness.record_warn_after", f.RecordWarnAfter)
	v.positive("freshness.scan_warn_after", f.ScanWarnAfter)
	v.below("freshness.record_warn_after", f.RecordWarnAfter, "freshness.record_critical_after", f.RecordCriticalAfter)
	v.below("freshness.scan_warn_after", f.ScanWarnAfter, "freshness.scan_critical_after", f.ScanCriticalAfter)
	v.positive("freshness.scan_stuck_after", f.ScanStuckAfter)
	if f.MinAssets < 0 {
		v.add("freshness.min_assets", "must not be negative")
	}
	if !(f.MaxAssetDrop > 0 && f.MaxAssetDrop <= 1) {
		v.add("freshness.max_asset_drop", "must be a share above 0 and at most 1 (1 turns the check off)")
	}
	for name, o := range f.Indicator {
		key := "freshness.indicator." + name
		if !slices.Contains(c.Indicators.Expected, name) {
			v.add(key, "%q is not an expected indicator", name)
		}
		if o.StaleAfter != nil && o.StaleAfter.Duration <= 0 {
			v.add(key+".stale_after", "must be greater than zero")
		}
	}
	for i := range f.QuietHours {
		q := &f.QuietHours[i]
		key := fmt.Sprintf("freshness.quiet_hours[%d]", i)
		if field, err := q.prepare(); err != nil {
			v.add(key+"."+field, "%v", err)
		}
		for _, name := range q.Indicators {
			if !slices.Contains(c.Indicators.Expected, name) {
				v.add(key+".indicators", "%q is not an expected indicator", name)
			}
		}
	}
}

// maxRecordSize is record.MaxSize, the largest value the checks decode.
const maxRecordSize = 16 << 20

func (c *Config) validateBridge(v *validator) {
	b := c.Bridge
	if _, err := regexp.Compile(b.ReadyPattern); err != nil || b.ReadyPattern == "" {
		v.add("bridge.ready_pattern", "%q is not a regular expression", b.ReadyPattern)
	}
	if b.ConfigErrorExitCode < 1 || b.ConfigErrorExitCode > 255 {
		v.add("bridge.config_error_exit_code", "must be an exit code, 1 to 255")
	}
	if len(b.Command) > 0 && strings.TrimSpace(b.Command[0]) == "" {
		v.add("bridge.command", "the program must not be empty")
	}
	v.nonEmpty("bridge.watch_dir", b.WatchDir)
	v.nonEmpty("bridge.state_dir", b.StateDir)
	v.nonEmpty("bridge.scan_number_field", b.ScanNumberField)
	v.nonEmpty("bridge.timestamp_field", b.TimestampField)
	if _, err := filepath.Match(b.Pattern, ""); err != nil || b.Pattern == "" {
		v.add("bridge.pattern", "%q is not a file pattern", b.Pattern)
	}
	if b.MaxFileSize <= 0 {
		v.add("bridge.max_file_size", "must be a number of bytes greater than zero")
	}
	v.positive("bridge.rescan_every", b.RescanEvery)
	v.positive("bridge.incomplete_for", b.IncompleteFor)
	if b.ProgressEvery < 1 {
		v.add("bridge.progress_every", "must be at least 1")
	}
	if b.MaxRecordSize <= 0 || b.MaxRecordSize > maxRecordSize {
		v.add("bridge.max_record_size", "must be a number of bytes from 1 to %d (16 MiB, the most the checks read)", maxRecordSize)
	}
	v.positive("bridge.decide_within", b.DecideWithin)
	if b.StaleReadings < 1 {
		v.add("bridge.stale_readings", "must be at least 1")
	}
	v.positive("bridge.restart_delay", b.RestartDelay)
	if b.MaxRestartDelay.Duration < b.RestartDelay.Duration {
		v.add("bridge.max_restart_delay", "must not be below bridge.restart_delay (%s)", b.RestartDelay)
	}
	if b.MaxAttempts < 1 {
		v.add("bridge.max_attempts", "must be at least 1")
	}
	v.positive("bridge.stable_after", b.StableAfter)
	v.positive("bridge.cooldown", b.Cooldown)
	v.positive("bridge.stop_grace", b.StopGrace)
	if b.KeepLines < 1 || b.KeepLines > 10000 {
		v.add("bridge.keep_lines", "%d: must be 1 to 10000", b.KeepLines)
	}
}

func (c *Config) validateAlerts(v *validator) {
	a := c.Alerts
	for key, n := range map[string]int{"alerts.open_after_critical": a.OpenAfterCritical,
		"alerts.open_after_warning": a.OpenAfterWarning, "alerts.resolve_after": a.ResolveAfter} {
		if n < 1 {
			v.add(key, "must be at least 1")
		}
	}
	v.positive("alerts.repeat_every", a.RepeatEvery)
	for i, m := range a.Maintenance {
		key := fmt.Sprintf("alerts.maintenance[%d]", i)
		if m.Schedule.Schedule == nil {
			v.add(key+".schedule", "must be a schedule")
		}
		v.positive(key+".duration", m.Duration)
	}
	if a.ExternalURL != "" {
		if u, err := url.Parse(a.ExternalURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add("alerts.external_url", "%q is not an http or https URL", a.ExternalURL)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.Labels)) {
		key := "alerts.labels." + name
		switch {
		case !labelName.MatchString(name) || strings.HasPrefix(name, "__"):
			v.addNear(key, "%q is not a label name (letters, digits and _, not starting with a digit or __)", name)
		case slices.Contains(ReservedLabels, name):
			v.addNear(key, "%q is set by tidewatch itself (%s)", name, strings.Join(ReservedLabels, ", "))
		case a.Labels[name] == "":
			v.addNear(key, "must not be empty")
		}
	}
	names := map[string]bool{}
	for i, r := range a.Receivers {
		key := fmt.Sprintf("alerts.receivers[%d]", i)
		switch {
		case r.Name == "":
			v.add(key+".name", "must not be empty")
		case names[r.Name]:
			v.add(key+".name", "%q is used twice", r.Name)
		}
		names[r.Name] = true
		switch r.Type {
		case "webhook", "alertmanager", "slack", "discord", "teams":
			if r.URLEnv == "" {
				v.add(key+".url_env", "must name the environment variable that holds the URL")
			}
		case "pagerduty":
			if r.RoutingKeyEnv == "" {
				v.add(key+".routing_key_env", "must name the environment variable that holds the routing key")
			}
		case "email":
			validateEmail(v, key, r)
		default:
			v.add(key+".type", "%q: use %s", r.Type, strings.Join(ReceiverTypes, ", "))
		}
		if r.MinSeverity != "" && !slices.Contains([]string{"info", "warning", "critical"}, r.MinSeverity) {
			v.add(key+".min_severity", "%q: use info, warning or critical", r.MinSeverity)
		}
		if r.Retries < 0 {
			v.add(key+".retries", "must not be negative")
		}
	}
}

// labelName is a Prometheus label name, which Alertmanager's routes match on.
var labelName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

func validateEmail(v *validator, key string, r Receiver) {
	host, _, err := net.SplitHostPort(r.Smarthost)
	if err != nil || host == "" {
		v.add(key+".smarthost", "%q is not host:port", r.Smarthost)
	}
	if _, err := mail.ParseAddress(r.From); err != nil {
		v.add(key+".from", "%q is not an email address", r.From)
	}
	if len(r.To) == 0 {
		v.addNear(key+".to", "must list at least one address")
	}
	for _, to := range r.To {
		if _, err := mail.ParseAddress(to); err != nil {
			v.add(key+".to", "%q is not an email address", to)
		}
	}
	if (r.UsernameEnv == "") != (r.PasswordEnv == "") {
		v.addNear(key+".password_env", "username_env and password_env go together")
	}
	switch r.TLS {
	case "", SMTPStartTLS, SMTPTLS:
	case SMTPNoTLS:
		// Credentials never cross a network in the clear.
		if r.UsernameEnv != "" && !IsLoopback(host) {
			v.add(key+".tls", "\"none\" sends the password in the clear: use starttls or tls beyond loopback")
		}
	default:
		v.add(key+".tls", "%q: use starttls, tls or none", r.TLS)
	}
}

func (c *Config) validateHTTP(v *validator) {
	h := c.HTTP
	if h.ReadyMaxStaleCritical < 0 {
		v.add("http.ready_max_stale_critical", "must not be negative")
	}
	if h.ReadyMaxStale < 0 {
		v.add("http.ready_max_stale", "must not be negative")
	}
	if !h.Enabled {
		return
	}
	host, _, err := net.SplitHostPort(h.Listen)
	if err != nil {
		v.add("http.listen", "%q is not host:port", h.Listen)
		return
	}
	if !IsLoopback(host) && h.TokenEnv == "" {
		v.add("http.token_env", "listening beyond loopback (%s) needs a bearer token: name its environment variable", h.Listen)
	}
}

// IsLoopback reports whether a listen host keeps the server on this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (c *Config) validateIndicators(v *validator) {
	ind := c.Indicators
	check := func(key string, names []string) {
		if len(names) == 0 {
			v.add(key, "must not be empty")
		}
		seen := map[string]bool{}
		for _, n := range names {
			switch {
			case strings.TrimSpace(n) == "":
				v.add(key, "has an empty name")
			case strings.HasPrefix(n, "_"):
				v.add(key, "%q: names starting with _ are metadata, not indicators", n)
			case seen[n]:
				v.add(key, "%q is listed twice", n)
			}
			seen[n] = true
		}
	}
	check("indicators.expected", ind.Expected)
	check("indicators.critical", ind.Critical)
	for _, n := range ind.Critical {
		if len(ind.Expected) > 0 && !slices.Contains(ind.Expected, n) {
			v.add("indicators.critical", "%q is not in indicators.expected", n)
		}
	}
	for name, r := range ind.Ranges {
		key := "indicators.ranges." + name
		switch {
		case !slices.Contains(ind.Expected, name):
			v.add(key, "%q is not an expected indicator", name)
		case len(r) != 2:
			v.add(key, "must be [min, max]")
		case math.IsNaN(r[0]) || math.IsNaN(r[1]) || r[0] >= r[1]:
			v.add(key, "min must be below max")
		}
	}
}

// keyLine finds the line that defines a dotted key, so that a semantic error
// can point at it the way a syntax error does. It understands the TOML this
// project's configs use: [table], [[array]] and key = value lines, and keys
// such as "freshness.quiet_hours[1].start" for the second [[...]] entry.
func keyLine(src []byte, key string) int {
	lines := strings.Split(string(src), "\n")
	find := func(key string, indexed bool) int {
		var table string
		counts := map[string]int{}
		for n, line := range lines {
			line = strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(line, "[["):
				name := strings.TrimSpace(strings.Trim(line, "[]"))
				table = name
				if indexed {
					table = fmt.Sprintf("%s[%d]", name, counts[name])
				}
				counts[name]++
			case strings.HasPrefix(line, "["):
				table = strings.TrimSpace(strings.Trim(line, "[]"))
			default:
				name, _, ok := strings.Cut(line, "=")
				if !ok || strings.HasPrefix(line, "#") {
					continue
				}
				full := strings.Trim(strings.TrimSpace(name), `"`)
				if table != "" {
					full = table + "." + full
				}
				if full == key {
					return n + 1
				}
				continue
			}
			if table == key {
				return n + 1
			}
		}
		return 0
	}
	if line := find(key, true); line > 0 {
		return line
	}
	return find(arrayIndex.ReplaceAllString(key, ""), false)
}

var arrayIndex = regexp.MustCompile(`\[\d+\]`)

// The jobs, each configured by the section of its name. The bridge job is
// the supervisor's health check; it runs only inside `tidewatch run`.
const (
	JobIntegrity  = "integrity"
	JobDivergence = "divergence"
	JobFreshness  = "freshness"
	JobBridge     = "bridge"
)

// Job is a check job and its schedule.
type Job struct {
	Name     string
	Schedule Schedule
}

// Jobs lists the jobs in the order they are shown; the bridge job only
// when the bridge is enabled.
func (c *Config) Jobs() []Job {
	jobs := []Job{
		{JobIntegrity, c.Integrity.Schedule},
		{JobDivergence, c.Divergence.Schedule},
		{JobFreshness, c.Freshness.Schedule},
	}
	if c.Bridge.Enabled {
		jobs = append(jobs, Job{JobBridge, c.Bridge.HealthSchedule})
	}
	return jobs
}
