//! EFTS and money as exact integers.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

use serde::{Deserialize, Serialize};

/// Equivalent full-time student units in ten-thousandths: the four decimal places spec 003
/// gives every EFTS value (Numeric(1,4)).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Efts(pub i64);

impl Efts {
    pub const ZERO: Efts = Efts(0);
    /// Ten-thousandths in one EFTS.
    pub const UNITS: i64 = 10_000;

    /// The EFTS a record's decimal value stands for, rounded to four places (values are
    /// written with at most four, so rounding only removes binary noise).
    pub fn from_decimal(value: f64) -> Efts {
        Efts((value * Self::UNITS as f64).round() as i64)
    }

    pub const fn whole(efts: i64) -> Efts {
        Efts(efts * Self::UNITS)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / Self::UNITS as f64
    }
}

impl Add for Efts {
    type Output = Efts;
    fn add(self, other: Efts) -> Efts {
        Efts(self.0 + other.0)
    }
}

impl AddAssign for Efts {
    fn add_assign(&mut self, other: Efts) {
        self.0 += other.0;
    }
}

impl Sum for Efts {
    fn sum<I: Iterator<Item = Efts>>(iter: I) -> Efts {
        Efts(iter.map(|efts| efts.0).sum())
    }
}

impl fmt::Display for Efts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let units = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:04}", units / 10_000, units % 10_000)
    }
}

/// New Zealand dollars in cents.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub fn dollars(dollars: i64) -> Cents {
        Cents(dollars * 100)
    }

    /// The value of `efts` at `rate` a full EFTS, to the nearest cent (half away from zero):
    /// the funded value of one line of delivery.
    pub fn of(efts: Efts, rate: Cents) -> Cents {
        let exact = i128::from(efts.0) * i128::from(rate.0);
        let units = i128::from(Efts::UNITS);
        let rounded = (exact + exact.signum() * units / 2) / units;
        Cents(i64::try_from(rounded).unwrap_or(if exact < 0 { i64::MIN } else { i64::MAX }))
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        self.0 += other.0;
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.map(|cents| cents.0).sum())
    }
}

impl fmt::Display for Cents {
    /// `$1,234,567.89`, as a finance officer writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let cents = self.0.unsigned_abs();
        let dollars = (cents / 100).to_string();
        let mut grouped = String::with_capacity(dollars.len() + dollars.len() / 3);
        for (index, digit) in dollars.chars().enumerate() {
            if index > 0 && (dollars.len() - index).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}${grouped}.{:02}", cents % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn efts_reads_four_places_and_prints_them() {
        assert_eq!(Efts::from_decimal(0.1167), Efts(1167));
        assert_eq!(Efts::from_decimal(0.1 + 0.2), Efts(3000));
        assert_eq!(Efts(12_345).to_string(), "1.2345");
        assert_eq!(Efts(-5).to_string(), "-0.0005");
    }

    #[test]
    fn funded_value_rounds_to_the_nearest_cent() {
        // 0.1167 EFTS at $7,315.55 is $853.7247…: $853.72.
        assert_eq!(Cents::of(Efts(1167), Cents(731_555)), Cents(85_372));
        // 0.0001 EFTS at $50.00 is half a cent: rounded up.
        assert_eq!(Cents::of(Efts(1), Cents(5_000)), Cents(1));
        assert_eq!(
            Cents::of(Efts::whole(3), Cents::dollars(10)),
            Cents::dollars(30)
        );
    }

    #[test]
    fn money_is_written_with_thousands_separators() {
        assert_eq!(Cents(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(Cents(5).to_string(), "$0.05");
        assert_eq!(Cents(-100_000).to_string(), "-$1,000.00");
    }
}
