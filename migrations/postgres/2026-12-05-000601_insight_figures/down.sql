DROP TABLE insight_figures;
