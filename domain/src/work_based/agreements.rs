//! Training agreements (`dxp-api.md` §5.3, `sdr-domain.md` §4.2): the agreement binding a
//! learner, an employer and the TEO, and its states. An agreement is `PENDING` once signed,
//! `ACTIVE` when its learner's training starts, `HOLD` or `GRACE` while paused and `ACTIVE`
//! again on restart, `FINISHED` once withdrawn or transferred to a new employer.
//!
//! Every decision here is pure: it takes what is stored, the request and today's date in New
//! Zealand, and returns the agreement as it becomes or every refusal.
//!
//! Choices where the spec is silent:
//!
//! - **Pauses** (hold, grace) are taken from `ACTIVE` only: the state machine of §4.2 reaches
//!   `HOLD` and `GRACE` from `ACTIVE`; a pending agreement's training has not started, and a
//!   paused one is restarted before it is paused for another reason.
//! - **Backdating.** A status change (withdrawal, pause, restart) is not dated before today
//!   minus three calendar months (2026-12-02 allows 2026-09-02, not 2026-09-01; at the end of a
//!   month the limit is the shorter month's last day: 2026-05-31 allows 2026-02-28). The
//!   NZQA-driven completions the spec exempts are not the TMS's to send; the system's own
//!   withdrawal at the end of a grace period is exempt ([`withdraw_for_grace_expiry`]).
//! - **History.** A status change is not dated before the latest one (`statusDate`): a restart
//!   is not before its pause (the spec's rule), and neither is a withdrawal or a new pause
//!   before the restart or activation it follows.
//! - **Activation.** A `PENDING` agreement becomes `ACTIVE` once the earliest participation
//!   start of its enrolments has come; its `statusDate` is that participation start.
//! - **Transfer.** The old agreement is `FINISHED` on the new one's signed date, with
//!   `transferredTo`; the new one has `transferredFrom` and is `PENDING` when the old one was
//!   (its training has not started), else `ACTIVE` from its signed date: the learner trains
//!   with the new employer, which ends a pause (grace is the usual way to a transfer).
//! - **Update** (`PUT`) changes only the fields it carries: an absent signed or end date is
//!   kept. A `PENDING` agreement's `statusDate` follows its signed date.
//! - **Code lists** without a public source: employment types ([`EMPLOYMENT_TYPES`]).
//!   Regions are Stats NZ's regional council codes, territorial authorities Stats NZ's codes
//!   1 to 76 and 999, the prior activity the SDR's main activity list.

use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::learners::list_codes;
use super::programmes::is_anzsic_class;
use super::{AgreementStatus, Refusal, Refusals};
use crate::reference;
use crate::validation::{Rule, Scope, Severity};

const SCOPE: Scope = Scope::TrainingAgreements;

/// The agreement itself: employer, workplace, and its dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "employerNzbn": "9429041535257",
    "employerName": "Kauri Builders Limited",
    "employerSubdivisionName": "Hamilton branch",
    "employmentRegionCode": 3,
    "employmentTerritorialAuthorityCode": 16,
    "industryCode": "3020",
    "employmentTypeCode": "FT",
    "priorActivityCode": "02",
    "trainingAgreementSignedDate": "2026-02-01",
    "endDate": "2030-01-31"
}))]
pub struct AgreementDetails {
    /// The employer's New Zealand Business Number, 13 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(equal = 13))]
    #[schema(min_length = 13, max_length = 13, example = "9429041535257")]
    pub employer_nzbn: Option<String>,
    /// The employer's legal or head-office name.
    #[validate(length(min = 1, max = 255))]
    #[schema(min_length = 1, max_length = 255, example = "Kauri Builders Limited")]
    pub employer_name: String,
    /// The site or subdivision the learner works at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 255))]
    #[schema(max_length = 255)]
    pub employer_subdivision_name: Option<String>,
    /// The Stats NZ region (regional council code) of the workplace: 1 Northland … 18
    /// Marlborough, 99 area outside region.
    #[schema(example = 3)]
    pub employment_region_code: i32,
    /// The Stats NZ territorial authority of the workplace: 1 to 76, 999 area outside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = 16)]
    pub employment_territorial_authority_code: Option<i32>,
    /// The employer's ANZSIC 2006 level 4 industry; may differ from the programme's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "3020")]
    pub industry_code: Option<String>,
    /// How the learner is employed: see [`EMPLOYMENT_TYPES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2, example = "FT")]
    pub employment_type_code: Option<String>,
    /// The Ministry of Education's early-leaving exemption of a learner under 16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 10))]
    #[schema(min_length = 1, max_length = 10)]
    pub moe_exemption_code: Option<String>,
    /// What the learner mainly did before the agreement: the SDR's main activity codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2, example = "02")]
    pub prior_activity_code: Option<String>,
    /// The day the agreement was signed; not after today.
    #[schema(example = "2026-02-01")]
    pub training_agreement_signed_date: NaiveDate,
    /// The day the agreement is expected to end, after the signed date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "2030-01-31")]
    pub end_date: Option<NaiveDate>,
}

