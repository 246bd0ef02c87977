//! The course register's rules, CR-001 to CR-021.
//!
//! Judgement calls, where the public material is silent:
//!
//! - **A year in the course code.** A register record has no dates, so CR-009 looks for the
//!   return year and the years either side of it (a register serves enrolments that started
//!   the year before or end the year after); without the return year it does nothing.
//! - **Discounted fees.** The funder validates the discounted fees "only when supplied"; a
//!   discounted fee above the undiscounted one is a warning, since a discount cannot raise it.
//! - **Learning hours and the volume research factor** (added August 2025) have no published
//!   limits; only a negative value is refused.

use super::common::{self, NUMERIC_8_2_MAX, contains_year};
use super::shape::{fits, printable_identifiers, required_fields, text_lengths};
use super::{FileWire, Record, RecordCheck, Shape, bits, rule};
use crate::SdrFile;
use crate::course::WireCourse;
use crate::validation::Severity::{Error, Warning};
use crate::validation::rule::{Check, Rule};
use crate::validation::sink::{Shown, ShownChar, Sink};
use crate::validation::support::{first_control, first_disallowed, fits_decimal};

const FILE: SdrFile = SdrFile::Courses;
const RECORD: Check = Check::FileRecord;

pub(crate) const CR_001: Rule = rule(
    FILE,
    "CR-001",
    "",
    Error,
    Check::Read,
    "The record is a JSON object that can be read: not malformed JSON, not an array or a plain \
     value, no field given twice. Nothing else can be checked on an unreadable record; the other \
     records of the batch are still checked.",
);

pub(crate) const CR_002: Rule = rule(
    FILE,
    "CR-002",
    "*",
    Error,
    Check::Read,
    "Each field has its JSON type: text for string fields, a whole number within int32 for \
     levelOnNzqcf and credit, a number for the classification, the EFTS factor, the fees, \
     learningHours and volumeResearchFactor, and true/false for the two indicators. Every \
     wrongly typed field is reported; unknown extra fields are ignored.",
);

pub(crate) const CR_003: Rule = rule(
    FILE,
    "CR-003",
    "*",
    Error,
    RECORD,
    "Every REQUIRED field is supplied (not missing, not null): localId, courseCode, courseTitle, \
     qualificationCode, courseClassification, nzscedFieldOfStudy, levelOnNzqcf, credit, \
     fundingCategory and courseEftsFactor.",
);

pub(crate) const CR_004: Rule = rule(
    FILE,
    "CR-004",
    "*",
    Error,
    RECORD,
    "Text fields have their lengths, counted in characters: localId at least 1; courseCode \
     1–20; courseTitle 1–75; qualificationCode 1–6; nzscedFieldOfStudy 1–6; fundingCategory \
     1–2.",
);

pub(crate) const CR_005: Rule = rule(
    FILE,
    "CR-005",
    "localId",
    Error,
    Check::Batch,
    "Each course of a batch has its own localId. The second and later records with a localId \
     already used get the problem.",
);

pub(crate) const CR_006: Rule = rule(
    FILE,
    "CR-006",
    "*",
    Error,
    RECORD,
    "localId, courseCode and courseTitle contain no control characters (tabs, line breaks, \
     other non-printing characters): they would corrupt the funder's CSV files, and a course \
     code must match its enrolments byte for byte.",
);

pub(crate) const CR_007: Rule = rule(
    FILE,
    "CR-007",
    "",
    Error,
    Check::Batch,
    "A course appears once in the register: no two records have the same courseCode (every \
     course of the enrolment file appears once, and once only, in the course register). The \
     second and later records get the problem.",
);

pub(crate) const CR_008: Rule = rule(
    FILE,
    "CR-008",
    "courseCode",
    Warning,
    RECORD,
    "courseCode should be alpha-numeric (e.g. ECON112). A warning, not an error: TEOs' course \
     codes often carry separators, and the enrolments must only repeat the code exactly.",
);

pub(crate) const CR_009: Rule = rule(
    FILE,
    "CR-009",
    "courseCode",
    Warning,
    RECORD,
    "courseCode should not contain the year the course is taught (\"the code should contain no \
     reference to dates or years\"). Flagged when the code contains the return year, or the year \
     before or after it; checked when the return year is known.",
);

