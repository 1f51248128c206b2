package record

import (
	"fmt"
	"time"
)

// The acceptance rule: which scan may stand as latest_eigen_scan. The
// bridge and its supervisor apply this one function. The bridge judges
// each file it reads and records what it learned (a Reading) in its state
// directory; the supervisor, which never parses a scan file, judges the
// newest file from that record and from what Hazelcast holds, so that it
// blames the bridge only for a file the bridge itself would take.

// MaxExactInt is the largest integer a JSON reader that uses doubles
// (Python's json keeps it exact, JavaScript and tidewatch's own checks do
// not) reads exactly: scan numbers beyond it are refused.
const MaxExactInt = 1 << 53

// clockGrain is how far a file's times may lag the clock: the kernel stamps
// new files with its coarse clock, up to a tick (10 ms at worst) behind,
// and bridged_at is written in milliseconds.
const clockGrain = 10 * time.Millisecond

// Rule holds the limits of the acceptance rule.
type Rule struct {
	// MaxFuture is how far ahead of the clock a scan's timestamp may be:
	// clock skew. A scan further ahead is refused, and one in Hazelcast is
	// no bar to later scans.
	MaxFuture time.Duration
	// DecideWithin is how long the bridge may take to read a whole file:
	// a file it has not decided on after that counts as waiting for it.
	DecideWithin time.Duration
}

// Reading is what the bridge learned by reading one scan file: its scan's
// number and timestamp, or why the file is no scan it may push.
type Reading struct {
	// At is when the bridge read the file.
	At        time.Time `json:"at"`
	Number    int64     `json:"scan_number"`
	Timestamp time.Time `json:"timestamp"`
	// Refused says why the file is not a scan the bridge may push,
	// whatever Hazelcast holds; empty for a scan.
	Refused string `json:"refused,omitempty"`
}

// Verdict is the rule's answer for one file.
type Verdict int

const (
	// Take: the file's scan may replace what Hazelcast holds. The bridge
	// pushes it; to the supervisor the file waits for the bridge.
	Take Verdict = iota + 1
	// Refused: the file is not a scan the bridge may push. It never waits.
	Refused
	// NotNewer: the scan is not newer than the one Hazelcast holds. It
	// never waits.
	NotNewer
	// Pending: the bridge has not read the file yet, and still has time.
	Pending
	// Unread: the bridge has not read a whole file within DecideWithin of
	// its arrival. It waits.
	Unread
)

// Waits tells whether the file waits for the bridge: the bridge should
// have put its scan into Hazelcast and has not.
func (v Verdict) Waits() bool { return v == Take || v == Unread }

func (v Verdict) String() string {
	switch v {
	case Take:
		return "take"
	case Refused:
		return "refused"
	case NotNewer:
		return "not newer"
	case Pending:
		return "pending"
	case Unread:
		return "unread"
	}
	return fmt.Sprintf("verdict(%d)", int(v))
}

// Judgement is a verdict and its reason, fit for a log line or a finding.
type Judgement struct {
	Verdict Verdict
	Reason  string
}

// File is what is known of one scan file: its name in the watched
// directory, when it was last put in place, and what the bridge learned by
// reading it (nil when it has not read it).
type File struct {
	Name    string
	Arrived time.Time
	Read    *Reading
}

// Judge applies the acceptance rule to one scan file. held is the scan
// Hazelcast holds (nil when there is none, or none that can be decoded);
// now is the judging instant.
//
// A scan is refused when its number is beyond MaxExactInt or its
// timestamp was more than MaxFuture ahead of the clock when it was read:
// the reading's time, not now, so that a verdict never changes with the
// clock. A held scan from the future is no bar. Otherwise scan numbers
// decide; a lower number with a newer timestamp is the scanner's
// numbering starting again, and is taken.
//
// A file the bridge has not read is not newer when the held scan was
// bridged from it (and it has not changed since), or when it was in place
// before the held scan was bridged: the bridge had it and took something
// newer. A bridge that records no decisions (a bridge.command of another
// make) is judged by this alone. Otherwise an unread file waits once
// DecideWithin has passed since it arrived.
func Judge(f File, held *ScanHead, now time.Time, r Rule) Judgement {
	held, _ = Bar(held, now, r)
	read := f.Read
	bridged := held != nil && !held.BridgedAt.IsZero()
	switch {
	// bridged_at is written in milliseconds, truncated.
	case read == nil && bridged && held.Source == f.Name && !f.Arrived.After(held.BridgedAt.Add(time.Millisecond)):
		return Judgement{NotNewer, fmt.Sprintf("scan #%d in Hazelcast was bridged from it", held.Number)}
	case read == nil && bridged && f.Arrived.Before(held.BridgedAt.Add(-clockGrain)):
		return Judgement{NotNewer, fmt.Sprintf("it was in place before scan #%d in Hazelcast was bridged", held.Number)}
	case read == nil && now.Sub(f.Arrived) < r.DecideWithin:
		return Judgement{Pending, "the bridge has not read it yet"}
	case read == nil:
		return Judgement{Unread, fmt.Sprintf("the bridge has not read it in the %s since it arrived", now.Sub(f.Arrived).Round(time.Millisecond))}
	case read.Refused != "":
		return Judgement{Refused, read.Refused}
	case read.Number > MaxExactInt || read.Number < -MaxExactInt:
		return Judgement{Refused, fmt.Sprintf("scan number %d is beyond 2^53, which JSON readers that use doubles cannot hold exactly", read.Number)}
	case read.Timestamp.Sub(read.At) > r.MaxFuture:
		return Judgement{Refused, fmt.Sprintf("scan #%d is dated %s, %s ahead of the clock when it was read (freshness.clock_skew_tolerance is %s)",
			read.Number, read.Timestamp.UTC().Format(time.RFC3339Nano), read.Timestamp.Sub(read.At).Round(time.Millisecond), r.MaxFuture)}
	}
	switch {
	case held == nil:
		return Judgement{Take, ""}
	case read.Number > held.Number:
		return Judgement{Take, ""}
	case read.Number == held.Number:
		return Judgement{NotNewer, fmt.Sprintf("scan #%d is the one in Hazelcast", read.Number)}
	case read.Timestamp.After(held.Timestamp):
		return Judgement{Take, fmt.Sprintf("scan numbering started again: #%d, dated %s, follows #%d, dated %s",
			read.Number, read.Timestamp.UTC().Format(time.RFC3339Nano), held.Number, held.Timestamp.UTC().Format(time.RFC3339Nano))}
	}
	return Judgement{NotNewer, fmt.Sprintf("scan #%d is older than #%d in Hazelcast", read.Number, held.Number)}
}

// Bar returns the held scan that later scans must beat, or nil and why
// it is none: a scan dated more than MaxFuture ahead of now, or of when it
// was bridged, would otherwise hold back every scan after it.
func Bar(held *ScanHead, now time.Time, r Rule) (*ScanHead, string) {
	if held == nil {
		return nil, ""
	}
	ahead := held.Timestamp.Sub(now)
	if !held.BridgedAt.IsZero() {
		ahead = max(ahead, held.Timestamp.Sub(held.BridgedAt))
	}
	if ahead > r.MaxFuture {
		return nil, fmt.Sprintf("scan #%d in Hazelcast is dated %s, %s ahead of the clock", held.Number,
			held.Timestamp.UTC().Format(time.RFC3339Nano), ahead.Round(time.Millisecond))
	}
	return held, ""
}
