package docs

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tidewatch/config"
	"tidewatch/internal/testenv"
)

// The production example loads as it is, with every path absolute (a
// relative one would resolve against /etc/tidewatch) and everything
// tidewatch writes inside the unit's state directory.
func TestProductionConfig(t *testing.T) {
	t.Parallel()
	src := read(t, "config.production.toml")
	cfg, err := config.Parse("config.production.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load("config.production.toml"); err != nil {
		t.Fatal(err)
	}
	state := "/var/lib/" + unit(t)["StateDirectory"][0] + "/"
	for name, p := range map[string]string{"database.path": cfg.Database.Path, "divergence.snapshot_dir": cfg.Divergence.SnapshotDir,
		"bridge.watch_dir": cfg.Bridge.WatchDir, "bridge.state_dir": cfg.Bridge.StateDir} {
		if !filepath.IsAbs(p) {
			t.Errorf("%s = %q is relative", name, p)
		}
	}
	for name, p := range map[string]string{"database.path": cfg.Database.Path, "bridge.state_dir": cfg.Bridge.StateDir} {
		if !strings.HasPrefix(p, state) {
			t.Errorf("%s = %q: tidewatch writes it, and may write only in %s", name, p, state)
		}
	}
	if cfg.Log.Format != "json" || !cfg.Bridge.Enabled || len(cfg.Alerts.Receivers) == 0 || cfg.Alerts.ExternalURL == "" {
		t.Errorf("not what production runs: %+v", cfg)
	}
	// The unit starts tidewatch on the file its comments install.
	if exec := unit(t)["ExecStart"][0]; !strings.Contains(exec, " run --config /etc/tidewatch/config.toml") {
		t.Errorf("ExecStart=%s", exec)
	}
}

// unit reads the unit's settings: each key's values, in order.
func unit(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open("tidewatch.service")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := strings.TrimSpace(lines.Text())
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			out[k] = append(out[k], v)
		}
	}
	return out
}

// systemdAnalyze is systemd-analyze, which scripts/test-setup.sh installs
// (Debian's systemd): the unit's tests fail without it, and are left out in
// the pure lane (go test -short) only.
func systemdAnalyze(t *testing.T) string {
	t.Helper()
	testenv.SkipShort(t, "systemd-analyze")
	p, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Fatal("systemd-analyze is missing: scripts/test-setup.sh installs it (Debian's systemd)")
	}
	return p
}

// The unit is valid as systemd loads it: systemd-analyze verify, in a root
// of its own holding the system's units and a stand-in for each program
// the unit runs, says nothing at all (it exits 0 even for a setting it
// ignores).
func TestUnitVerifies(t *testing.T) {
	t.Parallel()
	sa := systemdAnalyze(t)
	root := t.TempDir()
	units := filepath.Join(root, "usr/lib/systemd/system")
	if err := os.MkdirAll(units, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"/usr/lib/systemd/system", "/lib/systemd/system"} {
		if _, err := os.Stat(filepath.Join(dir, "multi-user.target")); err == nil {
			run(t, "cp", "-a", dir+"/.", units)
			break
		}
	}
	u := unit(t)
	for _, key := range []string{"ExecStart", "ExecReload"} {
		for _, cmd := range u[key] {
			program := filepath.Join(root, strings.Fields(strings.TrimLeft(cmd, "-@:+!"))[0])
			if err := os.MkdirAll(filepath.Dir(program), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "etc/systemd/system"), 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, "cp", "tidewatch.service", filepath.Join(root, "etc/systemd/system"))
	out, err := exec.Command(sa, "verify", "--root="+root, "tidewatch.service").CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// systemd-analyze security rates the unit's exposure at most 2.5 ("OK").
func TestUnitIsHardened(t *testing.T) {
	t.Parallel()
	sa := systemdAnalyze(t)
	out, err := exec.Command(sa, "security", "--offline=true", "--threshold=25", "--no-pager", "tidewatch.service").CombinedOutput()
	m := regexp.MustCompile(`Overall exposure level for tidewatch.service: ([0-9.]+) (\w+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("systemd-analyze security: %v\n%s", err, out)
	}
	score, _ := strconv.ParseFloat(string(m[1]), 64)
	t.Logf("systemd-analyze security: %s %s", m[1], m[2])
	if err != nil || score > 2.5 {
		t.Errorf("exposure %.1f %s, want at most 2.5: %v\n%s", score, m[2], err, out)
	}
}

// systemd-sysusers creates the unit's user and group from
// docs/tidewatch.sysusers: a system user whose home is the state
// directory and who cannot log in.
func TestSysusersCreatesTheUser(t *testing.T) {
	t.Parallel()
	systemdAnalyze(t)
	sysusers, err := exec.LookPath("systemd-sysusers")
	if err != nil {
		t.Fatal("systemd-sysusers is missing: scripts/test-setup.sh installs it (Debian's systemd)")
	}
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	conf, err := filepath.Abs("tidewatch.sysusers") // a relative one is looked for under --root
	if err != nil {
		t.Fatal(err)
	}
	run(t, sysusers, "--root="+root, conf)
	passwd := read(t, filepath.Join(root, "etc/passwd"))
	u := unit(t)
	m := regexp.MustCompile(`(?m)^` + u["User"][0] + `:x:(\d+):(\d+):[^:]*:/var/lib/` + u["StateDirectory"][0] + `:/usr/sbin/nologin$`).FindStringSubmatch(passwd)
	if m == nil {
		t.Fatalf("no user %s with its home in the state directory:\n%s", u["User"][0], passwd)
	}
	if uid, _ := strconv.Atoi(m[1]); uid >= 1000 {
		t.Errorf("uid %d is not a system user's", uid)
	}
	if group := read(t, filepath.Join(root, "etc/group")); !strings.Contains(group, u["Group"][0]+":x:"+m[2]+":") {
		t.Errorf("no group %s with gid %s:\n%s", u["Group"][0], m[2], group)
	}
}
