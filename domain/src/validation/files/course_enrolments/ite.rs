//! Initial Teacher Education (ITE) fields.
//!
//! Spec 003: the ITE fields are "optional until 2026 and a warning will be displayed until then.
//! From 2026 we will introduce validation rules to ensure data for these fields is provided for
//! ITE-approved qualifications." So every ITE rule here is a warning for enrolments starting
//! before 2026 and an error from 2026 (`error_from_year`), the year taken from courseStartDate.
//!
//! Judgement calls: spec 003 ties the sector to "the qualification NZSCED"; the enrolment carries
//! the course's NZSCED field, which is what is checked. ITE subjects come from a classification
//! that is not public, so a subject is checked for what the spec and the funder's files make
//! certain (present, at most 40 characters, printable, no `;` — the separator of the funder's
//! multi-value columns), not for membership or an alpha-numeric character set that real subject
//! names ("Te Reo Māori", "Technology – Digital") may not meet.

use std::collections::HashMap;

use chrono::Datelike;

use super::Enrolment;
use crate::SdrFile;
use crate::codes::{IteNzsced, IteSector};
use crate::course_enrolment::WireEnrolment;
use crate::validation::files::FileRecordReport;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::{Shown, Sink};
use crate::validation::{Problem, Severity};

/// The year from which the ITE rules are errors.
const ITE_ERRORS_FROM: i32 = 2026;
/// Spec 003: "Up to four values can be entered."
const MAX_SUBJECTS: usize = 4;
/// Spec 003: "Length: 40".
const MAX_SUBJECT_CHARS: usize = 40;

pub(crate) const CE_031: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-031",
    "iteSector",
    Severity::Warning,
    Check::FileRecord,
    "iteSector is given when nzscedFieldOfStudy is an Initial Teacher Education field: \
     070101, 070103, 070105, 070108, 070118, 070120, 070122, 070124, 070126 or 070128 \
     (with or without the leading zero; spec 003 writes 70101).",
)
.error_from(ITE_ERRORS_FROM);

pub(crate) const CE_032: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-032",
    "iteSector",
    Severity::Warning,
    Check::FileRecord,
    "iteSector, when given, is 1 (Early Childhood), 2 (Primary) or 3 (Secondary).",
)
.error_from(ITE_ERRORS_FROM);

pub(crate) const CE_033: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-033",
    "iteSubject",
    Severity::Warning,
    Check::FileRecord,
    "At least one iteSubject is given when iteSector is 3 (Secondary).",
)
.error_from(ITE_ERRORS_FROM);

pub(crate) const CE_034: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-034",
    "iteSubject",
    Severity::Warning,
    Check::FileRecord,
    "iteSubject has at most four values.",
)
.error_from(ITE_ERRORS_FROM);

pub(crate) const CE_035: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-035",
    "iteSubject",
    Severity::Warning,
    Check::FileRecord,
    "Each iteSubject value is a subject of at most 40 characters: not blank, no control \
     characters, and no semicolon (the separator of the funder's multi-value columns; \
     give each subject as its own array value).",
)
.error_from(ITE_ERRORS_FROM);

pub(crate) const CE_036: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-036",
    "iteSector",
    Severity::Warning,
    Check::FileRecord,
    "iteSector should match an ITE field of study that teaches one sector (e.g. 070105 \
     Secondary with sector 3); spec 003: qualifications that cover more than one \
     sector should use 070108 (Teacher Education: General). A warning: a \"should\".",
);

pub(crate) const CE_041: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-041",
    "*",
    Severity::Warning,
    Check::Batch,
    "The same iteSector and iteSubject values are used for each of a learner's course \
     enrolments in a qualification (same studentIdentificationCode and \
     qualificationCode), as spec 003 requires: each enrolment of the group whose values \
     differ from the first one that carries ITE values gets the problem (a missing \
     value differs too). Checked across the records checked together: a \
     request's batch, or a whole submission when all its records are checked at once.",
)
.error_from(ITE_ERRORS_FROM);

pub(super) fn sector_for_ite_field(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    if view.ite_sector().is_some() || record.is_unreadable("iteSector") {
        return;
    }
    let Some(ite) = view.nzsced().and_then(IteNzsced::find) else {
        return;
    };
    sink.report(
        &CE_031,
        "iteSector",
        format_args!(
            "iteSector is missing; nzscedFieldOfStudy {} ({}) is an Initial Teacher Education field, \
             so the ITE sector is needed: 1 (Early Childhood), 2 (Primary) or 3 (Secondary) — a \
             warning for courses starting before {ITE_ERRORS_FROM}, an error from {ITE_ERRORS_FROM}",
            ite.code(),
            ite.meaning
        ),
    );
}

