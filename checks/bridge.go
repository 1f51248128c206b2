package checks

import (
	"fmt"
	"path/filepath"
	"time"

	"tidewatch/config"
	"tidewatch/record"
	"tidewatch/supervise"
)

// BridgeProcess is what tidewatch knows of the bridge at one moment: its
// supervisor's snapshot, and what the bridge recorded.
type BridgeProcess struct {
	supervise.Snapshot
	// Poisoned lists the files that killed a bridge, oldest first.
	Poisoned []string `json:"poisoned,omitempty"`
	// Decisions are the bridge's latest decisions on files, oldest first.
	Decisions []BridgeDecision `json:"-"`
}

// BridgeDecision is what the bridge recorded of one file it read.
type BridgeDecision struct {
	Seq      int64 // grows with every decision
	File     string
	Reading  record.Reading
	Poisoned bool // the file killed a bridge; Poisoned reports it
}

// NewestFile is the newest complete scan file in the watched directory,
// and what the bridge learned of it.
type NewestFile struct {
	Path    string
	ModTime time.Time
	Size    int64
	// Arrived is when the file was last put in place (written, or renamed
	// into the directory).
	Arrived time.Time
	// Reading is what the bridge recorded when it read the file; nil when
	// it has not read it.
	Reading *record.Reading
}

// BridgeSample is the bridge's metrics at one health check.
type BridgeSample struct {
	State          supervise.State `json:"state"`
	PID            int             `json:"pid,omitempty"`
	UptimeS        *float64        `json:"uptime_s,omitempty"`
	DataAgeS       *float64        `json:"data_age_s,omitempty"`
	ScanNumber     *int64          `json:"scan_number,omitempty"`
	Assets         *int            `json:"asset_count,omitempty"`
	Restarts       int             `json:"restarts"`
	ScansPerMinute *float64        `json:"scans_per_minute,omitempty"`
	Lines          []string        `json:"last_lines,omitempty"`
}

// BridgeState is what the bridge check remembers between runs.
type BridgeState struct {
	StaleReadings int
	LastNumber    int64
	HaveNumber    bool
	// NumberSince is since when the scan number has not moved.
	NumberSince time.Time
	LastAt      time.Time
	Poisoned    int // how many poisoned files were already reported
	// RefusedSeq is the last of the bridge's decisions already reported.
	RefusedSeq int64
	// RestartedFor is the file the bridge was last restarted for: if it
	// still waits, a restart did not help and is not repeated.
	RestartedFor string
}

