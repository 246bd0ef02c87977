ALTER TABLE records ADD CONSTRAINT records_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE CASCADE;
ALTER TABLE problems ADD CONSTRAINT problems_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE CASCADE;
