//! The qualification completion file's rules, QC-001 to QC-018.
//!
//! Judgement calls, where the public material is silent:
//!
//! - **Completion date and year.** `qualificationCompletionDate` is "the date requirements
//!   met" and `yearRequirementsMet` the year they were met: the same fact twice. When they
//!   disagree one of them is wrong, and the year decides which performance-indicator year the
//!   completion counts in and whether it is a duplicate claim, so the disagreement is an error
//!   (QC-014), not a warning.
//! - **The completion date** is mandatory from the August 2025 return but not REQUIRED in the
//!   schema (legacy files have no such column): a missing date is an error of the validation
//!   run (QC-013), not a refusal at upload.
//! - **Plausible years.** yearRequirementsMet is a year from 1990 to the return year: a return
//!   cannot report a completion of a later year, and 1990 is before any qualification a current
//!   return reports (the SDR itself began in the 1990s), so an earlier year is a typing slip.
//!   Without the return year, the upper bound is 2100.
//! - **One completion per learner and qualification**: a completion is reported once;
//!   reporting it again makes a duplicate claim.
//! - **IRD number**: as for learners, the form is an error and a failing check digit a warning.
//! - **Non-formal completions.** Spec 003: "Non-Formal Education is not required to be
//!   reported in the Qualification Completion file". Not required is not forbidden, so a
//!   completion of G9999 or a GFFSSX code is a warning that it need not be sent (QC-010), never
//!   a reason to reject the return. A code of G and digits in neither form is no qualification
//!   code at all, non-formal or registered, and stays an error (QC-018), as in the other files.

use chrono::Datelike;

use super::common::{self, LATEST_YEAR, is_g_digits, is_non_formal_form};
use super::shape::{fits, printable_identifiers, required_fields, text_lengths};
use super::{FileWire, Record, RecordCheck, Shape, bits, rule};
use crate::SdrFile;
use crate::calendar::RoundKind;
use crate::qualification_completion::WireQualificationCompletion;
use crate::validation::Severity::{Error, Warning};
use crate::validation::rule::{Check, Rule};
use crate::validation::sink::{Shown, ShownChar, Sink};
use crate::validation::support::first_disallowed;

const FILE: SdrFile = SdrFile::QualificationCompletions;
const RECORD: Check = Check::FileRecord;

/// The earliest year requirements can have been met for a completion reported now.
const EARLIEST_COMPLETION_YEAR: i32 = 1990;

pub(crate) const QC_001: Rule = rule(
    FILE,
    "QC-001",
    "",
    Error,
    Check::Read,
    "The record is a JSON object that can be read: not malformed JSON, not an array or a plain \
     value, no field given twice. Nothing else can be checked on an unreadable record; the other \
     records of the batch are still checked.",
);

pub(crate) const QC_002: Rule = rule(
    FILE,
    "QC-002",
    "*",
    Error,
    Check::Read,
    "Each field has its JSON type: text for the codes and irdNumber, a whole number within int32 \
     for the NSN and yearRequirementsMet, and an RFC 3339 date-time (or a plain YYYY-MM-DD date) \
     for qualificationCompletionDate. Every wrongly typed field is reported; unknown extra fields \
     are ignored.",
);

pub(crate) const QC_003: Rule = rule(
    FILE,
    "QC-003",
    "*",
    Error,
    RECORD,
    "Every REQUIRED field is supplied (not missing, not null): localId, \
     studentIdentificationCode, nationalStudentNumber, qualificationCode and \
     yearRequirementsMet.",
);

pub(crate) const QC_004: Rule = rule(
    FILE,
    "QC-004",
    "*",
    Error,
    RECORD,
    "Text fields have their lengths, counted in characters: localId at least 1; \
     studentIdentificationCode 1–10; qualificationCode 1–6; linkedQualificationForFeesFree at \
     most 6; irdNumber at most 11.",
);

pub(crate) const QC_005: Rule = rule(
    FILE,
    "QC-005",
    "localId",
    Error,
    Check::Batch,
    "Each qualification completion of a batch has its own localId. The second and later \
     records with a localId already used get the problem.",
);

