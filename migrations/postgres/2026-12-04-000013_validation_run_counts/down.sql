ALTER TABLE validation_jobs DROP COLUMN warning_count;
ALTER TABLE validation_jobs DROP COLUMN error_count;
