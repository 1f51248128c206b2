package checks

import (
	"fmt"
	"math"
	"time"

	"tidewatch/config"
	"tidewatch/record"
)

// ScanRead is what a job got when it asked Hazelcast for latest_eigen_scan.
type ScanRead struct {
	Unreachable error
	Absent      bool
	Invalid     error
	Head        record.ScanHead
}

// FreshnessState is what the freshness check remembers between runs: how
// long each indicator has held its value, and the last scan number seen.
type FreshnessState struct {
	Held       map[string]Held
	ScanNumber int64
	HaveScan   bool
}

// Held is a value and the time it was first seen.
type Held struct {
	Value float64
	Since time.Time
}

// Freshness judges how old the data is: each indicator's effective
// staleness (its _staleness_s plus the age of the record, so that a dead
// producer's frozen staleness does not read as fresh), values stuck at one
// number, the record's own age, and the scan's age and progress. now is the
// one instant the whole run is judged at.
func Freshness(now time.Time, exf ExFRead, scan ScanRead, prev FreshnessState, cfg *config.Config) (Result, FreshnessState) {
	var r Result
	f := &cfg.Freshness
	next := FreshnessState{Held: prev.Held, ScanNumber: prev.ScanNumber, HaveScan: prev.HaveScan}

	rec, cause := r.exfRecord(exf, cfg)
	if cause == "" {
		recordAge := r.recordAge(now, rec, f)
		r.staleness(now, rec, recordAge, f)
		next.Held = r.stuck(now, rec, recordAge, prev.Held, cfg)
	}
	if exf.Unreachable == nil {
		r.scan(now, scan, prev, &next, cfg)
	}
	return r, next
}

// recordAge judges exf_latest's own age and returns it, or 0 when it is
// unknown (no _pushed_at, or one in the future).
func (r *Result) recordAge(now time.Time, rec *record.ExF, f *config.Freshness) time.Duration {
	switch {
	case rec.PushedAtErr != nil:
		r.add(Warning, CatRecordTime, "", "_pushed_at cannot be read: "+rec.PushedAtErr.Error(), nil, nil)
		return 0
	case rec.PushedAt.IsZero():
		r.add(Info, CatRecordTime, "", "exf_latest carries no _pushed_at; its age is unknown", nil, nil)
		return 0
	}
	age := now.Sub(rec.PushedAt)
	if age < -f.ClockSkewTolerance.Duration {
		r.add(Warning, CatClockSkew, "",
			fmt.Sprintf("exf_latest was pushed %s in the future; clocks disagree", (-age).Round(time.Millisecond)),
			map[string]any{"pushed_at": rec.PushedAt, "now": now},
			map[string]any{"clock_skew_tolerance_s": seconds(f.ClockSkewTolerance.Duration)})
		return 0
	}
	age = max(age, 0)
	r.Health.RecordAgeS = ptr(seconds(age))
	th := map[string]any{"warn_after_s": seconds(f.RecordWarnAfter.Duration), "critical_after_s": seconds(f.RecordCriticalAfter.Duration)}
	msg := fmt.Sprintf("exf_latest is %s old", age.Round(time.Second))
	switch {
	case age > f.RecordCriticalAfter.Duration:
		r.add(Critical, CatRecordStale, "", msg, map[string]any{"age_s": seconds(age), "pushed_at": rec.PushedAt}, th)
	case age > f.RecordWarnAfter.Duration:
		r.add(Warning, CatRecordStale, "", msg, map[string]any{"age_s": seconds(age), "pushed_at": rec.PushedAt}, th)
	}
	return age
}

// staleness judges every indicator listed in _staleness_s, as the seed did.
func (r *Result) staleness(now time.Time, rec *record.ExF, recordAge time.Duration, f *config.Freshness) {
	skew := f.ClockSkewTolerance.Duration.Seconds()
	var stale []string
	maxAge := 0.0
	for _, name := range sortedKeys(rec.Staleness) {
		if f.Quiet(name, now) {
			continue
		}
		v := rec.Staleness[name]
		limit := f.StaleAfterFor(name)
		th := map[string]any{"stale_after_s": seconds(limit)}
		if !v.Usable() {
			stale = append(stale, name)
			r.add(Warning, CatStale, name, fmt.Sprintf("%s has staleness %s; counted as stale", name, v.Problem()),
				map[string]any{"reason": v.Problem()}, th)
			continue
		}
		if v.Number < -skew {
			r.add(Warning, CatClockSkew, name,
				fmt.Sprintf("%s has a negative staleness of %.1fs; clocks disagree", name, v.Number),
				map[string]any{"staleness_s": v.Number}, map[string]any{"clock_skew_tolerance_s": skew})
			continue
		}
		eff := math.Max(v.Number, 0) + recordAge.Seconds()
		maxAge = math.Max(maxAge, eff)
		if r.Staleness == nil {
			r.Staleness = map[string]float64{}
		}
		r.Staleness[name] = eff
		if eff > limit.Seconds() {
			stale = append(stale, name)
			r.add(Warning, CatStale, name, fmt.Sprintf("%s is stale (%.0fs)", name, eff),
				map[string]any{"staleness_s": eff, "source_staleness_s": v.Number, "record_age_s": recordAge.Seconds()}, th)
		}
	}
	r.Health.StaleCount = ptr(len(stale))
	r.Health.StaleIndicators = stale
	r.Health.MaxStalenessS = ptr(maxAge)
}

