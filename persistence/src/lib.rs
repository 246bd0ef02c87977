//! DXP persistence: everything that touches the database, and nothing else does.
//!
//! One connection type speaks SQLite (the embedded default) and PostgreSQL (production and
//! scale-out); the backend is chosen from the database URL. This crate owns the diesel schema,
//! the row types (kept apart from the domain types and converted at the boundary), one
//! repository module per aggregate, the connection pool and the embedded migrations of both
//! backends. Every function here is blocking: callers run them off their async workers.

pub mod audit;
mod backend;
pub mod commitments;
pub mod connection;
pub mod digests;
pub mod documents;
pub mod due;
pub mod error;
pub mod health;
pub mod idempotency;
pub mod insights;
pub mod jobs;
pub mod machine_accounts;
pub mod migrations;
pub mod notices;
pub mod nzqa_results;
pub mod organisations;
pub mod outbox;
pub mod paging;
pub mod people;
pub mod pool;
pub mod problems;
pub mod record_store;
pub mod registers;
pub mod reminders;
pub mod rounds;
pub mod schedules;
pub mod schema;
pub mod stop_gate;
pub mod submission_tokens;
pub mod submissions;
mod time;
pub mod webhooks;
pub mod work_based;
pub mod workforce;

pub use backend::{Backend, DatabaseUrl, DatabaseUrlError};
pub use connection::DbConnection;
pub use error::StoreError;
pub use pool::{Pool, PoolOptions, PooledConnection, connect_once};

/// `children` grouped by their parent's id (`parent`), each group in the order read: how a
/// list of parents is given the children read for all of them in one query.
pub(crate) fn by_parent<T>(
    children: Vec<T>,
    parent: impl Fn(&T) -> &str,
) -> std::collections::HashMap<String, Vec<T>> {
    let mut grouped: std::collections::HashMap<String, Vec<T>> = std::collections::HashMap::new();
    for child in children {
        grouped
            .entry(parent(&child).to_owned())
            .or_default()
            .push(child);
    }
    grouped
}
