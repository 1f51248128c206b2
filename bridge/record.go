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
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		vals, err := json.Marshal(c.Values)
		if err != nil {
			return nil, err
		}
		b.Write(vals)
	}
	b.WriteString(`},"bridged_at":"`)
	b.WriteString(bridgedAt.UTC().Format(timeLayout))
	b.WriteString(`","source_file":`)
	src, err := json.Marshal(source)
	if err != nil {
		return nil, err
	}
	b.Write(src)
	b.WriteByte('}')
	return b.Bytes(), nil
}
