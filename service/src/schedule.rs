//! Scheduled jobs: each runs every period on one node at a time when several share a database
//! (by a lease in the store), reading the service's settable clock. Its first turn waits one
//! period too, so a node starting up serves and validates first.

use std::future::Future;
use std::time::Duration;

use dxp_persistence::schedules;

use crate::{Service, ServiceError};

/// When and where the scheduled jobs run.
#[derive(Debug, Clone)]
pub struct ScheduleOptions {
    /// How often each job looks for work.
    pub every: Duration,
    /// This node's name in the leases.
    pub node: String,
}

/// Starts `job`, named `name` in its lease, on the current tokio runtime: each turn, the node
/// holding (or taking) the lease runs it; a failed turn is logged and the next turn tries
/// again.
pub fn spawn<F, Fut>(service: &Service, options: ScheduleOptions, name: &'static str, job: F)
where
    F: Fn(Service) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), ServiceError>> + Send,
{
    let service = service.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(options.every).await;
            let turn = async {
                if holds(&service, &options, name).await? {
                    job(service.clone()).await?;
                }
                Ok::<_, ServiceError>(())
            };
            if let Err(error) = turn.await {
                tracing::warn!(job = name, error = %error, "a scheduled job did not run; it runs again at its next turn");
            }
        }
    });
}

/// Whether this node holds the job's lease now, taking or renewing it.
async fn holds(
    service: &Service,
    options: &ScheduleOptions,
    name: &'static str,
) -> Result<bool, ServiceError> {
    let now = service.clock().now()?;
    // The lease outlives two turns, so a node that misses one turn keeps the job.
    let lease = options.every.saturating_mul(3);
    let node = options.node.clone();
    service
        .blocking(move |conn| schedules::hold(conn, name, &node, now, lease))
        .await
}
