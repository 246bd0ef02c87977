//! Learner fees (`dxp-api.md` §5.7): all the training and assessment fees a work-based learner
//! was charged in a calendar year, one amount per learner per year, sent through the API
//! (`POST /v1.0/learner-fees`) or as a CSV upload (`dxp_formats::learner_fees`).
//!
//! Choices where the funder's text is silent:
//! - `feeYear` runs from 2025, the first year of the work-based API (live from August 2025,
//!   `dxp-api.md` §4), to the current year: fees are reported for a year under way or past.
//! - `feeAmount` is a JSON number of dollars (`double (8,2)` on the funder's page): 0 or more,
//!   at most 2 decimal places, below 1,000,000.00 (8 digits in all). A fee of 0 records that
//!   the learner was charged nothing.
//! - A second amount for the same learner and year replaces the first (the store keeps one
//!   per organisation, learner and year); it is not refused.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::{Refusal, Refusals};
use crate::validation::{Rule, Scope, Severity};

/// The first fee year: the work-based API went live in August 2025.
pub const FIRST_FEE_YEAR: i32 = 2025;

/// The smallest amount too large for `double (8,2)`: 8 digits, 2 of them decimals.
pub const FEE_AMOUNT_LIMIT: f64 = 1_000_000.0;

/// A learner's fees for one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"learnerLocalId": "L-1001", "feeYear": 2026, "feeAmount": 1234.5}))]
pub struct LearnerFee {
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub learner_local_id: String,
    /// The calendar year (CCYY), from 2025 to the current year.
    pub fee_year: i32,
    /// Every training and assessment fee of the year, in dollars: 0 to 999999.99.
    pub fee_amount: f64,
}

impl LearnerFee {
    /// The amount in whole cents, when it has at most 2 decimal places and is in range.
    pub fn amount_in_cents(&self) -> Option<i64> {
        cents(self.fee_amount)
    }
}

const SCOPE: Scope = Scope::LearnerFees;

pub const WB_092: Rule = Rule::of_process(
    "WB-092",
    SCOPE,
    "learnerLocalId",
    Severity::Error,
    "learnerLocalId names a work-based learner of the organisation (dxp-api.md §5.7).",
);
pub const WB_093: Rule = Rule::of_process(
    "WB-093",
    SCOPE,
    "feeYear",
    Severity::Error,
    "feeYear is a calendar year from 2025 (the work-based API's first year) to the current \
     year (dxp-api.md §5.7).",
);
pub const WB_094: Rule = Rule::of_process(
    "WB-094",
    SCOPE,
    "feeAmount",
    Severity::Error,
    "feeAmount is 0 or more and below 1,000,000.00 dollars (8 digits, 2 of them decimals; \
     dxp-api.md §5.7).",
);
pub const WB_095: Rule = Rule::of_process(
    "WB-095",
    SCOPE,
    "feeAmount",
    Severity::Error,
    "feeAmount has at most 2 decimal places: dollars and cents (dxp-api.md §5.7).",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 4] = [&WB_092, &WB_093, &WB_094, &WB_095];

/// The refusal of a fee for a learner the organisation does not have.
pub fn learner_not_found(learner_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_092,
        "learnerLocalId",
        format!(
            "learnerLocalId {learner_local_id} is not a work-based learner of the organisation"
        ),
    )
}

/// How far a value × 100 may sit from a whole number and still be whole cents: binary floating
/// point cannot hold 0.29 exactly (× 100 gives 28.999999999999996).
const CENT_TOLERANCE: f64 = 1e-6;

/// `amount` in whole cents, when it is 0 to 999999.99 with at most 2 decimal places.
fn cents(amount: f64) -> Option<i64> {
    if !(0.0..FEE_AMOUNT_LIMIT).contains(&amount) {
        return None;
    }
    let scaled = amount * 100.0;
    let whole = scaled.round();
    ((scaled - whole).abs() <= CENT_TOLERANCE).then_some(whole as i64)
}

