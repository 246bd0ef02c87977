//! Programme enrolments (`dxp-api.md` §5.4, `sdr-domain.md` §4.1–4.2): the programme a learner
//! undertakes within a training agreement. A simple enrolment stands alone; a complex one is an
//! over-arching enrolment with sub-enrolments that share its agreement, fund and mode
//! (`POST /v1.0/complex-enrolments`).
//!
//! An open enrolment (`PENDING`, `ACTIVE`, `HOLD`, `GRACE`) follows its agreement's state
//! ([`follow_agreement`]); the TMS may change its enrolment date and its non-mandatory unit
//! standards ([`update`]), withdraw it ([`withdraw`]) or delete it ([`delete`]). The funder's
//! completions service sets `COMPLETED`; nothing here does.
//!
//! Choices where the funder's text is silent (each a rule below or a line here):
//! - `enrolmentDate` may not be after today; `participationStartDate` may be (a `PENDING`
//!   enrolment starts later).
//! - An enrolment may be deleted unless it is `COMPLETED` (its completion is the funder's
//!   record, from NZQA) or already `DELETED`; a `WITHDRAWN` one may be deleted (reason `IS`,
//!   wrong status in DXP, then enrolled again under the same id).
//! - `deletionDate` lies between the enrolment date and today.
//! - `unitStandards` (shape [I]): a code of 1–20 characters and whether it is mandatory; a code
//!   appears once in an enrolment. An update replaces the whole list; its mandatory codes must
//!   be exactly the stored ones (a code changing from optional to mandatory counts as adding a
//!   mandatory one).

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::{AgreementStatus, EnrolmentStatus, Refusal, Refusals};
use crate::validation::{Rule, Scope, Severity};

/// The only fund of work-based programme enrolments: `37`, DQ3-7 delivery (`dxp-api.md` §5.4).
pub const WORK_BASED_FUND: &str = "37";

/// The work-based modes of delivery (`dxp-api.md` §5.4): `24` work-based, `25` work-based
/// pathway to work, `26` assessment and verification.
pub const WORK_BASED_MODES: [i32; 3] = [24, 25, 26];

/// The reasons for deleting an enrolment (`dxp-api.md` §5.4): `ID` wrong participation start
/// date, `IE` invalid enrolment, `IS` wrong status in DXP, `OT` other.
pub const DELETION_REASONS: [&str; 4] = ["ID", "IE", "IS", "OT"];

/// What the lead's store knows of a training agreement, for the enrolments and training plans
/// made under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementContext {
    pub training_agreement_local_id: String,
    pub learner_local_id: String,
    pub signed_date: NaiveDate,
    pub status: AgreementStatus,
}

/// What the lead's store knows of a programme version. A version is active on a date from its
/// `version_start_date` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeContext {
    pub programme_local_id: String,
    pub programme_version_number: i32,
    pub mode_of_delivery_code: i32,
    pub study_type_code: String,
    pub version_start_date: NaiveDate,
}

impl ProgrammeContext {
    /// Whether the version is active on `date`.
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        date >= self.version_start_date
    }
}

/// A unit standard of an enrolment's programme (shape [I]: the funder's page is not public).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"unitStandardCode": "29677", "mandatory": true}))]
pub struct UnitStandard {
    /// NZQA's unit standard number.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub unit_standard_code: String,
    /// Whether the programme requires it; only non-mandatory ones may be added or removed
    /// later.
    pub mandatory: bool,
}

