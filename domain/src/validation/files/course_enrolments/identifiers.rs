//! Qualification and course codes.

use chrono::Datelike;

use super::Enrolment;
use super::fits;
use crate::SdrFile;
use crate::course_enrolment::WireEnrolment;
use crate::validation::Severity;
use crate::validation::files::common;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::{Shown, ShownChar, Sink};
use crate::validation::support::{first_control, first_disallowed};

pub(crate) const CE_007: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-007",
    "qualificationCode",
    Severity::Error,
    Check::FileRecord,
    "qualificationCode has letters and digits only: spec 003 calls it a six \
     alpha-numeric code from the SDR Qualifications Register (e.g. PC4001).",
);

pub(crate) const CE_008: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-008",
    "qualificationCode",
    Severity::Error,
    Check::FileRecord,
    "A qualificationCode of G followed by digits is a non-formal education code and \
     must have one of spec 003's two forms: G9999 (community, continuing and general \
     education of 40 teaching hours or less) or GFFSSX, G and five digits (more than \
     40 hours; e.g. G48017).",
);

pub(crate) const CE_009: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-009",
    "qualificationCode",
    Severity::Warning,
    Check::FileRecord,
    "qualificationCode should have six characters (spec 003: \"the value should be a \
     six alpha-numeric code\"); G9999 is the one five-character code. A warning: the \
     register, not the length, decides.",
);

pub(crate) const CE_010: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-010",
    "courseCode",
    Severity::Warning,
    Check::FileRecord,
    "courseCode should be alpha-numeric (spec 003: Type Alpha-Numeric, e.g. ECON112). A \
     warning, not an error: TEOs' course codes often carry separators such as a space, \
     a hyphen or a full stop, and the course register, which must hold the identical \
     code, is the authority.",
);

pub(crate) const CE_011: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-011",
    "courseCode",
    Severity::Warning,
    Check::FileRecord,
    "courseCode should not contain the year the course is taught (spec 003: \"the code \
     should contain no reference to dates or years\"). Flagged when the code contains \
     the four-digit year of courseStartDate or courseEndDate.",
);

/// The qualificationCode, when it is within its length (CE-004 reports the others).
fn qualification_code(view: &WireEnrolment) -> Option<&str> {
    view.qualification_code()
        .filter(|code| fits("qualificationCode", code))
}

pub(super) fn qualification_characters(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    common::qualification_characters(&CE_007, qualification_code(view), sink);
}

pub(super) fn non_formal_qualification(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    common::non_formal_qualification(&CE_008, qualification_code(view), sink);
}

pub(super) fn qualification_length(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    // Codes of another shape are reported by CE-004, CE-007 or CE-008.
    common::qualification_length(&CE_009, qualification_code(view), sink);
}

pub(super) fn course_code_characters(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.course_code() else {
        return;
    };
    if code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return;
    }
    // Control characters are CE-006's; letters with macrons are letters.
    if !fits("courseCode", code) || first_control(code).is_some() {
        return;
    }
    if let Some(c) = first_disallowed(code, char::is_alphanumeric) {
        sink.report(
            &CE_010,
            "courseCode",
            format_args!(
                "courseCode {} contains {}; spec 003 defines the course code as alpha-numeric \
                 (letters and digits, e.g. ECON112), and it must match the course register exactly",
                Shown(code),
                ShownChar(c)
            ),
        );
    }
}

/// The four ASCII digits of a year from 1000 to 9999, without allocating.
fn year_digits(year: i32) -> Option<[u8; 4]> {
    let year = u16::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let digit = |n: u16| b'0' + u8::try_from(n % 10).unwrap_or(0);
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
    ])
}

pub(super) fn course_code_year(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.course_code() else {
        return;
    };
    // A year needs four digits in a row; most codes have three at most.
    let has_four_digits = code
        .as_bytes()
        .windows(4)
        .any(|window| window.iter().all(u8::is_ascii_digit));
    if !has_four_digits {
        return;
    }
    let start = record.facts.start.map(|d| d.year());
    let end = record
        .facts
        .end
        .map(|d| d.year())
        .filter(|&end| Some(end) != start);
    for year in [start, end].into_iter().flatten() {
        let Some(digits) = year_digits(year) else {
            continue;
        };
        if code.as_bytes().windows(4).any(|window| window == digits) {
            sink.report(
                &CE_011,
                "courseCode",
                format_args!(
                    "courseCode {} contains the year {year}; the course code should identify the \
                     course whatever year it is taught (e.g. ECON112), not one year's offering",
                    Shown(code)
                ),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::files::common::is_g_digits;

    #[test]
    fn years_become_their_digits() {
        assert_eq!(year_digits(2026), Some(*b"2026"));
        assert_eq!(year_digits(1999), Some(*b"1999"));
        assert_eq!(year_digits(999), None);
        assert_eq!(year_digits(10_000), None);
        assert_eq!(year_digits(-2026), None);
    }

    #[test]
    fn g_digit_codes_are_recognised() {
        assert!(is_g_digits("G9999"));
        assert!(is_g_digits("G48017"));
        assert!(is_g_digits("g123"));
        assert!(!is_g_digits("G"));
        assert!(!is_g_digits("GA1234"));
        assert!(!is_g_digits("PC4001"));
    }
}
