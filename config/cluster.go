package config

import (
	"os"
	"regexp"
	"time"
)

// Cluster runs several tidewatch instances against one Hazelcast cluster:
// every instance checks and keeps its own history; one, the leader, holds
// a lease in Hazelcast and alone runs the bridge, pages and publishes
// (package leader).
type Cluster struct {
	Enabled bool `toml:"enabled"`
	// Instance names this instance to the others; empty: the hostname.
	Instance string `toml:"instance"`
	// LeaseMap holds the lease and the epoch counter; PagesMap the shared
	// record of what was paged. Neither may be evicted by size.
	LeaseMap string `toml:"lease_map"`
	PagesMap string `toml:"pages_map"`
	// LeaseTTL is how long a lease lives unrenewed: a dead leader is
	// replaced within it and one renewal period.
	LeaseTTL Duration `toml:"lease_ttl"`
	// RenewEvery is how often the leader renews; 0: a quarter of LeaseTTL.
	RenewEvery Duration `toml:"renew_every"`
	// StepDownMargin is how long before its lease can expire a leader
	// whose renewals fail stops acting; 0: a fifth of LeaseTTL.
	StepDownMargin Duration `toml:"step_down_margin"`
}

// ExpiryGrain is how early the member may expire an entry: it keeps
// expiry times in whole seconds of its clock (measured on 5.5.0).
const ExpiryGrain = time.Second

var instanceName = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

func defaultCluster() Cluster {
	return Cluster{LeaseMap: "tidewatch_cluster", PagesMap: "tidewatch_pages", LeaseTTL: Duration{10 * time.Second}}
}

// Renewal is how often the leader renews its lease.
func (c Cluster) Renewal() time.Duration {
	if c.RenewEvery.Duration > 0 {
		return c.RenewEvery.Duration
	}
	return c.LeaseTTL.Duration / 4
}

// Margin is how long before its lease can expire a leader stops acting.
func (c Cluster) Margin() time.Duration {
	if c.StepDownMargin.Duration > 0 {
		return c.StepDownMargin.Duration
	}
	return c.LeaseTTL.Duration / 5
}

// validateCluster checks [cluster], and names the instance after the host
// when the config does not.
func (c *Config) validateCluster(v *validator) {
	cl := &c.Cluster
	if cl.Instance == "" {
		host, err := os.Hostname()
		if err != nil && cl.Enabled {
			v.add("cluster.instance", "empty, and the hostname cannot stand in for it: %v", err)
		}
		cl.Instance = host
	}
	if cl.Instance != "" && !instanceName.MatchString(cl.Instance) {
		v.add("cluster.instance", "%q: use at most 64 letters, digits, '.', '-', '_' or ':'", cl.Instance)
	}
	v.nonEmpty("cluster.lease_map", cl.LeaseMap)
	v.nonEmpty("cluster.pages_map", cl.PagesMap)
	switch {
	case cl.LeaseMap == c.Hazelcast.Map:
		v.add("cluster.lease_map", "%q is hazelcast.map: the lease needs a map of its own", cl.LeaseMap)
	case cl.PagesMap == c.Hazelcast.Map || cl.PagesMap == cl.LeaseMap:
		v.add("cluster.pages_map", "%q is already used: the record of pages needs a map of its own", cl.PagesMap)
	}
	ttl := cl.LeaseTTL.Duration
	if ttl < 4*time.Second {
		v.add("cluster.lease_ttl", "must be at least 4s (the member expires entries up to 1s early)")
		return
	}
	// The leader counts its lease from when it sent the last renewal that
	// succeeded, less the member's grain; it must get two tries at renewing
	// before it steps down.
	stepDown := ttl - ExpiryGrain - cl.Margin()
	switch {
	case stepDown <= 0:
		v.add("cluster.step_down_margin", "%s leaves no lease: it must be below lease_ttl less 1s (%s)", cl.Margin(), ttl-ExpiryGrain)
	case 2*cl.Renewal() > stepDown:
		v.add("cluster.renew_every", "%s leaves no second try before the step-down %s after a renewal (lease_ttl less 1s less step_down_margin)",
			cl.Renewal(), stepDown)
	}
}