/// The body of `POST /training-agreements`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "learnerLocalId": "LRN-000123",
    "trainingAgreementLocalId": "TA-000456",
    "trainingAgreement": {
        "employerNzbn": "9429041535257",
        "employerName": "Kauri Builders Limited",
        "employmentRegionCode": 3,
        "trainingAgreementSignedDate": "2026-02-01"
    }
}))]
pub struct NewTrainingAgreement {
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "LRN-000123")]
    pub learner_local_id: String,
    /// The TMS's id for the agreement, one per signed date.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "TA-000456")]
    pub training_agreement_local_id: String,
    #[validate(nested)]
    #[serde(deserialize_with = "super::object_only::deserialize")]
    pub training_agreement: AgreementDetails,
}

/// A training agreement as the funder keeps and returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "learnerLocalId": "LRN-000123",
    "trainingAgreementLocalId": "TA-000456",
    "trainingAgreement": {
        "employerNzbn": "9429041535257",
        "employerName": "Kauri Builders Limited",
        "employmentRegionCode": 3,
        "trainingAgreementSignedDate": "2026-02-01"
    },
    "status": "HOLD",
    "statusDate": "2026-06-15",
    "statusReasonCode": "PL"
}))]
pub struct TrainingAgreement {
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "LRN-000123")]
    pub learner_local_id: String,
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "TA-000456")]
    pub training_agreement_local_id: String,
    #[validate(nested)]
    #[serde(deserialize_with = "super::object_only::deserialize")]
    pub training_agreement: AgreementDetails,
    pub status: AgreementStatus,
    /// When the latest status change took effect: the signed date while `PENDING`, the
    /// participation start on activation, the pause, restart or withdrawal date.
    #[schema(example = "2026-06-15")]
    pub status_date: NaiveDate,
    /// The reason of the latest status change, when it has one (hold, grace, withdrawal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "PL")]
    pub status_reason_code: Option<String>,
    /// The agreement this one was transferred to (it is then `FINISHED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_to: Option<String>,
    /// The agreement this one was transferred from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_from: Option<String>,
}

/// The body of `POST /training-agreements/{id}/withdraw`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"withdrawalDate": "2026-11-20", "withdrawalReasonCode": "CC"}))]
pub struct Withdrawal {
    pub withdrawal_date: NaiveDate,
    /// One of [`WITHDRAWAL_REASONS`]; `GE` is the funder's own.
    #[validate(length(min = 1, max = 3))]
    #[schema(min_length = 1, max_length = 3, example = "CC")]
    pub withdrawal_reason_code: String,
}

/// The body of `POST /training-agreements/{id}/hold`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"pauseDate": "2026-11-20", "onHoldReasonCode": "PL"}))]
pub struct Hold {
    pub pause_date: NaiveDate,
    /// One of [`HOLD_REASONS`].
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2, example = "PL")]
    pub on_hold_reason_code: String,
}

/// The body of `POST /training-agreements/{id}/grace`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"pauseDate": "2026-11-20", "graceReasonCode": "RD"}))]
pub struct Grace {
    pub pause_date: NaiveDate,
    /// One of [`GRACE_REASONS`].
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2, example = "RD")]
    pub grace_reason_code: String,
}

/// The body of `POST /training-agreements/{id}/restart`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"restartDate": "2026-11-30"}))]
pub struct Restart {
    pub restart_date: NaiveDate,
}

/// The body of `POST /training-agreements/{id}/transfer`: the agreement with the new employer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "newTrainingAgreementLocalId": "TA-000789",
    "newTrainingAgreement": {
        "employerName": "Tōtara Construction Limited",
        "employmentRegionCode": 3,
        "trainingAgreementSignedDate": "2026-11-16"
    }
}))]
pub struct Transfer {
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "TA-000789")]
    pub new_training_agreement_local_id: String,
    #[validate(nested)]
    #[serde(deserialize_with = "super::object_only::deserialize")]
    pub new_training_agreement: AgreementDetails,
}

/// The body of `PUT /training-agreements/{id}`: only the signed and end dates are editable;
/// an absent one is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"trainingAgreementSignedDate": "2026-01-28", "endDate": "2030-06-30"}))]
pub struct AgreementUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_agreement_signed_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
}

