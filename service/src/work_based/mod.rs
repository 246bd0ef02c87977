//! The work-based use cases: what a training management system (TMS) does record by record in
//! place of the old Industry Training Register, and the platform's own changes (a grace
//! expiry). The rules are the domain's (`dxp_domain::work_based`); here each request is checked
//! against what the organisation has stored, applied in one transaction, and put in the
//! organisation's change feed.

mod agreements;
mod enrolments;
pub mod feed;
pub mod grace;
mod store;

use chrono::NaiveDate;
use dxp_domain::Edumis;
use dxp_domain::calendar::nz_date;

use crate::{Service, ServiceError};

/// A TMS acting for one organisation: the `EID` its request names, which the surface has
/// checked against its token.
#[derive(Debug, Clone)]
pub struct Tms {
    /// The token's subject, kept with every change.
    pub actor: String,
    pub organisation: Edumis,
}

impl Service {
    /// Today in New Zealand, by the service's clock: the day every work-based date rule reads.
    pub fn nz_today(&self) -> Result<NaiveDate, ServiceError> {
        Ok(nz_date(self.clock().now()?))
    }
}