pub(crate) const CR_010: Rule = rule(
    FILE,
    "CR-010",
    "qualificationCode",
    Error,
    RECORD,
    "qualificationCode has letters and digits only: a six alpha-numeric code from the SDR \
     Qualifications Register (e.g. PC4001).",
);

pub(crate) const CR_011: Rule = rule(
    FILE,
    "CR-011",
    "qualificationCode",
    Error,
    RECORD,
    "A qualificationCode of G followed by digits is a non-formal education code and has one of \
     the two forms: G9999 (40 teaching hours or less) or GFFSSX, G and five digits (more than \
     40 hours; e.g. G48017).",
);

pub(crate) const CR_012: Rule = rule(
    FILE,
    "CR-012",
    "qualificationCode",
    Warning,
    RECORD,
    "qualificationCode should have six characters; G9999 is the one five-character code. A \
     warning: the register, not the length, decides.",
);

pub(crate) const CR_013: Rule = rule(
    FILE,
    "CR-013",
    "courseClassification",
    Error,
    RECORD,
    "courseClassification is Numeric(3,1): 0 to 99.9 with at most one decimal place (e.g. \
     13.1), a value from the funder's course classifications.",
);

pub(crate) const CR_014: Rule = rule(
    FILE,
    "CR-014",
    "nzscedFieldOfStudy",
    Error,
    RECORD,
    "nzscedFieldOfStudy has digits only: NZSCED codes are numbers (e.g. 091901; the leading \
     zero may be left out).",
);

pub(crate) const CR_015: Rule = rule(
    FILE,
    "CR-015",
    "levelOnNzqcf",
    Error,
    RECORD,
    "levelOnNzqcf is a level of the New Zealand Qualifications and Credentials Framework, 1 to \
     10.",
);

pub(crate) const CR_016: Rule = rule(
    FILE,
    "CR-016",
    "credit",
    Error,
    RECORD,
    "credit is 0 to 999 (three digits; one credit is ten notional learning hours).",
);

pub(crate) const CR_017: Rule = rule(
    FILE,
    "CR-017",
    "fundingCategory",
    Error,
    RECORD,
    "fundingCategory has letters and digits only (e.g. A2). The classification itself is not \
     public, so membership is not checked.",
);

pub(crate) const CR_018: Rule = rule(
    FILE,
    "CR-018",
    "courseEftsFactor",
    Error,
    RECORD,
    "courseEftsFactor is Numeric(1,4): 0 to 9.9999 with at most four decimal places (e.g. \
     0.0125).",
);

pub(crate) const CR_019: Rule = rule(
    FILE,
    "CR-019",
    "*",
    Error,
    RECORD,
    "courseTuitionFee, compulsoryCourseCostsFee, discountedCourseTuitionFee and \
     discountedCompulsoryCourseCostsFee, when given, are Numeric(8,2) dollars including GST: 0 \
     to 999999.99 with at most two decimal places.",
);

pub(crate) const CR_020: Rule = rule(
    FILE,
    "CR-020",
    "*",
    Warning,
    RECORD,
    "A discounted fee is not above the fee it discounts: discountedCourseTuitionFee not above \
     courseTuitionFee, discountedCompulsoryCourseCostsFee not above compulsoryCourseCostsFee \
     (when both are given).",
);

pub(crate) const CR_021: Rule = rule(
    FILE,
    "CR-021",
    "*",
    Error,
    RECORD,
    "learningHours and volumeResearchFactor, when given, are not negative.",
);

/// Every course register rule, in code order.
pub(crate) static RULES: [&Rule; 21] = [
    &CR_001, &CR_002, &CR_003, &CR_004, &CR_005, &CR_006, &CR_007, &CR_008, &CR_009, &CR_010,
    &CR_011, &CR_012, &CR_013, &CR_014, &CR_015, &CR_016, &CR_017, &CR_018, &CR_019, &CR_020,
    &CR_021,
];

type Course<'a> = Record<'a, WireCourse>;