pub(super) fn sector_code(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(sector) = view.ite_sector() else {
        return;
    };
    if IteSector::from_code(sector).is_none() {
        sink.report(
            &CE_032,
            "iteSector",
            format_args!(
                "iteSector {sector} is not an ITE sector; expected 1 (Early Childhood), 2 (Primary) \
                 or 3 (Secondary)"
            ),
        );
    }
}

pub(super) fn subject_for_secondary(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    if view.ite_sector() != Some(IteSector::Secondary.code()) || record.is_unreadable("iteSubject")
    {
        return;
    }
    if view.ite_subject().is_none_or(<[String]>::is_empty) {
        sink.report(
            &CE_033,
            "iteSubject",
            format_args!(
                "iteSubject is missing; at least one ITE subject (the curriculum subject areas the \
                 learner studies) is needed when iteSector is 3 (Secondary)"
            ),
        );
    }
}

pub(super) fn at_most_four_subjects(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(subjects) = view.ite_subject() else {
        return;
    };
    if subjects.len() > MAX_SUBJECTS {
        sink.report(
            &CE_034,
            "iteSubject",
            format_args!(
                "iteSubject has {} values; at most {MAX_SUBJECTS} are allowed",
                subjects.len()
            ),
        );
    }
}

pub(super) fn subjects_in_form(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(subjects) = view.ite_subject() else {
        return;
    };
    for (position, subject) in subjects.iter().enumerate() {
        let number = position + 1;
        let chars = subject.chars().count();
        let fault = if subject.trim().is_empty() {
            Some("is blank; each subject has 1 to 40 characters".to_owned())
        } else if chars > MAX_SUBJECT_CHARS {
            Some(format!(
                "has {chars} characters; at most {MAX_SUBJECT_CHARS} are allowed"
            ))
        } else if let Some(c) = subject.chars().find(|c| c.is_control()) {
            Some(format!(
                "contains a control character (U+{:04X})",
                u32::from(c)
            ))
        } else if subject.contains(';') {
            Some(
                "contains ';', the separator of the funder's files; give each subject as its own \
                 array value"
                    .to_owned(),
            )
        } else {
            None
        };
        if let Some(fault) = fault {
            sink.report(
                &CE_035,
                "iteSubject",
                format_args!("iteSubject value {number} {} {fault}", Shown(subject)),
            );
            return;
        }
    }
}

pub(super) fn sector_matches_field(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let (Some(given), Some(ite)) = (
        view.ite_sector().and_then(IteSector::from_code),
        view.nzsced().and_then(IteNzsced::find),
    ) else {
        return;
    };
    let Some(expected) = ite.sector else { return };
    if given != expected {
        sink.report(
            &CE_036,
            "iteSector",
            format_args!(
                "iteSector is {} ({}) but nzscedFieldOfStudy {} ({}) teaches the {} sector; \
                 qualifications covering more than one sector should use 070108 (Teacher Education: \
                 General)",
                given.code(),
                given.meaning(),
                ite.code(),
                ite.meaning,
                expected.meaning()
            ),
        );
    }
}

fn same_subjects(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // The same subjects in the same order, the common case, need no sorting.
    if a == b {
        return true;
    }
    // The order of subjects carries no meaning.
    let mut a: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut b: Vec<&str> = b.iter().map(String::as_str).collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

struct Sector(Option<i32>);

impl std::fmt::Display for Sector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(sector) => write!(f, "{sector}"),
            None => f.write_str("missing"),
        }
    }
}

struct Subjects<'a>(&'a [String]);

impl std::fmt::Display for Subjects<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            subjects if !subjects.is_empty() => {
                for (position, subject) in subjects.iter().enumerate() {
                    if position > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", Shown(subject))?;
                }
                Ok(())
            }
            _ => f.write_str("missing"),
        }
    }
}

/// What CE-041 compares of an enrolment, wherever the enrolment comes from: a typed record of a
/// batch, or the key fields of a stored one.
pub(crate) struct IteValues<'a> {
    /// The record's number in its batch, or its position in its file of the submission.
    pub index: usize,
    pub local_id: &'a str,
    pub student: &'a str,
    pub qualification: &'a str,
    /// The year the enrolment starts, when known (the stricter severity applies otherwise).
    pub start_year: Option<i32>,
    pub sector: Option<i32>,
    /// The subjects; none and an empty list are the same.
    pub subjects: &'a [String],
}