pub const WB_025: Rule = Rule::of_process(
    "WB-025",
    SCOPE,
    "trainingAgreementLocalId",
    Severity::Error,
    "A new agreement's trainingAgreementLocalId (newTrainingAgreementLocalId on a transfer) is \
     not already used by an agreement of the TEO (dxp-api.md §5.3, §6).",
);
pub const WB_026: Rule = Rule::of_process(
    "WB-026",
    SCOPE,
    "learnerLocalId",
    Severity::Error,
    "learnerLocalId names a learner the TEO has sent (POST /learners) before the agreement \
     (dxp-api.md §5.3).",
);
pub const WB_027: Rule = Rule::of_process(
    "WB-027",
    SCOPE,
    "trainingAgreement.employerNzbn",
    Severity::Error,
    "employerNzbn, when given, is a New Zealand Business Number: 13 digits with a valid GS1 \
     check digit (9429041535257) (dxp-api.md §5.3).",
);
pub const WB_028: Rule = Rule::of_process(
    "WB-028",
    SCOPE,
    "trainingAgreement.employmentRegionCode",
    Severity::Error,
    "employmentRegionCode is a Stats NZ region (regional council) code: 1 to 9, 12 to 18, or 99 \
     area outside region (dxp-api.md §5.3).",
);
pub const WB_029: Rule = Rule::of_process(
    "WB-029",
    SCOPE,
    "trainingAgreement.employmentTerritorialAuthorityCode",
    Severity::Error,
    "employmentTerritorialAuthorityCode, when given, is a Stats NZ territorial authority code: \
     1 to 76, or 999 area outside territorial authority (dxp-api.md §5.3).",
);
pub const WB_030: Rule = Rule::of_process(
    "WB-030",
    SCOPE,
    "trainingAgreement.industryCode",
    Severity::Error,
    "industryCode, when given, is an ANZSIC 2006 level 4 code: four digits, optionally after \
     the division letter A to S (dxp-api.md §5.3).",
);
pub const WB_031: Rule = Rule::of_process(
    "WB-031",
    SCOPE,
    "trainingAgreement.employmentTypeCode",
    Severity::Error,
    "employmentTypeCode, when given, is one of the mirror's employment types: FT full-time, PT \
     part-time, CA casual, FX fixed-term, SE self-employed. The funder's list is not public \
     (dxp-api.md §5.3).",
);
pub const WB_032: Rule = Rule::of_process(
    "WB-032",
    SCOPE,
    "trainingAgreement.priorActivityCode",
    Severity::Error,
    "priorActivityCode, when given, is a code of the SDR's main activity list \
     (domain/reference/main_activity.csv; 01 and 1 are the same code) (dxp-api.md §5.3).",
);
pub const WB_033: Rule = Rule::of_process(
    "WB-033",
    SCOPE,
    "trainingAgreement.trainingAgreementSignedDate",
    Severity::Error,
    "trainingAgreementSignedDate is not after today, on a new agreement, a transfer's new \
     agreement and an update (dxp-api.md §5.3).",
);
pub const WB_034: Rule = Rule::of_process(
    "WB-034",
    SCOPE,
    "trainingAgreement.endDate",
    Severity::Error,
    "endDate, when given, is after trainingAgreementSignedDate (dxp-api.md §5.3).",
);
pub const WB_035: Rule = Rule::of_process(
    "WB-035",
    SCOPE,
    "status",
    Severity::Error,
    "The change is allowed from the agreement's status (sdr-domain.md §4.2): withdraw from \
     PENDING, ACTIVE, HOLD or GRACE; hold and grace from ACTIVE; restart from HOLD or GRACE; \
     transfer and update from any status but FINISHED.",
);
pub const WB_036: Rule = Rule::of_process(
    "WB-036",
    SCOPE,
    "*",
    Severity::Error,
    "A status change (withdrawalDate, pauseDate, restartDate) is not dated after today \
     (dxp-api.md §5.3).",
);
pub const WB_037: Rule = Rule::of_process(
    "WB-037",
    SCOPE,
    "*",
    Severity::Error,
    "A status change (withdrawalDate, pauseDate, restartDate) is backdated at most three \
     calendar months: not before today minus three months (dxp-api.md §5.3, sdr-domain.md \
     §4.2). The funder's own withdrawal at the end of a grace period is exempt.",
);
pub const WB_038: Rule = Rule::of_process(
    "WB-038",
    SCOPE,
    "*",
    Severity::Error,
    "A status change is not dated before the agreement's latest one (statusDate): a restart is \
     not before the date the agreement was placed on hold or in grace (dxp-api.md §5.3), nor a \
     withdrawal or pause before the restart or activation it follows.",
);
pub const WB_039: Rule = Rule::of_process(
    "WB-039",
    SCOPE,
    "withdrawalDate",
    Severity::Error,
    "withdrawalDate is not before trainingAgreementSignedDate (dxp-api.md §5.3).",
);
pub const WB_040: Rule = Rule::of_process(
    "WB-040",
    SCOPE,
    "withdrawalDate",
    Severity::Error,
    "withdrawalDate is not before the latest participationStartDate of the agreement's \
     enrolments (dxp-api.md §5.3).",
);
pub const WB_041: Rule = Rule::of_process(
    "WB-041",
    SCOPE,
    "withdrawalReasonCode",
    Severity::Error,
    "withdrawalReasonCode is one of BC, BD, CC, AP, PT, CP, DC, DS, EW, LS, LA, LI, NF, OT, OD, \
     PC, ST, TI, LE (dxp-api.md §5.3).",
);
pub const WB_042: Rule = Rule::of_process(
    "WB-042",
    SCOPE,
    "withdrawalReasonCode",
    Severity::Error,
    "withdrawalReasonCode GE (grace period expired) is the funder's own: the system withdraws \
     an agreement 42 days after it was placed in grace; a TMS does not send it (dxp-api.md \
     §5.3).",
);
pub const WB_043: Rule = Rule::of_process(
    "WB-043",
    SCOPE,
    "*",
    Severity::Error,
    "pauseDate and restartDate are after trainingAgreementSignedDate (dxp-api.md §5.3).",
);
pub const WB_044: Rule = Rule::of_process(
    "WB-044",
    SCOPE,
    "onHoldReasonCode",
    Severity::Error,
    "onHoldReasonCode is one of SW seasonal work, PL parental leave, OV overseas travel, MD \
     medical/ACC, CI correctional institution, OT other, ST stopped training, WE work \
     experience (dxp-api.md §5.3).",
);
pub const WB_045: Rule = Rule::of_process(
    "WB-045",
    SCOPE,
    "graceReasonCode",
    Severity::Error,
    "graceReasonCode is one of LE loss of employment, DM dismissal, RD redundancy (dxp-api.md \
     §5.3).",
);
pub const WB_046: Rule = Rule::of_process(
    "WB-046",
    SCOPE,
    "newTrainingAgreementLocalId",
    Severity::Error,
    "A transfer's newTrainingAgreementLocalId differs from the agreement transferred \
     (dxp-api.md §5.3).",
);
pub const WB_047: Rule = Rule::of_process(
    "WB-047",
    SCOPE,
    "newTrainingAgreement.trainingAgreementSignedDate",
    Severity::Error,
    "A transfer's new agreement is not signed before the agreement it replaces (dxp-api.md \
     §5.3).",
);
pub const WB_048: Rule = Rule::of_process(
    "WB-048",
    SCOPE,
    "trainingAgreementSignedDate",
    Severity::Error,
    "An updated trainingAgreementSignedDate is not after the earliest participationStartDate \
     of the agreement's enrolments, nor after the agreement's latest status change when it is \
     no longer PENDING (dxp-api.md §5.3).",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 24] = [
    &WB_025, &WB_026, &WB_027, &WB_028, &WB_029, &WB_030, &WB_031, &WB_032, &WB_033, &WB_034,
    &WB_035, &WB_036, &WB_037, &WB_038, &WB_039, &WB_040, &WB_041, &WB_042, &WB_043, &WB_044,
    &WB_045, &WB_046, &WB_047, &WB_048,
];

