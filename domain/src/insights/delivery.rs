//! DQ3-7 delivery (domain spec §6.3, spec 002 "Tolerance band"): the EFTS a year's enrolments
//! deliver, their value at the funder's rates, and where that value falls against the 99–105%
//! band of the year's allocation.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::units::{Cents, Efts};

/// The EFTS of one enrolment delivered in `year`: its EFTS-by-month values for the months of
/// that year. `values` is either one value per calendar month from the start month to the end
/// month (the funder's form) or twelve values for January–December of one year the course runs
/// in (also accepted by CE-021); in the second form the year is the first of the course's years
/// whose months outside the course are all zero, as validation reads it.
pub fn efts_in_year(start: NaiveDate, end: NaiveDate, values: &[Efts], year: i32) -> Efts {
    efts_by_month(start, end, values)
        .into_iter()
        .filter(|(in_year, _, _)| *in_year == year)
        .map(|(_, _, value)| value)
        .sum()
}

/// The calendar month (year, month 1–12) of each EFTS-by-month value, in either accepted
/// form: one value per month of the course from its start month, or twelve values January to
/// December of the one year they fit in. Values that fit neither form are given no month.
pub fn efts_by_month(start: NaiveDate, end: NaiveDate, values: &[Efts]) -> Vec<(i32, u32, Efts)> {
    let first = month_index(start);
    let months = month_index(end) - first + 1;
    if months <= 0 {
        return Vec::new();
    }
    let dated = |index: i64, value: Efts| {
        (
            index.div_euclid(12) as i32,
            index.rem_euclid(12) as u32 + 1,
            value,
        )
    };
    if values.len() as i64 == months {
        return values
            .iter()
            .enumerate()
            .map(|(offset, value)| dated(first + offset as i64, *value))
            .collect();
    }
    if values.len() == 12 {
        let read_as = (start.year()..=end.year()).find(|&candidate| {
            values.iter().enumerate().all(|(month0, value)| {
                *value == Efts::ZERO || {
                    let index = candidate as i64 * 12 + month0 as i64;
                    (first..=month_index(end)).contains(&index)
                }
            })
        });
        if let Some(year) = read_as {
            return values
                .iter()
                .enumerate()
                .map(|(month0, value)| dated(year as i64 * 12 + month0 as i64, *value))
                .collect();
        }
    }
    Vec::new()
}

fn month_index(date: NaiveDate) -> i64 {
    date.year() as i64 * 12 + date.month0() as i64
}

/// The withdrawal period of an enrolment (domain spec §6.3): its first month or the first 10%
/// of its duration, whichever ends earlier. A learner who withdraws inside it is not counted:
/// the enrolment's EFTS are not delivered. Judgement call where the funder is silent: the
/// duration counts both the start and end days, 10% of it is rounded up to whole days so that
/// even a one-day course has a day to withdraw in, and the first month ends the day before the
/// same day of the next month. A provider's academic board may set another period; DXP has no
/// record of that, so the rule above applies to everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithdrawalPeriod {
    /// The last day on which a withdrawal is inside the period.
    pub last_day: NaiveDate,
}

impl WithdrawalPeriod {
    pub fn of(start: NaiveDate, end: NaiveDate) -> WithdrawalPeriod {
        let duration_days = (end - start).num_days().max(0) + 1;
        let tenth_days = (duration_days + 9) / 10;
        let tenth_last = start + chrono::Days::new(tenth_days as u64 - 1);
        let month_last = start
            .checked_add_months(Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(tenth_last);
        WithdrawalPeriod {
            last_day: tenth_last.min(month_last),
        }
    }

    /// Whether a withdrawal on `withdrawn` (if any) takes the enrolment out of delivery.
    pub fn excludes(self, withdrawn: Option<NaiveDate>) -> bool {
        withdrawn.is_some_and(|day| day <= self.last_day)
    }
}

/// Where a year's delivered value lies against the allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeliveryBand {
    /// Below 99% of the allocation: the funder recovers funding.
    Under,
    /// From 99% of the allocation to 105% of the allocation with the plan-agreed unfunded
    /// provision, both edges included.
    Within,
    /// Above 105% of the allocation with the plan-agreed unfunded provision: unless the
    /// organisation is eligible for flexible funding, its baseline is reduced from two years on.
    Over,
    /// No allocation for the year: nothing to measure delivery against.
    NoAllocation,
}

