// Package checks holds tidewatch's checks: pure functions from what a job
// read (and the time it read it) to findings and a health summary. Nothing
// here does I/O or reads a clock.
package checks

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"tidewatch/config"
	"tidewatch/record"
)

type Severity string

const (
	Info     Severity = "info"
	Warning  Severity = "warning"
	Critical Severity = "critical"
)

// Rank orders severities: info < warning < critical.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 2
	case Warning:
		return 1
	}
	return 0
}

// Categories. They are stable names: history, alerts and reports key on them.
const (
	CatConnectivity     = "connectivity"       // Hazelcast unreachable
	CatRecordAbsent     = "record_absent"      // exf_latest not in the map
	CatRecordInvalid    = "record_invalid"     // exf_latest not decodable
	CatMissing          = "missing"            // an expected indicator absent, non-numeric, NaN or infinite
	CatMissingCritical  = "missing_critical"   // the same for an ACB-critical indicator
	CatACBMismatch      = "acb_ready_mismatch" // _acb_ready true while a critical indicator is missing
	CatACBNotReady      = "acb_not_ready"      // _acb_ready false with every critical indicator present
	CatACBReadyInvalid  = "acb_ready_invalid"  // _acb_ready absent or not a bool
	CatOutOfRange       = "out_of_range"
	CatPersistence      = "persistence_unavailable"
	CatDivergence       = "divergence" // key sets of Hazelcast and disk differ
	CatDiskLag          = "disk_lag"   // the newest snapshot trails exf_latest
	CatValueMismatch    = "value_mismatch"
	CatPickled          = "pickled_entry"
	CatSnapshotEntry    = "snapshot_entry_invalid"
	CatSnapshotUnread   = "snapshot_unreadable" // the newest snapshot has stayed unreadable past divergence.incomplete_for
	CatStale            = "stale"
	CatStalenessInvalid = "staleness_invalid" // _staleness_s absent, empty or not an object
	CatStuck            = "stuck"
	CatValuesFrozen     = "values_frozen" // every indicator has held its value past freshness.frozen_after
	CatRecordStale      = "record_stale"
	CatRecordTime       = "record_time" // _pushed_at absent or unreadable
	CatScanAbsent       = "scan_absent"
	CatScanInvalid      = "scan_invalid"
	CatScanStale        = "scan_stale"
	CatScanStuck        = "scan_stuck"
	CatScanBackwards    = "scan_backwards"
	CatScanAssets       = "scan_assets"     // fewer assets than freshness.min_assets, or no asset_count
	CatScanAssetDrop    = "scan_asset_drop" // the asset count fell by more than freshness.max_asset_drop
	CatClockSkew        = "clock_skew"
	CatCheckFailed      = "check_failed"       // the check could not run at all
	CatBridgeConfig     = "bridge_config"      // the bridge says its configuration is bad; not restarted
	CatBridgeCooldown   = "bridge_cooldown"    // restart attempts spent; waiting to try again
	CatBridgeRestarting = "bridge_restarting"  // waiting to restart the bridge
	CatBridgeNotReady   = "bridge_not_ready"   // started, not ready past the grace
	CatBridgePoison     = "bridge_poison_file" // a file killed the bridge; it is skipped
	CatBridgeStuck      = "bridge_stuck"       // stale scan while a newer file waits: restarted
	CatUpstreamStale    = "upstream_stale"     // stale scan and no newer file: the scanner stopped
	CatBridgeStillStuck = "bridge_still_stuck" // restarted for a waiting file, which still waits: not restarted again
	CatBridgeRefused    = "bridge_refused"     // the bridge refused a scan file (from the future, too big, unreadable)
)

// Finding is one thing a check noticed.
type Finding struct {
	Severity  Severity       `json:"severity"`
	Category  string         `json:"category"`
	Indicator string         `json:"indicator,omitempty"`
	Message   string         `json:"message"`
	Details   map[string]any `json:"details,omitempty"`
	// Thresholds are the limits the finding was judged by, kept with it so
	// that history stays readable after the config changes.
	Thresholds map[string]any `json:"thresholds,omitempty"`
}

