//! Programme enrolments, simple and complex: fund 37 on an agreement of the same learner, in a
//! programme version; they follow their agreement's state, and an id is used again only after
//! its enrolment was deleted.

use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::Edumis;
use dxp_domain::work_based::agreements::{self, TrainingAgreement};
use dxp_domain::work_based::enrolments::{
    self, AgreementContext, Enrolment, EnrolmentDeletion, EnrolmentUpdate, EnrolmentWithdrawal,
    NewComplexEnrolment, NewEnrolment, ProgrammeContext,
};
use dxp_domain::work_based::programmes::ProgrammeVersionRecord;
use dxp_domain::work_based::training_plans::EnrolmentContext;
use dxp_domain::work_based::{EnrolmentStatus, Refusals};
use dxp_persistence::work_based::{ChangeKind, Kind, Stored};
use dxp_persistence::{DbConnection, StoreError};

use super::store::{self, Columns, Loaded, Resource};
use super::{Objections, Tms, in_transaction, not_found};
use crate::{Service, ServiceError};

/// An enrolment is looked up by its agreement, status and participation start.
impl Resource for Enrolment {
    const KIND: Kind = Kind::Enrolment;

    fn local_id(&self) -> &str {
        &self.details.enrolment_local_id
    }

    fn columns(&self) -> Columns {
        Columns {
            parent_id: Some(self.details.training_agreement_local_id.clone()),
            lookup: None,
            status: Some(self.enrolment_status.as_str()),
            status_date: Some(self.details.participation_start_date),
        }
    }
}

/// What the enrolment rules need of an agreement.
pub(crate) fn agreement_context(agreement: &TrainingAgreement) -> AgreementContext {
    AgreementContext {
        training_agreement_local_id: agreement.training_agreement_local_id.clone(),
        learner_local_id: agreement.learner_local_id.clone(),
        signed_date: agreement.training_agreement.training_agreement_signed_date,
        status: agreement.status,
    }
}

fn programme_context(record: &ProgrammeVersionRecord) -> ProgrammeContext {
    ProgrammeContext {
        programme_local_id: record.programme_local_id.clone(),
        programme_version_number: record.programme_version_number,
        mode_of_delivery_code: record.version.mode_of_delivery_code,
        study_type_code: record.version.study_type_code.clone(),
        version_start_date: record.version.version_start_date,
    }
}

/// Where an enrolment id stands: free, or used by a deleted enrolment (which a new one
/// replaces), or in use.
enum IdUse {
    Free,
    Deleted(Stored),
    InUse,
}

fn id_use(conn: &mut DbConnection, tms: &Tms, id: &str) -> Result<IdUse, ServiceError> {
    Ok(
        match store::load::<Enrolment>(conn, tms.organisation, id)? {
            None => IdUse::Free,
            Some(stored) if stored.value.enrolment_status == EnrolmentStatus::Deleted => {
                IdUse::Deleted(stored.row)
            }
            Some(_) => IdUse::InUse,
        },
    )
}

/// The agreement and programme versions a new enrolment names, or the objections saying which
/// is missing (`prefix` is the enrolment's path in a complex request).
fn context_of(
    conn: &mut DbConnection,
    tms: &Tms,
    new: &NewEnrolment,
    prefix: &str,
    objections: &mut Objections,
) -> Result<(Option<Loaded<TrainingAgreement>>, Option<ProgrammeContext>), ServiceError> {
    let agreement =
        store::load::<TrainingAgreement>(conn, tms.organisation, &new.training_agreement_local_id)?;
    if agreement.is_none() {
        objections.raise(enrolments::within(
            prefix,
            enrolments::agreement_not_found(&new.training_agreement_local_id),
        ));
    }
    let programme = store::load_ordinal::<ProgrammeVersionRecord>(
        conn,
        tms.organisation,
        &new.programme_local_id,
        new.programme_version_number,
    )?
    .map(|loaded| programme_context(&loaded.value));
    if programme.is_none() {
        objections.raise(enrolments::within(
            prefix,
            enrolments::programme_version_not_found(
                &new.programme_local_id,
                new.programme_version_number,
            ),
        ));
    }
    Ok((agreement, programme))
}

fn check_id(
    conn: &mut DbConnection,
    tms: &Tms,
    id: &str,
    prefix: &str,
    objections: &mut Objections,
) -> Result<Option<Stored>, ServiceError> {
    Ok(match id_use(conn, tms, id)? {
        IdUse::Free => None,
        IdUse::Deleted(row) => Some(row),
        IdUse::InUse => {
            objections.raise(enrolments::within(prefix, enrolments::already_exists(id)));
            None
        }
    })
}

