//! The two fields spec 003 calls mandatory without marking them REQUIRED.
//!
//! `secondarySchoolProgrammeIndicator` ("Type of enrolment: D … This field is mandatory") and
//! `actualCourseFee` ("This field is mandatory") are optional in the schema. They are mandatory
//! for type D enrolments (learners in a formal qualification above 0.03 EFTS), and the type is
//! decided from all of the learner's enrolments, which one enrolment cannot know: so a missing
//! value is a warning, and a value that is present is checked like any other.

use super::Enrolment;
use crate::SdrFile;
use crate::codes::SecondarySchoolProgramme;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::{Shown, Sink};

pub(crate) const CE_037: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-037",
    "*",
    Severity::Warning,
    Check::FileRecord,
    "secondarySchoolProgrammeIndicator and actualCourseFee are given. Spec 003 calls \
     both mandatory but does not mark them REQUIRED: they are mandatory for type D \
     enrolments, which cannot be told from one enrolment, so a missing value is a \
     warning.",
);

pub(crate) const CE_038: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-038",
    "secondarySchoolProgrammeIndicator",
    Severity::Error,
    Check::FileRecord,
    "secondarySchoolProgrammeIndicator, when given, is Y (the course is part of the \
     learner's secondary school programme) or N (it is not).",
);

pub(super) fn mandatory_fields(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    // An empty indicator is within the schema's "length ≤ 1" and says nothing either.
    let indicator_given = view
        .secondary_school_programme_indicator()
        .is_some_and(|code| !code.is_empty());
    let fee_given = view.actual_course_fee().is_some();
    for (name, given) in [
        ("secondarySchoolProgrammeIndicator", indicator_given),
        ("actualCourseFee", fee_given),
    ] {
        if !given && !record.is_unreadable(name) {
            sink.report(
                &CE_037,
                name,
                format_args!(
                    "{name} is missing; spec 003 makes it mandatory for type D enrolments \
                     (learners in a formal qualification of more than 0.03 EFTS in total)"
                ),
            );
        }
    }
}

pub(super) fn secondary_school_code(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.secondary_school_programme_indicator() else {
        return;
    };
    // Empty is CE-037's, longer than one character CE-004's.
    if code.is_empty() || code.chars().nth(1).is_some() {
        return;
    }
    if SecondarySchoolProgramme::parse(code).is_none() {
        sink.report(
            &CE_038,
            "secondarySchoolProgrammeIndicator",
            format_args!(
                "secondarySchoolProgrammeIndicator {} is not Y or N; expected Y (part of the \
                 learner's secondary school programme) or N",
                Shown(code)
            ),
        );
    }
}
