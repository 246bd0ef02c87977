-- Nothing to change: SQLite compares text byte by byte (its BINARY collation) unless told
-- otherwise, which is what this migration gives PostgreSQL's records. It is here so that both
-- backends count the same migrations.
SELECT 1;
