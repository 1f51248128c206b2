package jobs

import (
	"testing"
	"time"

	"tidewatch/config"
)

// firings lists when a schedule fires in the hour after start, as the
// scheduler asks it: from start, then from each firing.
func firings(s config.Schedule, start time.Time) []time.Time {
	var out []time.Time
	for t := s.Next(start); t.Before(start.Add(time.Hour)); t = s.Next(t) {
		out = append(out, t)
	}
	return out
}

func sched(t *testing.T, spec string) config.Schedule {
	s, err := config.ParseSchedule(spec)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// With the shipped cadences (60 s, 60 s, 30 s, 30 s) no two jobs fire in
// the same second, each keeps its cadence, and the offsets are as the
// documentation says.
func TestSpreadJobsNeverFireTogether(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 300e6, time.UTC)
	jobs := []config.Job{
		{Name: "integrity", Schedule: sched(t, "@every 60s")},
		{Name: "divergence", Schedule: sched(t, "@every 60s")},
		{Name: "freshness", Schedule: sched(t, "@every 30s")},
		{Name: "bridge", Schedule: sched(t, "@every 30s")},
		{Name: "hourly", Schedule: sched(t, "0 * * * *")},
	}
	spread := Spread(jobs, start)
	want := map[string]time.Duration{"integrity": 0, "divergence": 6 * time.Second, "freshness": 12 * time.Second,
		"bridge": 18 * time.Second, "hourly": 24 * time.Second}
	seen := map[int64]string{}
	for i, j := range spread {
		if got := Offset(j.Schedule); got != want[j.Name] {
			t.Errorf("%s: offset %v, want %v", j.Name, got, want[j.Name])
		}
		fs := firings(j.Schedule, start)
		if len(fs) < 2 && j.Name != "hourly" {
			t.Fatalf("%s fired %d times", j.Name, len(fs))
		}
		for k, f := range fs {
			if other, ok := seen[f.Unix()]; ok {
				t.Fatalf("%s and %s both fire at %v", j.Name, other, f.Sub(start))
			}
			seen[f.Unix()] = j.Name
			if k > 0 {
				if gap, every := f.Sub(fs[k-1]), jobs[i].Schedule.Interval(start); gap != every {
					t.Errorf("%s: %v between firings, not %v", j.Name, gap, every)
				}
			}
		}
	}
	// The calendar spec keeps its minute, shifted by its offset.
	if fs := firings(spread[4].Schedule, start); len(fs) != 1 || !fs[0].Equal(time.Date(2026, 11, 23, 9, 0, 24, 0, time.UTC)) {
		t.Errorf("hourly fires at %v", fs)
	}
}