/// Every reason `fee` is refused on `today` (empty when it may be stored). The caller checks
/// that the learner exists ([`learner_not_found`]).
pub fn check(fee: &LearnerFee, today: NaiveDate) -> Refusals {
    let mut refusals = Refusals::new();
    let year = fee.fee_year;
    if year < FIRST_FEE_YEAR {
        refusals.push(Refusal::new(
            &WB_093,
            "feeYear",
            format!(
                "feeYear {year} is before {FIRST_FEE_YEAR}, the first year of the work-based API"
            ),
        ));
    } else if year > today.year() {
        refusals.push(Refusal::new(
            &WB_093,
            "feeYear",
            format!("feeYear {year} is after the current year {}", today.year()),
        ));
    }
    let amount = fee.fee_amount;
    if !(0.0..FEE_AMOUNT_LIMIT).contains(&amount) {
        refusals.push(Refusal::new(
            &WB_094,
            "feeAmount",
            format!("feeAmount {amount} is not between 0 and 999999.99"),
        ));
    } else if cents(amount).is_none() {
        refusals.push(Refusal::new(
            &WB_095,
            "feeAmount",
            format!("feeAmount {amount} has more than 2 decimal places"),
        ));
    }
    refusals
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn today() -> NaiveDate {
        "2026-03-02".parse().unwrap()
    }

    fn fee(year: i32, amount: f64) -> LearnerFee {
        LearnerFee {
            learner_local_id: "L-1".into(),
            fee_year: year,
            fee_amount: amount,
        }
    }

    struct Case {
        rule: &'static str,
        field: &'static str,
        refusals: fn() -> Refusals,
    }

    fn cases() -> Vec<Case> {
        vec![
            Case {
                rule: "WB-092",
                field: "learnerLocalId",
                refusals: || vec![learner_not_found("L-9")],
            },
            Case {
                rule: "WB-093",
                field: "feeYear",
                refusals: || check(&fee(2027, 1234.5), today()),
            },
            Case {
                rule: "WB-094",
                field: "feeAmount",
                refusals: || check(&fee(2026, -0.01), today()),
            },
            Case {
                rule: "WB-095",
                field: "feeAmount",
                refusals: || check(&fee(2026, 1234.505), today()),
            },
        ]
    }

    #[test]
    fn every_rule_has_a_case_and_every_case_a_rule() {
        let tested: BTreeSet<&str> = cases().iter().map(|case| case.rule).collect();
        let registered: BTreeSet<&str> = RULES.iter().map(|rule| rule.code).collect();
        assert_eq!(tested, registered);
        assert_eq!(cases().len(), RULES.len());
    }

    #[test]
    fn each_case_breaks_only_its_rule() {
        for case in cases() {
            let refusals = (case.refusals)();
            assert_eq!(refusals.len(), 1, "{}: {refusals:#?}", case.rule);
            assert_eq!(refusals[0].rule, case.rule, "{refusals:#?}");
            assert_eq!(refusals[0].field, case.field, "{refusals:#?}");
            println!("{}: {}", case.rule, refusals[0].message);
        }
    }

    #[test]
    fn fee_years_run_from_2025_to_this_year() {
        for year in [2025, 2026] {
            assert!(check(&fee(year, 100.0), today()).is_empty(), "{year}");
        }
        // 31 December and 1 January of the next year move the last year taken.
        assert!(check(&fee(2027, 1.0), "2026-12-31".parse().unwrap()).len() == 1);
        assert!(check(&fee(2027, 1.0), "2027-01-01".parse().unwrap()).is_empty());
        let refusals = check(&fee(2024, 100.0), today());
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-093");
        assert_eq!(
            refusals[0].message,
            "feeYear 2024 is before 2025, the first year of the work-based API"
        );
    }

    #[test]
    fn amounts_are_dollars_and_cents_below_a_million() {
        for amount in [0.0, 0.01, 0.29, 1234.5, 1234.56, 999_999.99] {
            assert!(check(&fee(2026, amount), today()).is_empty(), "{amount}");
        }
        for amount in [-0.01, 1_000_000.0, f64::NAN, f64::INFINITY] {
            let refusals = check(&fee(2026, amount), today());
            assert_eq!(refusals.len(), 1, "{amount}");
            assert_eq!(refusals[0].rule, "WB-094");
        }
        for amount in [0.001, 999_999.999, 12.345] {
            let refusals = check(&fee(2026, amount), today());
            assert_eq!(refusals.len(), 1, "{amount}");
            assert_eq!(refusals[0].rule, "WB-095");
        }
    }

    #[test]
    fn amounts_convert_to_cents() {
        assert_eq!(fee(2026, 1234.5).amount_in_cents(), Some(123_450));
        assert_eq!(fee(2026, 0.29).amount_in_cents(), Some(29));
        assert_eq!(fee(2026, 999_999.99).amount_in_cents(), Some(99_999_999));
        assert_eq!(fee(2026, 0.001).amount_in_cents(), None);
    }

    #[test]
    fn the_wire_names_are_camel_case() {
        let json = serde_json::to_value(fee(2026, 1234.5)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"learnerLocalId": "L-1", "feeYear": 2026, "feeAmount": 1234.5})
        );
        assert!(fee(2026, 1.0).validate().is_ok());
        let nameless = LearnerFee {
            learner_local_id: String::new(),
            ..fee(2026, 1.0)
        };
        assert!(nameless.validate().is_err());
    }
}
