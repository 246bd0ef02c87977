//! What every handler shares: the database and the token verifier.

use std::sync::Arc;

use actix_web::web;
use dxp_persistence::{DbConnection, Pool, StoreError};

use crate::ApiError;
use crate::auth::TokenVerifier;
use crate::records::RecordLimits;

/// The application state handed to every handler.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub tokens: Arc<TokenVerifier>,
    pub limits: RecordLimits,
    pub validator: crate::validator::ValidatorHandle,
    /// The time every rule of the calendar reads.
    pub clock: crate::clock::Clock,
}

/// The database, reached only from the blocking thread pool so that no diesel call ever runs
/// on an actix worker.
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
