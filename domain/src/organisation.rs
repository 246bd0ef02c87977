//! Organisations are identified by their EDUMIS number (the Ministry of Education's provider code).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A four-digit EDUMIS number, e.g. `6004`. Stored and compared as an integer; shown without
/// padding, as the funder's API does (`edumis` is an `int32` there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i32")]
pub struct Edumis(i32);

/// Why a value is not an EDUMIS number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EdumisError {
    #[error("EDUMIS number '{0}' is not a number; expected 1 to 4 digits, e.g. 6004")]
    NotANumber(String),
    #[error("EDUMIS number {0} is out of range; expected 1 to 9999")]
    OutOfRange(i64),
}

impl Edumis {
    /// The largest number that fits the 4-character provider code of the SDR files.
    pub const MAX: i32 = 9999;

    pub fn new(value: i64) -> Result<Self, EdumisError> {
        if (1..=i64::from(Self::MAX)).contains(&value) {
            // In range, so the conversion cannot truncate.
            Ok(Self(value as i32))
        } else {
            Err(EdumisError::OutOfRange(value))
        }
    }

    pub fn value(self) -> i32 {
        self.0
    }
}

impl TryFrom<i64> for Edumis {
    type Error = EdumisError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Edumis> for i32 {
    fn from(value: Edumis) -> Self {
        value.0
    }
}

impl FromStr for Edumis {
    type Err = EdumisError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let number: i64 = trimmed
            .parse()
            .map_err(|_| EdumisError::NotANumber(trimmed.to_owned()))?;
        Self::new(number)
    }
}

impl fmt::Display for Edumis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_four_digit_numbers() {
        assert_eq!("6004".parse::<Edumis>().map(Edumis::value), Ok(6004));
        assert_eq!(" 7 ".parse::<Edumis>().map(Edumis::value), Ok(7));
    }

    #[test]
    fn refuses_zero_negative_and_five_digits() {
        assert_eq!("0".parse::<Edumis>(), Err(EdumisError::OutOfRange(0)));
        assert_eq!("-3".parse::<Edumis>(), Err(EdumisError::OutOfRange(-3)));
        assert_eq!(
            "10000".parse::<Edumis>(),
            Err(EdumisError::OutOfRange(10000))
        );
        assert!(matches!(
            "60a4".parse::<Edumis>(),
            Err(EdumisError::NotANumber(_))
        ));
    }
}
