//! Course Delivery Site: where most of the teaching for the course happens.

use super::parse_two_digit;

/// The shapes spec 003 allows for a delivery-site code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliverySite {
    /// `01`: the main campus or delivery site of the TEO.
    Main,
    /// `02`–`96`: other delivery sites.
    Other(u8),
    /// `98`: courses delivered extramurally or by distance learning.
    Extramural,
    /// `99`: community education courses.
    CommunityEducation,
    /// Letters (`AA`, `AB`) or a letter and a digit (`A1`, `1A`): a site code the TEO has
    /// registered.
    Registered,
}

impl DeliverySite {
    /// The number spec 003 reserves for extramural and distance delivery.
    pub const EXTRAMURAL: u8 = 98;

    /// Reads a delivery-site code.
    ///
    /// Numbers are read with or without a leading zero (`"1"` is `01`); `00` and `97` are not
    /// in spec 003's list and are refused. Letters may be of either case, and a single letter is
    /// accepted as well as two: spec 003's length is "1 ≤ length ≤ 2" and its examples ("any
    /// combination of letters") do not exclude one, so refusing it would be a guess that could
    /// cost a TEO its return.
    pub fn parse(text: &str) -> Option<DeliverySite> {
        if let Some(number) = parse_two_digit(text) {
            return match number {
                1 => Some(DeliverySite::Main),
                2..=96 => Some(DeliverySite::Other(number)),
                Self::EXTRAMURAL => Some(DeliverySite::Extramural),
                99 => Some(DeliverySite::CommunityEducation),
                _ => None,
            };
        }
        let registered = match text.as_bytes() {
            [a] => a.is_ascii_alphabetic(),
            [a, b] => {
                (a.is_ascii_alphabetic() && b.is_ascii_alphanumeric())
                    || (a.is_ascii_digit() && b.is_ascii_alphabetic())
            }
            _ => false,
        };
        registered.then_some(DeliverySite::Registered)
    }

    pub fn meaning(self) -> &'static str {
        match self {
            DeliverySite::Main => "Main campus or delivery site of a TEO",
            DeliverySite::Other(_) => "Other delivery site",
            DeliverySite::Extramural => "Courses delivered extramurally or by distance learning",
            DeliverySite::CommunityEducation => "Community education courses",
            DeliverySite::Registered => "Delivery site registered by the TEO",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_with_and_without_leading_zero() {
        assert_eq!(DeliverySite::parse("01"), Some(DeliverySite::Main));
        assert_eq!(DeliverySite::parse("1"), Some(DeliverySite::Main));
        assert_eq!(DeliverySite::parse("2"), Some(DeliverySite::Other(2)));
        assert_eq!(DeliverySite::parse("96"), Some(DeliverySite::Other(96)));
        assert_eq!(DeliverySite::parse("98"), Some(DeliverySite::Extramural));
        assert_eq!(
            DeliverySite::parse("99"),
            Some(DeliverySite::CommunityEducation)
        );
    }

    #[test]
    fn letters_and_letter_digit_pairs_are_registered_sites() {
        for text in ["AA", "AB", "zz", "A1", "1A", "A", "b"] {
            assert_eq!(
                DeliverySite::parse(text),
                Some(DeliverySite::Registered),
                "{text}"
            );
        }
    }

    #[test]
    fn other_values_are_refused() {
        for text in ["00", "0", "97", "", "001", "A-", " 1", "1 ", "ĀA", "A1B"] {
            assert_eq!(DeliverySite::parse(text), None, "{text:?}");
        }
    }
}
