DROP TABLE scheduled_job_leases;
DROP TABLE work_based_feed_positions;
DROP TABLE work_based_changes;
DROP TABLE work_based_resources;
