package scanfiles

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/scantest"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// TestNewest follows a directory through the ways files come and go:
// renamed into place, written in place (half a file is never the newest),
// touched, removed, and the directory itself removed and made again.
func TestNewest(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "scans")
	os.Mkdir(dir, 0o755)
	whole, err := scantest.Bytes(1, t0, 5, false)
	if err != nil {
		t.Fatal(err)
	}
	at := func(name string, mod time.Time) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.Chtimes(path, mod, mod); err != nil {
			t.Fatal(err)
		}
		return path
	}
	put := func(name string, data []byte, mod time.Time) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return at(name, mod)
	}
	f := NewDir(dir, "*.arrow", slog.New(slog.DiscardHandler))
	defer f.Close()
	want := func(path string) {
		t.Helper()
		got, err := f.Newest()
		switch {
		case err != nil:
			t.Fatalf("want %s: %v", path, err)
		case path == "" && got != nil:
			t.Fatalf("want none, got %+v", got)
		case path != "" && (got == nil || got.Path != path):
			t.Fatalf("want %s, got %+v", path, got)
		}
	}

	want("")
	a := put("a.arrow", whole, t0)
	put("notes.txt", whole, t0.Add(time.Hour))
	os.Symlink(a, filepath.Join(dir, "link.arrow"))
	// Hidden files are never scans, to the bridge or to the supervisor.
	put(".on_its_way.arrow", whole, t0.Add(time.Hour))
	want(a)
	if n, _ := f.Newest(); n.Size != int64(len(whole)) || n.Arrived.Before(n.ModTime) || time.Since(n.Arrived) > time.Minute {
		t.Errorf("size and arrival: %+v (the file was put in place now, dated %s)", n, t0)
	}
	b := put("b.arrow", whole[:len(whole)/2], t0.Add(time.Minute)) // being written
	want(a)
	put("b.arrow", whole, t0.Add(2*time.Minute)) // finished in place
	want(b)
	at("a.arrow", t0.Add(3*time.Minute)) // only touched: no name came or went
	want(a)
	os.Remove(a)
	want(b)

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Newest(); err == nil {
		t.Error("no error for a directory that is gone")
	}
	os.Mkdir(dir, 0o755)
	c := put("c.arrow", whole, t0)
	want(c)
	d := put("d.arrow", whole, t0.Add(time.Second))
	want(d)
}

// TestNewestWhereChangesGoUnreported: a change no event told of (as
// on a network filesystem) is found when the kept times are checked
// against a listing, and from then on every check lists.
func TestNewestWhereChangesGoUnreported(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var logs bytes.Buffer
	f := NewDir(dir, "*.arrow", slog.New(slog.NewTextHandler(&logs, nil)))
	defer f.Close()
	a, err := scantest.Write(dir, "a.arrow", 1, t0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.Newest(); err != nil || n == nil || n.Path != a {
		t.Fatalf("%+v %v", n, err)
	}
	f.listed = f.listed.Add(-verifyEvery) // time to verify, and nothing was missed
	f.Newest()
	if f.unreported || f.watch < 0 {
		t.Fatalf("a reported change taken for an unreported one: %s", logs.String())
	}

	f.files["a.arrow"] = fileTimes{mod: t0} // as if the change to a.arrow had gone unreported
	f.files["gone.arrow"] = fileTimes{mod: t0}
	f.listed = f.listed.Add(-verifyEvery)
	if n, err := f.Newest(); err != nil || n == nil || n.Path != a {
		t.Fatalf("%+v %v", n, err)
	}
	if !f.unreported || f.watch >= 0 || !strings.Contains(logs.String(), "does not report every change") {
		t.Fatalf("unreported changes not noticed: %s", logs.String())
	}
	f.files["a.arrow"] = fileTimes{mod: t0}
	if n, _ := f.Newest(); n == nil || !n.ModTime.After(t0) {
		t.Errorf("not listed again: %+v", n)
	}
}

// BenchmarkScanFiles (named so before the move, for comparisons with
// earlier results) finds the newest file among 6,000 kept by a scanner:
// "listing" lists them all, as the first check does; "events" is every
// later check, with one new file landed since the one before.
func BenchmarkScanFiles(b *testing.B) {
	dir := b.TempDir()
	data, err := scantest.Bytes(1, t0, 5, false)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 6000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("s%07d.arrow", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("listing", func(b *testing.B) {
		for range b.N {
			f := NewDir(dir, "*.arrow", slog.New(slog.DiscardHandler))
			if n, err := f.Newest(); err != nil || n == nil {
				b.Fatal(n, err)
			}
			f.Close()
		}
	})
	b.Run("events", func(b *testing.B) {
		f := NewDir(dir, "*.arrow", slog.New(slog.DiscardHandler))
		defer f.Close()
		f.Newest()
		for i := range b.N {
			name := fmt.Sprintf("n%07d.arrow", i)
			if _, err := scantest.Land(dir, name, data); err != nil {
				b.Fatal(err)
			}
			n, err := f.Newest()
			if err != nil || n == nil || filepath.Base(n.Path) != name {
				b.Fatal(n, err)
			}
		}
	})
}
