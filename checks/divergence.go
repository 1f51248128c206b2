package checks

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"tidewatch/config"
	"tidewatch/npz"
	"tidewatch/record"
)

// SnapshotRead is what a job found on disk: the newest snapshot, or why
// there is none.
type SnapshotRead struct {
	// Unavailable says why there is no snapshot to compare (directory
	// missing or unreadable, no matching file); empty when there is one.
	Unavailable string
	Path        string
	ModTime     time.Time
	Data        *npz.Snapshot
}

// Divergence compares the newest persisted snapshot with exf_latest: their
// key sets, how far the disk trails the hot path, and, when both carry the
// same timestamp, their values.
func Divergence(exf ExFRead, snap SnapshotRead, cfg *config.Config) Result {
	var r Result
	rec, cause := r.exfRecord(exf, cfg)
	d := cfg.Divergence

	if snap.Unavailable != "" {
		r.Health.PersistenceConnected = ptr(false)
		r.add(Warning, CatPersistence, "", "persistence unavailable: "+snap.Unavailable,
			map[string]any{"snapshot_dir": d.SnapshotDir}, nil)
		return r
	}
	r.Health.PersistenceConnected = ptr(true)
	r.Health.SnapshotPath = snap.Path

	for _, key := range sortedKeys(snap.Data.Refused) {
		reason := snap.Data.Refused[key]
		switch {
		case strings.HasPrefix(reason, "pickled"):
			r.add(Warning, CatPickled, indicatorName(key),
				fmt.Sprintf("%s: entry %q holds a pickled object array; it was not unpickled", snap.Path, key),
				map[string]any{"path": snap.Path, "key": key}, nil)
		case !strings.HasPrefix(key, "_"):
			r.add(Warning, CatSnapshotEntry, key, fmt.Sprintf("%s: entry %q: %s", snap.Path, key, reason),
				map[string]any{"path": snap.Path, "key": key, "reason": reason}, nil)
		}
	}

	snapTime, timeSource := snapshotTime(snap, d.SnapshotTimeKey)
	if cause != "" {
		// Without the hot path's record there is nothing to compare with.
		return r
	}

	hzOnly, diskOnly := keyDifference(rec, snap.Data)
	diff := len(hzOnly) + len(diskOnly)
	r.Health.KeyDifference = ptr(diff)
	if diff > d.MaxKeyDifference {
		r.add(Warning, CatDivergence, "", fmt.Sprintf("Hazelcast and disk differ by %d indicators", diff),
			map[string]any{"hz_only": hzOnly, "disk_only": diskOnly, "path": snap.Path},
			map[string]any{"max_key_difference": d.MaxKeyDifference})
	}

	if rec.PushedAt.IsZero() {
		return r
	}
	lag := rec.PushedAt.Sub(snapTime)
	r.Health.DiskLagS = ptr(seconds(lag))
	if lag > d.MaxDiskLag.Duration {
		r.add(Warning, CatDiskLag, "",
			fmt.Sprintf("the newest snapshot trails exf_latest by %s", lag.Round(time.Second)),
			map[string]any{"lag_s": seconds(lag), "snapshot_time": snapTime, "snapshot_time_from": timeSource, "pushed_at": rec.PushedAt, "path": snap.Path},
			map[string]any{"max_disk_lag_s": seconds(d.MaxDiskLag.Duration)})
	}

	if timeSource == "mtime" || snapTime.Sub(rec.PushedAt).Abs() >= time.Millisecond {
		return r
	}
	for _, name := range cfg.Indicators.Expected {
		hv, inHZ := rec.Values[name]
		dv, onDisk := snap.Data.Numbers[name]
		if !inHZ || !onDisk || hv.Type != "" {
			continue
		}
		if differs(hv.Number, dv, d.ValueTolerance) {
			r.add(Warning, CatValueMismatch, name,
				fmt.Sprintf("%s is %g in Hazelcast but %g on disk for the same timestamp", name, hv.Number, dv),
				map[string]any{"hazelcast": hv.Number, "disk": dv, "path": snap.Path},
				map[string]any{"value_tolerance": d.ValueTolerance})
		}
	}
	return r
}

// snapshotTime is the time a snapshot carries in its time key, or its mtime.
func snapshotTime(snap SnapshotRead, key string) (time.Time, string) {
	if v, ok := snap.Data.Numbers[key]; ok {
		if t, err := record.ParseTime(v); err == nil {
			return t, key
		}
	}
	if v, ok := snap.Data.Strings[key]; ok {
		if t, err := record.ParseTime(v); err == nil {
			return t, key
		}
	}
	return snap.ModTime.UTC(), "mtime"
}

func keyDifference(rec *record.ExF, snap *npz.Snapshot) (hzOnly, diskOnly []string) {
	disk := map[string]bool{}
	for _, k := range snap.Keys {
		if !strings.HasPrefix(k, "_") {
			disk[k] = true
		}
	}
	hzOnly, diskOnly = []string{}, []string{}
	for k := range rec.Values {
		if !disk[k] {
			hzOnly = append(hzOnly, k)
		}
	}
	for k := range disk {
		if _, ok := rec.Values[k]; !ok {
			diskOnly = append(diskOnly, k)
		}
	}
	sort.Strings(hzOnly)
	sort.Strings(diskOnly)
	return hzOnly, diskOnly
}

// differs compares two readings of one value; NaN equals NaN here, since
// both sides then agree the value failed.
func differs(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) != math.IsNaN(b)
	}
	if a == b {
		return false
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return true
	}
	return math.Abs(a-b) > tol*math.Max(math.Abs(a), math.Abs(b))
}

func indicatorName(key string) string {
	if strings.HasPrefix(key, "_") {
		return ""
	}
	return key
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
