package checks

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/record"
	"tidewatch/supervise"
)

func running(startedAgo time.Duration) BridgeProcess {
	return BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Running, PID: 42, StartedAt: t0.Add(-startedAgo), ReadyAt: t0.Add(-startedAgo), Restarts: 1}}
}

func scanAt(n int64, age time.Duration, bridgedAgo time.Duration, source string) ScanRead {
	return ScanRead{Head: record.ScanHead{Number: n, Timestamp: t0.Add(-age), Assets: 400, BridgedAt: t0.Add(-bridgedAgo), Source: source}}
}

// arrivedFile is a whole scan file that arrived some time before t0, not
// read by the bridge yet.
func arrivedFile(name string, ago time.Duration) *NewestFile {
	return &NewestFile{Path: "/scans/" + name, ModTime: t0.Add(-ago), Size: 1000, Arrived: t0.Add(-ago)}
}

// readFile is a whole scan file the bridge read, with what it learned.
func readFile(name string, ago time.Duration, r record.Reading) *NewestFile {
	f := arrivedFile(name, ago)
	f.Reading = &r
	return f
}

func TestBridgeStaleTwiceWithANewerFileRestarts(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	cfg.Bridge.Enabled = true
	proc := running(time.Hour)
	stale := scanAt(100, 90*time.Second, 89*time.Second, "scan_100.arrow")
	prev := BridgeState{LastNumber: 99, HaveNumber: true, LastAt: t0.Add(-30 * time.Second)}
	for _, newer := range []*NewestFile{
		arrivedFile("scan_101.arrow", 80*time.Second), // not read within decide_within
		readFile("scan_101.arrow", 80*time.Second, record.Reading{At: t0.Add(-80 * time.Second), Number: 101, Timestamp: t0.Add(-81 * time.Second)}), // read, taken, never pushed
	} {
		r, s, restart := Bridge(t0, proc, stale, newer, prev, cfg)
		if restart != "" || s.StaleReadings != 1 || len(r.Findings) != 0 {
			t.Fatalf("first stale reading: restart %q, state %+v, findings %v", restart, s, r.Findings)
		}
		r, s, restart = Bridge(t0.Add(30*time.Second), proc, stale, newer, s, cfg)
		if restart == "" || s.StaleReadings != 0 || s.RestartedFor == "" {
			t.Fatalf("second stale reading: restart %q, state %+v", restart, s)
		}
		sameFindings(t, r.Findings, want{Warning, CatBridgeStuck, ""})
	}
}

// Case 5 of "a verdict that cannot be fooled": a newest file the bridge
// rightly declined never counts as waiting. The scan going stale is then
// the scanner's doing: upstream_stale, and the bridge is left alone.
func TestBridgeStaleWithoutANewerFileIsUpstream(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	proc := running(time.Hour)
	stale := scanAt(100, 90*time.Second, 89*time.Second, "scan_100.arrow")
	read := func(n int64, ts time.Time) record.Reading {
		return record.Reading{At: t0.Add(-20 * time.Second), Number: n, Timestamp: ts}
	}
	refused := func(why string) record.Reading { return record.Reading{At: t0.Add(-20 * time.Second), Refused: why} }
	for _, newest := range []*NewestFile{
		nil, // nothing at all in the directory
		readFile("scan_100.arrow", 20*time.Second, read(100, t0.Add(-90*time.Second))), // its own source, touched
		arrivedFile("scan_099.arrow", 100*time.Second),                                 // there before the scan was bridged
		readFile("scan_099.arrow", 20*time.Second, read(99, t0.Add(-95*time.Second))),  // a lower number, older
		readFile("no_number.arrow", 20*time.Second, refused(`no scan number: no column or schema metadata "scan_number"`)),
		readFile("poisoned.arrow", 20*time.Second, refused("the bridge died while parsing it")),
		readFile("future.arrow", 20*time.Second, read(101, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))),
		readFile("huge.arrow", 20*time.Second, refused("its record is 9000000 bytes, over bridge.max_record_size (8388608)")),
		readFile("big.arrow", 20*time.Second, refused("70000000 bytes is over bridge.max_file_size (67108864)")),
	} {
		_, s, _ := Bridge(t0, proc, stale, newest, BridgeState{}, cfg)
		r, _, restart := Bridge(t0.Add(30*time.Second), proc, stale, newest, s, cfg)
		if restart != "" {
			t.Errorf("newest %+v: a bridge that is not at fault was restarted: %q", newest, restart)
		}
		sameFindings(t, r.Findings, want{Critical, CatUpstreamStale, ""})
		if newest != nil && newest.Reading != nil && newest.Reading.Number != 100 && !strings.Contains(r.Findings[0].Message, "was declined by the bridge") {
			t.Errorf("the finding does not say the file was declined: %s", r.Findings[0].Message)
		}
	}
}