// Bridge is the supervisor's health check: the seed daemon's healthy,
// warning, stale verdicts and what to do about them. It returns a restart
// reason when the bridge is stuck: its scan is stale (stale_readings times
// in a row, after the start-up grace) although the newest whole scan file
// waits for it, by the acceptance rule the bridge itself applies
// (record.Judge): a file the bridge took whose scan is not in Hazelcast, or
// one it has not read within decide_within. A file the bridge declined
// never waits: with no waiting file the scanner upstream has stopped (or
// writes nothing the bridge may push), and a bridge that is not at fault
// is left alone. A bridge restarted for a file that still waits after the
// restart is a finding, not a loop of restarts.
func Bridge(now time.Time, p BridgeProcess, scan ScanRead, newest *NewestFile, prev BridgeState, cfg *config.Config) (Result, BridgeState, string) {
	var r Result
	b, f := cfg.Bridge, cfg.Freshness
	rule := record.Rule{MaxFuture: f.ClockSkewTolerance.Duration, DecideWithin: b.DecideWithin.Duration}
	next := prev
	next.LastAt = now
	lines := p.LastLines[max(0, len(p.LastLines)-20):]

	switch p.State {
	case supervise.Failed:
		r.add(Critical, CatBridgeConfig, "", "the bridge is not restarted: "+p.FailedReason,
			map[string]any{"last_lines": lines}, nil)
	case supervise.Cooldown:
		r.add(Critical, CatBridgeCooldown, "",
			fmt.Sprintf("the bridge failed %d times in a row (last: %s); next try at %s", b.MaxAttempts+1, p.LastExit, p.NextStart.UTC().Format(time.TimeOnly)),
			map[string]any{"last_exit": p.LastExit, "last_lines": lines, "next_start": p.NextStart},
			map[string]any{"max_attempts": b.MaxAttempts, "cooldown_s": seconds(b.Cooldown.Duration)})
	case supervise.Backoff:
		r.add(Warning, CatBridgeRestarting, "",
			fmt.Sprintf("the bridge is restarting (attempt %d of %d) after: %s", p.Attempts, b.MaxAttempts, p.LastExit),
			map[string]any{"last_exit": p.LastExit, "next_start": p.NextStart}, map[string]any{"max_attempts": b.MaxAttempts})
	case supervise.Starting:
		if since := now.Sub(p.StartedAt); since > b.StartupGrace.Duration {
			r.add(Warning, CatBridgeNotReady, "", fmt.Sprintf("the bridge has not reported ready in %s", since.Round(time.Second)),
				nil, map[string]any{"startup_grace_s": seconds(b.StartupGrace.Duration)})
		}
	}
	for _, file := range p.Poisoned[min(prev.Poisoned, len(p.Poisoned)):] {
		r.add(Warning, CatBridgePoison, "",
			fmt.Sprintf("the bridge died while parsing %s; it skips that file from now on", file),
			map[string]any{"file": file}, nil)
	}
	next.Poisoned = len(p.Poisoned)
	// At the first check, decisions of an earlier bridge are history.
	var notBefore time.Time
	if prev.LastAt.IsZero() {
		notBefore = p.StartedAt
	}
	next.RefusedSeq = r.refusals(now, p.Decisions, prev.RefusedSeq, notBefore, rule)

	sample := BridgeSample{State: p.State, PID: p.PID, Restarts: p.Restarts, Lines: p.LastLines}
	if p.State == supervise.Running || p.State == supervise.Starting {
		sample.UptimeS = ptr(seconds(now.Sub(p.StartedAt)))
	}
	r.Bridge = &sample
	r.Health.HazelcastConnected = scan.Unreachable == nil

	if scan.Unreachable != nil {
		// Not the bridge's fault: record it, retry at the next check.
		r.add(Critical, CatConnectivity, "", "Hazelcast unreachable: "+scan.Unreachable.Error(), nil, nil)
		return r, next, ""
	}
	stale, why := false, ""
	var held *record.ScanHead
	switch {
	case scan.Absent:
		stale, why = true, "there is no scan in Hazelcast"
	case scan.Invalid != nil:
		stale, why = true, "the scan in Hazelcast cannot be decoded: "+scan.Invalid.Error()
	default:
		h := scan.Head
		held = &h
		// Its age as the freshness check judges it: a timestamp from the
		// future is no evidence of freshness.
		age, known := effectiveAge(now, h.Timestamp, scan.Seen, f.ClockSkewTolerance.Duration)
		sample.DataAgeS, sample.ScanNumber = ptr(seconds(age)), ptr(h.Number)
		if h.Assets >= 0 {
			sample.Assets = ptr(h.Assets)
		}
		r.Health.ScanNumber, r.Health.ScanAgeS = ptr(h.Number), ptr(seconds(age))
		if prev.HaveNumber && !prev.LastAt.IsZero() && now.After(prev.LastAt) {
			sample.ScansPerMinute = ptr(float64(h.Number-prev.LastNumber) / now.Sub(prev.LastAt).Minutes())
		}
		if !prev.HaveNumber || h.Number != prev.LastNumber || prev.NumberSince.IsZero() {
			// It moved now, or when it was bridged if this check is the
			// first to see it.
			next.NumberSince = now
			if !h.BridgedAt.IsZero() && h.BridgedAt.Before(now) && !prev.HaveNumber {
				next.NumberSince = h.BridgedAt
			}
		}
		// Whatever the clocks say, a number that does not move is stale;
		// judged by time, whatever the schedule.
		still := now.Sub(next.NumberSince)
		switch {
		case !known:
			stale, why = true, fmt.Sprintf("scan #%d: its age cannot be told", h.Number)
		case age > f.ScanCriticalAfter.Duration:
			stale, why = true, fmt.Sprintf("scan #%d is %s old", h.Number, age.Round(time.Second))
		case still >= f.ScanStuckAfter.Duration:
			stale, why = true, fmt.Sprintf("scan #%d has not moved for %s", h.Number, still.Round(time.Second))
		}
		next.LastNumber, next.HaveNumber = h.Number, true
	}

	running := p.State == supervise.Running || p.State == supervise.Starting
	if !stale || !running || now.Sub(p.StartedAt) < b.StartupGrace.Duration {
		next.StaleReadings, next.RestartedFor = 0, ""
		return r, next, ""
	}
	next.StaleReadings++
	if next.StaleReadings < b.StaleReadings {
		return r, next, ""
	}
	th := map[string]any{"stale_after_s": seconds(f.ScanCriticalAfter.Duration), "stuck_after_s": seconds(f.ScanStuckAfter.Duration),
		"stale_readings": b.StaleReadings, "decide_within_s": seconds(b.DecideWithin.Duration)}
	if newest == nil {
		r.add(Critical, CatUpstreamStale, "",
			why+"; there is no whole scan file: the scanner upstream has stopped (the bridge is not restarted)", nil, th)
		return r, next, ""
	}
	j := record.Judge(record.File{Name: filepath.Base(newest.Path), Arrived: newest.Arrived, Read: newest.Reading}, held, now, rule)
	if j.Verdict == record.Pending {
		// A file arrived moments ago: the bridge still has time to take
		// it. The next check judges.
		return r, next, ""
	}
	details := map[string]any{"newest_file": newest.Path, "newest_file_time": newest.ModTime, "verdict": j.Verdict.String(), "reason": j.Reason}
	name := filepath.Base(newest.Path)
	if !j.Verdict.Waits() {
		msg := fmt.Sprintf("%s; no newer scan file has arrived: the scanner upstream has stopped (the bridge is not restarted)", why)
		if j.Verdict == record.Refused || (j.Verdict == record.NotNewer && newest.Reading != nil && !sameScan(newest.Reading, held)) {
			msg = fmt.Sprintf("%s; the newest scan file, %s, was declined by the bridge (%s): the scanner upstream writes nothing the bridge may push (the bridge is not restarted)", why, name, j.Reason)
		}
		r.add(Critical, CatUpstreamStale, "", msg, details, th)
		return r, next, ""
	}
	id := fileKey(newest)
	if prev.RestartedFor == id {
		r.add(Critical, CatBridgeStillStuck, "",
			fmt.Sprintf("%s; the bridge was restarted for %s, which still waits (%s): not restarting it again", why, name, waitReason(j)),
			details, th)
		return r, next, ""
	}
	next.StaleReadings, next.RestartedFor = 0, id
	reason := fmt.Sprintf("%s while a newer scan file waits: %s (%s)", why, name, waitReason(j))
	r.add(Warning, CatBridgeStuck, "", "the bridge is stuck, restarting it: "+reason, details, th)
	return r, next, reason
}

