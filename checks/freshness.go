package checks

import (
	"fmt"
	"math"
	"slices"
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
	Seen        Seen
}

// FreshnessState is what the freshness check remembers between runs: how
// long each indicator has held its value, and the scan number last seen,
// since when, and how many assets it and the scan before it held.
type FreshnessState struct {
	Held       map[string]Held
	ScanNumber int64
	HaveScan   bool
	// ScanSince is when ScanNumber was first seen: the scan is stuck by
	// how long it has not moved, not by how many runs saw it.
	ScanSince time.Time
	// ScanAssets is the asset count of ScanNumber's scan, PrevAssets that
	// of the scan before it; 0 or less is unknown.
	ScanAssets int
	PrevAssets int
}

// Held is a value and the time it was first seen.
type Held struct {
	Value float64
	Since time.Time
}

// Freshness judges how old the data is: each indicator's effective
// staleness (its _staleness_s plus the age of the record, so that a dead
// producer's frozen staleness does not read as fresh), values stuck at one
// number, the record's own age, and the scan's age, size and progress. now
// is the one instant the whole run is judged at.
func Freshness(now time.Time, exf ExFRead, scan ScanRead, prev FreshnessState, cfg *config.Config) (Result, FreshnessState) {
	var r Result
	f := &cfg.Freshness
	next := prev

	rec, cause := r.exfRecord(exf, cfg)
	if cause == "" {
		recordAge := r.recordAge(now, rec, exf.Seen, f)
		r.staleness(now, rec, recordAge, cfg)
		next.Held = r.stuck(now, rec, recordAge, prev.Held, cfg)
	}
	if exf.Unreachable == nil {
		r.scan(now, scan, prev, &next, cfg)
	}
	return r, next
}

// claimedAge is the age a timestamp inside a record claims; ok is false
// when it is no evidence: absent, or from the future beyond the tolerance
// (a clock that is wrong, or a producer that lies).
func claimedAge(now, stamp time.Time, tolerance time.Duration) (age time.Duration, ok bool) {
	if stamp.IsZero() {
		return 0, false
	}
	age = now.Sub(stamp)
	if age < -tolerance {
		return 0, false
	}
	return max(age, 0), true
}

// recordAge judges exf_latest's own age and returns it: the longest of the
// age its _pushed_at claims and how long the record has not changed. A
// producer that died ages whatever it wrote; a _pushed_at that is absent,
// unreadable or from the future leaves the observed age alone. Zero when
// nothing tells the age.
func (r *Result) recordAge(now time.Time, rec *record.ExF, seen Seen, f *config.Freshness) time.Duration {
	switch {
	case rec.PushedAtErr != nil:
		r.add(Warning, CatRecordTime, "", "_pushed_at cannot be read: "+rec.PushedAtErr.Error()+"; the record's age is how long it has not changed", nil, nil)
	case rec.PushedAt.IsZero():
		r.add(Info, CatRecordTime, "", "exf_latest carries no _pushed_at; its age is how long it has not changed", nil, nil)
	case now.Sub(rec.PushedAt) < -f.ClockSkewTolerance.Duration:
		r.add(Warning, CatClockSkew, "",
			fmt.Sprintf("exf_latest was pushed %s in the future; clocks disagree, and its age is how long it has not changed", rec.PushedAt.Sub(now).Round(time.Millisecond)),
			map[string]any{"pushed_at": rec.PushedAt, "now": now},
			map[string]any{"clock_skew_tolerance_s": seconds(f.ClockSkewTolerance.Duration)})
	}
	claimed, haveClaim := claimedAge(now, rec.PushedAt, f.ClockSkewTolerance.Duration)
	unchanged, haveSeen := seen.age(now)
	if !haveClaim && !haveSeen {
		return 0
	}
	age := max(claimed, unchanged)
	r.Health.RecordAgeS = ptr(seconds(age))
	details := map[string]any{"age_s": seconds(age)}
	if haveClaim {
		details["pushed_at"] = rec.PushedAt
	}
	msg := fmt.Sprintf("exf_latest is %s old", age.Round(time.Second))
	if haveSeen {
		details["unchanged_s"] = seconds(unchanged)
		if unchanged > claimed {
			msg = fmt.Sprintf("exf_latest has not changed for %s", age.Round(time.Second))
		}
	}
	th := map[string]any{"warn_after_s": seconds(f.RecordWarnAfter.Duration), "critical_after_s": seconds(f.RecordCriticalAfter.Duration)}
	switch {
	case age > f.RecordCriticalAfter.Duration:
		r.add(Critical, CatRecordStale, "", msg, details, th)
	case age > f.RecordWarnAfter.Duration:
		r.add(Warning, CatRecordStale, "", msg, details, th)
	}
	return age
}

