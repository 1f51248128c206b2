package db

import (
	"context"
	"fmt"
	"time"
)

// Prune deletes the runs that started before cutoff, with their findings
// and health, batch runs per transaction: a job's write waits for one
// batch at most, never for the whole prune. Silences that ended before
// cutoff go too, and rollups and health changes older than rollupCutoff.
// It returns how many runs went.
func (s *Store) Prune(ctx context.Context, cutoff, rollupCutoff time.Time, batch int) (int64, error) {
	if err := s.writable(); err != nil {
		return 0, err
	}
	var total int64
	for {
		res, err := s.w.ExecContext(ctx, `DELETE FROM runs WHERE id IN
			(SELECT id FROM runs WHERE started_at < ? ORDER BY started_at LIMIT ?)`, formatTime(cutoff), batch)
		if err != nil {
			return total, fmt.Errorf("prune runs before %s: %w", formatTime(cutoff), err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("prune: %w", err)
		}
		total += n
		if n < int64(batch) {
			break
		}
	}
	if _, err := s.w.ExecContext(ctx, `DELETE FROM bridge_events WHERE at < ?`, formatTime(cutoff)); err != nil {
		return total, fmt.Errorf("prune bridge events: %w", err)
	}
	// Takeovers and step-downs are few; kept as long as the rollups.
	if _, err := s.w.ExecContext(ctx, `DELETE FROM leadership WHERE at < ?`, formatTime(rollupCutoff)); err != nil {
		return total, fmt.Errorf("prune leadership: %w", err)
	}
	// Resolved problems go with their notifications; open ones stay.
	if _, err := s.w.ExecContext(ctx, `DELETE FROM problems WHERE state = 'resolved' AND resolved_at < ?`, formatTime(cutoff)); err != nil {
		return total, fmt.Errorf("prune problems: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, `DELETE FROM silences WHERE ends_at < ?`, formatTime(cutoff)); err != nil {
		return total, fmt.Errorf("prune silences: %w", err)
	}
	hour := hourOf(rollupCutoff)
	for _, q := range []string{
		`DELETE FROM hourly_jobs WHERE hour < ?`,
		`DELETE FROM hourly_findings WHERE hour < ?`,
		`DELETE FROM hourly_staleness WHERE hour < ?`,
	} {
		if _, err := s.w.ExecContext(ctx, q, hour); err != nil {
			return total, fmt.Errorf("prune rollups: %w", err)
		}
	}
	// Keep each job's last change before the cutoff: it says what the
	// status was when the kept history begins.
	if _, err := s.w.ExecContext(ctx, `DELETE FROM health_changes WHERE at < ? AND id NOT IN
		(SELECT max(id) FROM health_changes WHERE at < ? GROUP BY job)`, formatTime(rollupCutoff), formatTime(rollupCutoff)); err != nil {
		return total, fmt.Errorf("prune health changes: %w", err)
	}
	return total, nil
}
