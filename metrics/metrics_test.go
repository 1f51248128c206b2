package metrics

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"

	"tidewatch/config"
	"tidewatch/db"
)

// A record may list any number of indicators in _staleness_s; only the
// configured ones become series, or a hostile record would add thousands
// of series that stay for good.
func TestStalenessSeriesAreTheConfiguredIndicators(t *testing.T) {
	t.Parallel()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	m := New(store, []string{"vix", "fng"}, slog.New(slog.DiscardHandler))
	run := &db.Run{Job: config.JobFreshness, Staleness: map[string]float64{"vix": 3}}
	for i := range 5000 {
		run.Staleness[fmt.Sprintf("junk_%d", i)] = 1
	}
	m.Observe(run)
	families, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "tidewatch_indicator_staleness_seconds" {
			continue
		}
		if ms := f.GetMetric(); len(ms) != 1 || ms[0].GetLabel()[0].GetValue() != "vix" || ms[0].GetGauge().GetValue() != 3 {
			t.Errorf("%d staleness series: %v", len(ms), ms[:min(len(ms), 3)])
		}
		return
	}
	t.Error("no staleness series")
}
