-- Commitments (MoPs and EPICs) the funder provisions for an organisation, fund and plan year.
-- The rows being edited live in commitment_rows; each submission for the funder's review is an
-- immutable numbered version in commitment_versions, holding its rows as checked (JSON).
CREATE TABLE commitments (
    id TEXT PRIMARY KEY,
    organisation INTEGER NOT NULL,
    template TEXT NOT NULL,
    fund TEXT NOT NULL,
    plan_year INTEGER NOT NULL,
    due_on DATE NOT NULL,
    allocation_cents BIGINT,
    state TEXT NOT NULL,
    next_row BIGINT NOT NULL,
    provisioned_by TEXT NOT NULL,
    provisioned_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (organisation, template, plan_year)
);
CREATE INDEX commitments_by_organisation ON commitments (organisation, due_on);

-- A commitment's rows as entered: values by column name, as a JSON object.
CREATE TABLE commitment_rows (
    commitment_id TEXT NOT NULL,
    row_number BIGINT NOT NULL,
    row_values TEXT NOT NULL,
    PRIMARY KEY (commitment_id, row_number)
);

-- Each submitted version, with the funder's decision on it.
CREATE TABLE commitment_versions (
    commitment_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    rows_json TEXT NOT NULL,
    funded_value_cents BIGINT NOT NULL,
    unfunded_value_cents BIGINT NOT NULL,
    allocation_cents BIGINT,
    warning_count INTEGER NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    decision TEXT,
    decision_comment TEXT,
    decided_by TEXT,
    decided_at TIMESTAMP,
    PRIMARY KEY (commitment_id, version)
);

-- The funding rates the funder loads per fund and plan year: cents per unit of volume (a
-- learner hour, an EFTS, a standard training measure) by funding category and mode.
CREATE TABLE funding_rates (
    fund TEXT NOT NULL,
    plan_year INTEGER NOT NULL,
    category TEXT NOT NULL,
    mode TEXT NOT NULL,
    rate_cents BIGINT NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (fund, plan_year, category, mode)
);
