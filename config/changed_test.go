package config

import (
	"slices"
	"testing"
)

// A reload tells which sections changed: none for the same file read
// again (parsed schedules and time zones included), each edited one by
// its name.
func TestChangedSections(t *testing.T) {
	t.Parallel()
	a, err := Load("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Changed(a); len(got) != 0 {
		t.Errorf("the same file read twice changed %v", got)
	}
	b.Bridge.RestartDelay.Duration *= 2
	b.Alerts.Labels = map[string]string{"env": "prod"}
	b.Freshness.Schedule, _ = ParseSchedule("@every 15s")
	if got := b.Changed(a); !slices.Equal(got, []string{"freshness", "bridge", "alerts"}) {
		t.Errorf("changed %v, want freshness, bridge, alerts", got)
	}
}
