-- A resource's children are read in id order (an agreement's enrolments, a learner's
-- agreements). With (organisation, kind, parent_id) alone, SQLite, and PostgreSQL before its
-- first ANALYZE, chose the primary key for the order and filtered every row of the kind:
-- creating an enrolment cost more with each one stored. This index serves both the filter
-- and the order.
DROP INDEX work_based_resources_parent;
CREATE INDEX work_based_resources_children ON work_based_resources (organisation, kind, parent_id, local_id, ordinal);
