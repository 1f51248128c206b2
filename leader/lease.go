package leader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"tidewatch/hz"
)

// The keys in lease_map.
const (
	LeaseKey = "leader"
	EpochKey = "epoch"
)

// ErrNotLeader is returned, wrapped with the reason, by Check and Verify
// when the caller must not act.
var ErrNotLeader = errors.New("not the leader")

// Lease is what the lease entry says: who leads, at which epoch, since when.
type Lease struct {
	Instance string    `json:"instance"`
	Epoch    int64     `json:"epoch"`
	Since    time.Time `json:"since"`
}

// text is the entry's value: JSON, written once per tenure and compared
// byte for byte afterwards.
func (l Lease) text() string {
	b, _ := json.Marshal(l) // a struct of a string, an integer and a time
	return string(b)
}

func (l Lease) String() string { return fmt.Sprintf("%s at epoch %d", l.Instance, l.Epoch) }

// decodeLease reads a lease entry's value.
func decodeLease(v any) (Lease, error) {
	text, err := hz.Text(v)
	if err != nil {
		return Lease{}, fmt.Errorf("lease entry: %w", err)
	}
	var l Lease
	if err := json.Unmarshal(text, &l); err != nil {
		return Lease{}, fmt.Errorf("lease entry %.100q: %w", text, err)
	}
	if l.Instance == "" || l.Epoch <= 0 {
		return Lease{}, fmt.Errorf("lease entry %.100q: no instance or epoch", text)
	}
	return l, nil
}

// Getter reads a key; *hz.Client is one.
type Getter interface {
	Get(ctx context.Context, mapName, key string) (any, error)
}

// Verify confirms in Hazelcast that instance holds the lease at epoch, for
// a process acting for a leader that does not hold the lease itself (the
// bridge, a child of the leader's, which keeps running when its parent is
// frozen). It is the check made right before each side effect: a lease
// that expired, or that another instance holds, fails it with
// ErrNotLeader, and that tenure is over for good. Any other error is a
// lease that could not be read: do not act, and try again.
func Verify(ctx context.Context, kv Getter, mapName, instance string, epoch int64) error {
	v, err := kv.Get(ctx, mapName, LeaseKey)
	if err != nil {
		return fmt.Errorf("the lease cannot be read: %w", err)
	}
	if v == nil {
		return fmt.Errorf("%w: no one holds the lease", ErrNotLeader)
	}
	l, err := decodeLease(v)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotLeader, err)
	}
	if l.Instance != instance || l.Epoch != epoch {
		return fmt.Errorf("%w: the lease is %s's at epoch %d, not %s's at epoch %d", ErrNotLeader, l.Instance, l.Epoch, instance, epoch)
	}
	return nil
}
