package checks

import "tidewatch/config"

// Status is the verdict of a run, or of tidewatch as a whole.
type Status string

const (
	StatusHealthy  Status = "healthy"
	StatusDegraded Status = "degraded"
	StatusCritical Status = "critical"
	// StatusError is a run whose check could not run at all; it counts as
	// critical in the overall health.
	StatusError Status = "error"
	// StatusUnknown is the verdict when there is nothing current to judge by.
	StatusUnknown Status = "unknown"
)

// ExitCode follows the Nagios convention that monitors and shell scripts
// understand: 0 healthy, 1 degraded, 2 critical, 3 unknown.
func (s Status) ExitCode() int {
	switch s {
	case StatusHealthy:
		return 0
	case StatusDegraded:
		return 1
	case StatusCritical, StatusError:
		return 2
	}
	return 3
}

// Overall applies the seed's rule to the findings of one run, or to the
// findings of the latest run of every job together. Critical when any
// finding is critical (a missing ACB-critical indicator, Hazelcast
// unreachable, a stale scan, a check that could not run); degraded when more
// indicators are stale or missing than the configured counts; healthy
// otherwise. A lone warning stays a finding and does not degrade.
func Overall(findings []Finding, limits config.Health) Status {
	critical, stale, missing := false, 0, 0
	for _, f := range findings {
		critical = critical || f.Severity == Critical
		switch f.Category {
		case CatStale:
			stale++
		case CatMissing, CatMissingCritical:
			missing++
		}
	}
	switch {
	case critical:
		return StatusCritical
	case stale > limits.DegradedStaleCount || missing > limits.DegradedMissingCount:
		return StatusDegraded
	}
	return StatusHealthy
}

// Worst is the overall health of jobs with these latest statuses: the
// worst of them, an error counting as critical; unknown when none is
// known.
func Worst(statuses ...Status) Status {
	rank := map[Status]int{StatusHealthy: 1, StatusDegraded: 2, StatusCritical: 3, StatusError: 3}
	worst := StatusUnknown
	for _, st := range statuses {
		if st == StatusError {
			st = StatusCritical
		}
		if rank[st] > rank[worst] {
			worst = st
		}
	}
	return worst
}
