package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tidewatch/checks"
)

// Problem states.
const (
	ProblemPending  = "pending"
	ProblemOpen     = "open"
	ProblemResolved = "resolved"
)

// Problem is a finding that keeps coming back, tracked across runs.
type Problem struct {
	ID        int64           `json:"id"`
	Job       string          `json:"job"`
	Category  string          `json:"category"`
	Indicator string          `json:"indicator,omitempty"`
	State     string          `json:"state"`
	Severity  checks.Severity `json:"severity"`
	Message   string          `json:"message"`
	Details   map[string]any  `json:"details,omitempty"`

	Hits, Misses, Occurrences int `json:"-"`

	FirstSeen time.Time `json:"first_seen_at"`
	Opened    time.Time `json:"opened_at"`
	LastSeen  time.Time `json:"last_seen_at"`
	Resolved  time.Time `json:"resolved_at"`
	// PagedSeverity is the severity its last trigger went out with; empty
	// when it never paged.
	PagedSeverity checks.Severity `json:"paged_severity,omitempty"`
	LastNotified  time.Time       `json:"-"`
	SuppressedBy  string          `json:"suppressed_by,omitempty"`
}

// Fingerprint identifies a problem: job, category and indicator.
func (p *Problem) Fingerprint() string {
	return p.Job + "/" + p.Category + "/" + p.Indicator
}

// Notice is a notification to queue: a problem's trigger, repeat or
// resolve for one receiver. Problem indexes the run's Problems.
type Notice struct {
	Problem  int
	Receiver string
	Kind     string
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func readTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return parseTime(s.String)
}

