-- Which subject grouping (SG1-SG6, the categories the funding rates are given in) each SDR
-- funding category (the two characters a course enrolment carries) belongs to: how DQ3-7
-- delivery is valued. Loaded by the funder as reference data, replaced whole.
CREATE TABLE subject_groupings (
    funding_category TEXT NOT NULL PRIMARY KEY,
    subject_grouping TEXT NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);
