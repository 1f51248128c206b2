package alert

import (
	"strings"
	"testing"
	"time"
)

func TestNewSilenceRefusesWhatCannotBeMeant(t *testing.T) {
	t.Parallel()
	jobs := []string{"integrity", "divergence", "freshness", "bridge"}
	s, err := NewSilence(" divergence/* ", jobs, t0, 2*time.Hour, "alice", " snapshots being moved ", t0)
	if err != nil {
		t.Fatal(err)
	}
	if s.Matcher != "divergence/*" || !s.Ends.Equal(t0.Add(2*time.Hour)) || s.CreatedBy != "alice" || s.Comment != "snapshots being moved" ||
		!s.Created.Equal(t0) {
		t.Errorf("silence %+v", s)
	}
	for _, ok := range []string{"*/stale/vix", "fresh*/stale/*", "*"} {
		if _, err := NewSilence(ok, jobs, t0, time.Hour, "alice", "why", t0); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []struct {
		matcher string
		d       time.Duration
		comment string
		starts  time.Time
		want    string
	}{
		{"", time.Hour, "why", t0, "--match: give a fingerprint pattern"},
		{"divergence/*", 0, "why", t0, "--for 0s: a silence must last"},
		{"divergence/*", time.Hour, " ", t0, "--comment: say why"},
		{"divergence/*", time.Hour, "why", t0.Add(-2 * time.Hour), "in the past"},
		{"divergnce/*", time.Hour, "why", t0, `no job "divergnce" here; a fingerprint is job/category/indicator, and the jobs are integrity, divergence, freshness, bridge`},
		{"divergence", time.Hour, "why", t0, `matches no problem: a fingerprint is job/category/indicator ("divergence/*" silences all of divergence)`},
	} {
		if _, err := NewSilence(bad.matcher, jobs, bad.starts, bad.d, "alice", bad.comment, t0); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
