DROP INDEX people_disabled;
ALTER TABLE people DROP COLUMN access_changed_at;
ALTER TABLE people DROP COLUMN access_changed_by;
ALTER TABLE people DROP COLUMN portal_roles;
