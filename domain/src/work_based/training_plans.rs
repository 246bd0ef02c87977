//! Training plans of New Zealand Apprenticeships and their visits (`dxp-api.md` §5.5): the plan
//! the learner, employer and provider sign under a training agreement, and the provider's
//! visits to the workplace. One agreement may have many plans; a learner has at most one plan
//! signed on a given day.
//!
//! Signing a plan moves forward the participation start of the agreement's open enrolments
//! that started earlier ([`moved_participation_starts`]).
//!
//! Choices where the funder's text is silent:
//! - The agreement's enrolments considered are those not `DELETED`; there must be at least one
//!   and every one must be an NZ Apprenticeship (`NZA`).
//! - `trainingPlanSignedDate` is not after today; `trainingPlanEndDate`, when given, is after
//!   the signed date.
//! - [`create`] also refuses a plan whose signing would move an enrolment's start to a day its
//!   programme version is not active, so [`moved_participation_starts`] cannot fail after it.
//!   [`update`] does not see the enrolments: call [`moved_participation_starts`] with the new
//!   signed date after it.
//! - An update replaces both dates (`trainingPlanEndDate` left out clears it). It is refused
//!   once the agreement is `FINISHED`, and when it would leave a visit before the signed date
//!   or after the end date.
//! - Visits (shape [I]): `visitLocalId` 1–20 characters, unique within its plan; `visitDate`;
//!   optional `visitNotes` up to 1000 characters. Visits are added one at a time and not
//!   changed.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::enrolments::AgreementContext;
use super::{AgreementStatus, EnrolmentStatus, Refusal, Refusals};
use crate::validation::{Rule, Scope, Severity};

/// The states an agreement may be in for a training plan to be created under it, as the
/// funder's page writes them (`dxp-api.md` §5.5): `ACTIVE` is not among them.
pub const PLAN_AGREEMENT_STATUSES: [AgreementStatus; 3] = [
    AgreementStatus::Pending,
    AgreementStatus::Hold,
    AgreementStatus::Grace,
];

/// The states of the enrolments whose participation start a newly signed plan moves forward
/// (`dxp-api.md` §5.5).
pub const MOVED_ENROLMENT_STATUSES: [EnrolmentStatus; 3] = [
    EnrolmentStatus::Pending,
    EnrolmentStatus::Hold,
    EnrolmentStatus::Grace,
];

/// The study type of a New Zealand Apprenticeship, the only programmes with training plans.
pub const NZ_APPRENTICESHIP: &str = "NZA";

/// What the lead's store knows of a programme enrolment, for the training plans and off-job
/// deliveries about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentContext {
    pub enrolment_local_id: String,
    pub status: EnrolmentStatus,
    pub participation_start_date: NaiveDate,
    pub study_type_code: String,
    /// The start date of the enrolment's programme version: the version is active from then on.
    pub programme_version_start_date: NaiveDate,
}

/// A training plan as the TMS sends it (`POST /v1.0/training-plans`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "trainingPlanLocalId": "TP-1001",
    "trainingAgreementLocalId": "TA-1001",
    "trainingPlanSignedDate": "2026-02-16",
    "trainingPlanEndDate": "2029-02-15"
}))]
pub struct NewTrainingPlan {
    /// The TMS's id for the plan.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub training_plan_local_id: String,
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub training_agreement_local_id: String,
    /// On or after the agreement's signed date, not after today.
    pub training_plan_signed_date: NaiveDate,
    /// After the signed date, when given.
    #[serde(default)]
    pub training_plan_end_date: Option<NaiveDate>,
}

/// A visit to the learner's workplace under a training plan (shape [I]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "visitLocalId": "V-1",
    "visitDate": "2026-04-14",
    "visitNotes": "Reviewed logbook; on track for unit 29677."
}))]
pub struct Visit {
    /// The TMS's id for the visit, unique within its plan.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub visit_local_id: String,
    /// Within the plan's dates, not after today; one visit per learner per day.
    pub visit_date: NaiveDate,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub visit_notes: Option<String>,
}

/// A training plan as stored and returned (`GET /v1.0/training-plans/{trainingPlanLocalId}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "trainingPlanLocalId": "TP-1001",
    "trainingAgreementLocalId": "TA-1001",
    "learnerLocalId": "L-1001",
    "trainingPlanSignedDate": "2026-02-16",
    "trainingPlanEndDate": "2029-02-15",
    "visits": [{"visitLocalId": "V-1", "visitDate": "2026-04-14", "visitNotes": null}]
}))]
pub struct TrainingPlan {
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub training_plan_local_id: String,
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub training_agreement_local_id: String,
    /// The agreement's learner.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub learner_local_id: String,
    pub training_plan_signed_date: NaiveDate,
    pub training_plan_end_date: Option<NaiveDate>,
    #[serde(default)]
    #[validate(nested)]
    pub visits: Vec<Visit>,
}

