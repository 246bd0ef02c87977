//! One set of routes per SDR file (and the EFTS forecast), generated from one template so the
//! files behave the same: upload (JSON or CSV), delete one record, read the records back, and the dry run.

use std::cell::RefCell;
use std::rc::Rc;

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use dxp_domain::SdrFile;
use dxp_formats::csv::{CsvWriter, WriteError};
use dxp_persistence::submissions::Submission;
use dxp_service::{Caller, Service};
use futures_util::stream;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::record_files::{RecordPage, RecordQuery, UploadReport};
use crate::auth::{Authorized, CanRead, CanWrite};
use crate::body_stream::{body_channel, format_of_request};
use crate::{ApiError, AppState, Problem};

/// Records read per database round trip while exporting CSV.
pub(crate) const EXPORT_PAGE: i64 = 5_000;

/// Streams a file's records as DXP CSV, page by page: each page is read through the use cases,
/// written as CSV and sent before the next is read, so memory stays flat whatever the file's
/// size and no database connection is held while the client reads.
pub(crate) fn csv_export(
    service: Service,
    caller: Caller,
    file: SdrFile,
    submission: Submission,
) -> HttpResponse {
    let indicative = submission.round.kind == dxp_domain::RoundKind::Ind;
    let name = dxp_formats::file_name(file, submission.organisation, indicative);
    let written = SharedBuffer::default();
    let export = Export {
        writer: Some(CsvWriter::new(file, written.clone())),
        after: None,
    };
    let id = submission.id;
    let body = stream::unfold(export, move |mut export| {
        let (service, caller, id, written) =
            (service.clone(), caller.clone(), id.clone(), written.clone());
        async move {
            let mut writer = export.writer.take()?;
            let page = service
                .record_page(&caller, &id, file, export.after.take(), EXPORT_PAGE)
                .await;
            let chunk = page
                .map_err(ApiError::from)
                .and_then(|page| {
                    for (_, text) in &page.records {
                        writer.write_json(text).map_err(export_failed)?;
                    }
                    match page.next {
                        Some(next) => {
                            writer.flush().map_err(export_failed)?;
                            export.after = Some(next);
                            export.writer = Some(writer);
                        }
                        None => drop(writer.finish().map_err(export_failed)?),
                    }
                    Ok(written.take())
                })
                .map_err(actix_web::Error::from);
            Some((chunk, export))
        }
    });
    super::download(super::CSV_TYPE, &name).streaming(body)
}

/// Where a CSV export is: the writer until the last page is written, and the `localId` to read
/// on from.
struct Export {
    writer: Option<CsvWriter<SharedBuffer>>,
    after: Option<String>,
}

pub(crate) fn export_failed(error: WriteError) -> ApiError {
    ApiError::Internal(format!("a stored record cannot be written as CSV: {error}"))
}

/// The bytes the CSV writer has written since they were last taken for the response.
#[derive(Clone, Default)]
pub(crate) struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl SharedBuffer {
    pub(crate) fn take(&self) -> Bytes {
        Bytes::from(std::mem::take(&mut *self.0.borrow_mut()))
    }
}

impl std::io::Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The verdict of a dry run.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    /// True when no record has an error (warnings allowed).
    pub valid: bool,
    pub error_count: usize,
    pub warning_count: usize,
    /// Every problem of every record, in record order. For a CSV file, `index` is the line
    /// number in the file. At most 10,000 are listed; the counts cover them all.
    pub problems: Vec<dxp_domain::validation::Problem>,
    /// True when there were more problems than are listed.
    pub problems_truncated: bool,
}

/// The return a dry run checks records for.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct DryRunQuery {
    /// The year of the return the records are for (e.g. 2026): the rules that depend on it
    /// (a learner's age, first year of tertiary study, a year in a course code) apply only when
    /// it is given.
    #[param(minimum = 2000, maximum = 2100, example = 2026)]
    pub return_year: Option<i32>,
}

/// Checks the records of a request and stores nothing.
async fn dry_run(
    file: SdrFile,
    state: &AppState,
    req: &HttpRequest,
    query: DryRunQuery,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    super::params::year_in_range("returnYear", query.return_year)?;
    let format = format_of_request(req)?;
    let limits = state.limits;
    let (sender, reader, too_large) = body_channel();
    let service = state.service.clone();
    let job = actix_web::rt::spawn(async move {
        service
            .dry_run(
                (file, format),
                reader,
                query.return_year,
                limits.max_records,
            )
            .await
    });
    sender.forward(req, payload, limits.max_bytes(format)).await;
    let outcome = job
        .await
        .map_err(|error| ApiError::Internal(format!("validation task failed: {error}")))?;
    // A body refused for its size fails the reader too: the limit is what to report.
    if too_large.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(limits.too_large(format));
    }
    let dry_run = outcome?;
    Ok(HttpResponse::Ok().json(ValidationReport {
        valid: dry_run.valid(),
        error_count: dry_run.tally.error_count,
        warning_count: dry_run.tally.warning_count,
        problems: dry_run.tally.problems,
        problems_truncated: dry_run.tally.problems_truncated,
    }))
}

