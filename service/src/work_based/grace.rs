//! The platform's own work-based changes, on a schedule: an agreement left in grace for 42
//! days is withdrawn with reason `GE` (and its open enrolments with it). The job runs on one
//! node at a time when several share a database (a lease), is idempotent (an agreement it has
//! withdrawn is no longer in grace), reads the service's settable clock, and puts each
//! withdrawal in the organisation's change feed as the `system`'s.

use std::time::Duration;

use dxp_persistence::schedules;

use crate::Service;

/// The lease's name.
const JOB: &str = "work-based-grace-expiry";

/// When and where the scheduled jobs run.
#[derive(Debug, Clone)]
pub struct ScheduleOptions {
    /// How often the job looks for work.
    pub every: Duration,
    /// This node's name in the lease.
    pub node: String,
}

/// Starts the scheduled work-based jobs on the current tokio runtime.
pub fn spawn(service: &Service, options: ScheduleOptions) {
    let service = service.clone();
    tokio::spawn(async move {
        // The first turn waits one period too, so a node starting up does its other work first.
        loop {
            tokio::time::sleep(options.every).await;
            if let Err(error) = run_once_if_held(&service, &options).await {
                tracing::warn!(error = %error, "the grace expiry did not run; it runs again at its next turn");
            }
        }
    });
}

/// Runs the grace expiry when this node holds (or takes) the job's lease.
async fn run_once_if_held(
    service: &Service,
    options: &ScheduleOptions,
) -> Result<(), crate::ServiceError> {
    let now = service.clock().now()?;
    // The lease outlives two turns, so a node that misses one turn keeps the job.
    let lease = options.every.saturating_mul(3);
    let node = options.node.clone();
    let held = service
        .blocking(move |conn| schedules::hold(conn, JOB, &node, now, lease))
        .await?;
    if held {
        let withdrawn = service.expire_graces().await?;
        if withdrawn > 0 {
            tracing::info!(
                agreements.withdrawn = withdrawn,
                "agreements withdrawn after 42 days in grace"
            );
        }
    }
    Ok(())
}
