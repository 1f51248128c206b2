package jobs

import (
	"fmt"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
)

// A record naming 5,000 stale indicators of its own (a hostile or broken
// producer: _staleness_s may list any) makes a run of 5,000 findings, each
// a row and a problem, and 5,000 rolled-up staleness rows an hour. A run
// records its 1,000 most severe findings and says how many more there
// were (its status is judged from them all), and rolls up the configured
// indicators only.
func TestARunRecordsAtMostMaxFindings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := exfRecord(time.Now())
	stale := rec["_staleness_s"].(map[string]any)
	for i := range 5000 {
		stale[fmt.Sprintf("junk_%04d", i)] = 9999.0
	}
	e.putPython(rec)
	r := e.run(config.JobFreshness)
	if len(r.Findings) != maxFindings+1 || r.Status != checks.StatusDegraded {
		t.Fatalf("%d findings, status %s", len(r.Findings), r.Status)
	}
	if len(r.Staleness) != len(config.ExpectedIndicators) {
		t.Errorf("staleness of %d indicators rolled up", len(r.Staleness))
	}
	last := r.Findings[maxFindings]
	if last.Category != catFindingsCut || last.Message != "4000 more findings of this run are not recorded (at most 1000 a run)" {
		t.Errorf("the last finding: %+v", last)
	}
	if latest, err := e.store.LatestRun(t.Context(), config.JobFreshness); err != nil || len(latest.Findings) != maxFindings+1 {
		t.Errorf("recorded: %v", err)
	}
}

// The findings cut are the least severe.
func TestCapFindingsKeepsTheMostSevere(t *testing.T) {
	t.Parallel()
	var fs []checks.Finding
	for i := range 1500 {
		fs = append(fs, checks.Finding{Severity: checks.Warning, Category: checks.CatStale, Indicator: fmt.Sprint(i)})
	}
	fs = append(fs, checks.Finding{Severity: checks.Critical, Category: checks.CatMissingCritical, Indicator: "vix"})
	got := capFindings(fs)
	if len(got) != maxFindings+1 || got[0].Indicator != "vix" || got[1].Indicator != "0" || got[maxFindings-1].Indicator != "998" {
		t.Errorf("kept %d: first %+v, then %+v … %+v", len(got), got[0], got[1], got[maxFindings-1])
	}
}
