package leader_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/internal/hztest"
	"tidewatch/leader"
)

// counting counts the calls an election makes.
type counting struct {
	leader.KV
	calls atomic.Int64
}

func (c *counting) Get(ctx context.Context, m, k string) (any, error) {
	c.calls.Add(1)
	return c.KV.Get(ctx, m, k)
}

func (c *counting) GetExpiring(ctx context.Context, m, k string) (any, time.Time, error) {
	c.calls.Add(1)
	return c.KV.GetExpiring(ctx, m, k)
}

func (c *counting) PutIfAbsent(ctx context.Context, m, k string, v any, ttl time.Duration) (bool, error) {
	c.calls.Add(1)
	return c.KV.PutIfAbsent(ctx, m, k, v, ttl)
}

func (c *counting) ReplaceIfSame(ctx context.Context, m, k string, old, v any) (bool, error) {
	c.calls.Add(1)
	return c.KV.ReplaceIfSame(ctx, m, k, old, v)
}

func (c *counting) RemoveIfSame(ctx context.Context, m, k string, v any) (bool, error) {
	c.calls.Add(1)
	return c.KV.RemoveIfSame(ctx, m, k, v)
}

func (c *counting) SetTTL(ctx context.Context, m, k string, ttl time.Duration) (bool, error) {
	c.calls.Add(1)
	return c.KV.SetTTL(ctx, m, k, ttl)
}

// cpu is a process's CPU time so far (user and system), from
// /proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms.
func cpu(b *testing.B, pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// BenchmarkRenewal measures what the lease costs the member. Three
// instances with the default lease run for 10 s, counting their calls
// (ops/s-at-defaults: the lease's whole load on the cluster); then one
// leader renews back to back b.N times (renewals/s: what one member
// takes; member-cpu-us/renewal: the member's CPU time for each, two
// calls).
func BenchmarkRenewal(b *testing.B) {
	m := hztest.Shared(b)
	cfg := config.Default().Cluster
	cfg.Enabled, cfg.LeaseMap = true, "bench-defaults"
	ctx, cancel := context.WithCancel(context.Background())
	var counters []*counting
	acquired := make(chan struct{}, 3)
	for _, name := range []string{"a", "b", "c"} {
		c := &counting{KV: m.Client(b, quiet)}
		counters = append(counters, c)
		cfg := cfg
		cfg.Instance = name
		go leader.New(leader.Options{Cluster: cfg, KV: c, Log: quiet, OnEvent: func(e leader.Event) {
			if e.Kind == leader.Acquired {
				acquired <- struct{}{}
			}
		}}).Run(ctx)
	}
	<-acquired // the election settled: from now on, the steady load
	const window = 10 * time.Second
	var before int64
	for _, c := range counters {
		before += c.calls.Load()
	}
	time.Sleep(window)
	var after int64
	for _, c := range counters {
		after += c.calls.Load()
	}
	cancel()

	// Back to back: a renewal period far below a call's time.
	fast := cfg
	fast.Instance, fast.LeaseMap, fast.RenewEvery = "bench", "bench-fast", config.Duration{Duration: time.Nanosecond}
	var renewals atomic.Int64
	done := make(chan struct{})
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	target := int64(b.N)
	el := leader.New(leader.Options{Cluster: fast, KV: m.Client(b, quiet), Log: quiet, OnEvent: func(e leader.Event) {
		if e.Kind == leader.Renewed && renewals.Add(1) == target {
			close(done)
		}
	}})
	cpu0 := cpu(b, m.Pid())
	b.ResetTimer()
	go el.Run(ctx)
	<-done
	b.StopTimer()
	used := cpu(b, m.Pid()) - cpu0
	b.ReportMetric(float64(after-before)/window.Seconds(), "ops/s-at-defaults")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "renewals/s")
	b.ReportMetric(float64(used.Microseconds())/float64(b.N), "member-cpu-us/renewal")
}
