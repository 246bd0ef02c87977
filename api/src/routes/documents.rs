//! Documents (`/api/v1/documents`): the funder makes documents available to organisations, an
//! organisation keeps its own and adds files to any it sees, links one to a submission, and
//! marks a document to action done. Documents and files are sent as `multipart/form-data`
//! (a `document` part of JSON first, then `file` parts); files are downloaded as streams.

use actix_multipart::{Field, Multipart};
use actix_web::http::header;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::Edumis;
use dxp_domain::documents::{DocumentAction, DocumentType};
use dxp_persistence::documents::{DocumentFilter, StoredDocument, StoredFile};
use dxp_service::documents::DocumentRequest;
use dxp_service::file_store::{KeepError, KeptFile};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::users::asker;
use crate::auth::{Authorized, CanRead, CanWrite};
use crate::{ApiError, AppState, Problem};

/// The most files one request may carry.
const MAX_FILES_PER_REQUEST: usize = 20;

/// The most bytes of the `document` part.
const MAX_DOCUMENT_PART_BYTES: usize = 64 * 1024;

/// A document's details, as its creator gives them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"documentType": "funding-letter", "title": "2027 funding letter", "fund": "37", "planYear": 2027, "action": "to-action", "dueOn": "2027-01-29", "organisations": [6004, 6005]}))]
pub struct DocumentInput {
    pub document_type: DocumentType,
    /// 1 to 200 characters.
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// What it is about, in a sentence or two.
    #[schema(max_length = 1000)]
    pub subject: Option<String>,
    /// The fund it concerns, such as `37`.
    #[schema(max_length = 20)]
    pub fund: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub plan_year: Option<i32>,
    /// `to-action` (the funder only) needs `dueOn`; default `to-view`.
    pub action: Option<DocumentAction>,
    pub due_on: Option<NaiveDate>,
    /// Seen only by people with the commercial documents role; by default as the type says
    /// (funding letters, wash-ups and investment plans are).
    pub commercial: Option<bool>,
    /// An organisation's submission the document goes with.
    pub submission_id: Option<String>,
    /// The funder's audience: these organisations' EDUMIS numbers…
    pub organisations: Option<Vec<i64>>,
    /// …or every organisation DXP knows.
    pub all_organisations: Option<bool>,
}

/// The body of a new document: its details, then its files.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct NewDocumentForm {
    /// The document's details, as JSON; the first part.
    document: DocumentInput,
    /// Its files (PDF, Word, Excel, PowerPoint, PNG, JPEG, CSV or text), each named by its
    /// part's `filename`; up to 20, or none.
    #[schema(value_type = Option<Vec<String>>, format = Binary)]
    file: Option<Vec<Vec<u8>>>,
}

/// Files to add to a document.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct NewFilesForm {
    /// The files, each named by its part's `filename`; up to 20.
    #[schema(value_type = Vec<String>, format = Binary)]
    file: Vec<Vec<u8>>,
}

/// A file's bytes, as downloaded: not JSON.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(#[allow(dead_code)] Vec<u8>);

/// A file of a document.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentFileView {
    pub id: String,
    pub file_name: String,
    /// What its content is (recognised from its bytes).
    pub media_type: String,
    pub size_bytes: i64,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// The organisation that added it; `null`: the funder.
    pub organisation: Option<i32>,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// Where to download it.
    pub href: String,
}

/// A document as the caller sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    pub id: String,
    /// The organisation whose own document it is; `null`: the funder's.
    pub owner: Option<i32>,
    pub document_type: DocumentType,
    pub title: String,
    pub subject: Option<String>,
    pub fund: Option<String>,
    pub plan_year: Option<i32>,
    pub action: DocumentAction,
    pub due_on: Option<NaiveDate>,
    pub commercial: bool,
    pub submission_id: Option<String>,
    /// The organisations it is for (only the caller's own, for an organisation).
    pub organisations: Vec<i32>,
    /// When the caller's organisation marked it actioned, and who did.
    pub actioned_at: Option<DateTime<Utc>>,
    pub actioned_by: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub files: Vec<DocumentFileView>,
}

