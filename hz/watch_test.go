package hz_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tidewatch/hz"
	"tidewatch/internal/hztest"
)

// changes collects what a watch reports.
type changes struct {
	mu  sync.Mutex
	all []hz.Change
}

func (c *changes) add(ch hz.Change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.all = append(c.all, ch)
}

// waitFor waits until a change matching ok was reported, and returns it.
func (c *changes) waitFor(t *testing.T, what string, ok func(hz.Change) bool) hz.Change {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c.mu.Lock()
		for _, ch := range c.all {
			if ok(ch) {
				c.mu.Unlock()
				return ch
			}
		}
		seen := slices.Clone(c.all)
		c.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("no %s reported; seen %+v", what, seen)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (c *changes) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.all = nil
}

func is(key string, kind hz.ChangeKind, value any) func(hz.Change) bool {
	return func(ch hz.Change) bool { return ch.Key == key && ch.Kind == kind && ch.Value == value }
}

func watch(t *testing.T, c *hz.Client, m string, keys ...string) (*hz.Watch, *changes) {
	t.Helper()
	got := &changes{}
	w := c.NewWatch(m, keys, 200*time.Millisecond, got.add, quiet)
	w.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		w.Close(ctx)
	})
	for _, k := range keys {
		got.waitFor(t, "resync of "+k, func(ch hz.Change) bool { return ch.Key == k && ch.Kind == hz.Resync })
	}
	return w, got
}

// Every kind of change to a watched key is reported with the value it
// leaves, and nothing of other keys.
func TestWatchReportsEveryChangeWithItsValue(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	const m = "WATCH_KINDS"
	_, got := watch(t, c, m, "exf_latest", "latest_eigen_scan")
	raw, err := c.RawMap(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	put := func(k, v string) {
		t.Helper()
		if err := c.Put(ctx, m, k, v); err != nil {
			t.Fatal(err)
		}
	}
	put("exf_latest", `{"vix": 1}`)
	got.waitFor(t, "added", is("exf_latest", hz.Added, `{"vix": 1}`))
	put("exf_latest", `{"vix": NaN}`)
	got.waitFor(t, "updated", is("exf_latest", hz.Updated, `{"vix": NaN}`))
	put("other", "x")
	if err := raw.Delete(ctx, "exf_latest"); err != nil {
		t.Fatal(err)
	}
	got.waitFor(t, "removed", is("exf_latest", hz.Removed, nil))

	if err := raw.SetWithTTL(ctx, "latest_eigen_scan", `{"scan_number": 1}`, time.Second); err != nil {
		t.Fatal(err)
	}
	got.waitFor(t, "added with a TTL", is("latest_eigen_scan", hz.Added, `{"scan_number": 1}`))
	// The member expires an entry when it is next touched, or by its own
	// sweep: read it until it is gone.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if v, err := c.Get(ctx, m, "latest_eigen_scan"); err == nil && v == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the key did not expire")
		}
	}
	got.waitFor(t, "expired", is("latest_eigen_scan", hz.Expired, nil))

	put("exf_latest", `{"vix": 2}`)
	if _, err := raw.Evict(ctx, "exf_latest"); err != nil {
		t.Fatal(err)
	}
	got.waitFor(t, "evicted", is("exf_latest", hz.Evicted, nil))

	put("exf_latest", `{"vix": 3}`)
	got.waitFor(t, "added again", is("exf_latest", hz.Added, `{"vix": 3}`))
	if err := raw.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	got.waitFor(t, "cleared", is("exf_latest", hz.Cleared, nil))

	got.mu.Lock()
	defer got.mu.Unlock()
	for _, ch := range got.all {
		if ch.Map != m || ch.Key != "exf_latest" && ch.Key != "latest_eigen_scan" || ch.Received.IsZero() {
			t.Errorf("reported %+v", ch)
		}
	}
}

// What a key holds when the watch starts is reported as a resync.
func TestWatchReadsTheKeysWhenItRegisters(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	const m = "WATCH_RESYNC"
	if err := c.Put(context.Background(), m, "exf_latest", `{"vix": 20}`); err != nil {
		t.Fatal(err)
	}
	_, got := watch(t, c, m, "exf_latest", "latest_eigen_scan")
	got.waitFor(t, "resync with the value", is("exf_latest", hz.Resync, `{"vix": 20}`))
	got.waitFor(t, "resync of an absent key", is("latest_eigen_scan", hz.Resync, nil))
}

