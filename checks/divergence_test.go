package checks

import (
	"os"
	"slices"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/npz"
)

// The fixtures' _pushed_at: 2026-11-23T09:00:00Z.
var snapTime = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func snapshot(t *testing.T, name string) SnapshotRead {
	t.Helper()
	path := "../npz/testdata/" + name
	s, err := npz.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return SnapshotRead{Path: path, ModTime: st.ModTime(), Data: s}
}

// snapshotValues is the record matching the fixture's values.
func snapshotValues(pushedAt time.Time, extra map[string]any) map[string]any {
	m := fullRecord(pushedAt, nil)
	for i, name := range config.ExpectedIndicators {
		m[name] = 0.5 + float64(i)*1.25
	}
	for k, v := range extra {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

func TestDivergence(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	tests := []struct {
		name  string
		snap  string
		extra map[string]any
		at    time.Time
		want  []want
	}{
		{name: "agreeing snapshot", snap: "snapshot.npz", at: snapTime},
		{name: "compressed snapshot", snap: "compressed.npz", at: snapTime},
		{
			name: "three keys apart is tolerated", snap: "snapshot.npz", at: snapTime,
			extra: map[string]any{"vix": nil, "dxy": nil, "new_one": 1.0},
		},
		{
			name: "four keys apart", snap: "snapshot.npz", at: snapTime,
			extra: map[string]any{"vix": nil, "dxy": nil, "new_one": 1.0, "new_two": 2.0},
			want:  []want{{Warning, CatDivergence, ""}},
		},
		{
			name: "same timestamp, different value", snap: "snapshot.npz", at: snapTime,
			extra: map[string]any{"vix": 99.0},
			want:  []want{{Warning, CatValueMismatch, "vix"}},
		},
		{
			name: "same timestamp, difference inside the tolerance", snap: "snapshot.npz", at: snapTime,
			extra: map[string]any{"funding_btc": 0.5 * (1 + 1e-12)},
		},
		{
			name: "later record: values may differ, lag is fine", snap: "snapshot.npz", at: snapTime.Add(5 * time.Minute),
			extra: map[string]any{"vix": 99.0},
		},
		{
			name: "disk trails by more than the limit", snap: "snapshot.npz", at: snapTime.Add(5*time.Minute + time.Second),
			want: []want{{Warning, CatDiskLag, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Divergence(read(t, snapshotValues(tt.at, tt.extra), nil), snapshot(t, tt.snap), cfg)
			sameFindings(t, r.Findings, tt.want...)
			if !*r.Health.PersistenceConnected {
				t.Error("persistence_connected false")
			}
		})
	}
}

func TestDivergenceDetailsListEveryKey(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	extra := map[string]any{"vix": nil, "dxy": nil, "fng": nil, "a": 1.0, "b": 1.0, "c": 1.0}
	r := Divergence(read(t, snapshotValues(snapTime, extra), nil), snapshot(t, "snapshot.npz"), cfg)
	if len(r.Findings) != 1 {
		t.Fatalf("findings %v", r.Findings)
	}
	d := r.Findings[0].Details
	if !slices.Equal(d["hz_only"].([]string), []string{"a", "b", "c"}) || !slices.Equal(d["disk_only"].([]string), []string{"dxy", "fng", "vix"}) {
		t.Errorf("details %v", d)
	}
	if r.Findings[0].Thresholds["max_key_difference"] != 3 || *r.Health.KeyDifference != 6 {
		t.Errorf("thresholds %v, difference %d", r.Findings[0].Thresholds, *r.Health.KeyDifference)
	}
}

func TestPickledEntryIsNamedAndTheRestCompared(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := map[string]any{"vix": 20.5, "fng": 54.0, "_pushed_at": float64(snapTime.Unix())}
	snap := snapshot(t, "pickled.npz")
	snap.ModTime = snapTime.Add(-10 * time.Minute)
	r := Divergence(read(t, rec, nil), snap, cfg)
	// evil is on disk only (one key apart: tolerated); fng differs, but
	// values are compared only when the timestamps agree, and this file has
	// no _pushed_at: its mtime stands in, ten minutes behind.
	sameFindings(t, r.Findings, want{Warning, CatPickled, "evil"}, want{Warning, CatDiskLag, ""})
	if r.Findings[0].Details["key"] != "evil" {
		t.Errorf("details %v", r.Findings[0].Details)
	}
}

func TestMtimeStandsInForTheSnapshotTime(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	snap := snapshot(t, "no_time.npz")
	snap.ModTime = snapTime.Add(-10 * time.Minute)
	r := Divergence(read(t, snapshotValues(snapTime, map[string]any{"vix": 1.0}), nil), snap, cfg)
	sameFindings(t, r.Findings, want{Warning, CatDiskLag, ""})
	if r.Findings[0].Details["snapshot_time_from"] != "mtime" || *r.Health.DiskLagS != 600 {
		t.Errorf("details %v lag %v", r.Findings[0].Details, *r.Health.DiskLagS)
	}
}

func TestNonScalarIndicatorsOnDiskAreReported(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := map[string]any{"vix": 1.0, "fng": 1.0, "dxy": 1.0, "nan_value": 1.0}
	r := Divergence(read(t, rec, nil), snapshot(t, "shapes.npz"), cfg)
	sameFindings(t, r.Findings,
		want{Warning, CatSnapshotEntry, "dxy"}, want{Warning, CatSnapshotEntry, "fng"}, want{Warning, CatSnapshotEntry, "vix"})
}

func TestPersistenceUnavailable(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	r := Divergence(read(t, fullRecord(t0, nil), nil), SnapshotRead{Unavailable: "data/exf: no such directory"}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatPersistence, ""})
	if *r.Health.PersistenceConnected || Overall(r.Findings, cfg.Health) != StatusHealthy {
		t.Errorf("health %+v", r.Health)
	}
}

func TestHazelcastDownStillJudgesTheDisk(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	r := Divergence(ExFRead{Unreachable: os.ErrDeadlineExceeded}, snapshot(t, "pickled.npz"), cfg)
	sameFindings(t, r.Findings, want{Critical, CatConnectivity, ""}, want{Warning, CatPickled, "evil"})
	if r.Health.KeyDifference != nil {
		t.Error("compared against a record it does not have")
	}
}

func TestDiffers(t *testing.T) {
	t.Parallel()
	inf := 1 / zero()
	tests := []struct {
		a, b, tol float64
		want      bool
	}{
		{1, 1, 0, false},
		{1, 1.0000001, 1e-6, false},
		{1, 1.01, 1e-6, true},
		{nan(), nan(), 0, false},
		{nan(), 1, 0, true},
		{inf, 1, 1e-6, true},
		{inf, inf, 0, false},
		{0, -zero(), 0, false}, // -0.0 is +0 in Go's constants
	}
	for _, tt := range tests {
		if got := differs(tt.a, tt.b, tt.tol); got != tt.want {
			t.Errorf("differs(%v, %v, %v) = %v", tt.a, tt.b, tt.tol, got)
		}
	}
}

func zero() float64 { return 0 }
