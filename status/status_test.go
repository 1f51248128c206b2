package status

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
	"tidewatch/supervise"
)

// History speaks for now while a job's latest run is at most three
// intervals and 10 s old: /healthz, status, /readyz and wait all judge by
// this one rule.
func TestCurrent(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		ago, interval time.Duration
		want          bool
	}{
		{0, time.Second, true},
		{13 * time.Second, time.Second, true},
		{13*time.Second + time.Nanosecond, time.Second, false},
		{190 * time.Second, time.Minute, true},
		{191 * time.Second, time.Minute, false},
		{-time.Hour, time.Minute, true}, // ahead of this clock: Ready says so on its own
	}
	for _, tt := range tests {
		if got := Current(now.Add(-tt.ago), now, tt.interval); got != tt.want {
			t.Errorf("a run %s ago, every %s: current %v, want %v", tt.ago, tt.interval, got, tt.want)
		}
	}
}

func TestMergeTakesTheLatestRunOfEveryJob(t *testing.T) {
	t.Parallel()
	limits := config.Default().Health
	integrity := &db.Run{Job: "integrity", Health: checks.Health{HazelcastConnected: true, IndicatorsPresent: ptr(28), ACBReady: ptr(true)}}
	freshness := &db.Run{Job: "freshness", Health: checks.Health{HazelcastConnected: true, StaleCount: ptr(2), ScanNumber: ptr(int64(9))}}
	for range 2 {
		freshness.Findings = append(freshness.Findings, checks.Finding{Severity: checks.Warning, Category: checks.CatStale})
	}
	integrity.Findings = append(integrity.Findings, checks.Finding{Severity: checks.Warning, Category: checks.CatStale},
		checks.Finding{Severity: checks.Warning, Category: checks.CatStale})
	st, h := Merge([]*db.Run{integrity, freshness}, limits)
	// Four stale findings across the two runs: more than three.
	if st != checks.StatusDegraded {
		t.Errorf("status %s", st)
	}
	if !h.HazelcastConnected || *h.IndicatorsPresent != 28 || *h.StaleCount != 2 || *h.ScanNumber != 9 {
		t.Errorf("merged health %+v", h)
	}
	freshness.Health.HazelcastConnected = false
	if _, h := Merge([]*db.Run{integrity, freshness}, limits); h.HazelcastConnected {
		t.Error("connected although one job could not reach Hazelcast")
	}
	if st, _ := Merge(nil, limits); st != checks.StatusUnknown {
		t.Errorf("no runs: %s", st)
	}
}

