//! EFTS: the course EFTS factor and its spread over the months of the course.
//!
//! Spec 003: "The value is calculated by evenly dividing the course EFTS factor by the number of
//! calendar months the learner is enrolled, irrespective of which day in the month the course
//! starts or ends. The formula is: Course EFTS factor ÷ Course Finish Month − Course Start Month
//! (inclusive)". The funder's guidance adds that each month's value is rounded down to four
//! decimal places.
//!
//! Two forms of `eftsByMonth` are accepted:
//!
//! - **Spec 003's form**: one value per calendar month from the start month to the end month
//!   inclusive, across a year end too (Nov 2026–Feb 2027 is four values).
//! - **The return-file form**: twelve values, January to December of a year the course runs in
//!   (the return year; an enrolment does not say which year that is, so each year the course
//!   runs in is tried), 0 for the months outside the course, and for a course spanning two years
//!   only that year's months (SDR domain specification §2.2).
//!
//! In both, each course month carries the factor divided by the number of course months (of the
//! whole course), rounded to four decimal places. Spec 003 says only "rounded to four decimal
//! places"; the funder's guidance rounds down. So that no return a student management system
//! produces correctly is refused, every way of rounding that spec 003's words allow is
//! accepted: rounded down in every month, rounded to the nearest ten-thousandth in every month
//! (0.125 over three months as 0.0417 each, although they add up to 0.1251), and either of
//! those with the remainder put in the last course month (the factor less the other months), as
//! a vendor's sample data does (0.1167 over ten months: nine × 0.0117 and 0.0114). Only values
//! that no rounding explains are errors. The values are compared exactly, in ten-thousandths.

use chrono::{Datelike, NaiveDate};

use super::Enrolment;
use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::files::common::{self, NUMERIC_1_4_MAX};
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Sink;
use crate::validation::support::{Month, MonthSpan, fits_decimal, month_index, months_spanned};

pub(crate) const CE_021: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-021",
    "eftsByMonth",
    Severity::Error,
    Check::FileRecord,
    "eftsByMonth has one of two forms: spec 003's, one value per calendar month the \
     course spans, from the month of courseStartDate to the month of courseEndDate \
     inclusive, across a year end too (Nov 2026–Feb 2027 is 4 values); or the return \
     file's, 12 values for January–December of a year the course runs in, with 0 for \
     the months outside the course.",
);

pub(crate) const CE_022: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-022",
    "eftsByMonth",
    Severity::Error,
    Check::FileRecord,
    "Each course month of eftsByMonth (in either form) is courseEftsFactor divided by \
     the number of calendar months of the whole course, rounded to four decimal \
     places (spec 003): rounded down, as the funder does, or to the nearest 0.0001, \
     in every month; or either of those with the last course month holding the \
     remainder (the factor less the other months). Only values no rounding explains \
     are errors. Checked when the number of values fits the course (CE-021) and \
     every value and the factor have four decimal places (CE-023, CE-024).",
);

pub(crate) const CE_023: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-023",
    "eftsByMonth",
    Severity::Error,
    Check::FileRecord,
    "Each eftsByMonth value is Numeric(1,4): 0 to 9.9999 with at most four decimal \
     places (e.g. 0.0010).",
);

pub(crate) const CE_024: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-024",
    "courseEftsFactor",
    Severity::Error,
    Check::FileRecord,
    "courseEftsFactor is Numeric(1,4): 0 to 9.9999 with at most four decimal places \
     (e.g. 0.0125).",
);

/// EFTS values are compared in ten-thousandths, their fourth decimal place.
const UNITS_PER_EFTS: f64 = 10_000.0;
/// How many calendar years of a long course the twelve-value layout is tried against; courses
/// do not run for decades, and the bound keeps a nonsense date range cheap.
const MAX_LAYOUT_YEARS: i32 = 20;

