//! Errors from the store, sorted by what the caller can do about them.

/// A failed database operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No connection could be had: the database is down, unreachable or overloaded. Retrying
    /// later may succeed.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// The thing asked for does not exist, or belongs to another organisation (the two are
    /// deliberately indistinguishable).
    #[error("{0}")]
    NotFound(String),
    /// The submission's state does not allow this now.
    #[error("{0}")]
    IllegalTransition(#[from] dxp_domain::submission::IllegalTransition),
    /// The commitment's state does not allow this now.
    #[error("{0}")]
    CommitmentRefused(dxp_domain::commitments::CommitmentRefusal),
    /// A rule of the collection calendar refuses it (Stop Gate, resubmission, published round).
    #[error("{0}")]
    Refused(#[from] dxp_domain::lodging::Refusal),
    /// The request names something that cannot be used (an unknown round, say).
    #[error("{0}")]
    Invalid(String),
    /// The database has no room left (its disk, or its size limit, is full): nothing was written.
    /// Reads still work; writes work again once room is made.
    #[error("the database is full: {0}")]
    StorageFull(String),
    /// The statement broke a constraint: the request conflicts with what is stored.
    #[error("conflicts with stored data: {0}")]
    Conflict(String),
    /// Anything else: a bug or a broken database. Someone must look.
    #[error("database error: {0}")]
    Database(diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
}

impl StoreError {
    /// A stored value this code cannot read back (a row written by a newer or broken version).
    pub fn corrupt(what: impl std::fmt::Display) -> StoreError {
        StoreError::Database(diesel::result::Error::DeserializationError(
            what.to_string().into(),
        ))
    }
}

/// Constraint violations become conflicts; a lost connection, a database shutting down or a
/// read-only file make the database unavailable (retry later); a full disk is its own error;
/// everything else is a database error.
impl From<diesel::result::Error> for StoreError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::DatabaseError(
                DatabaseErrorKind::UniqueViolation
                | DatabaseErrorKind::ForeignKeyViolation
                | DatabaseErrorKind::CheckViolation,
                info,
            ) => StoreError::Conflict(info.message().to_owned()),
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => StoreError::Unavailable(info.message().to_owned()),
            Error::DatabaseError(_, info) if is_storage_full(info.message()) => {
                StoreError::StorageFull(info.message().to_owned())
            }
            Error::DatabaseError(_, info) if is_unavailable(info.message()) => {
                StoreError::Unavailable(info.message().to_owned())
            }
            // A connection that broke inside a transaction leaves its transaction manager
            // broken; the pool drops that connection.
            Error::BrokenTransactionManager => {
                StoreError::Unavailable("the connection broke inside a transaction".to_owned())
            }
            other => StoreError::Database(other),
        }
    }
}

/// What SQLite (`SQLITE_FULL`) and PostgreSQL (`53100 disk_full`: "could not extend file ...
/// No space left on device") say when there is no room to write.
fn is_storage_full(message: &str) -> bool {
    message.contains("database or disk is full") || message.contains("No space left on device")
}

/// What the databases say when the server went away or cannot write now: PostgreSQL shutting
/// down, restarting or in recovery (`57P01`, `57P03`), a connection cut, and a SQLite file that
/// became read-only (`SQLITE_READONLY`).
fn is_unavailable(message: &str) -> bool {
    const SIGNS: [&str; 8] = [
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "could not receive data from server",
        "could not send data to server",
        "the database system is shutting down",
        "the database system is starting up",
        "attempt to write a readonly database",
    ];
    SIGNS.iter().any(|sign| message.contains(sign))
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}