/// A programme enrolment as the TMS sends it (`POST /v1.0/enrolments`, and each enrolment of
/// a complex one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "enrolmentLocalId": "ENR-1001",
    "learnerLocalId": "L-1001",
    "trainingAgreementLocalId": "TA-1001",
    "programmeLocalId": "PLUMB-L4",
    "programmeVersionNumber": 2,
    "enrolmentDate": "2026-02-01",
    "participationStartDate": "2026-02-09",
    "fundingSourceTypeCode": "37",
    "modeOfDeliveryCode": 24,
    "studyTypeCode": "NZA",
    "unitStandards": [{"unitStandardCode": "29677", "mandatory": true}]
}))]
pub struct NewEnrolment {
    /// The TMS's id for the enrolment, never reused except after the enrolment is deleted.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub enrolment_local_id: String,
    /// The learner of the training agreement.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub learner_local_id: String,
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub training_agreement_local_id: String,
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub programme_local_id: String,
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub programme_version_number: i32,
    /// The day the learner enrolled: not after today, not after the participation start.
    pub enrolment_date: NaiveDate,
    /// The day training starts; the programme version must be active then.
    pub participation_start_date: NaiveDate,
    /// Only `37`.
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2)]
    pub funding_source_type_code: String,
    /// `24`, `25` or `26`, the programme's.
    pub mode_of_delivery_code: i32,
    /// The programme's study type (`NZA` for a New Zealand Apprenticeship).
    #[validate(length(min = 1, max = 10))]
    #[schema(min_length = 1, max_length = 10)]
    pub study_type_code: String,
    #[serde(default, deserialize_with = "super::object_only::list::deserialize")]
    #[validate(nested)]
    pub unit_standards: Vec<UnitStandard>,
}

/// A complex enrolment: an over-arching enrolment and its sub-enrolments, all under one training
/// agreement (`POST /v1.0/complex-enrolments`, `CreateComplexEnrolmentRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "overArchingEnrolment": {
        "enrolmentLocalId": "ENR-2000", "learnerLocalId": "L-1001",
        "trainingAgreementLocalId": "TA-1001", "programmeLocalId": "ELEC-NZA",
        "programmeVersionNumber": 1, "enrolmentDate": "2026-02-01",
        "participationStartDate": "2026-02-09", "fundingSourceTypeCode": "37",
        "modeOfDeliveryCode": 24, "studyTypeCode": "NZA", "unitStandards": []
    },
    "subEnrolments": [{
        "enrolmentLocalId": "ENR-2001", "learnerLocalId": "L-1001",
        "trainingAgreementLocalId": "TA-1001", "programmeLocalId": "ELEC-L3",
        "programmeVersionNumber": 3, "enrolmentDate": "2026-02-01",
        "participationStartDate": "2026-02-09", "fundingSourceTypeCode": "37",
        "modeOfDeliveryCode": 24, "studyTypeCode": "NZA", "unitStandards": []
    }]
}))]
pub struct NewComplexEnrolment {
    #[validate(nested)]
    #[serde(deserialize_with = "super::object_only::deserialize")]
    pub over_arching_enrolment: NewEnrolment,
    /// At least one.
    #[serde(deserialize_with = "super::object_only::list::deserialize")]
    #[validate(length(min = 1), nested)]
    pub sub_enrolments: Vec<NewEnrolment>,
}

/// A programme enrolment as stored and returned (`GET /v1.0/enrolments/{enrolmentLocalId}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "enrolmentLocalId": "ENR-1001",
    "learnerLocalId": "L-1001",
    "trainingAgreementLocalId": "TA-1001",
    "programmeLocalId": "PLUMB-L4",
    "programmeVersionNumber": 2,
    "enrolmentDate": "2026-02-01",
    "participationStartDate": "2026-02-09",
    "fundingSourceTypeCode": "37",
    "modeOfDeliveryCode": 24,
    "studyTypeCode": "NZA",
    "unitStandards": [{"unitStandardCode": "29677", "mandatory": true}],
    "enrolmentStatus": "ACTIVE",
    "overArchingEnrolmentLocalId": null,
    "withdrawalDate": null,
    "deletionReason": null,
    "deletionDate": null,
    "completionDate": null
}))]
pub struct Enrolment {
    #[serde(flatten)]
    #[validate(nested)]
    pub details: NewEnrolment,
    pub enrolment_status: EnrolmentStatus,
    /// For a sub-enrolment, its over-arching enrolment; `null` otherwise.
    pub over_arching_enrolment_local_id: Option<String>,
    pub withdrawal_date: Option<NaiveDate>,
    /// `ID`, `IE`, `IS` or `OT` once deleted.
    pub deletion_reason: Option<String>,
    pub deletion_date: Option<NaiveDate>,
    /// Set by the funder's completions service.
    pub completion_date: Option<NaiveDate>,
}

