package leader

import (
	"fmt"
	"strconv"
)

// The environment a leader gives a process that acts for it (the bridge,
// its child): whose tenure, at which epoch. The process reads the lease
// map from the same config, and calls Verify before each side effect, so
// that it stops acting when the lease does even while its parent is
// frozen.
const (
	EnvInstance = "TIDEWATCH_LEADER_INSTANCE"
	EnvEpoch    = "TIDEWATCH_LEADER_EPOCH"
)

// Env is the environment naming this tenure, to add to a child's.
func (l Lease) Env() []string {
	return []string{EnvInstance + "=" + l.Instance, EnvEpoch + "=" + strconv.FormatInt(l.Epoch, 10)}
}

// FromEnv reads the tenure a process acts for; ok is false when it was not
// started by a leader (a single instance, without [cluster]).
func FromEnv(getenv func(string) string) (l Lease, ok bool, err error) {
	instance, epoch := getenv(EnvInstance), getenv(EnvEpoch)
	if instance == "" && epoch == "" {
		return Lease{}, false, nil
	}
	e, perr := strconv.ParseInt(epoch, 10, 64)
	if instance == "" || perr != nil || e <= 0 {
		return Lease{}, false, fmt.Errorf("%s=%q, %s=%q: a leader's instance and a positive epoch go together", EnvInstance, instance, EnvEpoch, epoch)
	}
	return Lease{Instance: instance, Epoch: e}, true, nil
}
