package bridge

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/scanfiles"
)

var (
	fields   = Fields{ScanNumber: "scan_number", Timestamp: "timestamp"}
	fixtureT = time.Date(2026, 11, 23, 9, 0, 0, 250e6, time.UTC)
)

func parseFile(t *testing.T, path string) (*Scan, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ParseScan(data, fields)
}

func column(s *Scan, name string) []any {
	for _, c := range s.Columns {
		if c.Name == name {
			return c.Values
		}
	}
	return nil
}

func TestGoWrittenFileAndStream(t *testing.T) {
	t.Parallel()
	for _, stream := range []bool{false, true} {
		data, err := scantest.Bytes(77, fixtureT, 500, stream)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ParseScan(data, fields)
		if err != nil {
			t.Fatalf("stream=%v: %v", stream, err)
		}
		if s.Number != 77 || !s.Timestamp.Equal(fixtureT) || s.Assets != 500 || len(s.Columns) != 10 {
			t.Errorf("stream=%v: #%d %v %d assets %d columns", stream, s.Number, s.Timestamp, s.Assets, len(s.Columns))
		}
		if v := column(s, "eigen_7")[499]; v != float64(499*9)/100 {
			t.Errorf("eigen_7[499] = %v", v)
		}
	}
}

// pyarrowDirs are the committed fixtures and fresh ones from today's pyarrow.
func pyarrowDirs(t *testing.T) []string {
	t.Helper()
	if testenv.Short(t, "Python, for fixtures fresh from today's library") {
		return []string{"testdata"}
	}
	fresh := t.TempDir()
	testenv.RunPython(t, "bridge/testdata/make_fixtures.py", fresh)
	return []string{"testdata", fresh}
}

