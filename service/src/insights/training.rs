//! The work-based half of the information products: the programme enrolments a training
//! management system keeps in the work-based store, read with their learners and programmes,
//! and the results NZQA reported for those learners.

use std::collections::HashMap;

use chrono::NaiveDate;
use dxp_domain::Edumis;
use dxp_domain::insights::work_based::APPRENTICESHIP_STUDY_TYPES;
use dxp_domain::insights::{CreditResult, EthnicGroup, RegisterLookup, TrainingEnrolment};
use dxp_domain::registers::NzqaResultKind;
use dxp_domain::work_based::EnrolmentStatus;
use dxp_domain::work_based::enrolments::Enrolment;
use dxp_domain::work_based::learners::Learner;
use dxp_domain::work_based::programmes::ProgrammeVersionRecord;
use dxp_persistence::nzqa_results;
use dxp_persistence::work_based;
use dxp_persistence::{DbConnection, StoreError};

use crate::work_based::store::{Resource, decode};

/// The organisation's training as the work-based indicators and volumes read it.
pub(super) struct Training {
    pub enrolments: Vec<TrainingEnrolment>,
    pub results: Vec<CreditResult>,
}

fn every<T: Resource>(conn: &mut DbConnection, organisation: Edumis) -> Result<Vec<T>, StoreError> {
    work_based::of_kind(conn, organisation, T::KIND)?
        .into_iter()
        .map(|row| decode::<T>(row).map(|loaded| loaded.value))
        .collect()
}

/// Reads `organisation`'s enrolments (deleted ones and the sub-enrolments of complex ones left
/// out), with the bands of their target
/// qualifications from `register`, and the NZQA results of their learners. An enrolment is
/// complete from its completion date, or from the day NZQA reported its target qualification
/// awarded to the learner on or after the enrolment began, whichever is earlier.
pub(super) fn read(
    conn: &mut DbConnection,
    organisation: Edumis,
    register: &RegisterLookup,
) -> Result<Training, StoreError> {
    let learners: HashMap<String, Learner> = every::<Learner>(conn, organisation)?
        .into_iter()
        .map(|learner| (learner.learner_local_id.clone(), learner))
        .collect();
    let programmes: HashMap<(String, i32), ProgrammeVersionRecord> =
        every::<ProgrammeVersionRecord>(conn, organisation)?
            .into_iter()
            .map(|record| {
                (
                    (
                        record.programme_local_id.clone(),
                        record.programme_version_number,
                    ),
                    record,
                )
            })
            .collect();
    let enrolments = every::<Enrolment>(conn, organisation)?;
    let mut nsns: Vec<i32> = learners
        .values()
        .map(|learner| learner.identity.national_student_number)
        .collect();
    nsns.sort_unstable();
    nsns.dedup();
    let kept_results = nzqa_results::of_learners(conn, &nsns)?;
    let mut awarded: HashMap<(i32, &str), Vec<NaiveDate>> = HashMap::new();
    for result in &kept_results {
        if result.kind == NzqaResultKind::Qualification {
            awarded
                .entry((result.national_student_number, result.code.as_str()))
                .or_default()
                .push(result.achieved_on);
        }
    }

    let mut training = Vec::with_capacity(enrolments.len());
    for enrolment in &enrolments {
        // A complex enrolment is one programme of training: its over-arching enrolment's. Its
        // sub-enrolments are parts of that programme, and counting them too would count their
        // credits twice.
        if enrolment.enrolment_status == EnrolmentStatus::Deleted
            || enrolment.over_arching_enrolment_local_id.is_some()
        {
            continue;
        }
        let details = &enrolment.details;
        let (Some(learner), Some(programme)) = (
            learners.get(&details.learner_local_id),
            programmes.get(&(
                details.programme_local_id.clone(),
                details.programme_version_number,
            )),
        ) else {
            continue;
        };
        let nsn = learner.identity.national_student_number;
        let version = &programme.version;
        let start = details.participation_start_date;
        let completion = (enrolment.enrolment_status == EnrolmentStatus::Completed)
            .then_some(enrolment.completion_date)
            .flatten();
        let award = awarded
            .get(&(nsn, version.target_qualification_code.as_str()))
            .and_then(|days| days.iter().copied().filter(|day| *day >= start).min());
        training.push(TrainingEnrolment {
            nsn,
            ethnic: EthnicGroup::of(&learner.demographics.ethnicity_codes).collect(),
            birth: learner.identity.date_of_birth,
            band: register.band(&version.target_qualification_code),
            apprenticeship: APPRENTICESHIP_STUDY_TYPES.contains(&details.study_type_code.as_str()),
            mode: details.mode_of_delivery_code,
            field_of_study: version.nzsced_field_of_study.clone(),
            credits: u32::try_from(version.credit_value).unwrap_or(0),
            nominal_months: u32::try_from(version.nominal_duration_months).unwrap_or(0),
            start,
            withdrawn_on: (enrolment.enrolment_status == EnrolmentStatus::Withdrawn)
                .then_some(enrolment.withdrawal_date)
                .flatten(),
            completed_on: [completion, award].into_iter().flatten().min(),
        });
    }
    let results = kept_results
        .iter()
        .filter(|result| result.kind == NzqaResultKind::UnitStandard)
        .map(|result| CreditResult {
            nsn: result.national_student_number,
            credits: u32::try_from(result.credits).unwrap_or(0),
            achieved_on: result.achieved_on,
        })
        .collect();
    Ok(Training {
        enrolments: training,
        results,
    })
}