pub(crate) const QC_006: Rule = rule(
    FILE,
    "QC-006",
    "*",
    Error,
    RECORD,
    "localId, studentIdentificationCode and qualificationCode contain no control characters: \
     they would corrupt the funder's CSV files and never match the enrolments.",
);

pub(crate) const QC_007: Rule = rule(
    FILE,
    "QC-007",
    "",
    Error,
    Check::Batch,
    "A completion is reported once: no two records have the same studentIdentificationCode and \
     qualificationCode (reporting a completion again makes a duplicate claim). The second and \
     later records get the problem.",
);

pub(crate) const QC_008: Rule = rule(
    FILE,
    "QC-008",
    "nationalStudentNumber",
    Error,
    RECORD,
    "nationalStudentNumber is a positive number: the learner's number generated by the National \
     Student Index, as on the enrolments.",
);

pub(crate) const QC_009: Rule = rule(
    FILE,
    "QC-009",
    "qualificationCode",
    Error,
    RECORD,
    "qualificationCode has letters and digits only: a six alpha-numeric code from the SDR \
     Qualifications Register (e.g. PC4001).",
);

pub(crate) const QC_010: Rule = rule(
    FILE,
    "QC-010",
    "qualificationCode",
    Warning,
    RECORD,
    "A completion of non-formal education (qualificationCode G9999, or GFFSSX: G and five \
     digits) need not be reported: spec 003 says non-formal education is not required in the \
     qualification completion file. A warning, not an error: reporting one does not reject the \
     return. Other codes of G and digits are QC-018's.",
);

pub(crate) const QC_011: Rule = rule(
    FILE,
    "QC-011",
    "qualificationCode",
    Warning,
    RECORD,
    "qualificationCode should have six characters, as the codes of the SDR Qualifications \
     Register do. A warning: the register, not the length, decides.",
);

pub(crate) const QC_012: Rule = rule(
    FILE,
    "QC-012",
    "yearRequirementsMet",
    Error,
    RECORD,
    "yearRequirementsMet is a year, CCYY, from 1990 to the return year when it is known (2100 \
     otherwise): a return cannot report a completion of a later year.",
);

pub(crate) const QC_013: Rule = rule(
    FILE,
    "QC-013",
    "qualificationCompletionDate",
    Error,
    RECORD,
    "qualificationCompletionDate is given. It is mandatory from the August 2025 return, the \
     first DXP return, though the schema does not mark it REQUIRED.",
)
.applied_from(2025, RoundKind::Aug);

pub(crate) const QC_014: Rule = rule(
    FILE,
    "QC-014",
    "qualificationCompletionDate",
    Error,
    RECORD,
    "The year of qualificationCompletionDate (the date as written) is yearRequirementsMet: both \
     say when the requirements were met, and the year decides where the completion counts.",
);

pub(crate) const QC_015: Rule = rule(
    FILE,
    "QC-015",
    "linkedQualificationForFeesFree",
    Error,
    RECORD,
    "linkedQualificationForFeesFree, when given, is a qualification code: letters and digits \
     only.",
);

pub(crate) const QC_016: Rule = rule(
    FILE,
    "QC-016",
    "irdNumber",
    Error,
    RECORD,
    "irdNumber, when given, is eight or nine digits, alone or grouped with hyphens as Inland \
     Revenue prints them (49091850, 049-091-850, 136-410-132).",
);

pub(crate) const QC_017: Rule = rule(
    FILE,
    "QC-017",
    "irdNumber",
    Warning,
    RECORD,
    "irdNumber is a number Inland Revenue could have issued: between 10,000,000 and \
     150,000,000, with a valid modulus 11 check digit. A warning: the funder's own check is not \
     published.",
);

pub(crate) const QC_018: Rule = rule(
    FILE,
    "QC-018",
    "qualificationCode",
    Error,
    RECORD,
    "A qualificationCode of G and digits has one of the two non-formal forms, G9999 (40 \
     teaching hours or less) or G and five digits (GFFSSX: field, sub-field, digit): any other \
     is neither a non-formal code nor a code of the SDR Qualifications Register.",
);

