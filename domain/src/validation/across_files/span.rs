//! Courses longer than a year (X13): a data-accuracy flag, not a rejection.

use chrono::Months;

use super::{Context, Out};
use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};

/// The longest a course may run before it is flagged.
const LONGEST: Months = Months::new(12);

/// Judgement call: "spanning more than 12 months" is read on the calendar: the end date is later
/// than the same day twelve months after the start (23 Feb 2026 to 23 Feb 2027 passes, to 24
/// Feb 2027 is flagged; a start on 29 February counts to 28 February). Only the enrolment's own
/// dates are needed; it runs with the submission's rules because the funder flags it in its
/// data accuracy report on the whole return.
pub(crate) const XF_013: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-013",
    "courseEndDate",
    Severity::Warning,
    Check::Batch,
    "A course enrolment spans at most 12 months: courseEndDate is not later than the \
     same day twelve months after courseStartDate (dates as written). A warning: the \
     funder's data accuracy report flags longer courses, which affect the retention \
     EPI, without rejecting them (domain spec §3.1, X13, and §3.2).",
);

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let (Some(start), Some(end)) = (enrolment.start, enrolment.end) else {
            continue;
        };
        let Some(year_later) = start.checked_add_months(LONGEST) else {
            continue;
        };
        if end > year_later {
            out.report(
                &XF_013,
                SdrFile::CourseEnrolments,
                position,
                "courseEndDate",
                format_args!(
                    "the course runs from courseStartDate {start} to courseEndDate {end}, more \
                     than 12 months (past {year_later}); the funder flags such enrolments in its \
                     data accuracy report, as they affect the retention EPI: check the dates"
                ),
            );
        }
    }
}
