DROP TABLE funding_rates;
DROP TABLE commitment_versions;
DROP TABLE commitment_rows;
DROP INDEX commitments_by_organisation;
DROP TABLE commitments;
