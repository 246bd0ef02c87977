//! The learner file's rules, LR-001 to LR-031.
//!
//! Judgement calls, where the public material is silent:
//!
//! - **Age.** The legacy rule (error 102) wants learners aged 5 to 100 but does not say when.
//!   The age is taken on 1 January of the return year: a learner is reported in every round of
//!   the year, and the age must not change with the round; 1 January is also the date the
//!   funder's own age rules use (e.g. fees category 14: "aged 25 years or under on 1 January
//!   2022"). The rule needs the return year ([`crate::validation::check_file_in_year`]).
//! - **First year of tertiary education.** "The current year" of the legacy rule (error 108)
//!   is the return year, so that rule too needs the return year.
//! - **Name ID Code.** Its derivation needs the learner's names, which the record does not
//!   carry: only its form is checked (upper-case letters; spaces only as the padding of a
//!   surname shorter than four letters, between the surname and the initial). Upper-case vowels
//!   with macrons are accepted as letters: Māori surnames are written with them.
//! - **Code lists.** Country, ethnicity, iwi, main activity and secondary qualification codes
//!   are checked in two steps: their form is an error, and a well-formed code missing from the
//!   reference list (`domain/reference/`) a warning. The lists could not be checked against the
//!   funder's appendices, and an incomplete list must not reject a return.
//! - **IRD number.** Its form is an error; a number that fails Inland Revenue's check digit is
//!   a warning, since the funder's own check is not published.
//! - **Type D fields.** Fields mandatory only for type D learners (prior activity, school,
//!   post codes, …) are not required here: the type depends on all of the learner's enrolments,
//!   which a learner record checked on its own cannot see, and a warning on every learner
//!   without them would mostly fall on type B and C learners, who may leave them out. The whole
//!   return derives each learner's type and requires them of type D learners (XF-019).

use chrono::{Datelike, NaiveDate};

use super::common::{self, EARLIEST_YEAR, LATEST_YEAR};
use super::shape::{fits, printable_identifiers, required_fields, text_lengths};
use super::{FileRecordReport, FileWire, Record, RecordCheck, Shape, bits, rule};
use crate::SdrFile;
use crate::calendar::RoundKind;
use crate::learner::WireLearner;
use crate::reference;
use crate::validation::Severity::{Error, Warning};
use crate::validation::across_files::identity::nsn_under_several_student_ids;
use crate::validation::rule::{Check, Rule};
use crate::validation::sink::{Shown, ShownChar, Sink};

const FILE: SdrFile = SdrFile::Learners;
const RECORD: Check = Check::FileRecord;

pub(crate) const LR_001: Rule = rule(
    FILE,
    "LR-001",
    "",
    Error,
    Check::Read,
    "The record is a JSON object that can be read: not malformed JSON, not an array or a plain \
     value, no field given twice. Nothing else can be checked on an unreadable record; the other \
     records of the batch are still checked.",
);

pub(crate) const LR_002: Rule = rule(
    FILE,
    "LR-002",
    "*",
    Error,
    Check::Read,
    "Each field has its JSON type: text for string fields, a whole number within int32 for \
     integer fields, a number for the fees, true/false for disabilityServicesAccessedIndicator, \
     arrays of whole numbers for ethnicity, iwiAffiliation and disabilitySupportNeeds, and an \
     RFC 3339 date-time (or a plain YYYY-MM-DD date) for dateOfBirth. Every wrongly typed field \
     is reported; unknown extra fields are ignored.",
);

pub(crate) const LR_003: Rule = rule(
    FILE,
    "LR-003",
    "*",
    Error,
    RECORD,
    "Every REQUIRED field is supplied (not missing, not null): localId, \
     studentIdentificationCode, gender, dateOfBirth, nameIdCode, nationalStudentNumber, \
     countryOfCitizenship and ethnicity.",
);

pub(crate) const LR_004: Rule = rule(
    FILE,
    "LR-004",
    "*",
    Error,
    RECORD,
    "Text fields have their lengths, counted in characters: localId at least 1; \
     studentIdentificationCode 1–10; gender 1; nameIdCode 1–5; countryOfCitizenship 1–3; \
     mainActivityAt1October and highestSecondarySchoolQualification at most 2; \
     permanentPostCode and termPostCode at most 4; irdNumber at most 11.",
);

pub(crate) const LR_005: Rule = rule(
    FILE,
    "LR-005",
    "localId",
    Error,
    Check::Batch,
    "Each learner record of a batch has its own localId. The second and later records with a \
     localId already used get the problem.",
);

