//! Work-based learners (`dxp-api.md` §5.1): who a training management system (TMS) trains,
//! sent once with `POST /learners` and kept current with `PUT /learners/{learnerLocalId}`.
//!
//! The record has three parts: the identity the National Student Index knows the learner by
//! (fixed once sent), demographics and education history (kept current by updates), and the
//! IRD number a Fees Free claim needs. Field names follow the funder's where they were seen
//! (`learnerLocalId`, `identity.nationalStudentNumber`, `identity.dateOfBirth`,
//! `identity.nameIdCode`, `irdNumber`, `demographics.countryOfCitizenship`,
//! `demographics.disabilityStatus`, `demographics.disabilitySupportNeeds`); the others are the
//! mirror's, named after the SDR learner file's fields ([`crate::learner::Learner`]).
//!
//! Choices where the spec is silent:
//!
//! - **Age.** The learner is 14 to 100 years old on the day the record is sent (`today`): 14 is
//!   the youngest age a person may be employed in most work in New Zealand and so the youngest
//!   a trainee can plausibly be; 100 matches the SDR learner file's upper bound.
//! - **Name ID Code.** Its form is the SDR file's (`dxp-api.md` §3.1, rule LR-010). When the
//!   record also carries `familyName`, the code must be the one derived from `familyName` and
//!   `givenNames` (letters only, upper case): the mirror can check what the SDR file cannot.
//! - **IRD number.** The forms the SDR file accepts (8 or 9 digits, alone or hyphenated as IRD
//!   prints them); unlike the SDR file, a wrong check digit is refused (a TMS corrects it at
//!   once, where a batch return could not).
//! - **Code lists.** Country, ethnicity, prior activity and secondary qualification codes must
//!   be in the reference lists the SDR file uses (`domain/reference/`). Iwi codes are checked
//!   for form only: the iwi list is partial.
//! - **Updates.** `PUT` replaces `irdNumber`, `demographics` and `educationHistory` whole (an
//!   absent `irdNumber` clears it). An update carrying `identity` is refused (WB-014) unless the
//!   identity is the one stored, so a TMS that always sends the whole learner is not refused
//!   for it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::{Refusal, Refusals};
use crate::reference;
use crate::validation::{Rule, Scope, Severity};

const SCOPE: Scope = Scope::WorkBasedLearners;

/// A work-based learner as a TMS sends it on create, and as the funder keeps and returns it.
/// (`WorkBasedLearner` in the OpenAPI document, where `Learner` is the SDR learner record.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(as = WorkBasedLearner, example = json!({
    "learnerLocalId": "LRN-000123",
    "identity": {
        "nationalStudentNumber": 123456789,
        "dateOfBirth": "2004-05-14",
        "nameIdCode": "SMITJ",
        "familyName": "Smith",
        "givenNames": "Jane Aroha",
        "genderCode": "F"
    },
    "irdNumber": "049-091-850",
    "demographics": {
        "countryOfCitizenship": "NZL",
        "disabilityStatus": 2,
        "disabilitySupportNeeds": [],
        "ethnicityCodes": [111, 211],
        "iwiCodes": [104]
    },
    "educationHistory": {
        "secondarySchoolCode": 43,
        "lastYearAtSecondarySchool": 2021,
        "highestSecondarySchoolQualification": "24",
        "firstYearOfTertiaryStudy": 2023,
        "priorActivityCode": "05"
    }
}))]
pub struct Learner {
    /// The TMS's id for the learner, constant for the learner, unique in the organisation.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20, example = "LRN-000123")]
    pub learner_local_id: String,
    /// Who the learner is; fixed once sent.
    #[serde(deserialize_with = "super::object_only::deserialize")]
    #[validate(nested)]
    pub identity: Identity,
    /// The learner's IRD number, only when the learner may be eligible for Fees Free: 8 or 9
    /// digits, best as IRD prints them with an 8-digit number padded (`049-091-850`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 11))]
    #[schema(max_length = 11, example = "049-091-850")]
    pub ird_number: Option<String>,
    #[serde(deserialize_with = "super::object_only::deserialize")]
    #[validate(nested)]
    pub demographics: Demographics,
    #[serde(deserialize_with = "super::object_only::deserialize")]
    #[validate(nested)]
    pub education_history: EducationHistory,
}