// writeProblems stores a run's problem changes and queues its notices, in
// the run's transaction: the outbox.
func writeProblems(ctx context.Context, tx writeTx, r *Run) error {
	for i := range r.Problems {
		p := &r.Problems[i]
		args := []any{p.State, string(p.Severity), p.Message, jsonText(p.Details), p.Hits, p.Misses, p.Occurrences,
			formatTime(p.FirstSeen), nullTime(p.Opened), formatTime(p.LastSeen), nullTime(p.Resolved),
			nullString(string(p.PagedSeverity)), nullTime(p.LastNotified), nullString(p.SuppressedBy)}
		if p.ID == 0 {
			res, err := tx.exec(ctx, `INSERT INTO problems (job, category, indicator, state, severity, message, details,
				hits, misses, occurrences, first_seen_at, opened_at, last_seen_at, resolved_at, paged_severity,
				last_notified_at, suppressed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				append([]any{p.Job, p.Category, p.Indicator}, args...)...)
			if err != nil {
				return fmt.Errorf("problem %s: %w", p.Fingerprint(), err)
			}
			if p.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			continue
		}
		if p.State == "" {
			// A pending problem that went away without opening.
			if _, err := tx.exec(ctx, `DELETE FROM problems WHERE id = ?`, p.ID); err != nil {
				return fmt.Errorf("problem %s: %w", p.Fingerprint(), err)
			}
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE problems SET state = ?, severity = ?, message = ?, details = ?,
			hits = ?, misses = ?, occurrences = ?, first_seen_at = ?, opened_at = ?, last_seen_at = ?, resolved_at = ?,
			paged_severity = ?, last_notified_at = ?, suppressed_by = ? WHERE id = ?`, append(args, p.ID)...); err != nil {
			return fmt.Errorf("problem %s: %w", p.Fingerprint(), err)
		}
	}
	now := formatTime(r.Started)
	for _, n := range r.Notices {
		if _, err := tx.exec(ctx, `INSERT INTO notifications (problem_id, receiver, kind, batch, state, created_at, next_try_at, uid)
			VALUES (?, ?, ?, ?, 'pending', ?, ?, lower(hex(randomblob(16))))`, r.Problems[n.Problem].ID, n.Receiver, n.Kind, r.ID, now, now); err != nil {
			return fmt.Errorf("queue notification: %w", err)
		}
	}
	return nil
}

var problemColumns = []string{"id", "job", "category", "indicator", "state", "severity", "message", "details",
	"hits", "misses", "occurrences", "first_seen_at", "opened_at", "last_seen_at", "resolved_at", "paged_severity",
	"last_notified_at", "suppressed_by"}

// columns lists the problem columns of a table alias.
func columns(alias string) string {
	out := make([]string, len(problemColumns))
	for i, c := range problemColumns {
		out[i] = alias + c
	}
	return strings.Join(out, ", ")
}

// scanProblem scans a row of problem columns, after the lead ones.
func scanProblem(row interface{ Scan(...any) error }, lead ...any) (Problem, error) {
	var p Problem
	var details, opened, resolved, paged, notified, suppressed sql.NullString
	var first, last, sev string
	dest := append(lead, &p.ID, &p.Job, &p.Category, &p.Indicator, &p.State, &sev, &p.Message, &details, &p.Hits,
		&p.Misses, &p.Occurrences, &first, &opened, &last, &resolved, &paged, &notified, &suppressed)
	if err := row.Scan(dest...); err != nil {
		return p, fmt.Errorf("problems: %w", err)
	}
	p.Severity, p.PagedSeverity, p.SuppressedBy = checks.Severity(sev), checks.Severity(paged.String), suppressed.String
	var err error
	if p.FirstSeen, err = parseTime(first); err != nil {
		return p, err
	}
	if p.LastSeen, err = parseTime(last); err != nil {
		return p, err
	}
	for _, t := range []struct {
		into *time.Time
		from sql.NullString
	}{{&p.Opened, opened}, {&p.Resolved, resolved}, {&p.LastNotified, notified}} {
		if *t.into, err = readTime(t.from); err != nil {
			return p, err
		}
	}
	if details.Valid {
		if err := json.Unmarshal([]byte(details.String), &p.Details); err != nil {
			return p, fmt.Errorf("problem details: %w", err)
		}
	}
	return p, nil
}

// LiveProblems returns every pending and open problem.
func (s *Store) LiveProblems(ctx context.Context) ([]Problem, error) {
	return s.problems(ctx, `WHERE state != 'resolved' ORDER BY id`)
}

// OpenProblems returns the open problems, most severe and oldest first.
func (s *Store) OpenProblems(ctx context.Context) ([]Problem, error) {
	return s.problems(ctx, `WHERE state = 'open' ORDER BY severity = 'critical' DESC, opened_at, id`)
}

func (s *Store) problems(ctx context.Context, where string, args ...any) ([]Problem, error) {
	rows, err := s.query(ctx, `SELECT `+columns("")+` FROM problems `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("problems: %w", err)
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		p, err := scanProblem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Notification is a queued notification with its problem.
type Notification struct {
	ID int64
	// UID identifies it to its receiver, the same at every attempt.
	UID      string
	Receiver string
	Kind     string
	Batch    int64
	Attempts int
	// Created is when it was queued.
	Created time.Time
	Problem Problem
}

// DueNotifications returns a receiver's pending notifications due by now,
// oldest first.
func (s *Store) DueNotifications(ctx context.Context, receiver string, now time.Time, limit int) ([]Notification, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT n.id, n.uid, n.receiver, n.kind, n.batch, n.attempts, n.created_at, `+columns("p.")+`
		FROM notifications n JOIN problems p ON p.id = n.problem_id
		WHERE n.state = 'pending' AND n.receiver = ? AND n.next_try_at <= ? ORDER BY n.id LIMIT ?`,
		receiver, formatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var created string
		if n.Problem, err = scanProblem(rows, &n.ID, &n.UID, &n.Receiver, &n.Kind, &n.Batch, &n.Attempts, &created); err != nil {
			return nil, err
		}
		if n.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// NotificationSent marks notifications sent.
func (s *Store) NotificationSent(ctx context.Context, ids []int64, at time.Time) error {
	return s.updateNotifications(ctx, ids, `UPDATE notifications SET state = 'sent', attempts = attempts + 1,
		sent_at = ?, last_error = NULL WHERE id = ?`, formatTime(at))
}

// NotificationFailed records a failed attempt: to be tried again at retry,
// or for good when retry is zero. maybeDelivered says that the attempt
// sent its request and got no answer: the receiver may have it.
func (s *Store) NotificationFailed(ctx context.Context, ids []int64, why string, retry time.Time, maybeDelivered bool) error {
	if retry.IsZero() {
		return s.updateNotifications(ctx, ids, `UPDATE notifications SET state = 'failed', attempts = attempts + 1,
			last_error = ?, maybe_delivered = maybe_delivered OR ? WHERE id = ?`, why, maybeDelivered)
	}
	return s.updateNotifications(ctx, ids, `UPDATE notifications SET attempts = attempts + 1, last_error = ?,
		next_try_at = ?, maybe_delivered = maybe_delivered OR ? WHERE id = ?`, why, formatTime(retry), maybeDelivered)
}

func (s *Store) updateNotifications(ctx context.Context, ids []int64, q string, args ...any) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("notifications: %w", err)
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, q, append(args, id)...); err != nil {
			return fmt.Errorf("notifications: %w", err)
		}
	}
	return tx.Commit()
}
