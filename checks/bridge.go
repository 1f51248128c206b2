package checks

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"tidewatch/config"
)

// Bridge supervisor states.
const (
	BridgeStopped  = "stopped"
	BridgeStarting = "starting"
	BridgeRunning  = "running"
	BridgeBackoff  = "backoff"
	BridgeStopping = "stopping"
	BridgeCooldown = "cooldown"
	BridgeFailed   = "failed" // bad configuration: waits for a human
)

// BridgeProcess is what the supervisor knows of the bridge at one moment.
type BridgeProcess struct {
	State     string    `json:"state"`
	PID       int       `json:"pid,omitempty"`
	StartedAt time.Time `json:"started_at"`
	ReadyAt   time.Time `json:"ready_at"`
	// Restarts counts restarts since tidewatch started; Attempts those in
	// the current budget.
	Restarts  int       `json:"restarts"`
	Attempts  int       `json:"attempts"`
	NextStart time.Time `json:"next_start"`
	LastExit  string    `json:"last_exit,omitempty"`
	// FailedReason says why the bridge is not restarted any more.
	FailedReason string   `json:"failed_reason,omitempty"`
	LastLines    []string `json:"last_lines,omitempty"`
	// Poisoned lists the files that killed a bridge, oldest first.
	Poisoned []string `json:"poisoned,omitempty"`
}

// NewestFile is the newest complete scan file in the watched directory.
type NewestFile struct {
	Path    string
	ModTime time.Time
}

// BridgeSample is the bridge's metrics at one health check.
type BridgeSample struct {
	State          string   `json:"state"`
	PID            int      `json:"pid,omitempty"`
	UptimeS        *float64 `json:"uptime_s,omitempty"`
	DataAgeS       *float64 `json:"data_age_s,omitempty"`
	ScanNumber     *int64   `json:"scan_number,omitempty"`
	Assets         *int     `json:"asset_count,omitempty"`
	Restarts       int      `json:"restarts"`
	ScansPerMinute *float64 `json:"scans_per_minute,omitempty"`
	Lines          []string `json:"last_lines,omitempty"`
}

// BridgeState is what the bridge check remembers between runs.
type BridgeState struct {
	StaleReadings int
	LastNumber    int64
	HaveNumber    bool
	LastAt        time.Time
	Poisoned      int // how many poisoned files were already reported
}

// Bridge is the supervisor's health check: the seed daemon's healthy,
// warning, stale verdicts and what to do about them. It returns a restart
// reason when the bridge is stuck: its scan is stale (stale_readings times
// in a row, after the start-up grace) although a newer complete scan file
// waits. With no newer file the scanner upstream has stopped, and a bridge
// that is not at fault is left alone.
func Bridge(now time.Time, p BridgeProcess, scan ScanRead, newest *NewestFile, prev BridgeState, cfg *config.Config) (Result, BridgeState, string) {
	var r Result
	b, f := cfg.Bridge, cfg.Freshness
	next := prev
	next.LastAt = now
	lines := p.LastLines[max(0, len(p.LastLines)-20):]

	switch p.State {
	case BridgeFailed:
		r.add(Critical, CatBridgeConfig, "", "the bridge is not restarted: "+p.FailedReason,
			map[string]any{"last_lines": lines}, nil)
	case BridgeCooldown:
		r.add(Critical, CatBridgeCooldown, "",
			fmt.Sprintf("the bridge failed %d times in a row (last: %s); next try at %s", b.MaxAttempts+1, p.LastExit, p.NextStart.UTC().Format(time.TimeOnly)),
			map[string]any{"last_exit": p.LastExit, "last_lines": lines, "next_start": p.NextStart},
			map[string]any{"max_attempts": b.MaxAttempts, "cooldown_s": seconds(b.Cooldown.Duration)})
	case BridgeBackoff:
		r.add(Warning, CatBridgeRestarting, "",
			fmt.Sprintf("the bridge is restarting (attempt %d of %d) after: %s", p.Attempts, b.MaxAttempts, p.LastExit),
			map[string]any{"last_exit": p.LastExit, "next_start": p.NextStart}, map[string]any{"max_attempts": b.MaxAttempts})
	case BridgeStarting:
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

	sample := BridgeSample{State: p.State, PID: p.PID, Restarts: p.Restarts, Lines: p.LastLines}
	if p.State == BridgeRunning || p.State == BridgeStarting {
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
	switch {
	case scan.Absent:
		stale, why = true, "there is no scan in Hazelcast"
	case scan.Invalid != nil:
		stale, why = true, "the scan in Hazelcast cannot be decoded: "+scan.Invalid.Error()
	default:
		h := scan.Head
		age := max(now.Sub(h.Timestamp), 0)
		sample.DataAgeS, sample.ScanNumber = ptr(seconds(age)), ptr(h.Number)
		if h.Assets >= 0 {
			sample.Assets = ptr(h.Assets)
		}
		r.Health.ScanNumber, r.Health.ScanAgeS = ptr(h.Number), ptr(seconds(age))
		if prev.HaveNumber && !prev.LastAt.IsZero() && now.After(prev.LastAt) {
			sample.ScansPerMinute = ptr(float64(h.Number-prev.LastNumber) / now.Sub(prev.LastAt).Minutes())
		}
		switch {
		case age > f.ScanCriticalAfter.Duration:
			stale, why = true, fmt.Sprintf("scan #%d is %s old", h.Number, age.Round(time.Second))
		case prev.HaveNumber && h.Number == prev.LastNumber:
			// Whatever the clocks say, a number that does not move is stale.
			stale, why = true, fmt.Sprintf("scan #%d has not moved since the last check", h.Number)
		}
		next.LastNumber, next.HaveNumber = h.Number, true
	}

	running := p.State == BridgeRunning || p.State == BridgeStarting
	if !stale || !running || now.Sub(p.StartedAt) < b.StartupGrace.Duration {
		next.StaleReadings = 0
		return r, next, ""
	}
	next.StaleReadings++
	if next.StaleReadings < b.StaleReadings {
		return r, next, ""
	}
	th := map[string]any{"stale_after_s": seconds(f.ScanCriticalAfter.Duration), "stale_readings": b.StaleReadings}
	if newer(newest, scan) {
		next.StaleReadings = 0
		reason := fmt.Sprintf("%s while a newer scan file waits: %s", why, filepath.Base(newest.Path))
		r.add(Warning, CatBridgeStuck, "", "the bridge is stuck, restarting it: "+reason,
			map[string]any{"newest_file": newest.Path, "newest_file_time": newest.ModTime}, th)
		return r, next, reason
	}
	r.add(Critical, CatUpstreamStale, "",
		why+"; no newer scan file has arrived: the scanner upstream has stopped (the bridge is not restarted)",
		map[string]any{"newest_file": newestPath(newest)}, th)
	return r, next, ""
}

// newer reports whether the newest complete file is newer than the scan in
// Hazelcast: written after it was bridged, and not its own source.
func newer(f *NewestFile, scan ScanRead) bool {
	if f == nil {
		return false
	}
	if scan.Absent || scan.Invalid != nil {
		return true
	}
	h := scan.Head
	if h.Source != "" && strings.EqualFold(filepath.Base(f.Path), h.Source) {
		return false
	}
	since := h.BridgedAt
	if since.IsZero() {
		since = h.Timestamp
	}
	return f.ModTime.After(since)
}

func newestPath(f *NewestFile) string {
	if f == nil {
		return ""
	}
	return f.Path
}
