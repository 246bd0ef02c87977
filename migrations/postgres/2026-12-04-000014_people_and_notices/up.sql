-- People: a person is known from their first signed-in request (the token's subject), with the
-- name and email their identity provider gives. Funder staff have no organisation.
CREATE TABLE people (
    subject TEXT PRIMARY KEY,
    organisation INTEGER CHECK (organisation BETWEEN 1 AND 9999),
    name TEXT,
    email TEXT,
    phone TEXT,
    mobile TEXT,
    roles TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    first_seen_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX people_organisation ON people (organisation, subject);

-- What DXP told each person in the portal; read once they mark it so.
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    organisation INTEGER,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notices_by_person ON notices (subject, created_at);

-- Each person's choice of the kinds of notice they are also emailed; a kind not listed takes
-- its default.
CREATE TABLE email_preferences (
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    emailed BOOLEAN NOT NULL,
    PRIMARY KEY (subject, kind)
);

-- Email waiting to go: written in the transaction of the event it tells of, taken by one
-- mailer at a time under a lease, retried with backoff until the SMTP server takes it.
CREATE TABLE outbox_emails (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_owner TEXT,
    lease_expires_at TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_emails_due ON outbox_emails (sent_at, next_attempt_at);