/// The changes a TMS may make to an enrolment (`PUT /v1.0/enrolments/{enrolmentLocalId}`):
/// its enrolment date and its non-mandatory unit standards. A field left out is unchanged;
/// `unitStandards` replaces the whole list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "enrolmentDate": "2026-01-28",
    "unitStandards": [
        {"unitStandardCode": "29677", "mandatory": true},
        {"unitStandardCode": "497", "mandatory": false}
    ]
}))]
pub struct EnrolmentUpdate {
    #[serde(default)]
    pub enrolment_date: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "super::object_only::optional_list::deserialize"
    )]
    #[validate(nested)]
    pub unit_standards: Option<Vec<UnitStandard>>,
}

/// Withdrawing an enrolment (`POST /v1.0/enrolments/{enrolmentLocalId}/withdraw`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"withdrawalDate": "2026-06-30"}))]
pub struct EnrolmentWithdrawal {
    /// On or after the participation start, not after today.
    pub withdrawal_date: NaiveDate,
}

/// Deleting an enrolment (`DELETE /v1.0/enrolments/{enrolmentLocalId}` with a JSON body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"deletionReason": "IE", "deletionDate": "2026-03-02"}))]
pub struct EnrolmentDeletion {
    /// `ID` wrong participation start date, `IE` invalid enrolment, `IS` wrong status in DXP,
    /// `OT` other.
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2)]
    pub deletion_reason: String,
    /// Between the enrolment date and today.
    pub deletion_date: NaiveDate,
}

const SCOPE: Scope = Scope::ProgrammeEnrolments;

