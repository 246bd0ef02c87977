DROP TABLE subject_groupings;
