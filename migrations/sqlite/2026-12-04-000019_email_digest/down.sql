DROP INDEX notices_digest_pending;
ALTER TABLE notices DROP COLUMN digest_pending;
ALTER TABLE people DROP COLUMN last_digest_on;
ALTER TABLE people DROP COLUMN email_digest;
