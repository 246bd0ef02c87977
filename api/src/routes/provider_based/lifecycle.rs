//! P12 and P13: the end of a submission through the funder's API. Reset
//! (`DELETE /submissions/v1.0/token/{submissionToken}`) cancels it and forgets its tokens, so
//! the next token for the return opens a new one; submit
//! (`POST /submissions/v1.0/submit/{submissionToken}`) lodges a validated one with the funder,
//! under the round's rules, as `/api/v1`'s submit does.

use actix_web::{HttpResponse, delete, post, web};
use dxp_service::ServiceError;

use super::validation::{ValidationRun, current_run};
use super::{ProviderCaller, error_codes, tags};
use crate::auth::CanWrite;
use crate::{ApiError, AppState, Problem};

/// Reset a submission: it is cancelled and every token naming it removed. The next token for
/// its return opens a new submission. A submission being validated is reset once its run has
/// finished (seconds); a lodged one cannot be.
#[utoipa::path(
    tag = tags::SUBMISSION,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("id" = String, Path, description = "The submission token of the submission to reset; the funder's document calls it `submissionToken`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The submission is cancelled and its tokens removed"),
        (status = 400, description = "A token not found (`errorCode` SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED), or a submission that cannot be cancelled now: being validated or lodged (SUBMISSION_LOCKED)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, the role may not write, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/token/{id}")]
pub async fn reset_submission(
    state: web::Data<AppState>,
    caller: ProviderCaller<CanWrite>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let submission = super::submission_of_token(&state, caller.organisation, &token).await?;
    let _writing = super::one_write_to(&state, &submission)?;
    state
        .service
        .reset_submission(&caller.caller, &submission.id)
        .await
        .map_err(super::locked)?;
    Ok(HttpResponse::NoContent().finish())
}

/// Submit a validated submission to the funder: a `Processed` one (no errors; warnings
/// allowed) is lodged now, under its round's rules, and the run answered is `Submitted`.
#[utoipa::path(
    tag = tags::SUBMISSION,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("submissionToken" = String, Path, description = "The submission token"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The submission is lodged: its last run, `Submitted`", body = ValidationRun),
        (status = 400, description = "The last run is not `Processed` with no errors (`errorCode` NOT_VALIDATED), a rule of the round refuses the lodging now (SUBMIT_REFUSED, naming its RD- rule), or a token not found (SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, the role may not write, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submit/{submissionToken}")]
pub async fn submit(
    state: web::Data<AppState>,
    caller: ProviderCaller<CanWrite>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let submission = super::submission_of_token(&state, caller.organisation, &token).await?;
    let _writing = super::one_write_to(&state, &submission)?;
    state
        .service
        .lodge(&caller.caller, &submission.id)
        .await
        .map_err(|error| match error {
            ServiceError::NotNow(transition) => ApiError::ProviderRefusal {
                code: error_codes::NOT_VALIDATED,
                detail: transition.to_string(),
            },
            ServiceError::Refused(refusal) => ApiError::ProviderRefusal {
                code: error_codes::SUBMIT_REFUSED,
                detail: refusal.to_string(),
            },
            other => other.into(),
        })?;
    let runs = state
        .service
        .validation_runs(&caller.caller, &submission.id)
        .await?;
    let lodged: ValidationRun = current_run(&token, &runs);
    Ok(HttpResponse::Ok().json(lodged))
}