/// The identity the National Student Index knows the learner by: the NSN, verified with the
/// date of birth and Name ID Code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "nationalStudentNumber": 123456789, "dateOfBirth": "2004-05-14", "nameIdCode": "SMITJ"
}))]
pub struct Identity {
    /// The learner's National Student Number, the same as everywhere else.
    #[validate(range(min = 1))]
    #[schema(minimum = 1, example = 123456789)]
    pub national_student_number: i32,
    /// The learner's date of birth; the learner is 14 to 100 years old.
    #[schema(example = "2004-05-14")]
    pub date_of_birth: NaiveDate,
    /// The first four letters of the surname and the first initial, upper case (`SMITJ`); a
    /// shorter surname padded with spaces before the initial (`NG  K`); no first name: the
    /// first five letters of the surname.
    #[validate(length(min = 1, max = 5))]
    #[schema(min_length = 1, max_length = 5, example = "SMITJ")]
    pub name_id_code: String,
    /// The learner's legal family name (surname).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Smith")]
    pub family_name: Option<String>,
    /// The learner's legal given names, first name first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Jane Aroha")]
    pub given_names: Option<String>,
    /// `M` male, `F` female, `D` another gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(equal = 1))]
    #[schema(min_length = 1, max_length = 1, example = "F")]
    pub gender_code: Option<String>,
}

/// Who the learner is in the funder's statistics; kept current by updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "countryOfCitizenship": "NZL", "disabilityStatus": 1, "disabilitySupportNeeds": [2],
    "ethnicityCodes": [211], "iwiCodes": []
}))]
pub struct Demographics {
    /// ISO 3166-1 alpha-3 country code (`NZL`, `AUS`, …). Keep it current: the funder dates
    /// each change and does not backdate it.
    #[validate(length(min = 1, max = 4))]
    #[schema(min_length = 1, max_length = 4, example = "NZL")]
    pub country_of_citizenship: String,
    /// 1 yes, 2 no, 3 prefer not to say.
    #[schema(minimum = 1, maximum = 3, example = 2)]
    pub disability_status: i32,
    /// The learner's support needs, up to seven codes; only when disabilityStatus is 1.
    #[serde(default)]
    #[validate(length(max = 7))]
    #[schema(max_items = 7, example = json!([]))]
    pub disability_support_needs: Vec<i32>,
    /// One to six Stats NZ level 3 ethnic group codes (111 New Zealand European, 211 Māori).
    #[validate(length(min = 1, max = 6))]
    #[schema(min_items = 1, max_items = 6, example = json!([111, 211]))]
    pub ethnicity_codes: Vec<i32>,
    /// Up to three iwi codes, four digits sent as numbers (0104 Ngāpuhi is 104).
    #[serde(default)]
    #[validate(length(max = 3))]
    #[schema(max_items = 3, example = json!([104]))]
    pub iwi_codes: Vec<i32>,
}

/// The learner's schooling and study before the training, as the SDR learner file reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "secondarySchoolCode": 43, "lastYearAtSecondarySchool": 2021,
    "highestSecondarySchoolQualification": "24", "firstYearOfTertiaryStudy": 2023,
    "priorActivityCode": "05"
}))]
pub struct EducationHistory {
    /// The Ministry of Education's number of the learner's last secondary school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 9999))]
    #[schema(minimum = 1, maximum = 9999, example = 43)]
    pub secondary_school_code: Option<i32>,
    /// The last year (CCYY) the learner was at secondary school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1900, max = 2100))]
    #[schema(minimum = 1900, maximum = 2100, example = 2021)]
    pub last_year_at_secondary_school: Option<i32>,
    /// The learner's highest secondary school qualification, a code of the SDR's list (`24`
    /// NCEA Level 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2, example = "24")]
    pub highest_secondary_school_qualification: Option<String>,
    /// The year (CCYY) the learner first studied at tertiary level in New Zealand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1900, max = 2100))]
    #[schema(minimum = 1900, maximum = 2100, example = 2023)]
    pub first_year_of_tertiary_study: Option<i32>,
    /// What the learner mainly did before the training, a code of the SDR's main activity list
    /// (`05` employed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2, example = "05")]
    pub prior_activity_code: Option<String>,
}

