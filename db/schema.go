package db

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
}
