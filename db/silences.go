package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Silence holds back the notifications of the problems whose fingerprint
// matches Matcher, from Starts until Ends.
type Silence struct {
	ID        int64     `json:"id"`
	Matcher   string    `json:"matcher"`
	Starts    time.Time `json:"starts_at"`
	Ends      time.Time `json:"ends_at"`
	CreatedBy string    `json:"created_by"`
	Comment   string    `json:"comment"`
	Created   time.Time `json:"created_at"`
}

// Silence states, as amtool names them.
const (
	SilencePending = "pending"
	SilenceActive  = "active"
	SilenceExpired = "expired"
)

// State says whether the silence is in force at now.
func (s Silence) State(now time.Time) string {
	switch {
	case !now.Before(s.Ends):
		return SilenceExpired
	case now.Before(s.Starts):
		return SilencePending
	}
	return SilenceActive
}

// ErrNoSilence is returned for a silence id that is not there.
var ErrNoSilence = errors.New("no such silence")

// AddSilence stores a silence and returns its id.
func (s *Store) AddSilence(ctx context.Context, sl Silence) (int64, error) {
	switch {
	case strings.TrimSpace(sl.Matcher) == "":
		return 0, errors.New("silence: the matcher must not be empty")
	case strings.TrimSpace(sl.Comment) == "":
		return 0, errors.New("silence: say why in a comment")
	case !sl.Ends.After(sl.Starts):
		return 0, fmt.Errorf("silence: it ends (%s) before it starts (%s)", formatTime(sl.Ends), formatTime(sl.Starts))
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("silence: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO silences (matcher, starts_at, ends_at, created_by, comment, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, sl.Matcher, formatTime(sl.Starts), formatTime(sl.Ends), sl.CreatedBy, sl.Comment, formatTime(sl.Created))
	if err != nil {
		return 0, fmt.Errorf("silence: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("silence: %w", err)
	}
	return id, tx.Commit()
}

// ExpireSilence ends a silence at now (a pending one never starts).
func (s *Store) ExpireSilence(ctx context.Context, id int64, now time.Time) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("silence %d: %w", id, err)
	}
	defer tx.Rollback()
	var ends string
	switch err := tx.QueryRowContext(ctx, `SELECT ends_at FROM silences WHERE id = ?`, id).Scan(&ends); {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("silence %d: %w", id, ErrNoSilence)
	case err != nil:
		return fmt.Errorf("silence %d: %w", id, err)
	case ends <= formatTime(now):
		return fmt.Errorf("silence %d: already expired at %s UTC", id, ends)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE silences SET starts_at = min(starts_at, ?1), ends_at = ?1 WHERE id = ?2`,
		formatTime(now), id); err != nil {
		return fmt.Errorf("silence %d: %w", id, err)
	}
	return tx.Commit()
}

// ActiveSilences returns the silences in force at now.
func (s *Store) ActiveSilences(ctx context.Context, now time.Time) ([]Silence, error) {
	t := formatTime(now)
	return s.silences(ctx, `WHERE starts_at <= ? AND ends_at > ? ORDER BY id`, t, t)
}

// Silences returns the silences not yet expired at now, soonest to end
// first; with expired, the expired ones too, the latest to end last.
func (s *Store) Silences(ctx context.Context, now time.Time, expired bool) ([]Silence, error) {
	if expired {
		return s.silences(ctx, `ORDER BY ends_at, id`)
	}
	return s.silences(ctx, `WHERE ends_at > ? ORDER BY ends_at, id`, formatTime(now))
}

func (s *Store) silences(ctx context.Context, where string, args ...any) ([]Silence, error) {
	rows, err := s.query(ctx, `SELECT id, matcher, starts_at, ends_at, created_by, comment, created_at
		FROM silences `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("silences: %w", err)
	}
	defer rows.Close()
	var out []Silence
	for rows.Next() {
		var sl Silence
		var starts, ends, created string
		if err := rows.Scan(&sl.ID, &sl.Matcher, &starts, &ends, &sl.CreatedBy, &sl.Comment, &created); err != nil {
			return nil, fmt.Errorf("silences: %w", err)
		}
		for _, t := range []struct {
			into *time.Time
			from string
		}{{&sl.Starts, starts}, {&sl.Ends, ends}, {&sl.Created, created}} {
			if *t.into, err = parseTime(t.from); err != nil {
				return nil, fmt.Errorf("silence %d: %w", sl.ID, err)
			}
		}
		out = append(out, sl)
	}
	return out, rows.Err()
}