pub(crate) const LR_006: Rule = rule(
    FILE,
    "LR-006",
    "*",
    Error,
    RECORD,
    "localId and studentIdentificationCode contain no control characters (tabs, line breaks, \
     other non-printing characters): they would corrupt the funder's CSV files and never match \
     the learner's enrolments.",
);

pub(crate) const LR_007: Rule = rule(
    FILE,
    "LR-007",
    "",
    Error,
    Check::Batch,
    "A learner has one learner record: no two records have the same studentIdentificationCode. \
     The second and later records get the problem.",
);

pub(crate) const LR_008: Rule = rule(
    FILE,
    "LR-008",
    "gender",
    Error,
    RECORD,
    "gender is M (male), F (female) or D (another gender), in upper case (legacy error 101).",
)
.with_legacy_error(101);

pub(crate) const LR_009: Rule = rule(
    FILE,
    "LR-009",
    "dateOfBirth",
    Error,
    RECORD,
    "The learner is aged 5 to 100 on 1 January of the return year (legacy error 102). 1 January \
     is used so that a learner's age is the same in every round of the year. Checked when the \
     return year is known.",
)
.with_legacy_error(102);

pub(crate) const LR_010: Rule = rule(
    FILE,
    "LR-010",
    "nameIdCode",
    Error,
    RECORD,
    "nameIdCode has the Name ID form: upper-case letters, the first four letters of the surname \
     and the first initial (SMITJ); a surname shorter than four letters is padded with spaces \
     before the initial (NG  K); without a first name, the first five letters of the surname. \
     Only the form is checked: the record does not carry the names. Vowels with macrons count \
     as letters.",
);

pub(crate) const LR_011: Rule = rule(
    FILE,
    "LR-011",
    "nationalStudentNumber",
    Error,
    RECORD,
    "nationalStudentNumber is a positive number: the learner's number generated by the \
     National Student Index. Whether the NSI knows it is a later check.",
);

pub(crate) const LR_012: Rule = rule(
    FILE,
    "LR-012",
    "countryOfCitizenship",
    Error,
    RECORD,
    "countryOfCitizenship is a three-letter upper-case country code (NZL, AUS, …).",
);

pub(crate) const LR_013: Rule = rule(
    FILE,
    "LR-013",
    "countryOfCitizenship",
    Warning,
    RECORD,
    "countryOfCitizenship is in the country reference list (domain/reference/countries.csv, ISO \
     3166-1 alpha-3). A warning: the list is to be checked against the funder's classification.",
);

pub(crate) const LR_014: Rule = rule(
    FILE,
    "LR-014",
    "ethnicity",
    Error,
    RECORD,
    "ethnicity has one to six codes, each a three-digit ethnic group code (100 to 999), none \
     given twice.",
);

pub(crate) const LR_015: Rule = rule(
    FILE,
    "LR-015",
    "ethnicity",
    Warning,
    RECORD,
    "Each ethnicity code is in the ethnicity reference list (domain/reference/ethnicity.csv, \
     Stats NZ level 3). A warning: the list is to be checked against the funder's \
     classification.",
);

pub(crate) const LR_016: Rule = rule(
    FILE,
    "LR-016",
    "iwiAffiliation",
    Error,
    RECORD,
    "iwiAffiliation, when given, has at most three codes, each an iwi code of up to four digits \
     (1 to 9999: 0104 is sent as 104), none given twice.",
);

pub(crate) const LR_017: Rule = rule(
    FILE,
    "LR-017",
    "iwiAffiliation",
    Warning,
    RECORD,
    "Each iwiAffiliation code is in the iwi reference list (domain/reference/iwi.csv). A \
     warning: the list is partial and to be completed from the funder's classification.",
);

pub(crate) const LR_018: Rule = rule(
    FILE,
    "LR-018",
    "*",
    Error,
    RECORD,
    "mainActivityAt1October and highestSecondarySchoolQualification, when given, are codes of \
     one or two digits (01 and 1 are the same code).",
);

pub(crate) const LR_019: Rule = rule(
    FILE,
    "LR-019",
    "mainActivityAt1October",
    Warning,
    RECORD,
    "mainActivityAt1October is in the main activity reference list \
     (domain/reference/main_activity.csv). A warning: the list is to be checked against the \
     funder's classification.",
);

