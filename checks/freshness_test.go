package checks

import (
	"errors"
	"math"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/record"
)

func freshScan(number int64, ts time.Time) ScanRead {
	return ScanRead{Head: record.ScanHead{Number: number, Timestamp: ts, Assets: 400}}
}

func TestEffectiveStalenessAddsTheRecordAge(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	ms := time.Millisecond
	tests := []struct {
		name      string
		staleness float64
		recordAge time.Duration
		want      []want
	}{
		{"fresh at the source and young record", 10, 5 * time.Second, nil},
		{"exactly at the limit is not stale", 100, 20 * time.Second, nil},
		{"just over the limit", 100, 20*time.Second + ms, []want{{Warning, CatStale, "funding_btc"}}},
		{"frozen staleness of a dead producer", 1, 119*time.Second + ms, []want{{Warning, CatStale, "funding_btc"}}},
		{"stale at the source alone", 121, 0, []want{{Warning, CatStale, "funding_btc"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fullRecord(t0.Add(-tt.recordAge), nil)
			rec["_staleness_s"] = map[string]any{"funding_btc": tt.staleness}
			r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
			sameFindings(t, r.Findings, tt.want...)
			if len(tt.want) > 0 && r.Findings[0].Thresholds["stale_after_s"] != 120.0 {
				t.Errorf("thresholds not kept with the finding: %v", r.Findings[0].Thresholds)
			}
		})
	}
}

func TestStalenessValuesThatAreNotNumbers(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := fullRecord(t0, nil)
	rec["_staleness_s"] = map[string]any{"dxy": "old", "vix": -30.0, "fng": -4.0}
	in := read(t, rec, nil)
	in.Record.Staleness["basis"] = record.Value{Number: nan()}
	r, _ := Freshness(t0, in, ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings,
		want{Warning, CatStale, "dxy"},     // a string counts as stale, never as fresh
		want{Warning, CatStale, "basis"},   // so does NaN
		want{Warning, CatClockSkew, "vix"}, // 30 s in the future
	) // fng: 4 s in the future is inside the tolerance
	if *r.Health.StaleCount != 2 {
		t.Errorf("stale count %d", *r.Health.StaleCount)
	}
}

func TestPerIndicatorThresholdsAndQuietHours(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("q.toml", []byte(`
[freshness.indicator.fedfunds]
stale_after = "24h"
[[freshness.quiet_hours]]
indicators = ["vix"]
timezone = "America/New_York"
weekdays = ["Sat", "Sun"]
`))
	if err != nil {
		t.Fatal(err)
	}
	rec := fullRecord(t0, nil)
	rec["_staleness_s"] = map[string]any{"fedfunds": 3600.0, "vix": 3600.0, "dxy": 3600.0}
	saturday := time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC)
	rec["_pushed_at"] = float64(saturday.Unix())
	r, _ := Freshness(saturday, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatStale, "dxy"})

	rec["_pushed_at"] = float64(t0.Unix())
	r, _ = Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatStale, "dxy"}, want{Warning, CatStale, "vix"})
}

func TestRecordAge(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	ms := time.Millisecond
	tests := []struct {
		name string
		age  time.Duration
		want []want
	}{
		{"young", 10 * time.Second, nil},
		{"at the warning threshold", 120 * time.Second, nil},
		{"past the warning threshold", 120*time.Second + ms, []want{{Warning, CatRecordStale, ""}}},
		{"at the critical threshold", 300 * time.Second, []want{{Warning, CatRecordStale, ""}}},
		{"past the critical threshold", 300*time.Second + ms, []want{{Critical, CatRecordStale, ""}}},
		{"slightly in the future", -4 * time.Second, nil},
		{"far in the future", -6 * time.Second, []want{{Warning, CatClockSkew, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fullRecord(t0.Add(-tt.age), nil)
			rec["_staleness_s"] = map[string]any{}
			r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
			sameFindings(t, r.Findings, tt.want...)
			if tt.age < 0 && r.Health.RecordAgeS != nil && *r.Health.RecordAgeS < 0 {
				t.Errorf("negative age recorded: %v", *r.Health.RecordAgeS)
			}
		})
	}
}

func TestRecordWithoutOrWithBadPushedAt(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := fullRecord(t0, map[string]any{"_pushed_at": nil})
	r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings, want{Info, CatRecordTime, ""})

	rec = fullRecord(t0, map[string]any{"_pushed_at": "last tuesday"})
	r, _ = Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatRecordTime, ""})
}

func TestFuturePushedAtNeverMakesStaleDataLookFresh(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := fullRecord(t0.Add(time.Hour), nil)
	rec["_staleness_s"] = map[string]any{"vix": 500.0}
	r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatClockSkew, ""}, want{Warning, CatStale, "vix"})
}

