-- What a submission carries: the round's return, or course register and completion files
-- lodged on their own (not held by the Stop Gate).
ALTER TABLE submissions ADD COLUMN submission_type TEXT NOT NULL DEFAULT 'Return'
    CHECK (submission_type IN ('Return', 'StandaloneFiles'));
-- Lodged after the due date, or resubmitted outside a published window.
ALTER TABLE submissions ADD COLUMN late BOOLEAN NOT NULL DEFAULT FALSE;
-- The Stop Gate lift the submission was lodged under, if it needed one.
ALTER TABLE submissions ADD COLUMN stop_gate_lift_id TEXT;

-- The funder's lifts of the Stop Gate: one organisation may lodge once more, until a new due date.
CREATE TABLE stop_gate_lifts (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds (id),
    organisation INTEGER NOT NULL REFERENCES organisations (edumis),
    due_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL,
    used_by_submission TEXT,
    used_at TIMESTAMP
);
CREATE INDEX stop_gate_lifts_by_organisation ON stop_gate_lifts (organisation, round_id, granted_at);

-- Workforce questionnaires (WFQ): each upload is checked at once and kept with its verdict.
CREATE TABLE workforce_questionnaires (
    id TEXT PRIMARY KEY NOT NULL,
    organisation INTEGER NOT NULL REFERENCES organisations (edumis),
    year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Processed', 'Rejected')),
    record_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    warning_count INTEGER NOT NULL,
    records TEXT NOT NULL,
    problems TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX workforce_questionnaires_by_organisation
    ON workforce_questionnaires (organisation, year, created_at);
