//! Reminders that a return is due, on a schedule: 7 days before a round's due date and again a
//! day before, each organisation that has not lodged its return is told (in the portal, and by
//! email for those who want it). The job runs on one node at a time when several share a
//! database (a lease), reads the service's settable clock, and sends each reminder once (the
//! store keeps which were sent).

use dxp_domain::lodging::new_zealand;
use dxp_domain::notices::{DueMark, Notice};
use dxp_persistence::{reminders, schedules};

use crate::work_based::grace::ScheduleOptions;
use crate::{Service, ServiceError};

/// The lease's name.
const JOB: &str = "return-reminders";

/// Starts the reminder job on the current tokio runtime.
pub fn spawn(service: &Service, options: ScheduleOptions) {
    let service = service.clone();
    tokio::spawn(async move {
        loop {
            if let Err(error) = run_once_if_held(&service, &options).await {
                tracing::warn!(error = %error, "the return reminders did not run; they run again at their next turn");
            }
            tokio::time::sleep(options.every).await;
        }
    });
}

async fn run_once_if_held(
    service: &Service,
    options: &ScheduleOptions,
) -> Result<(), ServiceError> {
    let now = service.clock().now()?;
    // The lease outlives two turns, so a node that misses one turn keeps the job.
    let lease = options.every.saturating_mul(3);
    let node = options.node.clone();
    let held = service
        .blocking(move |conn| schedules::hold(conn, JOB, &node, now, lease))
        .await?;
    if held {
        let sent = service.send_due_reminders().await?;
        if sent > 0 {
            tracing::info!(reminders.sent = sent, "return reminders sent");
        }
    }
    Ok(())
}

impl Service {
    /// Sends the reminders due now: for each open, unpublished round 7 days or a day from its
    /// due date, to each organisation with people that has not lodged its return. Returns how
    /// many organisations were reminded.
    pub async fn send_due_reminders(&self) -> Result<usize, ServiceError> {
        let now = self.clock().now()?;
        self.blocking(move |conn| {
            let mut sent = 0;
            for round in dxp_persistence::rounds::list(conn, None)? {
                if round.published || round.opens_at > now {
                    continue;
                }
                let Some(mark) = DueMark::reached(round.due_at - now) else {
                    continue;
                };
                let notice = Notice::return_due(round.id, mark, &new_zealand(round.due_at));
                for organisation in reminders::organisations_to_remind(conn, round.id)? {
                    if reminders::remind_once(conn, organisation, round.id, mark, &notice)? {
                        sent += 1;
                    }
                }
            }
            Ok::<_, ServiceError>(sent)
        })
        .await
    }
}
