// Package present is how tidewatch shows what it knows, to people and to
// programs: text from the outside made safe to print, durations as people
// say them, one layout for times, JSON whose lists are never null.
package present

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable makes text from the outside (Hazelcast keys and values, file
// names, the bridge's output) safe to print where a person reads it: a
// terminal, a text or markdown report. Control characters (an escape
// sequence can clear a screen or retitle a window, a \r overwrite a line,
// a \n forge one), bidirectional overrides and invalid UTF-8 are written
// as Go escapes (\x1b, \r, \u202e) instead of being obeyed. JSON keeps the
// raw value: its encoding escapes them already.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			// QuoteRune gives \r, \x1b, \u202e: drop its quotes.
			q := fmt.Sprintf("%+q", r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == utf8.RuneError, unicode.IsControl(r):
		return true
	// Bidirectional marks, embeddings, overrides and isolates, which
	// reorder what is shown; line and paragraph separators.
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// formula is how a spreadsheet recognises a formula (OWASP's list for CSV
// injection: = + - @, tab and carriage return); a plain number is left
// alone, so that negative numbers stay numbers.
var (
	formula     = regexp.MustCompile("^[=+\\-@\t\r]")
	plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?%?$`)
)

// CSVCell is a CSV cell a spreadsheet shows as text: one that would start
// a formula is prefixed with a single quote.
func CSVCell(s string) string {
	s = Printable(s)
	if formula.MatchString(s) && !plainNumber.MatchString(s) {
		return "'" + s
	}
	return s
}

// Copy returns a copy of v (a pointer to a struct of what is printed) in
// which every string, however deep, is Printable: the text writers print
// the copy, and whatever field is added later is covered too.
func Copy[T any](v *T) *T {
	return printableValue(reflect.ValueOf(v)).Interface().(*T)
}

func printableValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(Printable(v.String()))
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(printableValue(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(printableValue(v.Elem()))
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(printableValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(printableValue(it.Key()), printableValue(it.Value()))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // unexported fields (a time's) as they are
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(printableValue(v.Field(i)))
			}
		}
		return out
	}
	return v
}
