package checks

import (
	"maps"
	"math"
	"os"
	"slices"
	"strings"
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
			r := Divergence(tt.at, read(t, snapshotValues(tt.at, tt.extra), nil), snapshot(t, tt.snap), cfg)
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
	r := Divergence(snapTime, read(t, snapshotValues(snapTime, extra), nil), snapshot(t, "snapshot.npz"), cfg)
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
	r := Divergence(snapTime, read(t, rec, nil), snap, cfg)
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
	r := Divergence(snapTime, read(t, snapshotValues(snapTime, map[string]any{"vix": 1.0}), nil), snap, cfg)
	sameFindings(t, r.Findings, want{Warning, CatDiskLag, ""})
	if r.Findings[0].Details["snapshot_time_from"] != "mtime" || *r.Health.DiskLagS != 600 {
		t.Errorf("details %v lag %v", r.Findings[0].Details, *r.Health.DiskLagS)
	}
}

func TestNonScalarIndicatorsOnDiskAreReported(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec := map[string]any{"vix": 1.0, "fng": 1.0, "dxy": 1.0, "nan_value": 1.0}
	r := Divergence(snapTime, read(t, rec, nil), snapshot(t, "shapes.npz"), cfg)
	sameFindings(t, r.Findings,
		want{Warning, CatSnapshotEntry, "dxy"}, want{Warning, CatSnapshotEntry, "fng"}, want{Warning, CatSnapshotEntry, "vix"})
}

func TestPersistenceUnavailable(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	r := Divergence(t0, read(t, fullRecord(t0, nil), nil), SnapshotRead{Unavailable: "data/exf: no such directory"}, cfg)
	sameFindings(t, r.Findings, want{Warning, CatPersistence, ""})
	if *r.Health.PersistenceConnected || Overall(r.Findings, cfg.Health) != StatusHealthy {
		t.Errorf("health %+v", r.Health)
	}
}

func TestHazelcastDownStillJudgesTheDisk(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	r := Divergence(snapTime, ExFRead{Unreachable: os.ErrDeadlineExceeded}, snapshot(t, "pickled.npz"), cfg)
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
		{0, math.Copysign(0, -1), 0, false},
	}
	for _, tt := range tests {
		if got := differs(tt.a, tt.b, tt.tol); got != tt.want {
			t.Errorf("differs(%v, %v, %v) = %v", tt.a, tt.b, tt.tol, got)
		}
	}
}

func zero() float64 { return 0 }

// A snapshot caught while numpy writes it is passed over for the newest
// readable one, and reported, as a warning naming it, only once it has
// stayed unreadable for divergence.incomplete_for.
func TestUnreadableNewestSnapshot(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	now := snapTime.Add(time.Second)
	rec := read(t, snapshotValues(snapTime, nil), nil)
	tests := []struct {
		name     string
		fallback bool
		since    time.Duration // how long the newest has been unreadable
		want     []want
	}{
		{"mid-write, an older one compared", true, 2 * time.Second, nil},
		{"unreadable for longer than incomplete_for", true, 10 * time.Second, []want{{Warning, CatSnapshotUnread, ""}}},
		{"mid-write, nothing else to compare", false, 2 * time.Second, []want{{Info, CatSnapshotUnread, ""}}},
		{"broken, nothing else to compare", false, time.Hour, []want{{Warning, CatSnapshotUnread, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := SnapshotRead{}
			if tt.fallback {
				snap = snapshot(t, "snapshot.npz")
			}
			snap.Unreadable = []UnreadableSnapshot{{Path: "/data/exf/exf_090001.npz", Err: "not an npz file", Since: now.Add(-tt.since)}}
			r := Divergence(now, rec, snap, cfg)
			sameFindings(t, r.Findings, tt.want...)
			if Overall(r.Findings, cfg.Health) != StatusHealthy || !*r.Health.PersistenceConnected {
				t.Errorf("overall %s, health %+v", Overall(r.Findings, cfg.Health), r.Health)
			}
			if tt.fallback != (r.Health.KeyDifference != nil) {
				t.Errorf("compared: %v, want %v", r.Health.KeyDifference != nil, tt.fallback)
			}
			if len(tt.want) > 0 && !strings.Contains(r.Findings[0].Message, "/data/exf/exf_090001.npz") {
				t.Errorf("the file is not named: %q", r.Findings[0].Message)
			}
		})
	}
}

// Neither a timestamp from the future nor its absence makes the disk look
// in sync with the hot path.
func TestDiskLagIsNotFooledByTime(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	now := snapTime.Add(20 * time.Minute)

	// A record stamped in the future, seen unchanged for ten minutes: it
	// was written at least ten minutes after the snapshot.
	in := read(t, snapshotValues(now.Add(time.Hour), nil), nil)
	in.Seen = Seen{Since: snapTime.Add(10 * time.Minute)}
	r := Divergence(now, in, snapshot(t, "snapshot.npz"), cfg)
	sameFindings(t, r.Findings, want{Warning, CatDiskLag, ""})
	if *r.Health.DiskLagS != 600 {
		t.Errorf("lag %v", *r.Health.DiskLagS)
	}

	// A record without _pushed_at is judged by when it last changed.
	in = read(t, snapshotValues(snapTime, map[string]any{"_pushed_at": nil}), nil)
	in.Seen = Seen{Since: snapTime.Add(6 * time.Minute)}
	r = Divergence(now, in, snapshot(t, "snapshot.npz"), cfg)
	sameFindings(t, r.Findings, want{Warning, CatDiskLag, ""})

	// A snapshot stamped in the future is clock skew, and its mtime stands
	// in for its time.
	snap := snapshot(t, "snapshot.npz")
	snap.Data.Numbers = maps.Clone(snap.Data.Numbers)
	snap.Data.Numbers["_pushed_at"] = float64(now.Add(time.Hour).Unix())
	snap.ModTime = snapTime.Add(-10 * time.Minute)
	r = Divergence(now, read(t, snapshotValues(snapTime, nil), nil), snap, cfg)
	sameFindings(t, r.Findings, want{Warning, CatClockSkew, ""}, want{Warning, CatDiskLag, ""})
	if r.Findings[1].Details["snapshot_time_from"] != "mtime" {
		t.Errorf("details %v", r.Findings[1].Details)
	}

	// Files modified in the future are named, not taken as the newest.
	snap = snapshot(t, "snapshot.npz")
	snap.Future = []string{"/data/exf/exf_2100.npz"}
	r = Divergence(snapTime, read(t, snapshotValues(snapTime, nil), nil), snap, cfg)
	sameFindings(t, r.Findings, want{Warning, CatClockSkew, ""})
	if !strings.Contains(r.Findings[0].Message, "exf_2100.npz") {
		t.Errorf("message %q", r.Findings[0].Message)
	}

	// A snapshot newer than the record is ahead, not lagging.
	r = Divergence(snapTime, read(t, snapshotValues(snapTime.Add(-2*time.Second), nil), nil), snapshot(t, "snapshot.npz"), cfg)
	sameFindings(t, r.Findings)
	if *r.Health.DiskLagS != -2 {
		t.Errorf("lag %v", *r.Health.DiskLagS)
	}
}
