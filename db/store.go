// Package db keeps tidewatch's history in SQLite: every run, its findings
// and its health, in a schema meant to be read with the sqlite3 shell.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tidewatch/internal/pidlock"
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

	prepared map[string]*sql.Stmt // on w, by query: written once, before open is set
	// reads are the queries every run makes (the live problems, the
	// active silences), prepared once on r by query: parsing them again
	// at every run was a sixth of the daemon's CPU for a change.
	reads sync.Map

	// open is set once the database is created, migrated and prepared;
	// until then (OpenWhenWritable) mu guards the tries to get there.
	open    atomic.Bool
	mu      sync.Mutex
	tried   time.Time
	openErr error

	closeOnce sync.Once
	closeErr  error

	// exclusive stores hold lock (see OpenWhenWritable).
	exclusive bool
	lock      *pidlock.Lock
}

// writeTx is a write transaction whose statements are prepared once per
// store: preparing them anew at every run was a fifth of a run's write.
type writeTx struct {
	*sql.Tx
	s *Store
}

func (s *Store) begin(ctx context.Context) (writeTx, error) {
	if err := s.writable(); err != nil {
		return writeTx{}, err
	}
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

// query runs a read through the statement prepared for it on first use.
// Only queries of a bounded set of texts may come here (no values in the
// text).
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st, ok := s.reads.Load(q); ok {
		return st.(*sql.Stmt).QueryContext(ctx, args...)
	}
	st, err := s.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.reads.LoadOrStore(q, st); loaded {
		st.Close()
		st = prev.(*sql.Stmt)
	}
	return st.QueryContext(ctx, args...)
}

// checkpointEvery bounds how much WAL accumulates between checkpoints.
const checkpointEvery = 10 * time.Second

// walSizeLimit is the WAL's size in the normal course: SQLite truncates
// the WAL to it when it starts the WAL over after a complete checkpoint
// (journal_size_limit), and a WAL found larger (a reader kept it from
// being checkpointed) is truncated to nothing as soon as readers allow.
const walSizeLimit = 4 << 20

// walWarnSize is a WAL size worth a warning: something (a reader that
// stays open, such as a sqlite3 shell in a transaction) keeps it from
// being checkpointed.
const walWarnSize = 64 << 20

// dsn builds a modernc.org/sqlite DSN. The "file:" form is what makes URI
// parameters such as mode=ro work at all. busy is how long a statement
// waits for a lock another connection holds.
func dsn(path string, busy time.Duration, params ...string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	params = append(params,
		fmt.Sprintf("_pragma=busy_timeout(%d)", busy.Milliseconds()),
		"_pragma=foreign_keys(1)",
	)
	return "file:" + esc + "?" + strings.Join(params, "&")
}

// busyTimeout is how long a statement waits for another writer (the
// sqlite3 shell, tidewatch check) before it fails as busy.
const busyTimeout = 10 * time.Second

