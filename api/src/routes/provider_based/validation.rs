//! P9–P11, `/submissions/v1.0/validation/{submissionToken}`: request a validation run of the
//! submission a token names, read how it is going, and read its results page by page. A run is
//! DXP's validation job: the same validators and rules as `/api/v1`.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use dxp_domain::SdrFile;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::validation::rule_by_code;
use dxp_persistence::jobs::{JobState, Run};
use dxp_service::provider_based::{ProblemWithRecord, ValidationRequest, ValidationRuns};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Paging, ProviderCaller, error_codes, run_status, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState, Problem};

/// A validation run (§2.3 of the funder's API).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"submissionToken": "3f8a…", "dateReceived": "2026-08-03T02:00:00Z", "dateStarted": "2026-08-03T02:00:01Z", "dateCompleted": "2026-08-03T02:00:04Z", "status": "Processed", "errorCount": 0, "warningCount": 2}))]
pub struct ValidationRun {
    pub submission_token: String,
    /// When the run was asked for; `null` while the submission takes records.
    pub date_received: Option<DateTime<Utc>>,
    pub date_started: Option<DateTime<Utc>>,
    pub date_completed: Option<DateTime<Utc>>,
    /// `Accumulate`, `Queued`, `InProgress`, `Processed`, `Rejected`, `Submitted` or
    /// `Cancelled`.
    pub status: String,
    /// The errors found: by the run once it is done, by the uploads so far before.
    pub error_count: i64,
    pub warning_count: i64,
}

/// One problem found in the submission (§2.5 of the funder's API).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"localId": "ENR-1", "errorCode": "CE-012", "ruleCode": "CE-012", "field": "courseCode", "errorDescription": "courseCode ABC123 is not in the course register file", "errorType": "Error", "fileType": "Enrolment", "courseCode": "ABC123", "studentId": "S0001", "recordText": "{\"localId\":\"ENR-1\",…}"}))]
pub struct ValidationResult {
    /// The record's `localId`; empty for a problem about no one record.
    pub local_id: String,
    /// The funder's legacy three-digit error number where DXP's rule is the same one, DXP's
    /// rule code otherwise.
    pub error_code: String,
    /// DXP's rule code, always: `GET /api/v1/validation/rules` describes it.
    pub rule_code: String,
    /// The field the problem is about; empty for the whole record.
    pub field: String,
    pub error_description: String,
    /// `Error` or `Warning`.
    pub error_type: String,
    /// `Learner`, `Course`, `Enrolment`, `CourseCompletion`, `QualificationCompletion` or
    /// `Unknown`.
    pub file_type: String,
    /// The record's `courseCode`, when it has one.
    pub course_code: Option<String>,
    /// The record's `studentIdentificationCode`, when it has one.
    pub student_id: Option<String>,
    /// The record as DXP holds it: the JSON it was sent as.
    pub record_text: Option<String>,
}

/// A page of validation results.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValidationResultPage {
    pub page: i64,
    pub page_size: i64,
    pub results: Vec<ValidationResult>,
    /// How many results there are on every page.
    pub total_count: i64,
}

/// The query of P11.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct ResultsQuery {
    /// From 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// From 1 to 1,000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub page_size: Option<i64>,
}

/// The status of one run of several: its own verdict, except that the last run of a lodged
/// submission is the one that was `Submitted`.
fn status_of_run(run: &Run, last: bool, submission: SubmissionStatus) -> &'static str {
    match run.state {
        JobState::Queued => "Queued",
        JobState::Running => "InProgress",
        // A job is given up only when its submission moved on before a validator took it.
        JobState::Failed => "Cancelled",
        JobState::Done if last && submission.is_final() => run_status(submission),
        JobState::Done => match run.counts {
            Some((0, _)) => "Processed",
            Some(_) => "Rejected",
            None => run_status(submission),
        },
    }
}

/// Every run of a submission, oldest first (`validationRunResults`).
pub(super) fn every_run(token: &str, found: &ValidationRuns) -> Vec<ValidationRun> {
    let last = found.runs.len().saturating_sub(1);
    found
        .runs
        .iter()
        .enumerate()
        .map(|(at, run)| {
            let (error_count, warning_count) = run.counts.unwrap_or((0, 0));
            ValidationRun {
                submission_token: token.to_owned(),
                date_received: Some(run.queued_at),
                date_started: run.started_at,
                date_completed: run.finished_at,
                status: status_of_run(run, at == last, found.submission.status).to_owned(),
                error_count,
                warning_count,
            }
        })
        .collect()
}

/// The submission's state now, as a run: the latest run while one is queued, running or holds
/// the verdict; `Accumulate`, with no dates, while the submission takes records.
pub(super) fn current_run(token: &str, found: &ValidationRuns) -> ValidationRun {
    let submission = &found.submission;
    let latest = match submission.status {
        SubmissionStatus::Draft => None,
        _ => found.runs.last(),
    };
    ValidationRun {
        submission_token: token.to_owned(),
        date_received: latest.map(|run| run.queued_at),
        date_started: latest.and_then(|run| run.started_at),
        date_completed: latest.and_then(|run| run.finished_at),
        status: run_status(submission.status).to_owned(),
        error_count: submission.error_count,
        warning_count: submission.warning_count,
    }
}

