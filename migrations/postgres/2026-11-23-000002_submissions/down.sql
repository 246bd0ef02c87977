DROP TABLE idempotency_keys;
DROP TABLE problems;
DROP TABLE records;
DROP TABLE submissions;
