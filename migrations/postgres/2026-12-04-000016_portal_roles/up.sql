-- Portal roles, granted in DXP by the organisation's user settings admin or the funder (the
-- API roles come from each token), and who last changed a person's access.
ALTER TABLE people ADD COLUMN portal_roles TEXT NOT NULL DEFAULT 'general-access';
ALTER TABLE people ADD COLUMN access_changed_by TEXT;
ALTER TABLE people ADD COLUMN access_changed_at TIMESTAMP;
CREATE INDEX people_disabled ON people (disabled);
-- Whoever of an organisation signed in first administers its users, as a person new to DXP
-- would have.
UPDATE people SET portal_roles = 'user-settings-admin,general-access'
WHERE organisation IS NOT NULL
  AND subject = (SELECT first.subject FROM people AS first
                 WHERE first.organisation = people.organisation
                 ORDER BY first.first_seen_at, first.subject LIMIT 1);
