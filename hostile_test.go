package main

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tidewatch/config"
	"tidewatch/status"
)

// Text from the outside can attack the person who reads it: escape
// sequences and carriage returns in Hazelcast keys and in file names
// reach the terminal, and spreadsheet formulas the CSV report. A hostile
// producer writes both into a real member and disk; every text output
// escapes them, the CSV report writes formulas as text, and JSON keeps the
// raw values.
func TestHostileKeysAndNamesAreNeutralisedInEveryOutput(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "")
	const key = "\x1b[2Jvix\r" // clears the screen, then overwrites the line
	rec := map[string]any{"_acb_ready": true, "_staleness_s": map[string]any{key: 9999.0}, key: 1.0}
	for i, name := range config.ExpectedIndicators {
		rec[name] = float64(i) + 0.5
	}
	b, _ := json.Marshal(rec)
	if err := c.Put(context.Background(), mapName, "exf_latest", string(b)); err != nil {
		t.Fatal(err)
	}
	// A snapshot whose name sets the terminal's title and whose entries
	// are formulas.
	exf := filepath.Join(filepath.Dir(conf), "exf")
	os.MkdirAll(exf, 0o755)
	file := filepath.Join(exf, "\x1b]0;owned\x07.npz")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	formulas := []string{`=HYPERLINK("http://evil.example","click")`, "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"}
	for _, name := range append(formulas, key) {
		w, _ := zw.Create(name) // not .npy: each a finding naming its entry
		w.Write([]byte("x"))
	}
	zw.Close()
	f.Close()

	raw := func(what, out string) {
		t.Helper()
		if strings.ContainsAny(out, "\x1b\r\x07") {
			t.Errorf("%s: a raw control character reached the output:\n%q", what, out)
		}
	}
	code, out, errOut := tw("check", "--config", conf)
	raw("check", out)
	if code == 3 || !strings.Contains(out, `\x1b[2Jvix\r is stale`) || !strings.Contains(out, `\x1b]0;owned\a.npz`) {
		t.Errorf("check: %d\n%s\n%s", code, out, errOut)
	}
	_, out, _ = tw("check", "--config", conf, "--json")
	var verdict status.Check
	if err := json.Unmarshal([]byte(out), &verdict); err != nil || !strings.Contains(fmt.Sprint(verdict), key) {
		t.Errorf("check --json lost the raw key: %v\n%s", err, out)
	}

	_, out, _ = tw("status", "--config", conf, "-n", "50")
	raw("status", out)
	if !strings.Contains(out, `\x1b[2Jvix\r is stale`) || !strings.Contains(out, `newest `+filepath.Join(exf, `\x1b]0;owned\a.npz`)) {
		t.Errorf("status:\n%s", out)
	}
	_, out, _ = tw("status", "--config", conf, "--json", "-n", "50")
	var st status.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Health.SnapshotPath != file {
		t.Errorf("status --json lost the raw path: %v %q", err, st.Health.SnapshotPath)
	}

	for _, format := range []string{"text", "markdown"} {
		_, out, _ = tw("report", "--config", conf, "--since", "1h", "--format", format)
		raw("report --format "+format, out)
		if !strings.Contains(out, `\x1b[2Jvix\r`) {
			t.Errorf("report --format %s does not show the key escaped:\n%s", format, out)
		}
	}
	_, out, _ = tw("report", "--config", conf, "--since", "1h", "--format", "csv")
	raw("report --format csv", out)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		v := row[3]
		if v != "" && strings.ContainsAny(v[:1], "=+-@\t\r") && !plainNumber(v) {
			t.Errorf("a CSV cell starts a formula: %q", v)
		}
		seen[v] = true
	}
	for _, fm := range formulas {
		if !seen["'"+fm] {
			t.Errorf("the entry %q is not in the CSV as text", fm)
		}
	}
	_, out, _ = tw("report", "--config", conf, "--since", "1h", "--format", "json")
	if !strings.Contains(out, `"=HYPERLINK(\"http://evil.example\",\"click\")"`) || !strings.Contains(out, `\u001b[2Jvix\r`) {
		t.Errorf("report --format json does not keep the raw values:\n%s", out)
	}
}

func plainNumber(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "-"), "%")
	return s != "" && strings.Trim(s, "0123456789.") == ""
}
