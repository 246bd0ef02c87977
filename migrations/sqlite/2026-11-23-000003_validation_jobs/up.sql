-- Validation runs as jobs any node can take: a node holds a job by a lease it renews while it
-- works; a node that dies leaves the lease to expire, and another node takes the job again.
CREATE TABLE validation_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_expires_at TIMESTAMP,
    records_checked BIGINT NOT NULL DEFAULT 0,
    records_total BIGINT NOT NULL DEFAULT 0,
    queued_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    error TEXT
);
-- At most one validation at a time per submission.
CREATE UNIQUE INDEX validation_jobs_one_open_per_submission
    ON validation_jobs (submission_id) WHERE state IN ('queued', 'running');
CREATE INDEX validation_jobs_claimable ON validation_jobs (state, queued_at);
CREATE INDEX validation_jobs_by_submission ON validation_jobs (submission_id, queued_at);
