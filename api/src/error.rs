//! One error type at the edge, rendered as RFC 9457 problem+json.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use dxp_persistence::StoreError;
use dxp_service::ServiceError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// How long a client should wait before retrying when the database is unavailable.
const RETRY_AFTER_SECONDS: &str = "5";

/// An RFC 9457 problem: what went wrong, for a person and for a program.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:dxp:problem:unauthorized",
    "title": "Unauthorized",
    "status": 401,
    "detail": "the token has expired; request a new one"
}))]
pub struct Problem {
    /// A stable URI for the kind of problem; programs branch on this.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this case, and what to do about it.
    pub detail: String,
    /// The rule of the collection calendar that refuses the request (`RD-003`), when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "RD-003")]
    pub rule: Option<String>,
    /// This request, as the service's logs name it (`urn:dxp:request:` and the `X-Request-Id`
    /// the response carries): quote it when asking about the problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "urn:dxp:request:5f0c8a7e-2b8e-4f7a-9d7c-1f2e3d4c5b6a")]
    pub instance: Option<String>,
    /// For a refused work-based request: each field path of the request that is wrong, with
    /// what is wrong with it (business refusals start with their rule's code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = json!({"pauseDate": ["WB-031: pauseDate 2026-12-03 is after today (2026-12-02)"]}))]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
    /// For a work-based request refused by business rules: each refusal with its rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusals: Option<Vec<RuleRefusal>>,
    /// For a request to the funder's provider-based API refused as its documents describe: a
    /// stable code a program branches on (`RETURN_NOT_FOUND`, `BAD_PAGINATION`, …).
    #[serde(default, rename = "errorCode", skip_serializing_if = "Option::is_none")]
    #[schema(example = "RETURN_NOT_FOUND")]
    pub error_code: Option<String>,
}

/// A business rule that refuses a work-based request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"rule": "WB-031", "field": "pauseDate", "message": "pauseDate 2026-12-03 is after today (2026-12-02)"}))]
pub struct RuleRefusal {
    /// The rule's code in the catalogue (`GET /api/v1/validation/rules`).
    pub rule: String,
    /// The field path of the request; `""` for the request as a whole.
    pub field: String,
    pub message: String,
}