pub(crate) const LR_020: Rule = rule(
    FILE,
    "LR-020",
    "mainActivityAt1October",
    Error,
    RECORD,
    "A learner whose firstYearOfTertiaryEducation is the return year was not in tertiary study \
     on 1 October of the year before: mainActivityAt1October is one of the activities the \
     reference list marks possible in a first year (01, 02, 03, 04, 08, 09; legacy error 108). \
     Checked when the return year is known.",
)
.with_legacy_error(108);

pub(crate) const LR_021: Rule = rule(
    FILE,
    "LR-021",
    "*",
    Error,
    RECORD,
    "firstYearOfTertiaryEducation and lastYearAtSecondarySchool, when given, are years (CCYY, \
     1900 to 2100) not before the learner's year of birth and, when the return year is known, \
     not after it.",
);

pub(crate) const LR_022: Rule = rule(
    FILE,
    "LR-022",
    "lastSecondarySchoolAttended",
    Error,
    RECORD,
    "lastSecondarySchoolAttended, when given, is a Ministry of Education school number from 1 to \
     9999.",
);

pub(crate) const LR_023: Rule = rule(
    FILE,
    "LR-023",
    "highestSecondarySchoolQualification",
    Warning,
    RECORD,
    "highestSecondarySchoolQualification is in the secondary qualification reference list \
     (domain/reference/secondary_qualifications.csv). A warning: the list is to be checked \
     against the funder's classification.",
);

pub(crate) const LR_024: Rule = rule(
    FILE,
    "LR-024",
    "disabilityStatus",
    Error,
    RECORD,
    "disabilityStatus is 1 (yes), 2 (no) or 3 (prefer not to say).",
);

pub(crate) const LR_025: Rule = rule(
    FILE,
    "LR-025",
    "disabilityStatus",
    Error,
    RECORD,
    "disabilityStatus is given. It is mandatory from the August 2025 return, the first DXP \
     return, though the schema does not mark it REQUIRED.",
)
.applied_from(2025, RoundKind::Aug);

pub(crate) const LR_026: Rule = rule(
    FILE,
    "LR-026",
    "disabilitySupportNeeds",
    Error,
    RECORD,
    "disabilitySupportNeeds, when given, has at most seven codes, each a positive number, none \
     given twice. The classification's codes are not public, so membership is not checked.",
);

pub(crate) const LR_027: Rule = rule(
    FILE,
    "LR-027",
    "*",
    Error,
    RECORD,
    "permanentPostCode and termPostCode, when given, are New Zealand post codes: four digits.",
);

pub(crate) const LR_028: Rule = rule(
    FILE,
    "LR-028",
    "*",
    Error,
    RECORD,
    "totalFeeForDomesticStudent, tuitionFeePaidByInternationalFeePayingStudent and \
     maximaExemptFee, when given, are Numeric(8,2) dollars including GST: 0 to 999999.99 with \
     at most two decimal places.",
);

pub(crate) const LR_029: Rule = rule(
    FILE,
    "LR-029",
    "irdNumber",
    Error,
    RECORD,
    "irdNumber, when given, is eight or nine digits, alone or grouped with hyphens as Inland \
     Revenue prints them (49091850, 049-091-850, 136-410-132).",
);

pub(crate) const LR_030: Rule = rule(
    FILE,
    "LR-030",
    "irdNumber",
    Warning,
    RECORD,
    "irdNumber is a number Inland Revenue could have issued: between 10,000,000 and \
     150,000,000, with a valid modulus 11 check digit. A warning: the funder's own check is not \
     published.",
);

pub(crate) const LR_031: Rule = rule(
    FILE,
    "LR-031",
    "tuitionFeePaidByInternationalFeePayingStudent",
    Warning,
    RECORD,
    "A New Zealand citizen (countryOfCitizenship NZL) pays no international tuition fee: \
     tuitionFeePaidByInternationalFeePayingStudent is absent or 0. Spec 003: the fees category \
     of a New Zealand citizen is always 00, domestic.",
);

/// Every learner rule, in code order.
pub(crate) static RULES: [&Rule; 31] = [
    &LR_001, &LR_002, &LR_003, &LR_004, &LR_005, &LR_006, &LR_007, &LR_008, &LR_009, &LR_010,
    &LR_011, &LR_012, &LR_013, &LR_014, &LR_015, &LR_016, &LR_017, &LR_018, &LR_019, &LR_020,
    &LR_021, &LR_022, &LR_023, &LR_024, &LR_025, &LR_026, &LR_027, &LR_028, &LR_029, &LR_030,
    &LR_031,
];