pub const WB_050: Rule = Rule::of_process(
    "WB-050",
    SCOPE,
    "enrolmentLocalId",
    Severity::Error,
    "enrolmentLocalId is not used by another enrolment of the organisation; an id is used again \
     only after its enrolment is deleted (dxp-api.md §5.4).",
);
pub const WB_051: Rule = Rule::of_process(
    "WB-051",
    SCOPE,
    "trainingAgreementLocalId",
    Severity::Error,
    "trainingAgreementLocalId names a training agreement of the organisation (dxp-api.md §5.4).",
);
pub const WB_052: Rule = Rule::of_process(
    "WB-052",
    SCOPE,
    "trainingAgreementLocalId",
    Severity::Error,
    "The training agreement is not FINISHED: a withdrawn, transferred or completed agreement \
     takes no new enrolment (dxp-api.md §5.3, §5.4).",
);
pub const WB_053: Rule = Rule::of_process(
    "WB-053",
    SCOPE,
    "learnerLocalId",
    Severity::Error,
    "learnerLocalId is the learner of the training agreement (dxp-api.md §5.4).",
);
pub const WB_054: Rule = Rule::of_process(
    "WB-054",
    SCOPE,
    "programmeVersionNumber",
    Severity::Error,
    "programmeLocalId and programmeVersionNumber name a programme version of the organisation \
     (dxp-api.md §5.2, §5.4).",
);
pub const WB_055: Rule = Rule::of_process(
    "WB-055",
    SCOPE,
    "participationStartDate",
    Severity::Error,
    "The programme version is active on participationStartDate: it starts on or after the \
     version's start date (dxp-api.md §5.4).",
);
pub const WB_056: Rule = Rule::of_process(
    "WB-056",
    SCOPE,
    "fundingSourceTypeCode",
    Severity::Error,
    "fundingSourceTypeCode is 37 (DQ3-7): work-based enrolments have no other fund \
     (dxp-api.md §5.4).",
);
pub const WB_057: Rule = Rule::of_process(
    "WB-057",
    SCOPE,
    "modeOfDeliveryCode",
    Severity::Error,
    "modeOfDeliveryCode is 24 (work-based), 25 (work-based pathway to work) or 26 (assessment \
     and verification) (dxp-api.md §5.4).",
);
pub const WB_058: Rule = Rule::of_process(
    "WB-058",
    SCOPE,
    "modeOfDeliveryCode",
    Severity::Error,
    "modeOfDeliveryCode is the programme's mode of delivery (dxp-api.md §5.4).",
);
pub const WB_059: Rule = Rule::of_process(
    "WB-059",
    SCOPE,
    "studyTypeCode",
    Severity::Error,
    "studyTypeCode is the programme's study type (dxp-api.md §5.2).",
);
pub const WB_060: Rule = Rule::of_process(
    "WB-060",
    SCOPE,
    "*",
    Severity::Error,
    "participationStartDate is on or after enrolmentDate, also when enrolmentDate is updated \
     (dxp-api.md §5.4).",
);
pub const WB_061: Rule = Rule::of_process(
    "WB-061",
    SCOPE,
    "enrolmentDate",
    Severity::Error,
    "enrolmentDate is not after today (DXP's choice: an enrolment is reported once made; \
     dxp-api.md §5.4).",
);
pub const WB_062: Rule = Rule::of_process(
    "WB-062",
    SCOPE,
    "unitStandards",
    Severity::Error,
    "A unit standard appears once in an enrolment's unitStandards (dxp-api.md §5.4).",
);
pub const WB_063: Rule = Rule::of_process(
    "WB-063",
    SCOPE,
    "*",
    Severity::Error,
    "Each sub-enrolment has the over-arching enrolment's trainingAgreementLocalId, \
     fundingSourceTypeCode and modeOfDeliveryCode (dxp-api.md §5.4).",
);
pub const WB_064: Rule = Rule::of_process(
    "WB-064",
    SCOPE,
    "enrolmentLocalId",
    Severity::Error,
    "The enrolments of a complex enrolment have different enrolmentLocalIds (dxp-api.md §5.4).",
);
pub const WB_065: Rule = Rule::of_process(
    "WB-065",
    SCOPE,
    "",
    Severity::Error,
    "An enrolment is updated or withdrawn only while open (PENDING, ACTIVE, HOLD, GRACE); it is \
     deleted unless COMPLETED or already DELETED (dxp-api.md §5.4, sdr-domain.md §4.2).",
);
pub const WB_066: Rule = Rule::of_process(
    "WB-066",
    SCOPE,
    "unitStandards",
    Severity::Error,
    "An update adds or removes only non-mandatory unit standards: the mandatory ones stay as \
     they are; other changes need a withdrawal and a new enrolment (sdr-domain.md §4.2).",
);
pub const WB_067: Rule = Rule::of_process(
    "WB-067",
    SCOPE,
    "withdrawalDate",
    Severity::Error,
    "withdrawalDate is on or after participationStartDate and not after today \
     (sdr-domain.md §4.2).",
);
pub const WB_068: Rule = Rule::of_process(
    "WB-068",
    SCOPE,
    "deletionReason",
    Severity::Error,
    "deletionReason is ID (wrong participation start date), IE (invalid enrolment), IS (wrong \
     status in DXP) or OT (other) (dxp-api.md §5.4).",
);
pub const WB_069: Rule = Rule::of_process(
    "WB-069",
    SCOPE,
    "deletionDate",
    Severity::Error,
    "deletionDate is on or after the enrolment's enrolmentDate and not after today (DXP's \
     choice; dxp-api.md §5.4).",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 20] = [
    &WB_050, &WB_051, &WB_052, &WB_053, &WB_054, &WB_055, &WB_056, &WB_057, &WB_058, &WB_059,
    &WB_060, &WB_061, &WB_062, &WB_063, &WB_064, &WB_065, &WB_066, &WB_067, &WB_068, &WB_069,
];

/// The refusal of an enrolment whose id the organisation already uses for an enrolment that is
/// not `DELETED` (the store knows; the caller asks it).
pub fn already_exists(enrolment_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_050,
        "enrolmentLocalId",
        format!(
            "enrolmentLocalId {enrolment_local_id} is already used by an enrolment of the \
             organisation; an id is used again only after its enrolment is deleted"
        ),
    )
}