// A member killed and restarted forgets the listener and the data: the
// watch registers again at the new connection, says the key is gone, and
// hears the next put. In unisocket mode the client would not register the
// listener again by itself.
func TestWatchIsHeardAgainAfterAMemberRestart(t *testing.T) {
	for _, unisocket := range []bool{false, true} {
		t.Run(fmt.Sprintf("unisocket=%v", unisocket), func(t *testing.T) {
			member := hztest.Start(t)
			cfg := member.Config()
			cfg.Unisocket = unisocket
			c, err := hz.Open(cfg, os.Getenv, quiet)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				c.Close(ctx)
			})
			ctx := context.Background()
			wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			if err := c.WaitConnected(wctx); err != nil {
				t.Fatal(err)
			}
			var registered sync.Map
			got := &changes{}
			w := c.NewWatch("WATCH_RESTART", []string{"exf_latest"}, 200*time.Millisecond, got.add, quiet)
			w.OnRegistered = func(why string) { registered.Store(why, true) }
			w.Start()
			t.Cleanup(func() { w.Close(ctx) })
			got.waitFor(t, "resync", func(ch hz.Change) bool { return ch.Kind == hz.Resync })
			if err := c.Put(ctx, "WATCH_RESTART", "exf_latest", "before"); err != nil {
				t.Fatal(err)
			}
			got.waitFor(t, "the put before", is("exf_latest", hz.Added, "before"))
			got.reset()

			member.Restart(t)
			got.waitFor(t, "resync after the restart: the key is gone", is("exf_latest", hz.Resync, nil))
			if _, ok := registered.Load("reconnected"); !ok {
				t.Error("not registered again for the new connection")
			}
			// Puts may fail until the client has its partition table again.
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				if err := c.Put(ctx, "WATCH_RESTART", "exf_latest", "after"); err == nil {
					break
				} else if time.Now().After(deadline) {
					t.Fatal(err)
				}
			}
			got.waitFor(t, "the put after the restart", is("exf_latest", hz.Added, "after"))
		})
	}
}

// A cluster that lost the registration reports nothing: the scheduled read
// finds a value no event reported, and once the grace passes without one
// the watch registers again and reads the key.
func TestADeafWatchIsFoundAndRegisteredAgain(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	const m = "WATCH_DEAF"
	var deaf atomic.Int32
	got := &changes{}
	w := c.NewWatch(m, []string{"exf_latest"}, 200*time.Millisecond, got.add, quiet)
	w.OnDeaf = func(string) { deaf.Add(1) }
	w.Start()
	t.Cleanup(func() { w.Close(ctx) })
	got.waitFor(t, "resync", func(ch hz.Change) bool { return ch.Kind == hz.Resync })

	// Reads that raced their event, or found what an event reported, are
	// no sign of deafness.
	if err := c.Put(ctx, m, "exf_latest", "v1"); err != nil {
		t.Fatal(err)
	}
	w.Heard("exf_latest", "v1", time.Now())
	got.waitFor(t, "v1", is("exf_latest", hz.Added, "v1"))
	if err := c.Put(ctx, m, "exf_latest", "v2"); err != nil {
		t.Fatal(err)
	}
	got.waitFor(t, "v2", is("exf_latest", hz.Updated, "v2"))
	w.Heard("exf_latest", "v1", time.Now()) // read just before v2 landed
	w.Heard("exf_latest", "v2", time.Now())

	w.DropRegistrations(ctx)
	if err := c.Put(ctx, m, "exf_latest", "v3"); err != nil {
		t.Fatal(err)
	}
	w.Heard("exf_latest", "v3", time.Now())
	got.waitFor(t, "resync with v3 after registering again", is("exf_latest", hz.Resync, "v3"))
	if n := deaf.Load(); n != 1 {
		t.Errorf("found deaf %d times", n)
	}
	got.mu.Lock()
	for _, ch := range got.all {
		if ch.Kind == hz.Updated && ch.Value == "v3" {
			t.Errorf("an event reported v3 after the registration was dropped: %+v", ch)
		}
	}
	got.mu.Unlock()
	// Heard again.
	if err := c.Put(ctx, m, "exf_latest", "v4"); err != nil {
		t.Fatal(err)
	}
	got.waitFor(t, "v4", is("exf_latest", hz.Updated, "v4"))
	if n := deaf.Load(); n != 1 {
		t.Errorf("found deaf %d times", n)
	}
}
