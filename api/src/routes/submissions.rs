//! Submissions: open a return for a round, accumulate records, validate, read the problems,
//! submit. Every handler reads the caller's scope from the token, so another organisation's
//! submission answers 404.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId, SdrFile};
use dxp_persistence::submissions::{ListCursor, ListFilter, Scope, Submission};
use dxp_service::submissions::SubmissionDetail;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::{Authorized, CanRead, CanWrite, Principal};
use crate::state::caller_of;
use crate::{ApiError, AppState, Problem};

const MAX_PAGE_SIZE: i64 = 1000;
const DEFAULT_PAGE_SIZE: i64 = 100;

/// The scope of what a caller may see and change.
pub(crate) fn scope_of(principal: &Principal) -> Result<Scope, ApiError> {
    if principal.is_admin() {
        return Ok(Scope::Everyone);
    }
    principal
        .organisation
        .map(Scope::Organisation)
        .ok_or_else(|| ApiError::Forbidden("the token names no organisation".to_owned()))
}

pub(crate) fn page_size(limit: Option<i64>) -> Result<i64, ApiError> {
    let limit = limit.unwrap_or(DEFAULT_PAGE_SIZE);
    if (1..=MAX_PAGE_SIZE).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::BadRequest(format!(
            "limit {limit} is outside 1 to {MAX_PAGE_SIZE}"
        )))
    }
}

/// Records held per file.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordCounts {
    pub learners: i64,
    pub course_enrolments: i64,
    pub courses: i64,
    pub course_completions: i64,
    pub qualification_completions: i64,
    pub efts_forecasts: i64,
}

impl RecordCounts {
    fn from_pairs(pairs: &[(SdrFile, i64)]) -> Self {
        let mut counts = RecordCounts::default();
        for (file, n) in pairs {
            let slot = match file {
                SdrFile::Learners => &mut counts.learners,
                SdrFile::CourseEnrolments => &mut counts.course_enrolments,
                SdrFile::Courses => &mut counts.courses,
                SdrFile::CourseCompletions => &mut counts.course_completions,
                SdrFile::QualificationCompletions => &mut counts.qualification_completions,
                SdrFile::EftsForecasts => &mut counts.efts_forecasts,
            };
            *slot = *n;
        }
        counts
    }
}

/// One change of status.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// The status before; absent for the submission's creation.
    pub from: Option<SubmissionStatus>,
    pub to: SubmissionStatus,
    pub at: DateTime<Utc>,
    /// The token subject, or `system`.
    pub actor: String,
    pub reason: Option<String>,
}

/// How far a validation has got.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValidationProgress {
    pub records_checked: i64,
    pub records_total: i64,
}

/// A submission: a return being assembled for one organisation and round.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionView {
    #[schema(example = "0b4f6c1e-8d1a-4c55-9e0e-2f7d7c3b9a10")]
    pub id: String,
    /// The organisation's EDUMIS number.
    #[schema(example = 6004)]
    pub organisation: i32,
    #[schema(example = "2026-APR")]
    pub round: String,
    pub submission_type: SubmissionType,
    pub status: SubmissionStatus,
    /// Errors and warnings found: those of each record on upload, and those of the last
    /// validation run across records.
    pub error_count: i64,
    pub warning_count: i64,
    /// Records held, per file.
    pub record_counts: RecordCounts,
    /// The most records one upload request may carry.
    pub max_records_per_request: usize,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub validated_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Lodged after the due date, or resubmitted outside a published window.
    pub late: bool,
    /// The Stop Gate lift the return was lodged under, when it needed one.
    pub stop_gate_lift: Option<String>,
    /// The last validation found enrolments funded from 01, 29, 11 or 37 in courses at Level 3
    /// and above: the return is lodged only once the round's EFTS forecast is (rule RD-010).
    pub efts_forecast_required: bool,
    /// How far the latest validation got (records checked of the total), once one was asked for.
    pub progress: Option<ValidationProgress>,
    /// Every change of status, oldest first (only on single-submission reads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_history: Option<Vec<StatusChange>>,
}