/// Every qualification completion rule, in code order.
pub(crate) static RULES: [&Rule; 18] = [
    &QC_001, &QC_002, &QC_003, &QC_004, &QC_005, &QC_006, &QC_007, &QC_008, &QC_009, &QC_010,
    &QC_011, &QC_012, &QC_013, &QC_014, &QC_015, &QC_016, &QC_017, &QC_018,
];

type Completion<'a> = Record<'a, WireQualificationCompletion>;

impl FileWire for WireQualificationCompletion {
    const FILE: SdrFile = FILE;
    const SHAPE: Shape = Shape {
        noun: "qualification completion",
        unreadable: &QC_001,
        wrong_type: &QC_002,
        required: &QC_003,
        lengths: &QC_004,
        repeated_local_id: &QC_005,
        printable: &QC_006,
        repeated_key: &QC_007,
        key_reason: "a completion is reported once; reporting it again makes a duplicate claim",
        text_limits: &[
            ("localId", 1, None),
            ("studentIdentificationCode", 1, Some(10)),
            ("qualificationCode", 1, Some(6)),
            ("linkedQualificationForFeesFree", 0, Some(6)),
            ("irdNumber", 0, Some(11)),
        ],
        identifiers: &["localId", "studentIdentificationCode", "qualificationCode"],
    };
    const CHECKS: &'static [(&'static Rule, RecordCheck<Self>)] = &[
        (&QC_003, required_fields::<WireQualificationCompletion>),
        (&QC_004, text_lengths::<WireQualificationCompletion>),
        (
            &QC_006,
            printable_identifiers::<WireQualificationCompletion>,
        ),
        (&QC_008, nsn_positive),
        (&QC_009, qualification_characters),
        (&QC_010, not_non_formal),
        (&QC_011, qualification_length),
        (&QC_012, plausible_year),
        (&QC_013, completion_date_given),
        (&QC_014, completion_date_in_year),
        (&QC_015, linked_qualification),
        (&QC_016, ird_form),
        (&QC_017, ird_check_digit),
        (&QC_018, non_formal_form),
    ];

    type Key<'a> = (&'a str, &'a str);

    fn presence(&self) -> u32 {
        bits([
            self.local_id.is_some(),
            self.student_identification_code.is_some(),
            self.national_student_number.is_some(),
            self.qualification_code.is_some(),
            self.year_requirements_met.is_some(),
            self.qualification_completion_date.is_some(),
            self.linked_qualification_for_fees_free.is_some(),
            self.ird_number.is_some(),
        ])
    }

    fn text(&self, name: &str) -> Option<&str> {
        match name {
            "localId" => self.local_id.as_deref(),
            "studentIdentificationCode" => self.student_identification_code.as_deref(),
            "qualificationCode" => self.qualification_code.as_deref(),
            "linkedQualificationForFeesFree" => self.linked_qualification_for_fees_free.as_deref(),
            "irdNumber" => self.ird_number.as_deref(),
            _ => None,
        }
    }

    type Facts = ();

    fn facts(&self) {}

    fn key(&self) -> Option<(&str, &str)> {
        Some((
            self.student_identification_code
                .as_deref()
                .filter(|code| !code.is_empty())?,
            self.qualification_code
                .as_deref()
                .filter(|code| !code.is_empty())?,
        ))
    }

    fn describe_key((student, qualification): &(&str, &str)) -> String {
        format!(
            "learner (studentIdentificationCode {}) and qualification {}",
            Shown(student),
            Shown(qualification)
        )
    }

    fn student_identification_code(&self) -> Option<&str> {
        self.student_identification_code.as_deref()
    }
}

/// A text field's value, when it is present, non-empty and within its length (QC-004 reports
/// the others).
fn text<'a>(record: &Completion<'a>, name: &str) -> Option<&'a str> {
    record
        .wire
        .text(name)
        .filter(|text| !text.is_empty() && fits::<WireQualificationCompletion>(name, text))
}

fn nsn_positive(record: &Completion<'_>, sink: &mut Sink<'_>) {
    common::nsn_positive(&QC_008, record.wire.national_student_number, sink);
}