/// The refusal of an enrolment naming a training agreement the organisation does not have.
pub fn agreement_not_found(training_agreement_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_051,
        "trainingAgreementLocalId",
        format!(
            "trainingAgreementLocalId {training_agreement_local_id} is not a training agreement \
             of the organisation"
        ),
    )
}

/// The refusal of an enrolment naming a programme version the organisation does not have.
pub fn programme_version_not_found(programme_local_id: &str, version: i32) -> Refusal {
    Refusal::new(
        &WB_054,
        "programmeVersionNumber",
        format!(
            "programme {programme_local_id} has no version {version} in the organisation's \
             programmes"
        ),
    )
}

/// `refusal` about a field of one enrolment of a request that holds several: its field path
/// prefixed with `prefix` (`overArchingEnrolment.`, `subEnrolments[1].`).
pub fn within(prefix: &str, mut refusal: Refusal) -> Refusal {
    refusal.field = format!("{prefix}{}", refusal.field);
    refusal
}

/// The field path prefix of the over-arching enrolment of a complex enrolment.
pub const OVER_ARCHING: &str = "overArchingEnrolment.";

/// The field path prefix of the sub-enrolment at `position` (from 0) of a complex enrolment.
pub fn sub_enrolment(position: usize) -> String {
    format!("subEnrolments[{position}].")
}

/// A new simple enrolment under `agreement` in `programme`'s version, or every reason it is
/// refused. Its status follows the agreement's. The caller checks first that the id is free
/// ([`already_exists`]) and that the agreement and version exist ([`agreement_not_found`],
/// [`programme_version_not_found`]).
pub fn create(
    new: &NewEnrolment,
    agreement: &AgreementContext,
    programme: &ProgrammeContext,
    today: NaiveDate,
) -> Result<Enrolment, Refusals> {
    let mut refusals = Refusals::new();
    check_new("", new, agreement, Some(programme), today, &mut refusals);
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(created(new, agreement, None))
}

