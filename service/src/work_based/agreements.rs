//! Training agreements: every change of an agreement's state reaches its open enrolments in the
//! same transaction, whoever makes it (a TMS, or the platform when a grace period runs out).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use dxp_domain::work_based::agreements::{self, GRACE_DAYS, TrainingAgreement};
use dxp_domain::work_based::enrolments::{self, Enrolment};
use dxp_persistence::audit::SYSTEM_ACTOR;
use dxp_persistence::connection::write_transaction;
use dxp_persistence::work_based::{self, ChangeKind, Kind, Stored};
use dxp_persistence::{DbConnection, StoreError};

use super::store::{self, Columns, Loaded};
use crate::{Service, ServiceError};

/// Agreements the grace expiry withdraws per transaction.
const GRACE_BATCH: i64 = 500;

/// The columns an agreement is looked up by: its learner, status and since when.
pub(crate) fn columns(agreement: &TrainingAgreement) -> Columns {
    Columns {
        parent_id: Some(agreement.learner_local_id.clone()),
        lookup: None,
        status: Some(agreement.status.as_str()),
        status_date: Some(agreement.status_date),
    }
}

/// Keeps `changed` in place of the agreement `from` held, and moves its open enrolments with
/// it. A change made meanwhile by another request is a conflict: nothing is written.
pub(crate) fn apply_change(
    conn: &mut DbConnection,
    from: &Stored,
    changed: &TrainingAgreement,
    actor: &str,
    at: DateTime<Utc>,
    reason: Option<&str>,
) -> Result<Stored, StoreError> {
    let author = store::author(actor, at, reason);
    let stored = store::replace(
        conn,
        from,
        changed,
        columns(changed),
        ChangeKind::StatusChanged,
        &author,
    )?;
    let organisation = from.key.organisation;
    for row in work_based::children(
        conn,
        organisation,
        Kind::Enrolment,
        &changed.training_agreement_local_id,
    )? {
        let enrolment: Loaded<Enrolment> = store::decode(row)?;
        if let Some(followed) =
            enrolments::follow_agreement(&enrolment.value, changed.status, changed.status_date)
        {
            store::replace(
                conn,
                &enrolment.row,
                &followed,
                super::enrolments::columns(&followed),
                ChangeKind::StatusChanged,
                &author,
            )?;
        }
    }
    Ok(stored)
}

impl Service {
    /// Withdraws, with reason `GE`, every agreement of every organisation that has been in grace
    /// for [`GRACE_DAYS`] days by today in New Zealand: on the 42nd day after the pause, not the
    /// 41st. Idempotent: a withdrawn agreement is no longer in grace. An agreement a TMS changes
    /// at the same moment is left to the next run. Answers how many were withdrawn.
    pub async fn expire_graces(&self) -> Result<usize, ServiceError> {
        let now = self.clock().now()?;
        let today = self.nz_today()?;
        let paused_by = today - Duration::days(GRACE_DAYS);
        let mut withdrawn = 0;
        loop {
            let batch = self
                .blocking(move |conn| expire_batch(conn, paused_by, today, now))
                .await?;
            withdrawn += batch.withdrawn;
            if !batch.more {
                return Ok(withdrawn);
            }
        }
    }
}

struct Batch {
    withdrawn: usize,
    /// A full batch was found: look again.
    more: bool,
}

fn expire_batch(
    conn: &mut DbConnection,
    paused_by: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Batch, ServiceError> {
    let due = work_based::in_status_since(
        conn,
        Kind::TrainingAgreement,
        dxp_domain::work_based::AgreementStatus::Grace.as_str(),
        paused_by,
        GRACE_BATCH,
    )?;
    let mut withdrawn = 0;
    for row in &due {
        let outcome = write_transaction(conn, |conn| -> Result<bool, StoreError> {
            // Read again inside the transaction: a TMS may have restarted it meanwhile.
            let Some(current) = store::load::<TrainingAgreement>(conn, &row.key)? else {
                return Ok(false);
            };
            let Some(changed) = agreements::withdraw_for_grace_expiry(&current.value, today) else {
                return Ok(false);
            };
            apply_change(
                conn,
                &current.row,
                &changed,
                SYSTEM_ACTOR,
                now,
                changed.status_reason_code.as_deref(),
            )?;
            Ok(true)
        });
        match outcome {
            Ok(true) => withdrawn += 1,
            Ok(false) => {}
            Err(StoreError::Conflict(cause)) => {
                tracing::info!(error.cause = %cause, "agreement changed while its grace expired; next run");
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(Batch {
        withdrawn,
        more: due.len() as i64 == GRACE_BATCH && withdrawn > 0,
    })
}
