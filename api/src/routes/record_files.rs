//! The records of a submission, the same way for all five SDR files: upload (add or replace by
//! `localId`, as JSON `{records}` or as a DXP CSV file), delete one, and read them back (JSON
//! pages, or the whole file as DXP CSV). The per-file routes in [`super::files`] call these.

use actix_web::{HttpRequest, HttpResponse, web};
use dxp_domain::validation::{
    FileReport, Problem as RecordProblem, check_file, check_file_in_year, rule_by_code,
};
use dxp_domain::{Problem, SdrFile};
use dxp_persistence::records::{self, IncomingRecord, RecordWriter};
use dxp_persistence::submissions;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use super::submissions::{page_size, scope_of, wants_csv};
use crate::auth::Principal;
use crate::idempotency::{self, IdempotencyKey};
use crate::ingest::{CHUNK_RECORDS, Format, RecordIn, body_channel, for_each_record};
use crate::records::read_body;
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

/// The most problems an upload or dry-run answer lists; the counts cover them all, and every
/// problem of an upload is stored (`GET …/problems` pages through them).
pub const MAX_LISTED_PROBLEMS: usize = 10_000;

/// What checking the records of one request found, gathered chunk by chunk.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub received: usize,
    pub error_count: usize,
    pub warning_count: usize,
    pub problems: Vec<RecordProblem>,
    pub problems_truncated: bool,
}

impl Tally {
    pub(crate) fn add(&mut self, problems: &[RecordProblem]) {
        for problem in problems {
            match problem.severity {
                dxp_domain::Severity::Error => self.error_count += 1,
                dxp_domain::Severity::Warning => self.warning_count += 1,
            }
            if self.problems.len() < MAX_LISTED_PROBLEMS {
                self.problems.push(problem.clone());
            } else {
                self.problems_truncated = true;
            }
        }
    }
}

/// Checks a chunk of records (with the return's year, when known, for the rules that depend on
/// it) and merges the problems met reading them; each problem carries its record's number.
pub(crate) fn check_chunk(
    file: SdrFile,
    return_year: Option<i32>,
    chunk: &[RecordIn],
) -> FileReport {
    let texts = chunk.iter().map(|record| record.text.as_str());
    let mut report = match return_year {
        Some(year) => check_file_in_year(file, year, texts),
        None => check_file(file, texts),
    };
    for (checked, record) in report.records.iter_mut().zip(chunk) {
        checked.index = record.number;
        let found = std::mem::take(&mut checked.problems);
        checked.problems =
            dxp_formats::merge_problems(record.number, record.reading_problems.clone(), found);
    }
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

/// Checks one chunk: the records to store with their own problems; what was found is added to
/// `found`. Records without a usable `localId` are counted, not stored.
fn check_for_storing(
    file: SdrFile,
    year: i32,
    chunk: Vec<RecordIn>,
    found: &mut Found,
) -> Vec<IncomingRecord> {
    let checked = check_chunk(file, Some(year), &chunk);
    let mut incoming = Vec::with_capacity(chunk.len());
    for (record, read) in checked.records.into_iter().zip(chunk) {
        found.tally.received += 1;
        found.tally.add(&record.problems);
        match record.local_id.filter(|id| !id.is_empty()) {
            Some(local_id) => incoming.push(IncomingRecord {
                local_id,
                student_identification_code: record.student_identification_code,
                record: read.text,
                // Rules across records are applied to the whole submission when it is
                // validated; only each record's own problems are stored with it.
                problems: record
                    .problems
                    .into_iter()
                    .filter(|p| !across_records(p))
                    .collect(),
            }),
            None => found.not_stored += 1,
        }
    }
    incoming
}

/// What the reading side of an upload found.
struct Found {
    tally: Tally,
    not_stored: usize,
}

/// Checked chunks in flight between the thread that reads and checks an upload and the one
/// that writes it: while one chunk is written, the next is parsed and checked.
const CHUNKS_AHEAD: usize = 1;

/// Reads, checks and writes the records of one upload inside [`records::put_streaming`]'s
/// transaction. A scoped thread reads the body and checks each chunk while this one writes the
/// chunk before, so that checking (this process) and storing (the database) overlap. A failure
/// on either side stops both, and the transaction keeps nothing.
fn read_check_and_write(
    file: SdrFile,
    format: Format,
    reader: impl std::io::Read + Send,
    submission: &dxp_persistence::submissions::Submission,
    max_records: usize,
    writer: &mut RecordWriter<'_>,
) -> Result<Found, ApiError> {
    let year = submission.round.year;
    let organisation = submission.organisation;
    let (chunks, checked) = std::sync::mpsc::sync_channel::<Vec<IncomingRecord>>(CHUNKS_AHEAD);
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || -> Result<Found, ApiError> {
            let mut found = Found {
                tally: Tally::default(),
                not_stored: 0,
            };
            let mut chunk = Vec::with_capacity(CHUNK_RECORDS);
            let send = |chunk: Vec<RecordIn>, found: &mut Found| -> Result<(), ApiError> {
                let incoming = check_for_storing(file, year, chunk, found);
                // The writer has stopped: its own error is the one to report.
                chunks
                    .send(incoming)
                    .map_err(|_| ApiError::Internal("the writer stopped".to_owned()))
            };
            for_each_record(
                format,
                file,
                reader,
                Some(organisation),
                max_records,
                |record| {
                    chunk.push(record);
                    if chunk.len() == CHUNK_RECORDS {
                        send(
                            std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_RECORDS)),
                            &mut found,
                        )?;
                    }
                    Ok(())
                },
            )?;
            if !chunk.is_empty() {
                send(chunk, &mut found)?;
            }
            Ok(found)
        });
        let mut written = Ok(());
        for incoming in checked {
            if let Err(error) = writer.write(&incoming) {
                written = Err(ApiError::from(error));
                break;
            }
        }
        let found = reading
            .join()
            .map_err(|_| ApiError::Internal("the upload's reader panicked".to_owned()))?;
        written?;
        found
    })
}

