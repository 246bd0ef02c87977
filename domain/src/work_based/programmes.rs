//! Work-based programmes and their versions (`dxp-api.md` §5.2): what a TEO trains learners
//! towards. `POST /programmes` creates a programme with its version 1; a change of credits,
//! nominal duration or target (qualification, its version, strand) needs a new version, `POST
//! /programmes/{programmeLocalId}/versions`, numbered by the funder; enrolments name the
//! version they follow.
//!
//! Choices where the spec is silent:
//!
//! - **Industry codes.** ANZSIC 2006 level 4 (class) codes are four digits (`3011` house
//!   construction); the division letter may precede them (`E3011`). Nothing else is accepted.
//! - **Occupation code.** An ANZSCO occupation code: six digits (`331212` carpenter).
//! - **Study types.** The funder's list is not public; the mirror's is [`STUDY_TYPES`]. Only
//!   `NZA` (New Zealand Apprenticeship) was seen, in a vendor's material.
//! - **New versions** keep the programme's mode of delivery and study type: enrolments must
//!   match their programme's (§5.4), so a different mode or study type is another programme.
//!   A version whose start date is not after the latest's is refused, as is one that changes
//!   none of credits, nominal duration, target qualification, its version or strand.
//! - **Shape limits** (validator): creditValue 1 to 999, nominalDurationMonths 1 to 120,
//!   targetQualificationVersion at least 1.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::learners::{first_repeat, list_codes};
use super::{Refusal, Refusals};
use crate::validation::{Rule, Scope, Severity};

const SCOPE: Scope = Scope::Programmes;

/// The details one version of a programme carries: the body of `POST
/// /programmes/{programmeLocalId}/versions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "programmeLocalName": "New Zealand Certificate in Carpentry (Level 4) / Carpentry \
                           Apprenticeship",
    "nzscedFieldOfStudy": "040301",
    "creditValue": 240,
    "industryCodes": ["3020"],
    "occupationCode": "331212",
    "modeOfDeliveryCode": 24,
    "studyTypeCode": "NZA",
    "targetQualificationCode": "2663",
    "targetQualificationVersion": 2,
    "nominalDurationMonths": 48,
    "versionStartDate": "2026-01-01"
}))]
pub struct ProgrammeVersion {
    /// The programme's name, unique in the TEO: "Qualification / Programme Name".
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub programme_local_name: String,
    /// The NZSCED field of study, six digits (`040301` carpentry).
    #[validate(length(min = 1, max = 6))]
    #[schema(min_length = 1, max_length = 6, example = "040301")]
    pub nzsced_field_of_study: String,
    /// The strand's credits, else the qualification's.
    #[validate(range(min = 1, max = 999))]
    #[schema(minimum = 1, maximum = 999, example = 240)]
    pub credit_value: i32,
    /// ANZSIC 2006 level 4 codes of the industries the programme trains for; one suffices.
    #[validate(length(min = 1))]
    #[schema(min_items = 1, example = json!(["3020"]))]
    pub industry_codes: Vec<String>,
    /// The ANZSCO code of the occupation the programme trains for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "331212")]
    pub occupation_code: Option<String>,
    /// 24 work-based, 25 work-based pathway to work, 26 assessment and verification.
    #[schema(example = 24)]
    pub mode_of_delivery_code: i32,
    /// What kind of training: see [`STUDY_TYPES`] (`NZA` New Zealand Apprenticeship).
    #[validate(length(min = 1, max = 3))]
    #[schema(min_length = 1, max_length = 3, example = "NZA")]
    pub study_type_code: String,
    /// The NZQA code of the qualification (or programme of training) the learner works towards.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "2663")]
    pub target_qualification_code: String,
    /// The version of the target qualification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1))]
    #[schema(minimum = 1, example = 2)]
    pub target_qualification_version: Option<i32>,
    /// The strand of the target qualification, when the programme follows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub strand_code: Option<String>,
    /// How long the programme normally takes, in months.
    #[validate(range(min = 1, max = 120))]
    #[schema(minimum = 1, maximum = 120, example = 48)]
    pub nominal_duration_months: i32,
    /// The first day enrolments may follow this version.
    #[schema(example = "2026-01-01")]
    pub version_start_date: NaiveDate,
}

