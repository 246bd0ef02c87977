//! Checks of query parameters that every route shares, so that each states its limits once and
//! the document's bounds are the ones the server enforces.

use dxp_domain::calendar::ROUND_YEARS;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::ApiError;

/// A request body whose field constraints (`#[validate(...)]`, the same limits its
/// `#[schema(...)]` states) hold, or a 400 naming each field that breaks one and how.
pub fn valid<T: Validate>(body: T) -> Result<T, ApiError> {
    valid_or(body, ApiError::BadRequest)
}

/// [`valid`], refused with `refuse` (for bodies whose broken constraints are a 422, as the
/// route's other refusals of the same fields are).
pub fn valid_or<T: Validate>(body: T, refuse: fn(String) -> ApiError) -> Result<T, ApiError> {
    match body.validate() {
        Ok(()) => Ok(body),
        Err(errors) => {
            let mut broken: Vec<String> = broken_fields(&errors)
                .into_iter()
                .map(|(path, what)| format!("{path}: {what}"))
                .collect();
            broken.sort();
            Err(refuse(broken.join("; ")))
        }
    }
}

/// A work-based request body whose field constraints hold, or a 400 whose `errors` map each
/// field path that breaks one to what is wrong, as the funder's API answers.
pub fn valid_fields<T: Validate>(body: T) -> Result<T, ApiError> {
    match body.validate() {
        Ok(()) => Ok(body),
        Err(errors) => {
            let mut by_field: std::collections::BTreeMap<String, Vec<String>> =
                std::collections::BTreeMap::new();
            for (path, what) in broken_fields(&errors) {
                by_field.entry(path).or_default().push(what);
            }
            let fields: Vec<&str> = by_field.keys().map(String::as_str).collect();
            Err(ApiError::Invalid {
                detail: format!("fields break their limits: {}", fields.join(", ")),
                errors: by_field,
                refusals: Vec::new(),
            })
        }
    }
}

/// Each broken constraint as `(field path, what is wrong)`, nested fields as `outer.inner`.
fn broken_fields(errors: &ValidationErrors) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    describe("", errors, &mut broken);
    broken
}

fn describe(prefix: &str, errors: &ValidationErrors, out: &mut Vec<(String, String)>) {
    for (field, kind) in errors.errors() {
        // The bodies' JSON names are camelCase; `__all__` holds a struct's own constraints,
        // which are about the struct's field itself.
        let path = match (prefix, field.as_ref()) {
            (prefix, "__all__") => prefix.to_owned(),
            ("", field) => camel_case(field),
            (prefix, field) => format!("{prefix}.{}", camel_case(field)),
        };
        match kind {
            ValidationErrorsKind::Field(found) => {
                out.extend(found.iter().map(|error| (path.clone(), explain(error))));
            }
            ValidationErrorsKind::Struct(inner) => describe(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    describe(&format!("{path}[{index}]"), inner, out);
                }
            }
        }
    }
}

/// `due_at` as the body writes it: `dueAt`.
fn camel_case(field: &str) -> String {
    let mut words = field.split('_');
    let mut name = words.next().unwrap_or_default().to_owned();
    for word in words {
        let mut letters = word.chars();
        if let Some(first) = letters.next() {
            name.extend(first.to_uppercase());
            name.push_str(letters.as_str());
        }
    }
    name
}

/// What a broken constraint means, with the value's size and the limit.
fn explain(error: &validator::ValidationError) -> String {
    if let Some(message) = &error.message {
        return message.to_string();
    }
    let param = |name: &str| error.params.get(name).map(ToString::to_string);
    match error.code.as_ref() {
        "length" => {
            let length = error
                .params
                .get("value")
                .and_then(|value| value.as_str())
                .map_or(0, |text| text.chars().count());
            match (param("min"), param("max")) {
                (Some(min), _) if length < min.parse().unwrap_or(0) => {
                    format!("{length} characters is fewer than the {min} required")
                }
                (_, Some(max)) => format!("{length} characters is more than the {max} allowed"),
                _ => format!("{length} characters is not an allowed length"),
            }
        }
        "range" => format!(
            "{} is outside {} to {}",
            param("value").unwrap_or_default(),
            param("min").unwrap_or_else(|| "…".to_owned()),
            param("max").unwrap_or_else(|| "…".to_owned())
        ),
        code => format!("breaks the constraint '{code}'"),
    }
}

/// A year parameter (`name`), when given, inside the years DXP keeps rounds for: the range the
/// document declares for every year parameter.
pub fn year_in_range(name: &str, year: Option<i32>) -> Result<Option<i32>, ApiError> {
    match year {
        Some(year) if !ROUND_YEARS.contains(&year) => Err(ApiError::BadRequest(format!(
            "{name} {year} is outside the years DXP keeps rounds for ({}–{})",
            ROUND_YEARS.start(),
            ROUND_YEARS.end()
        ))),
        other => Ok(other),
    }
}

