-- The EFTS forecast travels in a submission of its own type. SQLite cannot alter a CHECK
-- constraint: the column is replaced by one with the wider check, its values carried over.
ALTER TABLE submissions ADD COLUMN submission_type_widened TEXT NOT NULL DEFAULT 'Return'
    CHECK (submission_type_widened IN ('Return', 'StandaloneFiles', 'EftsForecast'));
UPDATE submissions SET submission_type_widened = submission_type;
ALTER TABLE submissions DROP COLUMN submission_type;
ALTER TABLE submissions RENAME COLUMN submission_type_widened TO submission_type;
-- The verdict found provision the EFTS forecast covers: the return waits for the forecast.
ALTER TABLE submissions ADD COLUMN efts_forecast_required BOOLEAN NOT NULL DEFAULT FALSE;
