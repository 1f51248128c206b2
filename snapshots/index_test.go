package snapshots

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/testenv"
)

var quiet = slog.New(slog.DiscardHandler)

type tree struct {
	t   *testing.T
	dir string
	now time.Time
}

func newTree(t *testing.T) *tree {
	return &tree{t: t, dir: t.TempDir(), now: time.Now().Truncate(time.Second)}
}

func (tr *tree) path(rel string) string { return filepath.Join(tr.dir, rel) }

// write writes a file in place and sets its mtime.
func (tr *tree) write(rel string, mtime time.Time) {
	tr.t.Helper()
	p := tr.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tr.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(rel), 0o644); err != nil {
		tr.t.Fatal(err)
	}
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		tr.t.Fatal(err)
	}
}

// check asks the index and the walk the same question.
func check(t *testing.T, x *Index, notAfter time.Time, k int, step string) []File {
	t.Helper()
	files, future, why := x.Newest(context.Background(), notAfter, k)
	wf, wfut, wwhy := walkNewest(context.Background(), x.dir, x.pattern, notAfter, k)
	slices.Sort(future)
	slices.Sort(wfut)
	if !slices.Equal(files, wf) || !slices.Equal(future, wfut) || why != wwhy {
		t.Fatalf("%s:\nindex %v %v %q\nwalk  %v %v %q", step, files, future, why, wf, wfut, wwhy)
	}
	return files
}

// Whatever happens to the tree, the index answers what a walk answers:
// files written in place or renamed into place, times set, files and
// directories deleted, directories made with files already in them,
// symlinks and other names, files from the future, more of the newest
// deleted than it keeps.
func TestTheIndexAnswersAsTheWalkDoes(t *testing.T) {
	tr := newTree(t)
	x := Open(tr.dir, "*.npz", Options{Keep: 8}, quiet)
	defer x.Close()
	notAfter := tr.now.Add(5 * time.Second)
	check(t, x, notAfter, 4, "empty")
	rng := rand.New(rand.NewPCG(1, 2))
	var files []string
	for i := range 400 {
		mtime := tr.now.Add(-time.Duration(rng.IntN(100000)) * time.Second)
		op := rng.IntN(10)
		switch {
		case op < 3 || len(files) == 0: // a new file
			rel := fmt.Sprintf("d%d/s%d/exf_%04d.npz", rng.IntN(3), rng.IntN(3), i)
			tr.write(rel, mtime)
			files = append(files, rel)
		case op == 3: // rewritten in place
			tr.write(files[rng.IntN(len(files))], mtime)
		case op == 4: // its time set
			p := tr.path(files[rng.IntN(len(files))])
			os.Chtimes(p, mtime, mtime)
		case op == 5: // renamed into place
			rel := fmt.Sprintf("d%d/exf_%04d.npz", rng.IntN(3), i)
			tr.write(rel+".tmp", mtime)
			if err := os.Rename(tr.path(rel+".tmp"), tr.path(rel)); err != nil {
				t.Fatal(err)
			}
			files = append(files, rel)
		case op == 6: // the newest deleted
			got, _, _ := x.Newest(context.Background(), notAfter, 1)
			if len(got) > 0 {
				os.Remove(got[0].Path)
			}
		case op == 7: // from the future, or another name, or a symlink
			switch rng.IntN(3) {
			case 0:
				tr.write(fmt.Sprintf("d0/exf_f%04d.npz", i), tr.now.Add(time.Hour))
			case 1:
				tr.write(fmt.Sprintf("d1/exf_%04d.txt", i), tr.now)
			default:
				os.Symlink(tr.path(files[0]), tr.path(fmt.Sprintf("d2/link_%04d.npz", i)))
			}
		case op == 8: // a directory made with files already in it
			d := fmt.Sprintf("new%d", i)
			tmp := filepath.Join(t.TempDir(), d)
			os.MkdirAll(filepath.Join(tmp, "inner"), 0o755)
			for j := range 3 {
				p := filepath.Join(tmp, "inner", fmt.Sprintf("exf_%d.npz", j))
				os.WriteFile(p, nil, 0o644)
				os.Chtimes(p, mtime, mtime)
			}
			if err := os.Rename(tmp, tr.path(d)); err != nil {
				t.Fatal(err)
			}
		default: // a directory deleted
			os.RemoveAll(tr.path(fmt.Sprintf("d%d/s%d", rng.IntN(3), rng.IntN(3))))
		}
		check(t, x, notAfter, 4, fmt.Sprintf("step %d (op %d)", i, op))
	}
	if x.walking {
		t.Error("fell back to walking")
	}
}

