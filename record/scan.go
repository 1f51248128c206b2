package record

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// ScanHead is what the checks need of latest_eigen_scan.
type ScanHead struct {
	Number    int64
	Timestamp time.Time
	Assets    int // -1 when the record does not say
	// BridgedAt and Source are written by tidewatch's bridge: when it put
	// the scan, from which file. Zero and empty when absent.
	BridgedAt time.Time
	Source    string
}

// DecodeScanHead reads scan_number, timestamp and asset_count from a
// latest_eigen_scan record.
func DecodeScanHead(data []byte) (ScanHead, error) {
	v, err := decode(data, []string{"scan_number", "timestamp", "asset_count", "bridged_at", "source_file"})
	if err != nil {
		return ScanHead{}, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return ScanHead{}, fmt.Errorf("not a JSON object but %s", valueOf(v).typeName())
	}
	h := ScanHead{Assets: -1}
	n, ok := obj["scan_number"].(float64)
	if !ok || n != math.Trunc(n) || math.Abs(n) > 1<<53 {
		return ScanHead{}, fmt.Errorf("scan_number is %s, not an integer", describe(obj["scan_number"]))
	}
	h.Number = int64(n)
	ts, ok := obj["timestamp"]
	if !ok {
		return ScanHead{}, fmt.Errorf("no timestamp")
	}
	if h.Timestamp, err = ParseTime(ts); err != nil {
		return ScanHead{}, fmt.Errorf("timestamp: %w", err)
	}
	if a, ok := obj["asset_count"].(float64); ok && a >= 0 && a == math.Trunc(a) {
		h.Assets = int(a)
	}
	if at, ok := obj["bridged_at"]; ok {
		h.BridgedAt, _ = ParseTime(at)
	}
	h.Source, _ = obj["source_file"].(string)
	return h, nil
}

func describe(v any) string {
	if v == nil {
		return "absent or null"
	}
	if f, ok := v.(float64); ok && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64) // 1000000.5, not 1.0000005e+06
	} else if ok {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return valueOf(v).typeName()
}