/// The dates of a training plan, as an update replaces them
/// (`PUT /v1.0/training-plans/{trainingPlanLocalId}`); a missing end date clears it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "trainingPlanSignedDate": "2026-02-18",
    "trainingPlanEndDate": "2029-02-17"
}))]
pub struct TrainingPlanUpdate {
    pub training_plan_signed_date: NaiveDate,
    #[serde(default)]
    pub training_plan_end_date: Option<NaiveDate>,
}

const SCOPE: Scope = Scope::TrainingPlans;

pub const WB_070: Rule = Rule::of_process(
    "WB-070",
    SCOPE,
    "trainingPlanLocalId",
    Severity::Error,
    "trainingPlanLocalId is not used by another training plan of the organisation \
     (dxp-api.md §5.5).",
);
pub const WB_071: Rule = Rule::of_process(
    "WB-071",
    SCOPE,
    "trainingPlanSignedDate",
    Severity::Error,
    "A learner has one training plan signed on a given day in the organisation \
     (dxp-api.md §5.5).",
);
pub const WB_072: Rule = Rule::of_process(
    "WB-072",
    SCOPE,
    "trainingAgreementLocalId",
    Severity::Error,
    "trainingAgreementLocalId names a training agreement of the organisation (dxp-api.md §5.5).",
);
pub const WB_073: Rule = Rule::of_process(
    "WB-073",
    SCOPE,
    "trainingAgreementLocalId",
    Severity::Error,
    "A training plan is created under an agreement that is PENDING, on HOLD or in GRACE, as the \
     funder's page lists them (dxp-api.md §5.5).",
);
pub const WB_074: Rule = Rule::of_process(
    "WB-074",
    SCOPE,
    "trainingAgreementLocalId",
    Severity::Error,
    "The agreement has an enrolment and its enrolments (deleted ones aside) are New Zealand \
     Apprenticeships, studyTypeCode NZA (dxp-api.md §5.5).",
);
pub const WB_075: Rule = Rule::of_process(
    "WB-075",
    SCOPE,
    "trainingPlanSignedDate",
    Severity::Error,
    "trainingPlanSignedDate is on or after the training agreement's signed date \
     (dxp-api.md §5.5).",
);
pub const WB_076: Rule = Rule::of_process(
    "WB-076",
    SCOPE,
    "trainingPlanSignedDate",
    Severity::Error,
    "trainingPlanSignedDate is not after today (DXP's choice; dxp-api.md §5.5).",
);
pub const WB_077: Rule = Rule::of_process(
    "WB-077",
    SCOPE,
    "trainingPlanEndDate",
    Severity::Error,
    "trainingPlanEndDate, when given, is after trainingPlanSignedDate (DXP's choice; \
     dxp-api.md §5.5).",
);
pub const WB_078: Rule = Rule::of_process(
    "WB-078",
    SCOPE,
    "trainingPlanSignedDate",
    Severity::Error,
    "Open enrolments (PENDING, HOLD, GRACE) starting before trainingPlanSignedDate start on it \
     instead, so their programme versions, complex sub-enrolments included, are active on it \
     (dxp-api.md §5.5).",
);
pub const WB_079: Rule = Rule::of_process(
    "WB-079",
    SCOPE,
    "visitDate",
    Severity::Error,
    "A visit is on or after its plan's trainingPlanSignedDate (DXP's choice; dxp-api.md §5.5).",
);
pub const WB_080: Rule = Rule::of_process(
    "WB-080",
    SCOPE,
    "visitDate",
    Severity::Error,
    "visitDate is not after today: a visit is reported once made (DXP's choice; \
     dxp-api.md §5.5).",
);
pub const WB_081: Rule = Rule::of_process(
    "WB-081",
    SCOPE,
    "visitDate",
    Severity::Error,
    "A visit is not after its plan's trainingPlanEndDate (DXP's choice; dxp-api.md §5.5).",
);
pub const WB_082: Rule = Rule::of_process(
    "WB-082",
    SCOPE,
    "visitDate",
    Severity::Error,
    "A learner has at most one visit a day, across all their training plans (DXP's choice; \
     dxp-api.md §5.5).",
);
pub const WB_083: Rule = Rule::of_process(
    "WB-083",
    SCOPE,
    "visitLocalId",
    Severity::Error,
    "visitLocalId is not used by another visit of the same training plan (dxp-api.md §5.5).",
);
pub const WB_084: Rule = Rule::of_process(
    "WB-084",
    SCOPE,
    "",
    Severity::Error,
    "A training plan whose agreement is FINISHED is no longer updated (DXP's choice; \
     dxp-api.md §5.3, §5.5).",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 15] = [
    &WB_070, &WB_071, &WB_072, &WB_073, &WB_074, &WB_075, &WB_076, &WB_077, &WB_078, &WB_079,
    &WB_080, &WB_081, &WB_082, &WB_083, &WB_084,
];

