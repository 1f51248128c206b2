package db

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"tidewatch/checks"
)

// Silences are kept as amtool's are: added with a matcher, an end and a
// comment; listed while not expired, the soonest to end first; expired at
// once on request (a pending one never starts); pruned with the runs.
func TestSilencesAddListExpirePrune(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	add := func(matcher string, starts, ends time.Time, comment string) (int64, error) {
		return s.AddSilence(ctx, Silence{Matcher: matcher, Starts: starts, Ends: ends, CreatedBy: "alice", Comment: comment, Created: t0})
	}
	divergence, err := add("divergence/*", t0, t0.Add(2*time.Hour), "snapshots being moved")
	if err != nil {
		t.Fatal(err)
	}
	vix, _ := add("*/stale/vix", t0, t0.Add(time.Hour), "vix feed down at the source")
	later, _ := add("freshness/*", t0.Add(3*time.Hour), t0.Add(4*time.Hour), "scanner upgrade tonight")
	for _, bad := range []struct {
		matcher, comment string
		ends             time.Time
		want             string
	}{
		{"", "why", t0.Add(time.Hour), "the matcher must not be empty"},
		{"x/*", " ", t0.Add(time.Hour), "say why in a comment"},
		{"x/*", "why", t0, "it ends (2026-11-23 12:00:00.000) before it starts"},
	} {
		if _, err := add(bad.matcher, t0, bad.ends, bad.comment); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: %v", bad, err)
		}
	}

	ids := func(list []Silence, err error) []int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, sl := range list {
			out = append(out, sl.ID)
		}
		return out
	}
	same := func(what string, got []int64, want ...int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", what, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %v, want %v", what, got, want)
			}
		}
	}
	same("active", ids(s.ActiveSilences(ctx, t0.Add(time.Minute))), divergence, vix)
	same("listed, soonest to end first", ids(s.Silences(ctx, t0.Add(time.Minute), false)), vix, divergence, later)
	same("active later", ids(s.ActiveSilences(ctx, t0.Add(3*time.Hour))), later)
	list, _ := s.Silences(ctx, t0, false)
	if got := list[1]; got.Matcher != "divergence/*" || got.CreatedBy != "alice" || got.Comment != "snapshots being moved" ||
		!got.Starts.Equal(t0) || !got.Ends.Equal(t0.Add(2*time.Hour)) || !got.Created.Equal(t0) {
		t.Errorf("read back %+v", got)
	}
	if st := list[2].State(t0); st != SilencePending {
		t.Errorf("a silence that starts later is %s", st)
	}

	now := t0.Add(30 * time.Minute)
	if err := s.ExpireSilence(ctx, vix, now); err != nil {
		t.Fatal(err)
	}
	if err := s.ExpireSilence(ctx, later, now); err != nil {
		t.Fatal(err)
	}
	if err := s.ExpireSilence(ctx, vix, now.Add(time.Second)); err == nil || !strings.Contains(err.Error(), "already expired at 2026-11-23 12:30:00.000 UTC") {
		t.Errorf("expired twice: %v", err)
	}
	if err := s.ExpireSilence(ctx, 99, now); !errors.Is(err, ErrNoSilence) {
		t.Errorf("no such silence: %v", err)
	}
	same("active once expired", ids(s.ActiveSilences(ctx, now)), divergence)
	same("listed once expired", ids(s.Silences(ctx, now, false)), divergence)
	same("with the expired ones", ids(s.Silences(ctx, now, true)), vix, later, divergence)
	all, _ := s.Silences(ctx, now, true)
	if all[1].State(now) != SilenceExpired || !all[1].Starts.Equal(now) || !all[1].Ends.Equal(now) {
		t.Errorf("a pending silence expired: %+v", all[1])
	}

	if _, err := s.Prune(ctx, t0.Add(time.Hour), t0, 100); err != nil {
		t.Fatal(err)
	}
	same("pruned: those that ended before the cutoff", ids(s.Silences(ctx, now, true)), divergence)
}

// The status page's bars: a job's latest runs, oldest first, each with its
// warnings and criticals, the criticals first, five at most and a count of
// the rest.
func TestRecentRuns(t *testing.T) {
	t.Parallel()
	s := open(t)
	ctx := context.Background()
	for i := range 4 {
		r := sampleRun("integrity", t0.Add(time.Duration(i)*time.Minute))
		if i == 3 {
			for j := range 7 {
				r.Findings = append(r.Findings, checks.Finding{Severity: checks.Warning, Category: checks.CatStale,
					Indicator: fmt.Sprint("x", j), Message: fmt.Sprint("x", j, " is stale")})
			}
		}
		if _, err := s.WriteRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	bars, err := s.RecentRuns(ctx, "integrity", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(bars) != 3 || !bars[0].Started.Equal(t0.Add(time.Minute)) || !bars[2].Started.Equal(t0.Add(3*time.Minute)) ||
		bars[0].Status != checks.StatusCritical {
		t.Fatalf("bars %+v", bars)
	}
	if got := strings.Join(bars[0].Findings, "|"); got != "critical: ACB-critical indicator vix is NaN|warning: dxy is stale (150s)" {
		t.Errorf("findings %q", got)
	}
	if f := bars[2].Findings; len(f) != 6 || f[0] != "critical: ACB-critical indicator vix is NaN" || f[5] != "and 4 more" {
		t.Errorf("a run with nine: %q", f)
	}
	if none, err := s.RecentRuns(ctx, "freshness", 3); err != nil || len(none) != 0 {
		t.Errorf("a job that never ran: %v, %v", none, err)
	}
}
