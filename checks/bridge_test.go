package checks

import (
	"errors"
	"testing"
	"time"

	"tidewatch/record"
)

func running(startedAgo time.Duration) BridgeProcess {
	return BridgeProcess{State: BridgeRunning, PID: 42, StartedAt: t0.Add(-startedAgo), ReadyAt: t0.Add(-startedAgo), Restarts: 1}
}

func scanAt(n int64, age time.Duration, bridgedAgo time.Duration, source string) ScanRead {
	return ScanRead{Head: record.ScanHead{Number: n, Timestamp: t0.Add(-age), Assets: 400, BridgedAt: t0.Add(-bridgedAgo), Source: source}}
}

func TestBridgeStaleTwiceWithANewerFileRestarts(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	cfg.Bridge.Enabled = true
	proc := running(time.Hour)
	stale := scanAt(100, 90*time.Second, 89*time.Second, "scan_100.arrow")
	newer := &NewestFile{Path: "/scans/scan_101.arrow", ModTime: t0.Add(-80 * time.Second)}
	prev := BridgeState{LastNumber: 99, HaveNumber: true, LastAt: t0.Add(-30 * time.Second)}

	r, s, restart := Bridge(t0, proc, stale, newer, prev, cfg)
	if restart != "" || s.StaleReadings != 1 || len(r.Findings) != 0 {
		t.Fatalf("first stale reading: restart %q, state %+v, findings %v", restart, s, r.Findings)
	}
	r, s, restart = Bridge(t0.Add(30*time.Second), proc, stale, newer, s, cfg)
	if restart == "" || s.StaleReadings != 0 {
		t.Fatalf("second stale reading: restart %q, state %+v", restart, s)
	}
	sameFindings(t, r.Findings, want{Warning, CatBridgeStuck, ""})
}

func TestBridgeStaleWithoutANewerFileIsUpstream(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	proc := running(time.Hour)
	stale := scanAt(100, 90*time.Second, 89*time.Second, "scan_100.arrow")
	for _, newest := range []*NewestFile{
		nil, // nothing at all in the directory
		{Path: "/scans/scan_100.arrow", ModTime: t0.Add(-5 * time.Second)},   // its own source, touched
		{Path: "/scans/scan_099.arrow", ModTime: t0.Add(-100 * time.Second)}, // older than the bridged scan
	} {
		_, s, _ := Bridge(t0, proc, stale, newest, BridgeState{}, cfg)
		r, _, restart := Bridge(t0.Add(30*time.Second), proc, stale, newest, s, cfg)
		if restart != "" {
			t.Errorf("newest %+v: a bridge that is not at fault was restarted: %q", newest, restart)
		}
		sameFindings(t, r.Findings, want{Critical, CatUpstreamStale, ""})
	}
}

func TestBridgeScanNumberThatDoesNotMoveIsStale(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	proc := running(time.Hour)
	fresh := scanAt(100, time.Second, time.Second, "scan_100.arrow") // clocks say fresh
	newer := &NewestFile{Path: "/scans/scan_101.arrow", ModTime: t0}
	s := BridgeState{LastNumber: 100, HaveNumber: true, LastAt: t0.Add(-30 * time.Second)}
	_, s, _ = Bridge(t0, proc, fresh, newer, s, cfg)
	_, _, restart := Bridge(t0.Add(30*time.Second), proc, fresh, newer, s, cfg)
	if restart == "" {
		t.Error("a scan number stuck for two checks did not count as stale")
	}
}

func TestBridgeHealthyAndItsMetrics(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	prev := BridgeState{LastNumber: 90, HaveNumber: true, LastAt: t0.Add(-30 * time.Second), StaleReadings: 1}
	r, s, restart := Bridge(t0, running(10*time.Minute), scanAt(100, 2*time.Second, time.Second, "x"), nil, prev, cfg)
	if restart != "" || len(r.Findings) != 0 || s.StaleReadings != 0 {
		t.Fatalf("healthy: %q %v %+v", restart, r.Findings, s)
	}
	b := r.Bridge
	if b.State != BridgeRunning || b.PID != 42 || *b.UptimeS != 600 || *b.DataAgeS != 2 || *b.ScanNumber != 100 ||
		*b.Assets != 400 || b.Restarts != 1 || *b.ScansPerMinute != 20 {
		t.Errorf("sample %+v", b)
	}
}

func TestBridgeStartupGraceAndHazelcastDownNeverRestart(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	newer := &NewestFile{Path: "/scans/new.arrow", ModTime: t0}
	// Just started: no scan yet is expected.
	s := BridgeState{StaleReadings: 5}
	r, s, restart := Bridge(t0, running(10*time.Second), ScanRead{Absent: true}, newer, s, cfg)
	if restart != "" || s.StaleReadings != 0 || len(r.Findings) != 0 {
		t.Errorf("in the grace: %q %+v %v", restart, s, r.Findings)
	}
	// Hazelcast away: alert and retry, no restart.
	s = BridgeState{StaleReadings: 1}
	r, s, restart = Bridge(t0, running(time.Hour), ScanRead{Unreachable: errors.New("not connected")}, newer, s, cfg)
	if restart != "" || s.StaleReadings != 1 {
		t.Errorf("Hazelcast down: %q %+v", restart, s)
	}
	sameFindings(t, r.Findings, want{Critical, CatConnectivity, ""})
}

func TestBridgeProcessStates(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	fresh := scanAt(100, time.Second, time.Second, "x")
	tests := []struct {
		proc BridgeProcess
		want []want
	}{
		{BridgeProcess{State: BridgeFailed, FailedReason: "it exited with code 78 (bad configuration)"}, []want{{Critical, CatBridgeConfig, ""}}},
		{BridgeProcess{State: BridgeCooldown, LastExit: "exit status 1", NextStart: t0.Add(time.Minute)}, []want{{Critical, CatBridgeCooldown, ""}}},
		{BridgeProcess{State: BridgeBackoff, Attempts: 2, LastExit: "killed by SIGKILL"}, []want{{Warning, CatBridgeRestarting, ""}}},
		{BridgeProcess{State: BridgeStarting, StartedAt: t0.Add(-2 * time.Minute)}, []want{{Warning, CatBridgeNotReady, ""}}},
		{BridgeProcess{State: BridgeStarting, StartedAt: t0.Add(-10 * time.Second)}, nil},
	}
	for _, tt := range tests {
		r, _, restart := Bridge(t0, tt.proc, fresh, nil, BridgeState{}, cfg)
		if restart != "" {
			t.Errorf("%s: restart %q", tt.proc.State, restart)
		}
		sameFindings(t, r.Findings, tt.want...)
	}
}

func TestPoisonedFilesAreReportedOnce(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	proc := running(time.Hour)
	proc.Poisoned = []string{"/scans/killer.arrow"}
	fresh := scanAt(100, time.Second, time.Second, "x")
	r, s, _ := Bridge(t0, proc, fresh, nil, BridgeState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatBridgePoison, ""})
	r, _, _ = Bridge(t0.Add(30*time.Second), proc, scanAt(101, time.Second, time.Second, "y"), nil, s, cfg)
	sameFindings(t, r.Findings)
}
