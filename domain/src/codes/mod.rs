//! The code lists of the course-enrolment record, with their meanings, as spec 003 gives them.
//!
//! Two-digit numeric codes are compared as numbers, not as text: spec 003 lists them without a
//! leading zero ("3: International Fee-Paying Student") while the legacy fixed-width files and
//! most student management systems write them with one (`03`). Refusing either spelling would
//! reject a TEO's return over formatting and cost it funding, so `"3"`, `"03"` are the same code.
//! The record keeps the text as sent; use the `parse` functions here to read its meaning.

pub mod attendance;
pub mod delivery_site;
pub mod fees;
pub mod funding;
pub mod ite;
pub mod residency;

pub use attendance::Attendance;
pub use delivery_site::DeliverySite;
pub use fees::FeesCategory;
pub use funding::{FundCode, FundingSource};
pub use ite::{IteNzsced, IteSector};
pub use residency::{ResidentialStatus, SecondarySchoolProgramme};

/// The codes a field takes and what each means, where spec 003 closes the list: what a form
/// offers to choose from. `None` for a field whose values are not a closed list here.
pub fn code_list(file: crate::SdrFile, field: &str) -> Option<Vec<(String, &'static str)>> {
    if file != crate::SdrFile::CourseEnrolments {
        return None;
    }
    Some(match field {
        "intramuralExtramuralAttendance" => Attendance::ALL
            .iter()
            .map(|code| (code.code().to_string(), code.meaning()))
            .collect(),
        "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment" => FeesCategory::ALL
            .iter()
            .map(|code| (code.code().to_owned(), code.meaning()))
            .collect(),
        "iteSector" => IteSector::ALL
            .iter()
            .map(|code| (code.code().to_string(), code.meaning()))
            .collect(),
        _ => return None,
    })
}

/// Reads a numeric code of one or two ASCII digits (`"3"`, `"03"`, `"12"`) as its number.
///
/// Anything else (empty, three digits, signs, spaces, letters) is not a code: `None`. Spaces are
/// not trimmed on purpose: a padded value would not match the funder's code tables either, and
/// the caller reports it with the value as sent.
pub fn parse_two_digit(text: &str) -> Option<u8> {
    match text.as_bytes() {
        [d] if d.is_ascii_digit() => Some(d - b'0'),
        [t, d] if t.is_ascii_digit() && d.is_ascii_digit() => Some((t - b'0') * 10 + (d - b'0')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_code_list_offers_every_code_once() {
        let attendance = code_list(
            crate::SdrFile::CourseEnrolments,
            "intramuralExtramuralAttendance",
        )
        .expect("a closed list");
        assert_eq!(attendance.len(), Attendance::ALL.len());
        assert_eq!(attendance[0].0, "1");
        assert!(code_list(crate::SdrFile::Learners, "intramuralExtramuralAttendance").is_none());
        assert!(code_list(crate::SdrFile::CourseEnrolments, "courseCode").is_none());
    }

    #[test]
    fn one_and_two_digit_spellings_are_the_same_code() {
        assert_eq!(parse_two_digit("1"), Some(1));
        assert_eq!(parse_two_digit("01"), Some(1));
        assert_eq!(parse_two_digit("00"), Some(0));
        assert_eq!(parse_two_digit("0"), Some(0));
        assert_eq!(parse_two_digit("37"), Some(37));
    }

    #[test]
    fn anything_but_one_or_two_digits_is_not_a_code() {
        for text in ["", "001", " 1", "1 ", "+1", "-1", "A1", "1A", "١", "1.0"] {
            assert_eq!(parse_two_digit(text), None, "{text:?}");
        }
    }
}
