package db

import (
	"database/sql"
	"regexp"
	"strconv"
	"time"
)

// SchemaVersion is the PRAGMA user_version of an up-to-date database.
var SchemaVersion = len(migrations)

// migrations are applied in order; PRAGMA user_version counts how many a
// database has had. Never edit one that has shipped: add another.
var migrations = []string{
	// 1: runs, their findings and health, and lifetime counters.
	`
CREATE TABLE runs (
	id          INTEGER PRIMARY KEY,
	job         TEXT    NOT NULL,
	started_at  TEXT    NOT NULL, -- UTC, 'YYYY-MM-DD HH:MM:SS.SSS': compares with datetime('now', ...)
	finished_at TEXT    NOT NULL,
	duration_ms REAL    NOT NULL,
	status      TEXT    NOT NULL CHECK (status IN ('healthy', 'degraded', 'critical', 'error')),
	error       TEXT              -- why the check could not run, for status 'error'
);
CREATE INDEX runs_by_job_time ON runs (job, started_at);
CREATE INDEX runs_by_time ON runs (started_at);

CREATE TABLE findings (
	id          INTEGER PRIMARY KEY,
	run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	job         TEXT    NOT NULL,
	observed_at TEXT    NOT NULL, -- the run's started_at
	severity    TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
	category    TEXT    NOT NULL,
	indicator   TEXT,
	message     TEXT    NOT NULL,
	details     TEXT,             -- JSON
	thresholds  TEXT              -- JSON: the limits this finding was judged by
);
CREATE INDEX findings_by_run ON findings (run_id);
CREATE INDEX findings_by_time ON findings (observed_at);
CREATE INDEX findings_by_indicator ON findings (indicator, observed_at) WHERE indicator IS NOT NULL;

-- The seed monitor's HealthStatus, one row per run. NULL: not observed by that job.
CREATE TABLE health (
	run_id                INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
	overall               TEXT    NOT NULL CHECK (overall IN ('healthy', 'degraded', 'critical')),
	hazelcast_connected   INTEGER NOT NULL, -- 0 or 1
	persistence_connected INTEGER,
	indicators_present    INTEGER,
	indicators_expected   INTEGER,
	acb_ready             INTEGER,
	missing_count         INTEGER,
	missing_critical      TEXT,             -- JSON array
	stale_count           INTEGER,
	stale_indicators      TEXT,             -- JSON array
	max_staleness_s       REAL,
	record_age_s          REAL,
	scan_number           INTEGER,
	scan_age_s            REAL,
	key_difference        INTEGER,
	disk_lag_s            REAL,
	snapshot_path         TEXT,
	alerts_active         INTEGER NOT NULL  -- findings of warning or critical severity
);

-- Lifetime counters per job, kept as runs are written: pruning never resets them.
CREATE TABLE job_stats (
	job          TEXT PRIMARY KEY,
	runs         INTEGER NOT NULL,
	healthy      INTEGER NOT NULL,
	degraded     INTEGER NOT NULL,
	critical     INTEGER NOT NULL,
	errors       INTEGER NOT NULL,
	findings     INTEGER NOT NULL,
	first_run_at TEXT    NOT NULL,
	last_run_at  TEXT    NOT NULL
);
`,
	// 2: the bridge supervisor's history.
	`
-- Every step of the bridge's life: start, ready, exit, restart (with its
-- reason), cooldown, failed, stop, leftover (a bridge left behind by an
-- earlier tidewatch, stopped), poisoned (a file that killed the bridge).
CREATE TABLE bridge_events (
	id        INTEGER PRIMARY KEY,
	at        TEXT    NOT NULL,
	kind      TEXT    NOT NULL,
	pid       INTEGER,
	exit_code INTEGER,
	signal    TEXT,
	reason    TEXT,
	output    TEXT              -- the bridge's last lines, on exits
);
CREATE INDEX bridge_events_by_time ON bridge_events (at);

-- One row per run of the bridge job (its health check).
CREATE TABLE bridge_samples (
	run_id            INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
	state             TEXT    NOT NULL, -- stopped, starting, running, backoff, stopping, cooldown, failed
	pid               INTEGER,
	uptime_s          REAL,
	data_age_s        REAL,
	scan_number       INTEGER,
	asset_count       INTEGER,
	restarts          INTEGER NOT NULL,  -- since tidewatch started
	scans_per_minute  REAL
);

-- The bridge's latest output, replaced at every health check.
CREATE TABLE bridge_output (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	at    TEXT NOT NULL,
	lines TEXT NOT NULL             -- JSON array, oldest first
);
`,
	// 3: what long ranges are read from: health changes, hourly rollups,
	// and views for the common questions.
	`
-- From each row on, the job (or 'overall', the health across the latest
-- run of every job) has that status until the next row. Availability and
-- incidents over any range come from here.
CREATE TABLE health_changes (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	job    TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('healthy', 'degraded', 'critical', 'error', 'unknown'))
);
CREATE INDEX health_changes_by_job_time ON health_changes (job, at);

-- One row per job and hour, kept as runs are written.
CREATE TABLE hourly_jobs (
	job                TEXT    NOT NULL,
	hour               TEXT    NOT NULL, -- 'YYYY-MM-DD HH:00:00'
	runs               INTEGER NOT NULL,
	healthy            INTEGER NOT NULL,
	degraded           INTEGER NOT NULL,
	critical           INTEGER NOT NULL,
	errors             INTEGER NOT NULL,
	findings           INTEGER NOT NULL,
	total_ms           REAL    NOT NULL,
	max_ms             REAL    NOT NULL,
	hazelcast_down     INTEGER NOT NULL, -- runs that could not reach Hazelcast
	max_staleness_s    REAL,
	max_record_age_s   REAL,
	max_key_difference INTEGER,
	max_disk_lag_s     REAL,
	min_scan_number    INTEGER,
	max_scan_number    INTEGER,
	max_scan_age_s     REAL,
	-- scan data age, counted in buckets: the percentiles of long ranges
	scan_age_le_1      INTEGER NOT NULL DEFAULT 0,
	scan_age_le_5      INTEGER NOT NULL DEFAULT 0,
	scan_age_le_15     INTEGER NOT NULL DEFAULT 0,
	scan_age_le_30     INTEGER NOT NULL DEFAULT 0,
	scan_age_le_60     INTEGER NOT NULL DEFAULT 0,
	scan_age_le_120    INTEGER NOT NULL DEFAULT 0,
	scan_age_gt_120    INTEGER NOT NULL DEFAULT 0,
	bridge_checks      INTEGER NOT NULL DEFAULT 0,
	bridge_up          INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (job, hour)
) WITHOUT ROWID;
CREATE INDEX hourly_jobs_by_hour ON hourly_jobs (hour);

-- Findings counted per hour, job, severity, category, indicator ('' for
-- none) and reason (for missing values why: absent, NaN, Infinity,
-- non-numeric; the category otherwise).
CREATE TABLE hourly_findings (
	hour      TEXT    NOT NULL,
	job       TEXT    NOT NULL,
	severity  TEXT    NOT NULL,
	category  TEXT    NOT NULL,
	indicator TEXT    NOT NULL,
	reason    TEXT    NOT NULL,
	findings  INTEGER NOT NULL,
	PRIMARY KEY (hour, job, severity, category, indicator, reason)
) WITHOUT ROWID;

-- Each indicator's effective staleness, per hour.
CREATE TABLE hourly_staleness (
	indicator TEXT    NOT NULL,
	hour      TEXT    NOT NULL,
	samples   INTEGER NOT NULL,
	total_s   REAL    NOT NULL,
	max_s     REAL    NOT NULL,
	PRIMARY KEY (hour, indicator)
) WITHOUT ROWID;

-- The latest run of each job, with its health.
CREATE VIEW current_health AS
SELECT r.job, r.started_at, r.status, r.error, h.*
FROM runs r JOIN health h ON h.run_id = r.id
WHERE r.id IN (SELECT max(id) FROM runs GROUP BY job);

-- The findings of the latest run of each job that are warnings or worse.
CREATE VIEW open_problems AS
SELECT f.job, f.observed_at, f.severity, f.category, f.indicator, f.message
FROM findings f
WHERE f.run_id IN (SELECT max(id) FROM runs GROUP BY job) AND f.severity IN ('warning', 'critical');

-- Findings of the last 24 hours by indicator and category.
CREATE VIEW findings_24h_by_indicator AS
SELECT indicator, category, count(*) AS findings, max(observed_at) AS last_seen
FROM findings
WHERE indicator IS NOT NULL AND observed_at > datetime('now', '-1 day')
GROUP BY indicator, category;

-- Every restart of the bridge, with its reason.
CREATE VIEW bridge_restarts AS
SELECT at, pid, reason FROM bridge_events WHERE kind = 'restart';

-- Share of runs per job and hour by status.
CREATE VIEW hourly_availability AS
SELECT job, hour, runs,
       round(100.0 * healthy / runs, 2)  AS healthy_pct,
       round(100.0 * degraded / runs, 2) AS degraded_pct,
       round(100.0 * (critical + errors) / runs, 2) AS critical_pct
FROM hourly_jobs;

-- The same per day.
CREATE VIEW daily_jobs AS
SELECT job, substr(hour, 1, 10) AS day, sum(runs) AS runs, sum(healthy) AS healthy, sum(degraded) AS degraded,
       sum(critical) AS critical, sum(errors) AS errors, sum(findings) AS findings,
       max(max_ms) AS max_ms, sum(hazelcast_down) AS hazelcast_down
FROM hourly_jobs GROUP BY job, day;

CREATE VIEW daily_findings AS
SELECT substr(hour, 1, 10) AS day, job, severity, category, indicator, reason, sum(findings) AS findings
FROM hourly_findings GROUP BY day, job, severity, category, indicator, reason;
`,
	// 4: problems and the notifications about them (an outbox).
	`
-- A problem is a finding (warning or worse) that keeps coming back: it is
-- identified by job, category and indicator, opens after a number of runs
-- in a row report it, and resolves after a number of runs without it.
CREATE TABLE problems (
	id               INTEGER PRIMARY KEY,
	job              TEXT    NOT NULL,
	category         TEXT    NOT NULL,
	indicator        TEXT    NOT NULL DEFAULT '',
	state            TEXT    NOT NULL CHECK (state IN ('pending', 'open', 'resolved')),
	severity         TEXT    NOT NULL,
	message          TEXT    NOT NULL,
	details          TEXT,
	hits             INTEGER NOT NULL, -- runs in a row that reported it
	misses           INTEGER NOT NULL, -- runs in a row that did not
	occurrences      INTEGER NOT NULL, -- runs that reported it, in all
	first_seen_at    TEXT    NOT NULL,
	opened_at        TEXT,
	last_seen_at     TEXT    NOT NULL,
	resolved_at      TEXT,
	paged_severity   TEXT,             -- the severity its last trigger went out with; NULL: never paged
	last_notified_at TEXT,
	suppressed_by    TEXT              -- the problem that explains it, while one does: it does not page
);
CREATE UNIQUE INDEX problems_live ON problems (job, category, indicator) WHERE state != 'resolved';
CREATE INDEX problems_by_resolved ON problems (resolved_at) WHERE state = 'resolved';

-- The outbox: every notification is written here, in the transaction of the
-- run that caused it, and sent from here.
CREATE TABLE notifications (
	id          INTEGER PRIMARY KEY,
	problem_id  INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
	receiver    TEXT    NOT NULL,
	kind        TEXT    NOT NULL CHECK (kind IN ('trigger', 'repeat', 'resolve')),
	batch       INTEGER NOT NULL, -- one message per receiver and batch (the run that queued them)
	state       TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
	attempts    INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT    NOT NULL,
	next_try_at TEXT    NOT NULL,
	sent_at     TEXT,
	last_error  TEXT
);
CREATE INDEX notifications_due ON notifications (receiver, next_try_at) WHERE state = 'pending';
CREATE INDEX notifications_by_problem ON notifications (problem_id);

DROP VIEW open_problems;
-- The problems open now.
CREATE VIEW open_problems AS
SELECT job, category, indicator, severity, opened_at, last_seen_at, occurrences, message,
       suppressed_by, paged_severity IS NOT NULL AS paged
FROM problems WHERE state = 'open';
`,
	// 5: what receivers de-duplicate on, and what may have been delivered.
	`
-- uid identifies a notification to its receiver, the same at every attempt
-- and across restarts: a receiver that got it twice can tell.
ALTER TABLE notifications ADD COLUMN uid TEXT;
UPDATE notifications SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX notifications_by_uid ON notifications (uid);
-- 1 once an attempt got no answer after its request was sent (a timeout,
-- a cut connection): the receiver may have it even if state says failed.
ALTER TABLE notifications ADD COLUMN maybe_delivered INTEGER NOT NULL DEFAULT 0;
`,
	// 6: when tidewatch first saw each record's current bytes, so that a
	// record's age (how long it has not changed) survives a restart.
	`
CREATE TABLE observations (
	map           TEXT NOT NULL,
	key           TEXT NOT NULL,
	hash          TEXT NOT NULL, -- SHA-256 of the value's bytes, hex
	first_seen_at TEXT NOT NULL, -- when tidewatch first saw these bytes, UTC
	PRIMARY KEY (map, key)
) WITHOUT ROWID;
`,
	// 7: a bridge event's fields are columns: a restart's attempt, its
	// budget and its delay are no longer words in its reason (old rows are
	// split by splitBridgeReasons).
	`
-- restart: its place in the budget of attempts; NULL for a restart
-- tidewatch ordered (a stuck bridge), which spends none.
ALTER TABLE bridge_events ADD COLUMN attempt INTEGER;
-- restart, cooldown: the budget of attempts.
ALTER TABLE bridge_events ADD COLUMN max_attempts INTEGER;
-- restart: the wait before it; cooldown: the wait before the next try.
ALTER TABLE bridge_events ADD COLUMN delay_ms REAL;

DROP VIEW bridge_restarts;
-- Every restart of the bridge, with its reason.
CREATE VIEW bridge_restarts AS
SELECT at, pid, reason, attempt, max_attempts, delay_ms FROM bridge_events WHERE kind = 'restart';
`,
	// 8: ad-hoc silences (tidewatch silence add), like Alertmanager's.
	`
-- While a silence is in force (starts_at <= now < ends_at), the problems
-- whose fingerprint "job/category/indicator" matches it are recorded but
-- not notified; what was notified before is still resolved. Expiring a
-- silence ends it now; expired silences are pruned with the runs.
CREATE TABLE silences (
	id         INTEGER PRIMARY KEY,
	matcher    TEXT NOT NULL CHECK (matcher != ''), -- "*" stands for anything: "divergence/*", "*/stale/vix"
	starts_at  TEXT NOT NULL,
	ends_at    TEXT NOT NULL,
	created_by TEXT NOT NULL,
	comment    TEXT NOT NULL CHECK (comment != ''),
	created_at TEXT NOT NULL,
	CHECK (ends_at >= starts_at)
);
CREATE INDEX silences_by_end ON silences (ends_at);
`,
	// 9: several instances, one leader (package leader): this instance's
	// takeovers and step-downs; notifications skipped because another
	// instance sent what they say (or they are moot), and what this one
	// sent as a leader, with its epoch, until it is in the shared record.
	`
CREATE TABLE leadership (
	id       INTEGER PRIMARY KEY,
	at       TEXT    NOT NULL,
	kind     TEXT    NOT NULL CHECK (kind IN ('acquired', 'lost', 'stepped down')),
	instance TEXT    NOT NULL, -- this instance
	epoch    INTEGER NOT NULL, -- the tenure's fencing token
	reason   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX leadership_by_time ON leadership (at);

-- A CHECK cannot be altered: the outbox is made again, with its rows.
CREATE TABLE notifications_new (
	id              INTEGER PRIMARY KEY,
	problem_id      INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
	receiver        TEXT    NOT NULL,
	kind            TEXT    NOT NULL CHECK (kind IN ('trigger', 'repeat', 'resolve')),
	batch           INTEGER NOT NULL,
	-- skipped: not sent, because another instance sent what it says, or it
	-- became moot; last_error says which.
	state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT    NOT NULL,
	next_try_at     TEXT    NOT NULL,
	sent_at         TEXT,
	last_error      TEXT,
	uid             TEXT,
	maybe_delivered INTEGER NOT NULL DEFAULT 0,
	-- Sent in a cluster: the sender's epoch and the severity it went out
	-- with; shared is 0 until it is in the shared record (it was sent while
	-- Hazelcast was unreachable).
	epoch           INTEGER,
	severity        TEXT,
	shared          INTEGER NOT NULL DEFAULT 1
);
INSERT INTO notifications_new (id, problem_id, receiver, kind, batch, state, attempts, created_at, next_try_at, sent_at, last_error, uid, maybe_delivered)
SELECT id, problem_id, receiver, kind, batch, state, attempts, created_at, next_try_at, sent_at, last_error, uid, maybe_delivered FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_due ON notifications (receiver, next_try_at) WHERE state = 'pending';
CREATE INDEX notifications_by_problem ON notifications (problem_id);
CREATE UNIQUE INDEX notifications_by_uid ON notifications (uid);
CREATE INDEX notifications_unshared ON notifications (id) WHERE shared = 0;
`,
	// 10: what started a run: its schedule, a change event, a command
	// (tidewatch check), or the gate's fresh look before it reopens. Runs
	// before this migration ran on their schedule.
	`
ALTER TABLE runs ADD COLUMN trigger TEXT NOT NULL DEFAULT 'schedule'
	CHECK (trigger IN ('schedule', 'event', 'manual', 'recheck'));
-- Runs started by change events, among each job's runs, for the hour and
-- for its lifetime.
ALTER TABLE hourly_jobs ADD COLUMN event_runs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_stats ADD COLUMN event_runs INTEGER NOT NULL DEFAULT 0;
`,
}