func TestStuckValue(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("s.toml", []byte("[freshness.indicator.spread]\nstuck_after = \"30m\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(now time.Time, spread, staleness float64, prev FreshnessState) (Result, FreshnessState) {
		rec := fullRecord(now, map[string]any{"spread": spread})
		rec["_staleness_s"] = map[string]any{"spread": staleness}
		return Freshness(now, read(t, rec, nil), ScanRead{Absent: true}, prev, cfg)
	}
	_, s := run(t0, 0.25, 5, FreshnessState{})
	r, s := run(t0.Add(30*time.Minute), 0.25, 5, s)
	sameFindings(t, r.Findings) // exactly at the limit
	r, s2 := run(t0.Add(31*time.Minute), 0.25, 5, s)
	sameFindings(t, r.Findings, want{Warning, CatStuck, "spread"})
	if r.Findings[0].Thresholds["stuck_after_s"] != 1800.0 {
		t.Errorf("thresholds %v", r.Findings[0].Thresholds)
	}

	// Stale data is reported as stale, not as stuck.
	r, _ = run(t0.Add(31*time.Minute), 0.25, 500, s)
	sameFindings(t, r.Findings, want{Warning, CatStale, "spread"})

	// A change of value restarts the clock.
	r, s = run(t0.Add(32*time.Minute), 0.26, 5, s2)
	sameFindings(t, r.Findings)
	r, _ = run(t0.Add(50*time.Minute), 0.26, 5, s)
	sameFindings(t, r.Findings)

	// An outage does not reset what was held.
	out, s3 := Freshness(t0.Add(40*time.Minute), ExFRead{Unreachable: errors.New("down")}, ScanRead{}, s2, cfg)
	sameFindings(t, out.Findings, want{Critical, CatConnectivity, ""})
	if s3.Held["spread"].Since != t0 {
		t.Errorf("held state lost in an outage: %+v", s3.Held["spread"])
	}
}

func TestScanAgeAndProgress(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	cfg.Bridge.Enabled = true
	ms := time.Millisecond
	prev := FreshnessState{ScanNumber: 100, HaveScan: true}
	tests := []struct {
		name string
		scan ScanRead
		prev FreshnessState
		want []want
	}{
		{"fresh and progressing", freshScan(101, t0.Add(-5*time.Second)), prev, nil},
		{"first scan seen", freshScan(7, t0), FreshnessState{}, nil},
		{"at the warning threshold", freshScan(101, t0.Add(-30*time.Second)), prev, nil},
		{"past the warning threshold", freshScan(101, t0.Add(-30*time.Second-ms)), prev, []want{{Warning, CatScanStale, ""}}},
		{"at the critical threshold", freshScan(101, t0.Add(-60*time.Second)), prev, []want{{Warning, CatScanStale, ""}}},
		{"past the critical threshold", freshScan(101, t0.Add(-60*time.Second-ms)), prev, []want{{Critical, CatScanStale, ""}}},
		{"stuck number", freshScan(100, t0), prev, []want{{Warning, CatScanStuck, ""}}},
		{"number going backwards", freshScan(3, t0), prev, []want{{Warning, CatScanBackwards, ""}}},
		{"stamped in the future", freshScan(101, t0.Add(time.Minute)), prev, []want{{Warning, CatClockSkew, ""}}},
		{"absent while a bridge feeds it", ScanRead{Absent: true}, prev, []want{{Critical, CatScanAbsent, ""}}},
		{"undecodable", ScanRead{Invalid: errors.New("no timestamp")}, prev, []want{{Critical, CatScanInvalid, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fullRecord(t0, nil)
			r, next := Freshness(t0, read(t, rec, nil), tt.scan, tt.prev, cfg)
			sameFindings(t, r.Findings, tt.want...)
			if tt.scan.Head.Number != 0 && (!next.HaveScan || next.ScanNumber != tt.scan.Head.Number) {
				t.Errorf("state not advanced: %+v", next)
			}
			if r.Health.ScanAgeS != nil && *r.Health.ScanAgeS < 0 {
				t.Errorf("negative scan age %v", *r.Health.ScanAgeS)
			}
		})
	}
}

func TestAbsentScanIsQuietWithoutABridge(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	r, _ := Freshness(t0, read(t, fullRecord(t0, nil), nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings)
	if s := Overall(r.Findings, cfg.Health); s != StatusHealthy {
		t.Errorf("overall %s", s)
	}
}

func TestFourStaleIndicatorsDegrade(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := fullRecord(t0, nil)
	rec["_staleness_s"] = map[string]any{"funding_btc": 121.0, "funding_eth": 130.0, "basis": 500.0, "taker": 10.0}
	r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	if s := Overall(r.Findings, cfg.Health); s != StatusHealthy {
		t.Errorf("three stale: %s", s)
	}
	rec["_staleness_s"].(map[string]any)["taker"] = 121.0
	r, _ = Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	if s := Overall(r.Findings, cfg.Health); s != StatusDegraded {
		t.Errorf("four stale: %s", s)
	}
	if *r.Health.MaxStalenessS != 500 {
		t.Errorf("max staleness %v", *r.Health.MaxStalenessS)
	}
}

func nan() float64 { return math.NaN() }
