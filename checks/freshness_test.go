package checks

import (
	"errors"
	"math"
	"slices"
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
	// A staleness from the future is no evidence: vix is judged by the
	// record's age alone.
	if r.Staleness["vix"] != 0 || r.Staleness["fng"] != 0 {
		t.Errorf("staleness %v", r.Staleness)
	}
	rec["_pushed_at"] = float64(t0.Add(-121 * time.Second).Unix())
	r, _ = Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	if !slices.Contains(r.Health.StaleIndicators, "vix") {
		t.Errorf("vix, 30 s in the future on a record 121 s old, is not stale: %v", r.Health.StaleIndicators)
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
	cfg.Freshness.StaleAfter.Duration = time.Hour // the record's own findings alone
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
			r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
			sameFindings(t, r.Findings, tt.want...)
			if tt.age < 0 && r.Health.RecordAgeS != nil && *r.Health.RecordAgeS < 0 {
				t.Errorf("negative age recorded: %v", *r.Health.RecordAgeS)
			}
		})
	}
}

// A record's age is never younger than the time since tidewatch (or the
// member) last saw it change: a producer that died is not hidden by the
// timestamp it left behind, whatever that says.
func TestRecordAgeIsNeverYoungerThanItsLastChange(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	cfg.Freshness.StaleAfter.Duration = time.Hour // the record's own findings alone
	frozen := Seen{Since: t0.Add(-10 * time.Minute)}
	tests := []struct {
		name     string
		pushedAt any // nil: no _pushed_at
		seen     Seen
		age      time.Duration // want; -1: none recorded
		want     []want
	}{
		{"fresh claim, fresh bytes", float64(t0.Unix()), Seen{Since: t0.Add(-time.Second)}, time.Second, nil},
		{"old claim, bytes just seen", float64(t0.Add(-6 * time.Minute).Unix()), Seen{Since: t0}, 6 * time.Minute,
			[]want{{Critical, CatRecordStale, ""}}},
		{"fresh claim, bytes frozen", float64(t0.Unix()), frozen, 10 * time.Minute, []want{{Critical, CatRecordStale, ""}}},
		{"an hour in the future", t0.Add(time.Hour).Format(time.RFC3339), frozen, 10 * time.Minute,
			[]want{{Warning, CatClockSkew, ""}, {Critical, CatRecordStale, ""}}},
		{"fifty years in the future", t0.AddDate(50, 0, 0).Format(time.RFC3339), frozen, 10 * time.Minute,
			[]want{{Warning, CatClockSkew, ""}, {Critical, CatRecordStale, ""}}},
		{"year 0001", "0001-01-01T00:00:00", frozen, 10 * time.Minute,
			[]want{{Warning, CatRecordTime, ""}, {Critical, CatRecordStale, ""}}},
		{"unreadable", "last tuesday", frozen, 10 * time.Minute, []want{{Warning, CatRecordTime, ""}, {Critical, CatRecordStale, ""}}},
		{"a bool", true, frozen, 10 * time.Minute, []want{{Warning, CatRecordTime, ""}, {Critical, CatRecordStale, ""}}},
		{"negative", -5.0, frozen, 10 * time.Minute, []want{{Warning, CatRecordTime, ""}, {Critical, CatRecordStale, ""}}},
		{"absent", nil, frozen, 10 * time.Minute, []want{{Info, CatRecordTime, ""}, {Critical, CatRecordStale, ""}}},
		{"absent, bytes changing", nil, Seen{Since: t0}, 0, []want{{Info, CatRecordTime, ""}}},
		{"the member's last update is older", float64(t0.Unix()), Seen{Since: t0, Updated: t0.Add(-4 * time.Minute)}, 4 * time.Minute,
			[]want{{Warning, CatRecordStale, ""}}},
		{"the member's last update in the future is no age", float64(t0.Unix()), Seen{Since: t0, Updated: t0.Add(time.Hour)}, 0, nil},
		{"nothing tells the age", nil, Seen{}, -1, []want{{Info, CatRecordTime, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := read(t, fullRecord(t0, map[string]any{"_pushed_at": tt.pushedAt}), nil)
			in.Seen = tt.seen
			r, _ := Freshness(t0, in, ScanRead{Absent: true}, FreshnessState{}, cfg)
			sameFindings(t, r.Findings, tt.want...)
			switch {
			case tt.age < 0 && r.Health.RecordAgeS != nil:
				t.Errorf("record age %v recorded, want none", *r.Health.RecordAgeS)
			case tt.age >= 0 && (r.Health.RecordAgeS == nil || *r.Health.RecordAgeS != tt.age.Seconds()):
				t.Errorf("record age %v, want %v", r.Health.RecordAgeS, tt.age.Seconds())
			}
		})
	}
	// What the age comes from is said.
	in := read(t, fullRecord(t0, nil), nil)
	in.Seen = frozen
	r, _ := Freshness(t0, in, ScanRead{Absent: true}, FreshnessState{}, cfg)
	if r.Findings[0].Message != "exf_latest has not changed for 10m0s" || r.Findings[0].Details["unchanged_s"] != 600.0 {
		t.Errorf("finding %+v", r.Findings[0])
	}
}

// A frozen record makes its indicators stale as well, whatever
// _staleness_s claims.
func TestFrozenRecordMakesItsIndicatorsStale(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	in := read(t, fullRecord(t0, nil), nil)
	in.Seen = Seen{Since: t0.Add(-6 * time.Minute)}
	r, _ := Freshness(t0, in, ScanRead{Absent: true}, FreshnessState{}, cfg)
	if *r.Health.StaleCount != 28 || Overall(r.Findings, cfg.Health) != StatusCritical {
		t.Errorf("stale %d, overall %s", *r.Health.StaleCount, Overall(r.Findings, cfg.Health))
	}
}

// _staleness_s that is no object, or an empty one, is a finding of its
// own, and every indicator without an entry is judged by the record's age
// alone: a producer cannot switch the staleness check off.
func TestStalenessThatIsNoObjectOrEmpty(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	for name, value := range map[string]any{
		"a list": []any{1.0, 2.0}, "a string": "fresh", "a number": 3.0, "an empty object": map[string]any{}, "absent": nil,
	} {
		t.Run(name, func(t *testing.T) {
			young := read(t, fullRecord(t0.Add(-10*time.Second), map[string]any{"_staleness_s": value}), nil)
			r, _ := Freshness(t0, young, ScanRead{Absent: true}, FreshnessState{}, cfg)
			sameFindings(t, r.Findings, want{Warning, CatStalenessInvalid, ""})
			if *r.Health.StaleCount != 0 || len(r.Staleness) != 28 || r.Staleness["vix"] != 10 {
				t.Errorf("young record: stale %d, staleness %v", *r.Health.StaleCount, r.Staleness)
			}

			old := read(t, fullRecord(t0.Add(-130*time.Second), map[string]any{"_staleness_s": value}), nil)
			r, _ = Freshness(t0, old, ScanRead{Absent: true}, FreshnessState{}, cfg)
			if *r.Health.StaleCount != 28 || Overall(r.Findings, cfg.Health) != StatusDegraded {
				t.Errorf("old record: stale %d, overall %s", *r.Health.StaleCount, Overall(r.Findings, cfg.Health))
			}
		})
	}
	// A map that lists some: the rest are judged by the record's age.
	rec := fullRecord(t0.Add(-115*time.Second), map[string]any{"_staleness_s": map[string]any{"vix": 10.0}})
	r, _ := Freshness(t0, read(t, rec, nil), ScanRead{Absent: true}, FreshnessState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatStale, "vix"})
	if r.Staleness["dxy"] != 115 || r.Staleness["vix"] != 125 {
		t.Errorf("staleness %v", r.Staleness)
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
	cfg, err := config.Parse("s.toml", []byte("[freshness]\nfrozen_after = \"0s\"\n[freshness.indicator.spread]\nstuck_after = \"30m\"\n"))
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
	prev := FreshnessState{ScanNumber: 100, HaveScan: true, ScanSince: t0.Add(-10 * time.Second), ScanAssets: 400}
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
		{"same number, not for long", freshScan(100, t0), prev, nil},
		{"number going backwards", freshScan(3, t0), prev, []want{{Warning, CatScanBackwards, ""}}},
		// Its age cannot be told: no evidence of freshness.
		{"stamped in the future, never seen", freshScan(101, t0.Add(time.Minute)), prev,
			[]want{{Warning, CatClockSkew, ""}, {Critical, CatScanStale, ""}}},
		{"stamped in the future, just changed", seenScan(101, t0.Add(time.Minute), t0.Add(-time.Second)), prev,
			[]want{{Warning, CatClockSkew, ""}}},
		{"stamped in the future, unchanged for long", seenScan(101, t0.Add(100*365*24*time.Hour), t0.Add(-61*time.Second)), prev,
			[]want{{Warning, CatClockSkew, ""}, {Critical, CatScanStale, ""}}},
		{"stamped fresh, unchanged for long", seenScan(101, t0, t0.Add(-31*time.Second)), prev, []want{{Warning, CatScanStale, ""}}},
		{"stamped in year 1", freshScan(101, time.Time{}), prev, []want{{Critical, CatScanInvalid, ""}}},
		{"absent while a bridge feeds it", ScanRead{Absent: true}, prev, []want{{Critical, CatScanAbsent, ""}}},
		{"undecodable", ScanRead{Invalid: errors.New("no timestamp")}, prev, []want{{Critical, CatScanInvalid, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fullRecord(t0, nil)
			r, next := Freshness(t0, read(t, rec, nil), tt.scan, tt.prev, cfg)
			sameFindings(t, r.Findings, tt.want...)
			if tt.scan.Head.Number != 0 && !tt.scan.Head.Timestamp.IsZero() && (!next.HaveScan || next.ScanNumber != tt.scan.Head.Number) {
				t.Errorf("state not advanced: %+v", next)
			}
			if r.Health.ScanAgeS != nil && *r.Health.ScanAgeS < 0 {
				t.Errorf("negative scan age %v", *r.Health.ScanAgeS)
			}
		})
	}
}

// A producer that stamps every record anew but repeats every value is
// frozen all the same.
func TestEveryValueHeldIsFrozen(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	run := func(now time.Time, vix float64, prev FreshnessState) (Result, FreshnessState) {
		return Freshness(now, read(t, fullRecord(now, map[string]any{"vix": vix}), nil), ScanRead{Absent: true}, prev, cfg)
	}
	_, s := run(t0, 20, FreshnessState{})
	r, s := run(t0.Add(30*time.Minute), 20, s)
	sameFindings(t, r.Findings) // at the limit
	r, _ = run(t0.Add(31*time.Minute), 20, s)
	sameFindings(t, r.Findings, want{Warning, CatValuesFrozen, ""})
	// One value that moves is a producer at work.
	r, _ = run(t0.Add(31*time.Minute), 21, s)
	sameFindings(t, r.Findings)
}

func seenScan(number int64, ts, since time.Time) ScanRead {
	s := freshScan(number, ts)
	s.Seen = Seen{Since: since}
	return s
}

// A scan is stuck by how long its number has not moved, not by how many
// runs saw it: two runs 0.1 s apart say nothing.
func TestScanStuckByTimeNotByRuns(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	run := func(now time.Time, n int64, prev FreshnessState) (Result, FreshnessState) {
		return Freshness(now, read(t, fullRecord(now, nil), nil), freshScan(n, now), prev, cfg)
	}
	ms := time.Millisecond
	r, s := run(t0, 7, FreshnessState{})
	sameFindings(t, r.Findings)
	r, s = run(t0.Add(100*ms), 7, s)
	sameFindings(t, r.Findings)
	r, s = run(t0.Add(60*time.Second), 7, s)
	sameFindings(t, r.Findings) // at the limit
	r, s = run(t0.Add(60*time.Second+ms), 7, s)
	sameFindings(t, r.Findings, want{Warning, CatScanStuck, ""})
	if r.Findings[0].Message != "scan number stuck at #7 for 1m0s" || r.Findings[0].Thresholds["scan_stuck_after_s"] != 60.0 {
		t.Errorf("finding %+v", r.Findings[0])
	}
	r, s = run(t0.Add(61*time.Second), 8, s)
	sameFindings(t, r.Findings)
	if !s.ScanSince.Equal(t0.Add(61 * time.Second)) {
		t.Errorf("since %v", s.ScanSince)
	}

	// The limit is a duration in config, whatever the schedule.
	cfg.Freshness.ScanStuckAfter.Duration = 5 * time.Second
	r, _ = run(t0.Add(67*time.Second), 8, s)
	sameFindings(t, r.Findings, want{Warning, CatScanStuck, ""})

	// A since restored from history is honoured; one ahead of the clock
	// (the clock moved back) starts again from now.
	r, s = run(t0, 9, FreshnessState{ScanNumber: 9, HaveScan: true, ScanSince: t0.Add(-time.Hour)})
	sameFindings(t, r.Findings, want{Warning, CatScanStuck, ""})
	r, s = run(t0, 9, FreshnessState{ScanNumber: 9, HaveScan: true, ScanSince: t0.Add(time.Hour)})
	if sameFindings(t, r.Findings); !s.ScanSince.Equal(t0) {
		t.Errorf("since %v", s.ScanSince)
	}
}

// An empty scan is no data, and a scan that lost most of its assets is a
// scanner losing its universe.
func TestScanAssets(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	scan := func(n int64, assets int) ScanRead {
		s := freshScan(n, t0)
		s.Head.Assets = assets
		return s
	}
	prev := FreshnessState{ScanNumber: 10, HaveScan: true, ScanSince: t0, ScanAssets: 1000}
	tests := []struct {
		name string
		scan ScanRead
		cfg  func(*config.Freshness)
		want []want
	}{
		{"as many as before", scan(11, 1000), nil, nil},
		{"empty", scan(11, 0), nil, []want{{Critical, CatScanAssets, ""}}},
		{"no asset_count", scan(11, -1), nil, []want{{Warning, CatScanAssets, ""}}},
		{"fewer than the configured minimum", scan(11, 5), func(f *config.Freshness) { f.MinAssets = 10 }, []want{{Critical, CatScanAssets, ""}}},
		{"half of them gone is tolerated", scan(11, 500), nil, nil},
		{"more than half gone", scan(11, 499), nil, []want{{Warning, CatScanAssetDrop, ""}}},
		{"the share is configurable", scan(11, 800), func(f *config.Freshness) { f.MaxAssetDrop = 0.1 }, []want{{Warning, CatScanAssetDrop, ""}}},
		{"one turns the drop off", scan(11, 1), func(f *config.Freshness) { f.MaxAssetDrop = 1 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := *cfg
			if tt.cfg != nil {
				tt.cfg(&c.Freshness)
			}
			r, next := Freshness(t0, read(t, fullRecord(t0, nil), nil), tt.scan, prev, &c)
			sameFindings(t, r.Findings, tt.want...)
			// The drop stays reported while that scan is the latest.
			again, _ := Freshness(t0.Add(time.Second), read(t, fullRecord(t0, nil), nil), tt.scan, next, &c)
			sameFindings(t, again.Findings, tt.want...)
		})
	}
	// The first scan seen has nothing to drop from.
	r, _ := Freshness(t0, read(t, fullRecord(t0, nil), nil), scan(1, 3), FreshnessState{}, cfg)
	sameFindings(t, r.Findings)
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
