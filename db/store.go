// Package db keeps tidewatch's history in SQLite: every run, its findings
// and its health, in a schema meant to be read with the sqlite3 shell.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// TimeFormat is how times are stored: UTC text in SQLite's own datetime
// format, so that people can read them and compare them with
// datetime('now', '-1 day') in plain SQL.
const TimeFormat = "2006-01-02 15:04:05.000"

func formatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.ParseInLocation(TimeFormat, s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// Store is the history database: one writer connection (SQLite allows one
// writer at a time; queuing in Go beats busy-waiting in SQLite) and a pool
// of read-only connections.
type Store struct {
	path string
	w    *sql.DB // nil for a read-only store
	r    *sql.DB
	log  *slog.Logger
	// ckpt checkpoints the WAL in the background. With SQLite's automatic
	// checkpoint, one commit in a hundred paid for copying the WAL back and
	// its fsync (a run's write went from 0.2 ms to 4 ms at p99).
	ckpt *sql.DB
	stop chan struct{}
	done chan struct{}

	prepared map[string]*sql.Stmt // on w, by query: written at Open only
}

// writeTx is a write transaction whose statements are prepared once per
// store: preparing them anew at every run was a fifth of a run's write.
type writeTx struct {
	*sql.Tx
	s *Store
}

func (s *Store) begin(ctx context.Context) (writeTx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	return writeTx{tx, s}, err
}

// everyRun are the statements of every run's write, prepared at Open (the
// writer's one connection is the transaction's while it lasts, so they
// cannot be prepared later).
var everyRun = []string{insertRun, insertFinding, insertHealth, upsertJobStats, upsertHourlyJob, insertBridgeSample, upsertBridgeOutput}

// exec runs a prepared statement of every run, or else query as it is.
func (tx writeTx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st, ok := tx.s.prepared[query]; ok {
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// checkpointEvery bounds how much WAL accumulates between checkpoints.
const checkpointEvery = 10 * time.Second

// dsn builds a modernc.org/sqlite DSN. The "file:" form is what makes URI
// parameters such as mode=ro work at all.
func dsn(path string, params ...string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	params = append(params,
		"_pragma=busy_timeout(10000)",
		"_pragma=foreign_keys(1)",
	)
	return "file:" + esc + "?" + strings.Join(params, "&")
}

// Open opens (creating it, mode 0600) the database at path for writing and
// brings its schema up to date.
func Open(path string, log *slog.Logger) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	f.Close() // before SQLite opens it: closing it later would drop SQLite's locks
	w, err := sql.Open("sqlite", dsn(path, "_txlock=immediate", "_pragma=journal_mode(WAL)", "_pragma=synchronous(NORMAL)", "_pragma=wal_autocheckpoint(0)"))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: path, w: w, log: log, stop: make(chan struct{}), done: make(chan struct{}), prepared: map[string]*sql.Stmt{}}
	if err := s.migrate(); err != nil {
		w.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	for _, q := range everyRun {
		st, err := w.Prepare(q)
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
		s.prepared[q] = st
	}
	// sql.Open only validates its arguments; these cannot fail here.
	s.r, _ = sql.Open("sqlite", dsn(path, "mode=ro"))
	s.r.SetMaxOpenConns(4)
	s.ckpt, _ = sql.Open("sqlite", dsn(path))
	s.ckpt.SetMaxOpenConns(1)
	go s.checkpoints()
	return s, nil
}

func (s *Store) checkpoints() {
	defer close(s.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			// PASSIVE never waits for the writer or readers, so a job's
			// write is never held up by it.
			if _, err := s.ckpt.Exec("PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
				s.log.Warn("database checkpoint failed", "path", s.path, "err", err)
			}
		}
	}
}

// OpenReadOnly opens an existing database for reading only, as status and
// report do: they never change history and never create a database.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, "mode=ro"))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	s := &Store{path: path, r: r}
	var version int
	if err := r.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		r.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if version != len(migrations) {
		r.Close()
		return nil, fmt.Errorf("database %s: schema version %d, this tidewatch reads %d (let `tidewatch run` or `check` upgrade it)", path, version, len(migrations))
	}
	return s, nil
}

func (s *Store) migrate() error {
	var version int
	if err := s.w.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this tidewatch (%d)", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		tx, err := s.w.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

func (s *Store) Close() error {
	var errs []error
	if s.w != nil {
		close(s.stop)
		<-s.done
		errs = append(errs, s.ckpt.Close())
	}
	errs = append(errs, s.r.Close())
	for _, st := range s.prepared {
		errs = append(errs, st.Close())
	}
	if s.w != nil {
		// The last connection to close checkpoints the WAL into the
		// database file and removes it.
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}
