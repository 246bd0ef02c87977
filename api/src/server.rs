//! The actix-web application and server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::ResponseError;
use actix_web::dev::Server;
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::allowed_methods::AllowedMethods;
use crate::error::ApiError;
use crate::rate_limit::{self, DEFAULT_RATE_LIMIT, RateLimit};
use crate::request_log::log_request;
use crate::{AppState, routes};

/// Limits and sizes of the HTTP server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The largest JSON body read whole (not record uploads), in bytes; larger ones get 413.
    pub json_limit_bytes: usize,
    /// Worker threads; `None` uses one per core.
    pub workers: Option<usize>,
    /// Requests per client (see [`crate::rate_limit`]).
    pub rate_limit: RateLimit,
}

/// How long a client has to send a request's head.
const CLIENT_REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// How long a closing connection may take to shut down.
const CLIENT_DISCONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);
/// How long an idle kept-alive connection stays open.
const KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(30);

/// 1 MiB: the JSON bodies read whole (opening a submission, cancelling one) are small. Record
/// uploads are not read whole: they stream, under `RecordLimits`.
pub const DEFAULT_JSON_LIMIT_BYTES: usize = 1024 * 1024;

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            json_limit_bytes: DEFAULT_JSON_LIMIT_BYTES,
            workers: None,
            rate_limit: DEFAULT_RATE_LIMIT,
        }
    }
}

/// A surface served beside the APIs by the same node (the portal), as the binary composes it.
#[derive(Clone)]
pub struct Surface {
    /// Registers its routes, after the APIs' own (so it cannot shadow them).
    pub configure: Arc<dyn Fn(&mut web::ServiceConfig) + Send + Sync>,
    /// Its answer to a request no route took, when the request is its own (a browser's page).
    pub not_found: fn(&HttpRequest) -> Option<HttpResponse>,
}

/// The OpenAPI documents a node serves: DXP's own, and the funder's provider-based API's.
pub struct Documents {
    pub dxp: serde_json::Value,
    pub provider_based: serde_json::Value,
}

/// Starts serving on `listener`. DXP's OpenAPI document is served at `/openapi.json` and as
/// Swagger UI at `/docs`, the provider-based API's at `/submissions/v1.0/openapi.json`, all from
/// the binary.
pub fn run(
    listener: TcpListener,
    state: AppState,
    documents: Documents,
    options: ServerOptions,
    surface: Option<Surface>,
) -> std::io::Result<Server> {
    state.disabled_people.keep_fresh(state.service.clone());
    let state = web::Data::new(state);
    let allowed_methods = web::Data::new(AllowedMethods::from_documents(&[
        &documents.dxp,
        &documents.provider_based,
    ]));
    let openapi = web::Data::new(documents.dxp);
    let provider_openapi = web::Data::new(ProviderDocument(documents.provider_based));
    let json_limit = options.json_limit_bytes;
    let fallback = web::Data::new(SurfaceFallback(surface.as_ref().map(|s| s.not_found)));
    let limiter = rate_limit::config(options.rate_limit).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("the rate limit {:?} is not a quota", options.rate_limit),
        )
    })?;
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(json_limit)
                    .error_handler(json_error),
            )
            // Bodies read whole as bytes (register and rate loads, CSV commitments, work-based
            // resources) take the JSON bodies' limit, not actix's silent 256 KiB.
            .app_data(web::PayloadConfig::new(json_limit))
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .wrap(
                ErrorHandlers::new().handler(StatusCode::PAYLOAD_TOO_LARGE, move |response| {
                    payload_too_large(response, json_limit)
                }),
            )
            .wrap(actix_governor::Governor::new(&limiter))
            .wrap(from_fn(log_request))
            // Before the provider-based scope, which would otherwise answer for this path.
            .app_data(provider_openapi.clone())
            .route(
                "/submissions/v1.0/openapi.json",
                web::get().to(provider_openapi_document),
            )
            .into_utoipa_app()
            .configure(routes::configure)
            .configure(routes::provider_based::configure)
            .into_app()
            .app_data(openapi.clone())
            .app_data(allowed_methods.clone())
            .route("/openapi.json", web::get().to(openapi_document))
            .service(
                SwaggerUi::new("/docs/{_:.*}")
                    .config(utoipa_swagger_ui::Config::from("/openapi.json")),
            )
            .service(web::redirect("/docs", "/docs/"))
            .app_data(fallback.clone())
            .configure(|config| {
                if let Some(surface) = &surface {
                    (surface.configure)(config);
                }
            })
            .default_service(web::to(unknown_route))
    })
    // A client that is slow to send its request head is cut off (408), so slow clients cannot
    // hold connections open; bodies stream under the body limit and are not timed here.
    .client_request_timeout(CLIENT_REQUEST_TIMEOUT)
    .client_disconnect_timeout(CLIENT_DISCONNECT_TIMEOUT)
    .keep_alive(KEEP_ALIVE)
    .listen(listener)?;
    if let Some(workers) = options.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// The OpenAPI document, as `dxp openapi` prints it.
