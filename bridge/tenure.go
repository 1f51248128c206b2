package bridge

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"tidewatch/config"
	"tidewatch/fence"
	"tidewatch/hz"
	"tidewatch/leader"
	"tidewatch/record"
)

// tenure is the leader's tenure a bridge pushes for, in a cluster (package
// leader): the leader names it in the bridge's environment. Before every
// push the bridge confirms in Hazelcast that the tenure still holds the
// lease, and it pushes with the tenure's epoch, fenced (package fence): a
// bridge whose leader was frozen and deposed, and which kept running, can
// neither push after the lease is gone nor overwrite a scan pushed for a
// later tenure.
type tenure struct {
	lease    leader.Lease
	leaseMap string
	writer   *fence.Writer
	// over says why the tenure ended; the bridge then stops.
	over error
}

// tenureOf reads the tenure from the environment; nil for a bridge outside
// a cluster, which puts its scans as they are.
func tenureOf(getenv func(string) string, cfg *config.Config, c *hz.Client) (*tenure, error) {
	l, ok, err := leader.FromEnv(getenv)
	if err != nil || !ok {
		return nil, err
	}
	return &tenure{lease: l, leaseMap: cfg.Cluster.LeaseMap, writer: fence.NewWriter(c, cfg.Hazelcast.Map, cfg.Hazelcast.ScanKey)}, nil
}

// errNotNewer is a scan that Hazelcast's, written meanwhile by another
// bridge, is not older than.
type errNotNewer struct{ reason string }

func (e errNotNewer) Error() string { return e.reason }

// push puts the outgoing scan for the tenure: only while it holds the
// lease, and never over a scan of a later tenure or a newer scan.
func (t *tenure) push(ctx context.Context, c *hz.Client, o *outgoing, rule record.Rule) error {
	if err := leader.Verify(ctx, c, t.leaseMap, t.lease.Instance, t.lease.Epoch); err != nil {
		if errors.Is(err, leader.ErrNotLeader) {
			t.over = err
		}
		return err
	}
	err := t.writer.Write(ctx, t.lease.Epoch, o.record.text, func(current []byte) error {
		h, err := record.DecodeScanHead(current)
		if err != nil {
			return nil // an unreadable scan is no bar, as at the start
		}
		j := record.Judge(record.File{Name: filepath.Base(o.file.Path), Read: &o.reading}, &h, time.Now(), rule)
		if j.Verdict != record.Take {
			return errNotNewer{j.Reason}
		}
		return nil
	})
	if errors.Is(err, fence.ErrFenced) {
		t.over = err
	}
	if err != nil {
		return fmt.Errorf("push for %s: %w", t.lease, err)
	}
	return nil
}
