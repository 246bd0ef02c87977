//! Training plans of New Zealand Apprenticeships and their visits. A plan's signed date moves
//! the participation start of the agreement's open enrolments that started earlier.

use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::work_based::agreements::TrainingAgreement;
use dxp_domain::work_based::enrolments::Enrolment;
use dxp_domain::work_based::training_plans::{
    self, EnrolmentContext, NewTrainingPlan, TrainingPlan, TrainingPlanUpdate, Visit,
};
use dxp_persistence::DbConnection;
use dxp_persistence::work_based::{self, ChangeKind, Kind};

use super::enrolments::agreement_context;
use super::store::{self, Columns, Loaded, Resource};
use super::{Objections, Tms, in_transaction, not_found};
use crate::{Service, ServiceError};

/// A plan is looked up by its agreement, and by its learner and signed date.
impl Resource for TrainingPlan {
    const KIND: Kind = Kind::TrainingPlan;

    fn local_id(&self) -> &str {
        &self.training_plan_local_id
    }

    fn columns(&self) -> Columns {
        Columns {
            parent_id: Some(self.training_agreement_local_id.clone()),
            lookup: Some(signed_lookup(
                &self.learner_local_id,
                self.training_plan_signed_date,
            )),
            ..Columns::default()
        }
    }
}

/// A plan is unique per organisation, learner and signed date.
fn signed_lookup(learner_local_id: &str, signed: NaiveDate) -> String {
    format!("{learner_local_id}|{signed}")
}

/// The agreement's enrolments as the plan rules see them.
fn enrolment_contexts(
    conn: &mut DbConnection,
    tms: &Tms,
    agreement_id: &str,
) -> Result<Vec<(Loaded<Enrolment>, EnrolmentContext)>, ServiceError> {
    let mut contexts = Vec::new();
    for enrolment in super::enrolments::of_agreement(conn, tms.organisation, agreement_id)? {
        let context = super::enrolments::plan_context(conn, tms, &enrolment.value)?;
        contexts.push((enrolment, context));
    }
    Ok(contexts)
}

/// Moves the participation starts the plan's signed date moves.
fn move_starts(
    conn: &mut DbConnection,
    enrolments: &[(Loaded<Enrolment>, EnrolmentContext)],
    signed: NaiveDate,
    tms: &Tms,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let contexts: Vec<EnrolmentContext> = enrolments
        .iter()
        .map(|(_, context)| context.clone())
        .collect();
    let moved = training_plans::moved_participation_starts(signed, &contexts)
        .map_err(ServiceError::Rejected)?;
    let author = tms.author(now, Some("training plan signed"));
    for (id, start) in moved {
        if let Some((stored, _)) = enrolments
            .iter()
            .find(|(enrolment, _)| enrolment.value.details.enrolment_local_id == id)
        {
            let mut changed = stored.value.clone();
            changed.details.participation_start_date = start;
            store::replace(conn, &stored.row, &changed, ChangeKind::Updated, &author)?;
        }
    }
    Ok(())
}

fn stored_plan(
    conn: &mut DbConnection,
    tms: &Tms,
    id: &str,
) -> Result<Loaded<TrainingPlan>, ServiceError> {
    store::load(conn, tms.organisation, id)?.ok_or_else(|| not_found("training plan", id))
}

fn plan_agreement(
    conn: &mut DbConnection,
    tms: &Tms,
    plan: &TrainingPlan,
) -> Result<TrainingAgreement, ServiceError> {
    store::load::<TrainingAgreement>(conn, tms.organisation, &plan.training_agreement_local_id)?
        .map(|loaded| loaded.value)
        .ok_or_else(|| not_found("training agreement", &plan.training_agreement_local_id))
}

/// Every visit date of the learner, on any of their plans.
fn learner_visit_dates(
    conn: &mut DbConnection,
    tms: &Tms,
    learner_local_id: &str,
) -> Result<Vec<NaiveDate>, ServiceError> {
    let mut dates = Vec::new();
    for agreement in work_based::children(
        conn,
        tms.organisation,
        Kind::TrainingAgreement,
        learner_local_id,
    )? {
        for row in work_based::children(
            conn,
            tms.organisation,
            Kind::TrainingPlan,
            &agreement.key.local_id,
        )? {
            let plan: Loaded<TrainingPlan> = store::decode(row)?;
            dates.extend(plan.value.visits.iter().map(|visit| visit.visit_date));
        }
    }
    Ok(dates)
}

