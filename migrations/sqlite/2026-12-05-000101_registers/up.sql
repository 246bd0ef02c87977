-- The course register of each organisation: what the funder approved for a course, from one
-- year (valid_from) to another (valid_to; empty: until changed). details is the JSON of the
-- approved fields (dxp_domain::registers::CourseDetails).
CREATE TABLE course_register (
    organisation INTEGER NOT NULL,
    course_code TEXT NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER,
    details TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, course_code, valid_from)
);

-- Every change to a course register entry: who, when, which fields, through which change
-- request (empty: loaded by the funder). seq numbers a course's changes from 1, in order.
CREATE TABLE course_register_history (
    id TEXT PRIMARY KEY,
    organisation INTEGER NOT NULL,
    course_code TEXT NOT NULL,
    seq INTEGER NOT NULL,
    valid_from INTEGER NOT NULL,
    changed_fields TEXT NOT NULL,
    before_details TEXT,
    after_details TEXT NOT NULL,
    change_request_id TEXT,
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX course_register_history_by_course
    ON course_register_history (organisation, course_code, seq);

-- The national qualification register, loaded by the funder.
CREATE TABLE qualification_register (
    qualification_code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    level INTEGER NOT NULL,
    credits INTEGER NOT NULL,
    award_category TEXT NOT NULL,
    dq37_approved_from INTEGER,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The delivery sites of each organisation; site_code is kept as enrolments are matched
-- against it (two digits, or capitals).
CREATE TABLE delivery_sites (
    organisation INTEGER NOT NULL,
    site_code TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    active_from INTEGER NOT NULL,
    active_to INTEGER,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, site_code)
);

-- An organisation's request to change its course register for one course from a year:
-- Pending until the funder approves or declines it (with a reason).
CREATE TABLE course_change_requests (
    id TEXT PRIMARY KEY,
    organisation INTEGER NOT NULL,
    submission_id TEXT NOT NULL,
    course_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    changed_fields TEXT NOT NULL,
    current_details TEXT,
    proposed_details TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    reason TEXT
);
CREATE INDEX course_change_requests_by_organisation
    ON course_change_requests (organisation, status, submitted_at);
CREATE INDEX course_change_requests_by_status ON course_change_requests (status, submitted_at);