async fn openapi_document(document: web::Data<serde_json::Value>) -> HttpResponse {
    HttpResponse::Ok().json(document.get_ref())
}

/// The provider-based API's document (a type of its own, so the two are told apart).
struct ProviderDocument(serde_json::Value);

/// The provider-based API's OpenAPI document, as `dxp openapi --provider-based` prints it.
async fn provider_openapi_document(document: web::Data<ProviderDocument>) -> HttpResponse {
    HttpResponse::Ok().json(&document.0)
}

fn json_error(error: actix_web::error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError;
    match error {
        JsonPayloadError::OverflowKnownLength { length, limit } => ApiError::PayloadTooLarge(format!(
            "the body is {length} bytes; the limit is {limit} bytes. Send the records in smaller batches"
        )),
        JsonPayloadError::Overflow { limit } => ApiError::PayloadTooLarge(format!(
            "the body is larger than the limit of {limit} bytes. Send the records in smaller batches"
        )),
        JsonPayloadError::ContentType => {
            ApiError::BadRequest("send the body as JSON with Content-Type: application/json".to_owned())
        }
        JsonPayloadError::Deserialize(error) => {
            ApiError::BadRequest(format!("the body is not the JSON expected: {error}"))
        }
        other => ApiError::BadRequest(format!("the body could not be read: {other}")),
    }
    .into()
}

/// A body over the limit that actix refused itself (a body read whole as bytes has no error
/// handler of its own): the same problem as an oversized JSON body, not actix's plain text.
fn payload_too_large<B>(
    response: ServiceResponse<B>,
    limit: usize,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/problem+json"));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let (request, _) = response.into_parts();
    let problem = ApiError::PayloadTooLarge(format!(
        "the body is larger than the limit of {limit} bytes; send it in smaller parts"
    ))
    .error_response();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(request, problem).map_into_right_body(),
    ))
}

fn query_error(error: actix_web::error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(format!("the query string is invalid: {error}")).into()
}

fn path_error(error: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound(format!("no such resource: {error}")).into()
}

/// The surface's answer to a request no route took, if a surface is served.
struct SurfaceFallback(Option<fn(&HttpRequest) -> Option<HttpResponse>>);

/// 405 with `Allow` for a documented path asked with another method; else the surface's page
/// for a browser, or 404.
async fn unknown_route(
    req: HttpRequest,
    allowed_methods: web::Data<AllowedMethods>,
    fallback: web::Data<SurfaceFallback>,
) -> Result<actix_web::HttpResponse, ApiError> {
    if let Some(allow) = allowed_methods.of(req.path()) {
        return Err(ApiError::MethodNotAllowed {
            method: req.method().to_string(),
            path: req.path().to_owned(),
            allow: allow.to_owned(),
        });
    }
    if let Some(page) = fallback.0.and_then(|not_found| not_found(&req)) {
        return Ok(page);
    }
    Err(ApiError::NotFound(format!(
        "there is no route {} {}; the API is described at /openapi.json and /docs",
        req.method(),
        req.path()
    )))
}