/// The reasons of a withdrawal (`withdrawalReasonCode`).
pub const WITHDRAWAL_REASONS: &[(&str, &str)] = &[
    ("BC", "business closed"),
    ("BD", "business downturn"),
    ("CC", "career change"),
    ("AP", "trainee to apprentice"),
    ("PT", "apprentice to trainee"),
    ("CP", "change of programme"),
    ("DC", "deceased"),
    ("DS", "dissatisfied"),
    ("EW", "exiting the workforce"),
    ("LS", "lack of employer support"),
    ("LA", "length of apprenticeship"),
    ("LI", "linked enrolment"),
    ("NF", "non-payment of fee"),
    ("OT", "other"),
    ("OD", "over programme duration"),
    ("PC", "parental commitment"),
    ("ST", "stopped training"),
    ("TI", "transfer to another TEO"),
    ("LE", "loss of employment"),
    (
        GRACE_EXPIRED,
        "grace period expired (the funder's system only)",
    ),
];

/// The withdrawal reason the system gives when a grace period ends.
pub const GRACE_EXPIRED: &str = "GE";

/// The reasons of a hold (`onHoldReasonCode`).
pub const HOLD_REASONS: &[(&str, &str)] = &[
    ("SW", "seasonal work"),
    ("PL", "parental leave"),
    ("OV", "overseas travel"),
    ("MD", "medical/ACC"),
    ("CI", "correctional institution"),
    ("OT", "other"),
    ("ST", "stopped training"),
    ("WE", "work experience"),
];

/// The reasons of a grace period (`graceReasonCode`).
pub const GRACE_REASONS: &[(&str, &str)] = &[
    ("LE", "loss of employment"),
    ("DM", "dismissal"),
    ("RD", "redundancy"),
];

/// Stats NZ's regional council codes.
pub const REGIONS: &[(i32, &str)] = &[
    (1, "Northland"),
    (2, "Auckland"),
    (3, "Waikato"),
    (4, "Bay of Plenty"),
    (5, "Gisborne"),
    (6, "Hawke's Bay"),
    (7, "Taranaki"),
    (8, "Manawatū-Whanganui"),
    (9, "Wellington"),
    (12, "West Coast"),
    (13, "Canterbury"),
    (14, "Otago"),
    (15, "Southland"),
    (16, "Tasman"),
    (17, "Nelson"),
    (18, "Marlborough"),
    (99, "area outside region"),
];

/// The mirror's employment types (the funder's list is not public).
pub const EMPLOYMENT_TYPES: &[(&str, &str)] = &[
    ("FT", "full-time"),
    ("PT", "part-time"),
    ("CA", "casual"),
    ("FX", "fixed-term"),
    ("SE", "self-employed"),
];

