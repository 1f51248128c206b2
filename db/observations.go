package db

import (
	"context"
	"fmt"
	"time"
)

// Observation is when tidewatch first saw a record's current bytes.
type Observation struct {
	Map, Key string
	Hash     string
	Since    time.Time
}

const upsertObservation = `INSERT INTO observations (map, key, hash, first_seen_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (map, key) DO UPDATE SET hash = excluded.hash, first_seen_at = excluded.first_seen_at`

// Observations are the observations kept, to restore them at start.
func (s *Store) Observations(ctx context.Context) ([]Observation, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT map, key, hash, first_seen_at FROM observations`)
	if err != nil {
		return nil, fmt.Errorf("observations: %w", err)
	}
	defer rows.Close()
	var out []Observation
	for rows.Next() {
		var o Observation
		var at string
		if err := rows.Scan(&o.Map, &o.Key, &o.Hash, &at); err != nil {
			return nil, fmt.Errorf("observations: %w", err)
		}
		if o.Since, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
