//! What every handler shares: the use cases, the database (for the reads that stream), the
//! token verifier and the upload limits.

use std::sync::Arc;

use actix_web::web;
use dxp_persistence::{DbConnection, Pool, StoreError};
use dxp_service::{Caller, Service};

use crate::ApiError;
use crate::auth::{Principal, TokenVerifier};
use crate::upload_limits::RecordLimits;

/// The application state handed to every handler.
#[derive(Clone)]
pub struct AppState {
    /// The use cases: what handlers call once they have read a request.
    pub service: Service,
    pub db: Db,
    pub tokens: Arc<TokenVerifier>,
    pub limits: RecordLimits,
}

impl AppState {
    /// The state of a node whose use cases run over `service`.
    pub fn new(service: Service, tokens: Arc<TokenVerifier>, limits: RecordLimits) -> Self {
        Self {
            db: Db::new(service.pool().clone()),
            service,
            tokens,
            limits,
        }
    }
}

/// The caller as the use cases know it: the token's subject, and the organisation it may see
/// (everyone's for the funder). A token of an organisation role that names no organisation
/// is forbidden.
pub fn caller_of(principal: &Principal) -> Result<Caller, ApiError> {
    Ok(Caller {
        actor: principal.subject.clone(),
        scope: crate::routes::submissions::scope_of(principal)?,
    })
}

/// The database, reached only from the blocking thread pool so that no diesel call ever runs
/// on an actix worker: for the reads that page through the store as they stream.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
}

impl Db {
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// The pool, for blocking tasks that run several queries as they go (streaming exports).
    pub fn pool(&self) -> Pool {
        self.pool.clone()
    }

    /// Runs `job` with a pooled connection on the blocking pool: checkout, queries and
    /// transaction all happen there. The caller's tracing span is carried across.
    pub async fn run<T, E, F>(&self, job: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        E: From<StoreError> + Into<ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        let outcome = web::block(move || {
            let _entered = span.enter();
            let mut conn = pool.get()?;
            job(&mut conn)
        })
        .await
        .map_err(|error| ApiError::Internal(format!("blocking task failed: {error}")))?;
        outcome.map_err(Into::into)
    }
}