// refusals reports the files the bridge refused since the last check (the
// decisions after since, read at or after notBefore), by the acceptance
// rule, and returns the last decision seen. Files that killed a bridge are
// reported as such, on their own.
func (r *Result) refusals(now time.Time, ds []BridgeDecision, since int64, notBefore time.Time, rule record.Rule) int64 {
	if len(ds) == 0 {
		return since
	}
	last := int64(0)
	for _, d := range ds {
		last = max(last, d.Seq)
	}
	if last < since {
		since = 0 // a new record of decisions: report it from its start
	}
	for _, d := range ds {
		if d.Seq <= since || d.Poisoned || d.Reading.At.Before(notBefore) {
			continue
		}
		if j := record.Judge(record.File{Name: d.File, Read: &d.Reading}, nil, now, rule); j.Verdict == record.Refused {
			r.add(Warning, CatBridgeRefused, "", fmt.Sprintf("the bridge refused the scan file %s: %s", d.File, j.Reason),
				map[string]any{"file": d.File, "reason": j.Reason, "read_at": d.Reading.At},
				map[string]any{"max_future_s": seconds(rule.MaxFuture)})
		}
	}
	return last
}

func waitReason(j record.Judgement) string {
	if j.Verdict == record.Take {
		return "the bridge took it, and its scan is not in Hazelcast"
	}
	return j.Reason
}

// sameScan tells whether a reading is of the scan Hazelcast holds.
func sameScan(r *record.Reading, held *record.ScanHead) bool {
	return held != nil && r.Number == held.Number
}

// fileKey names a file and its version: a file rewritten is another file.
func fileKey(f *NewestFile) string {
	return fmt.Sprintf("%s %d %d", f.Path, f.Size, f.ModTime.UnixNano())
}
