//! The work-based use cases: what a training management system (TMS) does record by record in
//! place of the old Industry Training Register, and the platform's own changes (a grace
//! expiry). The rules are the domain's (`dxp_domain::work_based`); here each request is checked
//! against what the organisation has stored, applied in one transaction, and put in the
//! organisation's change feed.

mod agreements;
mod enrolments;
pub mod feed;
pub mod grace;
mod learners;
mod off_job;
mod programmes;
pub(crate) mod store;
mod training_plans;

use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::Edumis;
use dxp_domain::calendar::nz_date;
use dxp_domain::work_based::{Refusal, Refusals};
use dxp_persistence::DbConnection;
use dxp_persistence::work_based::Author;

use crate::{Service, ServiceError};

/// A TMS acting for one organisation: the `EID` its request names, which the surface has
/// checked against its token.
#[derive(Debug, Clone)]
pub struct Tms {
    /// The token's subject, kept with every change.
    pub actor: String,
    pub organisation: Edumis,
}

impl Tms {
    /// This TMS as the author of a change made `at`, for `reason` when it has one.
    fn author<'a>(&'a self, at: DateTime<Utc>, reason: Option<&'a str>) -> Author<'a> {
        Author {
            actor: &self.actor,
            at,
            reason,
        }
    }
}

impl Service {
    /// Today in New Zealand, by the service's clock: the day every work-based date rule reads.
    pub fn nz_today(&self) -> Result<NaiveDate, ServiceError> {
        Ok(nz_date(self.clock().now()?))
    }

    /// Now, and today in New Zealand, read once for a request.
    fn moment(&self) -> Result<(DateTime<Utc>, NaiveDate), ServiceError> {
        let now = self.clock().now()?;
        Ok((now, nz_date(now)))
    }
}

/// Runs a use case's reads and writes in one transaction: a refusal or a failure writes
/// nothing.
fn in_transaction<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    dxp_persistence::connection::atomically(conn, work)
}

/// Nothing refused: go on; otherwise the request is rejected with every refusal.
fn accept(refusals: Refusals) -> Result<(), ServiceError> {
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Rejected(refusals))
    }
}

/// The refusals of one request gathered from each of its checks (the store's and the domain's),
/// so a TMS hears of them all in one answer rather than one per attempt.
#[derive(Debug, Default)]
struct Objections(Refusals);

impl Objections {
    fn raise(&mut self, refusal: Refusal) {
        self.0.push(refusal);
    }

    /// The value a domain decision made, or nothing with its refusals kept.
    fn weigh<T>(&mut self, decision: Result<T, Refusals>) -> Option<T> {
        decision.map_err(|refusals| self.0.extend(refusals)).ok()
    }

    /// The request rejected now with `refusal` and those kept so far: the checks still to come
    /// need what it says is missing.
    fn stop<T>(mut self, refusal: Refusal) -> Result<T, ServiceError> {
        self.raise(refusal);
        Err(ServiceError::Rejected(self.0))
    }

    /// The request rejected with every refusal kept; otherwise what the decisions made, which
    /// a request nothing refused always has.
    fn conclude<T>(self, decided: Option<T>) -> Result<T, ServiceError> {
        accept(self.0)?;
        decided.ok_or_else(|| {
            ServiceError::Failure("a work-based request neither applied nor refused".to_owned())
        })
    }
}

/// A resource named in the path that the organisation has not sent.
fn not_found(what: &str, local_id: &str) -> ServiceError {
    ServiceError::NotFound(format!("this organisation has no {what} '{local_id}'"))
}