type Learner<'a> = Record<'a, WireLearner>;

impl FileWire for WireLearner {
    const FILE: SdrFile = FILE;
    const SHAPE: Shape = Shape {
        noun: "learner record",
        unreadable: &LR_001,
        wrong_type: &LR_002,
        required: &LR_003,
        lengths: &LR_004,
        repeated_local_id: &LR_005,
        printable: &LR_006,
        repeated_key: &LR_007,
        key_reason: "a learner has one learner record, shared by all of the learner's \
                     enrolments and completions",
        text_limits: &[
            ("localId", 1, None),
            ("studentIdentificationCode", 1, Some(10)),
            ("gender", 1, Some(1)),
            ("nameIdCode", 1, Some(5)),
            ("countryOfCitizenship", 1, Some(3)),
            ("mainActivityAt1October", 0, Some(2)),
            ("highestSecondarySchoolQualification", 0, Some(2)),
            ("permanentPostCode", 0, Some(4)),
            ("termPostCode", 0, Some(4)),
            ("irdNumber", 0, Some(11)),
        ],
        identifiers: &["localId", "studentIdentificationCode"],
    };
    const CHECKS: &'static [(&'static Rule, RecordCheck<Self>)] = &[
        (&LR_003, required_fields::<WireLearner>),
        (&LR_004, text_lengths::<WireLearner>),
        (&LR_006, printable_identifiers::<WireLearner>),
        (&LR_008, gender),
        (&LR_009, age),
        (&LR_010, name_id_code),
        (&LR_011, nsn_positive),
        (&LR_012, country_form),
        (&LR_013, country_known),
        (&LR_014, ethnicity_form),
        (&LR_015, ethnicity_known),
        (&LR_016, iwi_form),
        (&LR_017, iwi_known),
        (&LR_018, two_digit_codes),
        (&LR_019, main_activity_known),
        (&LR_020, first_year_activity),
        (&LR_021, plausible_years),
        (&LR_022, school_number),
        (&LR_023, secondary_qualification_known),
        (&LR_024, disability_status_code),
        (&LR_025, disability_status_given),
        (&LR_026, support_needs),
        (&LR_027, post_codes),
        (&LR_028, fees),
        (&LR_029, ird_form),
        (&LR_030, ird_check_digit),
        (&LR_031, international_fee_for_citizen),
    ];

    type Key<'a> = &'a str;

    fn presence(&self) -> u32 {
        bits([
            self.local_id.is_some(),
            self.student_identification_code.is_some(),
            self.gender.is_some(),
            self.date_of_birth.is_some(),
            self.total_fee_for_domestic_student.is_some(),
            self.name_id_code.is_some(),
            self.national_student_number.is_some(),
            self.tuition_fee_paid_by_international_fee_paying_student
                .is_some(),
            self.maxima_exempt_fee.is_some(),
            self.main_activity_at_1_october.is_some(),
            self.first_year_of_tertiary_education.is_some(),
            self.last_secondary_school_attended.is_some(),
            self.last_year_at_secondary_school.is_some(),
            self.highest_secondary_school_qualification.is_some(),
            self.country_of_citizenship.is_some(),
            self.ethnicity.is_some(),
            self.iwi_affiliation.is_some(),
            self.disability_services_accessed_indicator.is_some(),
            self.disability_status.is_some(),
            self.disability_support_needs.is_some(),
            self.permanent_post_code.is_some(),
            self.term_post_code.is_some(),
            self.ird_number.is_some(),
        ])
    }

    fn text(&self, name: &str) -> Option<&str> {
        match name {
            "localId" => self.local_id.as_deref(),
            "studentIdentificationCode" => self.student_identification_code.as_deref(),
            "gender" => self.gender.as_deref(),
            "nameIdCode" => self.name_id_code.as_deref(),
            "mainActivityAt1October" => self.main_activity_at_1_october.as_deref(),
            "highestSecondarySchoolQualification" => {
                self.highest_secondary_school_qualification.as_deref()
            }
            "countryOfCitizenship" => self.country_of_citizenship.as_deref(),
            "permanentPostCode" => self.permanent_post_code.as_deref(),
            "termPostCode" => self.term_post_code.as_deref(),
            "irdNumber" => self.ird_number.as_deref(),
            _ => None,
        }
    }

    type Facts = ();

    fn facts(&self) {}

    fn key(&self) -> Option<&str> {
        self.student_identification_code
            .as_deref()
            .filter(|code| !code.is_empty())
    }

    fn describe_key(key: &&str) -> String {
        format!("studentIdentificationCode {}", Shown(key))
    }

    fn student_identification_code(&self) -> Option<&str> {
        self.student_identification_code.as_deref()
    }

    /// XF-001 on the learner file alone: one NSN under two studentIdentificationCodes.
    fn check_across_batch(records: &[Option<Self>], reports: &mut [FileRecordReport]) {
        let keys: Vec<Option<(i32, &str)>> = records
            .iter()
            .map(|record| {
                let record = record.as_ref()?;
                Some((
                    record.national_student_number?,
                    record.student_identification_code.as_deref()?,
                ))
            })
            .collect();
        nsn_under_several_student_ids(&keys, reports);
    }
}