impl FileWire for WireCourse {
    const FILE: SdrFile = FILE;
    const SHAPE: Shape = Shape {
        noun: "course",
        unreadable: &CR_001,
        wrong_type: &CR_002,
        required: &CR_003,
        lengths: &CR_004,
        repeated_local_id: &CR_005,
        printable: &CR_006,
        repeated_key: &CR_007,
        key_reason: "each course appears once, and once only, in the course register",
        text_limits: &[
            ("localId", 1, None),
            ("courseCode", 1, Some(20)),
            ("courseTitle", 1, Some(75)),
            ("qualificationCode", 1, Some(6)),
            ("nzscedFieldOfStudy", 1, Some(6)),
            ("fundingCategory", 1, Some(2)),
        ],
        identifiers: &["localId", "courseCode", "courseTitle"],
    };
    const CHECKS: &'static [(&'static Rule, RecordCheck<Self>)] = &[
        (&CR_003, required_fields::<WireCourse>),
        (&CR_004, text_lengths::<WireCourse>),
        (&CR_006, printable_identifiers::<WireCourse>),
        (&CR_008, course_code_characters),
        (&CR_009, course_code_year),
        (&CR_010, qualification_characters),
        (&CR_011, non_formal_qualification),
        (&CR_012, qualification_length),
        (&CR_013, classification),
        (&CR_014, nzsced_digits),
        (&CR_015, level),
        (&CR_016, credit),
        (&CR_017, funding_category),
        (&CR_018, efts_factor),
        (&CR_019, fees),
        (&CR_020, discounts),
        (&CR_021, hours_and_research),
    ];

    type Key<'a> = &'a str;

    fn presence(&self) -> u32 {
        bits([
            self.local_id.is_some(),
            self.course_code.is_some(),
            self.course_title.is_some(),
            self.qualification_code.is_some(),
            self.course_classification.is_some(),
            self.nzsced_field_of_study.is_some(),
            self.level_on_nzqcf.is_some(),
            self.credit.is_some(),
            self.funding_category.is_some(),
            self.course_efts_factor.is_some(),
            self.course_tuition_fee.is_some(),
            self.compulsory_course_costs_fee.is_some(),
            self.pbrf_eligible_course_indicator.is_some(),
            self.course_exemption_from_amfm.is_some(),
            self.discounted_course_tuition_fee.is_some(),
            self.discounted_compulsory_course_costs_fee.is_some(),
            self.learning_hours.is_some(),
            self.volume_research_factor.is_some(),
        ])
    }

    fn text(&self, name: &str) -> Option<&str> {
        match name {
            "localId" => self.local_id.as_deref(),
            "courseCode" => self.course_code.as_deref(),
            "courseTitle" => self.course_title.as_deref(),
            "qualificationCode" => self.qualification_code.as_deref(),
            "nzscedFieldOfStudy" => self.nzsced_field_of_study.as_deref(),
            "fundingCategory" => self.funding_category.as_deref(),
            _ => None,
        }
    }

    type Facts = ();

    fn facts(&self) {}

    fn key(&self) -> Option<&str> {
        self.course_code.as_deref().filter(|code| !code.is_empty())
    }

    fn describe_key(key: &&str) -> String {
        format!("courseCode {}", Shown(key))
    }

    fn student_identification_code(&self) -> Option<&str> {
        None
    }
}

/// A text field's value, when it is present and within its length (CR-004 reports the others).
fn text<'a>(record: &Course<'a>, name: &str) -> Option<&'a str> {
    record
        .wire
        .text(name)
        .filter(|text| fits::<WireCourse>(name, text))
}

fn course_code_characters(record: &Course<'_>, sink: &mut Sink<'_>) {
    let Some(code) = text(record, "courseCode") else {
        return;
    };
    if code.bytes().all(|b| b.is_ascii_alphanumeric()) || first_control(code).is_some() {
        // Control characters are CR-006's.
        return;
    }
    if let Some(c) = first_disallowed(code, char::is_alphanumeric) {
        sink.report(
            &CR_008,
            "courseCode",
            format_args!(
                "courseCode {} contains {}; a course code is alpha-numeric (letters and digits, \
                 e.g. ECON112), and its enrolments must repeat it exactly",
                Shown(code),
                ShownChar(c)
            ),
        );
    }
}

fn course_code_year(record: &Course<'_>, sink: &mut Sink<'_>) {
    let (Some(code), Some(year)) = (text(record, "courseCode"), record.return_year) else {
        return;
    };
    if let Some(found) = [year, year - 1, year + 1]
        .into_iter()
        .find(|&candidate| contains_year(code, candidate))
    {
        sink.report(
            &CR_009,
            "courseCode",
            format_args!(
                "courseCode {} contains the year {found}; the course code should identify the \
                 course whatever year it is taught (e.g. ECON112), not one year's offering",
                Shown(code)
            ),
        );
    }
}