/// The body of `PUT /learners/{learnerLocalId}`: everything but the identity, which an update
/// cannot change. The parts sent replace the stored ones whole; an absent `irdNumber` clears
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "irdNumber": "049-091-850",
    "demographics": {
        "countryOfCitizenship": "NZL", "disabilityStatus": 2, "disabilitySupportNeeds": [],
        "ethnicityCodes": [111, 211], "iwiCodes": [104]
    },
    "educationHistory": {"lastYearAtSecondarySchool": 2021, "priorActivityCode": "05"}
}))]
pub struct LearnerUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 11))]
    #[schema(max_length = 11, example = "049-091-850")]
    pub ird_number: Option<String>,
    #[serde(deserialize_with = "super::object_only::deserialize")]
    #[validate(nested)]
    pub demographics: Demographics,
    #[serde(deserialize_with = "super::object_only::deserialize")]
    #[validate(nested)]
    pub education_history: EducationHistory,
    /// An `identity` the TMS sent anyway: kept only to refuse it (WB-014) when it differs from
    /// the stored one; not part of the documented body.
    #[serde(default, skip_serializing)]
    #[schema(ignore)]
    pub identity: Option<serde_json::Value>,
}

pub const WB_001: Rule = Rule::of_process(
    "WB-001",
    SCOPE,
    "identity.dateOfBirth",
    Severity::Error,
    "identity.dateOfBirth is not after today and makes the learner 14 to 100 years old today: \
     14 is the youngest age at which a person can plausibly be employed as a trainee, 100 the \
     SDR learner file's upper bound (dxp-api.md §5.1).",
);
pub const WB_002: Rule = Rule::of_process(
    "WB-002",
    SCOPE,
    "identity.nameIdCode",
    Severity::Error,
    "identity.nameIdCode has the Name ID form of dxp-api.md §3.1: upper-case letters, the first \
     four letters of the surname and the first initial (SMITJ); a shorter surname padded with \
     spaces before the initial (NG  K); no first name, the first five letters of the surname. \
     When identity.familyName is given, the code is the one derived from familyName and \
     givenNames (letters only). Vowels with macrons count as letters.",
);
pub const WB_003: Rule = Rule::of_process(
    "WB-003",
    SCOPE,
    "identity.genderCode",
    Severity::Error,
    "identity.genderCode, when given, is M (male), F (female) or D (another gender), as in the \
     SDR learner file (dxp-api.md §3.1).",
);
pub const WB_004: Rule = Rule::of_process(
    "WB-004",
    SCOPE,
    "irdNumber",
    Severity::Error,
    "irdNumber, when given, is an IRD number: 8 or 9 digits, alone or grouped with hyphens as \
     Inland Revenue prints them (049-091-850), between 10,000,000 and 150,000,000 and with a \
     valid modulus 11 check digit (dxp-api.md §5.1).",
);
pub const WB_005: Rule = Rule::of_process(
    "WB-005",
    SCOPE,
    "demographics.disabilityStatus",
    Severity::Error,
    "demographics.disabilityStatus is 1 (yes), 2 (no) or 3 (prefer not to say) (dxp-api.md \
     §5.1).",
);
pub const WB_006: Rule = Rule::of_process(
    "WB-006",
    SCOPE,
    "demographics.disabilitySupportNeeds",
    Severity::Error,
    "demographics.disabilitySupportNeeds is given only when disabilityStatus is 1 (yes); its \
     codes are positive numbers, each given once (dxp-api.md §5.1).",
);
pub const WB_007: Rule = Rule::of_process(
    "WB-007",
    SCOPE,
    "demographics.countryOfCitizenship",
    Severity::Error,
    "demographics.countryOfCitizenship is an ISO 3166-1 alpha-3 code in upper case from the \
     country list (domain/reference/countries.csv): NZL, AUS, … (dxp-api.md §5.1).",
);
pub const WB_008: Rule = Rule::of_process(
    "WB-008",
    SCOPE,
    "demographics.ethnicityCodes",
    Severity::Error,
    "Each of demographics.ethnicityCodes is a Stats NZ level 3 ethnic group code from the \
     ethnicity list (domain/reference/ethnicity.csv; 111 New Zealand European, 211 Māori), \
     each given once (dxp-api.md §5.1).",
);
pub const WB_009: Rule = Rule::of_process(
    "WB-009",
    SCOPE,
    "demographics.iwiCodes",
    Severity::Error,
    "Each of demographics.iwiCodes is an iwi code of up to four digits, sent as a number (0104 \
     is 104), each given once. Only the form is checked: the mirror's iwi list is partial \
     (dxp-api.md §5.1).",
);
pub const WB_010: Rule = Rule::of_process(
    "WB-010",
    SCOPE,
    "educationHistory",
    Severity::Error,
    "educationHistory.lastYearAtSecondarySchool and firstYearOfTertiaryStudy, when given, are \
     not before the learner's year of birth and not after the current year (dxp-api.md §5.1).",
);
pub const WB_011: Rule = Rule::of_process(
    "WB-011",
    SCOPE,
    "educationHistory",
    Severity::Error,
    "educationHistory.priorActivityCode and highestSecondarySchoolQualification, when given, \
     are codes of the SDR learner file's lists (domain/reference/main_activity.csv and \
     secondary_qualifications.csv; 01 and 1 are the same code) (dxp-api.md §5.1).",
);
pub const WB_012: Rule = Rule::of_process(
    "WB-012",
    SCOPE,
    "learnerLocalId",
    Severity::Error,
    "A new learner's learnerLocalId is not already used by another learner of the organisation: \
     update the learner with PUT /learners/{learnerLocalId} instead (dxp-api.md §4 W1, §6).",
);
pub const WB_013: Rule = Rule::of_process(
    "WB-013",
    SCOPE,
    "identity.nationalStudentNumber",
    Severity::Error,
    "A National Student Number names one learner of the organisation: a new learner's \
     identity.nationalStudentNumber is not already another learner's (dxp-api.md §5.1, \"must \
     match NSN used elsewhere\").",
);
pub const WB_014: Rule = Rule::of_process(
    "WB-014",
    SCOPE,
    "identity",
    Severity::Error,
    "identity cannot be changed by an update: PUT /learners/{learnerLocalId} carries irdNumber, \
     demographics and educationHistory; an identity sent with it must be the stored one \
     (dxp-api.md §4 W2).",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 14] = [
    &WB_001, &WB_002, &WB_003, &WB_004, &WB_005, &WB_006, &WB_007, &WB_008, &WB_009, &WB_010,
    &WB_011, &WB_012, &WB_013, &WB_014,
];

