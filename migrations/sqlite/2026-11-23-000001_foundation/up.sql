-- Organisations that send returns, identified by their EDUMIS number.
CREATE TABLE organisations (
    edumis INTEGER PRIMARY KEY NOT NULL CHECK (edumis BETWEEN 1 AND 9999),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Collection rounds: 2026-IND, 2026-APR, 2026-AUG, 2026-DEC, ...
CREATE TABLE rounds (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('IND', 'APR', 'AUG', 'DEC')),
    year INTEGER NOT NULL,
    return_id INTEGER NOT NULL UNIQUE,
    extract_date DATE NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    resubmission_opens_at TIMESTAMP,
    resubmission_closes_at TIMESTAMP,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK (opens_at < due_at)
);
CREATE INDEX rounds_year ON rounds (year);

-- Who did what, when, and why: every change of state is kept here.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    organisation INTEGER,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    reason TEXT
);
CREATE INDEX audit_events_subject ON audit_events (subject, occurred_at);
