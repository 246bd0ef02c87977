-- A person may take their email as one daily digest instead of a message a notice. A notice
-- waiting for a person's digest is marked so; the day of the last digest keeps it to one a day.
ALTER TABLE people ADD COLUMN email_digest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE people ADD COLUMN last_digest_on DATE;
ALTER TABLE notices ADD COLUMN digest_pending BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX notices_digest_pending ON notices (digest_pending, subject);
