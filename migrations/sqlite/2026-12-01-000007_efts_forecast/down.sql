-- Fails while an EFTS forecast submission exists: reverting would lose it.
ALTER TABLE submissions DROP COLUMN efts_forecast_required;
ALTER TABLE submissions ADD COLUMN submission_type_narrowed TEXT NOT NULL DEFAULT 'Return'
    CHECK (submission_type_narrowed IN ('Return', 'StandaloneFiles'));
UPDATE submissions SET submission_type_narrowed = submission_type;
ALTER TABLE submissions DROP COLUMN submission_type;
ALTER TABLE submissions RENAME COLUMN submission_type_narrowed TO submission_type;
