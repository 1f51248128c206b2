package buildinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"tidewatch/internal/testenv"
)

func TestStampedValuesComeFirst(t *testing.T) {
	defer func(v, r, tm string) { Version, Revision, Time = v, r, tm }(Version, Revision, Time)
	Version, Revision, Time = "v1.2.0-3-gabc1234-dirty", "abc1234def", "2026-11-30T12:00:00Z"
	info := Read()
	if info.Version != Version || info.Revision != Revision || info.Time != Time || !info.Modified || info.GoVersion != runtime.Version() {
		t.Errorf("read %+v", info)
	}
	want := "v1.2.0-3-gabc1234-dirty (revision abc1234def with uncommitted changes, committed 2026-11-30T12:00:00Z, " + runtime.Version() + ")"
	if got := info.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// A test binary has no VCS stamp and no module version: "dev", and Go's
// version alone.
func TestNothingStampedIsDev(t *testing.T) {
	defer func(v, r, tm string) { Version, Revision, Time = v, r, tm }(Version, Revision, Time)
	Version, Revision, Time = "", "", ""
	if got, want := Read().String(), "dev ("+runtime.Version()+")"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// make build stamps the binary from git even with Go's VCS stamping off:
// its version line names git describe's version, and the link stamps the
// revision and the commit's time.
func TestMakeBuildStampsFromGit(t *testing.T) {
	testenv.SkipShort(t, "make, git and a build of tidewatch")
	root := testenv.Root(t)
	git := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", root}, args...)...).Output()
		if err != nil {
			t.Fatalf("git %s: %v", strings.Join(args, " "), err)
		}
		return strings.TrimSpace(string(out))
	}
	describe, revision := git("describe", "--tags", "--always", "--dirty"), git("rev-parse", "HEAD")
	bin := filepath.Join(t.TempDir(), "tidewatch")
	cmd := exec.Command("make", "-s", "-C", root, "build", "BIN="+bin)
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "tidewatch " + describe + " (revision " + revision; !strings.HasPrefix(string(out), want) ||
		!regexp.MustCompile(`committed 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ, go1`).Match(out) {
		t.Errorf("tidewatch version: %q, want it to begin %q and name the commit's time", out, want)
	}
	settings, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-X tidewatch/internal/buildinfo.Revision=" + revision, "-X tidewatch/internal/buildinfo.Time=20"} {
		if !strings.Contains(string(settings), want) {
			t.Errorf("the build lacks %q:\n%s", want, settings)
		}
	}
	if strings.Contains(string(settings), "vcs.revision") {
		t.Errorf("Go stamped the VCS itself (GOFLAGS=-buildvcs=false ignored?):\n%s", settings)
	}
}