func TestStatusTextNamesWhatMatters(t *testing.T) {
	t.Parallel()
	last := time.Date(2026, 11, 23, 11, 59, 30, 0, time.UTC)
	st := &Status{
		GeneratedAt: last.Add(30 * time.Second),
		Overall:     checks.StatusCritical,
		Jobs:        []JobStatus{{Job: "integrity", LastRun: &last, Status: checks.StatusCritical, Findings: 2, DurationMS: 1.5, Current: true}, {Job: "freshness", Status: checks.StatusUnknown}},
		Health:      checks.Health{HazelcastConnected: true, IndicatorsPresent: ptr(27), IndicatorsExpected: ptr(28), ACBReady: ptr(false), MissingCritical: []string{"vix"}},
		Findings:    []db.StoredFinding{{Finding: checks.Finding{Severity: checks.Critical, Category: "missing_critical", Message: "ACB-critical indicator vix is NaN"}, Job: "integrity", ObservedAt: last}},
		Bridge: &BridgeStatus{CheckedAt: last, Sample: checks.BridgeSample{State: supervise.Running, PID: 812, UptimeS: ptr(7380.0),
			Restarts: 2, ScanNumber: ptr(int64(4228)), DataAgeS: ptr(2.0), ScansPerMinute: ptr(12.0), Lines: []string{`{"msg":"pushed"}`}},
			LastExit: &supervise.Event{At: last.Add(-time.Hour), Kind: supervise.EventExit, Reason: "crash: killed by SIGKILL"}},
	}
	var b bytes.Buffer
	if err := WriteStatus(&b, st, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"tidewatch: CRITICAL",
		"integrity  2026-11-23 11:59:30  30s  critical  2         1.5ms",
		"freshness  never",
		"27/28 present, ACB ready: no (critical missing: vix)",
		"critical  integrity  missing_critical  ACB-critical indicator vix is NaN",
		"bridge               running, pid 812, up 2h3m, 2 restarts, scan #4228 2s old, 12.0 scans/min",
		"bridge last exit     2026-11-23 10:59:30: crash: killed by SIGKILL",
		`  {"msg":"pushed"}`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
}

// Case 9: the health lines say what is so, in plain words.
func TestHealthLinesTellNoSmallLies(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	lag, one := -1.126, 1
	writeHealth(&b, checks.Health{PersistenceConnected: ptr(true), DiskLagS: &lag, KeyDifference: &one})
	if got := b.String(); !strings.Contains(got, "ahead by 1s, 1 key apart") {
		t.Errorf("%q", got)
	}
	b.Reset()
	lag, two := 61, 2
	writeHealth(&b, checks.Health{PersistenceConnected: ptr(true), DiskLagS: &lag, KeyDifference: &two})
	if got := b.String(); !strings.Contains(got, "trails by 1m1s, 2 keys apart") {
		t.Errorf("%q", got)
	}
}

// Text output shows a root cause first and folds its consequences under
// it; the rest keep their order, most severe first.
func TestFoldPutsTheRootFirst(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f := func(sev checks.Severity, cat string) checks.Finding {
		return checks.Finding{Severity: sev, Category: cat}
	}
	items := []item{
		{Job: "integrity", At: at, Finding: f(checks.Warning, checks.CatMissing)},
		{Job: "integrity", At: at, Finding: f(checks.Critical, checks.CatMissingCritical)},
		{Job: "integrity", At: at, Finding: f(checks.Critical, checks.CatRecordAbsent)},
		{Job: "integrity", At: at, Finding: f(checks.Warning, checks.CatMissing)},
		{Job: "divergence", At: at, Finding: f(checks.Warning, checks.CatPersistence)},
		// Another run's missing is not explained by this run's cause.
		{Job: "integrity", At: at.Add(time.Minute), Finding: f(checks.Warning, checks.CatMissing)},
	}
	got := fold(items)
	var lines []string
	for _, l := range got {
		lines = append(lines, l.Job+" "+l.Finding.Category+" "+l.Folded)
	}
	want := []string{
		"integrity record_absent +2 missing, +1 missing_critical (follow from record_absent)",
		"divergence persistence_unavailable ",
		"integrity missing ",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// The copy the text writers print has every string made printable, the
// original is left as it was (JSON prints it raw), and times survive.
func TestPrintableCopiesDeeply(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st := &Status{GeneratedAt: at, Findings: []db.StoredFinding{{Job: "freshness", ObservedAt: at,
		Finding: checks.Finding{Indicator: "\x1b[2Jvix", Message: "\rfake", Details: map[string]any{"k\x1b": []any{"v\x1b"}}}}},
		Bridge: &BridgeStatus{Sample: checks.BridgeSample{Lines: []string{"line\x1b]0;title\x07"}}}}
	p := present.Copy(st)
	f := p.Findings[0]
	if f.Indicator != `\x1b[2Jvix` || f.Message != `\rfake` || !f.ObservedAt.Equal(at) || !p.GeneratedAt.Equal(at) {
		t.Errorf("copy %+v", f)
	}
	if v, ok := f.Details[`k\x1b`].([]any); !ok || v[0] != `v\x1b` {
		t.Errorf("details %v", f.Details)
	}
	if p.Bridge.Sample.Lines[0] != `line\x1b]0;title\a` {
		t.Errorf("bridge lines %q", p.Bridge.Sample.Lines)
	}
	if st.Findings[0].Indicator != "\x1b[2Jvix" || st.Bridge.Sample.Lines[0] != "line\x1b]0;title\x07" {
		t.Error("the original was changed")
	}
}

func ptr[T any](v T) *T { return &v }
