package config

import "time"

// Events is [events]: Hazelcast's change events run the checks on the
// record they carry, between the scheduled runs.
type Events struct {
	// Enabled listens to change events on the watched keys; false leaves
	// the schedules alone to judge.
	Enabled bool `toml:"enabled"`
	// MinInterval is the least time between two runs that change events
	// start: the first change runs at once, the ones after it fold into one
	// more run on the latest record; a bad record never waits.
	MinInterval Duration `toml:"min_interval"`
	// ListenerGrace is how long a value a scheduled read found may go
	// unreported by any event before the listener is taken for deaf and
	// registered again.
	ListenerGrace Duration `toml:"listener_grace"`
	// SpreadSchedules offsets the jobs so that jobs sharing a cadence never
	// fire at the same instant.
	SpreadSchedules bool `toml:"spread_schedules"`
}

// Gate is [gate]: the verdict /readyz, wait and the verdict key give.
type Gate struct {
	// ReopenAfter is how long the data must be seen good, by two
	// observations or more with nothing bad between, before a closed gate
	// opens again.
	ReopenAfter Duration `toml:"reopen_after"`
	// VerdictMap and VerdictKey name where the verdict is written in
	// Hazelcast; an empty key publishes nothing.
	VerdictMap string `toml:"verdict_map"`
	VerdictKey string `toml:"verdict_key"`
	// VerdictRefresh is the longest time between two writes of the
	// verdict: an older checked_at means no tidewatch vouches for it.
	VerdictRefresh Duration `toml:"verdict_refresh"`
}

func defaultEvents() (Events, Gate) {
	return Events{Enabled: true, MinInterval: Duration{250 * time.Millisecond}, ListenerGrace: Duration{2 * time.Second},
			SpreadSchedules: true},
		Gate{ReopenAfter: Duration{5 * time.Second}, VerdictMap: "TIDEWATCH", VerdictKey: "verdict",
			VerdictRefresh: Duration{5 * time.Second}}
}

func (c *Config) validateEvents(v *validator) {
	e, g := c.Events, c.Gate
	if e.MinInterval.Duration < 10*time.Millisecond || e.MinInterval.Duration > time.Minute {
		v.add("events.min_interval", "must be from 10ms to 1m")
	}
	v.positive("events.listener_grace", e.ListenerGrace)
	if g.ReopenAfter.Duration > time.Hour {
		v.add("gate.reopen_after", "must be at most 1h")
	}
	if g.VerdictKey != "" {
		v.nonEmpty("gate.verdict_map", g.VerdictMap)
	}
	if g.VerdictRefresh.Duration < time.Second {
		v.add("gate.verdict_refresh", "must be at least 1s")
	}
}
