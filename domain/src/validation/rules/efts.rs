//! EFTS: the course EFTS factor and its spread over the months of the course.
//!
//! Spec 003: "The value is calculated by evenly dividing the course EFTS factor by the number of
//! calendar months the learner is enrolled, irrespective of which day in the month the course
//! starts or ends. The formula is: Course EFTS factor ÷ Course Finish Month − Course Start Month
//! (inclusive)". So `eftsByMonth` has one value per calendar month from the start month to the
//! end month inclusive, across a year end too (Nov 2026–Feb 2027 is four months).
//!
//! Judgement calls, both so that no correct return is refused:
//!
//! - **Rounding.** The funder says round each month down to four decimal places; vendors round
//!   and put the remainder in the last month. Both must pass, so the values must add up to the
//!   factor within 0.0001 per value (the most round-down can lose).
//! - **The twelve-month layout.** The funder's file guidance (domain spec §2.2) reports twelve
//!   values, January to December of the return year, with 0.0000 for months without enrolment,
//!   and only the return year's months of a course spanning two years. An enrolment does not say
//!   which year is the return year, so twelve values are also accepted when, read as
//!   January–December of a year the course runs in, the months outside the course are 0 and the
//!   values carry that year's share of the factor (factor × course months in the year ÷ course
//!   months), within 0.0001 per course month.

use chrono::{Datelike, NaiveDate};

use super::support::{Month, MonthSpan, fits_decimal, month_index, months_spanned};
use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule};
use crate::validation::sink::Sink;
use crate::validation::view::RecordView;

pub(crate) const CE_021: Rule = Rule {
    code: "CE-021",
    file: SdrFile::CourseEnrolments,
    field: "eftsByMonth",
    severity: Severity::Error,
    error_from_year: None,
    description: "eftsByMonth has one value per calendar month the course spans, from the month of \
                  courseStartDate to the month of courseEndDate inclusive, across a year end too \
                  (Nov 2026–Feb 2027 is 4 values). Also accepted: 12 values for January–December of \
                  a year the course runs in, with 0 for the months outside the course (the \
                  funder's file layout).",
    check: Check::Record(one_value_per_month),
};

pub(crate) const CE_022: Rule = Rule {
    code: "CE-022",
    file: SdrFile::CourseEnrolments,
    field: "eftsByMonth",
    severity: Severity::Error,
    error_from_year: None,
    description: "The eftsByMonth values add up to courseEftsFactor within 0.0001 per value, so \
                  that both rounding each month down (the funder's rule) and putting the remainder \
                  in the last month (vendors' practice) pass. In the 12-value layout the values \
                  carry the year's share of the factor: factor × course months in the year ÷ \
                  course months. Checked only when the number of values fits the course (CE-021).",
    check: Check::Record(values_add_up),
};

pub(crate) const CE_023: Rule = Rule {
    code: "CE-023",
    file: SdrFile::CourseEnrolments,
    field: "eftsByMonth",
    severity: Severity::Error,
    error_from_year: None,
    description: "Each eftsByMonth value is Numeric(1,4): 0 to 9.9999 with at most four decimal \
                  places (e.g. 0.0010).",
    check: Check::Record(month_values_in_form),
};

pub(crate) const CE_024: Rule = Rule {
    code: "CE-024",
    file: SdrFile::CourseEnrolments,
    field: "courseEftsFactor",
    severity: Severity::Error,
    error_from_year: None,
    description: "courseEftsFactor is Numeric(1,4): 0 to 9.9999 with at most four decimal places \
                  (e.g. 0.0125).",
    check: Check::Record(factor_in_form),
};

/// Numeric(1,4): the largest value with one digit before the point and four after.
const NUMERIC_1_4_MAX: f64 = 9.9999;
/// The most a month's value can lose when rounded down to four decimal places.
const PER_VALUE_TOLERANCE: f64 = 0.0001;
/// Slack for binary floating point when adding many four-decimal values.
const FLOAT_SLACK: f64 = 1e-9;
/// A twelve-value month outside the course counts as empty below this (0.0000 to 4 dp).
const EMPTY_MONTH: f64 = 0.00005;
/// How many calendar years of a long course the twelve-value layout is tried against; courses
/// do not run for decades, and the bound keeps a nonsense date range cheap.
const MAX_LAYOUT_YEARS: i32 = 20;

fn tolerance(values: i64) -> f64 {
    values as f64 * PER_VALUE_TOLERANCE + FLOAT_SLACK
}

