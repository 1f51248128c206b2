// Package scantest writes Arrow IPC scan files with Go's arrow writer, for
// tests and benchmarks: the other writer, beside pyarrow's fixtures; and
// reads the scan a bridge pushed from them.
package scantest

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/record"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Bytes is a scan of the given number of assets with ten columns: asset,
// scan_number, timestamp (an Arrow timestamp) and seven numeric columns.
// stream chooses the IPC stream format over the file format.
func Bytes(number int64, ts time.Time, assets int, stream bool) ([]byte, error) {
	fields := []arrow.Field{
		{Name: "asset", Type: arrow.BinaryTypes.String},
		{Name: "scan_number", Type: arrow.PrimitiveTypes.Int64},
		{Name: "timestamp", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}},
	}
	for i := 1; i <= 7; i++ {
		fields = append(fields, arrow.Field{Name: fmt.Sprintf("eigen_%d", i), Type: arrow.PrimitiveTypes.Float64})
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer b.Release()
	stamp := arrow.Timestamp(ts.UnixMilli())
	for i := range assets {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("A%04dUSDT", i))
		b.Field(1).(*array.Int64Builder).Append(number)
		b.Field(2).(*array.TimestampBuilder).Append(stamp)
		for c := 3; c < 10; c++ {
			b.Field(c).(*array.Float64Builder).Append(float64(i*c) / 100)
		}
	}
	rec := b.NewRecord()
	defer rec.Release()

	var out bytesWriter
	if stream {
		w := ipc.NewWriter(&out, ipc.WithSchema(schema))
		if err := w.Write(rec); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		return out.buf, nil
	}
	w, err := ipc.NewFileWriter(&out, ipc.WithSchema(schema))
	if err != nil {
		return nil, err
	}
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.buf, nil
}

// Write writes a scan file into dir the way a careful scanner does: aside,
// then renamed into place, so that it appears whole. It returns the path.
func Write(dir, name string, number int64, ts time.Time, assets int) (string, error) {
	data, err := Bytes(number, ts, assets, false)
	if err != nil {
		return "", err
	}
	return Land(dir, name, data)
}

// Land puts data in place as the file name in dir: written aside under a
// hidden name, then renamed. It returns the path.
func Land(dir, name string, data []byte) (string, error) {
	path := filepath.Join(dir, name)
	tmp := filepath.Join(dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// bytesWriter is an in-memory io.WriteSeeker, which the file writer needs.
type bytesWriter struct {
	buf []byte
	pos int
}

func (w *bytesWriter) Write(p []byte) (int, error) {
	if end := w.pos + len(p); end > len(w.buf) {
		w.buf = append(w.buf, make([]byte, end-len(w.buf))...)
	}
	copy(w.buf[w.pos:], p)
	w.pos += len(p)
	return len(p), nil
}

func (w *bytesWriter) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case 0:
		w.pos = int(offset)
	case 1:
		w.pos += int(offset)
	case 2:
		w.pos = len(w.buf) + int(offset)
	}
	return int64(w.pos), nil
}

// Series makes many scan files of the same shape fast: Bytes once, then
// the scan number and timestamp patched into a copy for each file. It is
// for bursts of tens of thousands of files, where building each with the
// arrow writer would take longer than the burst.
type Series struct {
	template   []byte
	number, ts []int // offsets of the scan number's and the timestamp's values
}

// Marker values no real scan carries, found in the template to patch.
const (
	numberMarker = int64(0x5CA7_5CA7_0000_0001)
	tsMarker     = int64(0x7153_7153_0000_0001)
)

// NewSeries prepares files of the given number of assets.
func NewSeries(assets int) (*Series, error) {
	data, err := Bytes(numberMarker, time.UnixMilli(tsMarker), assets, false)
	if err != nil {
		return nil, err
	}
	s := &Series{template: data}
	s.number = offsets(data, numberMarker)
	s.ts = offsets(data, tsMarker)
	if len(s.number) != assets || len(s.ts) != assets {
		return nil, fmt.Errorf("scantest: the template holds %d scan numbers and %d timestamps, want %d each", len(s.number), len(s.ts), assets)
	}
	return s, nil
}

func offsets(data []byte, v int64) []int {
	var out []int
	want := binary.LittleEndian.AppendUint64(nil, uint64(v))
	for i := 0; i+8 <= len(data); i++ {
		if bytes.Equal(data[i:i+8], want) {
			out = append(out, i)
		}
	}
	return out
}

// Bytes is the file of one scan, in buf when it is large enough.
func (s *Series) Bytes(buf []byte, number int64, ts time.Time) []byte {
	buf = append(buf[:0], s.template...)
	for _, at := range s.number {
		binary.LittleEndian.PutUint64(buf[at:], uint64(number))
	}
	for _, at := range s.ts {
		binary.LittleEndian.PutUint64(buf[at:], uint64(ts.UnixMilli()))
	}
	return buf
}

// Pushed is the scan a bridge put into Hazelcast, nil when there is none
// or Hazelcast cannot be reached; an error says the bridge wrote what is
// no scan record.
func Pushed(ctx context.Context, c *hz.Client, cfg config.Hazelcast) (*record.ScanHead, error) {
	v, err := c.Get(ctx, cfg.Map, cfg.ScanKey)
	if err != nil || v == nil {
		return nil, nil
	}
	text, err := hz.Text(v)
	if err != nil {
		return nil, err
	}
	h, err := record.DecodeScanHead(text)
	if err != nil {
		return nil, fmt.Errorf("the bridge wrote an undecodable record: %w", err)
	}
	return &h, nil
}
