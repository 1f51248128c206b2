package record

import (
	"strings"
	"testing"
	"time"
)

func TestJudge(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	rule := Rule{MaxFuture: 5 * time.Second, DecideWithin: 10 * time.Second}
	scan := func(n int64, ts time.Time) *Reading { return &Reading{At: now, Number: n, Timestamp: ts} }
	held := &ScanHead{Number: 100, Timestamp: now.Add(-time.Second), BridgedAt: now.Add(-time.Second)}
	tests := []struct {
		name    string
		read    *Reading
		arrived time.Time
		held    *ScanHead
		want    Verdict
		reason  string
	}{
		{"newer number", scan(101, now), now, held, Take, ""},
		{"nothing held", scan(1, now), now, nil, Take, ""},
		{"the same scan", scan(100, now), now, held, NotNewer, "scan #100 is the one in Hazelcast"},
		{"a lower number, older", scan(99, now.Add(-time.Minute)), now, held, NotNewer, "scan #99 is older than #100"},
		{"numbering started again", scan(1, now), now, held, Take, "scan numbering started again: #1"},
		{"after a huge number with a sane time", scan(5, now), now,
			&ScanHead{Number: 1e15, Timestamp: now.Add(-time.Second)}, Take, "numbering started again"},
		{"a huge number itself", scan(1e15, now), now, held, Take, ""},
		{"beyond 2^53", scan(1<<53+1, now), now, held, Refused, "beyond 2^53"},
		{"from the future", scan(101, now.Add(time.Hour)), now, held, Refused, "1h0m0s ahead of the clock"},
		{"from the future, nothing held", scan(101, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)), now, nil, Refused, "dated 2100-01-01T00:00:00Z"},
		{"within the skew", scan(101, now.Add(4*time.Second)), now, held, Take, ""},
		{"refused when read", &Reading{At: now, Refused: "no scan number"}, now, held, Refused, "no scan number"},
		{"not read, young", nil, now.Add(-time.Millisecond), held, Pending, ""},
		{"not read, past the grace", nil, now.Add(-11 * time.Second), &ScanHead{Number: 100, BridgedAt: now.Add(-time.Minute)}, Unread, "has not read it in the 11s"},
		{"not read, nothing held", nil, now.Add(-11 * time.Second), nil, Unread, ""},
		{"not read, there before the held scan was bridged", nil, now.Add(-2 * time.Second), held, NotNewer, "before scan #100 in Hazelcast was bridged"},
		{"not read, the held scan's source, unchanged", nil, now.Add(-time.Second), &ScanHead{Number: 100, BridgedAt: now.Add(-time.Second), Source: "s.arrow"},
			NotNewer, "scan #100 in Hazelcast was bridged from it"},
		{"not read, the held scan's source, changed since", nil, now.Add(-time.Second), &ScanHead{Number: 100, BridgedAt: now.Add(-time.Minute), Source: "s.arrow"},
			Pending, ""},
		{"a future scan held is no bar", scan(7, now), now,
			&ScanHead{Number: 9e15, Timestamp: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}, Take, ""},
		{"a scan held that was future when bridged is no bar", scan(7, now.Add(-time.Hour)), now,
			&ScanHead{Number: 50, Timestamp: now.Add(-time.Minute), BridgedAt: now.Add(-time.Hour)}, Take, ""},
	}
	for _, tt := range tests {
		j := Judge(File{Name: "s.arrow", Arrived: tt.arrived, Read: tt.read}, tt.held, now, rule)
		if j.Verdict != tt.want || !strings.Contains(j.Reason, tt.reason) {
			t.Errorf("%s: %v %q, want %v %q", tt.name, j.Verdict, j.Reason, tt.want, tt.reason)
		}
		if waits := tt.want == Take || tt.want == Unread; j.Verdict.Waits() != waits {
			t.Errorf("%s: waits %v", tt.name, j.Verdict.Waits())
		}
	}
}

// A verdict on a recorded reading does not change as the clock moves on: a
// scan refused as future-dated stays refused once its time has come.
func TestJudgeIsStableOverTime(t *testing.T) {
	t.Parallel()
	read := &Reading{At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), Number: 5, Timestamp: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	rule := Rule{MaxFuture: 5 * time.Second}
	for _, now := range []time.Time{read.At, read.At.Add(2 * time.Hour)} {
		if j := Judge(File{Name: "s.arrow", Read: read}, nil, now, rule); j.Verdict != Refused {
			t.Errorf("at %s: %v", now, j)
		}
	}
}
