package record

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ExF is a decoded exf_latest record.
type ExF struct {
	// Values holds every key that does not start with "_": the indicators.
	Values map[string]Value
	// Staleness is _staleness_s: each indicator's age at its source, in
	// seconds. Entries that are not numbers are kept as such, to be reported.
	// StalenessErr says why there is nothing to read: absent, empty, or not
	// an object.
	Staleness    map[string]Value
	StalenessErr error
	// ACBReady is the producer's own readiness flag; only JSON true counts.
	// ACBReadyErr says why it is not a flag at all: absent, or not a bool.
	ACBReady    bool
	ACBReadyErr error
	// PushedAt is when the record was written; zero when it carries no
	// _pushed_at. PushedAtErr says why a _pushed_at could not be read.
	PushedAt    time.Time
	PushedAtErr error
}

// MinTime is the earliest time a producer can have meant: earlier ones
// (year 1, the unix epoch) are a default value left in place, never a
// time anything was written.
var MinTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Value is one JSON value where a number is expected.
type Value struct {
	Number float64
	// Type is empty for a number and the JSON type otherwise.
	Type string
}

func valueOf(v any) Value {
	switch x := v.(type) {
	case float64:
		return Value{Number: x}
	case string:
		return Value{Type: "string"}
	case bool:
		return Value{Type: "bool"}
	case nil:
		return Value{Type: "null"}
	case map[string]any:
		return Value{Type: "object"}
	default:
		return Value{Type: "array"}
	}
}

// Usable reports whether the value is a finite number.
func (v Value) Usable() bool {
	return v.Type == "" && !math.IsNaN(v.Number) && !math.IsInf(v.Number, 0)
}

// Problem names what makes an unusable value unusable: "NaN", "Infinity",
// "-Infinity" or "non-numeric (string)"; empty for a usable value.
func (v Value) Problem() string {
	switch {
	case v.Type != "":
		return "non-numeric (" + v.Type + ")"
	case math.IsNaN(v.Number):
		return "NaN"
	case math.IsInf(v.Number, 1):
		return "Infinity"
	case math.IsInf(v.Number, -1):
		return "-Infinity"
	}
	return ""
}

// DecodeExF reads exf_latest. A record that is not a JSON object is an
// error; anything inside it that is odd (NaN, strings where numbers belong,
// a bad _pushed_at) is kept for the checks to judge.
func DecodeExF(data []byte) (*ExF, error) {
	v, err := DecodeJSON(data)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a JSON object but %s", valueOf(v).typeName())
	}
	r := &ExF{Values: map[string]Value{}, Staleness: map[string]Value{},
		StalenessErr: errors.New("_staleness_s is absent"), ACBReadyErr: errors.New("_acb_ready is absent")}
	for k, v := range obj {
		switch {
		case k == "_staleness_s":
			m, ok := v.(map[string]any)
			switch {
			case !ok:
				r.StalenessErr = fmt.Errorf("_staleness_s is %s, not an object", valueOf(v).typeName())
			case len(m) == 0:
				r.StalenessErr = errors.New("_staleness_s is an empty object")
			default:
				r.StalenessErr = nil
			}
			for name, age := range m {
				r.Staleness[name] = valueOf(age)
			}
		case k == "_acb_ready":
			b, ok := v.(bool)
			r.ACBReady, r.ACBReadyErr = b, nil
			if !ok {
				r.ACBReadyErr = fmt.Errorf("_acb_ready is %s, not a bool", valueOf(v).typeName())
			}
		case k == "_pushed_at":
			r.PushedAt, r.PushedAtErr = ParseTime(v)
			if r.PushedAtErr == nil && r.PushedAt.Before(MinTime) {
				r.PushedAt, r.PushedAtErr = time.Time{}, fmt.Errorf("%s is before %d: a default value, not a time", r.PushedAt.Format(time.RFC3339), MinTime.Year())
			}
		case strings.HasPrefix(k, "_"):
			// other metadata
		default:
			r.Values[k] = valueOf(v)
		}
	}
	return r, nil
}

func (v Value) typeName() string {
	if v.Type == "" {
		return "a number"
	}
	return "a JSON " + v.Type
}

// ParseTime reads a timestamp as producers write it: unix seconds or
// milliseconds (a number or a numeric string), or ISO-8601 (Python's
// isoformat(), with or without a zone; no zone means UTC).
func ParseTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case float64:
		return fromEpoch(x)
	case string:
		s := strings.TrimSpace(x)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), nil
			}
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return fromEpoch(f)
		}
		return time.Time{}, fmt.Errorf("%q is neither ISO-8601 nor unix time", x)
	default:
		return time.Time{}, fmt.Errorf("a timestamp must be a number or a string, not %s", valueOf(v).typeName())
	}
}

// Epoch values above this are milliseconds: as seconds they would lie past
// the year 5000.
const msThreshold = 1e11

func fromEpoch(f float64) (time.Time, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 1e15 {
		return time.Time{}, fmt.Errorf("%v is not a unix time", f)
	}
	if f > msThreshold {
		f /= 1000
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}
