package bridge

import (
	"bytes"
	"encoding/json"
	"time"
)

// timeLayout is how the bridge writes times: UTC ISO-8601 with
// milliseconds, which Python's datetime.fromisoformat reads.
const timeLayout = "2006-01-02T15:04:05.000Z"

// Record is the JSON text put under latest_eigen_scan:
//
//	{"scan_number": 4228, "timestamp": "2026-11-23T09:41:53.123Z",
//	 "asset_count": 412, "columns": {"asset": ["BTCUSDT", ...], ...},
//	 "bridged_at": "2026-11-23T09:41:53.456Z", "source_file": "scan_4228.arrow"}
//
// Columns keep the file's order; a null, NaN or infinite value is null.
func Record(s *Scan, source string, bridgedAt time.Time) ([]byte, error) {
	r, err := encodeRecord(s, source)
	if err != nil {
		return nil, err
	}
	r.stamp(bridgedAt)
	return r.text, nil
}

// encoded is a record whose bridged_at is written at the push: the record
// is encoded once, when its file is read (its size decides whether it may
// be pushed at all), and stamped when it goes.
type encoded struct {
	text []byte
	at   int // where bridged_at's value starts
}

// stamp writes bridged_at; every time in timeLayout has the same length.
func (e encoded) stamp(t time.Time) { copy(e.text[e.at:], t.UTC().Format(timeLayout)) }

func encodeRecord(s *Scan, source string) (encoded, error) {
	var b bytes.Buffer
	b.Grow(64 + 16*s.Assets*len(s.Columns))
	b.WriteString(`{"scan_number":`)
	num, _ := json.Marshal(s.Number)
	b.Write(num)
	b.WriteString(`,"timestamp":"`)
	b.WriteString(s.Timestamp.UTC().Format(timeLayout))
	b.WriteString(`","asset_count":`)
	n, _ := json.Marshal(s.Assets)
	b.Write(n)
	b.WriteString(`,"columns":{`)
	for i, c := range s.Columns {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(c.Name)
		if err != nil {
			return encoded{}, err
		}
		b.Write(name)
		b.WriteByte(':')
		vals, err := json.Marshal(c.Values)
		if err != nil {
			return encoded{}, err
		}
		b.Write(vals)
	}
	b.WriteString(`},"bridged_at":"`)
	at := b.Len()
	b.WriteString(time.Time{}.Format(timeLayout))
	b.WriteString(`","source_file":`)
	src, err := json.Marshal(source)
	if err != nil {
		return encoded{}, err
	}
	b.Write(src)
	b.WriteByte('}')
	return encoded{b.Bytes(), at}, nil
}