impl SubmissionView {
    fn new(submission: Submission, counts: RecordCounts, max_records: usize) -> Self {
        Self {
            id: submission.id,
            organisation: submission.organisation.value(),
            round: submission.round.to_string(),
            submission_type: submission.submission_type,
            status: submission.status,
            error_count: submission.error_count,
            warning_count: submission.warning_count,
            record_counts: counts,
            max_records_per_request: max_records,
            created_by: submission.created_by,
            created_at: submission.created_at,
            updated_at: submission.updated_at,
            validated_at: submission.validated_at,
            submitted_at: submission.submitted_at,
            late: submission.late,
            stop_gate_lift: submission.stop_gate_lift,
            efts_forecast_required: submission.efts_forecast_required,
            progress: None,
            status_history: None,
        }
    }
}

/// The view of a single-submission read, with its status history and progress, and this
/// node's record limit.
fn view_of(state: &AppState, detail: SubmissionDetail) -> SubmissionView {
    let mut view = SubmissionView::new(
        detail.submission,
        RecordCounts::from_pairs(&detail.record_counts),
        state.limits.max_records,
    );
    view.progress = detail.progress.map(|p| ValidationProgress {
        records_checked: p.records_checked,
        records_total: p.records_total,
    });
    view.status_history = Some(
        detail
            .history
            .into_iter()
            .map(|change| StatusChange {
                from: change.from,
                to: change.to,
                at: change.at,
                actor: change.actor,
                reason: change.reason,
            })
            .collect(),
    );
    view
}

/// What to open a submission for.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewSubmission {
    /// The round, e.g. `2026-APR`.
    #[schema(example = "2026-APR")]
    pub round: String,
    /// The organisation's EDUMIS number: only a `tec-admin` may name one; a TEO's token
    /// decides its own.
    #[schema(minimum = 1, maximum = 9999, example = 6004)]
    #[serde(default, deserialize_with = "super::params::optional_integer")]
    pub organisation: Option<i64>,
    /// `Return` (the default): the round's return. `StandaloneFiles`: course register and
    /// completion files lodged on their own, which the Stop Gate does not hold.
    /// `EftsForecast`: the round's EFTS forecast (April, August and December rounds), lodged
    /// before a return whose `eftsForecastRequired` is true.
    #[serde(default)]
    pub submission_type: SubmissionType,
}

/// Opens a submission in `Draft` for the caller's organisation and a round.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    request_body = NewSubmission,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new submission", body = SubmissionView),
        (status = 400, description = "The body is not a valid request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns, or names another organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The round does not exist, or is published (rule RD-001)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions")]
pub async fn create_submission(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    body: web::Json<NewSubmission>,
) -> Result<HttpResponse, ApiError> {
    let NewSubmission {
        round,
        organisation,
        submission_type,
    } = body.into_inner();
    let round: RoundId = round
        .parse()
        .map_err(|error| ApiError::BadRequest(format!("round: {error}")))?;
    let organisation = caller.organisation_for(organisation)?;
    let who = dxp_service::Caller {
        actor: caller.subject.clone(),
        scope: Scope::Organisation(organisation),
    };
    let created = state
        .service
        .open_submission(&who, organisation, round, submission_type)
        .await?;
    let view = view_of(&state, created);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/submissions/{}", view.id)))
        .json(view))
}

/// A page of submissions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionPage {
    pub results: Vec<SubmissionView>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmissionQuery {
    /// Only submissions for this round, e.g. `2026-APR`.
    pub round: Option<String>,
    /// Only submissions with this status.
    pub status: Option<SubmissionStatus>,
    /// Only this organisation's (for a `tec-admin`; a TEO sees only its own anyway).
    #[param(minimum = 1, maximum = 9999)]
    pub organisation: Option<i64>,
    /// The `nextCursor` of the previous page.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
    /// Submissions per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// Lists the caller's submissions (a `tec-admin`: everyone's), newest first.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(SubmissionQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of submissions", body = SubmissionPage),
        (status = 400, description = "A filter or the cursor is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/submissions")]
pub async fn list_submissions(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<SubmissionQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let limit = page_size(query.limit)?;
    let filter = ListFilter {
        round: query
            .round
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|error| ApiError::BadRequest(format!("round: {error}")))?,
        status: query.status,
        organisation: query
            .organisation
            .map(Edumis::new)
            .transpose()
            .map_err(|error| ApiError::BadRequest(format!("organisation: {error}")))?,
    };
    let cursor = query
        .cursor
        .as_deref()
        .map(|text| {
            ListCursor::decode(text).ok_or_else(|| {
                ApiError::BadRequest("cursor is not one this API gave out".to_owned())
            })
        })
        .transpose()?;
    let listed = state
        .service
        .list_submissions(&caller_of(&caller)?, filter, cursor, limit)
        .await?;
    let max_records = state.limits.max_records;
    Ok(HttpResponse::Ok().json(SubmissionPage {
        results: listed
            .submissions
            .into_iter()
            .map(|(submission, counts)| {
                SubmissionView::new(submission, RecordCounts::from_pairs(&counts), max_records)
            })
            .collect(),
        next_cursor: listed.next.map(|c| c.encode()),
    }))
}

