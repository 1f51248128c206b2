package hz_test

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/internal/testenv"
)

// sentAt reads the wall-clock stamp a producer put in a record:
// "_sent_ns": <unix ns>.
func sentAt(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	i := strings.Index(s, `"_sent_ns": `)
	if i < 0 {
		return time.Time{}, false
	}
	s = s[i+len(`"_sent_ns": `):]
	if j := strings.IndexAny(s, ",}"); j >= 0 {
		s = s[:j]
	}
	ns, err := strconv.ParseInt(s, 10, 64)
	return time.Unix(0, ns), err == nil
}

// latencies collects put-to-callback times from a watch on key.
func latencies(b *testing.B, c *hz.Client, m string, want int) (chan time.Duration, func()) {
	lat := make(chan time.Duration, want+16)
	w := c.NewWatch(m, []string{"exf_latest"}, time.Second, func(ch hz.Change) {
		if ch.Kind == hz.Resync {
			return
		}
		if sent, ok := sentAt(ch.Value); ok {
			lat <- ch.Received.Sub(sent)
		}
	}, quiet)
	registered := make(chan struct{}, 1)
	w.OnRegistered = func(string) { registered <- struct{}{} }
	w.Start()
	select {
	case <-registered:
	case <-time.After(30 * time.Second):
		b.Fatal("the watch did not register")
	}
	return lat, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		w.Close(ctx)
	}
}

// BenchmarkPutToCallback measures from a Go map.put of a 28-indicator
// record (stamped just before the put) to the watch's callback getting
// it, one put at a time, on loopback.
func BenchmarkPutToCallback(b *testing.B) {
	c := hztest.Shared(b).Client(b, quiet)
	const m = "BENCH_PUT_TO_CALLBACK"
	lat, stop := latencies(b, c, m, b.N)
	defer stop()
	ctx := context.Background()
	got := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		rec := fmt.Sprintf(`{"vix": 20.5, "_seq": %d, "_sent_ns": %d}`, i, time.Now().UnixNano())
		if err := c.Put(ctx, m, "exf_latest", rec); err != nil {
			b.Fatal(err)
		}
		select {
		case d := <-lat:
			got = append(got, d)
		case <-time.After(10 * time.Second):
			b.Fatal("no event within 10 s")
		}
	}
	b.StopTimer()
	testenv.ReportPercentiles(b, got)
}

// BenchmarkPythonPutToCallback is the same with the real producer side: the
// Python client puts json.dumps(record) as the ExF fetcher does, 5 ms apart.
func BenchmarkPythonPutToCallback(b *testing.B) {
	member := hztest.Shared(b)
	c := member.Client(b, quiet)
	const m = "BENCH_PY_PUT_TO_CALLBACK"
	lat, stop := latencies(b, c, m, b.N)
	defer stop()
	cmd := exec.Command(testenv.Python(b), filepath.Join(testenv.Root(b), "hz", "testdata", "put_stamped.py"),
		member.Addr(), member.Cluster, m, "exf_latest", strconv.Itoa(b.N), "5")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
		b.Fatalf("producer: %q, %v\n%s", line, err, stderr.String())
	}
	got := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	fmt.Fprintln(stdin)
	for range b.N {
		select {
		case d := <-lat:
			got = append(got, d)
		case <-time.After(30 * time.Second):
			b.Fatalf("no event within 30 s after %d\n%s", len(got), stderr.String())
		}
	}
	b.StopTimer()
	testenv.ReportPercentiles(b, got)
}
