package report

import (
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/db"
)

func TestPrintable(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"vix":                       "vix",
		"\x1b[2Jvix\r":              `\x1b[2Jvix\r`,
		"a\nFAKE LINE":              `a\nFAKE LINE`,
		"tab\there":                 `tab\there`,
		"\u202eevil":                `\u202eevil`,
		"c1 \u009b31m":              `c1 \u009b31m`,
		"bad \xff utf8":             `bad \xff utf8`,
		"émoji ✓ stays":             "émoji ✓ stays",
		"\x07bell \x7f del \x00nul": `\abell \x7f del \x00nul`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCellsNeverStartAFormula(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+cmd|' /C calc'!A0":         "'+cmd|' /C calc'!A0",
		"@SUM(1+1)":                  "'@SUM(1+1)",
		"-2+3":                       "'-2+3",
		"\tx":                        `\tx`, // escaped, so no longer a tab
		"-12.5":                      "-12.5",
		"-3%":                        "-3%",
		"vix":                        "vix",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// The copy the text writers print has every string made printable, the
// original is left as it was (JSON prints it raw), and times survive.
func TestPrintableCopiesDeeply(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st := &Status{GeneratedAt: at, Findings: []db.StoredFinding{{Job: "freshness", ObservedAt: at,
		Finding: checks.Finding{Indicator: "\x1b[2Jvix", Message: "\rfake", Details: map[string]any{"k\x1b": []any{"v\x1b"}}}}},
		Bridge: &BridgeStatus{Sample: checks.BridgeSample{Lines: []string{"line\x1b]0;title\x07"}}}}
	p := printable(st)
	f := p.Findings[0]
	if f.Indicator != `\x1b[2Jvix` || f.Message != `\rfake` || !f.ObservedAt.Equal(at) || !p.GeneratedAt.Equal(at) {
		t.Errorf("copy %+v", f)
	}
	if v, ok := f.Details[`k\x1b`].([]any); !ok || v[0] != `v\x1b` {
		t.Errorf("details %v", f.Details)
	}
	if p.Bridge.Sample.Lines[0] != `line\x1b]0;title\a` {
		t.Errorf("bridge lines %q", p.Bridge.Sample.Lines)
	}
	if st.Findings[0].Indicator != "\x1b[2Jvix" || st.Bridge.Sample.Lines[0] != "line\x1b]0;title\x07" {
		t.Error("the original was changed")
	}
}