fn file_view(file: StoredFile) -> DocumentFileView {
    DocumentFileView {
        href: format!("/api/v1/documents/{}/files/{}", file.document_id, file.id),
        id: file.id,
        file_name: file.file_name,
        media_type: file.media_type,
        size_bytes: file.size_bytes,
        sha256: file.sha256,
        organisation: file.organisation,
        uploaded_by: file.uploaded_by,
        uploaded_at: file.uploaded_at.and_utc(),
    }
}

impl From<StoredDocument> for DocumentView {
    fn from(document: StoredDocument) -> Self {
        let details = document.details;
        DocumentView {
            id: document.id,
            owner: document.owner.map(Edumis::value),
            document_type: details.document_type,
            title: details.title,
            subject: details.subject,
            fund: details.fund,
            plan_year: details.plan_year,
            action: details.action,
            due_on: details.due_on,
            commercial: details.commercial,
            submission_id: details.submission_id,
            organisations: document.audience.into_iter().map(Edumis::value).collect(),
            actioned_at: document.actioned.as_ref().map(|(at, _)| *at),
            actioned_by: document.actioned.map(|(_, by)| by),
            created_by: document.created_by,
            created_at: document.created_at,
            files: document.files.into_iter().map(file_view).collect(),
        }
    }
}

/// An organisation's documents.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentList {
    /// Newest first; at most 200.
    pub documents: Vec<DocumentView>,
}

/// The query of the list of documents.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct DocumentQuery {
    /// The organisation's EDUMIS number: required of the funder's staff, the caller's own by
    /// default.
    pub organisation: Option<i64>,
    pub document_type: Option<DocumentType>,
    /// Only documents to action not yet marked actioned.
    pub to_action: Option<bool>,
    /// Only documents linked to this submission.
    pub submission_id: Option<String>,
}

/// The document in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DocumentPath {
    pub id: String,
}

/// The file in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
#[serde(rename_all = "camelCase")]
pub struct DocumentFilePath {
    pub id: String,
    pub file_id: String,
}

/// The submission a document goes with.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubmissionLink {
    /// The submission's id; `null` unlinks the document.
    pub submission_id: Option<String>,
}

impl From<KeepError> for ApiError {
    fn from(error: KeepError) -> Self {
        match error {
            KeepError::Refused(why) => ApiError::UnsupportedMediaType(why.to_string()),
            too_large @ KeepError::TooLarge { .. } => {
                ApiError::PayloadTooLarge(too_large.to_string())
            }
            interrupted @ KeepError::Interrupted { .. } => {
                ApiError::BadRequest(interrupted.to_string())
            }
            KeepError::Store(cause) => ApiError::Unavailable(cause),
        }
    }
}

fn multipart_error(error: actix_multipart::MultipartError) -> ApiError {
    ApiError::BadRequest(format!(
        "the body must be multipart/form-data with a document part and file parts: {error}"
    ))
}