/// The youngest and oldest ages of a learner on the day the record is sent.
pub const AGES: (i32, i32) = (14, 100);

/// The genders, as in the SDR learner file.
pub const GENDER_CODES: &[(&str, &str)] =
    &[("M", "male"), ("F", "female"), ("D", "another gender")];

/// The disability statuses.
pub const DISABILITY_STATUSES: &[(i32, &str)] = &[(1, "yes"), (2, "no"), (3, "prefer not to say")];

/// Refusals of a new learner (`POST /learners`); empty when it may be stored. Whether its id
/// or NSN is already used is the caller's to ask ([`already_exists`], [`nsn_already_used`]).
pub fn check_new(learner: &Learner, today: NaiveDate) -> Refusals {
    let mut refusals = Refusals::new();
    check_identity(&learner.identity, today, &mut refusals);
    check_details(
        &learner.identity,
        learner.ird_number.as_deref(),
        &learner.demographics,
        &learner.education_history,
        today,
        &mut refusals,
    );
    refusals
}

/// Refusals of an update of `stored`; empty when [`apply_update`] may be applied.
pub fn check_update(stored: &Learner, update: &LearnerUpdate, today: NaiveDate) -> Refusals {
    let mut refusals = Refusals::new();
    if let Some(sent) = &update.identity {
        let same = serde_json::from_value::<Identity>(sent.clone())
            .is_ok_and(|identity| identity == stored.identity);
        if !same {
            refusals.push(Refusal::new(
                &WB_014,
                "identity",
                format!(
                    "identity cannot be changed by an update, and the identity sent differs \
                     from the stored one of learner '{}'; send irdNumber, demographics and \
                     educationHistory only",
                    stored.learner_local_id
                ),
            ));
        }
    }
    check_details(
        &stored.identity,
        update.ird_number.as_deref(),
        &update.demographics,
        &update.education_history,
        today,
        &mut refusals,
    );
    refusals
}