// A ring of files rewritten in place in turn: the file just written is
// the newest each time.
func TestARingRewrittenInPlace(t *testing.T) {
	tr := newTree(t)
	x := Open(tr.dir, "*.npz", Options{Keep: 4}, quiet)
	defer x.Close()
	for i := range 10 {
		tr.write(fmt.Sprintf("ring_%d.npz", i), tr.now.Add(time.Duration(i)*time.Second))
	}
	for i := range 50 {
		rel := fmt.Sprintf("ring_%d.npz", i%10)
		tr.write(rel, tr.now.Add(time.Duration(10+i)*time.Second))
		got := check(t, x, tr.now.Add(time.Hour), 4, fmt.Sprintf("rewrite %d", i))
		if got[0].Path != tr.path(rel) {
			t.Fatalf("rewrite %d: newest %s", i, got[0].Path)
		}
	}
}

// More events than the kernel queues (16,384 by default) between two
// looks: the lost events are noticed, and the tree is read again.
func TestLostEventsAreNoticed(t *testing.T) {
	tr := newTree(t)
	x := Open(tr.dir, "*.npz", Options{DrainEvery: time.Hour}, quiet)
	defer x.Close()
	check(t, x, tr.now, 4, "empty")
	for i := range 20000 {
		os.WriteFile(tr.path(fmt.Sprintf("exf_%05d.npz", i)), nil, 0o644)
	}
	check(t, x, tr.now.Add(time.Hour), 4, "after 20,000 files")
	if x.walking {
		t.Error("fell back to walking for good")
	}
}

// A tree deeper than the watches it may use is walked at every query.
func TestBeyondItsWatchesTheTreeIsWalked(t *testing.T) {
	tr := newTree(t)
	for i := range 5 {
		tr.write(fmt.Sprintf("d%d/exf.npz", i), tr.now.Add(time.Duration(i)*time.Second))
	}
	log := &testenv.LogBuffer{}
	x := Open(tr.dir, "*.npz", Options{MaxWatches: 3}, slog.New(slog.NewTextHandler(log, nil)))
	defer x.Close()
	check(t, x, tr.now.Add(time.Hour), 2, "first")
	tr.write("d1/exf.npz", tr.now.Add(time.Minute))
	if got := check(t, x, tr.now.Add(time.Hour), 2, "second"); got[0].Path != tr.path("d1/exf.npz") {
		t.Fatalf("%v", got)
	}
	if !x.walking || !strings.Contains(log.String(), "walked at every run") {
		t.Errorf("walking %v, log %q", x.walking, log.String())
	}
}

// The verifying walk, run while files keep landing, finds nothing amiss.
func TestVerifyingUnderChurnFindsNothingAmiss(t *testing.T) {
	tr := newTree(t)
	for i := range 2000 {
		tr.write(fmt.Sprintf("d%d/exf_%04d.npz", i%20, i), tr.now.Add(-time.Duration(i)*time.Second))
	}
	x := Open(tr.dir, "*.npz", Options{Keep: 16, VerifyEvery: 5 * time.Millisecond}, quiet)
	defer x.Close()
	check(t, x, tr.now.Add(time.Hour), 4, "first")
	for i := range 2000 {
		tr.write(fmt.Sprintf("d%d/new_%04d.npz", i%20, i), tr.now.Add(time.Duration(i)*time.Millisecond))
		if i%50 == 0 {
			check(t, x, tr.now.Add(time.Hour), 4, fmt.Sprintf("landing %d", i))
		}
	}
	check(t, x, tr.now.Add(time.Hour), 4, "after")
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.walking {
		t.Error("a verifying walk found a change that was reported")
	}
}
