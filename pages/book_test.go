package pages_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"tidewatch/checks"
	"tidewatch/internal/hztest"
	"tidewatch/pages"
)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

func TestTheBookKeepsTheLatestPerReceiverAndProblem(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, slog.New(slog.DiscardHandler))
	ctx := context.Background()
	book := pages.NewBook(c, fmt.Sprint("pages-book-", time.Now().UnixNano()))
	t0 := time.Now().UTC().Truncate(time.Millisecond)
	s := func(receiver, kind string, epoch int64, by string, at time.Duration) pages.Sent {
		return pages.Sent{Receiver: receiver, Fingerprint: "integrity/connectivity/", Kind: kind, Severity: checks.Critical,
			Epoch: epoch, Instance: by, At: t0.Add(at)}
	}
	if got, err := book.Lookup(ctx, "slack", "integrity/connectivity/"); err != nil || got != nil {
		t.Fatalf("before anything was sent: %v, %v", got, err)
	}
	steps := []struct {
		name     string
		s        pages.Sent
		recorded bool
	}{
		{"a first page", s("slack", pages.Trigger, 6, "a", 0), true},
		{"another receiver's", s("pd", pages.Trigger, 6, "a", 0), true},
		{"a later one of the same epoch", s("slack", pages.Repeat, 6, "a", time.Minute), true},
		{"an earlier one of the same epoch, come late", s("slack", pages.Trigger, 6, "a", 30*time.Second), false},
		{"a higher epoch's, though earlier by its clock", s("slack", pages.Resolve, 7, "b", 50*time.Second), true},
		{"a lower epoch's, come late", s("slack", pages.Trigger, 6, "a", 2*time.Minute), false},
	}
	for _, st := range steps {
		ok, err := book.Record(ctx, st.s)
		if err != nil || ok != st.recorded {
			t.Fatalf("%s: recorded %v, %v; want %v", st.name, ok, err, st.recorded)
		}
	}
	got, err := book.Lookup(ctx, "slack", "integrity/connectivity/")
	if want := s("slack", pages.Resolve, 7, "b", 50*time.Second); err != nil || got == nil || *got != want {
		t.Fatalf("slack's record: %+v, %v; want %+v", got, err, want)
	}
	all, err := book.All(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("all: %+v, %v; want two records", all, err)
	}
}