/// A text field's value, when it is present, non-empty and within its length (LR-004 reports
/// the others).
fn text<'a>(record: &Learner<'a>, name: &str) -> Option<&'a str> {
    record
        .wire
        .text(name)
        .filter(|text| !text.is_empty() && fits::<WireLearner>(name, text))
}

fn birth_date(record: &Learner<'_>) -> Option<NaiveDate> {
    record.wire.date_of_birth.map(|date| date.date_naive())
}

fn gender(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "gender") else {
        return;
    };
    if !matches!(code, "M" | "F" | "D") {
        sink.report(
            &LR_008,
            "gender",
            format_args!(
                "gender {} is not a gender code; expected M (male), F (female) or D (another \
                 gender), in upper case",
                Shown(code)
            ),
        );
    }
}

/// The learner's age in whole years on `day`.
fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The youngest and oldest ages of a learner on 1 January of the return year.
const AGES: (i32, i32) = (5, 100);

fn age(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let (Some(birth), Some(year)) = (birth_date(record), record.return_year) else {
        return;
    };
    let Some(new_year) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return;
    };
    if birth > new_year {
        sink.report(
            &LR_009,
            "dateOfBirth",
            format_args!(
                "dateOfBirth {birth} is after 1 January {year}; a learner is aged {} to {} on 1 \
                 January of the return year",
                AGES.0, AGES.1
            ),
        );
        return;
    }
    let age = age_on(birth, new_year);
    if !(AGES.0..=AGES.1).contains(&age) {
        sink.report(
            &LR_009,
            "dateOfBirth",
            format_args!(
                "dateOfBirth {birth} makes the learner {age} on 1 January {year}; a learner is \
                 aged {} to {} on 1 January of the return year",
                AGES.0, AGES.1
            ),
        );
    }
}

/// Upper-case letters as Name ID Codes are written: A to Z, and the vowels with macrons of
/// Māori surnames.
fn is_name_letter(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, 'Ā' | 'Ē' | 'Ī' | 'Ō' | 'Ū')
}

const NAME_ID_EXAMPLE: &str = "the first four letters of the surname and the first initial in \
                               upper case (SMITJ), a short surname padded with spaces before \
                               the initial (NG  K)";

fn name_id_code(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "nameIdCode") else {
        return;
    };
    if let Some(c) = code.chars().find(|&c| c != ' ' && !is_name_letter(c)) {
        let hint = if c.is_lowercase() {
            "; use upper case"
        } else {
            ""
        };
        sink.report(
            &LR_010,
            "nameIdCode",
            format_args!(
                "nameIdCode {} contains {}{hint}; a Name ID Code is {NAME_ID_EXAMPLE}",
                Shown(code),
                ShownChar(c)
            ),
        );
        return;
    }
    if !code.contains(' ') {
        return;
    }
    // Spaces pad a surname of one to three letters up to four characters, before the initial.
    let count = code.chars().count();
    let letters_before = code.chars().take_while(|&c| c != ' ').count();
    let padded = count == 5
        && (1..=3).contains(&letters_before)
        && code
            .chars()
            .skip(letters_before)
            .take(4 - letters_before)
            .all(|c| c == ' ')
        && code.chars().last().is_some_and(|c| c != ' ');
    if !padded {
        sink.report(
            &LR_010,
            "nameIdCode",
            format_args!(
                "nameIdCode {} has a space that is not the padding of a short surname before the \
                 initial; a Name ID Code is {NAME_ID_EXAMPLE}",
                Shown(code)
            ),
        );
    }
}

fn nsn_positive(record: &Learner<'_>, sink: &mut Sink<'_>) {
    common::nsn_positive(&LR_011, record.wire.national_student_number, sink);
}

