package report

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// However much history there is, every list of a report is cut to its
// newest MaxRows entries, says so, and keeps its totals: 1,500 incidents,
// 1,500 bridge restarts and 1,100 scan gaps in a day. (That the database
// hands over at most MaxRows restart times is db's TestBridgeHistory.)
func TestReportListsAreCapped(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	cfg.Bridge.Enabled = true
	from := end.Add(-20 * time.Hour)
	h := &History{Since: end.Add(-24 * time.Hour), Until: end, Changes: map[string]Changes{db.Overall: {Initial: checks.StatusUnknown}}}
	var changes []db.Change
	for i := range 3000 {
		st := checks.StatusCritical
		if i%2 == 1 {
			st = checks.StatusHealthy
		}
		changes = append(changes, db.Change{At: from.Add(time.Duration(i) * 10 * time.Second), Status: st})
	}
	h.Changes[db.Overall] = Changes{Initial: checks.StatusUnknown, Changes: changes}
	h.Restarts = db.Restarts{Total: 1500, Reasons: []db.ReasonCount{{Reason: "crash: exit status 1", Count: 1500}}}
	for i := 500; i < 1500; i++ {
		h.Restarts.Times = append(h.Restarts.Times, from.Add(time.Duration(i)*10*time.Second))
	}
	for i := range 2200 {
		n, age := int64(i/2), float64(i%7) // each number seen twice: a gap each
		h.Samples = append(h.Samples, db.ScanSample{At: from.Add(time.Duration(i) * 30 * time.Second), Number: &n, AgeS: &age})
	}
	h.Hours = []db.Hour{{Job: config.JobBridge, Hour: from, Runs: 2200, BridgeChecks: 2200, BridgeUp: 2200}}

	r := Summarize(h, &cfg, end)
	if len(r.Incidents) != MaxRows || r.Truncated["incidents"] != 500 || !r.Incidents[MaxRows-1].Start.After(r.Incidents[0].Start) {
		t.Errorf("incidents: %d kept, %d left out", len(r.Incidents), r.Truncated["incidents"])
	}
	if b := r.Bridge; b == nil || b.Restarts != 1500 || len(b.RestartTimes) != MaxRows || r.Truncated["restart times"] != 500 ||
		len(b.Reasons) != 1 || b.Reasons[0] != (db.ReasonCount{Reason: "crash: exit status 1", Count: 1500}) {
		t.Errorf("bridge: %+v", b)
	}
	if sc := r.Scans; sc == nil || sc.GapCount != 1100 || len(sc.Gaps) != MaxRows || sc.Longest == nil {
		t.Errorf("scans: %+v", sc)
	}
	for _, tl := range r.Timeline {
		if len(tl.Segments) > MaxRows {
			t.Errorf("timeline %s: %d segments", tl.Subject, len(tl.Segments))
		}
	}
	if len(r.ScanSeries) > MaxRows {
		t.Errorf("%d points in the scan age series", len(r.ScanSeries))
	}
	var text bytes.Buffer
	if err := Write(&text, r, "text", false); err != nil || !regexp.MustCompile(`\nincidents +500\n`).MatchString(text.String()) ||
		!strings.Contains(text.String(), "1100 gaps without a new scan") {
		t.Errorf("text: %v\n%s", err, text.String())
	}

	// Refused before anything is read.
	if _, err := Build(context.Background(), nil, &cfg, end, end.Add(-1001*24*time.Hour), end, ""); err == nil ||
		!strings.Contains(err.Error(), "the period is 1001 days, at most 1000") {
		t.Errorf("a period over MaxPeriod: %v", err)
	}
}
