package jobs

import (
	"time"

	"github.com/robfig/cron/v3"

	"tidewatch/config"
)

// Spread gives the jobs offsets so that jobs sharing a cadence never fire
// at the same instant (the @every 30s and @every 60s schedules would
// otherwise line up every minute, and the jobs contend for the cores): job
// k of n, in the configured order, is offset by k times the shortest
// interval divided by n, in whole seconds (7 s apart for the default
// 30 s and 60 s cadences: integrity at 0 s, divergence 7 s, freshness
// 14 s, the bridge 21 s). An @every schedule counts from the
// scheduler's start, so only its first firing is put off; a calendar spec
// ("0 * * * *") is shifted by its offset at every firing.
func Spread(jobs []config.Job, now time.Time) []config.Job {
	if len(jobs) < 2 {
		return jobs
	}
	shortest := jobs[0].Schedule.Interval(now)
	for _, j := range jobs[1:] {
		shortest = min(shortest, j.Schedule.Interval(now))
	}
	step := (shortest / time.Duration(len(jobs))).Truncate(time.Second)
	if step < time.Second {
		return jobs
	}
	out := make([]config.Job, len(jobs))
	for k, j := range jobs {
		out[k] = j
		if k > 0 {
			out[k].Schedule.Schedule = offset(j.Schedule.Schedule, time.Duration(k)*step)
		}
	}
	return out
}

// Offset is a job's offset in a spread schedule, for logs; zero if none.
func Offset(s config.Schedule) time.Duration {
	switch o := s.Schedule.(type) {
	case *firstDelayed:
		return o.by
	case shifted:
		return o.by
	}
	return 0
}

func offset(s cron.Schedule, by time.Duration) cron.Schedule {
	if _, every := s.(cron.ConstantDelaySchedule); every {
		return &firstDelayed{Schedule: s, by: by}
	}
	return shifted{Schedule: s, by: by}
}

// firstDelayed puts off the first firing of a schedule that counts from
// its previous firing; the later ones keep the offset by themselves. The
// scheduler calls Next from one goroutine.
type firstDelayed struct {
	cron.Schedule
	by      time.Duration
	started bool
}

func (f *firstDelayed) Next(t time.Time) time.Time {
	next := f.Schedule.Next(t)
	if !f.started {
		f.started = true
		next = next.Add(f.by)
	}
	return next
}

// shifted fires a calendar schedule by later each time.
type shifted struct {
	cron.Schedule
	by time.Duration
}

func (s shifted) Next(t time.Time) time.Time { return s.Schedule.Next(t.Add(-s.by)).Add(s.by) }
