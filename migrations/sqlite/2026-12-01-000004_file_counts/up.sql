-- How many records each file of a submission holds, kept up to date by every write, so that
-- reading a submission (which clients poll while it is validated) costs one small look-up and
-- not a count of hundreds of thousands of records.
CREATE TABLE submission_files (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    records BIGINT NOT NULL CHECK (records >= 0),
    PRIMARY KEY (submission_id, file)
);
INSERT INTO submission_files (submission_id, file, records)
    SELECT submission_id, file, COUNT(*) FROM records GROUP BY submission_id, file;