/// The funder's name of a file in a result row.
fn file_type(file: Option<SdrFile>) -> &'static str {
    match file {
        Some(SdrFile::Learners) => "Learner",
        Some(SdrFile::Courses) => "Course",
        Some(SdrFile::CourseEnrolments) => "Enrolment",
        Some(SdrFile::CourseCompletions) => "CourseCompletion",
        Some(SdrFile::QualificationCompletions) => "QualificationCompletion",
        // The funder's API has no EFTS forecast file; its problems are shown as DXP finds them.
        Some(SdrFile::EftsForecasts) | None => "Unknown",
    }
}

/// What a record says in the fields a result row repeats.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RowContext {
    course_code: Option<serde_json::Value>,
    student_identification_code: Option<serde_json::Value>,
}

fn text_of(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    }
}

fn result_row(found: ProblemWithRecord) -> ValidationResult {
    let ProblemWithRecord {
        problem,
        file,
        record,
    } = found;
    let context = record
        .as_deref()
        .and_then(|text| serde_json::from_str::<RowContext>(text).ok());
    let (course_code, student_id) = match context {
        Some(context) => (
            context.course_code.map(text_of),
            context.student_identification_code.map(text_of),
        ),
        None => (None, None),
    };
    let error_code = rule_by_code(&problem.rule)
        .and_then(|rule| rule.legacy_error)
        .map_or_else(|| problem.rule.clone(), |number| format!("{number:03}"));
    ValidationResult {
        local_id: problem.local_id,
        error_code,
        rule_code: problem.rule,
        field: problem.field,
        error_description: problem.message,
        error_type: match problem.severity.as_str() {
            "error" => "Error",
            _ => "Warning",
        }
        .to_owned(),
        file_type: file_type(file).to_owned(),
        course_code,
        student_id,
        record_text: record,
    }
}

/// Request validation of the submission a token names: the run is queued and starts at once.
/// Its verdict comes later: poll the validation status.
#[utoipa::path(
    tag = tags::VALIDATION,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("submissionToken" = String, Path, description = "The submission token"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The run, queued", body = ValidationRun),
        (status = 400, description = "Nothing uploaded yet (`errorCode` NO_RECORDS_UPLOADED), a token not found (SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED), or a submission that cannot be validated now: being validated, lodged or cancelled (SUBMISSION_LOCKED)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, the role may not write, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/validation/{submissionToken}")]
pub async fn request_validation(
    state: web::Data<AppState>,
    caller: ProviderCaller<CanWrite>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let submission = super::submission_of_token(&state, caller.organisation, &token).await?;
    let _writing = super::one_write_to(&state, &submission)?;
    match state
        .service
        .validate_uploaded(&caller.caller, &submission.id)
        .await
        .map_err(super::locked)?
    {
        ValidationRequest::Queued => {}
        ValidationRequest::NothingUploaded => {
            return Err(ApiError::ProviderRefusal {
                code: error_codes::NO_RECORDS_UPLOADED,
                detail: "no records uploaded: the submission holds no record to validate"
                    .to_owned(),
            });
        }
    }
    let runs = state
        .service
        .validation_runs(&caller.caller, &submission.id)
        .await?;
    Ok(HttpResponse::Ok().json(current_run(&token, &runs)))
}

/// The validation status of the submission a token names: the latest run while one is queued,
/// running or holds the verdict, `Accumulate` while the submission takes records.
#[utoipa::path(
    tag = tags::VALIDATION,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("submissionToken" = String, Path, description = "The submission token"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The submission's state, as a run", body = ValidationRun),
        (status = 400, description = "A token not found (`errorCode` SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/validation/{submissionToken}")]
pub async fn validation_status(
    state: web::Data<AppState>,
    caller: ProviderCaller<CanRead>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let submission = super::submission_of_token(&state, caller.organisation, &token).await?;
    let runs = state
        .service
        .validation_runs(&caller.caller, &submission.id)
        .await?;
    Ok(HttpResponse::Ok().json(current_run(&token, &runs)))
}

/// The problems found in the submission a token names, page by page in the order they were
/// found: those of each record found as it arrived, then those the last run found across
/// records.
#[utoipa::path(
    tag = tags::VALIDATION,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("submissionToken" = String, Path, description = "The submission token"),
        ResultsQuery,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of results", body = ValidationResultPage),
        (status = 400, description = "Bad pagination parameters (`errorCode` BAD_PAGINATION), or a token not found (SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/validation/{submissionToken}/results")]
pub async fn validation_results(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ProviderCaller<CanRead>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::from_request(&req)?;
    let submission = super::submission_of_token(&state, caller.organisation, &token).await?;
    let page = state
        .service
        .problems_with_records(
            &caller.caller,
            &submission.id,
            paging.offset(),
            paging.page_size,
        )
        .await?;
    Ok(HttpResponse::Ok().json(ValidationResultPage {
        page: paging.page,
        page_size: paging.page_size,
        results: page.problems.into_iter().map(result_row).collect(),
        total_count: page.total,
    }))
}
