-- Records and problems are written only inside a transaction that holds their submission's row
-- lock (see dxp_persistence::records), so their submission exists for as long as they are
-- written; submissions are never deleted. The per-row foreign-key check took a third of
-- PostgreSQL's time in a bulk load of records (a trigger query for each row), so it goes.
ALTER TABLE records DROP CONSTRAINT records_submission_id_fkey;
ALTER TABLE problems DROP CONSTRAINT problems_submission_id_fkey;
