//! The records of a submission, the same way for all five SDR files: upload (add or replace by
//! `localId`, as JSON `{records}` or as a DXP CSV file), delete one, and read them back (JSON
//! pages, or the whole file as DXP CSV). The per-file routes in [`super::files`] call these.

use actix_web::{HttpRequest, HttpResponse, web};
use dxp_domain::validation::{
    FileReport, Problem as RecordProblem, check_file, check_file_in_year, rule_by_code,
};
use dxp_domain::{Problem, SdrFile};
use dxp_persistence::records::{self, IncomingRecord};
use dxp_persistence::submissions;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use super::submissions::{page_size, scope_of, wants_csv};
use crate::auth::Principal;
use crate::idempotency::{self, IdempotencyKey};
use crate::records::{read_body, split_records};
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
    /// when it is validated). For a CSV file, `index` is the line number in the file.
    pub problems: Vec<RecordProblem>,
}

/// The records of a request, each as JSON text, with problems found while reading them (a CSV
/// cell in the wrong format) and the number to report each one under.
pub(crate) struct ReadRecords {
    pub texts: Vec<String>,
    /// Per record: the number its problems carry as `index` (position, or CSV line number).
    pub numbers: Vec<usize>,
    pub reading_problems: Vec<Vec<Problem>>,
}

/// The body's records, from JSON `{records}` or a DXP CSV file.
pub(crate) fn read_records(
    file: SdrFile,
    req: &HttpRequest,
    body: &[u8],
    state: &AppState,
) -> Result<ReadRecords, ApiError> {
    let limits = state.limits;
    if super::files::is_csv(req)? {
        return super::files::read_csv(file, body, limits);
    }
    let texts: Vec<String> = split_records(body, limits)?
        .into_iter()
        .map(str::to_owned)
        .collect();
    let count = texts.len();
    Ok(ReadRecords {
        texts,
        numbers: (0..count).collect(),
        reading_problems: vec![Vec::new(); count],
    })
}

/// Checks records and merges the problems found while reading them. With the return's year,
/// the rules that depend on it (a learner's age, first year of tertiary study, a year in a
/// course code) apply too.
pub(crate) fn check(file: SdrFile, return_year: Option<i32>, read: &ReadRecords) -> FileReport {
    let texts = read.texts.iter().map(String::as_str);
    let mut report = match return_year {
        Some(year) => check_file_in_year(file, year, texts),
        None => check_file(file, texts),
    };
    for (record, (number, reading)) in report
        .records
        .iter_mut()
        .zip(read.numbers.iter().zip(&read.reading_problems))
    {
        record.index = *number;
        let found = std::mem::take(&mut record.problems);
        record.problems = dxp_formats::merge_problems(*number, reading.clone(), found);
    }
    let (errors, warnings) =
        report
            .records
            .iter()
            .flat_map(|r| &r.problems)
            .fold((0, 0), |(e, w), p| match p.severity {
                dxp_domain::Severity::Error => (e + 1, w),
                dxp_domain::Severity::Warning => (e, w + 1),
            });
    report.error_count = errors;
    report.warning_count = warnings;
    report
}

/// Whether a problem is one of the rules relating records to each other, which the validation
/// run applies to the whole submission.
fn across_records(problem: &Problem) -> bool {
    rule_by_code(&problem.rule).is_some_and(|rule| rule.applies_across_records())
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

/// Adds or replaces records of one file.
pub(crate) async fn upload(
    source: Source,
    caller: &Principal,
    state: &AppState,
    req: &HttpRequest,
    submission_id: String,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let file = source.file();
    let scope = scope_of(caller)?;
    let body = read_body(req, payload, state.limits.max_body_bytes).await?;
    let key = IdempotencyKey::from_request(req, caller, &body)?;
    if let Some(key) = &key
        && let Some(replay) = idempotency::replay(state, key).await?
    {
        return Ok(replay);
    }
    let read = match source {
        Source::Request(file) => Some(read_records(file, req, &body, state)?),
        // A legacy file's provider code is checked against the submission's organisation,
        // which is known only once the submission is read.
        Source::Legacy(_) => None,
    };
    let limits = state.limits;
    let actor = caller.subject.clone();
    let report = state
        .db
        .run(move |conn| {
            let submission = submissions::find(conn, &submission_id, scope)?;
            let files = submission.round.kind.files();
            if !files.contains(&file) {
                let names: Vec<&str> = files.iter().map(|f| f.as_str()).collect();
                return Err(ApiError::Unprocessable(format!(
                    "round {} takes only these files: {}; {file} records are not part of it",
                    submission.round,
                    names.join(", ")
                )));
            }
            let read = match (read, source) {
                (Some(read), _) => read,
                (None, Source::Legacy(kind)) => {
                    super::files::read_legacy(kind, &body, limits, submission.organisation)?
                }
                (None, Source::Request(_)) => {
                    return Err(ApiError::Internal("records were not read".to_owned()));
                }
            };
            let checked = check(file, Some(submission.round.year), &read);
            let received = checked.records.len();
            let (error_count, warning_count) = (checked.error_count, checked.warning_count);
            let mut incoming = Vec::with_capacity(received);
            let mut problems = Vec::with_capacity(error_count + warning_count);
            let mut not_stored = 0;
            for (record, text) in checked.records.into_iter().zip(read.texts) {
                match record.local_id.filter(|id| !id.is_empty()) {
                    Some(local_id) => incoming.push(IncomingRecord {
                        local_id,
                        student_identification_code: record.student_identification_code,
                        record: text,
                        // Rules across records are applied to the whole submission when it is
                        // validated; only each record's own problems are stored with it.
                        problems: record
                            .problems
                            .iter()
                            .filter(|p| !across_records(p))
                            .cloned()
                            .collect(),
                    }),
                    None => not_stored += 1,
                }
                problems.extend(record.problems);
            }
            let outcome = records::put(conn, &submission_id, scope, &actor, file, &incoming)?;
            Ok(UploadReport {
                received,
                stored: outcome.stored,
                unchanged: outcome.unchanged,
                not_stored,
                error_count,
                warning_count,
                status: outcome.status,
                problems,
            })
        })
        .await?;
    let response = serde_json::to_string(&report)
        .map_err(|error| ApiError::Internal(format!("cannot serialise the report: {error}")))?;
    if let Some(key) = key {
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
    let scope = scope_of(caller)?;
    let actor = caller.subject.clone();
    state
        .db
        .run(move |conn| records::delete(conn, &submission_id, scope, &actor, file, &local_id))
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
    /// Pass as `after` for the next page; absent on the last page.
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
    let scope = scope_of(caller)?;
    let checked_id = submission_id.clone();
    let submission = state
        .db
        .run(move |conn| submissions::find(conn, &checked_id, scope))
        .await?;
    if wants_csv(req) {
        return Ok(super::files::csv_export(state.db.clone(), file, submission));
    }
    let limit = page_size(query.limit)?;
    let rows = state
        .db
        .run(move |conn| {
            records::page(
                conn,
                &submission_id,
                file,
                query.after.as_deref(),
                limit + 1,
            )
        })
        .await?;
    let has_more = rows.len() as i64 > limit;
    let mut results = Vec::with_capacity(rows.len());
    let mut last = None;
    for (local_id, text) in rows.into_iter().take(limit as usize) {
        results.push(RawValue::from_string(text).map_err(|error| {
            ApiError::Internal(format!("stored record {local_id} is not JSON: {error}"))
        })?);
        last = Some(local_id);
    }
    Ok(HttpResponse::Ok().json(RecordPage {
        results,
        next_cursor: if has_more { last } else { None },
    }))
}
