-- The indicators of each organisation, computed from its kept facts when it lodges a return
-- (and by the scheduled sweep), so that a page reads them instead of working them out.
-- `sources` names the facts they came from (organisation/round/submission, the organisation's
-- own and the other organisations' later years that progression looks at): when it no longer
-- matches the kept facts, the sweep computes them again. `epic` holds the EPIC's measures
-- (graduates and participation by ethnicity and level band) as the returns show them.
CREATE TABLE insight_figures (
    organisation INTEGER NOT NULL PRIMARY KEY,
    sources TEXT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    figures TEXT NOT NULL,
    epic TEXT NOT NULL
);