/// The learner `stored` becomes with `update`: the same identity, the rest replaced.
pub fn apply_update(stored: &Learner, update: LearnerUpdate) -> Learner {
    Learner {
        learner_local_id: stored.learner_local_id.clone(),
        identity: stored.identity.clone(),
        ird_number: update.ird_number,
        demographics: update.demographics,
        education_history: update.education_history,
    }
}

/// The refusal of a new learner whose id the organisation already uses.
pub fn already_exists(learner_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_012,
        "learnerLocalId",
        format!(
            "learnerLocalId '{learner_local_id}' is already used by a learner of this \
             organisation; update that learner with PUT /learners/{learner_local_id}"
        ),
    )
}

/// The refusal of a learner whose NSN another learner of the organisation already has.
pub fn nsn_already_used(nsn: i32, other_learner_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_013,
        "identity.nationalStudentNumber",
        format!(
            "nationalStudentNumber {nsn} is already learner '{other_learner_local_id}''s; a \
             National Student Number names one learner"
        ),
    )
}

fn check_identity(identity: &Identity, today: NaiveDate, refusals: &mut Refusals) {
    let birth = identity.date_of_birth;
    if birth > today {
        refusals.push(Refusal::new(
            &WB_001,
            "identity.dateOfBirth",
            format!("dateOfBirth {birth} is after today ({today})"),
        ));
    } else {
        let age = age_on(birth, today);
        let (youngest, oldest) = AGES;
        if !(youngest..=oldest).contains(&age) {
            refusals.push(Refusal::new(
                &WB_001,
                "identity.dateOfBirth",
                format!(
                    "dateOfBirth {birth} makes the learner {age} today ({today}); a work-based \
                     learner is {youngest} to {oldest} years old"
                ),
            ));
        }
    }
    if let Some(message) = name_id_problem(identity) {
        refusals.push(Refusal::new(&WB_002, "identity.nameIdCode", message));
    }
    if let Some(code) = &identity.gender_code
        && !GENDER_CODES.iter().any(|(known, _)| known == code)
    {
        refusals.push(Refusal::new(
            &WB_003,
            "identity.genderCode",
            format!(
                "genderCode '{code}' is not one of {}",
                list_codes(GENDER_CODES)
            ),
        ));
    }
}

