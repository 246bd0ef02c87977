-- The results NZQA reports for learners (domain spec §4: DXP takes completions and credits
-- from NZQA), loaded by the funder: a unit standard's credits, or a qualification awarded,
-- on the day it was achieved. The work-based credit achievement rate counts them, and a
-- qualification awarded completes the programme enrolments that target it.
CREATE TABLE nzqa_results (
    national_student_number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    credits INTEGER NOT NULL,
    achieved_on DATE NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (national_student_number, kind, code)
);

-- The work-based volumes (standard training measures by year, mode of delivery and field of
-- study) kept beside the indicators, so that delivery reads them instead of the work-based
-- store.
ALTER TABLE insight_figures ADD COLUMN training_volumes TEXT NOT NULL DEFAULT '[]';
