-- Webhooks: an organisation's URLs, each told of the kinds of event it chose. The secret signs
-- each delivery (HMAC-SHA256), so it is kept as given out: it is shown once, when made or
-- rotated, never again, and never logged. A deleted subscription keeps its row (its deliveries
-- and their log stay in the database for the record) with its secret wiped.
CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    organisation INTEGER NOT NULL CHECK (organisation BETWEEN 1 AND 9999),
    url TEXT NOT NULL,
    kinds TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    secret_rotated_at TIMESTAMP,
    deleted_at TIMESTAMP
);
CREATE INDEX webhook_subscriptions_organisation ON webhook_subscriptions (organisation, created_at);

-- One event for one subscription: written in the transaction of the event, taken by one sender
-- at a time under a lease, retried with backoff until the receiver answers 2xx or the attempts
-- run out (then failed, until replayed). `series` counts the times it was queued (1 + replays);
-- `attempts` the attempts of the current series. `next_attempt_at` is null once it is
-- delivered or failed.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
    organisation INTEGER NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    series INTEGER NOT NULL DEFAULT 1,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    lease_owner TEXT,
    lease_expires_at TIMESTAMP,
    delivered_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_status INTEGER,
    last_response TEXT,
    last_error TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at);
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_at);

-- Every attempt to deliver, with the receiver's answer: its status, the start of its body
-- (at most 1 KiB), how long it took; or why there was no answer.
CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
    series INTEGER NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    duration_ms INTEGER NOT NULL,
    status INTEGER,
    response TEXT,
    error TEXT
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempted_at);
