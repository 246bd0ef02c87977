-- What training management systems send, one row per resource: learners, programme versions,
-- training agreements, enrolments, training plans, off-job deliveries and learner fees. Each is
-- kept as the JSON the API serves, beside the few columns the rules and jobs look things up by.
-- `ordinal` tells apart the rows one local id has: a programme's versions, a learner's fee years.
CREATE TABLE work_based_resources (
    organisation INTEGER NOT NULL CHECK (organisation BETWEEN 1 AND 9999),
    kind TEXT NOT NULL CHECK (kind IN ('learner', 'programme-version', 'training-agreement',
        'enrolment', 'training-plan', 'off-job-delivery', 'learner-fee')),
    local_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL DEFAULT 0,
    -- The resource it belongs to: an agreement's learner, an enrolment's or a plan's agreement,
    -- an off-job delivery's enrolment, a fee's learner.
    parent_id TEXT,
    -- A second key that must be unique among the organisation's resources of the kind: a
    -- learner's NSN, a programme's name, a plan's learner and signed date.
    lookup TEXT,
    status TEXT,
    -- When the latest status took effect (the pause date of an agreement in grace).
    status_date DATE,
    -- Counts the changes: a change made from an older revision is refused (two at once: one wins).
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, kind, local_id, ordinal)
);
CREATE INDEX work_based_resources_parent ON work_based_resources (organisation, kind, parent_id);
CREATE UNIQUE INDEX work_based_resources_lookup ON work_based_resources (organisation, kind, lookup)
    WHERE lookup IS NOT NULL;
CREATE INDEX work_based_resources_status ON work_based_resources (kind, status, status_date);

-- Every change of a work-based resource, in the order an organisation's changes were made: the
-- change feed a TMS reads to keep in step, and the trail of who changed what from what to what.
CREATE TABLE work_based_changes (
    organisation INTEGER NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    local_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('created', 'updated', 'status-changed', 'deleted')),
    from_status TEXT,
    to_status TEXT,
    body TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    occurred_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, position)
);

-- The last feed position handed out per organisation. Taking the next one locks the row until
-- the change commits, so an organisation's changes commit in position order and a reader
-- paging with `after` never skips one that commits late.
CREATE TABLE work_based_feed_positions (
    organisation INTEGER PRIMARY KEY,
    last_position BIGINT NOT NULL
);

-- Scheduled jobs that must run on one node at a time when several share the database (the
-- grace expiry): the node holding an unexpired lease runs the job; another takes over when the
-- lease runs out.
CREATE TABLE scheduled_job_leases (
    job TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
