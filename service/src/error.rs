//! What a use case can fail with, in the domain's words. Each surface turns it into its own
//! wire form (the JSON API into problem+json with a status); nothing here knows HTTP.

use dxp_domain::lodging::Refusal;
use dxp_domain::submission::IllegalTransition;
use dxp_persistence::StoreError;

use crate::clock::ClockError;
use crate::ingest::IngestError;

/// Why a use case did not happen. The messages are for the person who asked: what is wrong and
/// what to do; causes that could leak internals (SQL, paths) are kept apart in the variants a
/// surface logs rather than shows ([`ServiceError::Conflict`], [`ServiceError::Unavailable`],
/// [`ServiceError::StorageFull`], [`ServiceError::Failure`]).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// What was sent cannot be read or breaks a limit of its shape (a malformed body, a round
    /// id that is not one, a reason too long to keep).
    #[error("{0}")]
    BadInput(String),
    /// More than one request may carry (records in a JSON body).
    #[error("{0}")]
    TooLarge(String),
    /// The caller may not do this whatever it names (an organisation reading what only the
    /// funder reads).
    #[error("{0}")]
    Forbidden(String),
    /// The thing asked for does not exist, or belongs to another organisation (the two are
    /// deliberately indistinguishable).
    #[error("{0}")]
    NotFound(String),
    /// The submission's state does not allow this now (validating, submitted, cancelled, …).
    #[error("{0}")]
    NotNow(IllegalTransition),
    /// The commitment's state does not allow this now (submitted, accepted, …).
    #[error("{0}")]
    CommitmentNotNow(dxp_domain::commitments::CommitmentRefusal),
    /// A rule of the collection calendar refuses it; the refusal names the rule (RD-…).
    #[error("{0}")]
    Refused(Refusal),
    /// Business rules of the work-based API refuse the request; each refusal names its rule
    /// (WB-…) and the field it is about.
    #[error("{}", describe_refusals(.0))]
    Rejected(dxp_domain::work_based::Refusals),
    /// Well formed, but names something that cannot be used: an unknown round, dates that do
    /// not make a round.
    #[error("{0}")]
    Unacceptable(String),
    /// It conflicts with what is stored (it exists already). The cause is for the log.
    #[error("the request conflicts with data already stored")]
    Conflict(String),
    /// The database cannot be reached now; retrying later may work. The cause is for the log.
    #[error("the database is unavailable")]
    Unavailable(String),
    /// The database has no room left: nothing was stored. The cause is for the log.
    #[error("the database is full")]
    StorageFull(String),
    /// A fault of the service itself (a broken database, an unreadable clock file, a task that
    /// panicked): someone must look. The cause is for the log.
    #[error("the service failed: {0}")]
    Failure(String),
}

/// The refusals in one line: `WB-021 (pauseDate): …; WB-030 (…): …`.
fn describe_refusals(refusals: &[dxp_domain::work_based::Refusal]) -> String {
    refusals
        .iter()
        .map(|refusal| match refusal.field.as_str() {
            "" => format!("{}: {}", refusal.rule, refusal.message),
            field => format!("{} ({field}): {}", refusal.rule, refusal.message),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unavailable(cause) => ServiceError::Unavailable(cause),
            StoreError::StorageFull(cause) => ServiceError::StorageFull(cause),
            StoreError::NotFound(what) => ServiceError::NotFound(what),
            StoreError::IllegalTransition(refusal) => ServiceError::NotNow(refusal),
            StoreError::Invalid(why) => ServiceError::Unacceptable(why),
            StoreError::Refused(refusal) => ServiceError::Refused(refusal),
            StoreError::CommitmentRefused(refusal) => ServiceError::CommitmentNotNow(refusal),
            StoreError::Conflict(cause) => ServiceError::Conflict(cause),
            other @ (StoreError::Database(_) | StoreError::Migration(_)) => {
                ServiceError::Failure(other.to_string())
            }
        }
    }
}

impl From<Refusal> for ServiceError {
    fn from(refusal: Refusal) -> Self {
        ServiceError::Refused(refusal)
    }
}

impl From<IngestError> for ServiceError {
    fn from(error: IngestError) -> Self {
        match error {
            IngestError::TooManyRecords { .. } => ServiceError::TooLarge(error.to_string()),
            IngestError::Malformed(_) | IngestError::Unreadable(_) => {
                ServiceError::BadInput(error.to_string())
            }
        }
    }
}

impl From<ClockError> for ServiceError {
    fn from(error: ClockError) -> Self {
        ServiceError::Failure(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_keep_their_meaning_and_internal_causes_stay_out_of_the_message() {
        let full = ServiceError::from(StoreError::StorageFull("disk /var/lib full".to_owned()));
        assert!(matches!(&full, ServiceError::StorageFull(cause) if cause.contains("/var/lib")));
        assert_eq!(full.to_string(), "the database is full");
        let conflict = ServiceError::from(StoreError::Conflict("UNIQUE rounds.id".to_owned()));
        assert!(!conflict.to_string().contains("UNIQUE"), "{conflict}");
        assert!(matches!(
            ServiceError::from(StoreError::NotFound("no submission x".to_owned())),
            ServiceError::NotFound(what) if what == "no submission x"
        ));
        assert!(matches!(
            ServiceError::from(StoreError::Invalid("no round 2031-APR".to_owned())),
            ServiceError::Unacceptable(_)
        ));
    }

    #[test]
    fn too_many_records_is_too_large_and_a_broken_body_bad_input() {
        assert!(matches!(
            ServiceError::from(IngestError::TooManyRecords { max: 3 }),
            ServiceError::TooLarge(message) if message.contains("at most 3")
        ));
        assert!(matches!(
            ServiceError::from(IngestError::Unreadable("reset".to_owned())),
            ServiceError::BadInput(message) if message == "the body could not be read: reset"
        ));
    }
}
