package hztest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// TestClusterFormsLosesAndRegainsMembers pins the harness: three members
// form one cluster, a killed one is dropped and comes back empty, a key
// put before survives the loss of its owner (in the backup), and after
// every member is killed the cluster restarts empty.
func TestClusterFormsLosesAndRegainsMembers(t *testing.T) {
	start := time.Now()
	c := StartCluster(t, 3)
	t.Logf("3 members formed one cluster in %s", time.Since(start).Round(100*time.Millisecond))
	cl := c.Client(t, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := context.Background()
	if err := cl.Put(ctx, "harness", "k", "v"); err != nil {
		t.Fatal(err)
	}

	owner := c.Owner(t, "k")
	c.KillMember(t, owner)
	if n := len(c.Running()); n != 2 {
		t.Fatalf("%d members running after one was killed", n)
	}
	if v, err := cl.Get(ctx, "harness", "k"); err != nil || v != "v" {
		t.Fatalf("after its owner was killed, k = %v, %v; want it from the backup", v, err)
	}
	start = time.Now()
	c.RestartMember(t, owner)
	t.Logf("a restarted member rejoined in %s", time.Since(start).Round(100*time.Millisecond))

	start = time.Now()
	c.RestartAll(t)
	t.Logf("3 members killed and restarted formed one cluster in %s", time.Since(start).Round(100*time.Millisecond))
	waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		v, err := cl.Get(waitCtx, "harness", "k")
		if err == nil {
			if v != nil {
				t.Fatalf("k = %v after every member restarted; want it lost", v)
			}
			break
		}
		if waitCtx.Err() != nil {
			t.Fatalf("the client did not come back after the restart: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
