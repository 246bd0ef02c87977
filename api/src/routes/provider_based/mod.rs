//! The funder's provider-based SDR API, wire-compatible (`/submissions/v1.0`), so an SMS
//! integration written for the funder runs unchanged against DXP: the returns an organisation
//! may send (P1) and the submission tokens it names its submission by (P2). Every call carries
//! the `EID` header, which must be the token's organisation. Refusals the funder documents are
//! 400 problems with an `errorCode`. This surface has its own OpenAPI document, served at
//! `/submissions/v1.0/openapi.json`; the submission underneath is the one `/api/v1` shows.

use std::future::{Ready, ready};
use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use dxp_domain::calendar::{Round, RoundKind};
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{ApiPermission, Edumis};
use dxp_persistence::submissions::Submission;
use dxp_service::provider_based::TokenLookup;
use dxp_service::{Caller, ServiceError};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AccessPolicy;
use crate::{ApiError, AppState};
use one_write::WriteGuard;

pub mod contents;
pub mod deletes;
pub mod lifecycle;
pub mod one_write;
pub mod returns;
pub mod tokens;
pub mod uploads;
pub mod validation;

/// Where the provider-based API lives.
pub const BASE: &str = "/submissions/v1.0";

/// The tags of its OpenAPI document.
pub mod tags {
    pub const RETURNS: &str = "Returns";
    pub const SUBMISSION_TOKENS: &str = "Submission tokens";
    pub const UPLOADS: &str = "Uploads";
    pub const VALIDATION: &str = "Validation";
    pub const SUBMISSION: &str = "Submission";
}

/// The `errorCode`s of the refusals the funder documents; the funder publishes none, so these
/// are DXP's (`docs/funder-api.md`).
pub mod error_codes {
    pub const BAD_PAGINATION: &str = "BAD_PAGINATION";
    pub const RETURN_NOT_FOUND: &str = "RETURN_NOT_FOUND";
    pub const RETURN_NOT_OPEN: &str = "RETURN_NOT_OPEN";
    pub const BATCH_TOO_LARGE: &str = "BATCH_TOO_LARGE";
    pub const SUBMISSION_TOKEN_NOT_FOUND: &str = "SUBMISSION_TOKEN_NOT_FOUND";
    pub const TOKEN_EXPIRED: &str = "TOKEN_EXPIRED";
    pub const SUBMISSION_LOCKED: &str = "SUBMISSION_LOCKED";
    pub const CONCURRENT_REQUEST: &str = "CONCURRENT_REQUEST";
    pub const NO_RECORDS_UPLOADED: &str = "NO_RECORDS_UPLOADED";
    pub const NOT_VALIDATED: &str = "NOT_VALIDATED";
    pub const SUBMIT_REFUSED: &str = "SUBMIT_REFUSED";
}

/// A verified caller with the policy `P`, acting for the organisation its `EID` header names.
pub struct ProviderCaller<P: AccessPolicy> {
    pub caller: Caller,
    pub organisation: Edumis,
    policy: PhantomData<P>,
}

impl<P: AccessPolicy> FromRequest for ProviderCaller<P> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            crate::auth::authorize_for_eid::<P>(req, ApiPermission::Sdr).and_then(
                |(authorized, organisation)| {
                    Ok(ProviderCaller {
                        caller: crate::state::caller_of(&authorized)?,
                        organisation,
                        policy: PhantomData,
                    })
                },
            ),
        )
    }
}

/// The month of a return in its id (`YYYYMM`): 3 for the indicative return, 4, 8 or 12.
fn return_month(round: &Round) -> i32 {
    round.id.return_id() % 100
}

/// `Indicative` for the March return, `Full` for an SDR.
fn return_type(round: &Round) -> &'static str {
    match round.id.kind {
        RoundKind::Ind => "Indicative",
        _ => "Full",
    }
}

