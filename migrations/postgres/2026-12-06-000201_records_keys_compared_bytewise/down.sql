ALTER TABLE records
    ALTER COLUMN submission_id TYPE TEXT COLLATE "default",
    ALTER COLUMN file TYPE TEXT COLLATE "default",
    ALTER COLUMN local_id TYPE TEXT COLLATE "default";
