package record

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestDecodeJSONReadsPythonTokens(t *testing.T) {
	t.Parallel()
	// What json.dumps({"a": float("nan"), "b": float("inf"), "c": -float("inf")}) writes.
	v, err := DecodeJSON([]byte(`{"a": NaN, "b": Infinity, "c": -Infinity, "d": [NaN, -1.5e3], "e": "NaN"}`))
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	if !math.IsNaN(m["a"].(float64)) || !math.IsInf(m["b"].(float64), 1) || !math.IsInf(m["c"].(float64), -1) {
		t.Errorf("tokens: %#v", m)
	}
	if d := m["d"].([]any); !math.IsNaN(d[0].(float64)) || d[1].(float64) != -1500 {
		t.Errorf("array: %#v", d)
	}
	if m["e"] != "NaN" {
		t.Errorf("a string NaN must stay a string: %#v", m["e"])
	}
}

func TestDecodeJSONAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	inputs := []string{
		`{}`, `[]`, `null`, `true`, `0`, `-0.5`, `1E+2`, `"x"`,
		`{"a":{"b":[1,2,{"c":null}]},"d":"\u00e9\ud83d\ude00\n\"\\\/"}`,
		` { "k" : [ ] , "k2":{ } } `,
		`{"dup": 1, "dup": 2}`,
	}
	for _, in := range inputs {
		got, err := DecodeJSON([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		var want any
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Errorf("%s: got %s, encoding/json %s", in, g, w)
		}
	}
}