impl DeliveryBand {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryBand::Under => "Under",
            DeliveryBand::Within => "Within",
            DeliveryBand::Over => "Over",
            DeliveryBand::NoAllocation => "NoAllocation",
        }
    }

    /// What the band means for the organisation, in plain words.
    pub fn in_plain_words(self) -> &'static str {
        match self {
            DeliveryBand::Under => {
                "Under-delivery: below 99% of the allocation. The funder recovers the \
                 difference and may reduce the allocation."
            }
            DeliveryBand::Within => "Within the tolerance band of 99% to 105%.",
            DeliveryBand::Over => {
                "Over-delivery: above 105% of the allocation with the plan-agreed unfunded \
                 provision. Unless the organisation is eligible for flexible funding, its \
                 baseline is reduced from the year after next."
            }
            DeliveryBand::NoAllocation => "No allocation for the year to measure delivery against.",
        }
    }
}

impl fmt::Display for DeliveryBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A year's delivered value beside what it is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryCheck {
    pub delivered: Cents,
    pub allocation: Cents,
    /// The dollar value of the plan-agreed unfunded provision, which only the 105% test adds.
    pub unfunded_provision: Cents,
}

impl DeliveryCheck {
    /// The band, decided in whole cents: `delivered / allocation < 0.99` is under,
    /// `delivered / (allocation + unfunded) > 1.05` is over; exactly 99% and exactly 105% are
    /// within.
    pub fn band(&self) -> DeliveryBand {
        if self.allocation.0 <= 0 {
            return DeliveryBand::NoAllocation;
        }
        let delivered = i128::from(self.delivered.0) * 100;
        if delivered < i128::from(self.allocation.0) * 99 {
            DeliveryBand::Under
        } else if delivered
            > (i128::from(self.allocation.0) + i128::from(self.unfunded_provision.0)) * 105
        {
            DeliveryBand::Over
        } else {
            DeliveryBand::Within
        }
    }

    /// Delivered value as a share of the allocation (the under-delivery test), for display.
    pub fn share_of_allocation(&self) -> Option<f64> {
        (self.allocation.0 > 0).then(|| self.delivered.0 as f64 / self.allocation.0 as f64)
    }

    /// Delivered value as a share of the allocation with the unfunded provision (the
    /// over-delivery test), for display.
    pub fn share_with_unfunded(&self) -> Option<f64> {
        let base = self.allocation.0 + self.unfunded_provision.0;
        (base > 0).then(|| self.delivered.0 as f64 / base as f64)
    }

    /// The value the funder would recover below 99% (zero otherwise): the shortfall to the
    /// allocation, as spec 002 says delivery under the band is recovered.
    pub fn under_delivered(&self) -> Cents {
        match self.band() {
            DeliveryBand::Under => Cents(self.allocation.0 - self.delivered.0),
            _ => Cents::ZERO,
        }
    }

    /// The value delivered above 105% of the allocation with the unfunded provision (zero
    /// otherwise).
    pub fn over_delivered(&self) -> Cents {
        match self.band() {
            DeliveryBand::Over => {
                let ceiling =
                    (i128::from(self.allocation.0) + i128::from(self.unfunded_provision.0)) * 105
                        / 100;
                Cents(self.delivered.0 - i64::try_from(ceiling).unwrap_or(i64::MAX))
            }
            _ => Cents::ZERO,
        }
    }
}

/// The mode of delivery of a return's provider-based enrolments, as the funding rates name it.
pub const PROVIDER_BASED: &str = "provider-based";

/// The funding rates of one fund and year, by funding category and mode of delivery: loaded
/// by the funder with the commitments, and given to [`delivered_value`] by whoever has them.
pub trait FundingRates {
    /// Cents per EFTS for `category` delivered in `mode`; `None` when no rate is loaded.
    fn rate(&self, category: &str, mode: &str) -> Option<Cents>;
}

/// The value of the EFTS delivered, by funding category, at the rates given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliveredValue {
    pub value: Cents,
    /// Categories with EFTS but no rate: their EFTS are not valued, so the value is short.
    pub unrated: Vec<String>,
}

/// Σ (EFTS delivered × the rate for the category and mode), each product to the nearest cent.
pub fn delivered_value<'a>(
    delivered: impl IntoIterator<Item = (&'a str, Efts)>,
    mode: &str,
    rates: &dyn FundingRates,
) -> DeliveredValue {
    let mut valued = DeliveredValue::default();
    for (category, efts) in delivered {
        match rates.rate(category, mode) {
            Some(rate) => valued.value += Cents::of(efts, rate),
            None if efts != Efts::ZERO => valued.unrated.push(category.to_owned()),
            None => {}
        }
    }
    valued
}

