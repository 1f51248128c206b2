package npz

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// parseLiteral reads the small subset of Python literals an .npy header
// uses: a dict of quoted keys whose values are strings, True/False/None,
// integers, and tuples or lists of those. Tuples and lists become []any.
func parseLiteral(s string) (any, error) {
	p := &litParser{s: s}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("unexpected %q at offset %d", p.s[p.i:min(p.i+8, len(p.s))], p.i)
	}
	return v, nil
}

type litParser struct {
	s string
	i int
}

func (p *litParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *litParser) value(depth int) (any, error) {
	if depth > 16 {
		return nil, errors.New("nested too deeply")
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, errors.New("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.dict(depth)
	case c == '(':
		return p.sequence(depth, ')')
	case c == '[':
		return p.sequence(depth, ']')
	case c == '\'' || c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		p.i++
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		// numpy writes shapes of old pickles as 3L; accept the suffix.
		digits := p.s[start:p.i]
		if p.i < len(p.s) && p.s[p.i] == 'L' {
			p.i++
		}
		n, err := strconv.Atoi(digits)
		if err != nil {
			return nil, fmt.Errorf("bad integer %q", digits)
		}
		return n, nil
	}
	for word, v := range map[string]any{"True": true, "False": false, "None": nil} {
		if strings.HasPrefix(p.s[p.i:], word) {
			p.i += len(word)
			return v, nil
		}
	}
	return nil, fmt.Errorf("unexpected %q at offset %d", p.s[p.i:min(p.i+8, len(p.s))], p.i)
}

func (p *litParser) str() (string, error) {
	quote := p.s[p.i]
	p.i++
	var sb strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == quote:
			p.i++
			return sb.String(), nil
		case c == '\\' && p.i+1 < len(p.s):
			sb.WriteByte(p.s[p.i+1])
			p.i += 2
		default:
			sb.WriteByte(c)
			p.i++
		}
	}
	return "", errors.New("unterminated string")
}

func (p *litParser) sequence(depth int, end byte) ([]any, error) {
	p.i++
	out := []any{}
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == end {
			p.i++
			return out, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == end {
			p.i++
			return out, nil
		}
		return nil, fmt.Errorf("expected ',' or %q at offset %d", end, p.i)
	}
}

func (p *litParser) dict(depth int) (map[string]any, error) {
	p.i++
	out := map[string]any{}
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return out, nil
		}
		if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
			return nil, fmt.Errorf("expected a quoted key at offset %d", p.i)
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, fmt.Errorf("expected ':' at offset %d", p.i)
		}
		p.i++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out[k] = v
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return out, nil
		}
		return nil, fmt.Errorf("expected ',' or '}' at offset %d", p.i)
	}
}
