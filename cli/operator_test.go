package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Every command's --help writes its flags as the README does (--name
// VALUE), an example, and its exit codes.
func TestHelpIsInFlagStyleWithAnExampleAndExitCodes(t *testing.T) {
	t.Parallel()
	for _, cmd := range [][]string{{"run"}, {"check"}, {"status"}, {"report"}, {"wait"}, {"bridge"}, {"silence", "add"}, {"silence", "list"}} {
		code, _, errOut := tw(time.Now, append(cmd, "--help")...)
		name := strings.Join(cmd, " ")
		if code != 0 || !strings.Contains(errOut, "usage: tidewatch "+name) || !strings.Contains(errOut, "  --config PATH") ||
			!strings.Contains(errOut, "example:\n  tidewatch "+name) || !strings.Contains(errOut, "exit codes: ") {
			t.Errorf("%s --help: %d\n%s", name, code, errOut)
		}
		if regexp.MustCompile(`(?m)^\s+-[a-z]`).MatchString(errOut) {
			t.Errorf("%s --help writes a flag in Go's -name form:\n%s", name, errOut)
		}
	}
	if code, out, _ := tw(time.Now, "silence", "--help"); code != 0 || !strings.Contains(out, "tidewatch silence add --match 'divergence/*' --for 2h") {
		t.Errorf("silence --help: %d\n%s", code, out)
	}
	if code, out, _ := tw(time.Now, "help"); code != 0 || !strings.Contains(out, "silence   hold notifications back") || !strings.Contains(out, "78 an invalid config") {
		t.Errorf("help: %d\n%s", code, out)
	}
}

// A job that is not there is refused with the jobs that are.
func TestAWrongJobListsTheJobs(t *testing.T) {
	t.Parallel()
	conf := history(t, time.Now())
	code, _, errOut := tw(time.Now, "check", "--config", conf, "--job", "bridge")
	if code != ExitUsage || !strings.Contains(errOut, `--job "bridge": no such job; the jobs are integrity, divergence, freshness`) {
		t.Errorf("check --job bridge: %d %q", code, errOut)
	}
	code, _, errOut = tw(time.Now, "report", "--config", conf, "--job", "integrty")
	if code != ExitUsage || !strings.Contains(errOut, `--job "integrty": no such job; the jobs are integrity, divergence, freshness`) {
		t.Errorf("report --job integrty: %d %q", code, errOut)
	}
}

// wait tells its timeout (1) from a usage error (64) and an invalid
// config (78).
func TestWaitExitCodes(t *testing.T) {
	t.Parallel()
	conf := history(t, time.Now().Add(-time.Hour))
	if code, _, _ := tw(time.Now, "wait", "--config", conf, "--timeout", "50ms", "--interval", "10ms"); code != 1 {
		t.Errorf("timeout: %d", code)
	}
	if code, _, _ := tw(time.Now, "wait", "--config", conf, "--timeout", "soon"); code != ExitUsage {
		t.Errorf("a bad flag: %d", code)
	}
	if code, _, _ := tw(time.Now, "wait", "--config", conf, "--timeout", "0s"); code != ExitUsage {
		t.Errorf("a zero timeout: %d", code)
	}
	bad := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(bad, []byte("[freshness]\nstale_after = 120\n"), 0o644)
	if code, _, errOut := tw(time.Now, "wait", "--config", bad); code != ExitConfig || !strings.Contains(errOut, bad+":2: freshness.stale_after:") {
		t.Errorf("an invalid config: %d %q", code, errOut)
	}
	if code, _, _ := tw(time.Now, "wait", "--config", filepath.Join(t.TempDir(), "none.toml")); code != ExitConfig {
		t.Errorf("a missing config: %d", code)
	}
}

// silence add, list and expire, as amtool's: in the database, seen by
// list, refused when they cannot be meant.
func TestSilenceAddListExpire(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	conf := history(t, now)
	code, out, errOut := tw(clock, "silence", "add", "--config", conf, "--match", "divergence/*", "--for", "2h", "--comment", "snapshots being moved", "--author", "alice")
	if code != 0 || out != "silence 1: divergence/* until 2026-11-30 14:00:00 UTC\n" {
		t.Fatalf("add: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := tw(clock, "silence", "add", "--config", conf, "--match", "divergnce/*", "--for", "1d", "--comment", "x"); code != ExitUsage ||
		!strings.Contains(errOut, `no job "divergnce" here`) {
		t.Errorf("a matcher naming no job: %d %q", code, errOut)
	}
	if code, _, errOut := tw(clock, "silence", "add", "--config", conf, "--match", "*/stale/vix", "--for", "a while", "--comment", "x"); code != ExitUsage ||
		!strings.Contains(errOut, `--for "a while"`) {
		t.Errorf("a bad duration: %d %q", code, errOut)
	}
	tw(clock, "silence", "add", "--config", conf, "--match", "*/stale/vix", "--for", "1d", "--comment", "vix feed down")
	code, out, _ = tw(clock, "silence", "list", "--config", conf)
	if code != 0 || !regexp.MustCompile(`(?m)^1\s+divergence/\*\s+active\s+2026-11-30 12:00:00\s+2026-11-30 14:00:00\s+alice\s+snapshots being moved$`).MatchString(out) ||
		!strings.Contains(out, "*/stale/vix") {
		t.Errorf("list: %d\n%s", code, out)
	}
	if code, out, _ := tw(clock, "silence", "expire", "1", "--config", conf); code != 0 || out != "silence 1 expired\n" {
		t.Errorf("expire: %d %q", code, out)
	}
	if code, _, errOut := tw(clock, "silence", "expire", "9", "--config", conf); code != ExitUsage || !strings.Contains(errOut, "no such silence") {
		t.Errorf("expire an unknown id: %d %q", code, errOut)
	}
	code, out, _ = tw(clock, "silence", "list", "--config", conf, "--json", "--expired")
	var list []struct {
		ID      int64  `json:"id"`
		Matcher string `json:"matcher"`
		State   string `json:"state"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != 2 || list[0].State != "expired" || list[1].State != "active" {
		t.Errorf("list --json --expired: %d %v\n%s", code, err, out)
	}
	if code, out, _ := tw(clock, "silence", "list", "--config", conf); code != 0 || strings.Contains(out, "divergence/*") {
		t.Errorf("an expired silence listed: %d\n%s", code, out)
	}
}
