-- Fails while an EFTS forecast submission exists: reverting would lose it.
ALTER TABLE submissions DROP COLUMN efts_forecast_required;
ALTER TABLE submissions DROP CONSTRAINT submissions_submission_type_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_submission_type_check
    CHECK (submission_type IN ('Return', 'StandaloneFiles'));