/// The body of `POST /programmes`: the programme's id and its version 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "programmeLocalId": "CARP-L4",
    "programmeLocalName": "New Zealand Certificate in Carpentry (Level 4) / Carpentry \
                           Apprenticeship",
    "nzscedFieldOfStudy": "040301",
    "creditValue": 240,
    "industryCodes": ["3020"],
    "occupationCode": "331212",
    "modeOfDeliveryCode": 24,
    "studyTypeCode": "NZA",
    "targetQualificationCode": "2663",
    "targetQualificationVersion": 2,
    "nominalDurationMonths": 48,
    "versionStartDate": "2026-01-01"
}))]
pub struct NewProgramme {
    /// The TEO's id for the programme, unique in the TEO.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "CARP-L4")]
    pub programme_local_id: String,
    #[serde(flatten)]
    #[validate(nested)]
    pub version: ProgrammeVersion,
}

/// One version of a programme as the funder keeps and returns it (`GET
/// /programmes/{programmeLocalId}/versions/{programmeVersionNumber}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "programmeLocalId": "CARP-L4",
    "programmeVersionNumber": 1,
    "programmeLocalName": "New Zealand Certificate in Carpentry (Level 4) / Carpentry \
                           Apprenticeship",
    "nzscedFieldOfStudy": "040301",
    "creditValue": 240,
    "industryCodes": ["3020"],
    "occupationCode": "331212",
    "modeOfDeliveryCode": 24,
    "studyTypeCode": "NZA",
    "targetQualificationCode": "2663",
    "targetQualificationVersion": 2,
    "nominalDurationMonths": 48,
    "versionStartDate": "2026-01-01"
}))]
pub struct ProgrammeVersionRecord {
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "CARP-L4")]
    pub programme_local_id: String,
    /// 1 for the programme as created, one more for each new version.
    #[validate(range(min = 1))]
    #[schema(minimum = 1, example = 1)]
    pub programme_version_number: i32,
    #[serde(flatten)]
    #[validate(nested)]
    pub version: ProgrammeVersion,
}

impl ProgrammeVersionRecord {
    /// Version 1 of a new programme.
    pub fn first(programme: NewProgramme) -> Self {
        ProgrammeVersionRecord {
            programme_local_id: programme.programme_local_id,
            programme_version_number: 1,
            version: programme.version,
        }
    }

    /// The version after this one.
    pub fn next(&self, version: ProgrammeVersion) -> Self {
        ProgrammeVersionRecord {
            programme_local_id: self.programme_local_id.clone(),
            programme_version_number: self.programme_version_number + 1,
            version,
        }
    }
}

