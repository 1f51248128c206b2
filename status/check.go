package status

import (
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// Check is the verdict of runs made just now by `tidewatch check`.
type Check struct {
	Overall checks.Status `json:"overall"`
	Health  checks.Health `json:"health"`
	Runs    []CheckRun    `json:"runs"`
}

// CheckRun is one run of a check.
type CheckRun struct {
	Job        string           `json:"job"`
	Status     checks.Status    `json:"status"`
	Error      string           `json:"error,omitempty"`
	StartedAt  time.Time        `json:"started_at"`
	DurationMS float64          `json:"duration_ms"`
	Findings   []checks.Finding `json:"findings"`
}

// NewCheck summarises runs into a verdict.
func NewCheck(runs []*db.Run, limits config.Health) *Check {
	c := &Check{Runs: []CheckRun{}}
	c.Overall, c.Health = Merge(runs, limits)
	for _, r := range runs {
		c.Runs = append(c.Runs, CheckRun{
			Job: r.Job, Status: r.Status, Error: r.Error, StartedAt: r.Started,
			DurationMS: float64(r.Finished.Sub(r.Started).Microseconds()) / 1000,
			Findings:   append([]checks.Finding{}, r.Findings...),
		})
	}
	return c
}