/// Everything a handler can fail with. Each variant picks a status; details that could leak
/// internals (SQL, paths) go to the log, never into the body.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// The path exists but not with this method; `allow` lists its methods (`GET, POST`).
    #[error("{method} is not a method of {path}; it takes {allow}")]
    MethodNotAllowed {
        method: String,
        path: String,
        allow: String,
    },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unprocessable(String),
    /// The client is over its rate limit (the limiter adds `Retry-After`).
    #[error("{0}")]
    TooManyRequests(String),
    /// A rule of the collection calendar refuses the request.
    #[error("{0}")]
    Refused(dxp_domain::lodging::Refusal),
    /// A work-based request with fields that break their limits (`errors`: path to messages)
    /// or refused by business rules (`refusals`); a 400, as the funder's API answers.
    #[error("{detail}")]
    Invalid {
        detail: String,
        errors: BTreeMap<String, Vec<String>>,
        refusals: Vec<RuleRefusal>,
    },
    /// A request to the funder's provider-based API refused as its documents describe: a 400
    /// with `errorCode`.
    #[error("{detail}")]
    ProviderRefusal { code: &'static str, detail: String },
    /// A second write to a submission of the provider-based API while one runs: a 429 with
    /// `errorCode` CONCURRENT_REQUEST and `Retry-After`.
    #[error("{0}")]
    ConcurrentRequest(String),
    #[error("the database is unavailable")]
    Unavailable(String),
    /// The database has no room to store the request (its disk is full).
    #[error("the database is full")]
    InsufficientStorage(String),
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    fn slug(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not-found",
            ApiError::MethodNotAllowed { .. } => "method-not-allowed",
            ApiError::PayloadTooLarge(_) => "payload-too-large",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
            ApiError::Conflict(_) => "conflict",
            ApiError::Unprocessable(_) => "unprocessable",
            ApiError::TooManyRequests(_) => "too-many-requests",
            ApiError::Refused(_) => "round-rule",
            ApiError::Invalid { refusals, .. } if refusals.is_empty() => "invalid-fields",
            ApiError::Invalid { .. } => "business-rule",
            ApiError::ProviderRefusal { .. } => "provider-api",
            ApiError::ConcurrentRequest(_) => "concurrent-request",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::InsufficientStorage(_) => "insufficient-storage",
            ApiError::Internal(_) => "internal",
        }
    }

    fn detail(&self) -> String {
        match self {
            ApiError::Unavailable(_) => {
                "the database is unavailable; retry after the time in Retry-After".to_owned()
            }
            ApiError::InsufficientStorage(_) => {
                "the database has no room to store this; nothing was stored. Reads still work; \
                 the service's operators must make room, then retry"
                    .to_owned()
            }
            ApiError::Internal(_) => {
                "an internal error occurred; it has been logged. Retry, and report it if it persists"
                    .to_owned()
            }
            other => other.to_string(),
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            problem_type: format!("urn:dxp:problem:{}", self.slug()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.detail(),
            rule: match self {
                ApiError::Refused(refusal) => Some(refusal.rule.code().to_owned()),
                ApiError::Invalid { refusals, .. } => {
                    refusals.first().map(|refusal| refusal.rule.clone())
                }
                _ => None,
            },
            errors: match self {
                ApiError::Invalid { errors, .. } => Some(errors.clone()),
                _ => None,
            },
            refusals: match self {
                ApiError::Invalid { refusals, .. } if !refusals.is_empty() => {
                    Some(refusals.clone())
                }
                _ => None,
            },
            error_code: match self {
                ApiError::ProviderRefusal { code, .. } => Some((*code).to_owned()),
                ApiError::ConcurrentRequest(_) => {
                    Some(crate::routes::provider_based::error_codes::CONCURRENT_REQUEST.to_owned())
                }
                _ => None,
            },
            instance: crate::request_log::current_request_id()
                .map(|id| format!("urn:dxp:request:{id}")),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_)
            | ApiError::Invalid { .. }
            | ApiError::ProviderRefusal { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unprocessable(_) | ApiError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests(_) | ApiError::ConcurrentRequest(_) => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::InsufficientStorage(_) => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(error.cause = %cause, "request failed"),
            ApiError::Unavailable(cause) => {
                tracing::warn!(error.cause = %cause, "database unavailable")
            }
            ApiError::InsufficientStorage(cause) => {
                tracing::error!(error.cause = %cause, "the database is full: nothing can be stored")
            }
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        if let ApiError::Unauthorized(_) = self {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        if let ApiError::MethodNotAllowed { allow, .. } = self
            && let Ok(allow) = HeaderValue::from_str(allow)
        {
            response.insert_header((header::ALLOW, allow));
        }
        if let ApiError::Unavailable(_)
        | ApiError::InsufficientStorage(_)
        | ApiError::ConcurrentRequest(_) = self
        {
            response.insert_header((
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECONDS),
            ));
        }
        response.json(self.problem())
    }
}

/// The one translation of a use case's failure into HTTP: each kind of failure picks its
/// status, and causes meant for the log are logged here, never shown.
impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        // What a person may read; the variants below keep the causes for the log.
        let detail = error.to_string();
        match error {
            ServiceError::BadInput(message) => ApiError::BadRequest(message),
            ServiceError::TooLarge(message) => ApiError::PayloadTooLarge(message),
            ServiceError::NotFound(what) => ApiError::NotFound(what),
            ServiceError::Forbidden(why) => ApiError::Forbidden(why),
            ServiceError::NotNow(refusal) => ApiError::Conflict(refusal.reason),
            ServiceError::CommitmentNotNow(refusal) => ApiError::Conflict(refusal.reason),
            ServiceError::Refused(refusal) => ApiError::Refused(refusal),
            ServiceError::Rejected(refusals) => ApiError::rejected(detail, refusals),
            ServiceError::Unacceptable(why) => ApiError::Unprocessable(why),
            ServiceError::Conflict(cause) => {
                tracing::info!(error.cause = %cause, "request conflicts with stored data");
                ApiError::Conflict(detail)
            }
            ServiceError::Unavailable(cause) => ApiError::Unavailable(cause),
            ServiceError::StorageFull(cause) => ApiError::InsufficientStorage(cause),
            ServiceError::Failure(cause) => ApiError::Internal(cause),
        }
    }
}

