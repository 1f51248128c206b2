package record

import (
	"fmt"
	"strings"
	"testing"
)

// scanRecord is a latest_eigen_scan as the bridge writes it.
func scanRecord(assets, cols int) []byte {
	var b strings.Builder
	b.WriteString(`{"scan_number":4228,"timestamp":"2026-11-23T09:41:53.123Z","asset_count":` + fmt.Sprint(assets) + `,"columns":{"asset":[`)
	for i := range assets {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"A%04dUSDT"`, i)
	}
	b.WriteString("]")
	for c := 1; c < cols; c++ {
		fmt.Fprintf(&b, `,"c%d":[`, c)
		for i := range assets {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `%v`, float64(i)*0.123456789+float64(c))
		}
		b.WriteString("]")
	}
	b.WriteString(`},"bridged_at":"2026-11-23T09:41:53.456Z","source_file":"scan_4228.arrow"}`)
	return []byte(b.String())
}

// BenchmarkDecodeScanHead reads the head of a 500-asset, 10-column scan
// record, as the freshness and bridge jobs do every run.
func BenchmarkDecodeScanHead(b *testing.B) {
	data := scanRecord(500, 10)
	b.SetBytes(int64(len(data)))
	for range b.N {
		if _, err := DecodeScanHead(data); err != nil {
			b.Fatal(err)
		}
	}
}