fn check_details(
    identity: &Identity,
    ird_number: Option<&str>,
    demographics: &Demographics,
    history: &EducationHistory,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    if let Some(text) = ird_number {
        match crate::ird::parse(text) {
            None => refusals.push(Refusal::new(
                &WB_004,
                "irdNumber",
                format!(
                    "irdNumber '{text}' is not an IRD number; expected 8 or 9 digits as IRD \
                     prints them, e.g. 049-091-850"
                ),
            )),
            Some(number) if !crate::ird::is_valid(number) => refusals.push(Refusal::new(
                &WB_004,
                "irdNumber",
                format!(
                    "irdNumber '{text}' is not a number Inland Revenue issues: it must lie \
                     between 10,000,000 and 150,000,000 and end in a valid check digit"
                ),
            )),
            Some(_) => {}
        }
    }
    check_demographics(demographics, refusals);
    check_history(identity, history, today, refusals);
}

fn check_demographics(demographics: &Demographics, refusals: &mut Refusals) {
    let status = demographics.disability_status;
    if !DISABILITY_STATUSES.iter().any(|(code, _)| *code == status) {
        refusals.push(Refusal::new(
            &WB_005,
            "demographics.disabilityStatus",
            format!(
                "disabilityStatus {status} is not one of {}",
                list_codes(DISABILITY_STATUSES)
            ),
        ));
    }
    let needs = &demographics.disability_support_needs;
    let needs_problem = if !needs.is_empty() && status != 1 {
        Some(format!(
            "disabilitySupportNeeds is given but disabilityStatus is {status}; support needs are \
             given only when disabilityStatus is 1 (yes)"
        ))
    } else if let Some(code) = needs.iter().find(|code| **code < 1) {
        Some(format!(
            "disabilitySupportNeeds code {code} is not a support need code (a positive number)"
        ))
    } else {
        first_repeat(needs).map(|code| format!("disabilitySupportNeeds code {code} is given twice"))
    };
    if let Some(message) = needs_problem {
        refusals.push(Refusal::new(
            &WB_006,
            "demographics.disabilitySupportNeeds",
            message,
        ));
    }
    let country = &demographics.country_of_citizenship;
    if !reference::countries().contains(country) {
        refusals.push(Refusal::new(
            &WB_007,
            "demographics.countryOfCitizenship",
            format!(
                "countryOfCitizenship '{country}' is not an ISO 3166-1 alpha-3 country code in \
                 upper case (e.g. NZL, AUS)"
            ),
        ));
    }
    let ethnicities = &demographics.ethnicity_codes;
    let ethnicity_problem = if let Some(code) = ethnicities.iter().find(|code| {
        reference::ethnicities()
            .find_number(i64::from(**code))
            .is_none()
    }) {
        Some(format!(
            "ethnicityCodes code {code} is not a Stats NZ level 3 ethnic group code (e.g. 111 \
             New Zealand European, 211 Māori)"
        ))
    } else {
        first_repeat(ethnicities).map(|code| format!("ethnicityCodes code {code} is given twice"))
    };
    if let Some(message) = ethnicity_problem {
        refusals.push(Refusal::new(
            &WB_008,
            "demographics.ethnicityCodes",
            message,
        ));
    }
    let iwi = &demographics.iwi_codes;
    let iwi_problem = if let Some(code) = iwi.iter().find(|code| !(1..=9999).contains(*code)) {
        Some(format!(
            "iwiCodes code {code} is not an iwi code (1 to 9999; 0104 is sent as 104)"
        ))
    } else {
        first_repeat(iwi).map(|code| format!("iwiCodes code {code} is given twice"))
    };
    if let Some(message) = iwi_problem {
        refusals.push(Refusal::new(&WB_009, "demographics.iwiCodes", message));
    }
}

