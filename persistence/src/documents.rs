//! Documents and their files as stored: a document's details and audience, each organisation's
//! mark that it actioned a document, and each file's name, kind, size and checksum (the bytes
//! are in the object store). Visibility is decided here in one place: an organisation sees a
//! document whose audience it is in, and the files of it that are the funder's or its own.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;
use dxp_domain::documents::{DocumentAction, DocumentType};
use dxp_domain::notices::Notice;

use crate::schema::{document_audience, document_files, documents};
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// A document's details, as its creator gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDetails {
    pub document_type: DocumentType,
    pub title: String,
    pub subject: Option<String>,
    pub fund: Option<String>,
    pub plan_year: Option<i32>,
    pub action: DocumentAction,
    /// When a document to action is due.
    pub due_on: Option<NaiveDate>,
    pub commercial: bool,
    /// The submission it goes with.
    pub submission_id: Option<String>,
}

/// A file kept in the object store, to be recorded against a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub id: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub object_key: String,
}

/// A file of a document as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = document_files)]
pub struct StoredFile {
    pub id: String,
    pub document_id: String,
    /// The organisation that added it; `None`: the funder's, seen by the whole audience.
    pub organisation: Option<i32>,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub object_key: String,
    pub uploaded_by: String,
    pub uploaded_at: chrono::NaiveDateTime,
}

/// A document as one organisation (or the funder) sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub id: String,
    /// `None`: the funder's document.
    pub owner: Option<Edumis>,
    pub details: DocumentDetails,
    /// The organisations it is for (only the viewer's own, for an organisation).
    pub audience: Vec<Edumis>,
    /// When the viewing organisation marked it actioned, and who did.
    pub actioned: Option<(DateTime<Utc>, String)>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub files: Vec<StoredFile>,
}

/// Who is looking: one organisation (and whether they may see commercial documents), or the
/// funder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Organisation {
        edumis: Edumis,
        sees_commercial: bool,
    },
    Funder,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = documents)]
struct DocumentRow {
    id: String,
    owner_organisation: Option<i32>,
    document_type: String,
    title: String,
    subject: Option<String>,
    fund: Option<String>,
    plan_year: Option<i32>,
    action: String,
    due_on: Option<NaiveDate>,
    commercial: bool,
    submission_id: Option<String>,
    created_by: String,
    created_at: chrono::NaiveDateTime,
}

fn edumis(value: i32) -> Result<Edumis, StoreError> {
    Edumis::new(i64::from(value)).map_err(StoreError::corrupt)
}

/// Records a new document with its audience and files, and tells each organisation of the
/// audience with `notice` (when there is one), in one transaction.
#[allow(clippy::too_many_arguments)]
pub fn create(
    conn: &mut DbConnection,
    id: &str,
    owner: Option<Edumis>,
    details: &DocumentDetails,
    audience: &[Edumis],
    files: &[NewFile],
    created_by: &str,
    at: DateTime<Utc>,
    notice: Option<&Notice>,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        diesel::insert_into(documents::table)
            .values((
                documents::id.eq(id),
                documents::owner_organisation.eq(owner.map(Edumis::value)),
                documents::document_type.eq(details.document_type.as_str()),
                documents::title.eq(&details.title),
                documents::subject.eq(&details.subject),
                documents::fund.eq(&details.fund),
                documents::plan_year.eq(details.plan_year),
                documents::action.eq(details.action.as_str()),
                documents::due_on.eq(details.due_on),
                documents::commercial.eq(details.commercial),
                documents::submission_id.eq(&details.submission_id),
                documents::created_by.eq(created_by),
                documents::created_at.eq(to_row(at)),
            ))
            .execute(conn)?;
        for organisation in audience {
            diesel::insert_into(document_audience::table)
                .values((
                    document_audience::document_id.eq(id),
                    document_audience::organisation.eq(organisation.value()),
                ))
                .execute(conn)?;
        }
        insert_files(conn, id, owner, files, created_by, at)?;
        if let Some(notice) = notice {
            for organisation in audience {
                crate::notices::tell_organisation(conn, *organisation, notice)?;
            }
        }
        Ok(())
    })
}