// Health is the seed monitor's HealthStatus for one run. Each job fills the
// fields it observed; nil means "not observed by this job".
type Health struct {
	HazelcastConnected   bool     `json:"hazelcast_connected"`
	PersistenceConnected *bool    `json:"persistence_connected,omitempty"`
	IndicatorsPresent    *int     `json:"indicators_present,omitempty"`
	IndicatorsExpected   *int     `json:"indicators_expected,omitempty"`
	ACBReady             *bool    `json:"acb_ready,omitempty"`
	MissingCount         *int     `json:"missing_count,omitempty"`
	MissingCritical      []string `json:"missing_critical,omitempty"`
	StaleCount           *int     `json:"stale_count,omitempty"`
	StaleIndicators      []string `json:"stale_indicators,omitempty"`
	MaxStalenessS        *float64 `json:"max_staleness_s,omitempty"`
	RecordAgeS           *float64 `json:"record_age_s,omitempty"`
	ScanNumber           *int64   `json:"scan_number,omitempty"`
	ScanAgeS             *float64 `json:"scan_age_s,omitempty"`
	KeyDifference        *int     `json:"key_difference,omitempty"`
	DiskLagS             *float64 `json:"disk_lag_s,omitempty"`
	SnapshotPath         string   `json:"snapshot_path,omitempty"`
}

// Result is what one check returns.
type Result struct {
	Findings []Finding
	Health   Health
	// Bridge is set by the bridge check only.
	Bridge *BridgeSample
	// Staleness is each judged indicator's effective staleness in seconds;
	// set by the freshness check only.
	Staleness map[string]float64
	// Values are the expected indicators' usable values; set by the
	// integrity check only, for the status page.
	Values map[string]float64
}

func (r *Result) add(sev Severity, cat, indicator, msg string, details, thresholds map[string]any) {
	r.Findings = append(r.Findings, Finding{
		Severity: sev, Category: cat, Indicator: indicator, Message: msg,
		Details: details, Thresholds: thresholds,
	})
}

// ExFRead is what a job got when it asked Hazelcast for exf_latest.
type ExFRead struct {
	// Unreachable is why Hazelcast could not be asked; nil when it answered.
	Unreachable error
	Absent      bool
	// Invalid is why the value could not be decoded.
	Invalid error
	Record  *record.ExF
	Seen    Seen
}

// Seen is what tidewatch knows of a record's age besides what the record
// says of itself, which a producer that died or a wrong clock can make a
// lie. Zero times are unknown.
type Seen struct {
	// Since is when tidewatch first saw the record's current bytes.
	Since time.Time
	// Updated is when the member last wrote the entry; only members with
	// per-entry statistics keep it.
	Updated time.Time
}

// age is how long the record has certainly not changed, by tidewatch's
// clock and the member's; ok is false when neither is known. A time ahead
// of now (a clock that moved back) counts as no age.
func (s Seen) age(now time.Time) (age time.Duration, ok bool) {
	for _, t := range []time.Time{s.Since, s.Updated} {
		if !t.IsZero() {
			age, ok = max(age, now.Sub(t)), true
		}
	}
	return age, ok
}

// exfRecord turns a read into the record to judge, adding the findings for
// a record that could not be had. Like the seed, an unavailable record is
// judged as an empty one: every indicator counts as missing, so history
// shows what a consumer would have seen. cause says why, for the details.
func (r *Result) exfRecord(in ExFRead, cfg *config.Config) (rec *record.ExF, cause string) {
	key := cfg.Hazelcast.ExFKey
	r.Health.HazelcastConnected = in.Unreachable == nil
	switch {
	case in.Unreachable != nil:
		r.add(Critical, CatConnectivity, "", "Hazelcast unreachable: "+in.Unreachable.Error(),
			map[string]any{"addresses": cfg.Hazelcast.Addresses, "cluster": cfg.Hazelcast.ClusterName}, nil)
		cause = "hazelcast_unreachable"
	case in.Absent:
		r.add(Critical, CatRecordAbsent, "", fmt.Sprintf("%s is not in map %s", key, cfg.Hazelcast.Map), nil, nil)
		cause = "record_absent"
	case in.Invalid != nil || in.Record == nil:
		msg := fmt.Sprintf("%s cannot be decoded", key)
		if in.Invalid != nil {
			msg += ": " + in.Invalid.Error()
		}
		r.add(Critical, CatRecordInvalid, "", msg, nil, nil)
		cause = "record_invalid"
	default:
		return in.Record, ""
	}
	return &record.ExF{Values: map[string]record.Value{}, Staleness: map[string]record.Value{}}, cause
}

// CheckFailed is the finding of a run whose check could not run at all.
func CheckFailed(err error) Finding {
	return Finding{Severity: Critical, Category: CatCheckFailed, Message: err.Error()}
}

func seconds(d time.Duration) float64 { return d.Seconds() }

// num prints a number as people read it: integers as integers (a scan
// number is #1000000, not #1e+06), others in the shortest exact form.
func num(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func ptr[T any](v T) *T { return &v }
