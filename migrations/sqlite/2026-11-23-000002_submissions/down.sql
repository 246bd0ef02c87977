DROP TABLE idempotency_keys;
DROP TABLE problems;
DROP TABLE course_enrolments;
DROP TABLE submissions;
