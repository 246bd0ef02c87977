-- Each validation run keeps the counts of its verdict, so the funder's API can list every run
-- of a submission (`validationRunResults`) with its errors and warnings, not only the latest.
ALTER TABLE validation_jobs ADD COLUMN error_count INTEGER;
ALTER TABLE validation_jobs ADD COLUMN warning_count INTEGER;