/// Generates the routes of one file.
macro_rules! file_routes {
    (
        module: $module:ident,
        file: $file:expr,
        record: $record:ty,
        batch: $batch:ident,
        what: $what:literal,
        upload: $upload:ident = $records_path:literal,
        read: $read:ident,
        delete: $delete:ident = $delete_path:literal,
        dry_run: $dry_run:ident = $dry_run_path:literal $(,)?
    ) => {
        pub mod $module {
            use super::*;

            #[doc = concat!("A batch of ", $what, " records.")]
            #[derive(Debug, Serialize, Deserialize, ToSchema)]
            pub struct $batch {
                /// The records, each with its integrator-chosen `localId`. A record with a wrong
                /// type or a missing field is reported on its own; the others are still checked.
                pub records: Vec<$record>,
            }

            #[doc = concat!("Adds or replaces ", $what, " records by `localId`, as JSON `{records}` or as a DXP CSV file (`Content-Type: text/csv`, a header row of field titles, dates DD/MM/YYYY, `;` between multiple values). The request is stored whole or not at all; each record's own problems are reported and kept with it. Send an `Idempotency-Key` header to make a retried request return the first answer.")]
            #[utoipa::path(
                tag = super::super::tags::SUBMISSIONS,
                params(
                    ("id" = String, Path, description = "The submission's id"),
                    ("Idempotency-Key" = Option<String>, Header, description = "A key unique to this request; a retry with the same key gets the first answer"),
                ),
                request_body(content((
                    $batch = "application/json"), (String = "text/csv")),
                    description = "The records, as JSON or as a DXP CSV file"),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "Stored; the problems found in these records", body = UploadReport),
                    (status = 400, description = "The body is not JSON with a `records` array, or not a readable CSV file", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
                    (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
                    (status = 409, description = "The submission takes no changes now (being validated, submitted, superseded or cancelled)", body = Problem, content_type = "application/problem+json"),
                    (status = 413, description = "The body or the number of records is over the limit", body = Problem, content_type = "application/problem+json"),
                    (status = 415, description = "The body is neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "The round does not take this file, or the Idempotency-Key was used for a different request", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[post($records_path)]
            pub async fn $upload(
                caller: Authorized<CanWrite>,
                state: web::Data<AppState>,
                req: HttpRequest,
                path: web::Path<String>,
                payload: web::Payload,
            ) -> Result<HttpResponse, ApiError> {
                let source = super::super::record_files::Source::Request($file);
                super::super::record_files::upload(source, &caller, &state, &req, path.into_inner(), payload).await
            }

            #[doc = concat!("Reads the ", $what, " records back in `localId` order, exactly as received: JSON pages, or with `Accept: text/csv` the whole file in the DXP CSV format (it can be uploaded again unchanged).")]
            #[utoipa::path(
                tag = super::super::tags::SUBMISSIONS,
                params(("id" = String, Path, description = "The submission's id"), RecordQuery),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "A page of records (JSON), or the whole file (CSV)",
                        content((RecordPage = "application/json"), (String = "text/csv"))),
                    (status = 400, description = "A query parameter is invalid", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
                    (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[get($records_path)]
            pub async fn $read(
                caller: Authorized<CanRead>,
                state: web::Data<AppState>,
                req: HttpRequest,
                path: web::Path<String>,
                query: web::Query<RecordQuery>,
            ) -> Result<HttpResponse, ApiError> {
                super::super::record_files::read($file, &caller, &state, &req, path.into_inner(), query.into_inner()).await
            }

            #[doc = concat!("Deletes one ", $what, " record.")]
            #[utoipa::path(
                tag = super::super::tags::SUBMISSIONS,
                params(
                    ("id" = String, Path, description = "The submission's id"),
                    ("localId" = String, Path, description = "The record's localId"),
                ),
                security(("bearer" = [])),
                responses(
                    (status = 204, description = "Deleted"),
                    (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
                    (status = 404, description = "No such submission for this organisation, or no such record", body = Problem, content_type = "application/problem+json"),
                    (status = 409, description = "The submission takes no changes now", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "The round is published (RD-001): its data can no longer be altered", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[delete($delete_path)]
            pub async fn $delete(
                caller: Authorized<CanWrite>,
                state: web::Data<AppState>,
                path: web::Path<(String, String)>,
            ) -> Result<HttpResponse, ApiError> {
                let (id, local_id) = path.into_inner();
                super::super::record_files::delete($file, &caller, &state, id, local_id).await
            }

            #[doc = concat!("Checks ", $what, " records against every rule of the file and stores nothing: the trial an integrator runs before submitting. Send JSON `{records}` or a DXP CSV file; the answer lists every problem of every record with its rule code.")]
            #[utoipa::path(
                tag = super::super::tags::VALIDATION,
                params(DryRunQuery),
                request_body(content((
                    $batch = "application/json"), (String = "text/csv")),
                    description = "The records to check"),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The verdict, with every problem found", body = ValidationReport),
                    (status = 400, description = "The body is not JSON with a `records` array, or not a readable CSV file", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
                    (status = 413, description = "The body or the number of records is over the limit", body = Problem, content_type = "application/problem+json"),
                    (status = 415, description = "The body is neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
                )
            )]
            #[post($dry_run_path)]
            pub async fn $dry_run(
                _caller: Authorized<CanRead>,
                state: web::Data<AppState>,
                req: HttpRequest,
                query: web::Query<DryRunQuery>,
                payload: web::Payload,
            ) -> Result<HttpResponse, ApiError> {
                dry_run($file, &state, &req, query.into_inner(), payload).await
            }

            /// Registers this file's routes.
            pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
                api.service($upload).service($read).service($delete).service($dry_run);
            }
        }
    };
}

file_routes! {
    module: course_enrolments,
    file: SdrFile::CourseEnrolments,
    record: dxp_domain::CourseEnrolment,
    batch: CourseEnrolmentBatch,
    what: "course enrolment",
    upload: upload_course_enrolments = "/submissions/{id}/course-enrolments",
    read: list_course_enrolments,
    delete: delete_course_enrolment = "/submissions/{id}/course-enrolments/{localId}",
    dry_run: validate_course_enrolments = "/validation/course-enrolments",
}

file_routes! {
    module: learners,
    file: SdrFile::Learners,
    record: dxp_domain::learner::Learner,
    batch: LearnerBatch,
    what: "learner",
    upload: upload_learners = "/submissions/{id}/learners",
    read: list_learners,
    delete: delete_learner = "/submissions/{id}/learners/{localId}",
    dry_run: validate_learners = "/validation/learners",
}

file_routes! {
    module: courses,
    file: SdrFile::Courses,
    record: dxp_domain::course::Course,
    batch: CourseBatch,
    what: "course register",
    upload: upload_courses = "/submissions/{id}/courses",
    read: list_courses,
    delete: delete_course = "/submissions/{id}/courses/{localId}",
    dry_run: validate_courses = "/validation/courses",
}

file_routes! {
    module: course_completions,
    file: SdrFile::CourseCompletions,
    record: dxp_domain::course_completion::CourseCompletion,
    batch: CourseCompletionBatch,
    what: "course completion",
    upload: upload_course_completions = "/submissions/{id}/course-completions",
    read: list_course_completions,
    delete: delete_course_completion = "/submissions/{id}/course-completions/{localId}",
    dry_run: validate_course_completions = "/validation/course-completions",
}

file_routes! {
    module: qualification_completions,
    file: SdrFile::QualificationCompletions,
    record: dxp_domain::qualification_completion::QualificationCompletion,
    batch: QualificationCompletionBatch,
    what: "qualification completion",
    upload: upload_qualification_completions = "/submissions/{id}/qualification-completions",
    read: list_qualification_completions,
    delete: delete_qualification_completion = "/submissions/{id}/qualification-completions/{localId}",
    dry_run: validate_qualification_completions = "/validation/qualification-completions",
}

file_routes! {
    module: efts_forecasts,
    file: SdrFile::EftsForecasts,
    record: dxp_domain::efts_forecast::EftsForecast,
    batch: EftsForecastBatch,
    what: "EFTS forecast",
    upload: upload_efts_forecasts = "/submissions/{id}/efts-forecasts",
    read: list_efts_forecasts,
    delete: delete_efts_forecast = "/submissions/{id}/efts-forecasts/{localId}",
    dry_run: validate_efts_forecasts = "/validation/efts-forecasts",
}

/// Registers the routes of the five files and the EFTS forecast, and the legacy import.
pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(upload_legacy_file);
    learners::register(api);
    course_enrolments::register(api);
    courses::register(api);
    course_completions::register(api);
    qualification_completions::register(api);
    efts_forecasts::register(api);
}

/// Imports a legacy STEO fixed-width file (`STUD####.txt`, `COUR####.txt`, `CREG####.txt`,
/// `QUAL####.txt`, `COMP####.txt`) into a submission, for historic resubmissions: each line is
/// converted to the DXP record of its file and stored as a JSON upload would be. Problems carry
/// the file's line number as `index`; every line's provider code must be the submission's
/// organisation.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(
        ("id" = String, Path, description = "The submission's id"),
        ("fileName" = String, Path, description = "The legacy file's name, e.g. `COUR6004.txt`: its prefix says which file it is"),
        ("Idempotency-Key" = Option<String>, Header, description = "A key unique to this request; a retry with the same key gets the first answer"),
    ),
    request_body(content = String, content_type = "text/plain", description = "The fixed-width file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored; the problems found", body = UploadReport),
        (status = 400, description = "The file name is not a legacy file name, or the file cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The submission takes no changes now", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The round does not take this file", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions/{id}/legacy-files/{fileName}")]
pub async fn upload_legacy_file(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let (id, name) = path.into_inner();
    let (kind, _) = dxp_formats::legacy::parse_file_name(&name).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "'{name}' is not a legacy file name; expected STUD, COUR, CREG, QUAL or COMP followed by the EDUMIS number, e.g. COUR6004.txt"
        ))
    })?;
    super::record_files::upload(
        super::record_files::Source::Legacy(kind),
        &caller,
        &state,
        &req,
        id,
        payload,
    )
    .await
}
