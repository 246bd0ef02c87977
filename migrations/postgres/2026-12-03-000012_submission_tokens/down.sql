DROP TABLE submission_tokens;
