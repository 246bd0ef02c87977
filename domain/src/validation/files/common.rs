//! Checks several files share: qualification code forms, years, money. IRD numbers are in
//! [`crate::ird`].

/// Numeric(8,2): eight digits, two after the point.
pub(crate) const NUMERIC_8_2_MAX: f64 = 999_999.99;
/// Numeric(3,1): three digits, one after the point.
pub(crate) const NUMERIC_3_1_MAX: f64 = 99.9;
/// Numeric(1,4): one digit, four after the point.
pub(crate) const NUMERIC_1_4_MAX: f64 = 9.9999;

/// The earliest year a CCYY year field may hold. The SDR's fields count years of schooling,
/// tertiary study and completions; none of those happened before 1900 for a learner reported
/// today, and an earlier value is a typing slip (`1026` for `2026`) or a placeholder.
pub(crate) const EARLIEST_YEAR: i32 = 1900;
/// The latest year a CCYY year field may hold when the return year is not known.
pub(crate) const LATEST_YEAR: i32 = 2100;

/// Whether `code` is G followed by digits: the shape of the non-formal education codes.
pub(crate) fn is_g_digits(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() > 1 && matches!(bytes[0], b'G' | b'g') && bytes[1..].iter().all(u8::is_ascii_digit)
}

/// Whether a G-and-digits code has one of the two non-formal forms: G9999 (40 teaching hours
/// or less) or GFFSSX, G and five digits (more than 40 hours).
pub(crate) fn is_non_formal_form(code: &str) -> bool {
    is_g_digits(code) && (&code[1..] == "9999" || code.len() == 6)
}

/// Whether `code` contains `year` as four digits in a row.
pub(crate) fn contains_year(code: &str, year: i32) -> bool {
    let Ok(year) = u16::try_from(year) else {
        return false;
    };
    if !(1000..=9999).contains(&year) {
        return false;
    }
    let digit = |n: u16| b'0' + u8::try_from(n % 10).unwrap_or(0);
    let digits = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
    ];
    code.as_bytes().windows(4).any(|window| window == digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_formal_codes_have_two_forms() {
        assert!(is_non_formal_form("G9999"));
        assert!(is_non_formal_form("G48017"));
        assert!(!is_non_formal_form("G4801"));
        assert!(!is_non_formal_form("G480171"));
        assert!(is_g_digits("G4801"));
        assert!(!is_g_digits("PC4001"));
    }

    #[test]
    fn years_are_found_as_four_digits() {
        assert!(contains_year("ECON2026", 2026));
        assert!(!contains_year("ECON202", 2026));
        assert!(!contains_year("ECON2026", 2025));
        assert!(!contains_year("X", -1));
    }
}
