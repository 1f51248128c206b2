package config

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Duration is a time.Duration written in config as a Go duration string
// ("30s"). A bare integer is refused: BurntSushi/toml would otherwise read it
// as nanoseconds, and "30" meaning 30 ns is never what an operator meant.
type Duration struct{ time.Duration }

func (d *Duration) UnmarshalText(text []byte) error {
	v, err := time.ParseDuration(string(text))
	if err != nil {
		return fmt.Errorf("%q is not a duration (write it with a unit, such as \"30s\" or \"5m\")", text)
	}
	if v < 0 {
		return fmt.Errorf("%q is negative", text)
	}
	d.Duration = v
	return nil
}

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Schedule is a cron spec (five fields, or six with seconds first) or a
// descriptor such as "@every 30s", parsed once when the config is loaded.
type Schedule struct {
	Spec string
	cron.Schedule
}

var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a cron spec. robfig/cron panics on some malformed
// specs ("TZ=0") and accepts "@every 0s" (which then fires every second),
// so both are turned into errors here.
func ParseSchedule(spec string) (s Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%q is not a valid schedule", spec)
		}
	}()
	if every, ok := strings.CutPrefix(spec, "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(every))
		if err != nil {
			return s, fmt.Errorf("%q is not a valid schedule: %w", spec, err)
		}
		if d < time.Second {
			return s, fmt.Errorf("%q: the interval must be at least 1s", spec)
		}
	}
	parsed, err := cronParser.Parse(spec)
	if err != nil {
		return s, fmt.Errorf("%q is not a valid schedule: %w", spec, err)
	}
	if parsed.Next(time.Now()).IsZero() {
		return s, fmt.Errorf("%q never fires", spec)
	}
	return Schedule{Spec: spec, Schedule: parsed}, nil
}

func (s *Schedule) UnmarshalText(text []byte) error {
	parsed, err := ParseSchedule(string(text))
	if err != nil {
		return err
	}
	*s = parsed
	return nil
}

func (s Schedule) MarshalText() ([]byte, error) { return []byte(s.Spec), nil }

// Interval is the typical gap between two firings, used to tell whether
// history is current (a job whose last run is many intervals old is not
// being run by anyone).
func (s Schedule) Interval(now time.Time) time.Duration {
	first := s.Next(now)
	return s.Next(first).Sub(first)
}

// QuietHours names indicators that are not expected to move during a window,
// such as macro indicators outside market hours. During the window their
// staleness and stuck checks are not judged.
type QuietHours struct {
	Indicators []string `toml:"indicators"`
	Timezone   string   `toml:"timezone"`
	// Weekdays the window applies to ("Mon".."Sun"); all days when empty.
	Weekdays []string `toml:"weekdays"`
	// Start and End as "HH:MM" local time; the whole day when both are empty.
	// End before Start wraps past midnight.
	Start string `toml:"start"`
	End   string `toml:"end"`

	loc        *time.Location
	days       [7]bool
	start, end int // minutes since local midnight
	allDay     bool
}

var weekdayNames = map[string]time.Weekday{
	"Sun": time.Sunday, "Mon": time.Monday, "Tue": time.Tuesday, "Wed": time.Wednesday,
	"Thu": time.Thursday, "Fri": time.Friday, "Sat": time.Saturday,
}

// prepare validates the window and fills its parsed form; it returns the
// field that is wrong and why.
func (q *QuietHours) prepare() (field string, err error) {
	if len(q.Indicators) == 0 {
		return "indicators", fmt.Errorf("must name at least one indicator")
	}
	loc, err := time.LoadLocation(q.Timezone)
	if err != nil || q.Timezone == "" {
		return "timezone", fmt.Errorf("%q is not a known time zone", q.Timezone)
	}
	q.loc = loc
	if len(q.Weekdays) == 0 {
		q.days = [7]bool{true, true, true, true, true, true, true}
	}
	for _, name := range q.Weekdays {
		d, ok := weekdayNames[name]
		if !ok {
			return "weekdays", fmt.Errorf("%q is not a weekday (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", name)
		}
		q.days[d] = true
	}
	if q.Start == "" && q.End == "" {
		q.allDay = true
		return "", nil
	}
	if q.start, err = clockMinutes(q.Start); err != nil {
		return "start", err
	}
	if q.end, err = clockMinutes(q.End); err != nil {
		return "end", err
	}
	if q.start == q.end {
		return "end", fmt.Errorf("equals start; leave both empty for the whole day")
	}
	return "", nil
}

func clockMinutes(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a time of day (use HH:MM)", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Covers reports whether t falls inside the window. A window that wraps
// past midnight belongs to the weekday it starts on: "Fri 16:00 to 09:30"
// covers Saturday 03:00.
func (q *QuietHours) Covers(t time.Time) bool {
	local := t.In(q.loc)
	if q.allDay {
		return q.days[local.Weekday()]
	}
	m := local.Hour()*60 + local.Minute()
	if q.start < q.end {
		return q.days[local.Weekday()] && m >= q.start && m < q.end
	}
	if m >= q.start {
		return q.days[local.Weekday()]
	}
	if m < q.end {
		return q.days[local.AddDate(0, 0, -1).Weekday()]
	}
	return false
}

// Quiet reports whether indicator is in a quiet window at t.
func (f *Freshness) Quiet(indicator string, t time.Time) bool {
	for i := range f.QuietHours {
		q := &f.QuietHours[i]
		for _, name := range q.Indicators {
			if name == indicator && q.Covers(t) {
				return true
			}
		}
	}
	return false
}

// StaleAfterFor is the staleness limit for one indicator: its own
// stale_after, or the default.
func (f *Freshness) StaleAfterFor(indicator string) time.Duration {
	if o, ok := f.Indicator[indicator]; ok && o.StaleAfter != nil {
		return o.StaleAfter.Duration
	}
	return f.StaleAfter.Duration
}

// StuckAfterFor is how long one indicator may hold exactly the same value
// while claiming to be fresh; zero disables the check.
func (f *Freshness) StuckAfterFor(indicator string) time.Duration {
	if o, ok := f.Indicator[indicator]; ok && o.StuckAfter != nil {
		return o.StuckAfter.Duration
	}
	return f.StuckAfter.Duration
}

// ParseLevel reads a log level name.
func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("%q: use debug, info, warn or error", s)
	}
	return l, nil
}