fn qualification_characters(record: &Course<'_>, sink: &mut Sink<'_>) {
    common::qualification_characters(&CR_010, text(record, "qualificationCode"), sink);
}

fn non_formal_qualification(record: &Course<'_>, sink: &mut Sink<'_>) {
    common::non_formal_qualification(&CR_011, text(record, "qualificationCode"), sink);
}

fn qualification_length(record: &Course<'_>, sink: &mut Sink<'_>) {
    // Codes of another shape are CR-004's, CR-010's or CR-011's.
    common::qualification_length(&CR_012, text(record, "qualificationCode"), sink);
}

fn classification(record: &Course<'_>, sink: &mut Sink<'_>) {
    common::classification(&CR_013, record.wire.course_classification, sink);
}

fn nzsced_digits(record: &Course<'_>, sink: &mut Sink<'_>) {
    common::nzsced_digits(&CR_014, text(record, "nzscedFieldOfStudy"), sink);
}

fn level(record: &Course<'_>, sink: &mut Sink<'_>) {
    let Some(level) = record.wire.level_on_nzqcf else {
        return;
    };
    if !(1..=10).contains(&level) {
        sink.report(
            &CR_015,
            "levelOnNzqcf",
            format_args!(
                "levelOnNzqcf is {level}; the New Zealand Qualifications and Credentials Framework \
                 has levels 1 to 10"
            ),
        );
    }
}

fn credit(record: &Course<'_>, sink: &mut Sink<'_>) {
    let Some(credit) = record.wire.credit else {
        return;
    };
    if !(0..=999).contains(&credit) {
        sink.report(
            &CR_016,
            "credit",
            format_args!("credit is {credit}; expected 0 to 999 credits"),
        );
    }
}

fn funding_category(record: &Course<'_>, sink: &mut Sink<'_>) {
    common::funding_category(&CR_017, text(record, "fundingCategory"), sink);
}

fn efts_factor(record: &Course<'_>, sink: &mut Sink<'_>) {
    common::efts_factor(&CR_018, record.wire.course_efts_factor, sink);
}

fn fee_fields(wire: &WireCourse) -> [(&'static str, Option<f64>); 4] {
    [
        ("courseTuitionFee", wire.course_tuition_fee),
        ("compulsoryCourseCostsFee", wire.compulsory_course_costs_fee),
        (
            "discountedCourseTuitionFee",
            wire.discounted_course_tuition_fee,
        ),
        (
            "discountedCompulsoryCourseCostsFee",
            wire.discounted_compulsory_course_costs_fee,
        ),
    ]
}

fn is_fee(value: f64) -> bool {
    fits_decimal(value, 0.0, NUMERIC_8_2_MAX, 2)
}

fn fees(record: &Course<'_>, sink: &mut Sink<'_>) {
    for (name, fee) in fee_fields(record.wire) {
        common::fee(&CR_019, name, fee, sink);
    }
}

fn discounts(record: &Course<'_>, sink: &mut Sink<'_>) {
    let [tuition, costs, discounted_tuition, discounted_costs] = fee_fields(record.wire);
    for ((name, discounted), (full_name, full)) in
        [(discounted_tuition, tuition), (discounted_costs, costs)]
    {
        let (Some(discounted), Some(full)) = (discounted, full) else {
            continue;
        };
        // Fees out of form are CR-019's.
        if is_fee(discounted) && is_fee(full) && discounted > full {
            sink.report(
                &CR_020,
                name,
                format_args!(
                    "{name} is {discounted:.2}, more than {full_name} {full:.2}; a discount \
                     lowers the fee"
                ),
            );
        }
    }
}

fn hours_and_research(record: &Course<'_>, sink: &mut Sink<'_>) {
    let values = [
        ("learningHours", record.wire.learning_hours),
        ("volumeResearchFactor", record.wire.volume_research_factor),
    ];
    for (name, value) in values {
        let Some(value) = value else { continue };
        // NaN cannot come from JSON, but is no count of hours either.
        if value < 0.0 || value.is_nan() {
            sink.report(
                &CR_021,
                name,
                format_args!("{name} is {value}; expected a value of 0 or more"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent() {
        super::super::assert_registry_consistent::<WireCourse>(&RULES);
        super::super::assert_presence_follows_the_field_table::<WireCourse>();
    }
}
