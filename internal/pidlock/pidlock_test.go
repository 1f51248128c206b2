package pidlock

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The lock is held across processes: a second process is refused with the
// holder's pid, and takes it once the holder has released it.
func TestOneHolderAtATime(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.lock")
	// flock(1) holds it from another process while it reads its stdin.
	holder := exec.Command("flock", "--exclusive", path, "sh", "-c", "echo $$ > \"$0\"; echo held; read _", path)
	stdin, _ := holder.StdinPipe()
	out, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatalf("flock (util-linux): %v", err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		t.Fatalf("the holder did not start: %q %v", buf, err)
	}
	b, _ := os.ReadFile(path)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	_, err := Acquire(path)
	var held *HeldError
	if !errors.As(err, &held) || held.PID != pid || !strings.Contains(err.Error(), "held by pid "+strconv.Itoa(pid)) {
		t.Errorf("while held: %v", err)
	}
	stdin.Close()
	holder.Wait()
	l, err := Acquire(path)
	if err != nil {
		t.Fatalf("after the holder went: %v", err)
	}
	defer l.Release()
	if b, _ := os.ReadFile(path); strings.TrimSpace(string(b)) != strconv.Itoa(os.Getpid()) {
		t.Errorf("the lock file says %q", b)
	}
}