/// A submission's status as a validation run's (§2.6 of the funder's statuses).
fn run_status(status: SubmissionStatus) -> &'static str {
    match status {
        SubmissionStatus::Draft => "Accumulate",
        SubmissionStatus::Queued => "Queued",
        SubmissionStatus::Validating => "InProgress",
        SubmissionStatus::Processed => "Processed",
        SubmissionStatus::Rejected => "Rejected",
        // A lodged return later replaced by another lodged one was still lodged.
        SubmissionStatus::Submitted | SubmissionStatus::Superseded => "Submitted",
        SubmissionStatus::Cancelled => "Cancelled",
    }
}

/// A submission's status as the token reply's `submissionStatus`.
fn submission_status(status: SubmissionStatus) -> &'static str {
    match status {
        // A rejected return takes records again, as a draft does.
        SubmissionStatus::Draft | SubmissionStatus::Rejected => "Pending",
        SubmissionStatus::Queued | SubmissionStatus::Validating => "Validating",
        SubmissionStatus::Processed => "Validated",
        SubmissionStatus::Submitted | SubmissionStatus::Superseded => "Submitted",
        SubmissionStatus::Cancelled => "Cancelled",
    }
}

/// A page as the funder's API pages: `page` from 1, `pageSize` from 1 to 1,000 (100 when not
/// given). Anything else is a 400 `BAD_PAGINATION`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: i64,
    pub page_size: i64,
}

impl Paging {
    pub const DEFAULT_PAGE_SIZE: i64 = 100;
    pub const MAX_PAGE_SIZE: i64 = 1_000;

    fn from_query(page: Option<&str>, page_size: Option<&str>) -> Result<Paging, ApiError> {
        let bad = |why: String| ApiError::ProviderRefusal {
            code: error_codes::BAD_PAGINATION,
            detail: format!("bad pagination parameters: {why}"),
        };
        let page = match page {
            None => 1,
            Some(text) => text
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| bad(format!("page '{text}' must be a whole number from 1")))?,
        };
        let page_size = match page_size {
            None => Self::DEFAULT_PAGE_SIZE,
            Some(text) => text
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|size| (1..=Self::MAX_PAGE_SIZE).contains(size))
                .ok_or_else(|| {
                    bad(format!(
                        "pageSize '{text}' must be a whole number from 1 to {}",
                        Self::MAX_PAGE_SIZE
                    ))
                })?,
        };
        Ok(Paging { page, page_size })
    }

    /// The page named by the request's `page` and `pageSize`.
    fn from_request(req: &HttpRequest) -> Result<Paging, ApiError> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Query {
            page: Option<String>,
            page_size: Option<String>,
        }
        let query: Query = serde_urlencoded::from_str(req.query_string()).map_err(|error| {
            ApiError::BadRequest(format!("the query string is invalid: {error}"))
        })?;
        Paging::from_query(query.page.as_deref(), query.page_size.as_deref())
    }

    /// How many items come before this page.
    fn offset(self) -> i64 {
        (self.page - 1).saturating_mul(self.page_size)
    }

    /// This page's share of `items`.
    fn of<T>(self, items: Vec<T>) -> Vec<T> {
        let skip =
            usize::try_from((self.page - 1).saturating_mul(self.page_size)).unwrap_or(usize::MAX);
        let take = usize::try_from(self.page_size).unwrap_or(usize::MAX);
        items.into_iter().skip(skip).take(take).collect()
    }
}

/// The refusals of the use cases a caller of this API reads by `errorCode`; the others are
/// answered as everywhere in DXP.
fn refusal(error: ServiceError, return_id: i64) -> ApiError {
    match error {
        ServiceError::NotFound(detail) => ApiError::ProviderRefusal {
            code: error_codes::RETURN_NOT_FOUND,
            detail,
        },
        ServiceError::Refused(refusal) => ApiError::ProviderRefusal {
            code: error_codes::RETURN_NOT_OPEN,
            detail: format!("return {return_id} takes no submission now: {refusal}"),
        },
        other => other.into(),
    }
}