// A file that arrived moments ago is not judged yet: the bridge has
// decide_within to take it.
func TestBridgeFileJustArrivedIsNotJudgedYet(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	proc := running(time.Hour)
	stale := scanAt(100, 90*time.Second, 89*time.Second, "scan_100.arrow")
	fresh := arrivedFile("scan_101.arrow", time.Second)
	_, s, _ := Bridge(t0.Add(-time.Second), proc, stale, fresh, BridgeState{}, cfg)
	r, s, restart := Bridge(t0, proc, stale, fresh, s, cfg)
	if restart != "" || len(r.Findings) != 0 {
		t.Fatalf("restart %q, findings %v", restart, r.Findings)
	}
	_, _, restart = Bridge(t0.Add(30*time.Second), proc, stale, fresh, s, cfg)
	if restart == "" {
		t.Error("a file unread past decide_within does not wait")
	}
}

// A bridge restarted for a file that still waits after the restart is a
// finding, and is not restarted again and again.
func TestBridgeStillStuckWithTheSameFileIsAFindingNotALoop(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	stale := scanAt(100, 90*time.Second, 89*time.Second, "scan_100.arrow")
	waiting := arrivedFile("scan_101.arrow", 80*time.Second)
	var s BridgeState
	var restarts int
	for i := range 8 {
		now := t0.Add(time.Duration(i) * 30 * time.Second)
		var r Result
		var restart string
		// Restarted at once, ready again: past the grace every time.
		r, s, restart = Bridge(now, running(2*time.Minute), stale, waiting, s, cfg)
		if restart != "" {
			restarts++
		}
		if i == 3 {
			sameFindings(t, r.Findings, want{Critical, CatBridgeStillStuck, ""})
		}
	}
	if restarts != 1 {
		t.Errorf("%d restarts for one waiting file, want 1", restarts)
	}
	// Another file waiting is another matter.
	other := arrivedFile("scan_102.arrow", 70*time.Second)
	_, _, restart := Bridge(t0.Add(5*time.Minute), running(2*time.Minute), stale, other, s, cfg)
	if restart == "" {
		t.Error("a new waiting file did not restart the bridge")
	}
}

// Case 8: "stuck" is judged by how long the scan number has not moved,
// against freshness.scan_stuck_after, whatever the schedule.
func TestBridgeScanNumberThatDoesNotMoveIsStale(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	cfg.Freshness.ScanStuckAfter = config.Duration{Duration: 60 * time.Second}
	proc := running(time.Hour)
	fresh := scanAt(100, time.Second, time.Second, "scan_100.arrow") // clocks say fresh
	newer := arrivedFile("scan_101.arrow", -10*time.Second)          // arrived after the push, never read

	// Checks 100 ms apart: the number not moving between them is nothing.
	s := BridgeState{LastNumber: 99, HaveNumber: true, LastAt: t0.Add(-time.Second)}
	for i := range 5 {
		var r Result
		r, s, _ = Bridge(t0.Add(time.Duration(i)*100*time.Millisecond), proc, fresh, newer, s, cfg)
		if s.StaleReadings != 0 || len(r.Findings) != 0 {
			t.Fatalf("check %d, 100 ms apart: %+v %v", i, s, r.Findings)
		}
	}
	// Unmoved for longer than scan_stuck_after while its timestamp keeps
	// claiming freshness: stale, in two readings.
	lying := scanAt(100, -61*time.Second, time.Second, "scan_100.arrow")
	_, s, _ = Bridge(t0.Add(61*time.Second), proc, lying, newer, s, cfg)
	_, s, restart := Bridge(t0.Add(62*time.Second), proc, lying, newer, s, cfg)
	if restart == "" || !strings.Contains(restart, "scan #100 has not moved for 1m2s") {
		t.Errorf("a scan number stuck for 62s: %q %+v", restart, s)
	}
}

