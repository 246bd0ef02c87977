DROP TABLE outbox_emails;
DROP TABLE email_preferences;
DROP TABLE notices;
DROP TABLE people;
