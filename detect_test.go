package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tidewatch/alert"
	"tidewatch/internal/hztest"
	"tidewatch/internal/scantest"
	"tidewatch/internal/testenv"
	"tidewatch/sse"
)

// BenchmarkDetection measures how fast tidewatch run, with the shipped
// config.toml, sees a bad record, against a real member and real
// producers: the Python client puts records as the ExF fetcher does, a
// Python entry listener reads the verdict key as a trading flow would, a
// webhook receiver takes the alerts, the bridge is fed a scan a second.
//
// One change to the shipped config: integrity runs every second, so that
// the problem a bad record opens resolves (two clean scheduled runs)
// before the next flip, and every flip pages afresh.
//
// TIDEWATCH_FLIPS (default 100) flips, each a record with an ACB-critical
// NaN put while the gate is open, then a good one, a random 0 to 500 ms
// apart: from the bad put to /readyz 503, to the verdict key saying not
// ready in the Python listener, and to the webhook's trigger; from the
// good put to /readyz 200, beyond reopen_after. Then a producer writing
// 200 records a second for TIDEWATCH_STREAM (60 s), every 1,200th bad: the
// integrity runs a second after the first (which runs at once, the
// leading edge), the daemon's RSS, and how many bad records did not close
// the gate. Then the CPU one change costs the daemon beside seed 000's
// check on the same record and snapshot.
func BenchmarkDetection(b *testing.B) {
	flips, stream := 100, time.Minute
	if s := os.Getenv("TIDEWATCH_FLIPS"); s != "" {
		flips, _ = strconv.Atoi(s)
	}
	if s := os.Getenv("TIDEWATCH_STREAM"); s != "" {
		stream, _ = time.ParseDuration(s)
	}
	for range b.N {
		detection(b, flips, stream)
	}
}

// helper is a Python helper of testdata/detect, spoken to by lines.
type helper struct {
	in    io.WriteCloser
	lines chan string
}