impl<'a> IteValues<'a> {
    /// Whether the enrolment carries ITE values (a sector, or at least one subject).
    fn is_given(&self) -> bool {
        self.sector.is_some() || !self.subjects.is_empty()
    }

    /// The values of a record of a batch at `index`, when it names its learner and
    /// qualification (and has a localId to be reported under).
    fn of(index: usize, record: &'a WireEnrolment) -> Option<Self> {
        Some(IteValues {
            index,
            local_id: record.local_id.as_deref()?,
            student: record.student_identification_code.as_deref()?,
            qualification: record.qualification_code.as_deref()?,
            start_year: record
                .course_start_date
                .map(|start| start.date_naive().year()),
            sector: record.ite_sector,
            subjects: record.ite_subject.as_deref().unwrap_or_default(),
        })
    }
}

/// CE-041 for one record of a group: its problems when its ITE values differ from those of
/// `first`, the group's first record carrying ITE values (none when they agree). `whose` says
/// where `first` is, for the message: "record 3 (localId 'E-1')"; it is asked only when the
/// values differ.
fn compare_ite_values(
    record: &IteValues<'_>,
    first: &IteValues<'_>,
    whose: impl Fn(&IteValues<'_>) -> String,
    problems: &mut Vec<Problem>,
) {
    let sector_differs = record.sector != first.sector;
    let subjects_differ = !same_subjects(record.subjects, first.subjects);
    if !sector_differs && !subjects_differ {
        return;
    }
    let whose = whose(first);
    let mut sink = Sink::new(
        record.index,
        Some(record.local_id),
        record.start_year,
        problems,
    );
    let same_learner = format!(
        "{whose} for the same learner (studentIdentificationCode {}) and qualification {}; the \
         same ITE values must be used for each of the learner's course enrolments in the \
         qualification",
        Shown(record.student),
        Shown(record.qualification)
    );
    if sector_differs {
        sink.report(
            &CE_041,
            "iteSector",
            format_args!(
                "iteSector is {} here but {} in {same_learner}",
                Sector(record.sector),
                Sector(first.sector)
            ),
        );
    }
    if subjects_differ {
        sink.report(
            &CE_041,
            "iteSubject",
            format_args!(
                "iteSubject is {} here but {} in {same_learner}",
                Subjects(record.subjects),
                Subjects(first.subjects)
            ),
        );
    }
}

/// CE-041 over the enrolments of a batch or of a stored submission, `values[i]` being what the
/// rule reads of the i-th (`None` for one it cannot read): in each group of enrolments with the
/// same studentIdentificationCode and qualificationCode, every enrolment's ITE values equal
/// those of the group's first enrolment that carries any. One hash-map pass; `whose` names that
/// first enrolment for the message. Gives each problem with the position of its enrolment.
pub(crate) fn ite_disagreements(
    values: &[Option<IteValues<'_>>],
    whose: impl Fn(&IteValues<'_>) -> String,
) -> Vec<(usize, Problem)> {
    let mut first_in_group: HashMap<(&str, &str), usize> = HashMap::new();
    for (position, values) in values.iter().enumerate() {
        if let Some(values) = values.as_ref().filter(|values| values.is_given()) {
            first_in_group
                .entry((values.student, values.qualification))
                .or_insert(position);
        }
    }
    let mut found = Vec::new();
    if first_in_group.is_empty() {
        return found;
    }
    let mut problems = Vec::new();
    for (position, record) in values.iter().enumerate() {
        let Some(record) = record else { continue };
        let Some(reference) = first_in_group
            .get(&(record.student, record.qualification))
            .filter(|&&first| first != position)
            .and_then(|&first| values[first].as_ref())
        else {
            continue;
        };
        compare_ite_values(record, reference, &whose, &mut problems);
        found.extend(problems.drain(..).map(|problem| (position, problem)));
    }
    found
}

/// CE-041 within a batch.
pub(super) fn consistent_ite_values(
    records: &[Option<WireEnrolment>],
    reports: &mut [FileRecordReport],
) {
    let values: Vec<Option<IteValues<'_>>> = records
        .iter()
        .zip(reports.iter())
        .map(|(record, report)| {
            record
                .as_ref()
                .and_then(|record| IteValues::of(report.index, record))
        })
        .collect();
    let found = ite_disagreements(&values, |first| {
        format!("record {} (localId {})", first.index, Shown(first.local_id))
    });
    drop(values);
    for (position, problem) in found {
        reports[position].problems.push(problem);
    }
}