/// A new complex enrolment: the over-arching enrolment then its sub-enrolments, in the
/// request's order, or every reason it is refused. `programmes` holds the programme version of
/// each enrolment in the same order (over-arching first); a missing or different one is
/// refused as not found. Each enrolment is checked as by [`create`], with field paths such as
/// `subEnrolments[1].modeOfDeliveryCode`.
pub fn create_complex(
    new: &NewComplexEnrolment,
    agreement: &AgreementContext,
    programmes: &[ProgrammeContext],
    today: NaiveDate,
) -> Result<Vec<Enrolment>, Refusals> {
    let mut refusals = Refusals::new();
    let over = &new.over_arching_enrolment;
    check_new(
        OVER_ARCHING,
        over,
        agreement,
        programmes.first(),
        today,
        &mut refusals,
    );
    let mut ids: HashSet<&str> = HashSet::from([over.enrolment_local_id.as_str()]);
    for (position, sub) in new.sub_enrolments.iter().enumerate() {
        let prefix = sub_enrolment(position);
        check_new(
            &prefix,
            sub,
            agreement,
            programmes.get(position + 1),
            today,
            &mut refusals,
        );
        if sub.training_agreement_local_id != over.training_agreement_local_id {
            refusals.push(Refusal::new(
                &WB_063,
                format!("{prefix}trainingAgreementLocalId"),
                format!(
                    "trainingAgreementLocalId {} differs from the over-arching enrolment's {}",
                    sub.training_agreement_local_id, over.training_agreement_local_id
                ),
            ));
        }
        if sub.funding_source_type_code != over.funding_source_type_code {
            refusals.push(Refusal::new(
                &WB_063,
                format!("{prefix}fundingSourceTypeCode"),
                format!(
                    "fundingSourceTypeCode {} differs from the over-arching enrolment's {}",
                    sub.funding_source_type_code, over.funding_source_type_code
                ),
            ));
        }
        if sub.mode_of_delivery_code != over.mode_of_delivery_code {
            refusals.push(Refusal::new(
                &WB_063,
                format!("{prefix}modeOfDeliveryCode"),
                format!(
                    "modeOfDeliveryCode {} differs from the over-arching enrolment's {}",
                    sub.mode_of_delivery_code, over.mode_of_delivery_code
                ),
            ));
        }
        if !ids.insert(sub.enrolment_local_id.as_str()) {
            refusals.push(Refusal::new(
                &WB_064,
                format!("{prefix}enrolmentLocalId"),
                format!(
                    "enrolmentLocalId {} is used by another enrolment of this complex enrolment",
                    sub.enrolment_local_id
                ),
            ));
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut enrolments = vec![created(over, agreement, None)];
    enrolments.extend(
        new.sub_enrolments
            .iter()
            .map(|sub| created(sub, agreement, Some(&over.enrolment_local_id))),
    );
    Ok(enrolments)
}

fn created(new: &NewEnrolment, agreement: &AgreementContext, over: Option<&String>) -> Enrolment {
    Enrolment {
        details: new.clone(),
        enrolment_status: EnrolmentStatus::following(agreement.status),
        over_arching_enrolment_local_id: over.cloned(),
        withdrawal_date: None,
        deletion_reason: None,
        deletion_date: None,
        completion_date: None,
    }
}

/// The rules of one new enrolment, its refusals' fields prefixed with `prefix`.
fn check_new(
    prefix: &str,
    new: &NewEnrolment,
    agreement: &AgreementContext,
    programme: Option<&ProgrammeContext>,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    let mut refuse = |rule: &Rule, field: &str, message: String| {
        refusals.push(Refusal::new(rule, format!("{prefix}{field}"), message));
    };
    if new.training_agreement_local_id != agreement.training_agreement_local_id {
        let refusal = agreement_not_found(&new.training_agreement_local_id);
        refuse(&WB_051, &refusal.field, refusal.message);
    } else {
        if agreement.status == AgreementStatus::Finished {
            refuse(
                &WB_052,
                "trainingAgreementLocalId",
                format!(
                    "training agreement {} is FINISHED and takes no new enrolment",
                    agreement.training_agreement_local_id
                ),
            );
        }
        if new.learner_local_id != agreement.learner_local_id {
            refuse(
                &WB_053,
                "learnerLocalId",
                format!(
                    "learnerLocalId {} is not the learner of training agreement {} ({})",
                    new.learner_local_id,
                    agreement.training_agreement_local_id,
                    agreement.learner_local_id
                ),
            );
        }
    }
    match programme.filter(|programme| {
        programme.programme_local_id == new.programme_local_id
            && programme.programme_version_number == new.programme_version_number
    }) {
        None => {
            let refusal =
                programme_version_not_found(&new.programme_local_id, new.programme_version_number);
            refuse(&WB_054, &refusal.field, refusal.message);
        }
        Some(programme) => {
            if !programme.is_active_on(new.participation_start_date) {
                refuse(
                    &WB_055,
                    "participationStartDate",
                    format!(
                        "participationStartDate {} is before version {} of programme {} starts \
                         on {}",
                        new.participation_start_date,
                        programme.programme_version_number,
                        programme.programme_local_id,
                        programme.version_start_date
                    ),
                );
            }
            if WORK_BASED_MODES.contains(&new.mode_of_delivery_code)
                && new.mode_of_delivery_code != programme.mode_of_delivery_code
            {
                refuse(
                    &WB_058,
                    "modeOfDeliveryCode",
                    format!(
                        "modeOfDeliveryCode {} is not programme {}'s mode of delivery {}",
                        new.mode_of_delivery_code,
                        programme.programme_local_id,
                        programme.mode_of_delivery_code
                    ),
                );
            }
            if new.study_type_code != programme.study_type_code {
                refuse(
                    &WB_059,
                    "studyTypeCode",
                    format!(
                        "studyTypeCode {} is not programme {}'s study type {}",
                        new.study_type_code,
                        programme.programme_local_id,
                        programme.study_type_code
                    ),
                );
            }
        }
    }
    if new.funding_source_type_code != WORK_BASED_FUND {
        refuse(
            &WB_056,
            "fundingSourceTypeCode",
            format!(
                "fundingSourceTypeCode {} is not 37; work-based enrolments are funded from DQ3-7 \
                 (37) only",
                new.funding_source_type_code
            ),
        );
    }
    if !WORK_BASED_MODES.contains(&new.mode_of_delivery_code) {
        refuse(
            &WB_057,
            "modeOfDeliveryCode",
            format!(
                "modeOfDeliveryCode {} is not a work-based mode; expected 24, 25 or 26",
                new.mode_of_delivery_code
            ),
        );
    }
    if new.participation_start_date < new.enrolment_date {
        refuse(
            &WB_060,
            "participationStartDate",
            format!(
                "participationStartDate {} is before the enrolment date {}",
                new.participation_start_date, new.enrolment_date
            ),
        );
    }
    if new.enrolment_date > today {
        refuse(
            &WB_061,
            "enrolmentDate",
            format!(
                "enrolmentDate {} is after today ({today})",
                new.enrolment_date
            ),
        );
    }
    if let Some(code) = repeated_code(&new.unit_standards) {
        refuse(
            &WB_062,
            "unitStandards",
            format!("unit standard {code} appears more than once in unitStandards"),
        );
    }
}

/// The first unit standard code listed twice.
fn repeated_code(unit_standards: &[UnitStandard]) -> Option<&str> {
    let mut seen = HashSet::new();
    unit_standards
        .iter()
        .map(|unit| unit.unit_standard_code.as_str())
        .find(|code| !seen.insert(*code))
}

fn mandatory_codes(unit_standards: &[UnitStandard]) -> BTreeSet<&str> {
    unit_standards
        .iter()
        .filter(|unit| unit.mandatory)
        .map(|unit| unit.unit_standard_code.as_str())
        .collect()
}

fn not_open(stored: &Enrolment, change: &str) -> Refusal {
    Refusal::new(
        &WB_065,
        "",
        format!(
            "enrolment {} is {} and can no longer be {change}",
            stored.details.enrolment_local_id,
            stored.enrolment_status.as_str()
        ),
    )
}

/// The enrolment with `update` applied, or every reason it is refused: only an open
/// enrolment, only its enrolment date (still not after the participation start nor today) and
/// its non-mandatory unit standards.
pub fn update(
    stored: &Enrolment,
    update: &EnrolmentUpdate,
    today: NaiveDate,
) -> Result<Enrolment, Refusals> {
    let mut refusals = Refusals::new();
    if !stored.enrolment_status.is_open() {
        refusals.push(not_open(stored, "updated"));
    }
    let mut updated = stored.clone();
    if let Some(date) = update.enrolment_date {
        if date > stored.details.participation_start_date {
            refusals.push(Refusal::new(
                &WB_060,
                "enrolmentDate",
                format!(
                    "enrolmentDate {date} is after the participation start date {}",
                    stored.details.participation_start_date
                ),
            ));
        }
        if date > today {
            refusals.push(Refusal::new(
                &WB_061,
                "enrolmentDate",
                format!("enrolmentDate {date} is after today ({today})"),
            ));
        }
        updated.details.enrolment_date = date;
    }
    if let Some(units) = &update.unit_standards {
        if let Some(code) = repeated_code(units) {
            refusals.push(Refusal::new(
                &WB_062,
                "unitStandards",
                format!("unit standard {code} appears more than once in unitStandards"),
            ));
        }
        let before = mandatory_codes(&stored.details.unit_standards);
        let after = mandatory_codes(units);
        let added: Vec<&str> = after.difference(&before).copied().collect();
        let removed: Vec<&str> = before.difference(&after).copied().collect();
        if !added.is_empty() || !removed.is_empty() {
            let mut changes = Vec::new();
            if !added.is_empty() {
                changes.push(format!("adds {}", added.join(", ")));
            }
            if !removed.is_empty() {
                changes.push(format!("removes {}", removed.join(", ")));
            }
            refusals.push(Refusal::new(
                &WB_066,
                "unitStandards",
                format!(
                    "unitStandards {} as mandatory; only non-mandatory unit standards may be \
                     added or removed (withdraw and enrol again to change the mandatory ones)",
                    changes.join(" and ")
                ),
            ));
        }
        updated.details.unit_standards = units.clone();
    }
    if refusals.is_empty() {
        Ok(updated)
    } else {
        Err(refusals)
    }
}

/// The enrolment withdrawn on `withdrawal.withdrawal_date`, or every reason it is refused.
pub fn withdraw(
    stored: &Enrolment,
    withdrawal: &EnrolmentWithdrawal,
    today: NaiveDate,
) -> Result<Enrolment, Refusals> {
    let mut refusals = Refusals::new();
    if !stored.enrolment_status.is_open() {
        refusals.push(not_open(stored, "withdrawn"));
    }
    let date = withdrawal.withdrawal_date;
    let start = stored.details.participation_start_date;
    if date < start {
        refusals.push(Refusal::new(
            &WB_067,
            "withdrawalDate",
            format!("withdrawalDate {date} is before the participation start date {start}"),
        ));
    } else if date > today {
        refusals.push(Refusal::new(
            &WB_067,
            "withdrawalDate",
            format!("withdrawalDate {date} is after today ({today})"),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut withdrawn = stored.clone();
    withdrawn.enrolment_status = EnrolmentStatus::Withdrawn;
    withdrawn.withdrawal_date = Some(date);
    Ok(withdrawn)
}

/// The enrolment `DELETED` for `deletion.deletion_reason`, or every reason it is refused. Any
/// enrolment but a `COMPLETED` or already `DELETED` one may be deleted; its id may then be used
/// again.
pub fn delete(
    stored: &Enrolment,
    deletion: &EnrolmentDeletion,
    today: NaiveDate,
) -> Result<Enrolment, Refusals> {
    let mut refusals = Refusals::new();
    if matches!(
        stored.enrolment_status,
        EnrolmentStatus::Completed | EnrolmentStatus::Deleted
    ) {
        refusals.push(not_open(stored, "deleted"));
    }
    if !DELETION_REASONS.contains(&deletion.deletion_reason.as_str()) {
        refusals.push(Refusal::new(
            &WB_068,
            "deletionReason",
            format!(
                "deletionReason {} is not a reason for deleting; expected ID, IE, IS or OT",
                deletion.deletion_reason
            ),
        ));
    }
    let date = deletion.deletion_date;
    let enrolled = stored.details.enrolment_date;
    if date < enrolled {
        refusals.push(Refusal::new(
            &WB_069,
            "deletionDate",
            format!("deletionDate {date} is before the enrolment date {enrolled}"),
        ));
    } else if date > today {
        refusals.push(Refusal::new(
            &WB_069,
            "deletionDate",
            format!("deletionDate {date} is after today ({today})"),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut deleted = stored.clone();
    deleted.enrolment_status = EnrolmentStatus::Deleted;
    deleted.deletion_reason = Some(deletion.deletion_reason.clone());
    deleted.deletion_date = Some(date);
    Ok(deleted)
}

/// The enrolment as it becomes when its agreement moves to `status` on `on`: an open one takes
/// the agreement's state, and is withdrawn on `on` when the agreement finishes. `None` when it
/// does not change (closed, or already in that state).
pub fn follow_agreement(
    stored: &Enrolment,
    status: AgreementStatus,
    on: NaiveDate,
) -> Option<Enrolment> {
    if !stored.enrolment_status.is_open() {
        return None;
    }
    let following = EnrolmentStatus::following(status);
    if following == stored.enrolment_status {
        return None;
    }
    let mut followed = stored.clone();
    followed.enrolment_status = following;
    if following == EnrolmentStatus::Withdrawn {
        followed.withdrawal_date = Some(on);
    }
    Some(followed)
}

#[cfg(test)]
mod tests;
