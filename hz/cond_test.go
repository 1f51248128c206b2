package hz_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tidewatch/hz"
	"tidewatch/internal/hztest"
)

// The lease in package leader rests on these member behaviours; each is
// pinned here against the real member.

func TestPutIfAbsentTakesAnExpiredKeyAndNotALiveOne(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	m := fmt.Sprint("cond-putifabsent-", time.Now().UnixNano())
	put := time.Now()
	if ok, err := c.PutIfAbsent(ctx, m, "k", "a", time.Second); err != nil || !ok {
		t.Fatalf("first put: %v, %v", ok, err)
	}
	if ok, err := c.PutIfAbsent(ctx, m, "k", "b", time.Second); err != nil || ok {
		t.Fatalf("put over a live key: %v, %v; want refused", ok, err)
	}
	for {
		ok, err := c.PutIfAbsent(ctx, m, "k", "b", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Expiry is checked on access, so an expired key is absent at once,
	// whenever the background sweep would remove it; and it is kept in
	// whole seconds of the member's clock, so a key expires up to a second
	// before its TTL.
	if d := time.Since(put); d > 1500*time.Millisecond {
		t.Errorf("the key was taken %s after a put with a 1s TTL", d)
	}
}

func TestReplaceIfSameMakesAnEntryImmortalAndSetTTLRestartsIt(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	m := fmt.Sprint("cond-replace-", time.Now().UnixNano())
	put := time.Now()
	if ok, err := c.PutIfAbsent(ctx, m, "k", "a", 2*time.Second); err != nil || !ok {
		t.Fatalf("put: %v, %v", ok, err)
	}
	if ok, err := c.ReplaceIfSame(ctx, m, "k", "x", "b"); err != nil || ok {
		t.Fatalf("replace of a value that is not there: %v, %v; want refused", ok, err)
	}
	if ok, err := c.ReplaceIfSame(ctx, m, "k", "a", "b"); err != nil || !ok {
		t.Fatalf("replace: %v, %v", ok, err)
	}
	time.Sleep(time.Until(put.Add(3 * time.Second)))
	if v, err := c.Get(ctx, m, "k"); err != nil || v != "b" {
		t.Fatalf("a replaced key 3s after its put with a 2s TTL: %v, %v; want it still there (replace clears the TTL)", v, err)
	}
	if _, expires, err := c.GetExpiring(ctx, m, "k"); err != nil || !expires.IsZero() {
		t.Fatalf("a replaced key expires %s, %v; want never", expires, err)
	}
	if ok, err := c.RemoveIfSame(ctx, m, "k", "a"); err != nil || ok {
		t.Fatalf("remove of a value that is not there: %v, %v; want refused", ok, err)
	}
	if ok, err := c.RemoveIfSame(ctx, m, "k", "b"); err != nil || !ok {
		t.Fatalf("remove: %v, %v", ok, err)
	}

	if ok, err := c.SetTTL(ctx, m, "k", time.Second); err != nil || ok {
		t.Fatalf("set ttl of an absent key: %v, %v; want false", ok, err)
	}
	// 2s: one second could leave less than the half second slept.
	if ok, err := c.PutIfAbsent(ctx, m, "k", "a", 2*time.Second); err != nil || !ok {
		t.Fatalf("put: %v, %v", ok, err)
	}
	time.Sleep(500 * time.Millisecond)
	set := time.Now()
	if ok, err := c.SetTTL(ctx, m, "k", 2*time.Second); err != nil || !ok {
		t.Fatalf("set ttl: %v, %v", ok, err)
	}
	v, expires, err := c.GetExpiring(ctx, m, "k")
	if err != nil || v != "a" || expires.Before(set.Add(time.Second-10*time.Millisecond)) || expires.After(set.Add(2*time.Second+10*time.Millisecond)) {
		t.Errorf("after a TTL of 2s was set at %s: %v, expires %s, %v", set.Format("15:04:05.000"), v, expires.Format("15:04:05.000"), err)
	}
	gone := waitGone(t, c, m, "k")
	if d := gone.Sub(set); d < time.Second || d > 2500*time.Millisecond {
		t.Errorf("a key expired %s after its TTL was set to 2s; want 1-2s (whole seconds)", d)
	}
}

func waitGone(t *testing.T, c *hz.Client, m, key string) time.Time {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		v, err := c.Get(context.Background(), m, key)
		if err != nil {
			t.Fatal(err)
		}
		if v == nil {
			return time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s[%s] never expired", m, key)
	return time.Time{}
}