// staleness judges every expected indicator, and any other _staleness_s
// names: its staleness at the source plus the record's age. An indicator
// without a usable entry is judged by the record's age alone, so that a
// producer that stops writing _staleness_s cannot switch the check off.
func (r *Result) staleness(now time.Time, rec *record.ExF, recordAge time.Duration, cfg *config.Config) {
	f := &cfg.Freshness
	skew := f.ClockSkewTolerance.Duration.Seconds()
	if rec.StalenessErr != nil {
		r.add(Warning, CatStalenessInvalid, "", rec.StalenessErr.Error()+": every indicator is judged by the record's age alone", nil, nil)
	}
	names := slices.Clone(cfg.Indicators.Expected)
	for _, name := range sortedKeys(rec.Staleness) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	var stale []string
	maxAge := 0.0
	r.Staleness = map[string]float64{}
	for _, name := range names {
		if f.Quiet(name, now) {
			continue
		}
		limit := f.StaleAfterFor(name)
		th := map[string]any{"stale_after_s": seconds(limit)}
		v, listed := rec.Staleness[name]
		source := 0.0
		switch {
		case !listed:
		case !v.Usable():
			stale = append(stale, name)
			r.add(Warning, CatStale, name, fmt.Sprintf("%s has staleness %s; counted as stale", name, v.Problem()),
				map[string]any{"reason": v.Problem()}, th)
			continue
		case v.Number < -skew:
			r.add(Warning, CatClockSkew, name,
				fmt.Sprintf("%s has a negative staleness of %.1fs; clocks disagree, and it is judged by the record's age alone", name, v.Number),
				map[string]any{"staleness_s": v.Number}, map[string]any{"clock_skew_tolerance_s": skew})
			listed = false
		default:
			source = math.Max(v.Number, 0)
		}
		eff := source + recordAge.Seconds()
		maxAge = math.Max(maxAge, eff)
		r.Staleness[name] = eff
		if eff <= limit.Seconds() {
			continue
		}
		stale = append(stale, name)
		details := map[string]any{"staleness_s": eff, "record_age_s": recordAge.Seconds()}
		msg := fmt.Sprintf("%s is stale (%.0fs)", name, eff)
		if listed {
			details["source_staleness_s"] = v.Number
		} else {
			msg = fmt.Sprintf("%s is stale (%.0fs, the record's age: no usable staleness of its own)", name, eff)
		}
		r.add(Warning, CatStale, name, msg, details, th)
	}
	r.Health.StaleCount = ptr(len(stale))
	r.Health.StaleIndicators = stale
	r.Health.MaxStalenessS = ptr(maxAge)
}

// stuck finds values that have not changed for longer than their limit
// while their staleness claims they are fresh: a flat line a staleness
// field cannot show. Every value held at once past frozen_after is a
// producer that repeats itself while it stamps each record anew.
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
				fmt.Sprintf("%s has held %s for %s while its staleness says it is fresh", name, num(v.Number), heldFor.Round(time.Second)),
				map[string]any{"value": v.Number, "held_s": seconds(heldFor), "staleness_s": st.Number},
				map[string]any{"stuck_after_s": seconds(limit)})
		}
	}
	if f.FrozenAfter.Duration > 0 && len(next) > 0 {
		var youngest time.Time
		for _, h := range next {
			if h.Since.After(youngest) {
				youngest = h.Since
			}
		}
		if held := now.Sub(youngest); held > f.FrozenAfter.Duration {
			r.add(Warning, CatValuesFrozen, "",
				fmt.Sprintf("all %d indicators present have held their values for %s", len(next), held.Round(time.Second)),
				map[string]any{"held_s": seconds(held), "indicators": len(next)}, map[string]any{"frozen_after_s": seconds(f.FrozenAfter.Duration)})
		}
	}
	return next
}

// scan judges latest_eigen_scan: present when a bridge feeds it, young
// enough, holding assets, and moving forward.
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
	case in.Head.Timestamp.Before(record.MinTime):
		r.add(Critical, CatScanInvalid, "", fmt.Sprintf("%s: scan #%d is stamped %s, a default value, not a time", key, in.Head.Number,
			in.Head.Timestamp.Format(time.RFC3339)), map[string]any{"scan_number": in.Head.Number}, nil)
		return
	}
	h := in.Head
	r.Health.ScanNumber = ptr(h.Number)
	r.scanAge(now, h, in.Seen, f)
	r.scanAssets(h, prev, next, f)
	r.scanProgress(now, h, prev, next, f)
}