fn is_country_form(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn country_form(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "countryOfCitizenship") else {
        return;
    };
    if !is_country_form(code) {
        let hint = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            "; use upper case"
        } else {
            ""
        };
        sink.report(
            &LR_012,
            "countryOfCitizenship",
            format_args!(
                "countryOfCitizenship {} is not a three-letter country code{hint}; expected e.g. \
                 NZL or AUS",
                Shown(code)
            ),
        );
    }
}

fn country_known(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "countryOfCitizenship").filter(|code| is_country_form(code))
    else {
        return;
    };
    if !reference::countries().contains(code) {
        sink.report(
            &LR_013,
            "countryOfCitizenship",
            format_args!(
                "countryOfCitizenship {} is not in the country reference list (ISO 3166-1 \
                 alpha-3 codes such as NZL, AUS, CHN); check the code",
                Shown(code)
            ),
        );
    }
}

/// The first value given twice, if any.
fn first_repeat(values: &[i32]) -> Option<i32> {
    values
        .iter()
        .enumerate()
        .find(|(at, value)| values[..*at].contains(value))
        .map(|(_, value)| *value)
}

const ETHNICITY_CODES: std::ops::RangeInclusive<i32> = 100..=999;
const MAX_ETHNICITIES: usize = 6;

fn ethnicity_form(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(codes) = record.wire.ethnicity.as_deref() else {
        return;
    };
    let problem = if codes.is_empty() {
        Some("ethnicity is empty; give at least one ethnic group code".to_owned())
    } else if codes.len() > MAX_ETHNICITIES {
        Some(format!(
            "ethnicity has {} codes; at most {MAX_ETHNICITIES} are reported",
            codes.len()
        ))
    } else if let Some(code) = codes.iter().find(|code| !ETHNICITY_CODES.contains(code)) {
        Some(format!(
            "ethnicity code {code} is not a three-digit ethnic group code (100 to 999, e.g. 111 \
             New Zealand European, 211 Māori)"
        ))
    } else {
        first_repeat(codes).map(|code| format!("ethnicity code {code} is given twice"))
    };
    if let Some(message) = problem {
        sink.report(&LR_014, "ethnicity", format_args!("{message}"));
    }
}

/// The first of `codes` missing from `list`, with how many others are missing.
fn first_unknown(codes: &[i32], list: &reference::CodeList) -> Option<(i32, usize)> {
    let mut unknown = codes
        .iter()
        .filter(|&&code| list.find_number(i64::from(code)).is_none());
    let first = *unknown.next()?;
    Some((first, unknown.count()))
}

fn and_more(others: usize) -> String {
    match others {
        0 => String::new(),
        1 => " (and 1 more code)".to_owned(),
        _ => format!(" (and {others} more codes)"),
    }
}

fn ethnicity_known(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(codes) = record.wire.ethnicity.as_deref() else {
        return;
    };
    // Codes out of form are LR-014's.
    let codes_in_form = codes.iter().all(|code| ETHNICITY_CODES.contains(code));
    if !codes_in_form {
        return;
    }
    if let Some((code, others)) = first_unknown(codes, reference::ethnicities()) {
        sink.report(
            &LR_015,
            "ethnicity",
            format_args!(
                "ethnicity code {code}{} is not in the ethnicity reference list (Stats NZ level \
                 3 ethnic groups); check the code",
                and_more(others)
            ),
        );
    }
}

const IWI_CODES: std::ops::RangeInclusive<i32> = 1..=9999;
const MAX_IWI: usize = 3;

fn iwi_form(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(codes) = record.wire.iwi_affiliation.as_deref() else {
        return;
    };
    let problem = if codes.len() > MAX_IWI {
        Some(format!(
            "iwiAffiliation has {} codes; at most {MAX_IWI} are reported",
            codes.len()
        ))
    } else if let Some(code) = codes.iter().find(|code| !IWI_CODES.contains(code)) {
        Some(format!(
            "iwiAffiliation code {code} is not an iwi code; iwi codes have four digits (1 to \
             9999; 0104 Ngāpuhi is sent as 104)"
        ))
    } else {
        first_repeat(codes).map(|code| format!("iwiAffiliation code {code} is given twice"))
    };
    if let Some(message) = problem {
        sink.report(&LR_016, "iwiAffiliation", format_args!("{message}"));
    }
}

