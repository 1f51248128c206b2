package jobs

import (
	"context"
	"sync"

	"tidewatch/checks"
	"tidewatch/config"
)

// freshnessMemory is what the freshness job remembers between runs: the
// scan number, and since when it has not moved.
type freshnessMemory struct {
	mu    sync.Mutex
	state checks.FreshnessState
}

// restoreFreshness restores the last scan number, and since when it has
// been seen, from history: a restart does not hide a scan number that
// stopped moving.
func (r *Runner) restoreFreshness(ctx context.Context) {
	s := &r.fresh.state
	n, ok, err := r.store.LastScanNumber(ctx, config.JobFreshness)
	if err == nil && ok {
		s.ScanSince, _, err = r.store.ScanNumberSince(ctx, config.JobFreshness, n)
	}
	if err != nil {
		// As after a first start: the stuck-scan clock starts now.
		r.log.Warn("the last scan number is not restored from history", "err", err)
	}
	s.ScanNumber, s.HaveScan = n, ok
}

// freshness judges how old exf_latest and latest_eigen_scan are, by what
// they say and by how long tidewatch has seen them unchanged.
func (r *Runner) freshness(ctx context.Context, in *inputs) (checks.Result, error) {
	exf := in.exf(ctx)
	scan := checks.ScanRead{Unreachable: exf.Unreachable}
	if exf.Unreachable == nil {
		scan = in.scan(ctx)
	}
	r.fresh.mu.Lock()
	defer r.fresh.mu.Unlock()
	var res checks.Result
	res, r.fresh.state = checks.Freshness(in.now, exf, scan, r.fresh.state, r.cfg)
	return res, nil
}
