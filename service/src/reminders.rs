//! Round notices, on a schedule: once a round opens, and 7 days before its due date and again a
//! day before, each organisation that has not lodged its return is told (in the portal, and by
//! email for those who want it). The job runs on one node at a time when several share a
//! database ([`crate::schedule`]), reads the service's settable clock, and sends each reminder once (the
//! store keeps which were sent).

use dxp_domain::lodging::new_zealand;
use dxp_domain::notices::{DueMark, Notice};
use dxp_persistence::reminders;

use crate::schedule::{self, ScheduleOptions};
use crate::{Service, ServiceError};

/// The mark of the notice that a round opened.
const ROUND_OPENED: &str = "opened";

/// Starts the round notices on the current tokio runtime.
pub fn spawn(service: &Service, options: ScheduleOptions) {
    schedule::spawn(service, options, "return-reminders", |service| async move {
        let sent = service.send_due_reminders().await?;
        if sent > 0 {
            tracing::info!(reminders.sent = sent, "round notices sent");
        }
        Ok(())
    });
}

impl Service {
    /// Sends the round notices due now: for each open, unpublished round, that it opened, and
    /// once it is 7 days or a day from its due date, that it is due; to each organisation with
    /// people that has not lodged its return. Returns how many notices were sent.
    pub async fn send_due_reminders(&self) -> Result<usize, ServiceError> {
        let now = self.clock().now()?;
        self.blocking(move |conn| {
            let mut sent = 0;
            for round in dxp_persistence::rounds::list(conn, None)? {
                if round.published || round.opens_at > now {
                    continue;
                }
                if round.due_at <= now {
                    continue;
                }
                let due = new_zealand(round.due_at);
                let mut notices = vec![(ROUND_OPENED, Notice::round_opened(round.id, &due))];
                if let Some(mark) = DueMark::reached(round.due_at - now) {
                    notices.push((mark.as_str(), Notice::return_due(round.id, mark, &due)));
                }
                for organisation in reminders::organisations_to_remind(conn, round.id)? {
                    for (mark, notice) in &notices {
                        if reminders::remind_once(conn, organisation, round.id, mark, notice)? {
                            sent += 1;
                        }
                    }
                }
            }
            Ok::<_, ServiceError>(sent)
        })
        .await
    }
}
