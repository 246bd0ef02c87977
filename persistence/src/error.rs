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
    /// A rule of the collection calendar refuses it (Stop Gate, resubmission, published round).
    #[error("{0}")]
    Refused(#[from] dxp_domain::lodging::Refusal),
    /// The request names something that cannot be used (an unknown round, say).
    #[error("{0}")]
    Invalid(String),
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
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
        StoreError::Database(diesel::result::Error::DeserializationError(
            what.to_string().into(),
        ))
    }
}

/// Constraint violations become conflicts; everything else is a database error.
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
            other => StoreError::Database(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}
