-- Machine accounts: how a student or training management system signs in without a person.
-- The client id is the account's name; the secret is shown once and kept only as an argon2
-- hash. Permissions name the APIs the account may call (`sdr`, `work-based`). A revoked
-- account stays listed, so the audit log's references to it keep their meaning.
CREATE TABLE machine_accounts (
    client_id TEXT PRIMARY KEY,
    organisation INTEGER NOT NULL CHECK (organisation BETWEEN 1 AND 9999),
    secret_hash TEXT NOT NULL,
    permissions TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX machine_accounts_organisation ON machine_accounts (organisation, client_id);