impl ApiError {
    /// A work-based request refused by business rules: every refusal under its field, with its
    /// rule's code in front.
    pub fn rejected(detail: String, refusals: dxp_domain::work_based::Refusals) -> Self {
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for refusal in &refusals {
            errors
                .entry(refusal.field.clone())
                .or_default()
                .push(format!("{}: {}", refusal.rule, refusal.message));
        }
        ApiError::Invalid {
            detail,
            errors,
            refusals: refusals
                .into_iter()
                .map(|refusal| RuleRefusal {
                    rule: refusal.rule.to_owned(),
                    field: refusal.field,
                    message: refusal.message,
                })
                .collect(),
        }
    }
}

/// A store error reaching a handler directly means what it means to a use case.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        ApiError::from(ServiceError::from(error))
    }
}

impl From<dxp_service::ClockError> for ApiError {
    fn from(error: dxp_service::ClockError) -> Self {
        ApiError::from(ServiceError::from(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_service_failure_has_its_status() {
        let status = |error: ServiceError| ApiError::from(error).status_code().as_u16();
        assert_eq!(status(ServiceError::BadInput("x".to_owned())), 400);
        assert_eq!(status(ServiceError::TooLarge("x".to_owned())), 413);
        assert_eq!(status(ServiceError::NotFound("x".to_owned())), 404);
        assert_eq!(status(ServiceError::Forbidden("x".to_owned())), 403);
        assert_eq!(status(ServiceError::Unacceptable("x".to_owned())), 422);
        assert_eq!(status(ServiceError::Conflict("UNIQUE".to_owned())), 409);
        assert_eq!(status(ServiceError::Unavailable("x".to_owned())), 503);
        assert_eq!(status(ServiceError::StorageFull("x".to_owned())), 507);
        assert_eq!(status(ServiceError::Failure("x".to_owned())), 500);
        let refused = dxp_domain::lodging::check_change(&published_round())
            .expect_err("a published round refuses changes");
        let problem = ApiError::from(ServiceError::Refused(refused)).problem();
        assert_eq!(
            (problem.status, problem.rule.as_deref()),
            (422, Some("RD-001"))
        );
        let conflict = ApiError::from(ServiceError::Conflict("UNIQUE rounds.id".to_owned()));
        assert!(!conflict.problem().detail.contains("UNIQUE"));
    }

    #[test]
    fn a_provider_based_refusal_carries_its_error_code_and_a_busy_one_retry_after() {
        let refused = ApiError::ProviderRefusal {
            code: "BATCH_TOO_LARGE",
            detail: "too many".to_owned(),
        };
        assert_eq!(refused.status_code().as_u16(), 400);
        assert_eq!(
            refused.problem().error_code.as_deref(),
            Some("BATCH_TOO_LARGE")
        );
        let busy = ApiError::ConcurrentRequest("another write runs".to_owned());
        assert_eq!(
            busy.problem().error_code.as_deref(),
            Some("CONCURRENT_REQUEST")
        );
        let response = busy.error_response();
        assert_eq!(response.status().as_u16(), 429);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        assert_eq!(
            ApiError::BadRequest("x".to_owned()).problem().error_code,
            None
        );
    }

    fn published_round() -> dxp_domain::Round {
        let mut round = dxp_domain::Round::standard(2026, dxp_domain::RoundKind::Apr)
            .expect("a standard round");
        round.published = true;
        round
    }
}
