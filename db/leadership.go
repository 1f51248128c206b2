package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tidewatch/checks"
)

// Leadership is a takeover or a step-down of this instance (package
// leader): kind is acquired, lost or stepped down.
type Leadership struct {
	At       time.Time `json:"at"`
	Kind     string    `json:"kind"`
	Instance string    `json:"instance"`
	Epoch    int64     `json:"epoch"`
	Reason   string    `json:"reason,omitempty"`
}

// WriteLeadership records a takeover or a step-down.
func (s *Store) WriteLeadership(ctx context.Context, l Leadership) error {
	if err := s.writable(); err != nil {
		return fmt.Errorf("record leadership %s: %w", l.Kind, err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO leadership (at, kind, instance, epoch, reason) VALUES (?, ?, ?, ?, ?)`,
		formatTime(l.At), l.Kind, l.Instance, l.Epoch, l.Reason); err != nil {
		return fmt.Errorf("record leadership %s: %w", l.Kind, err)
	}
	return nil
}

// LatestLeadership is the latest takeover or step-down; nil when none.
func (s *Store) LatestLeadership(ctx context.Context) (*Leadership, error) {
	var l Leadership
	var at string
	err := s.r.QueryRowContext(ctx, `SELECT at, kind, instance, epoch, reason FROM leadership ORDER BY id DESC LIMIT 1`).
		Scan(&at, &l.Kind, &l.Instance, &l.Epoch, &l.Reason)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest leadership: %w", err)
	}
	if l.At, err = parseTime(at); err != nil {
		return nil, err
	}
	return &l, nil
}

// MaxEpoch is the highest epoch this instance held or sent with, 0 for
// none: a floor for epochs once Hazelcast's counter is lost.
func (s *Store) MaxEpoch(ctx context.Context) (int64, error) {
	var e sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT max(e) FROM (SELECT max(epoch) AS e FROM leadership
		UNION ALL SELECT max(epoch) FROM notifications)`).Scan(&e)
	if err != nil {
		return 0, fmt.Errorf("highest epoch: %w", err)
	}
	return e.Int64, nil
}

// Sent is a notification this instance sent in a cluster, as the shared
// record of pages keeps it.
type Sent struct {
	ID                       int64
	Receiver                 string
	Job, Category, Indicator string
	Kind                     string
	Severity                 checks.Severity
	Epoch                    int64
	At                       time.Time
}

// Fingerprint is the problem's: job, category and indicator.
func (s *Sent) Fingerprint() string { return s.Job + "/" + s.Category + "/" + s.Indicator }

const sentColumns = `SELECT n.id, n.receiver, p.job, p.category, p.indicator, n.kind, coalesce(n.severity, ''),
	coalesce(n.epoch, 0), n.sent_at FROM notifications n JOIN problems p ON p.id = n.problem_id `

func (s *Store) sent(ctx context.Context, where string, args ...any) ([]Sent, error) {
	rows, err := s.r.QueryContext(ctx, sentColumns+where, args...)
	if err != nil {
		return nil, fmt.Errorf("sent notifications: %w", err)
	}
	defer rows.Close()
	var out []Sent
	for rows.Next() {
		var x Sent
		var at string
		if err := rows.Scan(&x.ID, &x.Receiver, &x.Job, &x.Category, &x.Indicator, &x.Kind, &x.Severity, &x.Epoch, &at); err != nil {
			return nil, fmt.Errorf("sent notifications: %w", err)
		}
		if x.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// LastSent is the latest notification this instance sent to receiver about
// the problem (by job, category and indicator), whatever its epoch; nil
// when it sent none.
func (s *Store) LastSent(ctx context.Context, receiver, job, category, indicator string) (*Sent, error) {
	out, err := s.sent(ctx, `WHERE n.state = 'sent' AND n.receiver = ? AND p.job = ? AND p.category = ? AND p.indicator = ?
		ORDER BY n.sent_at DESC, n.id DESC LIMIT 1`, receiver, job, category, indicator)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return &out[0], nil
}

// Unshared are the notifications sent in a cluster that are not in the
// shared record yet, oldest first.
func (s *Store) Unshared(ctx context.Context, limit int) ([]Sent, error) {
	return s.sent(ctx, `WHERE n.shared = 0 ORDER BY n.id LIMIT ?`, limit)
}

// NotificationSentAs marks notifications sent in a cluster, at an epoch,
// with the severity each went out with; shared says whether they are in
// the shared record of pages already.
func (s *Store) NotificationSentAs(ctx context.Context, ids []int64, at time.Time, epoch int64, severity []checks.Severity, shared bool) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("notifications: %w", err)
	}
	defer tx.Rollback()
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE notifications SET state = 'sent', attempts = attempts + 1, sent_at = ?,
			last_error = NULL, epoch = ?, severity = ?, shared = ? WHERE id = ?`, formatTime(at), epoch, string(severity[i]), shared, id); err != nil {
			return fmt.Errorf("notifications: %w", err)
		}
	}
	return tx.Commit()
}

// NotificationsShared marks sent notifications as in the shared record.
func (s *Store) NotificationsShared(ctx context.Context, ids []int64) error {
	return s.updateNotifications(ctx, ids, `UPDATE notifications SET shared = 1 WHERE id = ?`)
}

// NotificationSkipped marks a notification done without sending it, and
// why: another instance sent what it says, or it became moot.
func (s *Store) NotificationSkipped(ctx context.Context, id int64, why string) error {
	return s.updateNotifications(ctx, []int64{id}, `UPDATE notifications SET state = 'skipped', last_error = ? WHERE id = ?`, why)
}

// NotificationDeferred leaves notifications pending until later: an
// instance that may not send them now looks again then.
func (s *Store) NotificationDeferred(ctx context.Context, ids []int64, until time.Time) error {
	return s.updateNotifications(ctx, ids, `UPDATE notifications SET next_try_at = ? WHERE id = ?`, formatTime(until))
}
