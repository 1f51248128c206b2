package bridge

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/fence"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
	"tidewatch/leader"
)

// lead holds a lease for the harness's bridge, as its leader would, and
// gives the bridge the tenure's environment.
func lead(t *testing.T, h *harness) (leader.Lease, context.CancelFunc) {
	t.Helper()
	h.cfg.Cluster.Enabled = true
	h.cfg.Cluster.LeaseMap = fmt.Sprintf("LEASE_%d", maps.Add(1))
	h.cfg.Cluster.Instance = "tw-a"
	h.cfg.Cluster.LeaseTTL = config.Duration{Duration: 4 * time.Second}
	acquired := make(chan leader.Lease, 1)
	el := leader.New(leader.Options{Cluster: h.cfg.Cluster, KV: h.client, Log: slog.New(slog.DiscardHandler), OnEvent: func(e leader.Event) {
		if e.Kind == leader.Acquired {
			acquired <- e.Lease
		}
	}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		el.Run(ctx)
	}()
	stop := func() {
		cancel()
		<-done
	}
	t.Cleanup(stop)
	var l leader.Lease
	select {
	case l = <-acquired:
	case <-time.After(10 * time.Second):
		t.Fatal("no lease within 10s")
	}
	env := map[string]string{}
	for _, kv := range l.Env() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	h.getenv = func(k string) string { return env[k] }
	return l, stop
}

// epochOf is the epoch latest_eigen_scan carries.
func epochOf(t *testing.T, h *harness) int64 {
	t.Helper()
	v, err := h.client.Get(context.Background(), h.cfg.Hazelcast.Map, h.cfg.Hazelcast.ScanKey)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := hz.Text(v)
	return fence.Epoch(text)
}

func (h *harness) exit(within time.Duration) int {
	h.t.Helper()
	select {
	case code := <-h.done:
		h.cancel = nil
		return code
	case <-time.After(within):
		h.t.Fatalf("the bridge still runs after %s:\n%s", within, h.logs.String())
	}
	return 0
}

func TestABridgePushesWithItsLeadersEpochAndStopsWhenTheLeaseGoes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	l, release := lead(t, h)
	h.start()
	h.write("scan_1.arrow", 1, time.Now())
	h.waitFor(1, 10*time.Second)
	if e := epochOf(t, h); e != l.Epoch {
		t.Errorf("the scan carries epoch %d; the tenure's is %d", e, l.Epoch)
	}

	// The leader gives the lease up (as a frozen one's expires): the next
	// scan is not pushed, and the bridge stops.
	release()
	h.write("scan_2.arrow", 2, time.Now())
	if code := h.exit(10 * time.Second); code != ExitDeposed {
		t.Errorf("exit %d, want %d", code, ExitDeposed)
	}
	if c := h.current(); c.Number != 1 {
		t.Errorf("scan #%d in Hazelcast after the lease went; want #1", c.Number)
	}
	if !strings.Contains(h.logs.String(), "no one holds the lease") {
		t.Errorf("the bridge does not say why it stopped:\n%s", h.logs.String())
	}
}

func TestABridgeNeverOverwritesALaterTenuresScan(t *testing.T) {
	t.Parallel()
	h := newHarness(t, hztest.Shared(t))
	l, _ := lead(t, h)
	h.start()
	h.write("scan_1.arrow", 1, time.Now())
	h.waitFor(1, 10*time.Second)

	// A later tenure's bridge pushed scan 5 (its leader took over while
	// this one's was frozen, say): this bridge's scan 9 must not replace it.
	later := fence.NewWriter(h.client, h.cfg.Hazelcast.Map, h.cfg.Hazelcast.ScanKey)
	stamp := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	if err := later.Write(context.Background(), l.Epoch+1, []byte(`{"scan_number":5,"timestamp":"`+stamp+`","asset_count":20}`), nil); err != nil {
		t.Fatal(err)
	}
	h.write("scan_9.arrow", 9, time.Now())
	if code := h.exit(10 * time.Second); code != ExitDeposed {
		t.Errorf("exit %d, want %d", code, ExitDeposed)
	}
	if c := h.current(); c.Number != 5 || epochOf(t, h) != l.Epoch+1 {
		t.Errorf("scan #%d at epoch %d in Hazelcast; want the later tenure's #5", c.Number, epochOf(t, h))
	}
	if !strings.Contains(h.logs.String(), "fenced off") {
		t.Errorf("the bridge does not say it was fenced off:\n%s", h.logs.String())
	}
}
