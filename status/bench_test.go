package status

import (
	"context"
	"io"
	"testing"

	"tidewatch/checks"
	"tidewatch/db"
	"tidewatch/internal/historygen"
)

// BenchmarkStatus reads the status of 90 days of generated history (see
// historygen.Bench).
func BenchmarkStatus(b *testing.B) {
	path, cfg, _ := historygen.Bench(b)
	store, err := db.OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	for range b.N {
		st, err := Read(context.Background(), store, cfg, historygen.End, checks.Warning, 10, 0)
		if err != nil {
			b.Fatal(err)
		}
		WriteStatus(io.Discard, st, false)
	}
}
