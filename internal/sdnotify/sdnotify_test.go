package sdnotify

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/testenv"
)

// notifySocket is a real notify socket, as systemd listens on one: a
// unixgram socket whose path NOTIFY_SOCKET names.
type notifySocket struct {
	conn *net.UnixConn
}

func listen(t *testing.T, watchdog time.Duration) *notifySocket {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	t.Setenv("NOTIFY_SOCKET", path)
	if watchdog > 0 {
		t.Setenv("WATCHDOG_USEC", strconv.FormatInt(watchdog.Microseconds(), 10))
		t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
	} else {
		t.Setenv("WATCHDOG_USEC", "")
	}
	return &notifySocket{conn}
}

// next waits for the next datagram.
func (s *notifySocket) next(t *testing.T) string {
	t.Helper()
	s.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 4096)
	n, err := s.conn.Read(buf)
	if err != nil {
		t.Fatalf("no notification: %v", err)
	}
	return string(buf[:n])
}

// empty says whether no datagram is queued now.
func (s *notifySocket) empty(t *testing.T) bool {
	t.Helper()
	s.conn.SetReadDeadline(time.Now())
	buf := make([]byte, 4096)
	n, err := s.conn.Read(buf)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	t.Logf("queued: %q (%v)", buf[:n], err)
	return false
}

func TestReadyReloadingStopping(t *testing.T) {
	s := listen(t, 0)
	n := New(slog.New(slog.DiscardHandler))
	n.Ready("watching 3 checks")
	if got := s.next(t); got != "READY=1\nSTATUS=watching 3 checks" {
		t.Errorf("ready: %q", got)
	}
	n.Reloading()
	if got := s.next(t); !strings.HasPrefix(got, "MONOTONIC_USEC=") || !strings.HasSuffix(got, "\nRELOADING=1") {
		t.Errorf("reloading: %q", got)
	}
	n.Status("2 problems open")
	if got := s.next(t); got != "STATUS=2 problems open" {
		t.Errorf("status: %q", got)
	}
	n.Stopping()
	if got := s.next(t); got != "STOPPING=1\nSTATUS=stopping" {
		t.Errorf("stopping: %q", got)
	}
	if n.WatchdogEvery() != 0 {
		t.Errorf("a watchdog without WATCHDOG_USEC: %s", n.WatchdogEvery())
	}
	// Without a watchdog, Watchdog returns at once.
	n.Watchdog(context.Background(), func() (bool, string) { t.Error("alive asked without a watchdog"); return true, "" })
}

// The watchdog is fed at half its period while tidewatch is alive, not at
// all while it is not (systemd then restarts it), and again once it is.
func TestWatchdogIsFedOnlyWhileAlive(t *testing.T) {
	s := listen(t, 100*time.Millisecond)
	logs := &testenv.LogBuffer{}
	n := New(slog.New(slog.NewTextHandler(logs, nil)))
	if n.WatchdogEvery() != 50*time.Millisecond {
		t.Fatalf("fed every %s, want half of WatchdogSec", n.WatchdogEvery())
	}
	// alive answers what the test sends it, and signals each call; once
	// the test is done (answers closed), it is alive, and logs nothing.
	answers, asked := make(chan bool), make(chan struct{}, 100)
	alive := func() (bool, string) {
		asked <- struct{}{}
		ok, more := <-answers
		return ok || !more, "the scheduler is not running"
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Watchdog(ctx, alive)
	}()
	answer := func(ok bool) {
		t.Helper()
		select {
		case <-asked:
		case <-time.After(10 * time.Second):
			t.Fatal("alive was not asked")
		}
		answers <- ok
	}
	answer(true)
	if got := s.next(t); got != "WATCHDOG=1" {
		t.Errorf("fed: %q", got)
	}
	answer(false)
	answer(false)
	// The third question comes after the two answers were acted on: a
	// notification sent for them would be queued by now.
	answer(true)
	if got := s.next(t); got != "WATCHDOG=1" {
		t.Errorf("fed again: %q", got)
	}
	if !s.empty(t) {
		t.Error("fed while not alive")
	}
	cancel()
	close(answers)
	<-done
	log := logs.String()
	if strings.Count(log, "systemd watchdog: not fed") != 1 || !strings.Contains(log, "the scheduler is not running") ||
		!strings.Contains(log, "systemd watchdog: fed again") {
		t.Errorf("log:\n%s", log)
	}
}

// Outside systemd nothing is sent and nothing is logged.
func TestOutsideSystemdNothingHappens(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	t.Setenv("WATCHDOG_USEC", "")
	logs := &testenv.LogBuffer{}
	n := New(slog.New(slog.NewTextHandler(logs, nil)))
	n.Ready("x")
	n.Stopping()
	if logs.String() != "" || n.WatchdogEvery() != 0 {
		t.Errorf("outside systemd: %q, watchdog every %s", logs.String(), n.WatchdogEvery())
	}
}