/// Reads one submission: status, counts, errors and warnings, and its status history.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(("id" = String, Path, description = "The submission's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The submission", body = SubmissionView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/submissions/{id}")]
pub async fn get_submission(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let detail = state
        .service
        .submission(&caller_of(&caller)?, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(view_of(&state, detail)))
}

/// Asks for validation: the submission is queued, then `Validating`, then `Processed` (zero
/// errors) or `Rejected`. Poll the submission for the verdict. Run it as often as needed.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(("id" = String, Path, description = "The submission's id")),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Queued for validation; poll the submission", body = SubmissionView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The submission's status does not allow validation now", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The submission has no records", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions/{id}/validate")]
pub async fn validate_submission(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let queued = state
        .service
        .validate(&caller_of(&caller)?, &path.into_inner())
        .await?;
    let view = view_of(&state, queued);
    Ok(HttpResponse::Accepted()
        .insert_header((header::LOCATION, format!("/api/v1/submissions/{}", view.id)))
        .json(view))
}

/// Lodges a `Processed` submission with the funder, under the round's rules: until the due date;
/// after it only through a Stop Gate lift (and marked late); a lodged August or December return
/// is resubmitted only through a lift, an April one freely inside the resubmission window; the
/// December return needs a processed workforce questionnaire. Course register and completion
/// files lodged on their own (`StandaloneFiles`) are not held by the Stop Gate. A return of the
/// same type lodged earlier for the organisation and round becomes `Superseded`.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(("id" = String, Path, description = "The submission's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Submitted", body = SubmissionView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Only a Processed submission can be submitted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule of the round refuses the lodging; `rule` names it (RD-001 to RD-006, RD-010) and `detail` says the way forward", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions/{id}/submit")]
pub async fn submit_submission(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let lodged = state
        .service
        .lodge(&caller_of(&caller)?, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(view_of(&state, lodged)))
}

/// Why a submission is being cancelled.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct Cancellation {
    /// Kept in the audit log.
    #[schema(max_length = 500, example = "opened by mistake")]
    // The service's limit (MAX_REASON_CHARS); the test below keeps the two equal.
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// Cancels a `Draft`, `Processed` or `Rejected` submission. It keeps its records but takes no
/// more changes.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(("id" = String, Path, description = "The submission's id")),
    request_body(content = Option<Cancellation>, description = "Optionally, why"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cancelled", body = SubmissionView),
        (status = 400, description = "The body is not a valid request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The submission's status does not allow cancelling", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The round is published (RD-001): its submissions can no longer be changed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions/{id}/cancel")]
pub async fn cancel_submission(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let cancellation: Option<Cancellation> = super::params::optional_json(&body)?;
    let reason = match cancellation {
        Some(cancellation) => super::params::valid(cancellation)?.reason,
        None => None,
    };
    let cancelled = state
        .service
        .cancel(&caller_of(&caller)?, &path.into_inner(), reason)
        .await?;
    Ok(HttpResponse::Ok().json(view_of(&state, cancelled)))
}

/// The `Accept` header asks for CSV.
pub(crate) fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| {
            accept
                .split(',')
                .any(|part| part.trim().starts_with("text/csv"))
        })
}

#[cfg(test)]
mod tests {
    use dxp_service::submissions::MAX_REASON_CHARS;
    use validator::Validate;

    use super::Cancellation;

    #[test]
    fn a_cancellation_takes_as_long_a_reason_as_the_audit_log_keeps() {
        let reason = |length: usize| Cancellation {
            reason: Some("é".repeat(length)),
        };
        assert!(reason(MAX_REASON_CHARS).validate().is_ok());
        assert!(reason(MAX_REASON_CHARS + 1).validate().is_err());
        assert!(Cancellation { reason: None }.validate().is_ok());
    }
}