fn plural(count: i64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A value of four decimal places in ten-thousandths; `None` for any other value (CE-023 and
/// CE-024 report those).
fn units(value: f64) -> Option<i64> {
    fits_decimal(value, 0.0, NUMERIC_1_4_MAX, 4).then(|| (value * UNITS_PER_EFTS).round() as i64)
}

/// Ten-thousandths as a value, for a message.
struct Efts(i64);

impl std::fmt::Display for Efts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.4}", self.0 as f64 / UNITS_PER_EFTS)
    }
}

/// One accepted way of spreading the factor: every course month but the last carries
/// `regular`, the last carries `last`.
#[derive(Clone, Copy, PartialEq)]
struct Spread {
    regular: i64,
    last: i64,
}

impl Spread {
    /// The value of course month `offset` (from 0) of a course of `months` months.
    fn month(self, offset: i64, months: i64) -> i64 {
        if offset == months - 1 {
            self.last
        } else {
            self.regular
        }
    }
}

/// The spreads accepted for a factor of `factor` ten-thousandths over `months` months: rounded
/// down in every month (the funder's rule), rounded down with the remainder in the last month,
/// rounded to nearest with the remainder in the last month, and rounded to nearest in every
/// month (spec 003 says only "rounded to four decimal places").
fn spreads(factor: i64, months: i64) -> [Spread; 4] {
    let down = factor / months;
    let nearest = (2 * factor + months) / (2 * months);
    let remainder = |regular: i64| factor - regular * (months - 1);
    let nearest_last = remainder(nearest);
    [
        Spread {
            regular: down,
            last: down,
        },
        Spread {
            regular: down,
            last: remainder(down),
        },
        // Rounding up can leave nothing for the last month: then it is not a spread.
        if nearest_last >= 0 {
            Spread {
                regular: nearest,
                last: nearest_last,
            }
        } else {
            Spread {
                regular: down,
                last: down,
            }
        },
        Spread {
            regular: nearest,
            last: nearest,
        },
    ]
}

/// A course whose dates are in order.
#[derive(Clone, Copy)]
struct Course {
    start: NaiveDate,
    end: NaiveDate,
    months: i64,
}

impl Course {
    fn of(record: &Enrolment<'_>) -> Option<Course> {
        let (start, end) = (record.facts.start?, record.facts.end?);
        // Dates the wrong way round are CE-012's; there is no course to spread EFTS over.
        (end >= start).then(|| Course {
            start,
            end,
            months: months_spanned(start, end),
        })
    }

    fn years(self) -> impl Iterator<Item = i32> + Clone {
        let last = self
            .end
            .year()
            .min(self.start.year().saturating_add(MAX_LAYOUT_YEARS));
        self.start.year()..=last
    }

    /// The course month (from 0) that `month0` of `year` is, if the course runs then.
    fn offset(self, year: i32, month0: usize) -> Option<i64> {
        let index = i64::from(year) * 12 + month0 as i64;
        let offset = index - month_index(self.start);
        (0..self.months).contains(&offset).then_some(offset)
    }

    fn runs_in(self, year: i32, month0: usize) -> bool {
        self.offset(year, month0).is_some()
    }

    /// In the twelve-value layout for `year`, the first month outside the course that is not
    /// empty.
    fn first_stray_month(self, values: &[f64], year: i32) -> Option<(usize, f64)> {
        values
            .iter()
            .copied()
            .enumerate()
            .find(|&(month0, value)| !self.runs_in(year, month0) && value != 0.0)
    }

    /// The first of `values` (in spec 003's form, each of four decimal places) that differs from
    /// `spread`: (position, value found, value expected), in ten-thousandths.
    fn first_mismatch(self, values: &[f64], spread: Spread) -> Option<(usize, i64, i64)> {
        values.iter().enumerate().find_map(|(at, &value)| {
            let value = units(value).unwrap_or(-1);
            let expected = spread.month(at as i64, self.months);
            (value != expected).then_some((at, value, expected))
        })
    }

