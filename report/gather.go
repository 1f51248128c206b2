package report

import (
	"context"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
)

// History is what a report reads from the database: every query of a
// report, made once (Gather). Summarize computes the report from it alone.
type History struct {
	Since, Until time.Time
	Job          string // the job reported on; "" for all
	// Changes are each subject's health from the start of the longest
	// availability window to Until.
	Changes map[string]Changes
	Hours   []db.Hour
	// Kinds are the period's kinds of finding, most frequent first (at most
	// maxKinds).
	Kinds []db.FindingKind
	// Drivers are the warnings and criticals that drove each of the newest
	// MaxRows incidents, the most frequent first, by the incident's start.
	Drivers map[time.Time][]db.FindingKind
	// Samples are the scan as the freshness runs saw it: periods up to
	// fineFor only.
	Samples  []db.ScanSample
	Restarts db.Restarts
	// Staleness is the hourly rollup, for periods past fineFor; StaleRuns
	// the freshness runs themselves, for periods up to it.
	Staleness []db.StalenessCell
	StaleRuns []db.StaleRun
}

// Changes is a subject's health: its status at the start, and its changes
// after.
type Changes struct {
	Initial checks.Status
	Changes []db.Change
}

// drivers is how many kinds of finding an incident names.
const drivers = 3

// Gather reads what the report of [since, until) needs, for one job or for
// all when job is "". now tells which incidents still have their raw
// findings (database.retention).
func Gather(ctx context.Context, store *db.Store, cfg *config.Config, now, since, until time.Time, job string) (*History, error) {
	h := &History{Since: since.UTC(), Until: until.UTC(), Job: job, Changes: map[string]Changes{}}
	subject, subjects, _ := subjectsOf(cfg, job)
	from := earliest(h.Since, h.Until)
	for _, s := range subjects {
		initial, changes, err := store.Changes(ctx, s, from, h.Until)
		if err != nil {
			return nil, err
		}
		h.Changes[s] = Changes{initial, changes}
	}
	var err error
	if h.Hours, err = store.Hours(ctx, job, since, until); err != nil {
		return nil, err
	}
	if h.Kinds, err = store.FindingKinds(ctx, since, until, job, maxKinds); err != nil {
		return nil, err
	}
	// The incidents are the subject's, computed as Summarize does: only
	// their times are read here, for their drivers.
	c := h.Changes[subject]
	incidents, _ := incidentsOf(segments(c.Initial, c.Changes, h.Since, h.Until), h.Until)
	incidents = incidents[max(0, len(incidents)-MaxRows):]
	// An incident's drivers are the findings inside its own span: the raw
	// ones while they are kept, the hourly rollups beyond.
	rawSince := now.Add(-cfg.Database.Retention.Duration)
	var raw, rolled []db.Window
	var rawAt, rolledAt []time.Time
	for _, in := range incidents {
		w := db.Window{From: in.Start, To: in.end(h.Until)}
		if !in.Start.Before(rawSince) {
			raw, rawAt = append(raw, w), append(rawAt, in.Start)
		} else {
			rolled, rolledAt = append(rolled, w), append(rolledAt, in.Start)
		}
	}
	h.Drivers = map[time.Time][]db.FindingKind{}
	for _, read := range []struct {
		windows []db.Window
		at      []time.Time
		fn      func(context.Context, []db.Window, string, int) ([][]db.FindingKind, error)
	}{{raw, rawAt, store.IncidentKinds}, {rolled, rolledAt, store.ProblemKinds}} {
		kinds, err := read.fn(ctx, read.windows, job, drivers)
		if err != nil {
			return nil, err
		}
		for i, at := range read.at {
			h.Drivers[at] = kinds[i]
		}
	}
	if h.fine() {
		if h.Samples, err = store.ScanSamples(ctx, config.JobFreshness, since, until); err != nil {
			return nil, err
		}
	}
	if h.Restarts, err = store.BridgeRestarts(ctx, since, until, topFindings, MaxRows); err != nil {
		return nil, err
	}
	if h.fine() {
		if h.StaleRuns, err = store.StaleRuns(ctx, since, until); err != nil {
			return nil, err
		}
	} else if h.Staleness, err = store.Staleness(ctx, since, until); err != nil {
		return nil, err
	}
	return h, nil
}

// fine tells whether the period is short enough for raw rows: exact
// percentiles and gaps.
func (h *History) fine() bool { return h.Until.Sub(h.Since) <= fineFor }
