//! DXP's use cases: what a data officer, an integrator's program or the funder does with a
//! return, whatever surface they come through. The JSON API (`dxp-api`), the command line and
//! the surfaces to come (the funder-compatible API, the work-based API, the portal) call these
//! and only translate their own wire format and errors; none of them talks to the database on
//! its own, and nothing here knows HTTP.
//!
//! - [`upload`]: read an upload's records (JSON, DXP CSV, legacy fixed-width, through
//!   [`ingest`]), check them and store them with the tally of their problems; delete and read
//!   records; the dry run of a file, which stores nothing.
//! - [`submissions`]: open, read, list, validate (queue the job), lodge and cancel a submission.
//! - [`problem_report`]: a submission's problems, filtered and paged, with learners' codes.
//! - [`records_kept`]: the store's health, the audit log, idempotent answers.
//! - [`rounds`]: the calendar, the funder's changes to it and its Stop Gate lifts; what is due.
//! - [`validator`]: the background validators that take the queued validations and give the
//!   verdicts.
//! - [`workforce`]: the workforce questionnaire.
//! - [`organisations`]: the organisations DXP knows, for the funder to choose from.
//! - [`webhooks`]: an organisation's webhook subscriptions, and the sender that delivers their
//!   events, signed.
//!
//! The use cases are methods of [`Service`], which holds the store and the [`clock::Clock`].
//! They are `async` for the surfaces' sake: each runs its database work on the blocking pool
//! (never on an async worker), carrying the caller's tracing span. Errors are [`ServiceError`]s,
//! in the domain's words.

pub mod clock;
pub mod commitments;
pub mod digests;
pub mod documents;
pub mod error;
pub mod file_store;
pub mod ingest;
pub mod insight_outputs;
pub mod insights;
pub mod machine_accounts;
pub mod mailer;
pub mod notices;
pub mod organisations;
pub mod people;
pub mod problem_report;
pub mod provider_based;
pub mod records_kept;
pub mod registers;
pub mod reminders;
pub mod rounds;
pub mod schedule;
pub mod secrets;
pub mod submissions;
pub mod upload;
pub mod validator;
pub mod webhooks;
pub mod work_based;
pub mod workforce;

use std::sync::Arc;

use dxp_persistence::submissions::Scope;
use dxp_persistence::{DbConnection, Pool};
use tokio::sync::Notify;

pub use clock::{Clock, ClockError};
pub use error::ServiceError;

/// Who asks: the name the audit log keeps, and what they may see and change.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The token's subject (or `sandbox`, `system`): kept with every change.
    pub actor: String,
    /// One organisation's submissions, or everyone's (the funder).
    pub scope: Scope,
}

/// Rings the validators of this node when a submission is queued, so that validation starts at
/// once rather than at their next look at the queue. Validators on other nodes find the job at
/// their next look.
#[derive(Clone, Default)]
pub struct ValidationBell {
    ring: Arc<Notify>,
}

impl ValidationBell {
    /// Wakes one waiting validator (or the next to wait).
    pub fn ring(&self) {
        self.ring.notify_one();
    }

    /// Waits for the bell.
    pub async fn rung(&self) {
        self.ring.notified().await;
    }
}

/// The use cases over one store and one clock. Cheap to clone: every surface of a node shares
/// one.
#[derive(Clone)]
pub struct Service {
    pool: Pool,
    clock: Clock,
    bell: ValidationBell,
    files: file_store::FileStore,
    webhook_urls: dxp_domain::webhooks::UrlPolicy,
}

impl Service {
    /// The use cases over `pool` and `clock`, keeping documents' files in memory until
    /// [`Service::with_file_store`] says where.
    pub fn new(pool: Pool, clock: Clock) -> Self {
        Self {
            pool,
            clock,
            bell: ValidationBell::default(),
            files: file_store::FileStore::in_memory(),
            webhook_urls: Default::default(),
        }
    }

    /// The same use cases, accepting webhook URLs under `policy` (public `https://` only
    /// unless told otherwise).
    pub fn with_webhook_urls(mut self, policy: dxp_domain::webhooks::UrlPolicy) -> Self {
        self.webhook_urls = policy;
        self
    }

    /// Which webhook URLs this node accepts and sends to.
    pub fn webhook_urls(&self) -> dxp_domain::webhooks::UrlPolicy {
        self.webhook_urls
    }

    /// The same use cases, keeping documents' files in `files`.
    pub fn with_file_store(mut self, files: file_store::FileStore) -> Self {
        self.files = files;
        self
    }

    /// Where documents' files are kept.
    pub fn file_store(&self) -> &file_store::FileStore {
        &self.files
    }

    /// The store, for work that pages through it as it goes (streaming exports, validators).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The time every rule of the calendar reads.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The bell this node's validators wait on.
    pub fn validation_bell(&self) -> &ValidationBell {
        &self.bell
    }

    /// Runs `job` with a pooled connection on the blocking pool: checkout, queries and
    /// transaction all happen there, so no database call ever runs on an async worker. The
    /// caller's tracing span is carried across.
    pub async fn blocking<T, E, F>(&self, job: F) -> Result<T, ServiceError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        E: Into<ServiceError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        off_the_runtime(move || -> Result<T, ServiceError> {
            let mut conn = pool.get()?;
            job(&mut conn).map_err(Into::into)
        })
        .await
    }
}

/// Runs blocking `work` (reading a body from a channel, parsing, checking) on the blocking pool,
/// with the caller's tracing span.
pub(crate) async fn off_the_runtime<T, E, F>(work: F) -> Result<T, ServiceError>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    E: Into<ServiceError> + Send + 'static,
    T: Send + 'static,
{
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _entered = span.enter();
        work()
    })
    .await
    .map_err(|error| ServiceError::Failure(format!("a blocking task failed: {error}")))?
    .map_err(Into::into)
}
