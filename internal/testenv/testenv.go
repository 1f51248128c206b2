// Package testenv finds what the tests need outside Go: the project's Python
// environment, Chromium, the tidewatch binary (and, through hztest, the
// pinned Hazelcast jar). scripts/test-setup.sh installs them (make test
// runs it).
//
// Tests run in two lanes. `go test ./...` (make test) is the full lane: a
// test that needs what is missing fails, never skips. `go test -short
// ./...` is the pure lane, which needs nothing but Go: the helpers here and
// in hztest skip the tests that need a member, Python, Chromium or real
// tidewatch processes (the fault suite among them), there and only there.
// make test sets TIDEWATCH_TEST_ALL, which turns any such skip into a
// failure, so that the full lane can never be shortened by accident.
package testenv

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Root is the module's root directory.
func Root(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// Short tells whether the test runs in the pure lane, where what needs
// named is left out. Under TIDEWATCH_TEST_ALL leaving it out fails the test.
func Short(t testing.TB, needs string) bool {
	t.Helper()
	if !testing.Short() {
		return false
	}
	if os.Getenv("TIDEWATCH_TEST_ALL") != "" {
		t.Fatalf("-short would leave out what needs %s, and TIDEWATCH_TEST_ALL says the full lane skips nothing", needs)
	}
	return true
}

// SkipShort skips the test in the pure lane: it needs what needs names.
func SkipShort(t testing.TB, needs string) {
	t.Helper()
	if Short(t, needs) {
		t.Skipf("-short: this test needs %s", needs)
	}
}

// Python is the interpreter of the project's .venv.
func Python(t testing.TB) string {
	t.Helper()
	SkipShort(t, "Python")
	py := filepath.Join(Root(t), ".venv", "bin", "python")
	if _, err := os.Stat(py); err != nil {
		t.Fatalf("%s is missing: run scripts/test-setup.sh (make test does)", py)
	}
	return py
}

// RunPython runs a script of the project with the .venv interpreter.
func RunPython(t testing.TB, script string, args ...string) {
	t.Helper()
	cmd := exec.Command(Python(t), append([]string{filepath.Join(Root(t), script)}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", script, err, out)
	}
}

// ReportPercentiles adds the p50, the p99 and the slowest of measured
// latencies to a benchmark's output, in milliseconds. A p99 of fewer than
// 100 samples would be the slowest by another name: it is left out.
func ReportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sorted := slices.Clone(lat)
	slices.Sort(sorted)
	at := func(q float64) float64 {
		return float64(sorted[int(q*float64(len(sorted)-1))].Nanoseconds()) / 1e6
	}
	b.ReportMetric(at(0.50), "p50-ms")
	if len(sorted) >= 100 {
		b.ReportMetric(at(0.99), "p99-ms")
	}
	b.ReportMetric(at(1), "max-ms")
}

var built struct {
	once sync.Once
	path string
	err  error
}

// Tidewatch builds the tidewatch binary once per test binary, for tests
// that run it as a real process.
func Tidewatch(t testing.TB) string {
	t.Helper()
	SkipShort(t, "tidewatch as a real process")
	root := Root(t)
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "tidewatch-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "tidewatch")
		cmd := exec.Command("go", "build", "-o", built.path, ".")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// Cleanup removes what this package made for the test binary.
func Cleanup() {
	if built.path != "" {
		os.RemoveAll(filepath.Dir(built.path))
	}
}

// Chromium is Debian's chromium, which scripts/test-setup.sh installs.
func Chromium(t testing.TB) string {
	t.Helper()
	SkipShort(t, "Chromium")
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("chromium is missing: run scripts/test-setup.sh (make test does)")
	}
	return path
}

// LogBuffer collects what a process or a logger writes while the test reads
// it.
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Browse opens url in headless Chromium with args (--dump-dom,
// --screenshot=FILE …) and returns what it printed and what it logged.
func Browse(t testing.TB, url string, args ...string) (stdout, logs string) {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.Command(Chromium(t), append(append(base, args...), url)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, errOut.String())
		}
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("chromium did not finish within 90s")
	}
	return out.String(), errOut.String()
}

// BrowserErrors are the lines of Chromium's log that say a page failed:
// a console message, a failed or refused load, an uncaught error.
func BrowserErrors(logs string) []string {
	return browserError.FindAllString(logs, -1)
}

var browserError = regexp.MustCompile(`(?m)^.*(CONSOLE|Failed to load|Refused to|Uncaught|net::ERR_).*$`)

// Artifacts is where a test keeps what a person may want to look at (a
// screenshot): TIDEWATCH_ARTIFACTS, or else the test's temporary
// directory.
func Artifacts(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("TIDEWATCH_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}
