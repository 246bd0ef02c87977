//! The dry run and the rule catalogue: check records before submitting them, store nothing.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use dxp_domain::validation::{Problem as RecordProblem, RuleEntry, catalogue_entries};
use dxp_domain::{CourseEnrolment, check_batch};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{Authorized, CanRead};
use crate::records::{read_body, require_json, split_records};
use crate::{ApiError, AppState, Problem};

/// A batch of records, as every upload and dry run takes them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CourseEnrolmentBatch {
    /// The records, each with its integrator-chosen `localId`. A record with a wrong type or a
    /// missing field is reported on its own; the others are still checked.
    pub records: Vec<CourseEnrolment>,
}

/// The verdict of a dry run.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    /// True when no record has an error (warnings allowed).
    pub valid: bool,
    pub error_count: usize,
    pub warning_count: usize,
    /// Every problem of every record, in record order.
    pub problems: Vec<RecordProblem>,
}

/// The rule catalogue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleCatalogue {
    pub results: Vec<RuleEntry>,
}

/// Checks course enrolment records against every rule and stores nothing: the trial an
/// integrator runs before submitting. Send `{"records": [...]}`; the answer lists every problem
/// of every record with its rule code.
#[utoipa::path(
    tag = super::tags::VALIDATION,
    request_body(content = CourseEnrolmentBatch, description = "The records to check"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The verdict, with every problem found", body = ValidationReport),
        (status = 400, description = "The body is not JSON or has no `records` array", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body or the number of records is over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/validation/course-enrolments")]
pub async fn validate_course_enrolments(
    _caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    require_json(&req)?;
    let limits = state.limits;
    let body = read_body(&req, payload, limits.max_body_bytes).await?;
    // Parsing and checking a large batch takes tens of milliseconds: keep it off the worker.
    let report = web::block(move || {
        let records = split_records(&body, limits)?;
        let report = check_batch(records);
        Ok::<_, ApiError>(ValidationReport {
            valid: report.is_valid(),
            error_count: report.error_count,
            warning_count: report.warning_count,
            problems: report.into_problems(),
        })
    })
    .await
    .map_err(|error| ApiError::Internal(format!("validation task failed: {error}")))??;
    Ok(HttpResponse::Ok().json(report))
}

/// Lists every validation rule: its code, the file and field it is about, its severity and
/// what it requires. Problems name these codes.
#[utoipa::path(
    tag = super::tags::VALIDATION,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every rule, in code order", body = RuleCatalogue),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/validation/rules")]
pub async fn list_validation_rules(_caller: Authorized<CanRead>) -> HttpResponse {
    HttpResponse::Ok().json(RuleCatalogue {
        results: catalogue_entries(),
    })
}
