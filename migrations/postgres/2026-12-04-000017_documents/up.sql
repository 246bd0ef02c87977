-- Documents the funder and organisations exchange. A document is the funder's (no owner), for
-- the organisations of its audience, or an organisation's own, whose audience is itself.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    owner_organisation INTEGER,
    document_type TEXT NOT NULL,
    title TEXT NOT NULL,
    subject TEXT,
    fund TEXT,
    plan_year INTEGER,
    action TEXT NOT NULL,
    due_on DATE,
    commercial BOOLEAN NOT NULL,
    submission_id TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Who sees a document, and when each organisation marked a document to action done.
CREATE TABLE document_audience (
    document_id TEXT NOT NULL,
    organisation INTEGER NOT NULL,
    actioned_at TIMESTAMP,
    actioned_by TEXT,
    PRIMARY KEY (document_id, organisation)
);
CREATE INDEX document_audience_by_organisation ON document_audience (organisation, document_id);

-- A document's files. The bytes are in the object store under object_key; a file an
-- organisation added to the funder's document is seen by that organisation (and the funder)
-- only.
CREATE TABLE document_files (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    organisation INTEGER,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    object_key TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX document_files_by_document ON document_files (document_id, uploaded_at);