fn insert_files(
    conn: &mut DbConnection,
    document_id: &str,
    organisation: Option<Edumis>,
    files: &[NewFile],
    uploaded_by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    for file in files {
        diesel::insert_into(document_files::table)
            .values((
                document_files::id.eq(&file.id),
                document_files::document_id.eq(document_id),
                document_files::organisation.eq(organisation.map(Edumis::value)),
                document_files::file_name.eq(&file.file_name),
                document_files::media_type.eq(&file.media_type),
                document_files::size_bytes.eq(file.size_bytes),
                document_files::sha256.eq(&file.sha256),
                document_files::object_key.eq(&file.object_key),
                document_files::uploaded_by.eq(uploaded_by),
                document_files::uploaded_at.eq(to_row(at)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records files added to a document by `organisation` (`None`: the funder).
pub fn add_files(
    conn: &mut DbConnection,
    document_id: &str,
    organisation: Option<Edumis>,
    files: &[NewFile],
    uploaded_by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        insert_files(conn, document_id, organisation, files, uploaded_by, at)
    })
}

/// Whether the viewer sees a document with these facts.
fn visible(viewer: Viewer, commercial: bool, in_audience: bool) -> bool {
    match viewer {
        Viewer::Funder => true,
        Viewer::Organisation {
            sees_commercial, ..
        } => in_audience && (!commercial || sees_commercial),
    }
}

/// The document, as the viewer sees it; `None` when it does not exist or the viewer may not
/// see it (the two are not told apart).
pub fn find(
    conn: &mut DbConnection,
    viewer: Viewer,
    id: &str,
) -> Result<Option<StoredDocument>, StoreError> {
    let Some(row) = documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let audience: Vec<(i32, Option<chrono::NaiveDateTime>, Option<String>)> =
        document_audience::table
            .filter(document_audience::document_id.eq(id))
            .select((
                document_audience::organisation,
                document_audience::actioned_at,
                document_audience::actioned_by,
            ))
            .order(document_audience::organisation.asc())
            .load(conn)?;
    let own = match viewer {
        Viewer::Organisation { edumis, .. } => audience
            .iter()
            .find(|(organisation, _, _)| *organisation == edumis.value()),
        Viewer::Funder => None,
    };
    if !visible(viewer, row.commercial, own.is_some()) {
        return Ok(None);
    }
    let actioned = own.and_then(|(_, at, by)| Some((from_row((*at)?), by.clone()?)));
    let audience = match viewer {
        Viewer::Funder => audience
            .iter()
            .map(|(organisation, _, _)| edumis(*organisation))
            .collect::<Result<_, _>>()?,
        Viewer::Organisation { edumis, .. } => vec![edumis],
    };
    let mut files = document_files::table
        .filter(document_files::document_id.eq(id))
        .select(StoredFile::as_select())
        .order((document_files::uploaded_at.asc(), document_files::id.asc()))
        .into_boxed();
    if let Viewer::Organisation { edumis, .. } = viewer {
        files = files.filter(
            document_files::organisation
                .is_null()
                .or(document_files::organisation.eq(edumis.value())),
        );
    }
    let files = files.load(conn)?;
    Ok(Some(document_of(row, audience, actioned, files)?))
}

fn document_of(
    row: DocumentRow,
    audience: Vec<Edumis>,
    actioned: Option<(DateTime<Utc>, String)>,
    files: Vec<StoredFile>,
) -> Result<StoredDocument, StoreError> {
    Ok(StoredDocument {
        id: row.id,
        owner: row.owner_organisation.map(edumis).transpose()?,
        details: DocumentDetails {
            document_type: row.document_type.parse().map_err(StoreError::corrupt)?,
            title: row.title,
            subject: row.subject,
            fund: row.fund,
            plan_year: row.plan_year,
            action: row.action.parse().map_err(StoreError::corrupt)?,
            due_on: row.due_on,
            commercial: row.commercial,
            submission_id: row.submission_id,
        },
        audience,
        actioned,
        created_by: row.created_by,
        created_at: from_row(row.created_at),
        files,
    })
}

/// What a list of documents is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub document_type: Option<DocumentType>,
    /// Only documents to action that the organisation has not marked actioned.
    pub to_action_only: bool,
    pub submission_id: Option<String>,
}

/// The documents of `organisation` the viewer sees, newest first, at most `limit`, without
/// their files' details beyond a count (the files are read with [`find`]).
pub fn list(
    conn: &mut DbConnection,
    viewer: Viewer,
    organisation: Edumis,
    filter: &DocumentFilter,
    limit: i64,
) -> Result<Vec<StoredDocument>, StoreError> {
    let mut query = documents::table
        .inner_join(document_audience::table)
        .filter(document_audience::organisation.eq(organisation.value()))
        .select((
            DocumentRow::as_select(),
            document_audience::actioned_at,
            document_audience::actioned_by,
        ))
        .into_boxed();
    if let Viewer::Organisation {
        sees_commercial: false,
        ..
    } = viewer
    {
        query = query.filter(documents::commercial.eq(false));
    }
    if let Some(document_type) = filter.document_type {
        query = query.filter(documents::document_type.eq(document_type.as_str()));
    }
    if filter.to_action_only {
        query = query
            .filter(documents::action.eq(DocumentAction::ToAction.as_str()))
            .filter(document_audience::actioned_at.is_null());
    }
    if let Some(submission) = &filter.submission_id {
        query = query.filter(documents::submission_id.eq(submission));
    }
    let rows: Vec<(DocumentRow, Option<chrono::NaiveDateTime>, Option<String>)> = query
        .order((documents::created_at.desc(), documents::id.desc()))
        .limit(limit)
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|(row, _, _)| row.id.as_str()).collect();
    let files: Vec<StoredFile> = document_files::table
        .filter(document_files::document_id.eq_any(&ids))
        .filter(
            document_files::organisation
                .is_null()
                .or(document_files::organisation.eq(organisation.value())),
        )
        .select(StoredFile::as_select())
        .order((document_files::uploaded_at.asc(), document_files::id.asc()))
        .load(conn)?;
    let mut files = crate::by_parent(files, |file| &file.document_id);
    rows.into_iter()
        .map(|(row, actioned_at, actioned_by)| {
            let actioned = actioned_at
                .zip(actioned_by)
                .map(|(at, by)| (from_row(at), by));
            let own = files.remove(&row.id).unwrap_or_default();
            document_of(row, vec![organisation], actioned, own)
        })
        .collect()
}

/// Marks a document actioned by `organisation` (again is harmless: the first mark stays).
pub fn mark_actioned(
    conn: &mut DbConnection,
    document_id: &str,
    organisation: Edumis,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(
        document_audience::table
            .find((document_id, organisation.value()))
            .filter(document_audience::actioned_at.is_null()),
    )
    .set((
        document_audience::actioned_at.eq(to_row(at)),
        document_audience::actioned_by.eq(by),
    ))
    .execute(conn)?;
    Ok(())
}

/// Links a document to a submission (or unlinks it).
pub fn link_submission(
    conn: &mut DbConnection,
    document_id: &str,
    submission_id: Option<&str>,
) -> Result<(), StoreError> {
    diesel::update(documents::table.find(document_id))
        .set(documents::submission_id.eq(submission_id))
        .execute(conn)?;
    Ok(())
}