/// Reads, checks and stores the records of one upload of `file` in `format` from `reader`, in
/// one transaction: what an upload request does once its body flows, and what `dxp sandbox`
/// does with the sample return. Blocks: call it off the async runtime.
pub fn store(
    conn: &mut dxp_persistence::DbConnection,
    submission_id: &str,
    scope: dxp_persistence::submissions::Scope,
    actor: &str,
    (file, format): (SdrFile, Format),
    reader: impl std::io::Read + Send,
    max_records: usize,
) -> Result<UploadReport, ApiError> {
    let (found, outcome) = records::put_streaming(
        conn,
        submission_id,
        scope,
        actor,
        file,
        // The store has refused a file the submission's type and round do not take
        // (RD-009) before this reads anything.
        |submission, writer| {
            read_check_and_write(file, format, reader, submission, max_records, writer)
        },
    )?;
    let Found { tally, not_stored } = found;
    Ok(UploadReport {
        received: tally.received,
        stored: outcome.stored,
        unchanged: outcome.unchanged,
        not_stored,
        error_count: tally.error_count,
        warning_count: tally.warning_count,
        status: outcome.status,
        problems: tally.problems,
        problems_truncated: tally.problems_truncated,
    })
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
    let scope = scope_of(caller)?;
    let file = source.file();
    let format = match source {
        Source::Request(_) => Format::of_request(req)?,
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
    let pool = state.db.pool();
    let actor = caller.subject.clone();
    let job = actix_web::rt::task::spawn_blocking(move || -> Result<UploadReport, ApiError> {
        let mut conn = pool.get()?;
        store(
            &mut conn,
            &submission_id,
            scope,
            &actor,
            (file, format),
            reader,
            limits.max_records,
        )
    });
    match (&key, payload) {
        (Some((_, body)), _) => sender.forward_bytes(body.clone()).await,
        (None, Some(payload)) => sender.forward(req, payload, limits.max_bytes(format)).await,
        (None, None) => drop(sender),
    }
    let outcome = job
        .await
        .map_err(|error| ApiError::Internal(format!("upload task failed: {error}")))?;
    if too_large.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(limits.too_large(format));
    }
    let report = outcome?;
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
