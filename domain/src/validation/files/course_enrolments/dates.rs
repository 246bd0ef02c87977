//! The course dates. Dates are compared as the sender wrote them (the calendar date in the
//! sender's own offset), never shifted to UTC: a course starting 2026-02-23 in New Zealand
//! starts on the 23rd even though it is still the 22nd in UTC.

use chrono::Datelike;

use super::Enrolment;
use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Sink;

pub(crate) const CE_012: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-012",
    "courseEndDate",
    Severity::Error,
    Check::FileRecord,
    "courseEndDate is not before courseStartDate (spec 003: the end date of instruction \
     and/or examination; a course spanning the end of the academic year ends in the \
     following year).",
);

pub(crate) const CE_013: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-013",
    "studentsCourseWithdrawalDate",
    Severity::Error,
    Check::FileRecord,
    "studentsCourseWithdrawalDate, when given, falls within the course: not before \
     courseStartDate and not after courseEndDate (spec 003: the withdrawal of a \
     confirmed enrolment from the course).",
);

pub(crate) const CE_043: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-043",
    "courseStartDate",
    Severity::Error,
    Check::FileRecord,
    "courseStartDate falls in the year of the return or the year before (spec 003: \
     the start date of the learner's course in the current or previous academic \
     year). Checked when the return is known (an upload to a submission, the \
     validation of a return), not in a dry run of records alone.",
);

pub(super) fn starts_in_the_return_year_or_the_one_before(
    record: &Enrolment<'_>,
    sink: &mut Sink<'_>,
) {
    let (Some(return_year), Some(start)) = (record.return_year, record.facts.start) else {
        return;
    };
    let year = start.year();
    if year == return_year || year == return_year - 1 {
        return;
    }
    let when = if year > return_year {
        "after the return's year"
    } else {
        "more than a year before the return's"
    };
    sink.report(
        &CE_043,
        "courseStartDate",
        format_args!(
            "courseStartDate {start} is in {year}, {when}; an enrolment in the {return_year} \
             return starts in {return_year} or {} (spec 003: the current or previous academic \
             year)",
            return_year - 1
        ),
    );
}

pub(super) fn end_after_start(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let facts = record.facts;
    if let (Some(start), Some(end)) = (facts.start, facts.end)
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
    let facts = record.facts;
    let Some(withdrawal) = facts.withdrawal else {
        return;
    };
    // With the course dates the wrong way round (CE-012) there is no course to fall within.
    if let (Some(start), Some(end)) = (facts.start, facts.end)
        && end < start
    {
        return;
    }
    if let Some(start) = facts.start.filter(|&start| withdrawal < start) {
        sink.report(
            &CE_013,
            "studentsCourseWithdrawalDate",
            format_args!(
                "studentsCourseWithdrawalDate {withdrawal} is before courseStartDate {start}; a \
                 withdrawal falls within the course"
            ),
        );
    } else if let Some(end) = facts.end.filter(|&end| withdrawal > end) {
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
