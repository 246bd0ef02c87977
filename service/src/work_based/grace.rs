//! The platform's own work-based changes, on a schedule: an agreement left in grace for 42
//! days is withdrawn with reason `GE` (and its open enrolments with it). The job runs on one
//! node at a time when several share a database ([`crate::schedule`]), is idempotent (an
//! agreement it has withdrawn is no longer in grace), reads the service's settable clock, and
//! puts each withdrawal in the organisation's change feed as the `system`'s.

use crate::Service;
use crate::schedule::{self, ScheduleOptions};

/// Starts the grace expiry on the current tokio runtime.
pub fn spawn(service: &Service, options: ScheduleOptions) {
    schedule::spawn(
        service,
        options,
        "work-based-grace-expiry",
        |service| async move {
            let withdrawn = service.expire_graces().await?;
            if withdrawn > 0 {
                tracing::info!(
                    agreements.withdrawn = withdrawn,
                    "agreements withdrawn after 42 days in grace"
                );
            }
            Ok(())
        },
    );
}