// stuck finds values that have not changed for longer than their limit
// while their staleness claims they are fresh: a flat line a staleness
// field cannot show.
func (r *Result) stuck(now time.Time, rec *record.ExF, recordAge time.Duration, prev map[string]Held, cfg *config.Config) map[string]Held {
	f := &cfg.Freshness
	next := map[string]Held{}
	for _, name := range cfg.Indicators.Expected {
		v := rec.Values[name]
		if !v.Usable() {
			continue
		}
		held := Held{Value: v.Number, Since: now}
		if p, ok := prev[name]; ok && p.Value == v.Number && !p.Since.After(now) {
			held.Since = p.Since
		}
		next[name] = held
		limit := f.StuckAfterFor(name)
		st, ok := rec.Staleness[name]
		if limit <= 0 || !ok || !st.Usable() || f.Quiet(name, now) {
			continue
		}
		claimsFresh := math.Max(st.Number, 0)+recordAge.Seconds() <= f.StaleAfterFor(name).Seconds()
		if heldFor := now.Sub(held.Since); claimsFresh && heldFor > limit {
			r.add(Warning, CatStuck, name,
				fmt.Sprintf("%s has held %g for %s while its staleness says it is fresh", name, v.Number, heldFor.Round(time.Second)),
				map[string]any{"value": v.Number, "held_s": seconds(heldFor), "staleness_s": st.Number},
				map[string]any{"stuck_after_s": seconds(limit)})
		}
	}
	return next
}

// scan judges latest_eigen_scan: present when a bridge feeds it, young
// enough, and moving forward.
func (r *Result) scan(now time.Time, in ScanRead, prev FreshnessState, next *FreshnessState, cfg *config.Config) {
	f := &cfg.Freshness
	key := cfg.Hazelcast.ScanKey
	switch {
	case in.Unreachable != nil:
		r.Health.HazelcastConnected = false
		r.add(Critical, CatConnectivity, "", "Hazelcast unreachable: "+in.Unreachable.Error(), nil, nil)
		return
	case in.Absent:
		if cfg.Bridge.Enabled {
			r.add(Critical, CatScanAbsent, "", fmt.Sprintf("%s is not in map %s", key, cfg.Hazelcast.Map), map[string]any{"cause": "bridge"}, nil)
		}
		return
	case in.Invalid != nil:
		r.add(Critical, CatScanInvalid, "", fmt.Sprintf("%s cannot be decoded: %v", key, in.Invalid), nil, nil)
		return
	}
	h := in.Head
	r.Health.ScanNumber = ptr(h.Number)
	age := now.Sub(h.Timestamp)
	details := map[string]any{"scan_number": h.Number, "timestamp": h.Timestamp}
	if age < -f.ClockSkewTolerance.Duration {
		r.add(Warning, CatClockSkew, "",
			fmt.Sprintf("scan #%d is stamped %s in the future; clocks disagree", h.Number, (-age).Round(time.Millisecond)),
			details, map[string]any{"clock_skew_tolerance_s": seconds(f.ClockSkewTolerance.Duration)})
	} else {
		age = max(age, 0)
		r.Health.ScanAgeS = ptr(seconds(age))
		th := map[string]any{"warn_after_s": seconds(f.ScanWarnAfter.Duration), "critical_after_s": seconds(f.ScanCriticalAfter.Duration)}
		msg := fmt.Sprintf("scan #%d is %s old", h.Number, age.Round(time.Second))
		details["age_s"] = seconds(age)
		switch {
		case age > f.ScanCriticalAfter.Duration:
			r.add(Critical, CatScanStale, "", msg, details, th)
		case age > f.ScanWarnAfter.Duration:
			r.add(Warning, CatScanStale, "", msg, details, th)
		}
	}
	if prev.HaveScan {
		d := map[string]any{"previous": prev.ScanNumber, "current": h.Number}
		switch {
		case h.Number == prev.ScanNumber:
			r.add(Warning, CatScanStuck, "", fmt.Sprintf("scan number stuck at #%d since the last run", h.Number), d, nil)
		case h.Number < prev.ScanNumber:
			r.add(Warning, CatScanBackwards, "", fmt.Sprintf("scan number went back from #%d to #%d", prev.ScanNumber, h.Number), d, nil)
		}
	}
	next.ScanNumber, next.HaveScan = h.Number, true
}
