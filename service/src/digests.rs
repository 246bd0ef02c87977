//! The daily digest, on a schedule: once it is 7 am in New Zealand, each person who takes a
//! digest gets one email with the notices of the day before that they chose to be emailed
//! about. The job runs on one node at a time ([`crate::schedule`]) on the settable clock, and
//! each person's digest is claimed for the day in the store, so it goes once.

use dxp_domain::calendar::{nz_date, nz_hour};

use crate::schedule::{self, ScheduleOptions};
use crate::{Service, ServiceError};

/// The hour of the day, in New Zealand, from which the day's digests go.
pub const DIGEST_HOUR: u32 = 7;

/// Starts the daily digest on the current tokio runtime.
pub fn spawn(service: &Service, options: ScheduleOptions) {
    schedule::spawn(service, options, "daily-digest", |service| async move {
        let queued = service.queue_daily_digests().await?;
        if queued > 0 {
            tracing::info!(digests.queued = queued, "daily digests queued");
        }
        Ok(())
    });
}

impl Service {
    /// Queues the day's digests once it is 7 am in New Zealand. Returns how many were queued.
    pub async fn queue_daily_digests(&self) -> Result<usize, ServiceError> {
        let now = self.clock().now()?;
        if nz_hour(now) < DIGEST_HOUR {
            return Ok(0);
        }
        let today = nz_date(now);
        self.blocking(move |conn| dxp_persistence::digests::queue_due(conn, today))
            .await
    }
}
