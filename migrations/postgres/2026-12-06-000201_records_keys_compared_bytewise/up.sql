-- The records' key compared byte by byte, as SQLite compares it. Under the database's default
-- collation (C.UTF-8 or en_US.UTF-8) every comparison of two localIds in the primary key went
-- through the C library's strcoll, a tenth of the cost of a bulk COPY of records; and pages of
-- records in localId order came in a different order on the two backends. Changing only the
-- collation keeps the rows where they are and rebuilds the primary key's index.
ALTER TABLE records
    ALTER COLUMN submission_id TYPE TEXT COLLATE "C",
    ALTER COLUMN file TYPE TEXT COLLATE "C",
    ALTER COLUMN local_id TYPE TEXT COLLATE "C";
