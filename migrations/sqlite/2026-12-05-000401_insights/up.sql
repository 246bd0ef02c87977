-- The facts of each organisation's latest lodged return of each round, summarised when it is
-- lodged for the information products. `facts` is the small JSON of aggregates every page
-- reads; `learners` the JSON of one compact line per learner that only the cohort indicators
-- read. `submission_id` names the return they were computed from: when it is no longer the
-- round's latest lodged return, they are recomputed.
CREATE TABLE insight_facts (
    organisation INTEGER NOT NULL,
    round_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    submission_id TEXT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    facts TEXT NOT NULL,
    learners TEXT NOT NULL,
    PRIMARY KEY (organisation, round_id)
);
CREATE INDEX insight_facts_by_year ON insight_facts (year, organisation);
