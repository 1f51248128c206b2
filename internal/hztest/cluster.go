package hztest

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/hz"
	"tidewatch/internal/testenv"
)

// Cluster is several members on loopback that form one cluster: the same
// cluster name, and each member's tcp-ip member list naming all of them.
type Cluster struct {
	Name    string
	Members []*Member
	root    string
}

// formTimeout bounds how long a cluster may take to (re)form: JVMs
// starting together on two shared cores take tens of seconds.
const formTimeout = 3 * time.Minute

// StartCluster starts n members of one cluster at once and returns when
// every one of them counts all n as members. jvmOpts go to every member,
// such as "-Dhazelcast.max.no.heartbeat.seconds=10" for a test that freezes
// one (a frozen member is removed only after that long; 60 s by default).
// The members are killed when the test ends.
func StartCluster(t testing.TB, n int, jvmOpts ...string) *Cluster {
	t.Helper()
	testenv.SkipShort(t, "Hazelcast members (Java)")
	ports, err := freePorts(n)
	if err != nil {
		t.Fatal(err)
	}
	root, dir := testenv.Root(t), t.TempDir()
	c := &Cluster{Name: fmt.Sprintf("tidewatch-test-%d-%d", os.Getpid(), clusters.Add(1)), root: root}
	list := make([]string, n)
	for i, p := range ports {
		list[i] = fmt.Sprintf("127.0.0.1:%d", p)
	}
	env := []string{"HAZELCAST_MEMBERS=" + strings.Join(list, ","), "HAZELCAST_JAVA_OPTS=" + strings.Join(jvmOpts, " ")}
	for _, p := range ports {
		m := &Member{Port: p, Cluster: c.Name, script: filepath.Join(root, "scripts", "hazelcast.sh"), dir: dir, env: env}
		c.Members = append(c.Members, m)
		t.Cleanup(m.Kill)
	}
	c.startAll(t, c.Members)
	return c
}

// freePorts finds n distinct free ports: each listener stays open until
// all are found, so that no port is handed out twice.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// startAll starts members concurrently, as a cluster restarting at once
// does, and waits until the running ones form one cluster.
func (c *Cluster) startAll(t testing.TB, members []*Member) {
	t.Helper()
	errs := make([]error, len(members))
	var wg sync.WaitGroup
	for i, m := range members {
		wg.Go(func() { errs[i] = m.start() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	c.WaitFormed(t)
}

// Running is the members whose process is alive (paused ones included).
func (c *Cluster) Running() []*Member {
	var out []*Member
	for _, m := range c.Members {
		if m.cmd != nil && !m.isExited() {
			out = append(out, m)
		}
	}
	return out
}

func (m *Member) isExited() bool {
	select {
	case <-m.exited:
		return true
	default:
		return false
	}
}

// membersLine is how a member logs its view of the cluster:
// "Members {size:3, ver:3} [".
var membersLine = regexp.MustCompile(`Members \{size:(\d+), ver:\d+\}`)

// Size is the cluster's size as the member last logged it since its
// latest start; 0 before it joined.
func (m *Member) Size() int {
	b, _ := os.ReadFile(m.logPath())
	b = b[min(m.logFrom, int64(len(b))):]
	all := membersLine.FindAllSubmatch(b, -1)
	if len(all) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(string(all[len(all)-1][1]))
	return n
}

// WaitFormed waits until every running member counts exactly the running
// members (a killed one is dropped at once: its connections close; a
// paused one only after the no-heartbeat timeout).
func (c *Cluster) WaitFormed(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(formTimeout)
	for {
		running := c.Running()
		formed := true
		for _, m := range running {
			if m.Size() != len(running) {
				formed = false
			}
		}
		if formed {
			return
		}
		if time.Now().After(deadline) {
			var views []string
			for _, m := range running {
				views = append(views, fmt.Sprintf("%s sees %d", m.Addr(), m.Size()))
			}
			t.Fatalf("%d members did not form one cluster within %s (%s):\n%s", len(running), formTimeout,
				strings.Join(views, ", "), running[0].LogTail())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// RestartMember starts a killed member again and waits until the cluster
// counts it. Its data is gone; the cluster's survives in the others.
func (c *Cluster) RestartMember(t testing.TB, m *Member) {
	t.Helper()
	m.Kill()
	c.startAll(t, []*Member{m})
}

// KillMember kills one member, as a crash would, and waits until the
// others have dropped it.
func (c *Cluster) KillMember(t testing.TB, m *Member) {
	t.Helper()
	m.Kill()
	c.WaitFormed(t)
}

// KillAll kills every member at once: everything the cluster held is lost.
func (c *Cluster) KillAll() {
	var wg sync.WaitGroup
	for _, m := range c.Members {
		wg.Go(m.Kill)
	}
	wg.Wait()
}

// RestartAll starts every member again after KillAll, at once, and waits
// until they form one cluster: an empty one.
func (c *Cluster) RestartAll(t testing.TB) {
	t.Helper()
	c.KillAll()
	c.startAll(t, c.Members)
}

// Config is tidewatch's Hazelcast config for the cluster: every member's
// address, so that a client connects while any one of them is up.
func (c *Cluster) Config() config.Hazelcast {
	cfg := config.Default().Hazelcast
	cfg.Addresses = nil
	for _, m := range c.Members {
		cfg.Addresses = append(cfg.Addresses, m.Addr())
	}
	cfg.ClusterName = c.Name
	return cfg
}

// Client connects a tidewatch client to the cluster, waiting at most 30s;
// it is closed when the test ends.
func (c *Cluster) Client(t testing.TB, log *slog.Logger) *hz.Client {
	t.Helper()
	cl, err := connect(t, c.Config(), log)
	if err != nil {
		t.Fatalf("connect to the test cluster: %v", err)
	}
	return cl
}

// Owner is the member that owns a string key's partition now: the one to
// pause or kill for a test about what happens to that key. The Go client
// keeps its partition table to itself, so the Python client is asked.
func (c *Cluster) Owner(t testing.TB, key string) *Member {
	t.Helper()
	cmd := exec.Command(testenv.Python(t), filepath.Join(c.root, "internal", "hztest", "owner.py"), c.Name, key)
	var addrs []string
	for _, m := range c.Running() {
		addrs = append(addrs, m.Addr())
	}
	cmd.Args = append(cmd.Args, addrs...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("find the owner of %q: %v\n%s", key, err, stderr.String())
	}
	port, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("find the owner of %q: %q is no port", key, out)
	}
	for _, m := range c.Members {
		if m.Port == port {
			return m
		}
	}
	t.Fatalf("the owner of %q is on port %d, no member of this cluster", key, port)
	return nil
}

// Pid is the member's process id, to measure what it costs.
func (m *Member) Pid() int { return m.cmd.Process.Pid }
