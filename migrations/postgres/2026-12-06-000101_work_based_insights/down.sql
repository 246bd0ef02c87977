ALTER TABLE insight_figures DROP COLUMN training_volumes;
DROP TABLE nzqa_results;
