// Package record decodes what the producers put into Hazelcast: the ExF
// fetcher's exf_latest and the scan bridge's latest_eigen_scan.
package record

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// MaxSize caps a record; anything larger is refused before parsing.
const MaxSize = 16 << 20

const maxDepth = 64

// DecodeJSON parses JSON as Python's json module writes it: standard JSON
// plus the bare tokens NaN, Infinity and -Infinity, which encoding/json
// refuses. Objects become map[string]any (a repeated key keeps its last
// value, as in Python), arrays []any, numbers float64 (NaN and ±Inf
// included), strings string, true/false bool, null nil.
func DecodeJSON(data []byte) (any, error) {
	return decode(data, nil)
}

// decode is DecodeJSON that, given only, builds just those keys of a
// top-level object: the other values are checked and skipped, which is
// most of the cost saved on a scan record of hundreds of assets.
func decode(data []byte, only []string) (any, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%d bytes is over the %d byte limit", len(data), MaxSize)
	}
	p := parser{data: data, only: only}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %s after the value", p.describe())
	}
	return v, nil
}

type parser struct {
	data []byte
	pos  int
	only []string
	skip bool // checking a value nobody asked for: build nothing
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *parser) describe() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.errorf("nested deeper than %d levels", maxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.string()
	case c >= '0' && c <= '9':
		return p.number()
	case p.literal("true"):
		return true, nil
	case p.literal("false"):
		return false, nil
	case p.literal("null"):
		return nil, nil
	case p.literal("NaN"):
		return math.NaN(), nil
	case p.literal("Infinity"):
		return math.Inf(1), nil
	case p.literal("-Infinity"):
		return math.Inf(-1), nil
	case c == '-':
		return p.number()
	default:
		return nil, p.errorf("unexpected %s", p.describe())
	}
}

func (p *parser) object(depth int) (any, error) {
	p.pos++ // {
	var m map[string]any
	if !p.skip {
		m = map[string]any{}
	}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return m, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("expected a key string, got %s", p.describe())
		}
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("expected ':' after key %q, got %s", key, p.describe())
		}
		p.pos++
		p.space()
		skip := p.skip
		p.skip = skip || depth == 0 && p.only != nil && !slices.Contains(p.only, key)
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if !p.skip {
			m[key] = v
		}
		p.skip = skip
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return m, nil
		default:
			return nil, p.errorf("expected ',' or '}', got %s", p.describe())
		}
	}
}

func (p *parser) array(depth int) (any, error) {
	p.pos++ // [
	a := []any{}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return a, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if !p.skip {
			a = append(a, v)
		}
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return a, nil
		default:
			return nil, p.errorf("expected ',' or ']', got %s", p.describe())
		}
	}
}

// string reads a JSON string; escapes are left to encoding/json, which
// knows surrogate pairs and every escape JSON allows.
func (p *parser) string() (string, error) {
	start := p.pos
	p.pos++ // opening quote
	escaped := false
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; {
		case c == '\\':
			escaped = true
			p.pos += 2
			continue
		case c == '"':
			p.pos++
			raw := p.data[start:p.pos]
			if !escaped && utf8.Valid(raw) {
				if p.skip {
					return "", nil
				}
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.pos = start
				return "", p.errorf("bad string: %v", err)
			}
			return s, nil
		case c < 0x20:
			return "", p.errorf("control character in a string")
		}
		p.pos++
	}
	p.pos = start
	return "", p.errorf("unterminated string")
}

// number reads a JSON number. Python reads 1e999 as inf; so does this.
func (p *parser) number() (any, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return nil, p.errorf("bad number")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("bad number: no digits after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("bad number: no digits in the exponent")
		}
	}
	if p.skip {
		return 0.0, nil // the syntax is checked; ParseFloat refuses nothing more
	}
	f, err := strconv.ParseFloat(string(p.data[start:p.pos]), 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil, p.errorf("bad number: %v", err)
	}
	return f, nil
}
