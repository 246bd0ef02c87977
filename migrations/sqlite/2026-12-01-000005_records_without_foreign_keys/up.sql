-- Records and problems are written only inside a transaction that holds their submission's
-- write lock (see dxp_persistence::records), so their submission exists for as long as they
-- are written; submissions are never deleted. The foreign keys go, as on PostgreSQL, where the
-- per-row check took a third of the time of a bulk load. SQLite drops a constraint by
-- rebuilding the table.
CREATE TABLE records_rebuilt (
    submission_id TEXT NOT NULL,
    file TEXT NOT NULL,
    local_id TEXT NOT NULL,
    student_identification_code TEXT,
    record TEXT NOT NULL,
    error_count INTEGER NOT NULL,
    warning_count INTEGER NOT NULL,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (submission_id, file, local_id)
);
INSERT INTO records_rebuilt SELECT * FROM records;
DROP TABLE records;
ALTER TABLE records_rebuilt RENAME TO records;

CREATE TABLE problems_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    submission_id TEXT NOT NULL,
    file TEXT NOT NULL,
    local_id TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('record', 'submission')),
    field TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    message TEXT NOT NULL
);
INSERT INTO problems_rebuilt SELECT * FROM problems;
DROP TABLE problems;
ALTER TABLE problems_rebuilt RENAME TO problems;
CREATE INDEX problems_by_record ON problems (submission_id, file, local_id);
CREATE INDEX problems_by_rule ON problems (submission_id, rule);
