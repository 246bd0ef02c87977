-- The EFTS forecast travels in a submission of its own type.
ALTER TABLE submissions DROP CONSTRAINT submissions_submission_type_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_submission_type_check
    CHECK (submission_type IN ('Return', 'StandaloneFiles', 'EftsForecast'));
-- The verdict found provision the EFTS forecast covers: the return waits for the forecast.
ALTER TABLE submissions ADD COLUMN efts_forecast_required BOOLEAN NOT NULL DEFAULT FALSE;