/// The submission a token of the caller's organisation names now, or the funder's refusal:
/// `TOKEN_EXPIRED`, or `SUBMISSION_TOKEN_NOT_FOUND` (also for another organisation's token).
async fn submission_of_token(
    state: &AppState,
    organisation: Edumis,
    token: &str,
) -> Result<Submission, ApiError> {
    match state
        .service
        .submission_of_token(organisation, token)
        .await?
    {
        TokenLookup::Valid(submission) => Ok(submission),
        TokenLookup::Expired(at) => Err(ApiError::ProviderRefusal {
            code: error_codes::TOKEN_EXPIRED,
            detail: format!("the submission token expired at {at}; request a new one"),
        }),
        TokenLookup::Unknown => Err(ApiError::ProviderRefusal {
            code: error_codes::SUBMISSION_TOKEN_NOT_FOUND,
            detail: "no submission token of this organisation's is that one".to_owned(),
        }),
    }
}

/// The 400 `BATCH_TOO_LARGE` for a batch of `count` records over `maxRecordPerBatch`, or
/// nothing when it is within.
fn batch_within(state: &AppState, count: usize, what: &str) -> Result<(), ApiError> {
    let most = state.limits.max_record_per_batch;
    if count <= most {
        return Ok(());
    }
    Err(ApiError::ProviderRefusal {
        code: error_codes::BATCH_TOO_LARGE,
        detail: format!(
            "the batch holds {count} records; {what} at most {most} a request (maxRecordPerBatch)"
        ),
    })
}

/// Holds the submission for one write on this node, or answers 429 "concurrent request not
/// allowed" while another write to it runs.
fn one_write_to(state: &AppState, submission: &Submission) -> Result<WriteGuard, ApiError> {
    state.provider_writes.begin(&submission.id).ok_or_else(|| {
        ApiError::ConcurrentRequest(
            "concurrent request not allowed: another change to this submission is running; \
             retry when it has ended"
                .to_owned(),
        )
    })
}

/// A refusal of a change by the submission's state or its round's rules, as the funder's
/// `SUBMISSION_LOCKED`.
fn locked(error: ServiceError) -> ApiError {
    match error {
        ServiceError::NotNow(transition) => ApiError::ProviderRefusal {
            code: error_codes::SUBMISSION_LOCKED,
            detail: format!("the submission cannot change now: {transition}"),
        },
        ServiceError::Refused(refusal) => ApiError::ProviderRefusal {
            code: error_codes::SUBMISSION_LOCKED,
            detail: format!("the submission cannot change now: {refusal}"),
        },
        other => other.into(),
    }
}

/// Registers the provider-based routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(utoipa_actix_web::scope(BASE).configure(|api| {
        api.service(returns::list_returns)
            .service(tokens::create_submission_token)
            .service(uploads::upload_learners)
            .service(uploads::upload_courses)
            .service(uploads::upload_course_enrolments)
            .service(uploads::upload_course_completions)
            .service(uploads::upload_qualification_completions)
            .service(deletes::delete_learners)
            .service(deletes::delete_courses)
            .service(deletes::delete_course_enrolments)
            .service(deletes::delete_course_completions)
            .service(deletes::delete_qualification_completions)
            .service(validation::request_validation)
            .service(validation::validation_status)
            .service(validation::validation_results)
            .service(lifecycle::reset_submission)
            .service(lifecycle::submit)
            .service(contents::submission_contents);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_starts_at_1_and_stops_at_1000() {
        assert_eq!(
            Paging::from_query(None, None).ok(),
            Some(Paging {
                page: 1,
                page_size: 100
            })
        );
        assert_eq!(
            Paging::from_query(Some("3"), Some("1000")).ok(),
            Some(Paging {
                page: 3,
                page_size: 1000
            })
        );
        for (page, size) in [
            (Some("0"), None),
            (Some("x"), None),
            (None, Some("0")),
            (None, Some("1001")),
        ] {
            assert!(
                matches!(
                    Paging::from_query(page, size),
                    Err(ApiError::ProviderRefusal {
                        code: "BAD_PAGINATION",
                        ..
                    })
                ),
                "{page:?} {size:?}"
            );
        }
        let paging = Paging {
            page: 2,
            page_size: 2,
        };
        assert_eq!(paging.of(vec![1, 2, 3, 4, 5]), vec![3, 4]);
    }
}
