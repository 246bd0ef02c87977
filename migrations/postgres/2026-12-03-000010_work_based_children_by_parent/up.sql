-- Every request finds resources by their key (organisation, kind, local id, ordinal). Led by
-- (organisation, kind), the children's index could serve that lookup too, scanning every row
-- of the kind, and PostgreSQL chose it for the generic plan of a statement prepared while the
-- table was small; a connection kept that plan as the table grew, so each request cost more
-- than the one before. Led by the parent, the index serves only the reads of a resource's
-- children, which it still returns in id order, and key lookups go to the primary key.
DROP INDEX work_based_resources_children;
CREATE INDEX work_based_resources_children ON work_based_resources (parent_id, organisation, kind, local_id, ordinal);
