package status

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/db"
)

// The status of an instance in a cluster says its part: as of its latest
// takeover or step-down, from history alone.
func TestTheStatusSaysTheInstancesPartFromHistory(t *testing.T) {
	t.Parallel()
	store, err := db.Open(filepath.Join(t.TempDir(), "tw.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	cfg := config.Default()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if st, err := Read(ctx, store, &cfg, now, "warning", 0, 0); err != nil || st.Cluster != nil {
		t.Fatalf("without [cluster]: %+v, %v", st.Cluster, err)
	}
	cfg.Cluster.Enabled, cfg.Cluster.Instance = true, "tw-a"
	for _, l := range []db.Leadership{
		{At: now.Add(-time.Hour), Kind: "acquired", Instance: "tw-a", Epoch: 7},
		{At: now.Add(-time.Minute), Kind: "stepped down", Instance: "tw-a", Epoch: 7, Reason: "no renewal succeeded for 7s"},
	} {
		if err := store.WriteLeadership(ctx, l); err != nil {
			t.Fatal(err)
		}
		st, err := Read(ctx, store, &cfg, now, "warning", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		WriteStatus(&out, st, false)
		want := map[string]string{"acquired": "cluster: tw-a is the leader (epoch 7)\n  acquired at epoch 7, 1h0m ago",
			"stepped down": "cluster: tw-a is the follower\n  stepped down at epoch 7, 1m0s ago: no renewal succeeded for 7s"}[l.Kind]
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "(from history: as of that change)") {
			t.Errorf("after %s:\n%s\nwant %q", l.Kind, out.String(), want)
		}
	}
}
