package bridgeproc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/leader"
	"tidewatch/supervise"
)

// TestABridgeForEachTenure: a leader's bridge is told its tenure, a
// follower runs none, and the next tenure gets a bridge of its own.
func TestABridgeForEachTenure(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "env")
	s := newSupervised(t, nil, "sh", "-c", `echo "$TIDEWATCH_LEADER_INSTANCE $TIDEWATCH_LEADER_EPOCH" >> `+out+`; echo "bridge ready"; exec sleep 60`)
	t.Cleanup(s.b.Stop)
	if p := s.b.Snapshot(); p.State != supervise.Stopped {
		t.Fatalf("before leading: %s", p.State)
	}

	s.b.Lead(leader.Lease{Instance: "tw-a", Epoch: 7})
	first := s.waitState(supervise.Running, 10*time.Second).PID
	s.b.Follow()
	if p := s.b.Snapshot(); p.State != supervise.Stopped || p.PID != 0 {
		t.Fatalf("a follower's bridge: %+v", p.Snapshot)
	}
	s.b.Restart("stuck") // nothing to restart while following

	s.b.Lead(leader.Lease{Instance: "tw-a", Epoch: 9})
	if second := s.waitState(supervise.Running, 10*time.Second).PID; second == first {
		t.Error("the next tenure's bridge is the same process")
	}
	got, err := os.ReadFile(out)
	if err != nil || strings.TrimSpace(string(got)) != "tw-a 7\ntw-a 9" {
		t.Errorf("the bridges were told %q, %v; want each its tenure", got, err)
	}
}