    /// The first month of the twelve-value layout for `year` that differs from `spread`:
    /// (month from 0, value found, value expected). Months outside the course expect 0.
    fn first_calendar_mismatch(
        self,
        values: &[f64],
        year: i32,
        spread: Spread,
    ) -> Option<(usize, i64, i64)> {
        values.iter().enumerate().find_map(|(month0, &value)| {
            let value = units(value).unwrap_or(-1);
            let expected = self
                .offset(year, month0)
                .map_or(0, |offset| spread.month(offset, self.months));
            (value != expected).then_some((month0, value, expected))
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

pub(super) fn one_value_per_month(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let (Some(course), Some(values)) = (Course::of(record), view.efts_by_month()) else {
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

/// What the funder's spread of `factor` over `months` months is, for a message.
fn expected_spread(factor: i64, months: i64) -> String {
    let [down, with_remainder, _, nearest] = spreads(factor, months);
    let last = if with_remainder.last == down.last {
        String::new()
    } else {
        format!(
            "; the last month may instead hold the remainder, {}",
            Efts(with_remainder.last)
        )
    };
    let rounded = if nearest.regular == down.regular {
        format!("{} a month", Efts(down.regular))
    } else {
        format!(
            "{} a month rounded down, as the funder does, or {} rounded to the nearest",
            Efts(down.regular),
            Efts(nearest.regular)
        )
    };
    format!(
        "courseEftsFactor {} over {months} month{} is {rounded}{last}",
        Efts(factor),
        plural(months)
    )
}

pub(super) fn values_add_up(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let (Some(course), Some(values), Some(factor)) = (
        Course::of(record),
        view.efts_by_month(),
        view.course_efts_factor().and_then(units),
    ) else {
        return;
    };
    let count = values.len() as i64;
    if count != course.months && count != 12 {
        return;
    }
    // Values out of form are CE-023's.
    if !values.iter().all(|&value| units(value).is_some()) {
        return;
    }
    let accepted = spreads(factor, course.months);
    if count == course.months
        && accepted
            .iter()
            .any(|&spread| course.first_mismatch(values, spread).is_none())
    {
        return;
    }
    // The years whose twelve-value layout has no EFTS outside the course.
    let mut layout_years = course
        .years()
        .filter(|&year| count == 12 && course.first_stray_month(values, year).is_none());
    if count == 12
        && layout_years.clone().any(|year| {
            accepted.iter().any(|&spread| {
                course
                    .first_calendar_mismatch(values, year, spread)
                    .is_none()
            })
        })
    {
        return;
    }
    if count == course.months {
        let Some((at, value, wanted)) = course.first_mismatch(values, accepted[0]) else {
            return;
        };
        let expected = expected_spread(factor, course.months);
        let month = course
            .nth_month(at)
            .map(|month| format!(" ({})", Month(month)))
            .unwrap_or_default();
        sink.report(
            &CE_022,
            "eftsByMonth",
            format_args!(
                "eftsByMonth value {}{month} is {}, expected {}: {expected}",
                at + 1,
                Efts(value),
                Efts(wanted)
            ),
        );
    } else if let Some(year) = layout_years.next() {
        // When no year fits the layout, CE-021 has reported the stray months.
        let Some((month0, value, wanted)) =
            course.first_calendar_mismatch(values, year, accepted[0])
        else {
            return;
        };
        let expected = expected_spread(factor, course.months);
        let month = NaiveDate::from_ymd_opt(year, month0 as u32 + 1, 1)
            .map(|month| Month(month).to_string())
            .unwrap_or_default();
        sink.report(
            &CE_022,
            "eftsByMonth",
            format_args!(
                "eftsByMonth's 12 values for January–December {year}: {month} is {}, expected {}: \
                 {expected}",
                Efts(value),
                Efts(wanted)
            ),
        );
    }
}

pub(super) fn month_values_in_form(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(values) = view.efts_by_month() else {
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
    let month = Course::of(record)
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

pub(super) fn factor_in_form(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    common::efts_factor(&CE_024, view.course_efts_factor(), sink);
}