pub const WB_015: Rule = Rule::of_process(
    "WB-015",
    SCOPE,
    "programmeLocalId",
    Severity::Error,
    "A new programme's programmeLocalId is not already used by a programme of the TEO: add a \
     version with POST /programmes/{programmeLocalId}/versions instead (dxp-api.md §5.2, §6).",
);
pub const WB_016: Rule = Rule::of_process(
    "WB-016",
    SCOPE,
    "programmeLocalName",
    Severity::Error,
    "programmeLocalName is unique in the TEO: no other programme has it (dxp-api.md §5.2).",
);
pub const WB_017: Rule = Rule::of_process(
    "WB-017",
    SCOPE,
    "nzscedFieldOfStudy",
    Severity::Error,
    "nzscedFieldOfStudy is an NZSCED field of study of six digits (040301) (dxp-api.md §5.2).",
);
pub const WB_018: Rule = Rule::of_process(
    "WB-018",
    SCOPE,
    "industryCodes",
    Severity::Error,
    "Each of industryCodes is an ANZSIC 2006 level 4 (class) code: four digits, optionally \
     after the division letter A to S (3020, E3020), each given once (dxp-api.md §5.2).",
);
pub const WB_019: Rule = Rule::of_process(
    "WB-019",
    SCOPE,
    "occupationCode",
    Severity::Error,
    "occupationCode, when given, is an ANZSCO occupation code of six digits (331212 carpenter) \
     (dxp-api.md §5.2).",
);
pub const WB_020: Rule = Rule::of_process(
    "WB-020",
    SCOPE,
    "modeOfDeliveryCode",
    Severity::Error,
    "modeOfDeliveryCode is 24 (work-based), 25 (work-based pathway to work) or 26 (assessment \
     and verification) (dxp-api.md §5.2, §5.4).",
);
pub const WB_021: Rule = Rule::of_process(
    "WB-021",
    SCOPE,
    "studyTypeCode",
    Severity::Error,
    "studyTypeCode is one of the mirror's study types: NZA New Zealand Apprenticeship, MAP \
     managed apprenticeship, TRN traineeship, LCP limited credit programme, SCP supplementary \
     credit programme. Only NZA is documented (dxp-api.md §5.2); the rest is the mirror's list.",
);
pub const WB_022: Rule = Rule::of_process(
    "WB-022",
    SCOPE,
    "",
    Severity::Error,
    "A new version changes at least one of creditValue, nominalDurationMonths, \
     targetQualificationCode, targetQualificationVersion and strandCode: other changes do not \
     need a version (dxp-api.md §5.2).",
);
pub const WB_023: Rule = Rule::of_process(
    "WB-023",
    SCOPE,
    "versionStartDate",
    Severity::Error,
    "A new version's versionStartDate is after the latest version's (dxp-api.md §5.2).",
);
pub const WB_024: Rule = Rule::of_process(
    "WB-024",
    SCOPE,
    "*",
    Severity::Error,
    "A new version keeps the programme's modeOfDeliveryCode and studyTypeCode: enrolments must \
     match their programme's (dxp-api.md §5.4), so a different mode or study type is another \
     programme.",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 10] = [
    &WB_015, &WB_016, &WB_017, &WB_018, &WB_019, &WB_020, &WB_021, &WB_022, &WB_023, &WB_024,
];

/// The modes of delivery of work-based programmes.
pub const MODES_OF_DELIVERY: &[(i32, &str)] = &[
    (24, "work-based"),
    (25, "work-based pathway to work"),
    (26, "assessment and verification"),
];

/// The study types (the mirror's list: only `NZA` is documented, by a vendor).
pub const STUDY_TYPES: &[(&str, &str)] = &[
    ("NZA", "New Zealand Apprenticeship"),
    ("MAP", "managed apprenticeship"),
    ("TRN", "traineeship"),
    ("LCP", "limited credit programme"),
    ("SCP", "supplementary credit programme"),
];

/// Refusals of a new programme (`POST /programmes`); whether its id or name is already used
/// is the caller's to ask ([`already_exists`], [`name_already_used`]).
pub fn check_new(programme: &NewProgramme) -> Refusals {
    let mut refusals = Refusals::new();
    check_version(&programme.version, &mut refusals);
    refusals
}

/// Refusals of `next` as the version after `latest`.
pub fn check_new_version(latest: &ProgrammeVersionRecord, next: &ProgrammeVersion) -> Refusals {
    let mut refusals = Refusals::new();
    check_version(next, &mut refusals);
    let before = &latest.version;
    let number = latest.programme_version_number;
    let changes = before.credit_value != next.credit_value
        || before.nominal_duration_months != next.nominal_duration_months
        || before.target_qualification_code != next.target_qualification_code
        || before.target_qualification_version != next.target_qualification_version
        || before.strand_code != next.strand_code;
    if !changes {
        refusals.push(Refusal::new(
            &WB_022,
            "",
            format!(
                "the new version changes none of creditValue, nominalDurationMonths, \
                 targetQualificationCode, targetQualificationVersion and strandCode of version \
                 {number}; a new version is for a change of these"
            ),
        ));
    }
    if next.version_start_date <= before.version_start_date {
        refusals.push(Refusal::new(
            &WB_023,
            "versionStartDate",
            format!(
                "versionStartDate {} is not after version {number}'s ({})",
                next.version_start_date, before.version_start_date
            ),
        ));
    }
    if next.mode_of_delivery_code != before.mode_of_delivery_code {
        refusals.push(Refusal::new(
            &WB_024,
            "modeOfDeliveryCode",
            format!(
                "modeOfDeliveryCode {} differs from version {number}'s ({}); a programme keeps its \
                 mode of delivery",
                next.mode_of_delivery_code, before.mode_of_delivery_code
            ),
        ));
    }
    if next.study_type_code != before.study_type_code {
        refusals.push(Refusal::new(
            &WB_024,
            "studyTypeCode",
            format!(
                "studyTypeCode '{}' differs from version {number}'s ('{}'); a programme keeps its \
                 study type",
                next.study_type_code, before.study_type_code
            ),
        ));
    }
    refusals
}

