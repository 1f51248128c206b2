package db

import (
	"log/slog"
	"path/filepath"
	"testing"
)

// A deferred Close after an explicit one (a stop path that closes early)
// neither panics nor fails.
func TestCloseTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := Open(filepath.Join(dir, "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(filepath.Join(dir, "tw.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Store{w, r} {
		if err := s.Close(); err != nil {
			t.Errorf("first close: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("second close: %v", err)
		}
	}
}
