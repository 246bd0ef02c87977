DROP INDEX work_based_resources_children;
CREATE INDEX work_based_resources_children ON work_based_resources (organisation, kind, parent_id, local_id, ordinal);
