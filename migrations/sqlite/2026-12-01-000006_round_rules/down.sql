DROP TABLE workforce_questionnaires;
DROP TABLE stop_gate_lifts;
ALTER TABLE submissions DROP COLUMN stop_gate_lift_id;
ALTER TABLE submissions DROP COLUMN late;
ALTER TABLE submissions DROP COLUMN submission_type;
