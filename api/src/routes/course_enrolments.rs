//! Course enrolment records of a submission: upload (add or replace by `localId`) and delete.

use actix_web::{HttpRequest, HttpResponse, delete, post, web};
use dxp_domain::check_batch;
use dxp_domain::validation::{Problem as RecordProblem, rule_by_code};
use dxp_persistence::course_enrolments::{self, IncomingEnrolment};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::submissions::scope_of;
use super::validation::CourseEnrolmentBatch;
use crate::auth::{Authorized, CanWrite};
use crate::idempotency::{self, IdempotencyKey};
use crate::records::{read_body, require_json, split_records};
use crate::{ApiError, AppState, Problem};

/// What an upload did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadReport {
    /// Records in the request.
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
    /// the request (rules across records are applied again to the whole submission when it is
    /// validated).
    pub problems: Vec<RecordProblem>,
}

/// Adds or replaces course enrolment records by `localId`, with the problems each record has
/// on its own. The request is stored whole or not at all. Send an `Idempotency-Key` header to
/// make a retried request return the first answer.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(
        ("id" = String, Path, description = "The submission's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A key unique to this request; a retry with the same key gets the first answer"),
    ),
    request_body(content = CourseEnrolmentBatch, description = "The records to add or replace"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored; the problems found in these records", body = UploadReport),
        (status = 400, description = "The body is not JSON or has no `records` array", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The submission takes no changes now (being validated, submitted, superseded or cancelled)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body or the number of records is over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The Idempotency-Key was used before for a different request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions/{id}/course-enrolments")]
pub async fn upload_course_enrolments(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let scope = scope_of(&caller)?;
    require_json(&req)?;
    let submission_id = path.into_inner();
    let limits = state.limits;
    let body = read_body(&req, payload, limits.max_body_bytes).await?;
    let key = IdempotencyKey::from_request(&req, &caller, &body)?;
    if let Some(key) = &key
        && let Some(replay) = idempotency::replay(&state, key).await?
    {
        return Ok(replay);
    }
    // Parse and check off the worker thread, then store in one transaction.
    let actor = caller.subject.clone();
    let report = state
        .db
        .run(move |conn| {
            let records = split_records(&body, limits)?;
            let checked = check_batch(records.iter().copied());
            let received = checked.records.len();
            let (error_count, warning_count) = (checked.error_count, checked.warning_count);
            let mut incoming = Vec::with_capacity(received);
            let mut problems = Vec::with_capacity(error_count + warning_count);
            let mut not_stored = 0;
            for (report, text) in checked.records.into_iter().zip(records) {
                match report.local_id.filter(|id| !id.is_empty()) {
                    Some(local_id) => incoming.push(IncomingEnrolment {
                        student_identification_code: report
                            .record
                            .as_ref()
                            .map(|r| r.student_identification_code.clone()),
                        national_student_number: report
                            .record
                            .as_ref()
                            .map(|r| i64::from(r.national_student_number)),
                        qualification_code: report
                            .record
                            .as_ref()
                            .map(|r| r.qualification_code.clone()),
                        course_code: report.record.as_ref().map(|r| r.course_code.clone()),
                        course_start_date: report
                            .record
                            .as_ref()
                            .map(|r| r.course_start_date.date_naive()),
                        local_id,
                        record: text.to_owned(),
                        // Rules across records are applied to the whole submission when it is
                        // validated; only each record's own problems are stored with it.
                        problems: report
                            .problems
                            .iter()
                            .filter(|problem| {
                                rule_by_code(&problem.rule)
                                    .is_none_or(|rule| !rule.applies_across_records())
                            })
                            .cloned()
                            .collect(),
                    }),
                    None => not_stored += 1,
                }
                problems.extend(report.problems);
            }
            let outcome = course_enrolments::put(conn, &submission_id, scope, &actor, &incoming)?;
            Ok::<_, ApiError>(UploadReport {
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
        idempotency::remember(&state, key, 200, response.clone()).await?;
    }
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(response))
}

/// Deletes one course enrolment record.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
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
    )
)]
#[delete("/submissions/{id}/course-enrolments/{localId}")]
pub async fn delete_course_enrolment(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let scope = scope_of(&caller)?;
    let (submission_id, local_id) = path.into_inner();
    let actor = caller.subject.clone();
    state
        .db
        .run(move |conn| course_enrolments::delete(conn, &submission_id, scope, &actor, &local_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