/// Keeps new enrolments (replacing deleted ones with their ids), then starts the agreement
/// when its training has begun.
fn keep_new(
    conn: &mut DbConnection,
    tms: &Tms,
    agreement: &Loaded<TrainingAgreement>,
    created: &[(Enrolment, Option<Stored>)],
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let author = tms.author(now, None);
    for (enrolment, deleted) in created {
        match deleted {
            Some(row) => {
                store::replace(conn, row, enrolment, ChangeKind::Created, &author)?;
            }
            None => {
                store::create(conn, tms.organisation, enrolment, &author)?;
            }
        }
    }
    activate_if_due(conn, tms, agreement, now, today)
}

/// A `PENDING` agreement whose earliest participation start has come becomes `ACTIVE`, dated
/// that start, with its enrolments. `agreement` is as this transaction read it: when another
/// request changed it since, the change is a conflict.
fn activate_if_due(
    conn: &mut DbConnection,
    tms: &Tms,
    agreement: &Loaded<TrainingAgreement>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let id = &agreement.value.training_agreement_local_id;
    let enrolments = of_agreement(conn, tms.organisation, id)?;
    let earliest = enrolments
        .iter()
        .map(|enrolment| enrolment.value.details.participation_start_date)
        .min();
    if agreements::activation_due(&agreement.value, earliest, today)
        && let Some(start) = earliest
    {
        let active = agreements::activate(&agreement.value, start);
        let author = tms.author(now, None);
        super::agreements::apply_change(conn, &agreement.row, &active, &enrolments, &author)?;
    }
    Ok(())
}

/// The agreement's enrolments that count (deleted ones do not), in id order.
pub(crate) fn of_agreement(
    conn: &mut DbConnection,
    organisation: Edumis,
    agreement_id: &str,
) -> Result<Vec<Loaded<Enrolment>>, StoreError> {
    let mut enrolments = Vec::new();
    for row in
        dxp_persistence::work_based::children(conn, organisation, Kind::Enrolment, agreement_id)?
    {
        let enrolment: Loaded<Enrolment> = store::decode(row)?;
        if enrolment.value.enrolment_status != EnrolmentStatus::Deleted {
            enrolments.push(enrolment);
        }
    }
    Ok(enrolments)
}

/// An enrolment as the training-plan and off-job rules see it, with its programme version's
/// start.
pub(crate) fn plan_context(
    conn: &mut DbConnection,
    tms: &Tms,
    enrolment: &Enrolment,
) -> Result<EnrolmentContext, ServiceError> {
    let details = &enrolment.details;
    let version = store::load_ordinal::<ProgrammeVersionRecord>(
        conn,
        tms.organisation,
        &details.programme_local_id,
        details.programme_version_number,
    )?
    .ok_or_else(|| not_found("programme version", &details.programme_local_id))?;
    Ok(EnrolmentContext {
        enrolment_local_id: details.enrolment_local_id.clone(),
        status: enrolment.enrolment_status,
        participation_start_date: details.participation_start_date,
        study_type_code: details.study_type_code.clone(),
        programme_version_start_date: version.value.version.version_start_date,
    })
}

fn stored_enrolment(
    conn: &mut DbConnection,
    tms: &Tms,
    id: &str,
) -> Result<Loaded<Enrolment>, ServiceError> {
    match store::load::<Enrolment>(conn, tms.organisation, id)? {
        Some(stored) if stored.value.enrolment_status != EnrolmentStatus::Deleted => Ok(stored),
        _ => Err(not_found("enrolment", id)),
    }
}

