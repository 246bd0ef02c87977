//! A per-client rate limit, answering 429 with `Retry-After` as the funder's own API does. A
//! client is the caller its bearer token names when the token verifies (so an organisation's
//! several systems behind one address are counted apart, and one caller cannot escape its limit
//! by changing address), otherwise its address (so unauthenticated floods are limited too).

use actix_governor::governor::NotUntil;
use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::{
    GovernorConfig, GovernorConfigBuilder, KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::dev::ServiceRequest;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpMessage, HttpResponse, HttpResponseBuilder, web};

use crate::auth::{VerifiedCaller, bearer_token};
use crate::{ApiError, AppState};

/// How many requests a client may make: a sustained rate and a burst above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_second: u64,
    pub burst: u32,
}

/// Generous for a system uploading a national return in 10,000-record batches and polling
/// its validation; a runaway loop or a flood meets it within seconds.
pub const DEFAULT_RATE_LIMIT: RateLimit = RateLimit {
    per_second: 50,
    burst: 500,
};

/// Who a request is counted against.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientKey;

impl KeyExtractor for ClientKey {
    type Key = String;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        let caller = bearer_token(req.headers())
            .ok()
            .zip(req.app_data::<web::Data<AppState>>())
            .and_then(|(token, state)| state.tokens.verify(token).ok());
        if let Some(principal) = &caller {
            req.extensions_mut()
                .insert(VerifiedCaller(principal.clone()));
        }
        Ok(match caller {
            Some(principal) => format!(
                "caller:{}@{}",
                principal.subject,
                principal
                    .organisation
                    .map_or_else(|| "funder".to_owned(), |edumis| edumis.to_string())
            ),
            None => format!(
                "address:{}",
                req.peer_addr()
                    .map_or_else(|| "unknown".to_owned(), |address| address.ip().to_string())
            ),
        })
    }

    fn exceed_rate_limit_response(
        &self,
        negative: &NotUntil<QuantaInstant>,
        mut response: HttpResponseBuilder,
    ) -> HttpResponse {
        let wait = negative
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        let problem = ApiError::TooManyRequests(format!(
            "too many requests from this client; retry in {wait} s (Retry-After), and pace \
             uploads and polling"
        ))
        .problem();
        response
            .insert_header((
                header::CONTENT_TYPE,
                HeaderValue::from_static(crate::error::PROBLEM_JSON),
            ))
            .json(problem)
    }
}

/// The limiter's configuration, shared by the server's workers.
pub fn config(
    limit: RateLimit,
) -> Option<GovernorConfig<ClientKey, NoOpMiddleware<QuantaInstant>>> {
    GovernorConfigBuilder::default()
        .requests_per_second(limit.per_second)
        .burst_size(limit.burst)
        .key_extractor(ClientKey)
        .finish()
}