/// Reads a part wholly, up to `limit` bytes.
async fn read_part(field: &mut Field, limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.try_next().await.map_err(multipart_error)? {
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "the document part is over {limit} bytes"
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Keeps each `file` part of `parts` as a file of `document`; any other part is refused. On a
/// refusal the files already kept are removed again.
async fn keep_files(
    state: &AppState,
    document: &str,
    parts: &mut Multipart,
) -> Result<Vec<KeptFile>, ApiError> {
    let mut kept = Vec::new();
    let outcome: Result<(), ApiError> = async {
        while let Some(mut field) = parts.try_next().await.map_err(multipart_error)? {
            if field.name() != Some("file") {
                return Err(ApiError::BadRequest(format!(
                    "unexpected part '{}': after the document part, send file parts only",
                    field.name().unwrap_or_default()
                )));
            }
            if kept.len() == MAX_FILES_PER_REQUEST {
                return Err(ApiError::PayloadTooLarge(format!(
                    "at most {MAX_FILES_PER_REQUEST} files a request; send the rest in another"
                )));
            }
            let name = field
                .content_disposition()
                .and_then(|disposition| disposition.get_filename())
                .map(|name| name.trim().to_owned())
                .filter(|name| !name.is_empty() && name.chars().count() <= 255)
                .ok_or_else(|| {
                    ApiError::BadRequest(
                        "each file part needs a filename of 1 to 255 characters".to_owned(),
                    )
                })?;
            let file = state
                .service
                .file_store()
                .keep(document, &name, &mut field)
                .await?;
            kept.push(file);
        }
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => Ok(kept),
        Err(error) => {
            state.service.file_store().forget(&kept).await;
            Err(error)
        }
    }
}

fn request_of(input: DocumentInput) -> Result<DocumentRequest, ApiError> {
    let organisations = input
        .organisations
        .unwrap_or_default()
        .into_iter()
        .map(|edumis| {
            Edumis::new(edumis)
                .map_err(|error| ApiError::BadRequest(format!("organisations: {error}")))
        })
        .collect::<Result<_, _>>()?;
    Ok(DocumentRequest {
        document_type: input.document_type,
        title: input.title,
        subject: input.subject,
        fund: input.fund,
        plan_year: input.plan_year,
        action: input.action.unwrap_or(DocumentAction::ToView),
        due_on: input.due_on,
        commercial: input.commercial,
        submission_id: input.submission_id,
        organisations,
        all_organisations: input.all_organisations.unwrap_or(false),
    })
}

/// Makes a document available: the funder's for the organisations it names (or all), told to
/// their people; an organisation's own otherwise. The body is `multipart/form-data`: a
/// `document` part of JSON first, then one `file` part a file. Each file's content must be
/// what its name says; nothing is kept unless all of it is.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    request_body(content = NewDocumentForm, content_type = "multipart/form-data", encoding(("document" = (content_type = "application/json")))),
    responses(
        (status = 201, description = "The document, with its files", body = DocumentView),
        (status = 400, description = "The body or the document's details cannot be used", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not add this document", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "A file over the size limit, or too many files", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A file whose content is not a kind DXP keeps or not what its name says", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Details that break a rule of documents", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/documents")]
pub async fn create_document(
    caller: Authorized<CanWrite>,
    mut parts: Multipart,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    // The document part is read and dropped before the files: the multipart stream moves on
    // to the next part only once the one before is gone.
    let details = {
        let mut first = parts
            .try_next()
            .await
            .map_err(multipart_error)?
            .ok_or_else(|| ApiError::BadRequest("the body has no document part".to_owned()))?;
        if first.name() != Some("document") {
            return Err(ApiError::BadRequest(
                "the first part must be 'document': the document's details as JSON".to_owned(),
            ));
        }
        read_part(&mut first, MAX_DOCUMENT_PART_BYTES).await?
    };
    let input: DocumentInput = serde_json::from_slice(&details)
        .map_err(|error| ApiError::BadRequest(format!("the document part: {error}")))?;
    let plan = state
        .service
        .plan_document(&asker, request_of(input)?)
        .await?;
    let files = keep_files(&state, &plan.id, &mut parts).await?;
    let id = state.service.create_document(plan, files).await?;
    let document = state.service.document(&asker, &id).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/documents/{id}")))
        .json(DocumentView::from(document)))
}

/// Adds files to a document the caller sees: an organisation's files on the funder's
/// document are seen by that organisation and the funder only. The body is
/// `multipart/form-data` of `file` parts.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    params(DocumentPath),
    request_body(content = NewFilesForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The document, with its files", body = DocumentView),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not add files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "A file over the size limit, or too many files", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A file whose content is not a kind DXP keeps or not what its name says", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/documents/{id}/files")]
pub async fn add_document_files(
    caller: Authorized<CanWrite>,
    path: web::Path<DocumentPath>,
    mut parts: Multipart,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let plan = state.service.plan_files(&asker, &path.id).await?;
    let files = keep_files(&state, &path.id, &mut parts).await?;
    if files.is_empty() {
        return Err(ApiError::BadRequest(
            "the body has no file parts".to_owned(),
        ));
    }
    let document = state.service.add_document_files(plan, files).await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(document)))
}