fn iwi_known(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(codes) = record.wire.iwi_affiliation.as_deref() else {
        return;
    };
    if !codes.iter().all(|code| IWI_CODES.contains(code)) {
        return;
    }
    if let Some((code, others)) = first_unknown(codes, reference::iwi()) {
        sink.report(
            &LR_017,
            "iwiAffiliation",
            format_args!(
                "iwiAffiliation code {code:04}{} is not in the iwi reference list; check the code",
                and_more(others)
            ),
        );
    }
}

const TWO_DIGIT_CODES: [&str; 2] = [
    "mainActivityAt1October",
    "highestSecondarySchoolQualification",
];

fn is_two_digit_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 2 && code.bytes().all(|b| b.is_ascii_digit())
}

fn two_digit_codes(record: &Learner<'_>, sink: &mut Sink<'_>) {
    for name in TWO_DIGIT_CODES {
        let Some(code) = text(record, name) else {
            continue;
        };
        if !is_two_digit_code(code) {
            sink.report(
                &LR_018,
                name,
                format_args!(
                    "{name} {} is not a code; expected one or two digits (e.g. 01)",
                    Shown(code)
                ),
            );
        }
    }
}

fn main_activity_known(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "mainActivityAt1October").filter(|c| is_two_digit_code(c)) else {
        return;
    };
    if !reference::main_activities().contains(code) {
        sink.report(
            &LR_019,
            "mainActivityAt1October",
            format_args!(
                "mainActivityAt1October {} is not in the main activity reference list; check the \
                 code",
                Shown(code)
            ),
        );
    }
}

fn first_year_activity(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let (Some(first_year), Some(year)) = (
        record.wire.first_year_of_tertiary_education,
        record.return_year,
    ) else {
        return;
    };
    if first_year != year {
        return;
    }
    let Some(code) = text(record, "mainActivityAt1October") else {
        return;
    };
    // A code missing from the list is LR-019's: its meaning is not known.
    let Some(entry) = reference::main_activities().find(code) else {
        return;
    };
    if entry.attribute("first_year") != Some("Y") {
        let allowed: Vec<&str> = reference::main_activities()
            .entries()
            .iter()
            .filter(|entry| entry.attribute("first_year") == Some("Y"))
            .map(|entry| entry.code())
            .collect();
        sink.report(
            &LR_020,
            "mainActivityAt1October",
            format_args!(
                "mainActivityAt1October {} ({}) means the learner was in tertiary study on 1 \
                 October {}, but firstYearOfTertiaryEducation is {first_year}, the return year; \
                 expected one of {} or a different first year",
                Shown(code),
                entry.meaning(),
                year - 1,
                allowed.join(", ")
            ),
        );
    }
}

const YEAR_FIELDS: [&str; 2] = ["firstYearOfTertiaryEducation", "lastYearAtSecondarySchool"];

fn plausible_years(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let values = [
        record.wire.first_year_of_tertiary_education,
        record.wire.last_year_at_secondary_school,
    ];
    let born = birth_date(record).map(|date| date.year());
    for (name, value) in YEAR_FIELDS.into_iter().zip(values) {
        let Some(value) = value else { continue };
        if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&value) {
            sink.report(
                &LR_021,
                name,
                format_args!(
                    "{name} is {value}; expected a year, CCYY, from {EARLIEST_YEAR} to \
                     {LATEST_YEAR}"
                ),
            );
        } else if let Some(born) = born.filter(|&born| value < born) {
            sink.report(
                &LR_021,
                name,
                format_args!("{name} {value} is before the learner's year of birth, {born}"),
            );
        } else if let Some(year) = record.return_year.filter(|&year| value > year) {
            sink.report(
                &LR_021,
                name,
                format_args!("{name} {value} is after the return year, {year}"),
            );
        }
    }
}

const SCHOOL_NUMBERS: std::ops::RangeInclusive<i32> = 1..=9999;

fn school_number(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(school) = record.wire.last_secondary_school_attended else {
        return;
    };
    if !SCHOOL_NUMBERS.contains(&school) {
        sink.report(
            &LR_022,
            "lastSecondarySchoolAttended",
            format_args!(
                "lastSecondarySchoolAttended is {school}; expected the Ministry of Education's \
                 school number, 1 to 9999"
            ),
        );
    }
}

fn secondary_qualification_known(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(code) =
        text(record, "highestSecondarySchoolQualification").filter(|c| is_two_digit_code(c))
    else {
        return;
    };
    if !reference::secondary_qualifications().contains(code) {
        sink.report(
            &LR_023,
            "highestSecondarySchoolQualification",
            format_args!(
                "highestSecondarySchoolQualification {} is not in the secondary qualification \
                 reference list; check the code",
                Shown(code)
            ),
        );
    }
}

