DROP TABLE insight_facts;