/// The refusal of a plan whose id the organisation already uses.
pub fn already_exists(training_plan_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_070,
        "trainingPlanLocalId",
        format!(
            "trainingPlanLocalId {training_plan_local_id} is already used by a training plan of \
             the organisation"
        ),
    )
}

/// The refusal of a plan for a learner who already has one signed on `signed_date`.
pub fn plan_already_signed_on(learner_local_id: &str, signed_date: NaiveDate) -> Refusal {
    Refusal::new(
        &WB_071,
        "trainingPlanSignedDate",
        format!(
            "learner {learner_local_id} already has a training plan signed on {signed_date}; a \
             learner has one plan per signed date"
        ),
    )
}

/// The refusal of a plan naming a training agreement the organisation does not have.
pub fn agreement_not_found(training_agreement_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_072,
        "trainingAgreementLocalId",
        format!(
            "trainingAgreementLocalId {training_agreement_local_id} is not a training agreement \
             of the organisation"
        ),
    )
}

/// A new training plan under `agreement`, whose enrolments (every one of the agreement, in any
/// state) are `enrolments`, or every reason it is refused. The caller checks first that the
/// id is free ([`already_exists`]), that the learner has no plan signed that day
/// ([`plan_already_signed_on`]) and that the agreement exists ([`agreement_not_found`]).
pub fn create(
    new: &NewTrainingPlan,
    agreement: &AgreementContext,
    enrolments: &[EnrolmentContext],
    today: NaiveDate,
) -> Result<TrainingPlan, Refusals> {
    let mut refusals = Refusals::new();
    if new.training_agreement_local_id != agreement.training_agreement_local_id {
        refusals.push(agreement_not_found(&new.training_agreement_local_id));
    } else {
        if !PLAN_AGREEMENT_STATUSES.contains(&agreement.status) {
            refusals.push(Refusal::new(
                &WB_073,
                "trainingAgreementLocalId",
                format!(
                    "training agreement {} is {}; a training plan needs it PENDING, HOLD or \
                     GRACE",
                    agreement.training_agreement_local_id,
                    agreement.status.as_str()
                ),
            ));
        }
        let current: Vec<&EnrolmentContext> = enrolments
            .iter()
            .filter(|enrolment| enrolment.status != EnrolmentStatus::Deleted)
            .collect();
        if current.is_empty() {
            refusals.push(Refusal::new(
                &WB_074,
                "trainingAgreementLocalId",
                format!(
                    "training agreement {} has no enrolment; a training plan is for a New \
                     Zealand Apprenticeship enrolment (NZA)",
                    agreement.training_agreement_local_id
                ),
            ));
        } else if let Some(other) = current
            .iter()
            .find(|enrolment| enrolment.study_type_code != NZ_APPRENTICESHIP)
        {
            refusals.push(Refusal::new(
                &WB_074,
                "trainingAgreementLocalId",
                format!(
                    "enrolment {} of training agreement {} has studyTypeCode {}; training plans \
                     are for New Zealand Apprenticeships (NZA) only",
                    other.enrolment_local_id,
                    agreement.training_agreement_local_id,
                    other.study_type_code
                ),
            ));
        }
    }
    check_dates(
        new.training_plan_signed_date,
        new.training_plan_end_date,
        agreement,
        today,
        &mut refusals,
    );
    if let Err(moved) = moved_participation_starts(new.training_plan_signed_date, enrolments) {
        refusals.extend(moved);
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(TrainingPlan {
        training_plan_local_id: new.training_plan_local_id.clone(),
        training_agreement_local_id: new.training_agreement_local_id.clone(),
        learner_local_id: agreement.learner_local_id.clone(),
        training_plan_signed_date: new.training_plan_signed_date,
        training_plan_end_date: new.training_plan_end_date,
        visits: Vec::new(),
    })
}

fn check_dates(
    signed: NaiveDate,
    end: Option<NaiveDate>,
    agreement: &AgreementContext,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    if signed < agreement.signed_date {
        refusals.push(Refusal::new(
            &WB_075,
            "trainingPlanSignedDate",
            format!(
                "trainingPlanSignedDate {signed} is before training agreement {}'s signed date {}",
                agreement.training_agreement_local_id, agreement.signed_date
            ),
        ));
    }
    if signed > today {
        refusals.push(Refusal::new(
            &WB_076,
            "trainingPlanSignedDate",
            format!("trainingPlanSignedDate {signed} is after today ({today})"),
        ));
    }
    if let Some(end) = end
        && end <= signed
    {
        refusals.push(Refusal::new(
            &WB_077,
            "trainingPlanEndDate",
            format!("trainingPlanEndDate {end} is not after the signed date {signed}"),
        ));
    }
}

/// The participation starts a plan signed on `plan_signed_date` moves: each open enrolment
/// (`PENDING`, `HOLD`, `GRACE`: [`MOVED_ENROLMENT_STATUSES`]) of the agreement starting before
/// that day starts on it instead. Returns (enrolment id, new start) for each, or the refusals
/// when a programme version (complex sub-enrolments included: pass every enrolment of the
/// agreement) would not be active on the new start.
pub fn moved_participation_starts(
    plan_signed_date: NaiveDate,
    enrolments: &[EnrolmentContext],
) -> Result<Vec<(String, NaiveDate)>, Refusals> {
    let mut moved = Vec::new();
    let mut refusals = Refusals::new();
    for enrolment in enrolments.iter().filter(|enrolment| {
        MOVED_ENROLMENT_STATUSES.contains(&enrolment.status)
            && enrolment.participation_start_date < plan_signed_date
    }) {
        if plan_signed_date < enrolment.programme_version_start_date {
            refusals.push(Refusal::new(
                &WB_078,
                "trainingPlanSignedDate",
                format!(
                    "trainingPlanSignedDate {plan_signed_date} would move enrolment {}'s \
                     participation start from {} to a day its programme version is not active \
                     (it starts on {})",
                    enrolment.enrolment_local_id,
                    enrolment.participation_start_date,
                    enrolment.programme_version_start_date
                ),
            ));
        } else {
            moved.push((enrolment.enrolment_local_id.clone(), plan_signed_date));
        }
    }
    if refusals.is_empty() {
        Ok(moved)
    } else {
        Err(refusals)
    }
}

/// The plan with its dates replaced by `update`, or every reason it is refused.
pub fn update(
    stored: &TrainingPlan,
    update: &TrainingPlanUpdate,
    agreement: &AgreementContext,
    today: NaiveDate,
) -> Result<TrainingPlan, Refusals> {
    let mut refusals = Refusals::new();
    if agreement.status == AgreementStatus::Finished {
        refusals.push(Refusal::new(
            &WB_084,
            "",
            format!(
                "training plan {} belongs to training agreement {}, which is FINISHED",
                stored.training_plan_local_id, agreement.training_agreement_local_id
            ),
        ));
    }
    let signed = update.training_plan_signed_date;
    let end = update.training_plan_end_date;
    check_dates(signed, end, agreement, today, &mut refusals);
    if let Some(visit) = stored.visits.iter().find(|visit| visit.visit_date < signed) {
        refusals.push(Refusal::new(
            &WB_079,
            "trainingPlanSignedDate",
            format!(
                "trainingPlanSignedDate {signed} is after visit {} on {}",
                visit.visit_local_id, visit.visit_date
            ),
        ));
    }
    if let Some(end) = end
        && let Some(visit) = stored.visits.iter().find(|visit| visit.visit_date > end)
    {
        refusals.push(Refusal::new(
            &WB_081,
            "trainingPlanEndDate",
            format!(
                "trainingPlanEndDate {end} is before visit {} on {}",
                visit.visit_local_id, visit.visit_date
            ),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(TrainingPlan {
        training_plan_signed_date: signed,
        training_plan_end_date: end,
        ..stored.clone()
    })
}

/// The plan as its agreement's finish (a withdrawal, a grace expiry, a transfer) on
/// `finished_on` leaves it: end-dated that day (`dxp-api.md` §5.3), or `None` when it already
/// ends by then. A backdated withdrawal does not end a plan before its signed date or its last
/// visit, so the plan still keeps its own date rules.
pub fn ended_with_agreement(plan: &TrainingPlan, finished_on: NaiveDate) -> Option<TrainingPlan> {
    if plan
        .training_plan_end_date
        .is_some_and(|end| end <= finished_on)
    {
        return None;
    }
    let last_visit = plan.visits.iter().map(|visit| visit.visit_date).max();
    let end = finished_on
        .max(plan.training_plan_signed_date)
        .max(last_visit.unwrap_or(finished_on));
    if plan.training_plan_end_date == Some(end) {
        return None;
    }
    Some(TrainingPlan {
        training_plan_end_date: Some(end),
        ..plan.clone()
    })
}

/// The plan with `visit` added, or every reason it is refused. `learner_visit_dates` holds the
/// date of every visit of the plan's learner, on any of their plans.
pub fn add_visit(
    plan: &TrainingPlan,
    visit: &Visit,
    learner_visit_dates: &[NaiveDate],
    today: NaiveDate,
) -> Result<TrainingPlan, Refusals> {
    let mut refusals = Refusals::new();
    let date = visit.visit_date;
    if date < plan.training_plan_signed_date {
        refusals.push(Refusal::new(
            &WB_079,
            "visitDate",
            format!(
                "visitDate {date} is before the training plan's signed date {}",
                plan.training_plan_signed_date
            ),
        ));
    }
    if date > today {
        refusals.push(Refusal::new(
            &WB_080,
            "visitDate",
            format!("visitDate {date} is after today ({today})"),
        ));
    }
    if let Some(end) = plan.training_plan_end_date
        && date > end
    {
        refusals.push(Refusal::new(
            &WB_081,
            "visitDate",
            format!("visitDate {date} is after the training plan's end date {end}"),
        ));
    }
    let visited: HashSet<NaiveDate> = learner_visit_dates
        .iter()
        .copied()
        .chain(plan.visits.iter().map(|visit| visit.visit_date))
        .collect();
    if visited.contains(&date) {
        refusals.push(Refusal::new(
            &WB_082,
            "visitDate",
            format!(
                "learner {} already has a visit on {date}; a learner has one visit a day",
                plan.learner_local_id
            ),
        ));
    }
    if plan
        .visits
        .iter()
        .any(|other| other.visit_local_id == visit.visit_local_id)
    {
        refusals.push(Refusal::new(
            &WB_083,
            "visitLocalId",
            format!(
                "visitLocalId {} is already used by a visit of training plan {}",
                visit.visit_local_id, plan.training_plan_local_id
            ),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut visited_plan = plan.clone();
    visited_plan.visits.push(visit.clone());
    visited_plan.visits.sort_by_key(|visit| visit.visit_date);
    Ok(visited_plan)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::work_based::test_support::{date as d, refusals_of};

    fn today() -> NaiveDate {
        d("2026-03-02")
    }

    fn agreement() -> AgreementContext {
        AgreementContext {
            training_agreement_local_id: "TA-1".into(),
            learner_local_id: "L-1".into(),
            signed_date: d("2026-01-20"),
            status: AgreementStatus::Pending,
        }
    }

    fn under(status: AgreementStatus) -> AgreementContext {
        AgreementContext {
            status,
            ..agreement()
        }
    }

    /// An NZA enrolment starting on 9 February, in a version active from 1 January.
    fn enrolment(id: &str, status: EnrolmentStatus) -> EnrolmentContext {
        EnrolmentContext {
            enrolment_local_id: id.into(),
            status,
            participation_start_date: d("2026-02-09"),
            study_type_code: "NZA".into(),
            programme_version_start_date: d("2026-01-01"),
        }
    }

    fn enrolments() -> Vec<EnrolmentContext> {
        vec![enrolment("ENR-1", EnrolmentStatus::Pending)]
    }

    fn new() -> NewTrainingPlan {
        NewTrainingPlan {
            training_plan_local_id: "TP-1".into(),
            training_agreement_local_id: "TA-1".into(),
            training_plan_signed_date: d("2026-02-16"),
            training_plan_end_date: Some(d("2029-02-15")),
        }
    }

    fn signed(on: &str) -> NewTrainingPlan {
        NewTrainingPlan {
            training_plan_signed_date: d(on),
            ..new()
        }
    }

    fn plan() -> TrainingPlan {
        create(&new(), &agreement(), &enrolments(), today()).unwrap()
    }

    fn plan_with_visit() -> TrainingPlan {
        add_visit(&plan(), &visit("V-1", "2026-02-20"), &[], today()).unwrap()
    }

    fn visit(id: &str, on: &str) -> Visit {
        Visit {
            visit_local_id: id.into(),
            visit_date: d(on),
            visit_notes: None,
        }
    }

    fn dates(signed: &str, end: Option<&str>) -> TrainingPlanUpdate {
        TrainingPlanUpdate {
            training_plan_signed_date: d(signed),
            training_plan_end_date: end.map(d),
        }
    }

    fn create_with(new: NewTrainingPlan) -> Refusals {
        refusals_of(create(&new, &agreement(), &enrolments(), today()))
    }

    fn visit_refusals(plan: &TrainingPlan, visit: Visit, others: &[NaiveDate]) -> Refusals {
        refusals_of(add_visit(plan, &visit, others, today()))
    }

    struct Case {
        rule: &'static str,
        field: &'static str,
        refusals: fn() -> Refusals,
    }

    fn cases() -> Vec<Case> {
        vec![
            Case {
                rule: "WB-070",
                field: "trainingPlanLocalId",
                refusals: || vec![already_exists("TP-1")],
            },
            Case {
                rule: "WB-071",
                field: "trainingPlanSignedDate",
                refusals: || vec![plan_already_signed_on("L-1", d("2026-02-16"))],
            },
            Case {
                rule: "WB-072",
                field: "trainingAgreementLocalId",
                refusals: || {
                    create_with(NewTrainingPlan {
                        training_agreement_local_id: "TA-9".into(),
                        ..new()
                    })
                },
            },
            Case {
                rule: "WB-073",
                field: "trainingAgreementLocalId",
                refusals: || {
                    refusals_of(create(
                        &new(),
                        &under(AgreementStatus::Active),
                        &enrolments(),
                        today(),
                    ))
                },
            },
            Case {
                rule: "WB-074",
                field: "trainingAgreementLocalId",
                refusals: || {
                    let mut enrolments = enrolments();
                    enrolments[0].study_type_code = "LCP".into();
                    refusals_of(create(&new(), &agreement(), &enrolments, today()))
                },
            },
            Case {
                rule: "WB-075",
                field: "trainingPlanSignedDate",
                // The day before the agreement was signed (the enrolment starts later, so
                // nothing moves).
                refusals: || create_with(signed("2026-01-19")),
            },
            Case {
                rule: "WB-076",
                field: "trainingPlanSignedDate",
                refusals: || create_with(signed("2026-03-03")),
            },
            Case {
                rule: "WB-077",
                field: "trainingPlanEndDate",
                refusals: || {
                    create_with(NewTrainingPlan {
                        training_plan_end_date: Some(d("2026-02-16")),
                        ..new()
                    })
                },
            },
            Case {
                rule: "WB-078",
                field: "trainingPlanSignedDate",
                refusals: || {
                    let mut enrolments = enrolments();
                    enrolments[0].programme_version_start_date = d("2026-02-17");
                    refusals_of(create(&new(), &agreement(), &enrolments, today()))
                },
            },
            Case {
                rule: "WB-079",
                field: "visitDate",
                refusals: || visit_refusals(&plan(), visit("V-1", "2026-02-15"), &[]),
            },
            Case {
                rule: "WB-080",
                field: "visitDate",
                refusals: || visit_refusals(&plan(), visit("V-1", "2026-03-03"), &[]),
            },
            Case {
                rule: "WB-081",
                field: "visitDate",
                refusals: || {
                    let plan = TrainingPlan {
                        training_plan_end_date: Some(d("2026-02-27")),
                        ..plan()
                    };
                    visit_refusals(&plan, visit("V-1", "2026-02-28"), &[])
                },
            },
            Case {
                rule: "WB-082",
                field: "visitDate",
                refusals: || {
                    visit_refusals(&plan(), visit("V-1", "2026-02-20"), &[d("2026-02-20")])
                },
            },
            Case {
                rule: "WB-083",
                field: "visitLocalId",
                refusals: || visit_refusals(&plan_with_visit(), visit("V-1", "2026-02-21"), &[]),
            },
            Case {
                rule: "WB-084",
                field: "",
                refusals: || {
                    refusals_of(update(
                        &plan(),
                        &dates("2026-02-16", Some("2029-02-15")),
                        &under(AgreementStatus::Finished),
                        today(),
                    ))
                },
            },
        ]
    }

    #[test]
    fn every_rule_has_a_case_and_every_case_a_rule() {
        let tested: BTreeSet<&str> = cases().iter().map(|case| case.rule).collect();
        let registered: BTreeSet<&str> = RULES.iter().map(|rule| rule.code).collect();
        assert_eq!(tested, registered);
        assert_eq!(cases().len(), RULES.len());
    }

    #[test]
    fn each_case_breaks_only_its_rule() {
        for case in cases() {
            let refusals = (case.refusals)();
            assert_eq!(refusals.len(), 1, "{}: {refusals:#?}", case.rule);
            assert_eq!(refusals[0].rule, case.rule, "{refusals:#?}");
            assert_eq!(refusals[0].field, case.field, "{refusals:#?}");
            println!("{}: {}", case.rule, refusals[0].message);
        }
    }

    #[test]
    fn a_plan_takes_the_agreements_learner_and_no_visits() {
        let plan = plan();
        assert_eq!(plan.learner_local_id, "L-1");
        assert_eq!(plan.training_agreement_local_id, "TA-1");
        assert_eq!(plan.training_plan_signed_date, d("2026-02-16"));
        assert!(plan.visits.is_empty());
    }

    #[test]
    fn plans_are_created_under_pending_held_or_graced_agreements_only() {
        assert_eq!(
            PLAN_AGREEMENT_STATUSES,
            [
                AgreementStatus::Pending,
                AgreementStatus::Hold,
                AgreementStatus::Grace
            ]
        );
        for status in PLAN_AGREEMENT_STATUSES {
            assert!(create(&new(), &under(status), &enrolments(), today()).is_ok());
        }
        for status in [AgreementStatus::Active, AgreementStatus::Finished] {
            let refusals = refusals_of(create(&new(), &under(status), &enrolments(), today()));
            assert_eq!(refusals.len(), 1);
            assert_eq!(refusals[0].rule, "WB-073");
        }
    }

    #[test]
    fn deleted_enrolments_do_not_count_and_some_enrolment_is_needed() {
        let mut with_deleted = enrolments();
        with_deleted.push(EnrolmentContext {
            study_type_code: "LCP".into(),
            ..enrolment("ENR-0", EnrolmentStatus::Deleted)
        });
        assert!(create(&new(), &agreement(), &with_deleted, today()).is_ok());
        let refusals = refusals_of(create(&new(), &agreement(), &with_deleted[1..], today()));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-074");
    }

    #[test]
    fn the_signed_date_runs_from_the_agreements_to_today() {
        for date in ["2026-01-20", "2026-01-21", "2026-03-01", "2026-03-02"] {
            let plan = create(
                &NewTrainingPlan {
                    training_plan_end_date: None,
                    ..signed(date)
                },
                &agreement(),
                &[],
                today(),
            );
            assert!(matches!(plan, Err(ref r) if r.len() == 1 && r[0].rule == "WB-074"));
            let plan = create(
                &signed(date),
                &agreement(),
                &[EnrolmentContext {
                    status: EnrolmentStatus::Active,
                    ..enrolment("ENR-1", EnrolmentStatus::Active)
                }],
                today(),
            );
            assert!(plan.is_ok(), "{date}: {plan:?}");
        }
    }

    #[test]
    fn the_end_date_is_after_the_signed_date_or_absent() {
        for end in [Some("2026-02-17"), None] {
            let new = NewTrainingPlan {
                training_plan_end_date: end.map(d),
                ..new()
            };
            assert!(create(&new, &agreement(), &enrolments(), today()).is_ok());
        }
        let refusals = create_with(NewTrainingPlan {
            training_plan_end_date: Some(d("2026-02-15")),
            ..new()
        });
        assert_eq!(refusals[0].rule, "WB-077");
    }

    #[test]
    fn open_enrolments_starting_earlier_move_to_the_signed_date() {
        let enrolments = vec![
            enrolment("PENDING", EnrolmentStatus::Pending),
            enrolment("HOLD", EnrolmentStatus::Hold),
            enrolment("GRACE", EnrolmentStatus::Grace),
            enrolment("ACTIVE", EnrolmentStatus::Active),
            enrolment("WITHDRAWN", EnrolmentStatus::Withdrawn),
            enrolment("COMPLETED", EnrolmentStatus::Completed),
            enrolment("DELETED", EnrolmentStatus::Deleted),
        ];
        let on = d("2026-02-16");
        let moved = moved_participation_starts(on, &enrolments).unwrap();
        assert_eq!(
            moved,
            vec![
                ("PENDING".to_owned(), on),
                ("HOLD".to_owned(), on),
                ("GRACE".to_owned(), on)
            ]
        );
    }

    #[test]
    fn enrolments_starting_on_or_after_the_signed_date_stay() {
        let pending = vec![enrolment("ENR-1", EnrolmentStatus::Pending)];
        assert_eq!(
            moved_participation_starts(d("2026-02-09"), &pending).unwrap(),
            vec![]
        );
        assert_eq!(
            moved_participation_starts(d("2026-02-08"), &pending).unwrap(),
            vec![]
        );
        assert_eq!(
            moved_participation_starts(d("2026-02-10"), &pending).unwrap(),
            vec![("ENR-1".to_owned(), d("2026-02-10"))]
        );
    }

    #[test]
    fn a_move_needs_every_version_active_on_the_new_start() {
        // A complex enrolment: the over-arching one and a sub whose version starts later.
        let mut enrolments = vec![
            enrolment("OVER", EnrolmentStatus::Pending),
            enrolment("SUB", EnrolmentStatus::Pending),
        ];
        enrolments[1].programme_version_start_date = d("2026-02-16");
        assert_eq!(
            moved_participation_starts(d("2026-02-16"), &enrolments)
                .unwrap()
                .len(),
            2
        );
        let refusals = moved_participation_starts(d("2026-02-15"), &enrolments).unwrap_err();
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-078");
        assert!(refusals[0].message.contains("SUB"));
    }

    #[test]
    fn an_update_replaces_both_dates() {
        let updated = update(&plan(), &dates("2026-02-18", None), &agreement(), today()).unwrap();
        assert_eq!(updated.training_plan_signed_date, d("2026-02-18"));
        assert_eq!(updated.training_plan_end_date, None);
        assert_eq!(updated.training_plan_local_id, "TP-1");
        // An update does not depend on the agreement's status, only on it not being finished.
        for status in [
            AgreementStatus::Pending,
            AgreementStatus::Active,
            AgreementStatus::Hold,
            AgreementStatus::Grace,
        ] {
            assert!(update(&plan(), &dates("2026-02-18", None), &under(status), today()).is_ok());
        }
    }

    #[test]
    fn an_update_keeps_the_date_rules() {
        for (update_dates, rule) in [
            (dates("2026-01-19", None), "WB-075"),
            (dates("2026-03-03", None), "WB-076"),
            (dates("2026-02-18", Some("2026-02-18")), "WB-077"),
        ] {
            let refusals = refusals_of(update(&plan(), &update_dates, &agreement(), today()));
            assert_eq!(refusals.len(), 1, "{refusals:#?}");
            assert_eq!(refusals[0].rule, rule);
        }
        for ok in [
            dates("2026-01-20", None),
            dates("2026-03-02", None),
            dates("2026-02-18", Some("2026-02-19")),
        ] {
            assert!(update(&plan(), &ok, &agreement(), today()).is_ok());
        }
    }

    #[test]
    fn an_update_keeps_the_visits_within_the_plan() {
        let plan = plan_with_visit();
        assert!(
            update(
                &plan,
                &dates("2026-02-20", Some("2026-02-21")),
                &agreement(),
                today()
            )
            .is_ok()
        );
        let refusals = refusals_of(update(
            &plan,
            &dates("2026-02-21", None),
            &agreement(),
            today(),
        ));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-079");
        assert_eq!(refusals[0].field, "trainingPlanSignedDate");
        let refusals = refusals_of(update(
            &plan,
            &dates("2026-02-16", Some("2026-02-19")),
            &agreement(),
            today(),
        ));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-081");
        assert_eq!(refusals[0].field, "trainingPlanEndDate");
    }

    #[test]
    fn visits_fall_within_the_plan_and_up_to_today() {
        let plan = TrainingPlan {
            training_plan_end_date: Some(d("2026-03-01")),
            ..plan()
        };
        for date in ["2026-02-16", "2026-02-17", "2026-02-28", "2026-03-01"] {
            assert!(
                add_visit(&plan, &visit("V-1", date), &[], today()).is_ok(),
                "{date}"
            );
        }
        let open_ended = TrainingPlan {
            training_plan_end_date: None,
            ..plan
        };
        for date in ["2026-03-01", "2026-03-02"] {
            assert!(add_visit(&open_ended, &visit("V-1", date), &[], today()).is_ok());
        }
    }

    #[test]
    fn one_visit_a_day_for_a_learner() {
        let plan = plan_with_visit();
        let refusals = visit_refusals(&plan, visit("V-2", "2026-02-20"), &[]);
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-082");
        for day in ["2026-02-19", "2026-02-21"] {
            let visited =
                add_visit(&plan, &visit("V-2", day), &[d("2026-02-20")], today()).unwrap();
            assert_eq!(visited.visits.len(), 2);
        }
    }

    #[test]
    fn visits_are_kept_in_date_order() {
        let visited = add_visit(
            &plan_with_visit(),
            &visit("V-2", "2026-02-17"),
            &[],
            today(),
        )
        .unwrap();
        let ids: Vec<&str> = visited
            .visits
            .iter()
            .map(|visit| visit.visit_local_id.as_str())
            .collect();
        assert_eq!(ids, ["V-2", "V-1"]);
    }

    #[test]
    fn shape_limits_are_declared() {
        assert!(new().validate().is_ok());
        let long = Visit {
            visit_notes: Some("x".repeat(1001)),
            ..visit("V-1", "2026-02-20")
        };
        assert!(long.validate().is_err());
        let fits = Visit {
            visit_notes: Some("x".repeat(1000)),
            ..visit("V-1", "2026-02-20")
        };
        assert!(fits.validate().is_ok());
        assert!(
            NewTrainingPlan {
                training_plan_local_id: "T".repeat(21),
                ..new()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn the_wire_names_are_camel_case() {
        let json = serde_json::to_value(plan_with_visit()).unwrap();
        assert_eq!(json["trainingPlanLocalId"], "TP-1");
        assert_eq!(json["learnerLocalId"], "L-1");
        assert_eq!(json["visits"][0]["visitDate"], "2026-02-20");
        let back: TrainingPlan = serde_json::from_value(json).unwrap();
        assert_eq!(back, plan_with_visit());
        let visit: Visit = serde_json::from_value(
            serde_json::json!({"visitLocalId": "V", "visitDate": "2026-02-20"}),
        )
        .unwrap();
        assert_eq!(visit.visit_notes, None);
    }

    #[test]
    fn an_agreements_finish_ends_its_plans_on_that_day() {
        // plan(): signed 16 Feb 2026, ends 15 Feb 2029; plan_with_visit(): a visit on 20 Feb.
        let ended = ended_with_agreement(&plan(), d("2026-03-01")).expect("ended");
        assert_eq!(ended.training_plan_end_date, Some(d("2026-03-01")));
        let open_ended = TrainingPlan {
            training_plan_end_date: None,
            ..plan()
        };
        let ended = ended_with_agreement(&open_ended, d("2026-03-01")).expect("ended");
        assert_eq!(ended.training_plan_end_date, Some(d("2026-03-01")));
        let already_ended = TrainingPlan {
            training_plan_end_date: Some(d("2026-02-28")),
            ..plan()
        };
        assert_eq!(ended_with_agreement(&already_ended, d("2026-03-01")), None);
    }

    #[test]
    fn a_backdated_finish_does_not_end_a_plan_before_its_signing_or_visits() {
        let ended = ended_with_agreement(&plan(), d("2026-02-10")).expect("ended");
        assert_eq!(ended.training_plan_end_date, Some(d("2026-02-16")));
        let ended = ended_with_agreement(&plan_with_visit(), d("2026-02-18")).expect("ended");
        assert_eq!(ended.training_plan_end_date, Some(d("2026-02-20")));
    }
}
