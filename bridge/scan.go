// Package bridge is the scan bridge (`tidewatch bridge`, a child process of
// tidewatch run): it watches a directory for Arrow IPC scan files and puts
// the newest scan into Hazelcast.
package bridge

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"tidewatch/record"
	"tidewatch/scanfiles"
)

// Scan is one scan file: rows are assets.
type Scan struct {
	Number    int64
	Timestamp time.Time
	Assets    int
	Columns   []Column
	// Omitted names the columns of types the bridge does not map, and why.
	Omitted []string
}

// Column is one column's values: float64, int64, uint64, string, bool,
// or nil for a null (and for NaN, which JSON cannot hold).
type Column struct {
	Name   string
	Values []any
}

// eosReader notes whether a stream ended with its end-of-stream message.
// The stream reader treats running out of bytes between two messages as a
// normal end, so a stream cut at a batch boundary would read as a smaller
// whole one; only the message reader's bare io.EOF means the marker.
type eosReader struct {
	ipc.MessageReader
	sawEOS bool
}

func (r *eosReader) Message() (*ipc.Message, error) {
	m, err := r.MessageReader.Message()
	if err == io.EOF {
		r.sawEOS = true
	}
	return m, err
}

// Fields names where a scan's number and time are found: a column (its
// first row) or, failing that, a schema metadata key.
type Fields struct {
	ScanNumber string
	Timestamp  string
}

// ParseScan decodes a whole Arrow IPC file or stream. A panic in the arrow
// library (corrupted input can cause them) becomes an error.
func ParseScan(data []byte, f Fields) (s *Scan, err error) {
	if err := scanfiles.Complete(data); err != nil {
		return nil, err
	}
	if err := validateIPC(data); err != nil {
		return nil, err
	}
	defer func() {
		switch p := recover().(type) {
		case nil:
		case overCap:
			s, err = nil, fmt.Errorf("the scan decompresses beyond what the bridge reads: %w", p)
		default:
			s, err = nil, fmt.Errorf("the arrow reader panicked: %v", p)
		}
	}()
	// Compressed bodies grow when read, but never to this.
	mem := cappedAllocator{memory.NewGoAllocator(), 32*len(data) + 16<<20, len(data)}
	var c collector
	if bytes.HasPrefix(data, scanfiles.FileMagic) {
		r, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(mem))
		if err != nil {
			return nil, fmt.Errorf("not a readable Arrow file: %w", err)
		}
		defer r.Close()
		if err := c.start(r.Schema()); err != nil {
			return nil, err
		}
		for i := 0; i < r.NumRecords(); i++ {
			rec, err := r.RecordAt(i)
			if err != nil {
				return nil, fmt.Errorf("record batch %d: %w", i, err)
			}
			c.add(rec)
			rec.Release()
		}
	} else {
		msgs := &eosReader{MessageReader: ipc.NewMessageReader(bytes.NewReader(data), ipc.WithAllocator(mem))}
		r, err := ipc.NewReaderFromMessageReader(msgs, ipc.WithAllocator(mem))
		if err != nil {
			return nil, fmt.Errorf("not a readable Arrow stream: %w", err)
		}
		defer r.Release()
		if err := c.start(r.Schema()); err != nil {
			return nil, err
		}
		for r.Next() {
			c.add(r.Record())
		}
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("stream: %w", err)
		}
		if !msgs.sawEOS {
			return nil, fmt.Errorf("%w: the stream stops between two batches, without its end-of-stream marker", scanfiles.ErrIncomplete)
		}
	}
	s, schema := c.scan(), c.schema
	if s.Number, err = scanNumber(s, schema, f.ScanNumber); err != nil {
		return nil, err
	}
	if s.Timestamp, err = scanTime(s, schema, f.Timestamp); err != nil {
		return nil, err
	}
	return s, nil
}

// collector gathers a scan's columns batch by batch.
type collector struct {
	schema  *arrow.Schema
	cols    []Column
	omitted []string // why each column is left out; empty when it is not
	rows    int
}

func (c *collector) start(schema *arrow.Schema) error {
	if schema == nil || len(schema.Fields()) == 0 {
		return errors.New("the schema has no columns")
	}
	c.schema = schema
	c.cols = make([]Column, len(schema.Fields()))
	c.omitted = make([]string, len(schema.Fields()))
	// Names are compared as the JSON keys they become: JSON writes each
	// byte that is not valid UTF-8 as U+FFFD, so two different names can
	// become one key.
	seen := make(map[string]int, len(schema.Fields()))
	for i, fld := range schema.Fields() {
		key, err := json.Marshal(fld.Name)
		if err != nil {
			return fmt.Errorf("column %d: %w", i+1, err)
		}
		if j, dup := seen[string(key)]; dup {
			return fmt.Errorf("two columns are named %s (columns %d and %d): a consumer could not tell them apart", key, j+1, i+1)
		}
		seen[string(key)] = i
		c.cols[i] = Column{Name: fld.Name, Values: []any{}}
	}
	return nil
}