impl Service {
    /// W13: a simple programme enrolment.
    pub async fn create_enrolment(
        &self,
        tms: &Tms,
        new: NewEnrolment,
    ) -> Result<Enrolment, ServiceError> {
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let mut objections = Objections::default();
                let deleted = check_id(conn, &tms, &new.enrolment_local_id, "", &mut objections)?;
                let (agreement, programme) = context_of(conn, &tms, &new, "", &mut objections)?;
                let created = match (&agreement, &programme) {
                    (Some(agreement), Some(programme)) => objections.weigh(enrolments::create(
                        &new,
                        &agreement_context(&agreement.value),
                        programme,
                        today,
                    )),
                    _ => None,
                };
                let (created, agreement) = objections.conclude(created.zip(agreement))?;
                keep_new(
                    conn,
                    &tms,
                    &agreement,
                    &[(created.clone(), deleted)],
                    now,
                    today,
                )?;
                Ok(created)
            })
        })
        .await
    }

    /// W14: an over-arching enrolment with its sub-enrolments, on one agreement.
    pub async fn create_complex_enrolment(
        &self,
        tms: &Tms,
        new: NewComplexEnrolment,
    ) -> Result<Vec<Enrolment>, ServiceError> {
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let mut objections = Objections::default();
                let parts: Vec<(&NewEnrolment, String)> = std::iter::once((
                    &new.over_arching_enrolment,
                    enrolments::OVER_ARCHING.to_owned(),
                ))
                .chain(
                    new.sub_enrolments
                        .iter()
                        .enumerate()
                        .map(|(n, sub)| (sub, enrolments::sub_enrolment(n))),
                )
                .collect();
                let mut deleted = Vec::with_capacity(parts.len());
                let mut programmes = Vec::with_capacity(parts.len());
                let mut agreement = None;
                for (part, prefix) in &parts {
                    deleted.push(check_id(
                        conn,
                        &tms,
                        &part.enrolment_local_id,
                        prefix,
                        &mut objections,
                    )?);
                    let (found, programme) = context_of(conn, &tms, part, prefix, &mut objections)?;
                    if agreement.is_none() {
                        agreement = found;
                    }
                    programmes.extend(programme);
                }
                let created = match &agreement {
                    Some(agreement) if programmes.len() == parts.len() => {
                        objections.weigh(enrolments::create_complex(
                            &new,
                            &agreement_context(&agreement.value),
                            &programmes,
                            today,
                        ))
                    }
                    _ => None,
                };
                let (created, agreement) = objections.conclude(created.zip(agreement))?;
                let kept: Vec<(Enrolment, Option<Stored>)> =
                    created.iter().cloned().zip(deleted).collect();
                keep_new(conn, &tms, &agreement, &kept, now, today)?;
                Ok(created)
            })
        })
        .await
    }

    /// W15: an enrolment as stored (a deleted one is not found).
    pub async fn enrolment(&self, tms: &Tms, id: &str) -> Result<Enrolment, ServiceError> {
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| Ok::<_, ServiceError>(stored_enrolment(conn, &tms, &id)?.value))
            .await
    }

    /// W16: the enrolment date or the non-mandatory unit standards of an open enrolment.
    pub async fn update_enrolment(
        &self,
        tms: &Tms,
        id: &str,
        update: EnrolmentUpdate,
    ) -> Result<Enrolment, ServiceError> {
        self.change_enrolment(tms, id, ChangeKind::Updated, None, move |stored, today| {
            enrolments::update(stored, &update, today)
        })
        .await
    }

    /// W16: an open enrolment withdrawn on its own.
    pub async fn withdraw_enrolment(
        &self,
        tms: &Tms,
        id: &str,
        withdrawal: EnrolmentWithdrawal,
    ) -> Result<Enrolment, ServiceError> {
        self.change_enrolment(
            tms,
            id,
            ChangeKind::StatusChanged,
            None,
            move |stored, today| enrolments::withdraw(stored, &withdrawal, today),
        )
        .await
    }

    /// W17: an enrolment deleted with a reason; its id may then be used again.
    pub async fn delete_enrolment(
        &self,
        tms: &Tms,
        id: &str,
        deletion: EnrolmentDeletion,
    ) -> Result<Enrolment, ServiceError> {
        let reason = deletion.deletion_reason.clone();
        self.change_enrolment(
            tms,
            id,
            ChangeKind::Deleted,
            Some(reason),
            move |stored, today| enrolments::delete(stored, &deletion, today),
        )
        .await
    }

    async fn change_enrolment(
        &self,
        tms: &Tms,
        id: &str,
        change: ChangeKind,
        reason: Option<String>,
        decide: impl FnOnce(&Enrolment, NaiveDate) -> Result<Enrolment, Refusals> + Send + 'static,
    ) -> Result<Enrolment, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = stored_enrolment(conn, &tms, &id)?;
                let changed = decide(&stored.value, today).map_err(ServiceError::Rejected)?;
                let author = tms.author(now, reason.as_deref());
                store::replace(conn, &stored.row, &changed, change, &author)?;
                Ok(changed)
            })
        })
        .await
    }
}
