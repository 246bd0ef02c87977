DROP TABLE course_change_requests;
DROP TABLE delivery_sites;
DROP TABLE qualification_register;
DROP TABLE course_register_history;
DROP TABLE course_register;
