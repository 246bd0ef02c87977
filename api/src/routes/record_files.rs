//! The records of a submission's files, the HTTP side, the same way for all five SDR files:
//! upload (add or replace by `localId`, as JSON `{records}`, a DXP CSV file or a legacy file),
//! delete one, and read them back (JSON pages, or the whole file as DXP CSV). The per-file
//! routes in [`super::files`] call these; the work is the service's ([`dxp_service::upload`]).

use actix_web::{HttpRequest, HttpResponse, web};
use dxp_domain::SdrFile;
use dxp_domain::validation::Problem as RecordProblem;
use dxp_service::ingest::Format;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use super::submissions::{page_size, wants_csv};
use crate::auth::Principal;
use crate::body_stream::{body_channel, format_of_request};
use crate::idempotency::{self, IdempotencyKey};
use crate::state::caller_of;
use crate::upload_limits::read_body;
use crate::{ApiError, AppState};

/// What an upload did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadReport {
    /// Records in the request (data rows of a CSV file).
    pub received: usize,
    /// Records added or replaced.
    pub stored: usize,
    /// Records identical to those already stored: sending a batch twice changes nothing.
    pub unchanged: usize,
    /// Records that could not be stored because they have no usable `localId`.
    pub not_stored: usize,
    /// Errors and warnings found in the records of this request.
    pub error_count: usize,
    pub warning_count: usize,
    /// The submission's status after the upload (a checked submission returns to `Draft`).
    pub status: dxp_domain::submission::SubmissionStatus,
    /// Every problem found in the records of this request, including those between records of
    /// the request (rules across records and files are applied again to the whole submission
    /// when it is validated). For a CSV file, `index` is the line number in the file. At most
    /// 10,000 are listed; the counts cover them all.
    pub problems: Vec<RecordProblem>,
    /// True when there were more problems than are listed (all are stored).
    pub problems_truncated: bool,
}

impl From<dxp_service::upload::Upload> for UploadReport {
    fn from(upload: dxp_service::upload::Upload) -> Self {
        let tally = upload.tally;
        Self {
            received: tally.received,
            stored: upload.stored,
            unchanged: upload.unchanged,
            not_stored: upload.not_stored,
            error_count: tally.error_count,
            warning_count: tally.warning_count,
            status: upload.status,
            problems: tally.problems,
            problems_truncated: tally.problems_truncated,
        }
    }
}

/// Where an upload's records come from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    /// JSON `{records}` or a DXP CSV file, by the request's Content-Type.
    Request(SdrFile),
    /// A legacy STEO fixed-width file.
    Legacy(dxp_formats::LegacyKind),
}

impl Source {
    fn file(self) -> SdrFile {
        match self {
            Source::Request(file) => file,
            Source::Legacy(kind) => kind.file(),
        }
    }
}

/// Adds or replaces records of one file, streaming: the body is parsed, checked and written
/// chunk by chunk in one transaction, so memory stays flat whatever the upload's size. With an
/// `Idempotency-Key` the body is read first, to compare it with the key's first request.
pub(crate) async fn upload(
    source: Source,
    caller: &Principal,
    state: &AppState,
    req: &HttpRequest,
    submission_id: String,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let who = caller_of(caller)?;
    let file = source.file();
    let format = match source {
        Source::Request(_) => format_of_request(req)?,
        Source::Legacy(kind) => Format::Legacy(kind),
    };
    let limits = state.limits;
    let (key, payload) = if req.headers().contains_key(idempotency::HEADER) {
        let body = read_body(req, payload, limits.max_bytes(format)).await?;
        let key = IdempotencyKey::from_request(req, caller, &body)?;
        if let Some(key) = &key
            && let Some(replay) = idempotency::replay(state, key).await?
        {
            return Ok(replay);
        }
        (key.map(|key| (key, body)), None)
    } else {
        (None, Some(payload))
    };
    let (sender, reader, too_large) = body_channel();
    let service = state.service.clone();
    // The use case reads the body on the blocking pool while this task feeds it.
    let job = actix_web::rt::spawn(async move {
        service
            .upload(
                &who,
                &submission_id,
                (file, format),
                reader,
                limits.max_records,
            )
            .await
    });
    match (&key, payload) {
        (Some((_, body)), _) => sender.forward_bytes(body.clone()).await,
        (None, Some(payload)) => sender.forward(req, payload, limits.max_bytes(format)).await,
        (None, None) => drop(sender),
    }
    let outcome = job
        .await
        .map_err(|error| ApiError::Internal(format!("upload task failed: {error}")))?;
    // A body refused for its size fails the reader too: the limit is what to report.
    if too_large.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(limits.too_large(format));
    }
    let report = UploadReport::from(outcome?);
    let response = serde_json::to_string(&report)
        .map_err(|error| ApiError::Internal(format!("cannot serialise the report: {error}")))?;
    if let Some((key, _)) = key {
        idempotency::remember(state, key, 200, response.clone()).await?;
    }
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(response))
}

/// Deletes one record of a file.
pub(crate) async fn delete(
    file: SdrFile,
    caller: &Principal,
    state: &AppState,
    submission_id: String,
    local_id: String,
) -> Result<HttpResponse, ApiError> {
    state
        .service
        .delete_record(&caller_of(caller)?, &submission_id, file, &local_id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A page of a file's records, as they were received.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordPage {
    /// The records, in `localId` order, exactly as received (CSV rows as converted to JSON).
    #[schema(value_type = Vec<Object>)]
    pub results: Vec<Box<RawValue>>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordQuery {
    /// The `nextCursor` of the previous page.
    pub after: Option<String>,
    /// Records per page, 1 to 1000 (default 100). Ignored for CSV, which is the whole file.
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// Reads a file's records back: JSON pages, or the whole file as DXP CSV.
pub(crate) async fn read(
    file: SdrFile,
    caller: &Principal,
    state: &AppState,
    req: &HttpRequest,
    submission_id: String,
    query: RecordQuery,
) -> Result<HttpResponse, ApiError> {
    let who = caller_of(caller)?;
    if wants_csv(req) {
        let submission = state.service.find_submission(&who, &submission_id).await?;
        return Ok(super::files::csv_export(
            state.service.clone(),
            who,
            file,
            submission,
        ));
    }
    let limit = page_size(query.limit)?;
    let page = state
        .service
        .record_page(&who, &submission_id, file, query.after, limit)
        .await?;
    let mut results = Vec::with_capacity(page.records.len());
    for (local_id, text) in page.records {
        results.push(RawValue::from_string(text).map_err(|error| {
            ApiError::Internal(format!("stored record {local_id} is not JSON: {error}"))
        })?);
    }
    Ok(HttpResponse::Ok().json(RecordPage {
        results,
        next_cursor: page.next,
    }))
}
