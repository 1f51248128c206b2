package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/proc"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
)

// Fault: a second `tidewatch run` on the database, or on the bridge state
// directory, of a running one. It refuses at start, naming the first's
// pid, before it touches anything: the first's bridge lives on, and no
// false gap is written. `tidewatch check` runs beside it. Once the first
// is killed, even with SIGKILL, a new one starts.
func TestASecondDaemonRefusesToStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scans, state := filepath.Join(dir, "scans"), filepath.Join(dir, "state")
	os.MkdirAll(scans, 0o755)
	conf, c, mapName := setup(t, fmt.Sprintf(`[integrity]
schedule = "@every 1s"
[bridge]
enabled = true
watch_dir = %q
state_dir = %q
startup_grace = "1s"
`, scans, state))
	putRecord(t, c, mapName)
	if _, err := scantest.Write(scans, "s1.arrow", 1, time.Now(), 5); err != nil {
		t.Fatal(err)
	}
	first := startDaemon(t, conf)
	var bridgePID int
	for deadline := time.Now().Add(30 * time.Second); bridgePID == 0; time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(state, "bridge.pid")); err == nil {
			fmt.Sscanf(string(b), "%d", &bridgePID)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the first daemon started no bridge:\n%s", first.logs.String())
		}
	}

	second := func(conf, want string) {
		t.Helper()
		cmd := exec.Command(testenv.Tidewatch(t), "run", "--config", conf, "--log-format", "json")
		done := make(chan struct{})
		var out []byte
		var err error
		go func() {
			out, err = cmd.CombinedOutput()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("the second daemon ran:\n%s", out)
		}
		if err == nil || !strings.Contains(string(out), want) || !strings.Contains(string(out), fmt.Sprintf("held by pid %d", first.cmd.Process.Pid)) {
			t.Errorf("the second daemon: %v\n%s", err, out)
		}
	}
	second(conf, `"msg":"cannot open the history database"`)
	// Another database, the same bridge state directory.
	src, _ := os.ReadFile(conf)
	other := filepath.Join(dir, "other.toml")
	os.WriteFile(other, []byte(strings.Replace(string(src), `path = "tw.db"`, fmt.Sprintf("path = %q", filepath.Join(dir, "other.db")), 1)), 0o644)
	second(other, `"msg":"cannot supervise the bridge: its state directory is in use"`)
	if _, err := proc.Start(bridgePID); err != nil {
		t.Errorf("the first daemon's bridge is gone: %v", err)
	}

	// check runs beside the daemon and records its runs.
	if code, out, errOut := tw("check", "--config", conf, "--job", "integrity"); code != 0 {
		t.Errorf("check beside the daemon: %d\n%s\n%s", code, out, errOut)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(filepath.Dir(conf), "tw.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var unknown int
	if err := db.QueryRow(`SELECT count(*) FROM health_changes WHERE status = 'unknown'`).Scan(&unknown); err != nil || unknown != 0 {
		t.Errorf("%d unknown health changes while one daemon ran (%v)", unknown, err)
	}

	// Reaped, not only a zombie: the kernel drops the lock with the last
	// of its threads.
	first.cmd.Process.Kill()
	select {
	case <-first.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("the first daemon outlived SIGKILL")
	}
	third := startDaemon(t, conf)
	third.until(t, "/healthz", 200)
}
