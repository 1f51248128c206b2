// Package hztest starts real Hazelcast members for tests: the pinned jar
// from Maven Central (scripts/hazelcast.sh fetches it), on 127.0.0.1, on a
// free port, with a cluster name of its own.
//
// Starting a JVM per test would put a dozen members on two cores at once,
// slow enough to miss heartbeats. So tests share one member per test binary
// (Shared), each in maps of its own, and only tests that kill or freeze a
// member start their own (Start).
package hztest

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/proc"
	"tidewatch/internal/testenv"
)

// Member is one Hazelcast member process.
type Member struct {
	Port    int
	Cluster string
	script  string
	dir     string
	cmd     *exec.Cmd
	exited  chan struct{}

	// env is added to the member's environment: the members of a Cluster
	// name each other in it.
	env []string
	// logFrom is where the log of the member's latest start begins: the
	// log is appended to across restarts.
	logFrom int64
}

var clusters atomic.Int64

func newMember(root, dir string) (*Member, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	m := &Member{
		Port:    port,
		Cluster: fmt.Sprintf("tidewatch-test-%d-%d", os.Getpid(), clusters.Add(1)),
		script:  filepath.Join(root, "scripts", "hazelcast.sh"),
		dir:     dir,
	}
	return m, m.start()
}

// Start starts a member of the test's own and waits until it accepts
// connections. It is killed when the test ends.
func Start(t testing.TB) *Member {
	t.Helper()
	testenv.SkipShort(t, "a Hazelcast member (Java)")
	m, err := newMember(testenv.Root(t), t.TempDir())
	if m != nil {
		t.Cleanup(m.Kill)
	}
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var shared struct {
	once sync.Once
	m    *Member
	err  error
}

// Shared is the member shared by the tests of this test binary. Tests
// must not stop it, and should use map names of their own. A package using
// it runs its tests through Main.
func Shared(t testing.TB) *Member {
	t.Helper()
	testenv.SkipShort(t, "a Hazelcast member (Java)")
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "tidewatch-hz-")
		if err != nil {
			shared.err = err
			return
		}
		shared.m, shared.err = newMember(testenv.Root(t), dir)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.m
}

// Main runs a package's tests and then stops the shared member and removes
// what testenv built.
func Main(m *testing.M) int {
	code := m.Run()
	testenv.Cleanup()
	if shared.m != nil {
		shared.m.Kill()
		os.RemoveAll(shared.m.dir)
	}
	return code
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Addr is the member's address.
func (m *Member) Addr() string { return fmt.Sprintf("127.0.0.1:%d", m.Port) }

func (m *Member) start() error {
	logf, err := os.OpenFile(m.logPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if info, err := logf.Stat(); err == nil {
		m.logFrom = info.Size()
	}
	// The script execs java, so this process is the member itself.
	m.cmd = exec.Command(m.script, "run", fmt.Sprint(m.Port), m.Cluster, m.dir)
	m.cmd.Stdout, m.cmd.Stderr = logf, logf
	if m.env != nil {
		m.cmd.Env = append(os.Environ(), m.env...)
	}
	// The member must not outlive a test binary that dies.
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := m.cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start Hazelcast member: %w", err)
	}
	m.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) {
		cmd.Wait()
		logf.Close()
		close(exited)
	}(m.cmd, m.exited)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-m.exited:
			return fmt.Errorf("the Hazelcast member exited at start:\n%s", m.LogTail())
		default:
		}
		if c, err := net.DialTimeout("tcp", m.Addr(), 200*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the Hazelcast member did not listen on %s within 60s:\n%s", m.Addr(), m.LogTail())
}

func (m *Member) logPath() string { return filepath.Join(m.dir, fmt.Sprintf("member-%d.log", m.Port)) }

// LogTail is the end of the member's log, for failure messages.
func (m *Member) LogTail() string {
	b, _ := os.ReadFile(m.logPath())
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-30):], "\n")
}

// Kill kills the member with SIGKILL, as a crash would, and waits for it.
func (m *Member) Kill() {
	if m.cmd == nil || m.cmd.Process == nil {
		return
	}
	select {
	case <-m.exited:
		return
	default:
	}
	m.cmd.Process.Kill()
	<-m.exited
}

// Restart starts the member again on the same port after Kill. Its data is
// gone, as after a real restart.
func (m *Member) Restart(t testing.TB) {
	t.Helper()
	m.Kill()
	if err := m.start(); err != nil {
		t.Fatal(err)
	}
}

// Pause freezes the member (SIGSTOP): it keeps its connections open but
// answers nothing, as a hung JVM does. It returns once the process is
// stopped.
func (m *Member) Pause(t testing.TB) {
	t.Helper()
	m.cmd.Process.Signal(syscall.SIGSTOP)
	for range 200 {
		if s, err := proc.Read(m.cmd.Process.Pid); err == nil && s.State == 'T' {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the member did not stop")
}

// Resume undoes Pause.
func (m *Member) Resume() { m.cmd.Process.Signal(syscall.SIGCONT) }

// Config is tidewatch's Hazelcast config for this member.
func (m *Member) Config() config.Hazelcast {
	c := config.Default().Hazelcast
	c.Addresses = []string{m.Addr()}
	c.ClusterName = m.Cluster
	return c
}

// Client connects a tidewatch client to the member, waiting at most 30s;
// it is closed when the test ends.
func (m *Member) Client(t testing.TB, log *slog.Logger) *hz.Client {
	t.Helper()
	c, err := connect(t, m.Config(), log)
	if err != nil {
		t.Fatalf("connect to the test member: %v\n%s", err, m.LogTail())
	}
	return c
}

// connect opens a client, closed when the test ends, and waits at most
// 30s for it to connect.
func connect(t testing.TB, cfg config.Hazelcast, log *slog.Logger) (*hz.Client, error) {
	t.Helper()
	c, err := hz.Open(cfg, os.Getenv, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c.Close(ctx)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c, c.WaitConnected(ctx)
}