fn qualification_characters(record: &Completion<'_>, sink: &mut Sink<'_>) {
    common::qualification_characters(&QC_009, text(record, "qualificationCode"), sink);
}

fn not_non_formal(record: &Completion<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "qualificationCode") else {
        return;
    };
    if is_non_formal_form(code) {
        sink.report(
            &QC_010,
            "qualificationCode",
            format_args!(
                "qualificationCode {} is a non-formal education code; spec 003 does not require \
                 non-formal education in the qualification completion file, so this completion \
                 may be left out (it does not reject the return)",
                Shown(code)
            ),
        );
    }
}

fn non_formal_form(record: &Completion<'_>, sink: &mut Sink<'_>) {
    common::non_formal_qualification(&QC_018, text(record, "qualificationCode"), sink);
}

fn qualification_length(record: &Completion<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "qualificationCode") else {
        return;
    };
    // Codes of another shape are QC-004's, QC-009's, QC-010's or QC-018's.
    if code.len() == 6 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) || is_g_digits(code) {
        return;
    }
    sink.report(
        &QC_011,
        "qualificationCode",
        format_args!(
            "qualificationCode {} has {} characters; codes in the SDR Qualifications Register \
             have six",
            Shown(code),
            code.len()
        ),
    );
}

fn plausible_year(record: &Completion<'_>, sink: &mut Sink<'_>) {
    let Some(year) = record.wire.year_requirements_met else {
        return;
    };
    let latest = record.return_year.unwrap_or(LATEST_YEAR);
    if (EARLIEST_COMPLETION_YEAR..=latest).contains(&year) {
        return;
    }
    let expected = match record.return_year {
        Some(return_year) => {
            format!("a year from {EARLIEST_COMPLETION_YEAR} to the return year, {return_year}")
        }
        None => format!("a year, CCYY, from {EARLIEST_COMPLETION_YEAR} to {LATEST_YEAR}"),
    };
    sink.report(
        &QC_012,
        "yearRequirementsMet",
        format_args!("yearRequirementsMet is {year}; expected {expected}"),
    );
}

fn completion_date_given(record: &Completion<'_>, sink: &mut Sink<'_>) {
    if record.wire.qualification_completion_date.is_none()
        && !record.is_unreadable("qualificationCompletionDate")
    {
        sink.report(
            &QC_013,
            "qualificationCompletionDate",
            format_args!(
                "qualificationCompletionDate is missing; the date the requirements were met is \
                 mandatory from the August 2025 return"
            ),
        );
    }
}

fn completion_date_in_year(record: &Completion<'_>, sink: &mut Sink<'_>) {
    let (Some(date), Some(year)) = (
        record.wire.qualification_completion_date,
        record.wire.year_requirements_met,
    ) else {
        return;
    };
    let date = date.date_naive();
    if date.year() != year {
        sink.report(
            &QC_014,
            "qualificationCompletionDate",
            format_args!(
                "qualificationCompletionDate {date} is in {}, but yearRequirementsMet is {year}; \
                 both say when the requirements were met",
                date.year()
            ),
        );
    }
}

fn linked_qualification(record: &Completion<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "linkedQualificationForFeesFree") else {
        return;
    };
    if let Some(c) = first_disallowed(code, |c| c.is_ascii_alphanumeric()) {
        sink.report(
            &QC_015,
            "linkedQualificationForFeesFree",
            format_args!(
                "linkedQualificationForFeesFree {} contains {}; a qualification code has letters \
                 and digits only (e.g. PC4000)",
                Shown(code),
                ShownChar(c)
            ),
        );
    }
}

fn ird_form(record: &Completion<'_>, sink: &mut Sink<'_>) {
    common::ird_form(&QC_016, text(record, "irdNumber"), sink);
}

fn ird_check_digit(record: &Completion<'_>, sink: &mut Sink<'_>) {
    common::ird_check_digit(&QC_017, text(record, "irdNumber"), sink);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent() {
        super::super::assert_registry_consistent::<WireQualificationCompletion>(&RULES);
        super::super::assert_presence_follows_the_field_table::<WireQualificationCompletion>();
    }
}
