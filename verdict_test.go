package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/hztest"
	"tidewatch/internal/testenv"
	"tidewatch/status"
)

// nulls lists where a decoded JSON document holds null: a list that is
// empty must be [], so that a consumer's len() works.
func nulls(v any, at string) []string {
	var out []string
	switch x := v.(type) {
	case nil:
		out = append(out, at)
	case map[string]any:
		for k, e := range x {
			out = append(out, nulls(e, at+"."+k)...)
		}
	case []any:
		for i, e := range x {
			out = append(out, nulls(e, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return out
}

func noNulls(t *testing.T, what, doc string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, doc)
	}
	if n := nulls(v, what); len(n) > 0 {
		t.Errorf("null in %v:\n%s", n, doc)
	}
}

// Case 9: what tidewatch prints tells no small lies. Empty lists are [] in
// JSON; a check while Hazelcast is down shows the root cause first, its 28
// consequences folded under it (all kept in JSON), and the dial error once.
func TestOutputTellsNoSmallLies(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "[bridge]\nenabled = false\n")
	putRecord(t, c, mapName)
	code, out, errOut := tw("check", "--config", conf, "--job", "integrity", "--json")
	if code != 0 || !strings.Contains(out, `"findings": []`) {
		t.Errorf("healthy check --json: %d\n%s\n%s", code, out, errOut)
	}
	noNulls(t, "check", out)
	_, out, _ = tw("status", "--config", conf, "--json")
	noNulls(t, "status", out)
	_, out, _ = tw("report", "--config", conf, "--format", "json")
	noNulls(t, "report", out)

	// Hazelcast away: a port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	down := filepath.Join(t.TempDir(), "down.toml")
	os.WriteFile(down, []byte(fmt.Sprintf("[hazelcast]\naddresses = [%q]\nconnect_timeout = \"1s\"\n[database]\npath = \"tw.db\"\n[bridge]\nenabled = false\n", addr)), 0o644)
	code, out, _ = tw("check", "--config", down, "--job", "integrity")
	lines := strings.Split(out, "\n")
	i := slicesIndex(lines, "FINDINGS")
	if code != 2 || i < 0 || len(lines) < i+3 {
		t.Fatalf("check while Hazelcast is down: %d\n%s", code, out)
	}
	root, folded := lines[i+1], lines[i+2]
	if !strings.HasPrefix(root, "critical  integrity  connectivity  Hazelcast unreachable: ") ||
		strings.Count(root, "connection refused") != 1 {
		t.Errorf("root: %q", root)
	}
	if strings.TrimSpace(folded) != "+19 missing, +9 missing_critical (follow from connectivity)" || len(lines) != i+4 {
		t.Errorf("folded: %q\n%s", folded, out)
	}
	_, out, _ = tw("check", "--config", down, "--job", "integrity", "--json")
	var verdict status.Check
	if err := json.Unmarshal([]byte(out), &verdict); err != nil || len(verdict.Runs[0].Findings) != 29 {
		t.Errorf("check --json keeps every finding: %v, %d", err, len(verdict.Runs[0].Findings))
	}
	_, out, _ = tw("status", "--config", down)
	if !strings.Contains(out, "+9 missing_critical (follow from connectivity)") {
		t.Errorf("status:\n%s", out)
	}
}

func slicesIndex(lines []string, s string) int {
	for i, l := range lines {
		if l == s {
			return i
		}
	}
	return -1
}

// Case 6: a 50 MB exf_latest put by the Python client, under a running
// daemon: every run says record_invalid (never connectivity), the first
// run after the value is fixed is healthy, and the daemon's RSS is back
// under 60 MB.
func TestOversizedRecordUnderARunningDaemon(t *testing.T) {
	t.Parallel()
	// A member of its own: serving 50 MB twice a second keeps a 256 MB JVM
	// collecting long enough to miss the heartbeats of other tests' clients.
	m := hztest.Start(t)
	mapName := "DOLPHIN_FEATURES"
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(`[hazelcast]
addresses = [%q]
cluster_name = %q
connect_timeout = "20s"
[database]
path = "tw.db"
[http]
listen = "127.0.0.1:0"
[divergence]
snapshot_dir = "exf"
[bridge]
enabled = false
[integrity]
schedule = "@every 1s"
[freshness]
schedule = "@every 1s"
`, m.Addr(), m.Cluster)), 0o644); err != nil {
		t.Fatal(err)
	}
	c := m.Client(t, slog.New(slog.DiscardHandler))
	putRecord(t, c, mapName)
	d := startDaemon(t, conf)
	d.until(t, "/readyz", 200)

	put := exec.Command(testenv.Python(t), filepath.Join(testenv.Root(t), "jobs/testdata/put_value.py"),
		m.Addr(), m.Cluster, mapName, "exf_latest", "50")
	if out, err := put.CombinedOutput(); err != nil {
		t.Fatalf("put_value.py: %v\n%s", err, out)
	}
	body := d.until(t, "/readyz", 503)
	if !strings.Contains(body, "50.0 MiB") || strings.Contains(body, "unreachable") {
		t.Errorf("readyz with a 50 MB record: %s", body)
	}
	// Every run in the meantime: record_invalid, never connectivity.
	history, err := sql.Open("sqlite", "file:"+filepath.Join(filepath.Dir(conf), "tw.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer history.Close()
	var invalid, unreachable int
	err = history.QueryRow(`SELECT count(*) FILTER (WHERE category = 'record_invalid' AND message LIKE '%50.0 MiB%'),
		count(*) FILTER (WHERE category = 'connectivity') FROM findings`).Scan(&invalid, &unreachable)
	if err != nil || invalid == 0 || unreachable != 0 {
		t.Errorf("findings: %d record_invalid, %d connectivity, %v", invalid, unreachable, err)
	}

	fixed := time.Now()
	putRecord(t, c, mapName)
	d.until(t, "/readyz", 200)
	// The first integrity run after the fix was healthy: within one schedule.
	_, out, _ := tw("status", "--config", conf, "--json")
	var st status.Status
	json.Unmarshal([]byte(out), &st)
	for _, j := range st.Jobs {
		if j.Job == "integrity" && (j.LastRun == nil || j.LastRun.Sub(fixed) > 2*time.Second || j.Status != "healthy") {
			t.Errorf("integrity after the fix: %+v", j)
		}
	}
	// RSS comes back: the scavenger may take a moment after the last refusal.
	var rss int
	deadline := time.Now().Add(30 * time.Second)
	for rss = vmRSS(t, d.cmd.Process.Pid); rss >= 60<<10 && time.Now().Before(deadline); rss = vmRSS(t, d.cmd.Process.Pid) {
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("daemon RSS after the fix: %.1f MB", float64(rss)/1024)
	if rss >= 60<<10 {
		t.Errorf("daemon RSS %d kB, over 60 MB", rss)
	}
}

// vmRSS is a process's resident set, in kB.
func vmRSS(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// Case 8: stuck is a matter of time, not of runs: two checks 0.1 s apart
// (each its own process, the scan number restored from history) say
// nothing about a scan number that has not moved.
func TestTwoChecksApartDoNotCallTheScanStuck(t *testing.T) {
	t.Parallel()
	conf, c, mapName := setup(t, "")
	putRecord(t, c, mapName)
	scan, _ := json.Marshal(map[string]any{"scan_number": 4228, "timestamp": time.Now().Format(time.RFC3339Nano), "asset_count": 412})
	if err := c.Put(t.Context(), mapName, "latest_eigen_scan", string(scan)); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if i > 0 {
			time.Sleep(100 * time.Millisecond) // the 0.1 s between the two checks is the case itself
		}
		code, out, errOut := tw("check", "--config", conf, "--job", "freshness")
		if code != 0 || strings.Contains(out, "scan_stuck") {
			t.Errorf("check %d: %d\n%s\n%s", i+1, code, out, errOut)
		}
	}
}
