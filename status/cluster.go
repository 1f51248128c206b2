package status

import (
	"context"
	"fmt"
	"io"
	"time"

	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/internal/present"
)

// Cluster is this instance's part in a cluster ([cluster]): live from the
// running daemon (/status), or as of its latest takeover or step-down
// from history alone (tidewatch status).
type Cluster struct {
	Instance string `json:"instance"`
	// Role is leader or follower.
	Role string `json:"role"`
	// Leader and Epoch name the leader as last seen (this instance while it
	// leads); empty when none was seen.
	Leader string `json:"leader,omitempty"`
	Epoch  int64  `json:"epoch,omitempty"`
	// LeaseAgeS is how long ago the leader's lease was last renewed.
	LeaseAgeS *float64 `json:"lease_age_s,omitempty"`
	// LastLeader: this instance stepped down when its renewals failed and
	// has seen no one take over since; it pages while Hazelcast is away.
	LastLeader bool `json:"last_leader,omitempty"`
	// Reachable: Hazelcast answers the election; nil from history.
	Reachable *bool `json:"hazelcast_reachable,omitempty"`
	// LastChange is this instance's latest takeover or step-down.
	LastChange *db.Leadership `json:"last_change,omitempty"`
	// Live: read from the running daemon, not from history.
	Live bool `json:"live"`
}

// readCluster is the cluster part as history tells it.
func readCluster(ctx context.Context, store *db.Store, cfg *config.Config) (*Cluster, error) {
	if !cfg.Cluster.Enabled {
		return nil, nil
	}
	last, err := store.LatestLeadership(ctx)
	if err != nil {
		return nil, err
	}
	c := &Cluster{Instance: cfg.Cluster.Instance, Role: "follower", LastChange: last}
	if last != nil && last.Kind == "acquired" {
		c.Role, c.Leader, c.Epoch = "leader", last.Instance, last.Epoch
	}
	return c, nil
}

func writeCluster(w io.Writer, c *Cluster, now time.Time) {
	fmt.Fprintf(w, "cluster: %s is the %s", c.Instance, c.Role)
	switch {
	case c.Role == "leader":
		fmt.Fprintf(w, " (epoch %d)", c.Epoch)
	case c.Leader != "":
		fmt.Fprintf(w, " of %s (epoch %d)", c.Leader, c.Epoch)
	}
	if c.LeaseAgeS != nil {
		fmt.Fprintf(w, ", lease renewed %s ago", present.Age(time.Duration(*c.LeaseAgeS*float64(time.Second))))
	}
	if c.LastLeader {
		fmt.Fprint(w, "; the last leader (it pages while Hazelcast is away)")
	}
	if c.Reachable != nil && !*c.Reachable {
		fmt.Fprint(w, "; Hazelcast unreachable")
	}
	fmt.Fprintln(w)
	if l := c.LastChange; l != nil {
		fmt.Fprintf(w, "  %s at epoch %d, %s ago", l.Kind, l.Epoch, present.Age(now.Sub(l.At)))
		if l.Reason != "" {
			fmt.Fprintf(w, ": %s", l.Reason)
		}
		fmt.Fprintln(w)
	}
	if !c.Live {
		fmt.Fprintln(w, "  (from history: as of that change)")
	}
}