func TestDecodeJSONRefusesBrokenInput(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{``, "offset 0: unexpected end of input"},
		{`{"a": 1`, "offset 7: unexpected end of input in an object"},
		{`{"a": nan}`, `offset 6: unexpected 'n'`},
		{`{"a": 01}`, `offset 7: expected ',' or '}', got '1'`},
		{`{"a": 1.}`, `offset 8: bad number: no digits after '.'`},
		{`{a: 1}`, `offset 1: expected a key string, got 'a'`},
		{`{"a": "x`, `offset 6: unterminated string`},
		{`{"a": 1} x`, `offset 9: unexpected 'x' after the value`},
		{`{"a": "\x"}`, `offset 6: bad string: invalid character 'x' in string escape code`},
		{strings.Repeat("[", 100), "offset 65: nested deeper than 64 levels"},
		{"{\"a\": \"\t\"}", "offset 7: control character in a string"},
	}
	for _, tt := range tests {
		_, err := DecodeJSON([]byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: got %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestDecodeJSONReadsHugeExponentAsInfinity(t *testing.T) {
	t.Parallel()
	v, err := DecodeJSON([]byte(`1e999`))
	if err != nil || !math.IsInf(v.(float64), 1) {
		t.Errorf("got %v, %v; Python reads 1e999 as inf", v, err)
	}
}

func TestDecodeExF(t *testing.T) {
	t.Parallel()
	in := `{"vix": 20.5, "fng": NaN, "dxy": "n/a", "sp500": null, "oi_btc": true,
		"_staleness_s": {"vix": 10, "fng": "old", "dxy": Infinity},
		"_acb_ready": true, "_pushed_at": "2026-11-23T09:00:00.5+00:00", "_source": "fetcher"}`
	r, err := DecodeExF([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	problems := map[string]string{"vix": "", "fng": "NaN", "dxy": "non-numeric (string)", "sp500": "non-numeric (null)", "oi_btc": "non-numeric (bool)"}
	for k, want := range problems {
		if got := r.Values[k].Problem(); got != want {
			t.Errorf("%s: problem %q, want %q", k, got, want)
		}
	}
	if _, ok := r.Values["_source"]; ok || len(r.Values) != 5 {
		t.Errorf("metadata leaked into values: %v", r.Values)
	}
	if !r.Staleness["vix"].Usable() || r.Staleness["vix"].Number != 10 || r.Staleness["fng"].Usable() || r.Staleness["dxy"].Problem() != "Infinity" {
		t.Errorf("staleness: %+v", r.Staleness)
	}
	if !r.ACBReady {
		t.Error("_acb_ready true not read")
	}
	if want := time.Date(2026, 11, 23, 9, 0, 0, 5e8, time.UTC); !r.PushedAt.Equal(want) || r.PushedAtErr != nil {
		t.Errorf("pushed at %v (%v), want %v", r.PushedAt, r.PushedAtErr, want)
	}
	if r.StalenessErr != nil || r.ACBReadyErr != nil {
		t.Errorf("errors on a whole record: %v, %v", r.StalenessErr, r.ACBReadyErr)
	}
}

// Metadata that is absent or malformed is said to be, never read as a
// default that passes.
func TestDecodeExFMetadataThatIsNotThere(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][3]string{
		`{}`: {"_staleness_s is absent", "_acb_ready is absent", ""},
		`{"_staleness_s": [1, 2], "_acb_ready": "true", "_pushed_at": "0001-01-01T00:00:00"}`: {
			"_staleness_s is a JSON array, not an object", "_acb_ready is a JSON string, not a bool",
			"0001-01-01T00:00:00Z is before 2000: a default value, not a time"},
		`{"_staleness_s": {}, "_acb_ready": 1, "_pushed_at": 0}`: {
			"_staleness_s is an empty object", "_acb_ready is a number, not a bool",
			"1970-01-01T00:00:00Z is before 2000: a default value, not a time"},
		`{"_staleness_s": "fresh", "_acb_ready": null, "_pushed_at": NaN}`: {
			"_staleness_s is a JSON string, not an object", "_acb_ready is a JSON null, not a bool", "NaN is not a unix time"},
		`{"_staleness_s": {"vix": 1}, "_acb_ready": false}`: {"", "", ""},
	} {
		r, err := DecodeExF([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		for i, got := range []error{r.StalenessErr, r.ACBReadyErr, r.PushedAtErr} {
			if (got == nil) != (want[i] == "") || got != nil && got.Error() != want[i] {
				t.Errorf("%s: error %d is %v, want %q", in, i, got, want[i])
			}
		}
		if r.PushedAtErr != nil && !r.PushedAt.IsZero() {
			t.Errorf("%s: a refused _pushed_at kept: %v", in, r.PushedAt)
		}
	}
}

func TestDecodeExFRefusesNonObjects(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`[1, 2]`:      "not a JSON object but a JSON array",
		`"{\"a\":1}"`: "not a JSON object but a JSON string",
		`42`:          "not a JSON object but a number",
	} {
		if _, err := DecodeExF([]byte(in)); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", in, err, want)
		}
	}
}

func TestParseTime(t *testing.T) {
	t.Parallel()
	want := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	ok := []any{
		float64(want.Unix()), float64(want.UnixMilli()), "1795424400", "1795424400000",
		"2026-11-23T09:00:00Z", "2026-11-23T10:00:00+01:00", "2026-11-23T09:00:00", "2026-11-23 09:00:00",
		"2026-11-23T09:00:00.000000+00:00",
	}
	for _, v := range ok {
		got, err := ParseTime(v)
		if err != nil || !got.Equal(want) {
			t.Errorf("%#v: got %v, %v", v, got, err)
		}
	}
	for _, v := range []any{"yesterday", math.NaN(), float64(-1), true, nil, "1e400"} {
		if _, err := ParseTime(v); err == nil {
			t.Errorf("%#v: accepted", v)
		}
	}
}

func TestDecodeScanHead(t *testing.T) {
	t.Parallel()
	h, err := DecodeScanHead([]byte(`{"scan_number": 4228, "timestamp": 1795424400.25, "asset_count": 412, "columns": {"x": [NaN]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if h.Number != 4228 || h.Assets != 412 || h.Timestamp.UnixMilli() != 1795424400250 {
		t.Errorf("got %+v", h)
	}
	for in, want := range map[string]string{
		`{"timestamp": 1}`:                           "scan_number is absent or null, not an integer",
		`{"scan_number": 1.5, "timestamp": 1}`:       "scan_number is 1.5, not an integer",
		`{"scan_number": 1000000.5, "timestamp": 1}`: "scan_number is 1000000.5, not an integer",
		`{"scan_number": 1e300, "timestamp": 1}`:     "scan_number is 1e+300, not an integer",
		`{"scan_number": 1}`:                         "no timestamp",
		`{"scan_number": 1, "timestamp": "?"}`:       `timestamp: "?" is neither ISO-8601 nor unix time`,
	} {
		if _, err := DecodeScanHead([]byte(in)); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", in, err, want)
		}
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"vix": NaN, "_staleness_s": {"vix": 1}}`, `[-Infinity, Infinity]`, `"\ud83d"`, `1e999`, `{"a":[{"b":null}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := DecodeJSON(data)
		if err != nil {
			return
		}
		// Whatever encoding/json accepts must decode to the same thing.
		var want any
		if json.Unmarshal(data, &want) == nil {
			g, _ := json.Marshal(v)
			w, _ := json.Marshal(want)
			if string(g) != string(w) {
				t.Errorf("got %s, encoding/json %s", g, w)
			}
		}
	})
}

func FuzzDecodeExF(f *testing.F) {
	for _, s := range []string{
		`{"vix": NaN, "fng": Infinity, "dxy": -Infinity, "_staleness_s": {"vix": 1, "fng": "x"}, "_acb_ready": true, "_pushed_at": "2026-11-23T09:00:00+00:00"}`,
		`{"_pushed_at": 1795424400123}`, `{"_staleness_s": [1, 2]}`, `[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeExF(data)
		if err != nil {
			return
		}
		for _, v := range r.Values {
			if v.Usable() && v.Problem() != "" {
				t.Errorf("usable with a problem: %+v", v)
			}
		}
	})
}
