//! What the platform keeps about itself: whether its store answers, the audit log the funder
//! reads, and the first answers to writes sent with an idempotency key.

use dxp_persistence::audit::{self, AuditEvent};
use dxp_persistence::idempotency::{self, Remembered};
use dxp_persistence::paging::{Page, PageRequest};
use dxp_persistence::submissions::Scope;

use crate::{Caller, Service, ServiceError};

impl Service {
    /// Succeeds when the database answers.
    pub async fn health(&self) -> Result<(), ServiceError> {
        self.blocking(dxp_persistence::health::check).await
    }

    /// A page of the audit log, oldest first, optionally only the events about one subject
    /// (`2026-APR`, a submission's id). Only the funder reads it.
    pub async fn audit_page(
        &self,
        caller: &Caller,
        subject: Option<String>,
        request: PageRequest<i64>,
    ) -> Result<Page<AuditEvent, i64>, ServiceError> {
        if caller.scope != Scope::Everyone {
            return Err(ServiceError::Forbidden(
                "only the funder reads the audit log".to_owned(),
            ));
        }
        self.blocking(move |conn| audit::log_page(conn, subject.as_deref(), &request))
            .await
    }

    /// The answer first given to the write an organisation sent with this idempotency key.
    pub async fn remembered_answer(
        &self,
        organisation: i32,
        key: &str,
    ) -> Result<Option<Remembered>, ServiceError> {
        let key = key.to_owned();
        self.blocking(move |conn| idempotency::find(conn, organisation, &key))
            .await
    }

    /// Keeps the answer to a write sent with an idempotency key, for its retries.
    pub async fn remember_answer(
        &self,
        organisation: i32,
        key: &str,
        answer: Remembered,
    ) -> Result<(), ServiceError> {
        let key = key.to_owned();
        self.blocking(move |conn| idempotency::remember(conn, organisation, &key, &answer))
            .await
    }
}
