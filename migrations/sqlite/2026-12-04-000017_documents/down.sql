DROP TABLE document_files;
DROP TABLE document_audience;
DROP TABLE documents;