/// An organisation's documents the caller sees, newest first.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    params(DocumentQuery),
    responses(
        (status = 200, description = "The documents", body = DocumentList),
        (status = 400, description = "The funder named no organisation", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Another organisation's documents", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/documents")]
pub async fn list_documents(
    caller: Authorized<CanRead>,
    query: web::Query<DocumentQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let organisation = caller.organisation_for(query.organisation)?;
    let query = query.into_inner();
    let documents = state
        .service
        .documents(
            &asker,
            organisation,
            DocumentFilter {
                document_type: query.document_type,
                to_action_only: query.to_action.unwrap_or(false),
                submission_id: query.submission_id,
            },
        )
        .await?;
    Ok(HttpResponse::Ok().json(DocumentList {
        documents: documents.into_iter().map(DocumentView::from).collect(),
    }))
}

/// One document, with its files.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    params(DocumentPath),
    responses(
        (status = 200, description = "The document", body = DocumentView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/documents/{id}")]
pub async fn get_document(
    caller: Authorized<CanRead>,
    path: web::Path<DocumentPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let document = state.service.document(&asker, &path.id).await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(document)))
}

/// Downloads a file of a document, streamed, as the kind its content is.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    params(DocumentFilePath),
    responses(
        (status = 200, description = "The file's bytes, served as the kind its content is (`Content-Type`), with its name in `Content-Disposition` and its SHA-256 as the `ETag`", content_type = "application/octet-stream", body = FileBytes),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document or file for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/documents/{id}/files/{fileId}")]
pub async fn download_document_file(
    caller: Authorized<CanRead>,
    path: web::Path<DocumentFilePath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let (file, bytes) = state
        .service
        .document_file(&asker, &path.id, &path.file_id)
        .await?;
    let file_id = file.id.clone();
    let bytes = bytes.map_err(move |cause| {
        tracing::error!(file = %file_id, error = %cause, "a download stopped: the store failed");
        std::io::Error::other(cause)
    });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, file.media_type.clone()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            dxp_domain::documents::attachment_disposition(&file.file_name),
        ))
        .insert_header((header::ETAG, format!("\"{}\"", file.sha256)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .no_chunking(u64::try_from(file.size_bytes).unwrap_or_default())
        .streaming(bytes))
}

/// Marks a document to action done for the caller's organisation: it leaves what is due.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    params(DocumentPath),
    responses(
        (status = 200, description = "The document, marked actioned", body = DocumentView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The funder, or read-only access", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A document to view", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/documents/{id}/actioned")]
pub async fn mark_document_actioned(
    caller: Authorized<CanWrite>,
    path: web::Path<DocumentPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let document = state
        .service
        .mark_document_actioned(&asker, &path.id)
        .await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(document)))
}

/// Links the organisation's own document to one of its submissions, or unlinks it.
#[utoipa::path(
    tag = super::tags::DOCUMENTS,
    security(("bearer" = [])),
    params(DocumentPath),
    request_body = SubmissionLink,
    responses(
        (status = 200, description = "The document, linked", body = DocumentView),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's own document", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document or submission for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The funder's document", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/documents/{id}/submission")]
pub async fn link_document_submission(
    caller: Authorized<CanWrite>,
    path: web::Path<DocumentPath>,
    body: web::Json<SubmissionLink>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let document = state
        .service
        .link_document(&asker, &path.id, body.into_inner().submission_id)
        .await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(document)))
}
