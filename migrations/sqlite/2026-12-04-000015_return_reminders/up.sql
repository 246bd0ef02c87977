-- The reminders sent that a return is due (7 days before, a day before): one per organisation,
-- round and mark, so a reminder is sent once however many nodes run the reminder job.
CREATE TABLE reminders_sent (
    organisation INTEGER NOT NULL,
    round_id TEXT NOT NULL,
    mark TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation, round_id, mark)
);
