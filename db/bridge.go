package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"tidewatch/checks"
	"tidewatch/supervise"
)

// WriteBridgeEvent records one step of the bridge's life.
func (s *Store) WriteBridgeEvent(ctx context.Context, e supervise.Event) error {
	if err := s.writable(); err != nil {
		return fmt.Errorf("record bridge %s event: %w", e.Kind, err)
	}
	var output any
	if len(e.Output) > 0 {
		output = jsonText(e.Output)
	}
	var delay any
	if e.Delay > 0 {
		delay = float64(e.Delay.Microseconds()) / 1000
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO bridge_events (at, kind, pid, exit_code, signal, reason, output,
		attempt, max_attempts, delay_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(e.At), string(e.Kind), positive(e.PID), e.ExitCode, nullString(e.Signal), nullString(e.Reason), output,
		positive(e.Attempt), positive(e.MaxAttempts), delay)
	if err != nil {
		return fmt.Errorf("record bridge %s event: %w", e.Kind, err)
	}
	return nil
}

// positive is n, or NULL for none.
func positive(n int) any {
	if n > 0 {
		return n
	}
	return nil
}

const eventColumns = `SELECT at, kind, coalesce(pid, 0), exit_code, coalesce(signal, ''),
	coalesce(reason, ''), output, coalesce(attempt, 0), coalesce(max_attempts, 0), coalesce(delay_ms, 0) FROM bridge_events `

// BridgeEvents returns the events of [since, until), oldest first, of the
// given kinds (all when none are given).
func (s *Store) BridgeEvents(ctx context.Context, since, until time.Time, kinds ...supervise.EventKind) ([]supervise.Event, error) {
	kindList, _ := json.Marshal(kinds)
	return s.events(ctx, `WHERE at >= ? AND at < ? AND (? = 0 OR kind IN (SELECT value FROM json_each(?)))
		ORDER BY at, id`, formatTime(since), formatTime(until), len(kinds), string(kindList))
}

// Restarts summarises the bridge's restarts in [since, until).
type Restarts struct {
	Total int
	// Reasons counts them by reason ("crash: exit status 1", "restart: scan
	// #4 is 90s old"), most frequent first.
	Reasons []ReasonCount
	// Times are the newest ones', oldest first.
	Times []time.Time
}

// ReasonCount is how often a reason came up.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// BridgeRestarts summarises the restarts of [since, until), with at most
// maxReasons reasons and maxTimes times.
func (s *Store) BridgeRestarts(ctx context.Context, since, until time.Time, maxReasons, maxTimes int) (Restarts, error) {
	var out Restarts
	from, to := formatTime(since), formatTime(until)
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM bridge_events WHERE kind = 'restart' AND at >= ? AND at < ?`,
		from, to).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("bridge restarts: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT coalesce(reason, '') AS why, count(*) FROM bridge_events
		WHERE kind = 'restart' AND at >= ? AND at < ? GROUP BY why ORDER BY count(*) DESC, why LIMIT ?`, from, to, maxReasons)
	if err != nil {
		return out, fmt.Errorf("bridge restarts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rc ReasonCount
		if err := rows.Scan(&rc.Reason, &rc.Count); err != nil {
			return out, fmt.Errorf("bridge restarts: %w", err)
		}
		out.Reasons = append(out.Reasons, rc)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("bridge restarts: %w", err)
	}
	times, err := s.r.QueryContext(ctx, `SELECT at FROM (SELECT at, id FROM bridge_events
		WHERE kind = 'restart' AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id`, from, to, maxTimes)
	if err != nil {
		return out, fmt.Errorf("bridge restarts: %w", err)
	}
	defer times.Close()
	for times.Next() {
		var at string
		if err := times.Scan(&at); err != nil {
			return out, fmt.Errorf("bridge restarts: %w", err)
		}
		t, err := parseTime(at)
		if err != nil {
			return out, err
		}
		out.Times = append(out.Times, t)
	}
	return out, times.Err()
}

// LastBridgeExit is the newest exit event, or nil.
func (s *Store) LastBridgeExit(ctx context.Context) (*supervise.Event, error) {
	evs, err := s.events(ctx, `WHERE kind = 'exit' ORDER BY at DESC, id DESC LIMIT 1`)
	if err != nil || len(evs) == 0 {
		return nil, err
	}
	return &evs[0], nil
}

func (s *Store) events(ctx context.Context, where string, args ...any) ([]supervise.Event, error) {
	rows, err := s.r.QueryContext(ctx, eventColumns+where, args...)
	if err != nil {
		return nil, fmt.Errorf("bridge events: %w", err)
	}
	defer rows.Close()
	var out []supervise.Event
	for rows.Next() {
		var e supervise.Event
		var at string
		var code sql.NullInt64
		var output sql.NullString
		var delayMS float64
		if err := rows.Scan(&at, &e.Kind, &e.PID, &code, &e.Signal, &e.Reason, &output, &e.Attempt, &e.MaxAttempts, &delayMS); err != nil {
			return nil, fmt.Errorf("bridge events: %w", err)
		}
		e.Delay = time.Duration(math.Round(delayMS*1000)) * time.Microsecond
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		if code.Valid {
			c := int(code.Int64)
			e.ExitCode = &c
		}
		if err := decodeList(output, &e.Output); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func writeBridgeSample(ctx context.Context, tx writeTx, runID int64, at string, b *checks.BridgeSample) error {
	var pid any
	if b.PID > 0 {
		pid = b.PID
	}
	if _, err := tx.exec(ctx, insertBridgeSample,
		runID, b.State, pid, b.UptimeS, b.DataAgeS, b.ScanNumber, b.Assets, b.Restarts, b.ScansPerMinute); err != nil {
		return err
	}
	if len(b.Lines) == 0 {
		return nil
	}
	_, err := tx.exec(ctx, upsertBridgeOutput, at, jsonText(b.Lines))
	return err
}

func readBridgeSample(ctx context.Context, r *sql.DB, runID int64) (*checks.BridgeSample, error) {
	var b checks.BridgeSample
	var pid sql.NullInt64
	err := r.QueryRowContext(ctx, `SELECT state, pid, uptime_s, data_age_s, scan_number, asset_count, restarts,
		scans_per_minute FROM bridge_samples WHERE run_id = ?`, runID).Scan(&b.State, &pid, &b.UptimeS, &b.DataAgeS,
		&b.ScanNumber, &b.Assets, &b.Restarts, &b.ScansPerMinute)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("bridge sample: %w", err)
	}
	b.PID = int(pid.Int64)
	var lines sql.NullString
	err = r.QueryRowContext(ctx, `SELECT lines FROM bridge_output WHERE id = 1`).Scan(&lines)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("bridge output: %w", err)
	}
	if err := decodeList(lines, &b.Lines); err != nil {
		return nil, err
	}
	return &b, nil
}

const (
	insertBridgeSample = `INSERT INTO bridge_samples (run_id, state, pid, uptime_s, data_age_s,
		scan_number, asset_count, restarts, scans_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	upsertBridgeOutput = `INSERT INTO bridge_output (id, at, lines) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET at = excluded.at, lines = excluded.lines`
)