// The bridge's refusals since the last check are findings: a scan from the
// future, a record too big, a file it cannot read. Poisoned files have
// their own finding; decisions of an earlier bridge are history.
func TestBridgeRefusalsAreFindingsOnce(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	proc := running(time.Hour)
	fresh := scanAt(100, time.Second, time.Second, "x")
	at := t0.Add(-time.Second)
	proc.Decisions = []BridgeDecision{
		{Seq: 1, File: "old.arrow", Reading: record.Reading{At: t0.Add(-2 * time.Hour), Refused: "an earlier bridge's"}},
		{Seq: 2, File: "s100.arrow", Reading: record.Reading{At: at, Number: 100, Timestamp: at}},
		{Seq: 3, File: "future.arrow", Reading: record.Reading{At: at, Number: 101, Timestamp: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{Seq: 4, File: "huge.arrow", Reading: record.Reading{At: at, Refused: "its record is 9000000 bytes, over bridge.max_record_size (8388608)"}},
		{Seq: 5, File: "killer.arrow", Reading: record.Reading{At: at, Refused: "the bridge died while parsing it"}, Poisoned: true},
	}
	r, s, _ := Bridge(t0, proc, fresh, nil, BridgeState{}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatBridgeRefused, ""}, want{Warning, CatBridgeRefused, ""})
	if !strings.Contains(r.Findings[0].Message, "future.arrow: scan #101 is dated 2100-01-01T00:00:00Z") ||
		!strings.Contains(r.Findings[1].Message, "huge.arrow: its record is 9000000 bytes") || s.RefusedSeq != 5 {
		t.Errorf("%v %+v", r.Findings, s)
	}
	r, s, _ = Bridge(t0.Add(30*time.Second), proc, fresh, nil, s, cfg)
	sameFindings(t, r.Findings)
	proc.Decisions = append(proc.Decisions, BridgeDecision{Seq: 6, File: "bad.arrow", Reading: record.Reading{At: t0, Refused: "corrupted"}})
	r, _, _ = Bridge(t0.Add(60*time.Second), proc, fresh, nil, s, cfg)
	sameFindings(t, r.Findings, want{Warning, CatBridgeRefused, ""})
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
	if b.State != supervise.Running || b.PID != 42 || *b.UptimeS != 600 || *b.DataAgeS != 2 || *b.ScanNumber != 100 ||
		*b.Assets != 400 || b.Restarts != 1 || *b.ScansPerMinute != 20 {
		t.Errorf("sample %+v", b)
	}
}

func TestBridgeStartupGraceAndHazelcastDownNeverRestart(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	newer := arrivedFile("new.arrow", time.Minute)
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
		{BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Failed, FailedReason: "it exited with code 78 (bad configuration)"}}, []want{{Critical, CatBridgeConfig, ""}}},
		{BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Cooldown, LastExit: "exit status 1", NextStart: t0.Add(time.Minute)}}, []want{{Critical, CatBridgeCooldown, ""}}},
		{BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Backoff, Attempts: 2, LastExit: "killed by SIGKILL"}}, []want{{Warning, CatBridgeRestarting, ""}}},
		{BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Starting, StartedAt: t0.Add(-2 * time.Minute)}}, []want{{Warning, CatBridgeNotReady, ""}}},
		{BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Starting, StartedAt: t0.Add(-10 * time.Second)}}, nil},
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

// A scan stamped in the future is no evidence of freshness to the bridge
// job either: its age is how long tidewatch has seen it unchanged, and a
// scan whose age cannot be told at all is stale.
func TestBridgeFutureScanIsAgedByWhatWasSeen(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	future := scanAt(100, -time.Hour, time.Second, "x")
	future.Seen = Seen{Since: t0.Add(-90 * time.Second)}
	_, s, _ := Bridge(t0, running(time.Hour), future, nil, BridgeState{}, cfg)
	r, _, _ := Bridge(t0.Add(30*time.Second), running(time.Hour), future, nil, s, cfg)
	if got := *r.Bridge.DataAgeS; got != 120 {
		t.Errorf("data age %v s, want 120 (seen unchanged for that long)", got)
	}
	sameFindings(t, r.Findings, want{Critical, CatUpstreamStale, ""})

	unknown := scanAt(100, -time.Hour, time.Second, "x")
	_, s, _ = Bridge(t0, running(time.Hour), unknown, nil, BridgeState{}, cfg)
	r, _, _ = Bridge(t0.Add(30*time.Second), running(time.Hour), unknown, nil, s, cfg)
	sameFindings(t, r.Findings, want{Critical, CatUpstreamStale, ""})
	if !strings.Contains(r.Findings[0].Message, "its age cannot be told") {
		t.Errorf("message %q", r.Findings[0].Message)
	}
}