fn disability_status_code(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(status) = record.wire.disability_status else {
        return;
    };
    if !(1..=3).contains(&status) {
        sink.report(
            &LR_024,
            "disabilityStatus",
            format_args!(
                "disabilityStatus is {status}; expected 1 (yes), 2 (no) or 3 (prefer not to say)"
            ),
        );
    }
}

fn disability_status_given(record: &Learner<'_>, sink: &mut Sink<'_>) {
    if record.wire.disability_status.is_none() && !record.is_unreadable("disabilityStatus") {
        sink.report(
            &LR_025,
            "disabilityStatus",
            format_args!(
                "disabilityStatus is missing; it is mandatory from the August 2025 return: 1 \
                 (yes), 2 (no) or 3 (prefer not to say)"
            ),
        );
    }
}

const MAX_SUPPORT_NEEDS: usize = 7;

fn support_needs(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let Some(codes) = record.wire.disability_support_needs.as_deref() else {
        return;
    };
    let problem = if codes.len() > MAX_SUPPORT_NEEDS {
        Some(format!(
            "disabilitySupportNeeds has {} codes; at most {MAX_SUPPORT_NEEDS} are reported",
            codes.len()
        ))
    } else if let Some(code) = codes.iter().find(|&&code| code <= 0) {
        Some(format!(
            "disabilitySupportNeeds code {code} is not a support need code; codes are positive \
             numbers"
        ))
    } else {
        first_repeat(codes).map(|code| format!("disabilitySupportNeeds code {code} is given twice"))
    };
    if let Some(message) = problem {
        sink.report(&LR_026, "disabilitySupportNeeds", format_args!("{message}"));
    }
}

const POST_CODES: [&str; 2] = ["permanentPostCode", "termPostCode"];

fn post_codes(record: &Learner<'_>, sink: &mut Sink<'_>) {
    for name in POST_CODES {
        let Some(code) = text(record, name) else {
            continue;
        };
        if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            sink.report(
                &LR_027,
                name,
                format_args!(
                    "{name} {} is not a New Zealand post code; expected four digits (e.g. 6011)",
                    Shown(code)
                ),
            );
        }
    }
}

fn fees(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let fees = [
        (
            "totalFeeForDomesticStudent",
            record.wire.total_fee_for_domestic_student,
        ),
        (
            "tuitionFeePaidByInternationalFeePayingStudent",
            record
                .wire
                .tuition_fee_paid_by_international_fee_paying_student,
        ),
        ("maximaExemptFee", record.wire.maxima_exempt_fee),
    ];
    for (name, fee) in fees {
        common::fee(&LR_028, name, fee, sink);
    }
}

fn ird_form(record: &Learner<'_>, sink: &mut Sink<'_>) {
    common::ird_form(&LR_029, text(record, "irdNumber"), sink);
}

fn ird_check_digit(record: &Learner<'_>, sink: &mut Sink<'_>) {
    common::ird_check_digit(&LR_030, text(record, "irdNumber"), sink);
}

fn international_fee_for_citizen(record: &Learner<'_>, sink: &mut Sink<'_>) {
    let (Some("NZL"), Some(fee)) = (
        record.wire.country_of_citizenship.as_deref(),
        record
            .wire
            .tuition_fee_paid_by_international_fee_paying_student,
    ) else {
        return;
    };
    if fee > 0.0 {
        sink.report(
            &LR_031,
            "tuitionFeePaidByInternationalFeePayingStudent",
            format_args!(
                "tuitionFeePaidByInternationalFeePayingStudent is {fee:.2} but the learner is a \
                 New Zealand citizen (countryOfCitizenship NZL), always a domestic student; \
                 report domestic fees in totalFeeForDomesticStudent"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent() {
        super::super::assert_registry_consistent::<WireLearner>(&RULES);
        super::super::assert_presence_follows_the_field_table::<WireLearner>();
    }

    #[test]
    fn ages_count_whole_years() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(age_on(d(2006, 1, 1), d(2026, 1, 1)), 20);
        assert_eq!(age_on(d(2006, 1, 2), d(2026, 1, 1)), 19);
        assert_eq!(age_on(d(2020, 12, 31), d(2026, 1, 1)), 5);
        assert_eq!(age_on(d(2021, 1, 2), d(2026, 1, 1)), 4);
    }
}
