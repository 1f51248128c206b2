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

// SnapshotRead is what a job found on disk: the newest snapshot it could
// read, or why there is none.
type SnapshotRead struct {
	// Unavailable says why there is no snapshot to compare (directory
	// missing or unreadable, no matching file); empty when there is one.
	Unavailable string
	// Path, ModTime and Data are the newest readable snapshot; empty Path
	// when every candidate was unreadable.
	Path    string
	ModTime time.Time
	Data    *npz.Snapshot
	// Unreadable are the snapshots newer than Path that could not be read,
	// newest first.
	Unreadable []UnreadableSnapshot
	// Future are files whose modification time is ahead of the clock: not
	// taken as the newest, or one of them would shadow every later write.
	Future []string
}

// UnreadableSnapshot is a snapshot that could not be read: caught while
// numpy writes it in place, or broken.
type UnreadableSnapshot struct {
	Path string
	Err  string
	// Since is the earliest evidence of how long this version of the file
	// has been unreadable: its mtime, or the first run that failed on it.
	Since time.Time
}

// Divergence compares the newest readable snapshot with exf_latest: their
// key sets, how far the disk trails the hot path, and, when both carry the
// same timestamp, their values. A snapshot that stays unreadable past
// divergence.incomplete_for is reported; until then it is being written.
func Divergence(now time.Time, exf ExFRead, snap SnapshotRead, cfg *config.Config) Result {
	var r Result
	rec, cause := r.exfRecord(exf, cfg)
	d := cfg.Divergence
	tolerance := cfg.Freshness.ClockSkewTolerance.Duration

	if n := len(snap.Future); n > 0 {
		msg := snap.Future[0] + " is modified in the future; it is not taken as the newest snapshot"
		if n > 1 {
			msg = fmt.Sprintf("%d snapshot files are modified in the future (%s, …); none is taken as the newest", n, snap.Future[0])
		}
		r.add(Warning, CatClockSkew, "", msg, map[string]any{"paths": snap.Future},
			map[string]any{"clock_skew_tolerance_s": seconds(tolerance)})
	}
	for _, u := range snap.Unreadable {
		since := now.Sub(u.Since)
		details := map[string]any{"path": u.Path, "error": u.Err, "unreadable_s": seconds(max(since, 0))}
		th := map[string]any{"incomplete_for_s": seconds(d.IncompleteFor.Duration)}
		if since >= d.IncompleteFor.Duration {
			r.add(Warning, CatSnapshotUnread, "",
				fmt.Sprintf("%s has been unreadable for %s: %s", u.Path, since.Round(time.Second), u.Err), details, th)
		} else if snap.Path == "" {
			r.add(Info, CatSnapshotUnread, "", fmt.Sprintf("%s is being written (unreadable for now: %s)", u.Path, u.Err), details, th)
		}
	}

	if snap.Unavailable != "" {
		r.Health.PersistenceConnected = ptr(false)
		r.add(Warning, CatPersistence, "", "persistence unavailable: "+snap.Unavailable,
			map[string]any{"snapshot_dir": d.SnapshotDir}, nil)
		return r
	}
	r.Health.PersistenceConnected = ptr(true)
	if snap.Path == "" {
		return r
	}
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

	snapTime, timeSource, future := snapshotTime(snap, d.SnapshotTimeKey, now, tolerance)
	if !future.IsZero() {
		r.add(Warning, CatClockSkew, "",
			fmt.Sprintf("%s is stamped %s in the future; its time is taken from its mtime", snap.Path, future.Sub(now).Round(time.Millisecond)),
			map[string]any{"path": snap.Path, "stamped": future}, map[string]any{"clock_skew_tolerance_s": seconds(tolerance)})
	}
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

	// The record's time is when it was written by the longest age known,
	// so that a _pushed_at from the future cannot put the disk in sync.
	recordAge, ok := effectiveAge(now, rec.PushedAt, exf.Seen, tolerance)
	if !ok {
		return r
	}
	recordTime := now.Add(-recordAge)
	lag := recordTime.Sub(snapTime)
	r.Health.DiskLagS = ptr(seconds(lag))
	if lag > d.MaxDiskLag.Duration {
		details := map[string]any{"lag_s": seconds(lag), "snapshot_time": snapTime, "snapshot_time_from": timeSource, "record_time": recordTime, "path": snap.Path}
		if !rec.PushedAt.IsZero() {
			details["pushed_at"] = rec.PushedAt
		}
		r.add(Warning, CatDiskLag, "", fmt.Sprintf("the newest readable snapshot trails exf_latest by %s", lag.Round(time.Second)),
			details, map[string]any{"max_disk_lag_s": seconds(d.MaxDiskLag.Duration)})
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
				fmt.Sprintf("%s is %s in Hazelcast but %s on disk for the same timestamp", name, num(hv.Number), num(dv)),
				map[string]any{"hazelcast": hv.Number, "disk": dv, "path": snap.Path},
				map[string]any{"value_tolerance": d.ValueTolerance})
		}
	}
	return r
}

// snapshotTime is the time a snapshot carries in its time key, or its
// mtime when it carries none, or none that is a real time: one before
// record.MinTime, or one from the future (returned as future, for a
// finding).
func snapshotTime(snap SnapshotRead, key string, now time.Time, tolerance time.Duration) (t time.Time, source string, future time.Time) {
	var v any
	if n, ok := snap.Data.Numbers[key]; ok {
		v = n
	} else if s, ok := snap.Data.Strings[key]; ok {
		v = s
	}
	if v != nil {
		if t, err := record.ParseTime(v); err == nil && !t.Before(record.MinTime) {
			if t.Sub(now) <= tolerance {
				return t, key, time.Time{}
			}
			future = t
		}
	}
	return snap.ModTime.UTC(), "mtime", future
}

// effectiveAge is a record's age as the freshness check judges it: the
// longest of what its _pushed_at claims and how long it has not changed.
func effectiveAge(now, pushedAt time.Time, seen Seen, tolerance time.Duration) (time.Duration, bool) {
	claimed, haveClaim := claimedAge(now, pushedAt, tolerance)
	unchanged, haveSeen := seen.age(now)
	return max(claimed, unchanged), haveClaim || haveSeen
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
