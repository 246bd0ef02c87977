DROP INDEX work_based_resources_children;
CREATE INDEX work_based_resources_parent ON work_based_resources (organisation, kind, parent_id);
