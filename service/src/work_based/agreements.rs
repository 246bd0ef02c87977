//! Training agreements: every change of an agreement's state reaches its open enrolments in the
//! same transaction, whoever makes it (a TMS, or the platform when a grace period runs out).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use dxp_domain::Edumis;
use dxp_domain::work_based::agreements::{
    self, AgreementUpdate, GRACE_DAYS, Grace, Hold, NewTrainingAgreement, Restart,
    TrainingAgreement, Transfer, Withdrawal,
};
use dxp_domain::work_based::enrolments::{self, Enrolment};
use dxp_domain::work_based::learners::Learner;
use dxp_domain::work_based::training_plans::{self, TrainingPlan};
use dxp_domain::work_based::{AgreementStatus, EnrolmentStatus};
use dxp_persistence::audit::SYSTEM_ACTOR;
use dxp_persistence::connection::write_transaction;
use dxp_persistence::work_based::{self, Author, ChangeKind, Kind, Stored};
use dxp_persistence::{DbConnection, StoreError};

use super::enrolments::of_agreement;
use super::store::{self, Columns, Loaded, Resource};
use super::{Objections, Tms, in_transaction, not_found};
use crate::{Service, ServiceError};

/// Agreements the grace expiry withdraws per transaction.
const GRACE_BATCH: i64 = 500;

/// An agreement is looked up by its learner, status and since when.
impl Resource for TrainingAgreement {
    const KIND: Kind = Kind::TrainingAgreement;

    fn local_id(&self) -> &str {
        &self.training_agreement_local_id
    }

    fn columns(&self) -> Columns {
        Columns {
            parent_id: Some(self.learner_local_id.clone()),
            lookup: None,
            status: Some(self.status.as_str()),
            status_date: Some(self.status_date),
        }
    }
}

/// Keeps `changed` in place of the agreement `from` held, and moves its `enrolments` (as read
/// in the same transaction) with it; a finish also ends its training plans. A change made
/// meanwhile by another request is a conflict: nothing is written. (A transfer finishes an
/// agreement differently: its open enrolments move to the new agreement instead.)
pub(crate) fn apply_change(
    conn: &mut DbConnection,
    from: &Stored,
    changed: &TrainingAgreement,
    enrolments: &[Loaded<Enrolment>],
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    let stored = store::replace(conn, from, changed, ChangeKind::StatusChanged, author)?;
    let organisation = from.key.organisation;
    for enrolment in enrolments {
        if let Some(followed) =
            enrolments::follow_agreement(&enrolment.value, changed.status, changed.status_date)
        {
            store::replace(
                conn,
                &enrolment.row,
                &followed,
                ChangeKind::StatusChanged,
                author,
            )?;
        }
    }
    if changed.status == AgreementStatus::Finished {
        end_plans(conn, organisation, changed, author)?;
    }
    Ok(stored)
}

