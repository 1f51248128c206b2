package present

import (
	"testing"
	"time"
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
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAge(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		850 * time.Millisecond:            "850ms",
		42 * time.Second:                  "42s",
		3*time.Minute + 12*time.Second:    "3m12s",
		5*time.Hour + 4*time.Minute + 1e9: "5h4m",
	} {
		if got := Age(d); got != want {
			t.Errorf("Age(%v) = %q, want %q", d, got, want)
		}
	}
}