// scanAge judges the scan's age as recordAge judges the record's: the
// longest of what its timestamp claims and how long it has not changed. A
// scan stamped in the future is clock skew and no evidence of freshness.
func (r *Result) scanAge(now time.Time, h record.ScanHead, seen Seen, f *config.Freshness) {
	details := map[string]any{"scan_number": h.Number, "timestamp": h.Timestamp}
	claimed, haveClaim := claimedAge(now, h.Timestamp, f.ClockSkewTolerance.Duration)
	if !haveClaim {
		r.add(Warning, CatClockSkew, "",
			fmt.Sprintf("scan #%d is stamped %s in the future; clocks disagree, and its age is how long it has not changed", h.Number, h.Timestamp.Sub(now).Round(time.Millisecond)),
			details, map[string]any{"clock_skew_tolerance_s": seconds(f.ClockSkewTolerance.Duration)})
	}
	unchanged, haveSeen := seen.age(now)
	th := map[string]any{"warn_after_s": seconds(f.ScanWarnAfter.Duration), "critical_after_s": seconds(f.ScanCriticalAfter.Duration)}
	if !haveClaim && !haveSeen {
		r.add(Critical, CatScanStale, "", fmt.Sprintf("scan #%d: its age cannot be told, so it is not fresh", h.Number), details, th)
		return
	}
	age := max(claimed, unchanged)
	r.Health.ScanAgeS = ptr(seconds(age))
	details["age_s"] = seconds(age)
	msg := fmt.Sprintf("scan #%d is %s old", h.Number, age.Round(time.Second))
	if haveSeen {
		details["unchanged_s"] = seconds(unchanged)
		if unchanged > claimed {
			msg = fmt.Sprintf("scan #%d has not changed for %s", h.Number, age.Round(time.Second))
		}
	}
	switch {
	case age > f.ScanCriticalAfter.Duration:
		r.add(Critical, CatScanStale, "", msg, details, th)
	case age > f.ScanWarnAfter.Duration:
		r.add(Warning, CatScanStale, "", msg, details, th)
	}
}

// scanAssets judges how many assets the scan holds: an empty scan is no
// data, and a count that falls by more than a share between two scans is
// a scanner losing its universe.
func (r *Result) scanAssets(h record.ScanHead, prev FreshnessState, next *FreshnessState, f *config.Freshness) {
	if !prev.HaveScan || h.Number != prev.ScanNumber {
		next.PrevAssets = 0
		if prev.HaveScan {
			next.PrevAssets = prev.ScanAssets
		}
	}
	next.ScanAssets = h.Assets
	details := map[string]any{"scan_number": h.Number, "asset_count": h.Assets}
	switch {
	case h.Assets < 0:
		r.add(Warning, CatScanAssets, "", fmt.Sprintf("scan #%d does not say how many assets it holds (no asset_count)", h.Number),
			map[string]any{"scan_number": h.Number}, nil)
		return
	case h.Assets < f.MinAssets:
		r.add(Critical, CatScanAssets, "", fmt.Sprintf("scan #%d holds %d assets, fewer than %d", h.Number, h.Assets, f.MinAssets),
			details, map[string]any{"min_assets": f.MinAssets})
		return
	}
	if p := next.PrevAssets; p > 0 {
		if drop := float64(p-h.Assets) / float64(p); drop > f.MaxAssetDrop {
			details["previous_asset_count"] = p
			r.add(Warning, CatScanAssetDrop, "",
				fmt.Sprintf("scan #%d holds %d assets, %.0f%% fewer than the %d of the scan before", h.Number, h.Assets, 100*drop, p),
				details, map[string]any{"max_asset_drop": f.MaxAssetDrop})
		}
	}
}

// scanProgress judges the scan number: stuck when it has not moved for
// longer than freshness.scan_stuck_after, however often the check runs,
// and never going back.
func (r *Result) scanProgress(now time.Time, h record.ScanHead, prev FreshnessState, next *FreshnessState, f *config.Freshness) {
	next.ScanNumber, next.HaveScan = h.Number, true
	if !prev.HaveScan || h.Number != prev.ScanNumber || prev.ScanSince.IsZero() || prev.ScanSince.After(now) {
		next.ScanSince = now
	}
	if !prev.HaveScan {
		return
	}
	d := map[string]any{"previous": prev.ScanNumber, "current": h.Number}
	switch {
	case h.Number < prev.ScanNumber:
		r.add(Warning, CatScanBackwards, "", fmt.Sprintf("scan number went back from #%d to #%d", prev.ScanNumber, h.Number), d, nil)
	case h.Number == prev.ScanNumber:
		if still := now.Sub(next.ScanSince); still > f.ScanStuckAfter.Duration {
			d["since"], d["stuck_s"] = next.ScanSince, seconds(still)
			r.add(Warning, CatScanStuck, "", fmt.Sprintf("scan number stuck at #%d for %s", h.Number, still.Round(time.Second)), d,
				map[string]any{"scan_stuck_after_s": seconds(f.ScanStuckAfter.Duration)})
		}
	}
}
