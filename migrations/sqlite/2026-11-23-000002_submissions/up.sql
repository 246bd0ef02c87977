-- A return being assembled for one organisation and round.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    organisation INTEGER NOT NULL REFERENCES organisations (edumis),
    round_id TEXT NOT NULL REFERENCES rounds (id),
    status TEXT NOT NULL,
    error_count INTEGER NOT NULL DEFAULT 0,
    warning_count INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    validated_at TIMESTAMP,
    submitted_at TIMESTAMP
);
CREATE INDEX submissions_by_organisation ON submissions (organisation, created_at, id);
CREATE INDEX submissions_by_round ON submissions (round_id, organisation, status);

-- The records of every SDR file, keyed by file and the integrator's localId, each kept exactly
-- as received. The rules read the record itself; the learner's code is kept beside it for
-- problem reports.
CREATE TABLE records (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    local_id TEXT NOT NULL,
    student_identification_code TEXT,
    record TEXT NOT NULL,
    error_count INTEGER NOT NULL,
    warning_count INTEGER NOT NULL,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (submission_id, file, local_id)
);

-- Every problem found: record-level ones stored with the records, submission-level ones
-- (rules across records) written by each validation run.
CREATE TABLE problems (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    local_id TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('record', 'submission')),
    field TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    message TEXT NOT NULL
);
CREATE INDEX problems_by_record ON problems (submission_id, file, local_id);
CREATE INDEX problems_by_rule ON problems (submission_id, rule);

-- The first answer to a request sent with an Idempotency-Key, replayed for retries.
CREATE TABLE idempotency_keys (
    organisation INTEGER NOT NULL,
    key TEXT NOT NULL,
    request_fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, key)
);
