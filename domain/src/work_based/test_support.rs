//! What the work-based rule tests share: a date from its text, a wire type's documented
//! example, and the rule codes a decision refused with.

use chrono::NaiveDate;

use super::{Refusal, Refusals};

pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date such as 2026-04-20")
}

/// The example the OpenAPI document shows for `T`, read as `T`.
pub fn example<T: utoipa::PartialSchema + serde::de::DeserializeOwned>() -> T {
    let schema = serde_json::to_value(T::schema()).expect("a schema");
    serde_json::from_value(schema["example"].clone()).expect("the example reads as its type")
}

/// The codes of the rules refused, in the order refused.
pub fn codes(refusals: &[Refusal]) -> Vec<&'static str> {
    refusals.iter().map(|refusal| refusal.rule).collect()
}

/// The codes a decision refused with; none when it was made.
pub fn refused_codes<T>(decision: Result<T, Refusals>) -> Vec<&'static str> {
    decision.map_or_else(|refusals| codes(&refusals), |_| Vec::new())
}

/// The refusals of a decision that must be refused.
pub fn refusals_of<T: std::fmt::Debug>(decision: Result<T, Refusals>) -> Refusals {
    match decision {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(refusals) => refusals,
    }
}
