//! New Zealand IRD (Inland Revenue) numbers, which learner and qualification completion
//! records carry for Fees Free matching: their printed forms and their check digit.

/// The number an IRD number spells, in one of the forms accepted: eight or nine digits, alone
/// (`49091850`, `136410132`) or in groups separated by hyphens as IRD prints them
/// (`49-091-850`, `136-410-132`, `049-091-850`). `None` for any other form.
pub fn parse(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let form = match bytes.len() {
        8 | 9 => bytes.iter().all(u8::is_ascii_digit),
        // Groups of two or three, three and three digits.
        10 | 11 => {
            let first = bytes.len() - 8;
            bytes.iter().enumerate().all(|(at, b)| {
                if at == first || at == first + 4 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
        }
        _ => false,
    };
    if !form {
        return None;
    }
    bytes
        .iter()
        .filter(|b| b.is_ascii_digit())
        .try_fold(0_u32, |number, digit| {
            number.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
        })
}

/// IRD numbers are issued between these bounds (exclusive), per Inland Revenue's validation
/// specification.
const IRD_RANGE: (u32, u32) = (10_000_000, 150_000_000);
const IRD_PRIMARY_WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
const IRD_SECONDARY_WEIGHTS: [u32; 8] = [7, 4, 3, 2, 5, 2, 7, 6];

/// Whether an IRD number is in the issued range and its last digit is the check digit of the
/// other eight (Inland Revenue's modulus 11 algorithm: primary weights 3 2 7 6 5 4 3 2; when
/// they give 10, secondary weights 7 4 3 2 5 2 7 6; 10 again means no valid number).
pub fn is_valid(number: u32) -> bool {
    if number <= IRD_RANGE.0 || number >= IRD_RANGE.1 {
        return false;
    }
    let check = number % 10;
    let base = number / 10;
    let mut digits = [0_u32; 8];
    let mut rest = base;
    for digit in digits.iter_mut().rev() {
        *digit = rest % 10;
        rest /= 10;
    }
    let compute = |weights: [u32; 8]| {
        let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
        match sum % 11 {
            0 => 0,
            remainder => 11 - remainder,
        }
    };
    let computed = match compute(IRD_PRIMARY_WEIGHTS) {
        10 => compute(IRD_SECONDARY_WEIGHTS),
        digit => digit,
    };
    computed != 10 && computed == check
}

/// An IRD number in the form the funder's work-based API documents: nine digits in groups of
/// three, an eight-digit number padded with a leading 0 (`049-091-850`).
pub fn format(number: u32) -> String {
    let digits = format!("{number:09}");
    format!("{}-{}-{}", &digits[0..3], &digits[3..6], &digits[6..9])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inland_revenue_examples_pass_and_fail_as_published() {
        for valid in [49_091_850, 35_901_981, 49_098_576, 136_410_132] {
            assert!(is_valid(valid), "{valid}");
        }
        for invalid in [136_410_133, 9_125_568, 12_345_678, 150_000_000, 0] {
            assert!(!is_valid(invalid), "{invalid}");
        }
    }

    #[test]
    fn ird_numbers_read_in_their_printed_forms() {
        assert_eq!(parse("49091850"), Some(49_091_850));
        assert_eq!(parse("049091850"), Some(49_091_850));
        assert_eq!(parse("49-091-850"), Some(49_091_850));
        assert_eq!(parse("049-091-850"), Some(49_091_850));
        assert_eq!(parse("136-410-132"), Some(136_410_132));
        for text in [
            "",
            "1234567",
            "1234567890",
            "49 091 850",
            "49-091850",
            "4909-1850",
            "136-41-0132",
            "13a-410-132",
            "ABCDEFGH",
            "136-410-13-",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn numbers_print_in_groups_of_three() {
        assert_eq!(format(49_091_850), "049-091-850");
        assert_eq!(parse(&format(136_410_132)), Some(136_410_132));
    }
}