/// A position parameter (`name`), when given, at or after the first: positions start at 0.
pub fn position(name: &str, position: Option<i64>) -> Result<Option<i64>, ApiError> {
    match position {
        Some(position) if position < 0 => Err(ApiError::BadRequest(format!(
            "{name} {position} is not a position; pass the nextCursor of the previous page"
        ))),
        other => Ok(other),
    }
}

/// An optional JSON body: nothing (or only white space) is `None`; anything else must be the
/// JSON expected, or the request is refused (never quietly taken as no body).
pub fn optional_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<Option<T>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(body).map(Some).map_err(|error| {
        ApiError::BadRequest(format!("the body is not the JSON expected: {error}"))
    })
}

/// Deserializes an integer that JSON may write as `130` or `130.0` ([`optional_integer`]).
pub fn integer<'de, D>(deserializer: D) -> Result<i64, D::Error>
where
    D: serde::Deserializer<'de>,
{
    optional_integer(deserializer)?
        .ok_or_else(|| serde::de::Error::custom("an integer is required, not null"))
}

/// Deserializes an optional integer that JSON may write as `130` or `130.0` (JSON Schema counts
/// both as integers, and some clients' number types write the second).
pub fn optional_integer<'de, D>(deserializer: D) -> Result<Option<i64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    match Option::<serde_json::Number>::deserialize(deserializer)? {
        None => Ok(None),
        Some(number) => number
            .as_i64()
            .or_else(|| {
                number
                    .as_f64()
                    .filter(|value| value.fract() == 0.0 && value.abs() < 9.0e15)
                    .map(|value| value as i64)
            })
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{number} is not an integer"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct WithOrganisation {
        #[serde(default, deserialize_with = "optional_integer")]
        organisation: Option<i64>,
    }

    fn organisation(json: &str) -> Result<Option<i64>, serde_json::Error> {
        serde_json::from_str::<WithOrganisation>(json).map(|body| body.organisation)
    }

    #[test]
    fn an_integer_may_be_written_with_a_zero_fraction_but_not_with_another() {
        assert_eq!(
            organisation(r#"{"organisation": 6004}"#).unwrap(),
            Some(6004)
        );
        assert_eq!(
            organisation(r#"{"organisation": 6004.0}"#).unwrap(),
            Some(6004)
        );
        assert_eq!(organisation(r#"{"organisation": null}"#).unwrap(), None);
        assert_eq!(organisation("{}").unwrap(), None);
        assert!(organisation(r#"{"organisation": 6004.5}"#).is_err());
        assert!(organisation(r#"{"organisation": 1e300}"#).is_err());
        assert!(organisation(r#"{"organisation": "6004"}"#).is_err());
    }

    #[test]
    fn a_body_of_white_space_is_no_body_and_a_broken_one_is_refused() {
        assert_eq!(optional_json::<serde_json::Value>(b" \n").unwrap(), None);
        assert!(optional_json::<serde_json::Value>(b"\n\x1c").is_err());
        assert_eq!(
            optional_json::<serde_json::Value>(br#"{"a":1}"#).unwrap(),
            Some(serde_json::json!({"a": 1}))
        );
    }

    #[derive(Debug, validator::Validate)]
    struct Lift {
        #[validate(range(min = 1, max = 9999))]
        organisation: i64,
        #[validate(length(min = 1, max = 5))]
        reason: String,
    }

    #[test]
    fn a_body_breaking_its_constraints_is_refused_naming_each_field() {
        let fine = Lift {
            organisation: 6004,
            reason: "ok".to_owned(),
        };
        assert!(valid(fine).is_ok());
        let broken = valid(Lift {
            organisation: 0,
            reason: "toolong".to_owned(),
        })
        .unwrap_err();
        assert!(matches!(broken, ApiError::BadRequest(_)));
        assert_eq!(
            broken.to_string(),
            "organisation: 0 is outside 1 to 9999; reason: 7 characters is more than the 5 allowed"
        );
        let empty = valid_or(
            Lift {
                organisation: 1,
                reason: String::new(),
            },
            ApiError::Unprocessable,
        )
        .unwrap_err();
        assert!(matches!(empty, ApiError::Unprocessable(_)));
        assert_eq!(
            empty.to_string(),
            "reason: 0 characters is fewer than the 1 required"
        );
    }

    #[test]
    fn field_names_are_the_bodys() {
        assert_eq!(camel_case("resubmission_window"), "resubmissionWindow");
        assert_eq!(camel_case("reason"), "reason");
    }

    #[test]
    fn positions_start_at_zero() {
        assert_eq!(position("after", Some(0)).unwrap(), Some(0));
        assert!(position("after", Some(-1)).is_err());
    }

    #[test]
    fn years_at_the_edges_of_the_range_are_accepted_and_beyond_them_refused() {
        assert_eq!(year_in_range("year", Some(2000)).unwrap(), Some(2000));
        assert_eq!(year_in_range("year", Some(2100)).unwrap(), Some(2100));
        assert_eq!(year_in_range("year", None).unwrap(), None);
        let refused = year_in_range("returnYear", Some(1999))
            .unwrap_err()
            .to_string();
        assert!(refused.contains("returnYear 1999"), "{refused}");
        assert!(year_in_range("year", Some(2101)).is_err());
    }
}