/// How a year's delivery grew last year from what one round's return reported for the year to
/// the year's final figure: the basis of a projection from this year's return of that round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastYearGrowth {
    /// The EFTS last year's return of the same round reported for the year.
    pub reported: Efts,
    /// The EFTS last year's December return delivered in the year.
    pub delivered: Efts,
}

impl LastYearGrowth {
    /// `amount` (EFTS or cents, as integers) grown as last year grew, to the nearest unit
    /// (half away from zero); unchanged when last year reported nothing at the round.
    pub fn grow(self, amount: i64) -> i64 {
        if self.reported.0 <= 0 {
            return amount;
        }
        let exact = i128::from(amount) * i128::from(self.delivered.0);
        let divisor = i128::from(self.reported.0);
        let rounded = (exact + exact.signum() * divisor / 2) / divisor;
        i64::try_from(rounded).unwrap_or(if exact < 0 { i64::MIN } else { i64::MAX })
    }
}

/// The year's delivery projected from a return part way through it: the EFTS its enrolments
/// will deliver in the year (they report the months still to come), grown as last year's
/// grew from the same round to December when that is known; otherwise those EFTS alone.
pub fn projected_efts(reported: Efts, last_year: Option<LastYearGrowth>) -> Efts {
    last_year.map_or(reported, |growth| Efts(growth.grow(reported.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_projection_grows_as_last_year_grew_from_the_same_round() {
        // Last year the August return reported 100 EFTS for the year and December delivered
        // 120; this August reports 80: 80 × 120 / 100 = 96.
        let growth = LastYearGrowth {
            reported: Efts::whole(100),
            delivered: Efts::whole(120),
        };
        assert_eq!(
            projected_efts(Efts::whole(80), Some(growth)),
            Efts::whole(96)
        );
        // $800,000.00 grows the same way to $960,000.00.
        assert_eq!(growth.grow(80_000_000), 96_000_000);
        // To the nearest unit, halves away from zero: 1 × 1.2 = 1.2 → 1, 3 × 1.5 = 4.5 → 5.
        assert_eq!(growth.grow(1), 1);
        let half = LastYearGrowth {
            reported: Efts::whole(2),
            delivered: Efts::whole(3),
        };
        assert_eq!(half.grow(3), 5);
        // Without last year, or when it reported nothing at the round: the EFTS reported.
        assert_eq!(projected_efts(Efts::whole(80), None), Efts::whole(80));
        let nothing = LastYearGrowth {
            reported: Efts::ZERO,
            delivered: Efts::whole(50),
        };
        assert_eq!(
            projected_efts(Efts::whole(80), Some(nothing)),
            Efts::whole(80)
        );
    }

    fn efts(values: &[i64]) -> Vec<Efts> {
        values.iter().map(|&v| Efts(v)).collect()
    }

    #[test]
    fn a_course_across_new_year_delivers_each_year_its_own_months() {
        // Nov 2026 to Feb 2027: four months of 0.0300.
        let values = efts(&[300, 300, 300, 300]);
        let (start, end) = (day(2026, 11, 2), day(2027, 2, 26));
        assert_eq!(efts_in_year(start, end, &values, 2026), Efts(600));
        assert_eq!(efts_in_year(start, end, &values, 2027), Efts(600));
        assert_eq!(efts_in_year(start, end, &values, 2028), Efts::ZERO);
    }

    #[test]
    fn twelve_values_are_read_as_january_to_december() {
        // Mar–Jun 2026 written as twelve values with zeros outside the course.
        let values = efts(&[0, 0, 250, 250, 250, 250, 0, 0, 0, 0, 0, 0]);
        let (start, end) = (day(2026, 3, 2), day(2026, 6, 30));
        assert_eq!(efts_in_year(start, end, &values, 2026), Efts(1000));
        assert_eq!(efts_in_year(start, end, &values, 2025), Efts::ZERO);
    }

    #[test]
    fn each_value_is_given_its_calendar_month() {
        let values = efts(&[300, 200, 100]);
        let (start, end) = (day(2026, 11, 2), day(2027, 1, 26));
        assert_eq!(
            efts_by_month(start, end, &values),
            [
                (2026, 11, Efts(300)),
                (2026, 12, Efts(200)),
                (2027, 1, Efts(100))
            ]
        );
        let twelve = efts(&[0, 0, 250, 250, 0, 0, 0, 0, 0, 0, 0, 0]);
        let months = efts_by_month(day(2026, 3, 2), day(2026, 4, 30), &twelve);
        assert_eq!(months.len(), 12);
        assert_eq!(months[2], (2026, 3, Efts(250)));
        assert_eq!(months[11], (2026, 12, Efts::ZERO));
    }

    #[test]
    fn values_that_fit_no_reading_deliver_nothing() {
        let values = efts(&[500, 500]);
        assert_eq!(
            efts_in_year(day(2026, 3, 1), day(2026, 6, 30), &values, 2026),
            Efts::ZERO
        );
    }

    #[test]
    fn the_withdrawal_period_is_the_first_month_or_tenth_whichever_is_earlier() {
        // 100 days: 10% is 10 days, earlier than the first month.
        let period = WithdrawalPeriod::of(day(2026, 3, 2), day(2026, 6, 9));
        assert_eq!(period.last_day, day(2026, 3, 11));
        assert!(period.excludes(Some(day(2026, 3, 11))));
        assert!(!period.excludes(Some(day(2026, 3, 12))));
        assert!(!period.excludes(None));
        // A year: the first month ends first, the day before the same day a month on.
        let year = WithdrawalPeriod::of(day(2026, 2, 23), day(2026, 11, 27));
        assert_eq!(year.last_day, day(2026, 3, 22));
        // One day: that day.
        let one = WithdrawalPeriod::of(day(2026, 5, 5), day(2026, 5, 5));
        assert_eq!(one.last_day, day(2026, 5, 5));
    }

    fn check(delivered: i64, allocation: i64, unfunded: i64) -> DeliveryCheck {
        DeliveryCheck {
            delivered: Cents(delivered),
            allocation: Cents(allocation),
            unfunded_provision: Cents(unfunded),
        }
    }

    #[test]
    fn exactly_99_percent_is_within_and_a_cent_less_is_under() {
        assert_eq!(check(9_900_000, 10_000_000, 0).band(), DeliveryBand::Within);
        let under = check(9_899_999, 10_000_000, 0);
        assert_eq!(under.band(), DeliveryBand::Under);
        assert_eq!(under.under_delivered(), Cents(100_001));
    }

    #[test]
    fn exactly_105_percent_is_within_and_a_cent_more_is_over() {
        assert_eq!(
            check(10_500_000, 10_000_000, 0).band(),
            DeliveryBand::Within
        );
        let over = check(10_500_001, 10_000_000, 0);
        assert_eq!(over.band(), DeliveryBand::Over);
        assert_eq!(over.over_delivered(), Cents(1));
    }

    #[test]
    fn unfunded_provision_raises_only_the_ceiling() {
        // $110,000 against $100,000 is over, but not with $5,000 of agreed unfunded provision
        // (105% of $105,000 is $110,250).
        assert_eq!(check(11_000_000, 10_000_000, 0).band(), DeliveryBand::Over);
        assert_eq!(
            check(11_000_000, 10_000_000, 500_000).band(),
            DeliveryBand::Within
        );
        // The floor stays at 99% of the allocation alone.
        assert_eq!(
            check(9_800_000, 10_000_000, 500_000).band(),
            DeliveryBand::Under
        );
    }

    struct TwoRates;
    impl FundingRates for TwoRates {
        fn rate(&self, category: &str, mode: &str) -> Option<Cents> {
            match (category, mode) {
                ("A1", PROVIDER_BASED) => Some(Cents::dollars(7_000)),
                ("B1", PROVIDER_BASED) => Some(Cents(1_000_050)),
                _ => None,
            }
        }
    }

    #[test]
    fn delivered_value_is_efts_times_the_category_rate() {
        // 2.5 EFTS × $7,000 = $17,500; 0.1167 EFTS × $10,000.50 = $1,167.06 (1,167.058…);
        // 1 EFTS of C9 has no rate and is named.
        let valued = delivered_value(
            [
                ("A1", Efts(25_000)),
                ("B1", Efts(1_167)),
                ("C9", Efts::whole(1)),
            ],
            PROVIDER_BASED,
            &TwoRates,
        );
        assert_eq!(valued.value, Cents(1_750_000 + 116_706));
        assert_eq!(valued.unrated, ["C9"]);
    }

    #[test]
    fn no_allocation_has_no_band() {
        assert_eq!(check(500, 0, 0).band(), DeliveryBand::NoAllocation);
        assert_eq!(check(500, 0, 0).share_of_allocation(), None);
    }
}