func startHelper(b *testing.B, script string, args ...string) *helper {
	b.Helper()
	cmd := exec.Command(testenv.Python(b), append([]string{filepath.Join(testenv.Root(b), "testdata", "detect", script)}, args...)...)
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	h := &helper{in: in, lines: make(chan string, 1<<16)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
		close(h.lines)
	}()
	b.Cleanup(func() {
		in.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	if l := h.next(b, time.Minute); l != "ready" {
		b.Fatalf("%s: %q", script, l)
	}
	return h
}

func (h *helper) next(b *testing.B, within time.Duration) string {
	b.Helper()
	select {
	case l, ok := <-h.lines:
		if !ok {
			b.Fatal("the helper ended")
		}
		return l
	case <-time.After(within):
		b.Fatal("nothing from the helper")
	}
	return ""
}

// put puts one record and returns when the put began.
func (h *helper) put(b *testing.B, kind string, seq int) time.Time {
	b.Helper()
	fmt.Fprintf(h.in, "%s %d\n", kind, seq)
	f := strings.Fields(h.next(b, 30*time.Second))
	ns, _ := strconv.ParseInt(f[1], 10, 64)
	return time.Unix(0, ns)
}

// verdicts keeps what the Python listener on the verdict key saw.
type verdicts struct {
	mu   sync.Mutex
	seen []struct {
		at    time.Time
		ready bool
	}
}

func (v *verdicts) follow(h *helper) {
	for l := range h.lines {
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		ns, _ := strconv.ParseInt(f[0], 10, 64)
		v.mu.Lock()
		v.seen = append(v.seen, struct {
			at    time.Time
			ready bool
		}{time.Unix(0, ns), f[1] == "1"})
		v.mu.Unlock()
	}
}

// firstNotReady is when the listener first saw "not ready" after t.
func (v *verdicts) firstNotReady(after time.Time) (time.Time, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, s := range v.seen {
		if !s.ready && s.at.After(after) {
			return s.at, true
		}
	}
	return time.Time{}, false
}

// hook is the webhook receiver; it keeps when each trigger arrived.
type hook struct {
	mu       sync.Mutex
	triggers []time.Time
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	var body alert.WebhookBody
	json.NewDecoder(r.Body).Decode(&body)
	h.mu.Lock()
	for _, a := range body.Alerts {
		if a.Kind == alert.Trigger && a.Category == "missing_critical" {
			h.triggers = append(h.triggers, at)
		}
	}
	h.mu.Unlock()
}

func (h *hook) firstAfter(t time.Time) (time.Time, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, at := range h.triggers {
		if at.After(t) {
			return at, true
		}
	}
	return time.Time{}, false
}

// shipped is config.toml with this run's member, paths and webhook, and
// integrity every second.
func shipped(b *testing.B, m *hztest.Member, dir string) string {
	b.Helper()
	raw, err := os.ReadFile("config.toml")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	for _, r := range [][2]string{
		{`addresses = ["127.0.0.1:5701"]`, fmt.Sprintf(`addresses = [%q]`, m.Addr())},
		{`cluster_name = "dev"`, fmt.Sprintf(`cluster_name = %q`, m.Cluster)},
		{`path = "tidewatch.db"`, `path = "tw.db"`},
		{`listen = "127.0.0.1:9477"`, `listen = "127.0.0.1:0"`},
		{"[integrity]\nschedule = \"@every 60s\"", "[integrity]\nschedule = \"@every 1s\""},
	} {
		if !strings.Contains(text, r[0]) {
			b.Fatalf("config.toml has no %s", r[0])
		}
		text = strings.Replace(text, r[0], r[1], 1)
	}
	text += "\n[[alerts.receivers]]\nname = \"bench\"\ntype = \"webhook\"\nurl_env = \"TIDEWATCH_BENCH_HOOK\"\nmin_severity = \"critical\"\n"
	conf := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	return conf
}

func detection(b *testing.B, flips int, stream time.Duration) {
	m := hztest.Start(b)
	dir := b.TempDir()
	scans, snaps := filepath.Join(dir, "data", "scans"), filepath.Join(dir, "data", "exf")
	snap := filepath.Join(snaps, time.Now().UTC().Format("2006-01-02"), "exf.npz")
	for _, d := range []string{scans, filepath.Dir(snap)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	data, err := os.ReadFile("npz/testdata/snapshot.npz")
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(snap, data, 0o644); err != nil {
		b.Fatal(err)
	}
	conf := shipped(b, m, dir)
	receiver := &hook{}
	hs := httptest.NewServer(receiver)
	defer hs.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // the scanner: a scan a second
		for n := int64(1); ctx.Err() == nil; n++ {
			scantest.Write(scans, fmt.Sprintf("s%07d.arrow", n), n, time.Now(), 50)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}()
	producer := startHelper(b, "producer.py", m.Addr(), m.Cluster)
	producer.put(b, "good", 0)
	d := startDaemon(b, conf, "TIDEWATCH_BENCH_HOOK="+hs.URL)
	pid := d.cmd.Process.Pid
	readyz := func(code int, within time.Duration) time.Time {
		deadline := time.Now().Add(within)
		for {
			if got, _ := d.get(b, "/readyz"); got == code {
				return time.Now()
			}
			if time.Now().After(deadline) {
				_, body := d.get(b, "/readyz")
				b.Fatalf("/readyz not %d within %v: %s\n%s", code, within, body, d.logs.String())
			}
			time.Sleep(500 * time.Microsecond)
		}
	}
	readyz(200, time.Minute)
	listener := startHelper(b, "verdict_listener.py", m.Addr(), m.Cluster, "TIDEWATCH", "verdict")
	seen := &verdicts{}
	go seen.follow(listener)

	reopen := 5 * time.Second
	var closed, keyed, paged, reopened []time.Duration
	rng := rand.New(rand.NewPCG(1, 15))
	for i := range flips {
		time.Sleep(time.Duration(rng.Int64N(int64(500 * time.Millisecond))))
		put := producer.put(b, "bad", 2*i+1)
		closed = append(closed, readyz(503, 10*time.Second).Sub(put))
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			at, ok := seen.firstNotReady(put)
			if ok {
				keyed = append(keyed, at.Sub(put))
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("flip %d: the verdict key never said not ready", i)
			}
		}
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			at, ok := receiver.firstAfter(put)
			if ok {
				paged = append(paged, at.Sub(put))
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("flip %d: no trigger reached the webhook\n%s", i, d.logs.String())
			}
		}
		time.Sleep(time.Duration(rng.Int64N(int64(500 * time.Millisecond))))
		put = producer.put(b, "good", 2*i+2)
		time.Sleep(reopen - 100*time.Millisecond)
		reopened = append(reopened, readyz(200, 10*time.Second).Sub(put)-reopen)
	}
	report := func(name string, d []time.Duration) {
		slices.Sort(d)
		b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, name+"-p50-ms")
		if len(d) >= 100 {
			b.ReportMetric(float64(d[int(0.99*float64(len(d)-1))].Microseconds())/1000, name+"-p99-ms")
		}
	}
	report("readyz", closed)
	report("key", keyed)
	report("webhook", paged)
	report("reopen", reopened)

	// A producer writing 200 records a second, every 1,200th bad: every
	// bad one closes the gate (it reopens 5 s after), the runs stay bounded.
	var mu sync.Mutex
	closes, ready := 0, true
	sctx, scancel := context.WithCancel(ctx)
	go sse.Follow(sctx, http.DefaultClient, "http://"+d.addr+"/events", "", func(e sse.Event) bool {
		var v struct {
			Ready bool `json:"ready"`
		}
		if e.Type == "verdict" && json.Unmarshal(e.Data, &v) == nil {
			mu.Lock()
			if ready && !v.Ready {
				closes++
			}
			ready = v.Ready
			mu.Unlock()
		}
		return false
	})
	before := eventRunsB(b, filepath.Join(dir, "tw.db"))
	began := time.Now()
	fmt.Fprintf(producer.in, "stream 200 %f 1200\n", stream.Seconds())
	bad := 0
	for {
		l := producer.next(b, stream+time.Minute)
		if strings.HasPrefix(l, "done") {
			break
		}
		bad++
	}
	took := time.Since(began)
	time.Sleep(time.Second) // the last runs, recorded
	scancel()
	runs := eventRunsB(b, filepath.Join(dir, "tw.db")) - before
	// The first change runs at once (the leading edge); the rule bounds
	// the runs after it, one a min_interval.
	b.ReportMetric(float64(runs-1)/took.Seconds(), "stream-runs/s")
	b.ReportMetric(procStatus(b, pid, "VmRSS")/1024, "stream-rss-MB")
	mu.Lock()
	b.ReportMetric(float64(bad-closes), "stream-missed-bad")
	mu.Unlock()

	// CPU per change: 200 changes 300 ms apart (each its own run), less
	// what the daemon spends meanwhile on its own (the same time idle).
	producer.put(b, "good", 1<<20)
	readyz(200, 30*time.Second)
	idleFrom, idle0 := time.Now(), cpuTime(b, pid)
	time.Sleep(30 * time.Second)
	idle := (cpuTime(b, pid) - idle0) / time.Since(idleFrom).Seconds()
	const changes = 200
	from, cpu0 := time.Now(), cpuTime(b, pid)
	for i := range changes {
		producer.put(b, "good", 1<<21+i)
		time.Sleep(300 * time.Millisecond)
	}
	per := (cpuTime(b, pid) - cpu0 - idle*time.Since(from).Seconds()) / changes
	b.ReportMetric(per*1000, "cpu-per-change-ms")
	out, err := exec.Command(testenv.Python(b), filepath.Join(testenv.Root(b), "testdata", "detect", "seed_check.py"),
		m.Addr(), m.Cluster, snap, "500").Output()
	if err != nil {
		b.Fatalf("seed check: %v", err)
	}
	var seed struct {
		CPUP50 float64 `json:"cpu_p50_ms"`
	}
	if err := json.Unmarshal(out, &seed); err != nil {
		b.Fatalf("seed check printed %q", out)
	}
	b.ReportMetric(seed.CPUP50, "seed-cpu-p50-ms")
}

// cpuTime is a process's user and system CPU, in seconds.
func cpuTime(b *testing.B, pid int) float64 {
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(st[strings.LastIndexByte(string(st), ')')+2:]))
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100 // USER_HZ
}

// eventRunsB counts the integrity runs change events started.
func eventRunsB(b *testing.B, path string) int {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM runs WHERE trigger = 'event' AND job = 'integrity'`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}
