package npz

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tidewatch/internal/testenv"
)

// fixtures returns the directory of freshly generated fixtures as well as
// the committed ones, so the reader is proven against today's numpy too.
func fixtureDirs(t *testing.T) []string {
	t.Helper()
	if testenv.Short(t, "Python, for fixtures fresh from today's library") {
		return []string{"testdata"}
	}
	fresh := t.TempDir()
	testenv.RunPython(t, "npz/testdata/make_fixtures.py", fresh)
	return []string{"testdata", fresh}
}

func TestReadsEveryIndicatorAndMetadata(t *testing.T) {
	t.Parallel()
	for _, dir := range fixtureDirs(t) {
		for _, name := range []string{"snapshot.npz", "compressed.npz"} {
			s, err := Read(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Keys) != 30 || len(s.Numbers) != 29 || len(s.Refused) != 0 {
				t.Errorf("%s/%s: %d keys, %d numbers, refused %v", dir, name, len(s.Keys), len(s.Numbers), s.Refused)
			}
			if s.Numbers["funding_btc"] != 0.5 || s.Numbers["liq_percentile"] != 0.5+27*1.25 {
				t.Errorf("%s: values %v", name, s.Numbers)
			}
			if s.Numbers["_pushed_at"] != 1795424400 || s.Strings["_source"] != "exf_persistence" {
				t.Errorf("%s: metadata %v %v", name, s.Numbers["_pushed_at"], s.Strings)
			}
		}
	}
}

func TestReadsOneElementArraysAndOtherDtypes(t *testing.T) {
	t.Parallel()
	for _, dir := range fixtureDirs(t) {
		s, err := Read(filepath.Join(dir, "one_element.npz"))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{"vix": 20.5, "fng": 55, "dxy": 104.25, "taker": 1.5, "basis": 0.5, "spread": 3, "_acb_ready": 1}
		for k, v := range want {
			if got, ok := s.Numbers[k]; !ok || got != v {
				t.Errorf("%s: %s = %v (%v), want %v; refused: %v", dir, k, got, ok, v, s.Refused)
			}
		}
	}
}

func TestPickledEntryIsRefusedByNameAndTheRestIsRead(t *testing.T) {
	t.Parallel()
	for _, dir := range fixtureDirs(t) {
		s, err := Read(filepath.Join(dir, "pickled.npz"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Refused["evil"] != "pickled object arrays are refused" {
			t.Errorf("evil: %q", s.Refused["evil"])
		}
		if s.Numbers["vix"] != 20.5 || s.Numbers["fng"] != 55 || !slices.Contains(s.Keys, "evil") {
			t.Errorf("rest of the file: %v, keys %v", s.Numbers, s.Keys)
		}
	}
}

func TestNonScalarEntriesAreRefused(t *testing.T) {
	t.Parallel()
	s, err := Read("testdata/shapes.npz")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"vix": "shape (2,) is not a scalar",
		"fng": "shape (2, 2) is not a scalar",
		"dxy": "shape (0,) is not a scalar",
	}
	for k, v := range want {
		if s.Refused[k] != v {
			t.Errorf("%s: %q, want %q", k, s.Refused[k], v)
		}
	}
	if !math.IsNaN(s.Numbers["nan_value"]) || s.Strings["_note"] != "raw bytes" {
		t.Errorf("numbers %v strings %v", s.Numbers, s.Strings)
	}
}

func TestBrokenFilesAreErrorsNamingTheFile(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"truncated.npz", "not_a_zip.npz"} {
		_, err := Read("testdata/" + name)
		if err == nil || !strings.HasPrefix(err.Error(), "testdata/"+name+": not an npz file: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// npy builds one .npy entry by hand, for headers numpy would never write.
func npy(version byte, headerLen uint32, header string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x93NUMPY")
	b.WriteByte(version)
	b.WriteByte(0)
	if version == 1 {
		binary.Write(&b, binary.LittleEndian, uint16(headerLen))
	} else {
		binary.Write(&b, binary.LittleEndian, headerLen)
	}
	b.WriteString(header)
	b.Write(data)
	return b.Bytes()
}

func TestHostileHeadersAreRefusedWithoutAllocating(t *testing.T) {
	t.Parallel()
	f8 := make([]byte, 8)
	tests := []struct {
		name, want string
		entry      []byte
	}{
		{"huge_len", "header of 2147483648 bytes is over the limit of 10000", npy(2, 1<<31, "", nil)},
		{"short_header", "header: unexpected EOF", npy(1, 100, "{'descr': '<f8'", nil)},
		{"big_item", `dtype "<U100000": items of 400000 bytes are over the limit of 4096`, npy(1, 60, "{'descr': '<U100000', 'fortran_order': False, 'shape': (), }    ", nil)},
		{"bad_magic", "not an .npy array: bad magic", []byte("PK\x03\x04 not numpy at all")},
		{"structured", "structured dtypes are not supported", npy(1, 64, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (), }", f8)},
		{"complex", `dtype "<c16" is not supported`, npy(1, 56, "{'descr': '<c16', 'fortran_order': False, 'shape': (), }", f8)},
		{"no_data", "data: unexpected EOF", npy(1, 55, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", f8[:3])},
		{"version9", "unknown .npy version 9.0", npy(9, 0, "", nil)},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		zw := newZip(&buf)
		zw.add(tt.name+".npy", tt.entry)
		zw.add("ok.npy", npy(1, 55, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", f8))
		zw.close()
		s, err := Parse(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.Refused[tt.name] != tt.want {
			t.Errorf("%s: refused %q, want %q", tt.name, s.Refused[tt.name], tt.want)
		}
		if _, ok := s.Numbers["ok"]; !ok {
			t.Errorf("%s: the good entry beside it was not read", tt.name)
		}
	}
}

func TestOversizedFileIsRefused(t *testing.T) {
	t.Parallel()
	_, err := Parse(bytes.NewReader(nil), MaxFileSize+1)
	if err == nil || !strings.Contains(err.Error(), "over the 67108864 byte limit") {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"snapshot.npz", "one_element.npz", "pickled.npz", "shapes.npz", "compressed.npz"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(bytes.NewReader(data), int64(len(data)))
		if err == nil && len(s.Keys) != len(s.Numbers)+len(s.Strings)+len(s.Refused) {
			// a key is either read or refused, once (duplicate names aside)
			seen := map[string]bool{}
			for _, k := range s.Keys {
				seen[k] = true
			}
			if len(seen) == len(s.Keys) {
				t.Errorf("%d keys but %d numbers, %d strings, %d refused", len(s.Keys), len(s.Numbers), len(s.Strings), len(s.Refused))
			}
		}
	})
}

func FuzzHeader(f *testing.F) {
	f.Add(npy(1, 55, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", make([]byte, 8)))
	f.Add(npy(2, 1<<31, "", nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = readHeader(bytes.NewReader(data))
	})
}

func TestSymlinkIsRefused(t *testing.T) {
	t.Parallel()
	link := filepath.Join(t.TempDir(), "link.npz")
	abs, _ := filepath.Abs("testdata/snapshot.npz")
	if err := os.Symlink(abs, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(link); err == nil {
		t.Error("read through a symlink")
	}
}