// Open opens (creating it, mode 0600) the database at path for writing and
// brings its schema up to date.
func Open(path string, log *slog.Logger) (*Store, error) {
	s := newStore(path, log)
	if err := s.setup(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenWhenWritable is Open for the daemon: a database that cannot be
// written for a cause that can pass without a new tidewatch (a read-only
// filesystem, a full disk, a permission) is not an error but a store whose
// writes fail with that cause, each trying to open it again at most every
// reopenEvery, so that checks go on and are logged until history can be
// written. Any other error (not a database, a newer schema) is returned.
//
// The store holds the database for itself: a lock file beside it
// (path.lock, naming the holder's pid) keeps a second daemon from running
// on it; that daemon's error names the first's pid.
func OpenWhenWritable(path string, log *slog.Logger) (*Store, error) {
	s := newStore(path, log)
	s.exclusive = true
	err := s.setup()
	switch {
	case err == nil:
	case canPass(err):
		s.tried, s.openErr = time.Now(), err
		log.Error("the history database cannot be written: runs are checked and logged, not recorded, until it can", "err", err)
	default:
		s.Close()
		return nil, err
	}
	return s, nil
}

// reopenEvery is how often a store that could not open its database tries
// again.
const reopenEvery = 10 * time.Second

func newStore(path string, log *slog.Logger) *Store {
	// sql.Open only validates its arguments; these cannot fail here.
	w, _ := sql.Open("sqlite", dsn(path, busyTimeout, "_txlock=immediate", "_pragma=journal_mode(WAL)", "_pragma=synchronous(NORMAL)",
		"_pragma=wal_autocheckpoint(0)", fmt.Sprintf("_pragma=journal_size_limit(%d)", walSizeLimit)))
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, _ := sql.Open("sqlite", dsn(path, busyTimeout, "mode=ro"))
	r.SetMaxOpenConns(4)
	// The checkpointer never waits: a checkpoint that would have to wait
	// for a reader or the writer does what it can without them.
	ckpt, _ := sql.Open("sqlite", dsn(path, 0))
	ckpt.SetMaxOpenConns(1)
	s := &Store{path: path, w: w, r: r, ckpt: ckpt, log: log.With("component", "db"), stop: make(chan struct{}), done: make(chan struct{})}
	go s.checkpoints()
	return s
}

// setup creates the database, migrates it and prepares the statements of
// every run.
func (s *Store) setup() error {
	// Created here, so that it is private. Only when it does not exist: a
	// retry comes after SQLite opened it, and closing another descriptor
	// of the file would drop SQLite's locks.
	if _, err := os.Stat(s.path); errors.Is(err, fs.ErrNotExist) {
		f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return fmt.Errorf("database %s: %w", s.path, err)
		}
		f.Close()
	}
	if s.exclusive && s.lock == nil {
		l, err := pidlock.Acquire(s.path + ".lock")
		var held *pidlock.HeldError
		if errors.As(err, &held) {
			return fmt.Errorf("database %s: %w: one tidewatch run per database (tidewatch check may run beside it)", s.path, err)
		}
		if err != nil {
			return fmt.Errorf("database %s: %w", s.path, err)
		}
		s.lock = l
	}
	if err := s.migrate(); err != nil {
		return fmt.Errorf("database %s: %w", s.path, err)
	}
	prepared := map[string]*sql.Stmt{}
	for _, q := range everyRun {
		st, err := s.w.Prepare(q)
		if err != nil {
			for _, st := range prepared {
				st.Close()
			}
			return fmt.Errorf("database %s: %w", s.path, err)
		}
		prepared[q] = st
	}
	s.prepared = prepared
	s.open.Store(true)
	return nil
}

// writable is nil once the database is open, trying to open it if it is
// not (at most every reopenEvery; in between, the last cause).
func (s *Store) writable() error {
	if s.open.Load() {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open.Load() {
		return nil
	}
	if time.Since(s.tried) < reopenEvery {
		return s.openErr
	}
	s.tried = time.Now()
	if s.openErr = s.setup(); s.openErr != nil {
		return s.openErr
	}
	s.log.Info("the history database is written again", "path", s.path)
	return nil
}

// canPass reports whether a failure to open the database is one that can
// pass while tidewatch runs: the filesystem or its space or permissions,
// not the database itself.
func canPass(err error) bool {
	for _, e := range []error{syscall.EROFS, syscall.ENOSPC, syscall.EDQUOT, fs.ErrPermission} {
		if errors.Is(err, e) {
			return true
		}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_IOERR:
			return true
		}
	}
	return false
}

// Transient reports whether a failed write can succeed later: the
// database was locked by another writer (or busy past the try's
// deadline), or cannot be written for a cause that can pass (a full disk,
// a read-only filesystem, a permission).
func Transient(err error) bool {
	if canPass(err) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

func (s *Store) checkpoints() {
	defer close(s.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	held := false // a reader keeps a large WAL: warned once
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			if !s.open.Load() {
				continue
			}
			size, err := s.WALSize()
			if err != nil {
				s.log.Warn("database checkpoint: the WAL's size is unknown", "path", s.path, "err", err)
				continue
			}
			// PASSIVE never waits for the writer or readers, so a job's
			// write is never held up by it; it is enough while the WAL
			// stays small, since SQLite then starts it over within its
			// limit. A larger one is truncated: TRUNCATE blocks writers
			// for as long as the copy takes, and, with no busy wait on
			// this connection, does what PASSIVE does while a reader
			// still needs the WAL.
			mode := "PASSIVE"
			if size > walSizeLimit {
				mode = "TRUNCATE"
			}
			var busy, frames, done int
			if err := s.ckpt.QueryRow("PRAGMA wal_checkpoint("+mode+")").Scan(&busy, &frames, &done); err != nil {
				s.log.Warn("database checkpoint failed", "path", s.path, "mode", mode, "err", err)
				continue
			}
			switch {
			case busy != 0 && size > walWarnSize && !held:
				held = true
				s.log.Warn("the database's WAL keeps growing: a reader (a sqlite3 shell in a transaction?) keeps it from being checkpointed",
					"path", s.path, "wal_bytes", size)
			case busy == 0 && held:
				held = false
				s.log.Info("the database's WAL is checkpointed again", "path", s.path, "wal_bytes_before", size)
			}
		}
	}
}

// WALSize is the size of the write-ahead log, 0 when there is none. (A
// stat, not an open: closing another descriptor of the database's files
// would drop SQLite's locks.)
func (s *Store) WALSize() (int64, error) {
	st, err := os.Stat(s.path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// OpenReadOnly opens an existing database for reading only, as status and
// report do: they never change history and never create a database.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, busyTimeout, "mode=ro"))
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
		if step := migrationSteps[i+1]; step != nil {
			if err := step(tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
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

// Close closes the database; closing it again does nothing and returns
// the first close's error.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.close() })
	return s.closeErr
}

func (s *Store) close() error {
	var errs []error
	if s.w != nil {
		close(s.stop)
		<-s.done
		errs = append(errs, s.ckpt.Close())
	}
	s.reads.Range(func(_, st any) bool {
		errs = append(errs, st.(*sql.Stmt).Close())
		return true
	})
	errs = append(errs, s.r.Close())
	for _, st := range s.prepared {
		errs = append(errs, st.Close())
	}
	if s.w != nil {
		// The last connection to close checkpoints the WAL into the
		// database file and removes it.
		errs = append(errs, s.w.Close())
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Release())
	}
	return errors.Join(errs...)
}
