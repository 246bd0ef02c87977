//! The DXP HTTP API: the actix-web application, its handlers grouped by resource, JWT
//! authentication, problem+json errors and the per-request log line.
//!
//! Handlers stay thin: extract and authenticate, parse into domain types, call the use case
//! ([`dxp_service::Service`]), map its answer to a response type and its failure to
//! problem+json (`From<ServiceError> for ApiError`). The OpenAPI document is collected from the
//! same registrations ([`configure`]) by the `dxp-openapi` crate.

mod allowed_methods;
pub mod auth;
pub mod body_stream;
pub mod disabled_people;
pub mod error;
pub mod idempotency;
pub mod people_seen;
pub mod rate_limit;
mod request_log;
pub mod routes;
pub mod server;
pub mod state;
pub mod token_keys;
pub mod upload_limits;

/// What a server needs of the use-case layer to start: the service and its clock.
pub use dxp_service::{Clock, Service};
pub use error::{ApiError, Problem};
pub use routes::configure;
pub use server::{Documents, ServerOptions, Surface, run};
pub use state::AppState;