func (c *collector) add(rec arrow.Record) {
	for i := range c.cols {
		if c.omitted[i] != "" {
			continue
		}
		vals, why := values(rec.Column(i))
		if why != "" {
			c.omitted[i] = why
			continue
		}
		c.cols[i].Values = append(c.cols[i].Values, vals...)
	}
	c.rows += int(rec.NumRows())
}

func (c *collector) scan() *Scan {
	s := &Scan{Assets: c.rows}
	for i, col := range c.cols {
		if c.omitted[i] != "" {
			s.Omitted = append(s.Omitted, fmt.Sprintf("%s (%s)", col.Name, c.omitted[i]))
			continue
		}
		s.Columns = append(s.Columns, col)
	}
	return s
}

// field finds a scan-level field: a column's first value, or a schema
// metadata value.
func field(s *Scan, schema *arrow.Schema, name string) (any, bool) {
	for _, c := range s.Columns {
		if c.Name == name && len(c.Values) > 0 {
			return c.Values[0], true
		}
	}
	if md := schema.Metadata(); md.Len() > 0 {
		if i := md.FindKey(name); i >= 0 {
			return md.Values()[i], true
		}
	}
	return nil, false
}

func scanNumber(s *Scan, schema *arrow.Schema, name string) (int64, error) {
	v, ok := field(s, schema, name)
	if !ok {
		return 0, fmt.Errorf("no scan number: no column or schema metadata %q", name)
	}
	switch x := v.(type) {
	case int64:
		return x, nil
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), nil
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("scan number %q is %v, not an integer", name, v)
}

func scanTime(s *Scan, schema *arrow.Schema, name string) (time.Time, error) {
	v, ok := field(s, schema, name)
	if !ok {
		return time.Time{}, fmt.Errorf("no timestamp: no column or schema metadata %q", name)
	}
	switch x := v.(type) {
	case time.Time:
		return x.UTC(), nil
	case int64:
		v = float64(x)
	case uint64:
		v = float64(x)
	}
	t, err := record.ParseTime(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("timestamp %q: %w", name, err)
	}
	return t, nil
}

// values converts a column; why says why a type is not mapped.
func values(arr arrow.Array) (out []any, why string) {
	n := arr.Len()
	out = make([]any, n)
	get, why := getter(arr)
	if why != "" {
		return nil, why
	}
	for i := range n {
		if arr.IsNull(i) {
			continue
		}
		out[i] = get(i)
	}
	return out, ""
}

func finite(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

func getter(arr arrow.Array) (func(int) any, string) {
	switch a := arr.(type) {
	case *array.Float64:
		return func(i int) any { return finite(a.Value(i)) }, ""
	case *array.Float32:
		return func(i int) any { return finite(float64(a.Value(i))) }, ""
	case *array.Float16:
		return func(i int) any { return finite(float64(a.Value(i).Float32())) }, ""
	case *array.Int64:
		return func(i int) any { return a.Value(i) }, ""
	case *array.Int32:
		return func(i int) any { return int64(a.Value(i)) }, ""
	case *array.Int16:
		return func(i int) any { return int64(a.Value(i)) }, ""
	case *array.Int8:
		return func(i int) any { return int64(a.Value(i)) }, ""
	case *array.Uint64:
		return func(i int) any { return a.Value(i) }, ""
	case *array.Uint32:
		return func(i int) any { return uint64(a.Value(i)) }, ""
	case *array.Uint16:
		return func(i int) any { return uint64(a.Value(i)) }, ""
	case *array.Uint8:
		return func(i int) any { return uint64(a.Value(i)) }, ""
	case *array.Boolean:
		return func(i int) any { return a.Value(i) }, ""
	case *array.String:
		return func(i int) any { return a.Value(i) }, ""
	case *array.LargeString:
		return func(i int) any { return a.Value(i) }, ""
	case *array.Binary:
		return func(i int) any { return base64.StdEncoding.EncodeToString(a.Value(i)) }, ""
	case *array.Timestamp:
		toTime, err := a.DataType().(*arrow.TimestampType).GetToTimeFunc()
		if err != nil {
			return nil, err.Error()
		}
		return func(i int) any { return toTime(a.Value(i)).UTC() }, ""
	case *array.Date32:
		return func(i int) any { return a.Value(i).ToTime().UTC() }, ""
	case *array.Date64:
		return func(i int) any { return a.Value(i).ToTime().UTC() }, ""
	case *array.Dictionary:
		// A null index is found by values; a valid index may still point
		// at a null in the dictionary.
		dict := a.Dictionary()
		get, why := getter(dict)
		if why != "" {
			return nil, "dictionary of " + why
		}
		return func(i int) any {
			j := a.GetValueIndex(i)
			if dict.IsNull(j) {
				return nil
			}
			return get(j)
		}, ""
	}
	return nil, "type " + arr.DataType().String() + " is not mapped"
}
