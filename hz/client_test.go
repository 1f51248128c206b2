package hz_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/hazelcast/hazelcast-go-client/serialization"

	"tidewatch/hz"
	"tidewatch/internal/hztest"
)

var quiet = slog.New(slog.DiscardHandler)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

func TestStringAndJSONValuesReadBack(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	if err := c.Put(ctx, "DOLPHIN_FEATURES", "as_string", `{"vix": NaN}`); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(ctx, "DOLPHIN_FEATURES", "as_json", serialization.JSON(`{"vix": 20.5}`)); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"as_string": `{"vix": NaN}`, "as_json": `{"vix": 20.5}`} {
		v, err := c.Get(ctx, "DOLPHIN_FEATURES", key)
		if err != nil {
			t.Fatal(err)
		}
		b, err := hz.Text(v)
		if err != nil || string(b) != want {
			t.Errorf("%s: %q (%T), %v", key, b, v, err)
		}
	}
	v, err := c.Get(ctx, "DOLPHIN_FEATURES", "missing")
	if v != nil || err != nil {
		t.Errorf("missing key: %v, %v", v, err)
	}
	if _, err := hz.Text(int64(3)); err == nil || err.Error() != "stored as int64, not as a JSON string" {
		t.Errorf("a number: %v", err)
	}
}

// GetEntry reads the value with the member's view of the entry: the open
// source member keeps no last-update time by default, which is then zero,
// never a made-up time.
func TestGetEntry(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	if err := c.Put(ctx, "ENTRY_VIEW", "k", `{"vix": 20.5}`); err != nil {
		t.Fatal(err)
	}
	e, err := c.GetEntry(ctx, "ENTRY_VIEW", "k")
	if err != nil || e == nil || e.Value != `{"vix": 20.5}` || hz.Size(e.Value) != 13 {
		t.Fatalf("entry %+v, %v", e, err)
	}
	if !e.Updated.IsZero() && (e.Updated.After(time.Now()) || time.Since(e.Updated) > time.Minute) {
		t.Errorf("updated %v", e.Updated)
	}
	if e, err := c.GetEntry(ctx, "ENTRY_VIEW", "missing"); e != nil || err != nil {
		t.Errorf("missing key: %+v, %v", e, err)
	}
}

func TestNoMemberFailsAtOnceUntilOneAppears(t *testing.T) {
	t.Parallel()
	m := hztest.Start(t)
	cfg := m.Config()
	m.Kill()
	c, err := hz.Open(cfg, os.Getenv, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	start := time.Now()
	_, err = c.Get(context.Background(), "DOLPHIN_FEATURES", "exf_latest")
	if !errors.Is(err, hz.ErrUnreachable) {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("an unreachable Get took %v; it must not wait for a member", time.Since(start))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := c.WaitConnected(ctx); !errors.Is(err, hz.ErrUnreachable) {
		t.Errorf("WaitConnected: %v", err)
	}

	// The member appears later: the same client connects by itself.
	m.Restart(t)
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatalf("no connection 30s after the member came up: %v", err)
	}
	if err := c.Put(ctx, "m", "k", "v"); err != nil {
		t.Error(err)
	}
}

func TestWrongClusterNameIsUnreachable(t *testing.T) {
	t.Parallel()
	cfg := hztest.Shared(t).Config()
	cfg.ClusterName = "someone-elses"
	c, err := hz.Open(cfg, os.Getenv, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); !errors.Is(err, hz.ErrUnreachable) {
		t.Errorf("connected to a cluster of another name: %v", err)
	}
}

func TestRecoversWhenTheMemberComesBack(t *testing.T) {
	t.Parallel()
	m := hztest.Start(t)
	c := m.Client(t, quiet)
	ctx := context.Background()
	if err := c.Put(ctx, "m", "k", "v"); err != nil {
		t.Fatal(err)
	}
	m.Kill()
	deadline := time.Now().Add(15 * time.Second)
	for c.Connected() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := c.Get(ctx, "m", "k"); err == nil {
		t.Fatal("a Get succeeded with the member dead")
	}
	m.Restart(t)
	deadline = time.Now().Add(30 * time.Second)
	for {
		err := c.Put(ctx, "m", "k", "again")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery 30s after the member came back: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	v, err := c.Get(ctx, "m", "k")
	if err != nil || v != "again" {
		t.Errorf("after recovery: %v, %v", v, err)
	}
}