impl Service {
    /// W18: a training plan for an apprentice's agreement.
    pub async fn create_training_plan(
        &self,
        tms: &Tms,
        new: NewTrainingPlan,
    ) -> Result<TrainingPlan, ServiceError> {
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let id = new.training_plan_local_id.clone();
                let mut objections = Objections::default();
                if store::exists::<TrainingPlan>(conn, tms.organisation, &id)? {
                    objections.raise(training_plans::already_exists(&id));
                }
                let agreement = store::load::<TrainingAgreement>(
                    conn,
                    tms.organisation,
                    &new.training_agreement_local_id,
                )?;
                let Some(agreement) = agreement else {
                    return objections.stop(training_plans::agreement_not_found(
                        &new.training_agreement_local_id,
                    ));
                };
                let learner = agreement.value.learner_local_id.clone();
                let lookup = signed_lookup(&learner, new.training_plan_signed_date);
                if work_based::find_by_lookup(conn, tms.organisation, Kind::TrainingPlan, &lookup)?
                    .is_some()
                {
                    objections.raise(training_plans::plan_already_signed_on(
                        &learner,
                        new.training_plan_signed_date,
                    ));
                }
                let enrolments =
                    enrolment_contexts(conn, &tms, &agreement.value.training_agreement_local_id)?;
                let contexts: Vec<EnrolmentContext> = enrolments
                    .iter()
                    .map(|(_, context)| context.clone())
                    .collect();
                let created = training_plans::create(
                    &new,
                    &agreement_context(&agreement.value),
                    &contexts,
                    today,
                );
                let plan = objections.weigh(created);
                let plan = objections.conclude(plan)?;
                let author = tms.author(now, None);
                store::create(conn, tms.organisation, &plan, &author)?;
                move_starts(conn, &enrolments, plan.training_plan_signed_date, &tms, now)?;
                Ok(plan)
            })
        })
        .await
    }

    /// W19: a plan's signed and end dates corrected.
    pub async fn update_training_plan(
        &self,
        tms: &Tms,
        id: &str,
        update: TrainingPlanUpdate,
    ) -> Result<TrainingPlan, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = stored_plan(conn, &tms, &id)?;
                let agreement = plan_agreement(conn, &tms, &stored.value)?;
                let updated = training_plans::update(
                    &stored.value,
                    &update,
                    &agreement_context(&agreement),
                    today,
                )
                .map_err(ServiceError::Rejected)?;
                if updated.training_plan_signed_date != stored.value.training_plan_signed_date {
                    let lookup =
                        signed_lookup(&updated.learner_local_id, updated.training_plan_signed_date);
                    if let Some(other) = work_based::find_by_lookup(
                        conn,
                        tms.organisation,
                        Kind::TrainingPlan,
                        &lookup,
                    )? && other.key.local_id != id
                    {
                        return Err(ServiceError::Rejected(vec![
                            training_plans::plan_already_signed_on(
                                &updated.learner_local_id,
                                updated.training_plan_signed_date,
                            ),
                        ]));
                    }
                }
                let author = tms.author(now, None);
                store::replace(conn, &stored.row, &updated, ChangeKind::Updated, &author)?;
                let enrolments =
                    enrolment_contexts(conn, &tms, &updated.training_agreement_local_id)?;
                move_starts(
                    conn,
                    &enrolments,
                    updated.training_plan_signed_date,
                    &tms,
                    now,
                )?;
                Ok(updated)
            })
        })
        .await
    }

    /// W20: a plan with its visits.
    pub async fn training_plan(&self, tms: &Tms, id: &str) -> Result<TrainingPlan, ServiceError> {
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| Ok::<_, ServiceError>(stored_plan(conn, &tms, &id)?.value))
            .await
    }

    /// A visit of the training plan (one per learner per day).
    pub async fn add_training_plan_visit(
        &self,
        tms: &Tms,
        id: &str,
        visit: Visit,
    ) -> Result<TrainingPlan, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = stored_plan(conn, &tms, &id)?;
                let dates = learner_visit_dates(conn, &tms, &stored.value.learner_local_id)?;
                let visited = training_plans::add_visit(&stored.value, &visit, &dates, today)
                    .map_err(ServiceError::Rejected)?;
                let author = tms.author(now, None);
                store::replace(conn, &stored.row, &visited, ChangeKind::Updated, &author)?;
                Ok(visited)
            })
        })
        .await
    }
}
