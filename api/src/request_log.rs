//! One structured log line per request, a request id on every response and in every problem
//! body, and the security headers every response carries.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use tracing::Instrument;

use crate::auth::CallerIdentity;

/// The header that carries a request's id in and out.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    /// The id of the request being served, for the problem bodies built while serving it.
    static REQUEST_ID_IN_SCOPE: String;
}

/// The id of the request being served on this task, if any.
pub(crate) fn current_request_id() -> Option<String> {
    REQUEST_ID_IN_SCOPE.try_with(Clone::clone).ok()
}

/// Headers on every response: no content sniffing, no framing, no referrer, no caching of
/// organisations' data by intermediaries; the API's own answers may load nothing at all (the
/// Swagger UI under `/docs` needs its scripts and styles, so it keeps the browser's default).
fn add_security_headers(path: &str, headers: &mut actix_web::http::header::HeaderMap) {
    use actix_web::http::header;
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // A page of the portal sets its own policy, which allows its own scripts and styles.
    if !path.starts_with("/docs") && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    if path.starts_with("/api/") {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The longest client-chosen request id kept; longer ones are replaced, so logs stay readable.
const MAX_REQUEST_ID_LEN: usize = 128;

fn request_id_from(req: &ServiceRequest) -> String {
    req.headers()
        .get(&REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= MAX_REQUEST_ID_LEN
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

pub(crate) async fn log_request(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = request_id_from(&req);
    // Surfaces other than the API (the portal's error pages) read it from the request.
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        req.headers_mut().insert(REQUEST_ID, value);
    }
    let method = req.method().to_string();
    let path = req.path().to_owned();
    let span = tracing::info_span!("request", request.id = %request_id);
    // The inner services start their work when called, not only when polled (the rate
    // limiter answers at once): the call itself runs inside the request's scope.
    let mut response = REQUEST_ID_IN_SCOPE
        .scope(
            request_id.clone(),
            async move { next.call(req).await }.instrument(span.clone()),
        )
        .await?;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    add_security_headers(&path, response.headers_mut());
    let organisation = response
        .request()
        .extensions()
        .get::<CallerIdentity>()
        .and_then(|caller| caller.organisation)
        .map(|edumis| edumis.value());
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        tracing::info!(
            http.method = %method,
            http.path = %path,
            http.status = status,
            latency_ms = format_args!("{latency_ms:.2}"),
            org = organisation,
            "request"
        );
    });
    Ok(response)
}
