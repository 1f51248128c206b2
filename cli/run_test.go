package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tidewatch/internal/testenv"
)

// A real SIGHUP reloads the config of a running tidewatch run instead of
// killing it.
func TestSIGHUPReloadsTheConfig(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nobody := l.Addr().String()
	l.Close()
	conf := filepath.Join(t.TempDir(), "config.toml")
	src := fmt.Sprintf("[hazelcast]\naddresses = [%q]\nconnect_timeout = \"1s\"\n[database]\npath = \"tw.db\"\n[http]\nlisten = \"127.0.0.1:0\"\n[integrity]\nschedule = \"@every 1s\"\n", nobody)
	if err := os.WriteFile(conf, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	logs := &testenv.LogBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"run", "--config", conf}, Env{Stdout: logs, Stderr: logs, Now: time.Now,
			Getenv: func(string) string { return "" }, Version: "test"})
	}()
	waitLog := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), want); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the log never said %q:\n%s", want, logs.String())
			}
		}
	}
	waitLog("http server listening")
	if err := os.WriteFile(conf, []byte(strings.Replace(src, "@every 1s", "@every 2s", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitLog(`msg="config reloaded" changed=[integrity]`)
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d\n%s", code, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not stop")
	}
}