func TestPyarrowFiles(t *testing.T) {
	t.Parallel()
	for _, dir := range pyarrowDirs(t) {
		s, err := parseFile(t, filepath.Join(dir, "py_file.arrow"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Number != 4228 || !s.Timestamp.Equal(fixtureT) || s.Assets != 500 || len(s.Columns) != 10 {
			t.Errorf("%s: #%d %v %d assets %d columns", dir, s.Number, s.Timestamp, s.Assets, len(s.Columns))
		}
		checks := []struct {
			col  string
			row  int
			want any
		}{
			{"asset", 499, "A0499USDT"},
			{"eigen_1", 5, 0.5},
			{"eigen_2", 3, nil}, // NaN: null in JSON
			{"weight", 0, 0.0},
			{"rank", 42, int64(42)},
			{"active", 3, false},
			{"sector", 3, "l1"}, // dictionary-encoded
			{"volume", 7, nil},  // a null
			{"volume", 8, int64(8000)},
		}
		for _, c := range checks {
			if got := column(s, c.col)[c.row]; got != c.want {
				t.Errorf("%s: %s[%d] = %#v, want %#v", dir, c.col, c.row, got, c.want)
			}
		}

		s, err = parseFile(t, filepath.Join(dir, "py_stream.arrows"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Number != 4229 || !s.Timestamp.Equal(fixtureT) || s.Assets != 500 {
			t.Errorf("%s: stream from metadata: #%d %v %d", dir, s.Number, s.Timestamp, s.Assets)
		}
		s, err = parseFile(t, filepath.Join(dir, "py_epoch_ms.arrow"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Number != 4230 || !s.Timestamp.Equal(fixtureT) {
			t.Errorf("%s: epoch ms: #%d %v", dir, s.Number, s.Timestamp)
		}
	}
}

func TestIncompleteFilesAreNeverHalfRead(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"truncated.arrow", "stream_cut.arrows", "empty.arrow"} {
		if _, err := parseFile(t, "testdata/"+name); !errors.Is(err, scanfiles.ErrIncomplete) {
			t.Errorf("%s: %v, want incomplete", name, err)
		}
	}
	// What the end-of-stream rule protects against: the stream reader
	// alone reads the cut stream as a whole one of 250 rows.
	data, _ := os.ReadFile("testdata/stream_cut.arrows")
	r, err := ipc.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for r.Next() {
		rows += int(r.Record().NumRows())
	}
	if r.Err() != nil || rows != 250 {
		t.Errorf("the cut stream read as %d rows, %v", rows, r.Err())
	}
	r.Release()

	// Every prefix of a whole file is incomplete, never a smaller scan.
	whole, _ := scantest.Bytes(1, fixtureT, 50, false)
	for n := 0; n < len(whole); n += 97 {
		if _, err := ParseScan(whole[:n], fields); err == nil {
			t.Fatalf("a %d-byte prefix of a %d-byte file was read", n, len(whole))
		}
	}
}

func TestWrongSchemaIsRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	_, err := parseFile(t, "testdata/wrong_schema.arrow")
	if err == nil || err.Error() != `no scan number: no column or schema metadata "scan_number"` {
		t.Errorf("got %v", err)
	}
	_, err = ParseScan([]byte("ARROW1\x00\x00 certainly not a file ARROW1"), fields)
	if err == nil || err.Error() != "corrupted Arrow file: a footer of 543517801 bytes" {
		t.Errorf("garbage: %v", err)
	}
}

// killer.arrow once killed the process with an unrecoverable out-of-memory
// in arrow/go v17 (a corrupted buffer length); the metadata check refuses
// it now, in this very process.
func TestCorruptedMetadataIsRefusedBeforeArrowReadsIt(t *testing.T) {
	t.Parallel()
	_, err := parseFile(t, "testdata/killer.arrow")
	want := "corrupted Arrow metadata: buffer 1 (272678883688460 bytes at 0) outside a body of 24 bytes"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestRecordShape(t *testing.T) {
	t.Parallel()
	s, err := parseFile(t, "testdata/py_file.arrow")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Record(s, "py_file.arrow", time.Date(2026, 11, 23, 9, 0, 1, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{
		`{"scan_number":4228,"timestamp":"2026-11-23T09:00:00.250Z","asset_count":500,"columns":{"asset":["A0000USDT",`,
		`"eigen_2":[0,-0.14285714285714285,-0.2857142857142857,null,`,
		`"2026-11-23T09:00:00.25Z"]},"bridged_at":"2026-11-23T09:00:01.000Z","source_file":"py_file.arrow"}`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("record lacks %s", want)
		}
	}
}

func FuzzParseScan(f *testing.F) {
	for _, name := range []string{"py_file.arrow", "py_stream.arrows", "py_epoch_ms.arrow", "killer.arrow", "py_dict_nulls.arrow", "py_zstd.arrow"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseScan(data, fields)
	})
}

// A stream cut after a batch whose last eight bytes happen to be the
// end-of-stream marker (an int64 of 4294967295) passes the byte check; the
// message-level check still finds it cut.
func TestStreamCutWhereTheDataLooksLikeTheEnd(t *testing.T) {
	t.Parallel()
	md := arrow.NewMetadata([]string{"timestamp"}, []string{"2026-11-23T09:00:00Z"})
	schema := arrow.NewSchema([]arrow.Field{{Name: "scan_number", Type: arrow.PrimitiveTypes.Int64}}, &md)
	b := array.NewInt64Builder(memory.NewGoAllocator())
	b.Append(4294967295)
	col := b.NewArray()
	rec := array.NewRecord(schema, []arrow.Array{col}, 1)
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	cut := buf.Len()
	w.Write(rec)
	w.Close()
	data := buf.Bytes()[:cut]
	if scanfiles.Complete(data) != nil {
		t.Fatal("the fixture does not end like a whole stream; the test proves nothing")
	}
	if _, err := ParseScan(data, fields); !errors.Is(err, scanfiles.ErrIncomplete) {
		t.Errorf("got %v, want incomplete", err)
	}
	if s, err := ParseScan(buf.Bytes(), fields); err != nil || s.Assets != 2 || s.Number != 4294967295 {
		t.Errorf("the whole stream: %v, %v", s, err)
	}
}

// A null stays null for every type: a null index, and an index that points
// at a null in the dictionary, are both null, never "" or 0.
func TestDictionaryNullsStayNull(t *testing.T) {
	t.Parallel()
	for _, dir := range pyarrowDirs(t) {
		s, err := parseFile(t, filepath.Join(dir, "py_dict_nulls.arrow"))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]any{
			"regime": {"trend", nil, nil, "chop", nil},
			"level":  {int64(10), nil, int64(30), nil, int64(10)},
			"score":  {nil, nil, 1.5, nil, 1.5}, // NaN is null too
			"flag":   {true, nil, true, nil, nil},
		}
		for name, vals := range want {
			got := column(s, name)
			if len(got) != len(vals) {
				t.Fatalf("%s: %s = %#v", dir, name, got)
			}
			for i := range vals {
				if got[i] != vals[i] {
					t.Errorf("%s: %s[%d] = %#v, want %#v", dir, name, i, got[i], vals[i])
				}
			}
		}
		b, err := Record(s, "py_dict_nulls.arrow", fixtureT)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"regime":["trend",null,null,"chop",null],"level":[10,null,30,null,10]`) {
			t.Errorf("%s: record %s", dir, b)
		}
	}
}

// Two columns of one name would make a JSON object with a repeated key,
// of which Python keeps the last: which one a consumer meant cannot be
// known, so the scan is refused, naming the column.
func TestDuplicateColumnNamesAreRefused(t *testing.T) {
	t.Parallel()
	for _, dir := range pyarrowDirs(t) {
		_, err := parseFile(t, filepath.Join(dir, "py_duplicate_columns.arrow"))
		want := `two columns are named "eigen_1" (columns 3 and 4): a consumer could not tell them apart`
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", dir, err, want)
		}
	}
}

// Compressed scans are read; one that decompresses beyond what the bridge
// allows is refused with that reason, not as a panic of the arrow reader.
func TestCompressedScans(t *testing.T) {
	t.Parallel()
	for _, dir := range pyarrowDirs(t) {
		s, err := parseFile(t, filepath.Join(dir, "py_zstd.arrow"))
		if err != nil || s.Number != 4234 || s.Assets != 500 || column(s, "asset")[499] != "A0499USDT" {
			t.Errorf("%s: zstd scan: %v", dir, err)
		}
		_, err = parseFile(t, filepath.Join(dir, "py_zstd_expands.arrow"))
		if err == nil || strings.Contains(err.Error(), "panicked") ||
			!strings.Contains(err.Error(), "decompresses beyond what the bridge reads: a buffer of 33554432 bytes") {
			t.Errorf("%s: got %v", dir, err)
		}
	}
}