fn check_history(
    identity: &Identity,
    history: &EducationHistory,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    let born = identity.date_of_birth.year();
    let this_year = today.year();
    for (field, year) in [
        (
            "lastYearAtSecondarySchool",
            history.last_year_at_secondary_school,
        ),
        (
            "firstYearOfTertiaryStudy",
            history.first_year_of_tertiary_study,
        ),
    ] {
        let Some(year) = year else {
            continue;
        };
        let limit = if year < born {
            Some(format!("before the learner's year of birth ({born})"))
        } else if year > this_year {
            Some(format!("after the current year ({this_year})"))
        } else {
            None
        };
        if let Some(limit) = limit {
            refusals.push(Refusal::new(
                &WB_010,
                format!("educationHistory.{field}"),
                format!("{field} {year} is {limit}"),
            ));
        }
    }
    for (field, code, list, what) in [
        (
            "priorActivityCode",
            &history.prior_activity_code,
            reference::main_activities(),
            "a main activity code of the SDR list (e.g. 05 employed)",
        ),
        (
            "highestSecondarySchoolQualification",
            &history.highest_secondary_school_qualification,
            reference::secondary_qualifications(),
            "a secondary qualification code of the SDR list (e.g. 24 NCEA Level 2)",
        ),
    ] {
        let Some(code) = code else {
            continue;
        };
        if !list.contains(code) {
            refusals.push(Refusal::new(
                &WB_011,
                format!("educationHistory.{field}"),
                format!("{field} '{code}' is not {what}"),
            ));
        }
    }
}

/// Age in whole years on `day` of a person born on `birth`.
fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Upper-case letters as Name ID Codes are written: A to Z and the vowels with macrons.
fn is_name_letter(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, 'Ā' | 'Ē' | 'Ī' | 'Ō' | 'Ū')
}

const NAME_ID_FORM: &str = "the first four letters of the surname and the first initial in \
                            upper case (SMITJ), a short surname padded with spaces before the \
                            initial (NG  K)";

/// What is wrong with the identity's Name ID Code, if anything.
fn name_id_problem(identity: &Identity) -> Option<String> {
    let code = identity.name_id_code.as_str();
    if let Some(c) = code.chars().find(|&c| c != ' ' && !is_name_letter(c)) {
        return Some(format!(
            "nameIdCode '{code}' contains '{c}'; a Name ID Code is {NAME_ID_FORM}"
        ));
    }
    if code.contains(' ') {
        let count = code.chars().count();
        let before = code.chars().take_while(|&c| c != ' ').count();
        let padded = count == 5
            && (1..=3).contains(&before)
            && code.chars().skip(before).take(4 - before).all(|c| c == ' ')
            && code.chars().last().is_some_and(|c| c != ' ');
        if !padded {
            return Some(format!(
                "nameIdCode '{code}' has a space that is not the padding of a short surname \
                 before the initial; a Name ID Code is {NAME_ID_FORM}"
            ));
        }
    }
    let family = identity.family_name.as_deref()?;
    let expected = derived_name_id(family, identity.given_names.as_deref());
    (!expected.trim().is_empty() && expected != code).then(|| {
        format!(
            "nameIdCode '{code}' does not match familyName '{family}' and givenNames: expected \
             '{expected}'"
        )
    })
}

/// The Name ID Code of a learner with these names: the surname's letters only, upper case.
pub fn derived_name_id(family_name: &str, given_names: Option<&str>) -> String {
    let letters = |text: &str| -> Vec<char> {
        text.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let surname = letters(family_name);
    let initial = given_names.and_then(|names| letters(names).first().copied());
    match initial {
        None => surname.iter().take(5).collect(),
        Some(initial) => {
            let mut code: String = surname.iter().take(4).collect();
            while code.chars().count() < 4 {
                code.push(' ');
            }
            code.push(initial);
            code
        }
    }
}

/// The first value given twice, if any.
pub(crate) fn first_repeat<T: PartialEq + Copy>(values: &[T]) -> Option<T> {
    values
        .iter()
        .enumerate()
        .find(|(at, value)| values[..*at].contains(value))
        .map(|(_, value)| *value)
}

/// A code list as error messages show it: "M male, F female, D another gender".
pub(crate) fn list_codes<C: std::fmt::Display>(codes: &[(C, &str)]) -> String {
    codes
        .iter()
        .map(|(code, meaning)| format!("{code} {meaning}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