// migrationSteps run in Go right after the SQL of the migration of that
// number, in its transaction: what SQL cannot say simply.
var migrationSteps = map[int]func(*sql.Tx) error{7: splitBridgeReasons}

// Before migration 7 a restart's reason carried its numbers in words:
// "crash: exit status 1; attempt 2 of 3 in 10s", or "restart: <why>;
// ordered by the supervisor, not counted as a crash"; a cooldown's was
// "3 attempts spent; next try at 2026-11-23T09:46:53Z".
var (
	oldAttempt  = regexp.MustCompile(`^(.*); attempt (\d+) of (\d+)(?: in (\S+))?$`)
	oldOrdered  = regexp.MustCompile(`^(.*); ordered by the supervisor, not counted as a crash$`)
	oldCooldown = regexp.MustCompile(`^(\d+) attempts spent; next try at (\S+)$`)
)

// splitBridgeReasons moves the numbers of the old restart and cooldown
// reasons into their columns, leaving the reason alone: "crash: exit
// status 1". A reason it does not know is left as it is.
func splitBridgeReasons(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, kind, at, reason FROM bridge_events
		WHERE kind IN ('restart', 'cooldown') AND reason IS NOT NULL`)
	if err != nil {
		return err
	}
	type split struct {
		id                   int64
		reason               string
		attempt, maxAttempts any
		delayMS              any
	}
	var splits []split
	for rows.Next() {
		var id int64
		var kind, at, reason string
		if err := rows.Scan(&id, &kind, &at, &reason); err != nil {
			rows.Close()
			return err
		}
		sp := split{id: id, reason: reason}
		if m := oldAttempt.FindStringSubmatch(reason); kind == "restart" && m != nil {
			sp.reason, sp.attempt, sp.maxAttempts = m[1], atoi(m[2]), atoi(m[3])
			if d, err := time.ParseDuration(m[4]); err == nil {
				sp.delayMS = float64(d.Microseconds()) / 1000
			}
		} else if m := oldOrdered.FindStringSubmatch(reason); kind == "restart" && m != nil {
			sp.reason = m[1]
		} else if m := oldCooldown.FindStringSubmatch(reason); kind == "cooldown" && m != nil {
			sp.reason, sp.maxAttempts = "restart attempts spent", atoi(m[1])
			next, err1 := time.Parse(time.RFC3339, m[2])
			from, err2 := parseTime(at)
			if err1 == nil && err2 == nil && next.After(from) {
				sp.delayMS = float64(next.Sub(from).Microseconds()) / 1000
			}
		} else {
			continue
		}
		splits = append(splits, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, sp := range splits {
		if _, err := tx.Exec(`UPDATE bridge_events SET reason = ?, attempt = ?, max_attempts = ?, delay_ms = ? WHERE id = ?`,
			sp.reason, sp.attempt, sp.maxAttempts, sp.delayMS, sp.id); err != nil {
			return err
		}
	}
	return nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