/// How long an agreement stays in grace before the system withdraws it.
pub const GRACE_DAYS: i64 = 42;

/// How far back a TMS may date a status change, in calendar months.
pub const BACKDATING_MONTHS: u32 = 3;

/// A new agreement, `PENDING` from its signed date, or every refusal. Whether its id is
/// already used and its learner known is the caller's to ask ([`already_exists`],
/// [`learner_not_found`]).
pub fn create(new: &NewTrainingAgreement, today: NaiveDate) -> Result<TrainingAgreement, Refusals> {
    let mut refusals = Refusals::new();
    check_details(
        &new.training_agreement,
        "trainingAgreement",
        today,
        &mut refusals,
    );
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(TrainingAgreement {
        learner_local_id: new.learner_local_id.clone(),
        training_agreement_local_id: new.training_agreement_local_id.clone(),
        training_agreement: new.training_agreement.clone(),
        status: AgreementStatus::Pending,
        status_date: new.training_agreement.training_agreement_signed_date,
        status_reason_code: None,
        transferred_to: None,
        transferred_from: None,
    })
}

/// The agreement withdrawn by its TMS (`FINISHED`), or every refusal.
/// `latest_participation_start` is the latest participation start of its enrolments.
pub fn withdraw(
    stored: &TrainingAgreement,
    request: &Withdrawal,
    latest_participation_start: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<TrainingAgreement, Refusals> {
    let mut refusals = Refusals::new();
    use AgreementStatus::*;
    allowed_from(
        stored,
        "withdraw",
        &[Pending, Active, Hold, Grace],
        &mut refusals,
    );
    let date = request.withdrawal_date;
    let field = "withdrawalDate";
    let signed = signed_date(stored);
    if date < signed {
        refusals.push(Refusal::new(
            &WB_039,
            field,
            format!("withdrawalDate {date} is before the agreement was signed ({signed})"),
        ));
    }
    change_date(stored, field, date, today, &mut refusals);
    if let Some(start) = latest_participation_start
        && date < start
    {
        refusals.push(Refusal::new(
            &WB_040,
            field,
            format!(
                "withdrawalDate {date} is before the latest participation start of the \
                 agreement's enrolments ({start})"
            ),
        ));
    }
    let reason = &request.withdrawal_reason_code;
    if reason == GRACE_EXPIRED {
        refusals.push(Refusal::new(
            &WB_042,
            "withdrawalReasonCode",
            "withdrawalReasonCode 'GE' (grace period expired) is given by the funder's system \
             42 days after an agreement is placed in grace; choose another reason",
        ));
    } else if !is_listed(WITHDRAWAL_REASONS, reason) {
        refusals.push(Refusal::new(
            &WB_041,
            "withdrawalReasonCode",
            format!(
                "withdrawalReasonCode '{reason}' is not one of {}",
                list_codes(&tms_withdrawal_reasons())
            ),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(finished(stored, date, Some(reason.clone())))
}

/// The agreement placed on hold (`HOLD`), or every refusal.
pub fn hold(
    stored: &TrainingAgreement,
    request: &Hold,
    today: NaiveDate,
) -> Result<TrainingAgreement, Refusals> {
    let hold = Pause {
        status: AgreementStatus::Hold,
        verb: "hold",
        reason_field: "onHoldReasonCode",
        reason_rule: &WB_044,
        reasons: HOLD_REASONS,
    };
    hold.apply(
        stored,
        request.pause_date,
        &request.on_hold_reason_code,
        today,
    )
}

/// The agreement placed in grace (`GRACE`), or every refusal. After [`GRACE_DAYS`] days the
/// system withdraws it ([`grace_expiry`]).
pub fn grace(
    stored: &TrainingAgreement,
    request: &Grace,
    today: NaiveDate,
) -> Result<TrainingAgreement, Refusals> {
    let grace = Pause {
        status: AgreementStatus::Grace,
        verb: "place in grace",
        reason_field: "graceReasonCode",
        reason_rule: &WB_045,
        reasons: GRACE_REASONS,
    };
    grace.apply(
        stored,
        request.pause_date,
        &request.grace_reason_code,
        today,
    )
}

/// A kind of pause, on hold or in grace: the same date rules, each with its own reasons.
struct Pause {
    status: AgreementStatus,
    /// The change as a refusal names it ("cannot hold an agreement that is FINISHED").
    verb: &'static str,
    reason_field: &'static str,
    reason_rule: &'static Rule,
    reasons: &'static [(&'static str, &'static str)],
}

impl Pause {
    fn apply(
        &self,
        stored: &TrainingAgreement,
        date: NaiveDate,
        reason: &str,
        today: NaiveDate,
    ) -> Result<TrainingAgreement, Refusals> {
        let mut refusals = Refusals::new();
        pause_checks(stored, self.verb, date, today, &mut refusals);
        if !is_listed(self.reasons, reason) {
            refusals.push(Refusal::new(
                self.reason_rule,
                self.reason_field,
                format!(
                    "{} '{reason}' is not one of {}",
                    self.reason_field,
                    list_codes(self.reasons)
                ),
            ));
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        Ok(changed(stored, self.status, date, Some(reason.to_owned())))
    }
}

/// The agreement restarted after a hold or grace (`ACTIVE`), or every refusal.
pub fn restart(
    stored: &TrainingAgreement,
    request: &Restart,
    today: NaiveDate,
) -> Result<TrainingAgreement, Refusals> {
    let mut refusals = Refusals::new();
    use AgreementStatus::*;
    allowed_from(stored, "restart", &[Hold, Grace], &mut refusals);
    let date = request.restart_date;
    after_signing(stored, "restartDate", date, &mut refusals);
    change_date(stored, "restartDate", date, today, &mut refusals);
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(changed(stored, Active, date, None))
}

/// The agreement transferred to a new employer: the old one `FINISHED`, the new one as the
/// module's documentation says; or every refusal. Whether the new id is already used is the
/// caller's to ask ([`already_exists`]).
pub fn transfer(
    stored: &TrainingAgreement,
    request: &Transfer,
    today: NaiveDate,
) -> Result<(TrainingAgreement, TrainingAgreement), Refusals> {
    let mut refusals = Refusals::new();
    use AgreementStatus::*;
    allowed_from(
        stored,
        "transfer",
        &[Pending, Active, Hold, Grace],
        &mut refusals,
    );
    let new_id = &request.new_training_agreement_local_id;
    if *new_id == stored.training_agreement_local_id {
        refusals.push(Refusal::new(
            &WB_046,
            "newTrainingAgreementLocalId",
            format!(
                "newTrainingAgreementLocalId '{new_id}' is the id of the agreement transferred; \
                 the new agreement needs its own id"
            ),
        ));
    }
    let details = &request.new_training_agreement;
    check_details(details, "newTrainingAgreement", today, &mut refusals);
    let signed = details.training_agreement_signed_date;
    let old_signed = signed_date(stored);
    if signed < old_signed {
        refusals.push(Refusal::new(
            &WB_047,
            "newTrainingAgreement.trainingAgreementSignedDate",
            format!(
                "trainingAgreementSignedDate {signed} is before the agreement it replaces was \
                 signed ({old_signed})"
            ),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut old = finished(stored, signed, None);
    old.transferred_to = Some(new_id.clone());
    let new = TrainingAgreement {
        learner_local_id: stored.learner_local_id.clone(),
        training_agreement_local_id: new_id.clone(),
        training_agreement: details.clone(),
        status: if stored.status == Pending {
            Pending
        } else {
            Active
        },
        status_date: signed,
        status_reason_code: None,
        transferred_to: None,
        transferred_from: Some(stored.training_agreement_local_id.clone()),
    };
    Ok((old, new))
}

/// The agreement with its signed and end dates updated, or every refusal.
/// `earliest_participation_start` is the earliest participation start of its enrolments.
pub fn update(
    stored: &TrainingAgreement,
    request: &AgreementUpdate,
    earliest_participation_start: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<TrainingAgreement, Refusals> {
    let mut refusals = Refusals::new();
    use AgreementStatus::*;
    allowed_from(
        stored,
        "update",
        &[Pending, Active, Hold, Grace],
        &mut refusals,
    );
    let mut details = stored.training_agreement.clone();
    if let Some(signed) = request.training_agreement_signed_date {
        details.training_agreement_signed_date = signed;
    }
    if let Some(end) = request.end_date {
        details.end_date = Some(end);
    }
    let signed = details.training_agreement_signed_date;
    let field = "trainingAgreementSignedDate";
    if request.training_agreement_signed_date.is_some() {
        signed_not_after_today(signed, field, today, &mut refusals);
        if let Some(start) = earliest_participation_start
            && signed > start
        {
            refusals.push(Refusal::new(
                &WB_048,
                field,
                format!(
                    "trainingAgreementSignedDate {signed} is after the earliest participation \
                     start of the agreement's enrolments ({start})"
                ),
            ));
        }
        if stored.status != Pending && signed > stored.status_date {
            refusals.push(Refusal::new(
                &WB_048,
                field,
                format!(
                    "trainingAgreementSignedDate {signed} is after the agreement became {} \
                     ({})",
                    stored.status.as_str(),
                    stored.status_date
                ),
            ));
        }
    }
    end_after_signing(&details, "endDate", &mut refusals);
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut updated = stored.clone();
    if stored.status == Pending {
        updated.status_date = signed;
    }
    updated.training_agreement = details;
    Ok(updated)
}

/// The system's withdrawal of an agreement whose grace period has run out: dated the
/// [`GRACE_DAYS`]th day after the pause, reason `GE`; `None` before that day or when the
/// agreement is not in grace.
pub fn grace_expiry(stored: &TrainingAgreement, today: NaiveDate) -> Option<Withdrawal> {
    if stored.status != AgreementStatus::Grace {
        return None;
    }
    let expiry = stored.status_date + Duration::days(GRACE_DAYS);
    (today >= expiry).then(|| Withdrawal {
        withdrawal_date: expiry,
        withdrawal_reason_code: GRACE_EXPIRED.to_owned(),
    })
}

/// The agreement withdrawn by the system at the end of its grace period, if it is due. No
/// backdating limit applies, so a job that runs late still withdraws it on the right date.
pub fn withdraw_for_grace_expiry(
    stored: &TrainingAgreement,
    today: NaiveDate,
) -> Option<TrainingAgreement> {
    let withdrawal = grace_expiry(stored, today)?;
    Some(finished(
        stored,
        withdrawal.withdrawal_date,
        Some(withdrawal.withdrawal_reason_code),
    ))
}

/// Whether a `PENDING` agreement's training has started: the earliest participation start of
/// its enrolments is today or earlier.
pub fn activation_due(
    stored: &TrainingAgreement,
    earliest_participation_start: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    stored.status == AgreementStatus::Pending
        && earliest_participation_start.is_some_and(|start| start <= today)
}

/// The agreement `ACTIVE` from `on`, the earliest participation start of its enrolments.
pub fn activate(stored: &TrainingAgreement, on: NaiveDate) -> TrainingAgreement {
    changed(stored, AgreementStatus::Active, on, None)
}

/// The refusal of a new agreement whose id the TEO already uses.
pub fn already_exists(training_agreement_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_025,
        "trainingAgreementLocalId",
        format!(
            "trainingAgreementLocalId '{training_agreement_local_id}' is already used by an \
             agreement of this TEO"
        ),
    )
}

/// The refusal of an agreement naming a learner the TEO has not sent.
pub fn learner_not_found(learner_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_026,
        "learnerLocalId",
        format!(
            "learnerLocalId '{learner_local_id}' is not a learner of this TEO; send the learner \
             with POST /learners first"
        ),
    )
}

fn signed_date(agreement: &TrainingAgreement) -> NaiveDate {
    agreement.training_agreement.training_agreement_signed_date
}

/// The withdrawal reasons a TMS may give: all but the system's `GE`.
fn tms_withdrawal_reasons() -> Vec<(&'static str, &'static str)> {
    WITHDRAWAL_REASONS
        .iter()
        .copied()
        .filter(|(code, _)| *code != GRACE_EXPIRED)
        .collect()
}

fn is_listed(list: &[(&str, &str)], code: &str) -> bool {
    list.iter().any(|(known, _)| *known == code)
}

/// The agreement in `status` from `date`.
fn changed(
    stored: &TrainingAgreement,
    status: AgreementStatus,
    date: NaiveDate,
    reason: Option<String>,
) -> TrainingAgreement {
    TrainingAgreement {
        status,
        status_date: date,
        status_reason_code: reason,
        ..stored.clone()
    }
}

fn finished(
    stored: &TrainingAgreement,
    date: NaiveDate,
    reason: Option<String>,
) -> TrainingAgreement {
    changed(stored, AgreementStatus::Finished, date, reason)
}

/// WB-035: `operation` is allowed from the agreement's status.
fn allowed_from(
    stored: &TrainingAgreement,
    operation: &str,
    from: &[AgreementStatus],
    refusals: &mut Refusals,
) {
    if from.contains(&stored.status) {
        return;
    }
    let names: Vec<&str> = from.iter().map(|status| status.as_str()).collect();
    let names = match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    refusals.push(Refusal::new(
        &WB_035,
        "",
        format!(
            "training agreement '{}' is {}; it can {operation} only when {names}",
            stored.training_agreement_local_id,
            stored.status.as_str()
        ),
    ));
}

/// WB-036, WB-037, WB-038: a status change's date against today and the latest change.
fn change_date(
    stored: &TrainingAgreement,
    field: &str,
    date: NaiveDate,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    if date > today {
        refusals.push(Refusal::new(
            &WB_036,
            field,
            format!("{field} {date} is after today ({today})"),
        ));
    }
    if let Some(limit) = today.checked_sub_months(Months::new(BACKDATING_MONTHS))
        && date < limit
    {
        refusals.push(Refusal::new(
            &WB_037,
            field,
            format!(
                "{field} {date} is backdated more than {BACKDATING_MONTHS} months: the earliest \
                 date accepted today ({today}) is {limit}"
            ),
        ));
    }
    // A date on or before the signed date is WB-039's or WB-043's to name.
    let named = refusals
        .iter()
        .any(|refusal| refusal.field == field && matches!(refusal.rule, "WB-039" | "WB-043"));
    if date < stored.status_date && !named {
        let what = match stored.status {
            AgreementStatus::Hold => "placed on hold",
            AgreementStatus::Grace => "placed in grace",
            AgreementStatus::Active => "became ACTIVE",
            AgreementStatus::Pending => "was signed",
            AgreementStatus::Finished => "finished",
        };
        refusals.push(Refusal::new(
            &WB_038,
            field,
            format!(
                "{field} {date} is before the agreement {what} ({})",
                stored.status_date
            ),
        ));
    }
}

/// WB-043: a pause or restart is after the signed date.
fn after_signing(
    stored: &TrainingAgreement,
    field: &str,
    date: NaiveDate,
    refusals: &mut Refusals,
) {
    let signed = signed_date(stored);
    if date <= signed {
        let on_or_before = if date == signed { "on" } else { "before" };
        refusals.push(Refusal::new(
            &WB_043,
            field,
            format!(
                "{field} {date} is {on_or_before} the day the agreement was signed ({signed}); it \
                 must be after it"
            ),
        ));
    }
}

fn pause_checks(
    stored: &TrainingAgreement,
    operation: &str,
    date: NaiveDate,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    allowed_from(stored, operation, &[AgreementStatus::Active], refusals);
    after_signing(stored, "pauseDate", date, refusals);
    change_date(stored, "pauseDate", date, today, refusals);
}

fn signed_not_after_today(
    signed: NaiveDate,
    field: &str,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    if signed > today {
        refusals.push(Refusal::new(
            &WB_033,
            field,
            format!("trainingAgreementSignedDate {signed} is after today ({today})"),
        ));
    }
}

fn end_after_signing(details: &AgreementDetails, field: &str, refusals: &mut Refusals) {
    let signed = details.training_agreement_signed_date;
    if let Some(end) = details.end_date
        && end <= signed
    {
        refusals.push(Refusal::new(
            &WB_034,
            field,
            format!("endDate {end} is not after the agreement was signed ({signed})"),
        ));
    }
}

/// Whether `nzbn` is 13 digits ending in their GS1 check digit.
pub fn is_nzbn(nzbn: &str) -> bool {
    let digits: Vec<u32> = nzbn.chars().filter_map(|c| c.to_digit(10)).collect();
    if nzbn.len() != 13 || digits.len() != 13 {
        return false;
    }
    // GS1: from the right of the first twelve, weights 3, 1, 3, …
    let sum: u32 = digits[..12]
        .iter()
        .rev()
        .enumerate()
        .map(|(at, digit)| if at % 2 == 0 { digit * 3 } else { *digit })
        .sum();
    (10 - sum % 10) % 10 == digits[12]
}

/// WB-027 to WB-034 on an agreement's details; `prefix` is the field path of the details.
fn check_details(
    details: &AgreementDetails,
    prefix: &str,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    let path = |field: &str| format!("{prefix}.{field}");
    if let Some(nzbn) = &details.employer_nzbn
        && !is_nzbn(nzbn)
    {
        refusals.push(Refusal::new(
            &WB_027,
            path("employerNzbn"),
            format!(
                "employerNzbn '{nzbn}' is not a New Zealand Business Number: 13 digits ending in \
                 a valid check digit (e.g. 9429041535257)"
            ),
        ));
    }
    let region = details.employment_region_code;
    if !REGIONS.iter().any(|(code, _)| *code == region) {
        refusals.push(Refusal::new(
            &WB_028,
            path("employmentRegionCode"),
            format!(
                "employmentRegionCode {region} is not a Stats NZ region code (1 to 9, 12 to 18, \
                 99 area outside region)"
            ),
        ));
    }
    if let Some(code) = details.employment_territorial_authority_code
        && !((1..=76).contains(&code) || code == 999)
    {
        refusals.push(Refusal::new(
            &WB_029,
            path("employmentTerritorialAuthorityCode"),
            format!(
                "employmentTerritorialAuthorityCode {code} is not a Stats NZ territorial \
                 authority code (1 to 76, 999 area outside territorial authority)"
            ),
        ));
    }
    if let Some(code) = &details.industry_code
        && !is_anzsic_class(code)
    {
        refusals.push(Refusal::new(
            &WB_030,
            path("industryCode"),
            format!(
                "industryCode '{code}' is not an ANZSIC 2006 level 4 code (four digits, \
                 optionally after the division letter, e.g. 3020 or E3020)"
            ),
        ));
    }
    if let Some(code) = &details.employment_type_code
        && !is_listed(EMPLOYMENT_TYPES, code)
    {
        refusals.push(Refusal::new(
            &WB_031,
            path("employmentTypeCode"),
            format!(
                "employmentTypeCode '{code}' is not one of {}",
                list_codes(EMPLOYMENT_TYPES)
            ),
        ));
    }
    if let Some(code) = &details.prior_activity_code
        && !reference::main_activities().contains(code)
    {
        refusals.push(Refusal::new(
            &WB_032,
            path("priorActivityCode"),
            format!(
                "priorActivityCode '{code}' is not a main activity code of the SDR list (e.g. 02 \
                 wage or salary worker)"
            ),
        ));
    }
    signed_not_after_today(
        details.training_agreement_signed_date,
        &path("trainingAgreementSignedDate"),
        today,
        refusals,
    );
    end_after_signing(details, &path("endDate"), refusals);
}

#[cfg(test)]
mod tests;