fn plural(count: i64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A course whose dates are in order.
#[derive(Clone, Copy)]
struct Course {
    start: NaiveDate,
    end: NaiveDate,
    months: i64,
}

impl Course {
    fn of(view: &RecordView<'_>) -> Option<Course> {
        let (start, end) = (view.start?, view.end?);
        // Dates the wrong way round are CE-012's; there is no course to spread EFTS over.
        (end >= start).then(|| Course {
            start,
            end,
            months: months_spanned(start, end),
        })
    }

    fn years(self) -> impl Iterator<Item = i32> {
        let last = self
            .end
            .year()
            .min(self.start.year().saturating_add(MAX_LAYOUT_YEARS));
        self.start.year()..=last
    }

    fn runs_in(self, year: i32, month0: usize) -> bool {
        let index = i64::from(year) * 12 + month0 as i64;
        (month_index(self.start)..=month_index(self.end)).contains(&index)
    }

    fn months_in(self, year: i32) -> i64 {
        (0..12).filter(|&month0| self.runs_in(year, month0)).count() as i64
    }

    /// In the twelve-value layout for `year`, the first month outside the course that is not
    /// empty.
    fn first_stray_month(self, values: &[f64], year: i32) -> Option<(usize, f64)> {
        values
            .iter()
            .copied()
            .enumerate()
            .find(|&(month0, value)| !self.runs_in(year, month0) && value.abs() >= EMPTY_MONTH)
    }

    /// The year for which `values` is a twelve-value layout with empty months outside the
    /// course and the year's share of `factor`.
    fn calendar_layout_adds_up(self, values: &[f64], sum: f64, factor: f64) -> bool {
        values.len() == 12
            && self.years().any(|year| {
                let share = factor * self.months_in(year) as f64 / self.months as f64;
                self.first_stray_month(values, year).is_none()
                    && (sum - share).abs() <= tolerance(self.months)
            })
    }

    /// The month `offset` months after the start month.
    fn nth_month(self, offset: usize) -> Option<NaiveDate> {
        let index = month_index(self.start).checked_add(i64::try_from(offset).ok()?)?;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
        NaiveDate::from_ymd_opt(year, month, 1)
    }
}

fn one_value_per_month(view: &RecordView<'_>, sink: &mut Sink<'_>) {
    let (Some(course), Some(values)) = (Course::of(view), view.efts_by_month) else {
        return;
    };
    let count = values.len() as i64;
    if count == course.months {
        return;
    }
    let span = MonthSpan(course.start, course.end);
    let months = course.months;
    if count == 12 {
        if course
            .years()
            .any(|year| course.first_stray_month(values, year).is_none())
        {
            return;
        }
        let year = course.start.year();
        if let Some((month0, value)) = course.first_stray_month(values, year) {
            let stray = NaiveDate::from_ymd_opt(year, month0 as u32 + 1, 1).map(Month);
            let stray = stray.map(|m| m.to_string()).unwrap_or_default();
            sink.report(
                &CE_021,
                "eftsByMonth",
                format_args!(
                    "eftsByMonth has 12 values but the course runs {months} month{}, {span}; read as \
                     January–December {year}, {stray} has {value:.4} although the course does not \
                     run then. Give one value per course month ({months} value{}), or 12 values \
                     for January–December with 0 for the months outside the course",
                    plural(months),
                    plural(months)
                ),
            );
            return;
        }
    }
    sink.report(
        &CE_021,
        "eftsByMonth",
        format_args!(
            "eftsByMonth has {count} value{} but the course runs {months} month{}, {span}; give one \
             value per calendar month from the start month to the end month",
            plural(count),
            plural(months)
        ),
    );
}

fn values_add_up(view: &RecordView<'_>, sink: &mut Sink<'_>) {
    let (Some(course), Some(values), Some(factor)) = (
        Course::of(view),
        view.efts_by_month,
        view.course_efts_factor,
    ) else {
        return;
    };
    let count = values.len() as i64;
    let sum: f64 = values.iter().sum();
    if count == course.months {
        let allowed = tolerance(count);
        if (sum - factor).abs() <= allowed || course.calendar_layout_adds_up(values, sum, factor) {
            return;
        }
        sink.report(
            &CE_022,
            "eftsByMonth",
            format_args!(
                "eftsByMonth adds up to {sum:.4} but courseEftsFactor is {factor:.4}; the {count} \
                 monthly value{} must add up to the factor within {:.4} (0.0001 per value)",
                plural(count),
                allowed - FLOAT_SLACK
            ),
        );
    } else if count == 12 {
        if course.calendar_layout_adds_up(values, sum, factor) {
            return;
        }
        // When no year fits the layout, CE-021 has reported the stray months.
        let Some(year) = course
            .years()
            .find(|&year| course.first_stray_month(values, year).is_none())
        else {
            return;
        };
        let in_year = course.months_in(year);
        let share = factor * in_year as f64 / course.months as f64;
        sink.report(
            &CE_022,
            "eftsByMonth",
            format_args!(
                "eftsByMonth's 12 values for January–December {year} add up to {sum:.4}, but the \
                 course's {in_year} of {} months in {year} should carry {share:.4} of \
                 courseEftsFactor {factor:.4} (within {:.4})",
                course.months,
                tolerance(course.months) - FLOAT_SLACK
            ),
        );
    }
}

fn month_values_in_form(view: &RecordView<'_>, sink: &mut Sink<'_>) {
    let Some(values) = view.efts_by_month else {
        return;
    };
    let mut bad = values
        .iter()
        .enumerate()
        .filter(|(_, value)| !fits_decimal(**value, 0.0, NUMERIC_1_4_MAX, 4));
    let Some((position, value)) = bad.next() else {
        return;
    };
    let others = bad.count();
    let month = Course::of(view)
        .filter(|course| course.months == values.len() as i64)
        .and_then(|course| course.nth_month(position))
        .map(|month| format!(" ({})", Month(month)))
        .unwrap_or_default();
    let more = match others {
        0 => String::new(),
        1 => " (1 more value is out of form too)".to_owned(),
        _ => format!(" ({others} more values are out of form too)"),
    };
    sink.report(
        &CE_023,
        "eftsByMonth",
        format_args!(
            "eftsByMonth value {}{month} is {value}; each month's EFTS is 0 to 9.9999 with at most \
             four decimal places{more}",
            position + 1
        ),
    );
}

fn factor_in_form(view: &RecordView<'_>, sink: &mut Sink<'_>) {
    let Some(factor) = view.course_efts_factor else {
        return;
    };
    if !fits_decimal(factor, 0.0, NUMERIC_1_4_MAX, 4) {
        sink.report(
            &CE_024,
            "courseEftsFactor",
            format_args!(
                "courseEftsFactor is {factor}; expected 0 to 9.9999 with at most four decimal \
                 places (e.g. 0.0125)"
            ),
        );
    }
}
