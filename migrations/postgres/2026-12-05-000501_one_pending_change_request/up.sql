-- One pending change request per course of an organisation: a second, sent at the same
-- time as the first, is refused instead of kept beside it.
CREATE UNIQUE INDEX course_change_requests_one_pending
    ON course_change_requests (organisation, course_code)
    WHERE status = 'Pending';