/// The refusal of a new programme whose id the TEO already uses.
pub fn already_exists(programme_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_015,
        "programmeLocalId",
        format!(
            "programmeLocalId '{programme_local_id}' is already used by a programme of this \
             TEO; add a version with POST /programmes/{programme_local_id}/versions"
        ),
    )
}

/// The refusal of a programme whose name another programme of the TEO already has.
pub fn name_already_used(name: &str, other_programme_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_016,
        "programmeLocalName",
        format!(
            "programmeLocalName '{name}' is already the name of programme \
             '{other_programme_local_id}'; a programme's name is unique in the TEO"
        ),
    )
}

/// Whether `code` is an ANZSIC 2006 level 4 code as the mirror accepts it: four digits,
/// optionally after the division letter A to S.
pub fn is_anzsic_class(code: &str) -> bool {
    let digits = match code.as_bytes().first() {
        Some(b'A'..=b'S') => &code[1..],
        _ => code,
    };
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn check_version(version: &ProgrammeVersion, refusals: &mut Refusals) {
    let nzsced = &version.nzsced_field_of_study;
    if !(nzsced.len() == 6 && nzsced.bytes().all(|b| b.is_ascii_digit())) {
        refusals.push(Refusal::new(
            &WB_017,
            "nzscedFieldOfStudy",
            format!(
                "nzscedFieldOfStudy '{nzsced}' is not an NZSCED field of study of six digits \
                 (e.g. 040301)"
            ),
        ));
    }
    let codes = &version.industry_codes;
    let industry = if let Some(code) = codes.iter().find(|code| !is_anzsic_class(code)) {
        Some(format!(
            "industryCodes code '{code}' is not an ANZSIC 2006 level 4 code (four digits, \
             optionally after the division letter, e.g. 3020 or E3020)"
        ))
    } else {
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        first_repeat(&refs).map(|code| format!("industryCodes code '{code}' is given twice"))
    };
    if let Some(message) = industry {
        refusals.push(Refusal::new(&WB_018, "industryCodes", message));
    }
    if let Some(code) = &version.occupation_code
        && !(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()))
    {
        refusals.push(Refusal::new(
            &WB_019,
            "occupationCode",
            format!(
                "occupationCode '{code}' is not an ANZSCO occupation code of six digits (e.g. \
                 331212 carpenter)"
            ),
        ));
    }
    let mode = version.mode_of_delivery_code;
    if !MODES_OF_DELIVERY.iter().any(|(code, _)| *code == mode) {
        refusals.push(Refusal::new(
            &WB_020,
            "modeOfDeliveryCode",
            format!(
                "modeOfDeliveryCode {mode} is not one of {}",
                list_codes(MODES_OF_DELIVERY)
            ),
        ));
    }
    let study = &version.study_type_code;
    if !STUDY_TYPES.iter().any(|(code, _)| code == study) {
        refusals.push(Refusal::new(
            &WB_021,
            "studyTypeCode",
            format!(
                "studyTypeCode '{study}' is not one of {}",
                list_codes(STUDY_TYPES)
            ),
        ));
    }
}

#[cfg(test)]
mod tests;