/// Ends the training plans of an agreement that has finished, on the day it finished.
fn end_plans(
    conn: &mut DbConnection,
    organisation: Edumis,
    finished: &TrainingAgreement,
    author: &Author<'_>,
) -> Result<(), StoreError> {
    for row in work_based::children(
        conn,
        organisation,
        Kind::TrainingPlan,
        &finished.training_agreement_local_id,
    )? {
        let plan: Loaded<TrainingPlan> = store::decode(row)?;
        if let Some(ended) = training_plans::ended_with_agreement(&plan.value, finished.status_date)
        {
            store::replace(conn, &plan.row, &ended, ChangeKind::Updated, author)?;
        }
    }
    Ok(())
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
        AgreementStatus::Grace.as_str(),
        paused_by,
        GRACE_BATCH,
    )?;
    let mut withdrawn = 0;
    for row in &due {
        let outcome = write_transaction(conn, |conn| -> Result<bool, StoreError> {
            // Read again inside the transaction: a TMS may have restarted it meanwhile.
            let Some(current) =
                store::load::<TrainingAgreement>(conn, row.key.organisation, &row.key.local_id)?
            else {
                return Ok(false);
            };
            let Some(changed) = agreements::withdraw_for_grace_expiry(&current.value, today) else {
                return Ok(false);
            };
            let system = Author {
                actor: SYSTEM_ACTOR,
                at: now,
                reason: changed.status_reason_code.as_deref(),
            };
            let enrolments = of_agreement(conn, row.key.organisation, &row.key.local_id)?;
            apply_change(conn, &current.row, &changed, &enrolments, &system)?;
            dxp_persistence::notices::tell_organisation(
                conn,
                row.key.organisation,
                &dxp_domain::notices::Notice::agreement_withdrawn(&row.key.local_id, today),
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

/// The earliest and the latest participation start of the agreement's enrolments.
fn participation_starts(
    enrolments: &[Loaded<Enrolment>],
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let starts = enrolments
        .iter()
        .map(|enrolment| enrolment.value.details.participation_start_date);
    (starts.clone().min(), starts.max())
}

/// The stored agreement the path names.
fn stored_agreement(
    conn: &mut DbConnection,
    tms: &Tms,
    id: &str,
) -> Result<Loaded<TrainingAgreement>, ServiceError> {
    store::load(conn, tms.organisation, id)?.ok_or_else(|| not_found("training agreement", id))
}

/// A change of an agreement's state a TMS asks for.
enum StateChange {
    Withdraw(Withdrawal),
    Hold(Hold),
    Grace(Grace),
    Restart(Restart),
}

impl Service {
    /// W6: a new training agreement, `PENDING` until its training starts.
    pub async fn create_training_agreement(
        &self,
        tms: &Tms,
        new: NewTrainingAgreement,
    ) -> Result<TrainingAgreement, ServiceError> {
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let id = new.training_agreement_local_id.clone();
                let mut objections = Objections::default();
                if store::exists::<TrainingAgreement>(conn, tms.organisation, &id)? {
                    objections.raise(agreements::already_exists(&id));
                }
                if !store::exists::<Learner>(conn, tms.organisation, &new.learner_local_id)? {
                    objections.raise(agreements::learner_not_found(&new.learner_local_id));
                }
                let created = objections.weigh(agreements::create(&new, today));
                let created = objections.conclude(created)?;
                let author = tms.author(now, None);
                store::create(conn, tms.organisation, &created, &author)?;
                Ok(created)
            })
        })
        .await
    }

    /// W12: a training agreement as stored.
    pub async fn training_agreement(
        &self,
        tms: &Tms,
        id: &str,
    ) -> Result<TrainingAgreement, ServiceError> {
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| Ok::<_, ServiceError>(stored_agreement(conn, &tms, &id)?.value))
            .await
    }

    /// W12: the signed date or end date of an agreement corrected.
    pub async fn update_training_agreement(
        &self,
        tms: &Tms,
        id: &str,
        update: AgreementUpdate,
    ) -> Result<TrainingAgreement, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = stored_agreement(conn, &tms, &id)?;
                let (earliest, _) =
                    participation_starts(&of_agreement(conn, tms.organisation, &id)?);
                let updated = agreements::update(&stored.value, &update, earliest, today)
                    .map_err(ServiceError::Rejected)?;
                let author = tms.author(now, None);
                store::replace(conn, &stored.row, &updated, ChangeKind::Updated, &author)?;
                Ok(updated)
            })
        })
        .await
    }

    /// W8: an agreement withdrawn with its open enrolments.
    pub async fn withdraw_training_agreement(
        &self,
        tms: &Tms,
        id: &str,
        request: Withdrawal,
    ) -> Result<TrainingAgreement, ServiceError> {
        self.change_state(tms, id, StateChange::Withdraw(request))
            .await
    }

    /// W9: an agreement placed on hold.
    pub async fn hold_training_agreement(
        &self,
        tms: &Tms,
        id: &str,
        request: Hold,
    ) -> Result<TrainingAgreement, ServiceError> {
        self.change_state(tms, id, StateChange::Hold(request)).await
    }

    /// W10: an agreement placed in grace; the system withdraws it after 42 days.
    pub async fn grace_training_agreement(
        &self,
        tms: &Tms,
        id: &str,
        request: Grace,
    ) -> Result<TrainingAgreement, ServiceError> {
        self.change_state(tms, id, StateChange::Grace(request))
            .await
    }

    /// W11: an agreement restarted after a hold or grace.
    pub async fn restart_training_agreement(
        &self,
        tms: &Tms,
        id: &str,
        request: Restart,
    ) -> Result<TrainingAgreement, ServiceError> {
        self.change_state(tms, id, StateChange::Restart(request))
            .await
    }

    async fn change_state(
        &self,
        tms: &Tms,
        id: &str,
        change: StateChange,
    ) -> Result<TrainingAgreement, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = stored_agreement(conn, &tms, &id)?;
                let enrolments = of_agreement(conn, tms.organisation, &id)?;
                let (changed, reason) = match &change {
                    StateChange::Withdraw(request) => {
                        let (_, latest) = participation_starts(&enrolments);
                        let changed = agreements::withdraw(&stored.value, request, latest, today);
                        (changed, Some(request.withdrawal_reason_code.as_str()))
                    }
                    StateChange::Hold(request) => (
                        agreements::hold(&stored.value, request, today),
                        Some(request.on_hold_reason_code.as_str()),
                    ),
                    StateChange::Grace(request) => (
                        agreements::grace(&stored.value, request, today),
                        Some(request.grace_reason_code.as_str()),
                    ),
                    StateChange::Restart(request) => {
                        (agreements::restart(&stored.value, request, today), None)
                    }
                };
                let changed = changed.map_err(ServiceError::Rejected)?;
                let author = tms.author(now, reason);
                apply_change(conn, &stored.row, &changed, &enrolments, &author)?;
                Ok(changed)
            })
        })
        .await
    }

    /// W7: an agreement transferred to a new one (a change of employer); the old one finishes
    /// and its open enrolments move to the new one.
    pub async fn transfer_training_agreement(
        &self,
        tms: &Tms,
        id: &str,
        request: Transfer,
    ) -> Result<TrainingAgreement, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = stored_agreement(conn, &tms, &id)?;
                let new_id = request.new_training_agreement_local_id.clone();
                let mut objections = Objections::default();
                if store::exists::<TrainingAgreement>(conn, tms.organisation, &new_id)? {
                    objections.raise(agreements::already_exists(&new_id));
                }
                let transferred =
                    objections.weigh(agreements::transfer(&stored.value, &request, today));
                let (old, new) = objections.conclude(transferred)?;
                let author = tms.author(now, Some("transfer"));
                store::replace(conn, &stored.row, &old, ChangeKind::StatusChanged, &author)?;
                end_plans(conn, tms.organisation, &old, &author)?;
                store::create(conn, tms.organisation, &new, &author)?;
                // The same enrolments go on under the new agreement id (over-arching and subs).
                for enrolment in of_agreement(conn, tms.organisation, &id)? {
                    if !enrolment.value.enrolment_status.is_open() {
                        continue;
                    }
                    let mut moved = enrolment.value.clone();
                    moved.details.training_agreement_local_id = new_id.clone();
                    moved.enrolment_status = EnrolmentStatus::following(new.status);
                    store::replace(conn, &enrolment.row, &moved, ChangeKind::Updated, &author)?;
                }
                Ok(new)
            })
        })
        .await
    }
}
