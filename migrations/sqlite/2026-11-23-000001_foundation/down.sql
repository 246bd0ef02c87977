DROP TABLE audit_events;
DROP TABLE rounds;
DROP TABLE organisations;
