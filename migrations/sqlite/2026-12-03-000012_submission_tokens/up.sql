-- Submission tokens of the funder's provider-based API (`POST /submissions/v1.0/token/{returnId}`):
-- each names one submission of one organisation until it expires. Only the token's SHA-256 is
-- kept, so a copy of the database names no usable token.
CREATE TABLE submission_tokens (
    token_hash TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL,
    organisation INTEGER NOT NULL CHECK (organisation BETWEEN 1 AND 9999),
    expires_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX submission_tokens_submission ON submission_tokens (submission_id);
