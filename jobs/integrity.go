package jobs

import (
	"context"

	"tidewatch/checks"
)

// integrity judges exf_latest alone: every expected indicator present and
// usable, the ACB-critical ones above all, and within its range.
func (r *Runner) integrity(ctx context.Context, in *inputs) (checks.Result, error) {
	return checks.Integrity(in.exf(ctx), r.cfg), nil
}
