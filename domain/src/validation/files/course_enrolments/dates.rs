//! The course dates. Dates are compared as the sender wrote them (the calendar date in the
//! sender's own offset), never shifted to UTC: a course starting 2026-02-23 in New Zealand
//! starts on the 23rd even though it is still the 22nd in UTC.

use super::Enrolment;
use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule};
use crate::validation::sink::Sink;

pub(crate) const CE_012: Rule = Rule {
    code: "CE-012",
    file: SdrFile::CourseEnrolments,
    field: "courseEndDate",
    severity: Severity::Error,
    error_from_year: None,
    description: "courseEndDate is not before courseStartDate (spec 003: the end date of instruction \
                  and/or examination; a course spanning the end of the academic year ends in the \
                  following year).",
    check: Check::FileRecord,
};

pub(crate) const CE_013: Rule = Rule {
    code: "CE-013",
    file: SdrFile::CourseEnrolments,
    field: "studentsCourseWithdrawalDate",
    severity: Severity::Error,
    error_from_year: None,
    description: "studentsCourseWithdrawalDate, when given, falls within the course: not before \
                  courseStartDate and not after courseEndDate (spec 003: the withdrawal of a \
                  confirmed enrolment from the course).",
    check: Check::FileRecord,
};

pub(super) fn end_after_start(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    if let (Some(start), Some(end)) = (view.start(), view.end())
        && end < start
    {
        sink.report(
            &CE_012,
            "courseEndDate",
            format_args!("courseEndDate {end} is before courseStartDate {start}"),
        );
    }
}

pub(super) fn withdrawal_within_course(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(withdrawal) = view.withdrawal() else {
        return;
    };
    // With the course dates the wrong way round (CE-012) there is no course to fall within.
    if let (Some(start), Some(end)) = (view.start(), view.end())
        && end < start
    {
        return;
    }
    if let Some(start) = view.start().filter(|&start| withdrawal < start) {
        sink.report(
            &CE_013,
            "studentsCourseWithdrawalDate",
            format_args!(
                "studentsCourseWithdrawalDate {withdrawal} is before courseStartDate {start}; a \
                 withdrawal falls within the course"
            ),
        );
    } else if let Some(end) = view.end().filter(|&end| withdrawal > end) {
        sink.report(
            &CE_013,
            "studentsCourseWithdrawalDate",
            format_args!(
                "studentsCourseWithdrawalDate {withdrawal} is after courseEndDate {end}; a \
                 withdrawal falls within the course"
            ),
        );
    }
}
