//! P2, `POST /submissions/v1.0/token/{returnId}`: a submission token for a return.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::validation::{ValidationRun, every_run};
use super::{ProviderCaller, refusal, return_month, return_type, submission_status, tags};
use crate::auth::CanWrite;
use crate::{ApiError, AppState, Problem};

/// A submission token and the submission it names (§2.2 of the funder's API).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"submissionToken": "3f8a…", "tokenExpiry": "2026-08-03T02:00:00Z", "maxRecordPerBatch": 1000, "returnId": 202608, "edumis": 6004, "returnYear": 2026, "returnMonth": 8, "submissionStatus": "Pending", "submissionType": "Full", "submissionContentsUrl": "https://dxp.example.govt.nz/submissions/v1.0/contents/3f8a…", "validationRunResults": [], "submissionId": "0b6c2f5e-5d7e-4a0b-9e44-2f1f7f0c9a11"}))]
pub struct SubmissionTokenReply {
    /// Names the submission in the calls that follow, until `tokenExpiry`.
    pub submission_token: String,
    pub token_expiry: DateTime<Utc>,
    /// The most records one upload or delete request may carry, all files together.
    pub max_record_per_batch: i32,
    pub return_id: i64,
    pub edumis: i32,
    pub return_year: i32,
    pub return_month: i32,
    /// `Pending`, `Validating`, `Validated`, `Submitted`, `Cancelled`.
    pub submission_status: String,
    /// `Full` or `Indicative`.
    pub submission_type: String,
    /// Where the submission's contents can be read: its five files as DXP CSV, in a ZIP.
    pub submission_contents_url: String,
    /// Every validation run of the submission, oldest first.
    pub validation_run_results: Vec<ValidationRun>,
    /// DXP's own id of the submission: the same submission under `/api/v1/submissions/{id}`.
    pub submission_id: String,
}

/// Request a submission token for a return: it names the return the organisation is working on
/// for that round, or a new one in `Draft`. Each call answers a new token for the same
/// submission; earlier tokens stay valid until they expire (24 hours).
#[utoipa::path(
    tag = tags::SUBMISSION_TOKENS,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("id" = i32, Path, description = "The return, `YYYYMM` (e.g. 202608); the funder's document calls it `returnId`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The token and the submission it names", body = SubmissionTokenReply),
        (status = 400, description = "No such return (`errorCode` RETURN_NOT_FOUND), a return that takes no submission now (RETURN_NOT_OPEN), or no `EID`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, the role may not write, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/token/{id}")]
pub async fn create_submission_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ProviderCaller<CanWrite>,
    return_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    // Read as text: an id that is no number names no return, which the funder answers 400.
    let return_id = return_id
        .trim()
        .parse::<i64>()
        .map_err(|_| ApiError::ProviderRefusal {
            code: super::error_codes::RETURN_NOT_FOUND,
            detail: format!(
                "'{}' is not a return id; returns are named YYYYMM, e.g. 202604",
                return_id.as_str()
            ),
        })?;
    let grant = state
        .service
        .grant_submission_token(&caller.caller, caller.organisation, return_id)
        .await
        .map_err(|error| refusal(error, return_id))?;
    let runs = state
        .service
        .validation_runs(&caller.caller, &grant.submission.id)
        .await?;
    let origin = req.connection_info();
    let submission_contents_url = format!(
        "{}://{}{}",
        origin.scheme(),
        origin.host(),
        super::contents::path_of(&grant.token)
    );
    Ok(HttpResponse::Ok().json(SubmissionTokenReply {
        validation_run_results: every_run(&grant.token, &runs),
        submission_contents_url,
        submission_token: grant.token,
        token_expiry: grant.expires_at,
        max_record_per_batch: i32::try_from(state.limits.max_record_per_batch).unwrap_or(i32::MAX),
        return_id: i64::from(grant.round.id.return_id()),
        edumis: caller.organisation.value(),
        return_year: grant.round.id.year,
        return_month: return_month(&grant.round),
        submission_status: submission_status(grant.submission.status).to_owned(),
        submission_type: return_type(&grant.round).to_owned(),
        submission_id: grant.submission.id,
    }))
}
