//! The DXP HTTP API: the actix-web application, its handlers grouped by resource, JWT
//! authentication, problem+json errors and the per-request log line.
//!
//! Handlers stay thin: extract and authenticate, parse into domain types, run the database work
//! on the blocking pool through [`state::Db`], map to a response type. The OpenAPI document is
//! collected from the same registrations ([`configure`]) by the `dxp-openapi` crate.

mod allowed_methods;
pub mod auth;
pub mod clock;
pub mod error;
pub mod idempotency;
pub mod ingest;
pub mod rate_limit;
pub mod records;
mod request_log;
pub mod routes;
pub mod server;
pub mod state;
pub mod token_keys;
pub mod validator;

pub use error::{ApiError, Problem};
pub use routes::configure;
pub use server::{ServerOptions, run};
pub use state::{AppState, Db};
