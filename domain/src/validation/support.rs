//! Small helpers the rules of every file share: lengths, decimal places, month arithmetic, month labels.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// The number of characters (not bytes: `ā` is one) in `text`, counting only when the byte
/// length says it could exceed `max`.
pub(crate) fn exceeds_chars(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

const SCALES: [f64; 5] = [1.0, 10.0, 100.0, 1_000.0, 10_000.0];

/// How far a scaled value may sit from a whole number and still count as one: binary floating
/// point cannot hold 0.1167 exactly (×10⁴ gives 1166.9999999999998), and values up to
/// 999999.99 × 10² stay far inside this margin.
const WHOLE_TOLERANCE: f64 = 1e-6;

/// Whether `value` is within `min..=max` and has at most `decimals` decimal places (0 to 4).
/// NaN fails. `min` must not be negative, and `max` × 10^decimals must fit an `i64`, which
/// every bound of the record does by far.
pub(crate) fn fits_decimal(value: f64, min: f64, max: f64, decimals: usize) -> bool {
    if !(min..=max).contains(&value) {
        return false;
    }
    let scaled = value * SCALES[decimals.min(SCALES.len() - 1)];
    // Nearest whole number of a non-negative value, by truncation: a single instruction, where
    // `f64::round` is a library call on the baseline x86-64 target.
    let nearest = (scaled + 0.5) as i64 as f64;
    (scaled - nearest).abs() <= WHOLE_TOLERANCE
}

/// The number of calendar months from `start`'s month to `end`'s month inclusive (0 or less
/// when `end` is in an earlier month). Days of the month are ignored, as spec 003's EFTS by
/// Month formula ignores them.
pub(crate) fn months_spanned(start: NaiveDate, end: NaiveDate) -> i64 {
    let years = i64::from(end.year()) - i64::from(start.year());
    years * 12 + i64::from(end.month()) - i64::from(start.month()) + 1
}

/// The month index (year × 12 + month − 1) of a date, for comparing months.
pub(crate) fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month as a data officer reads it: `Feb 2026`.
pub(crate) struct Month(pub NaiveDate);

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            MONTHS[self.0.month0() as usize % 12],
            self.0.year()
        )
    }
}

/// The months a course runs: `Feb–May 2026`, `Nov 2026–Feb 2027`, or `Mar 2026`.
pub(crate) struct MonthSpan(pub NaiveDate, pub NaiveDate);

impl fmt::Display for MonthSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let MonthSpan(start, end) = *self;
        if month_index(start) == month_index(end) {
            write!(f, "{}", Month(start))
        } else if start.year() == end.year() {
            write!(f, "{}–{}", MONTHS[start.month0() as usize % 12], Month(end))
        } else {
            write!(f, "{}–{}", Month(start), Month(end))
        }
    }
}

/// The first control character (C0, DEL or C1) in `text`, with its position in characters.
/// Printable ASCII, by far the usual case, is settled byte by byte without decoding.
pub(crate) fn first_control(text: &str) -> Option<(usize, char)> {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return None;
    }
    text.chars().enumerate().find(|(_, c)| c.is_control())
}

/// The first character for which `allowed` is false, if any.
pub(crate) fn first_disallowed(text: &str, allowed: impl Fn(char) -> bool) -> Option<char> {
    text.chars().find(|&c| !allowed(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn decimal_places_survive_binary_floating_point() {
        assert!(fits_decimal(0.1167, 0.0, 9.9999, 4));
        assert!(fits_decimal(0.0125, 0.0, 9.9999, 4));
        assert!(fits_decimal(9.9999, 0.0, 9.9999, 4));
        assert!(fits_decimal(999_999.99, 0.0, 999_999.99, 2));
        assert!(fits_decimal(13.1, 0.0, 99.9, 1));
        assert!(!fits_decimal(0.12345, 0.0, 9.9999, 4));
        assert!(!fits_decimal(13.15, 0.0, 99.9, 1));
        assert!(!fits_decimal(10.0, 0.0, 9.9999, 4));
        assert!(!fits_decimal(-0.0001, 0.0, 9.9999, 4));
        assert!(!fits_decimal(f64::NAN, 0.0, 9.9999, 4));
        assert!(fits_decimal(0.0, 0.0, 9.9999, 4));
        assert!(fits_decimal(0.00005 * 2.0, 0.0, 9.9999, 4));
        assert!(!fits_decimal(0.00005, 0.0, 9.9999, 4));
        assert!(!fits_decimal(0.99995, 0.0, 9.9999, 4));
    }

    #[test]
    fn months_count_calendar_months_inclusive_across_year_ends() {
        assert_eq!(months_spanned(d(2026, 2, 23), d(2026, 5, 1)), 4);
        assert_eq!(months_spanned(d(2026, 3, 1), d(2026, 3, 31)), 1);
        assert_eq!(months_spanned(d(2026, 11, 30), d(2027, 2, 1)), 4);
        assert_eq!(months_spanned(d(2026, 1, 1), d(2026, 12, 31)), 12);
        assert_eq!(months_spanned(d(2026, 5, 1), d(2026, 4, 30)), 0);
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(
            MonthSpan(d(2026, 2, 1), d(2026, 5, 1)).to_string(),
            "Feb–May 2026"
        );
        assert_eq!(
            MonthSpan(d(2026, 11, 1), d(2027, 2, 1)).to_string(),
            "Nov 2026–Feb 2027"
        );
        assert_eq!(
            MonthSpan(d(2026, 3, 1), d(2026, 3, 9)).to_string(),
            "Mar 2026"
        );
    }

    #[test]
    fn control_characters_are_found_in_ascii_and_beyond() {
        assert_eq!(first_control("ECON112"), None);
        assert_eq!(first_control("Māori ā"), None);
        assert_eq!(first_control("A\tB"), Some((1, '\t')));
        assert_eq!(first_control("ā\u{7f}"), Some((1, '\u{7f}')));
        assert_eq!(first_control("āa\u{85}"), Some((2, '\u{85}')));
    }
}
