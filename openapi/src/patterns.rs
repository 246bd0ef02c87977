//! The patterns of the identifiers the server parses, put on every parameter and property of the
//! document that carries one. Each pattern is stated once, beside the code that parses it
//! (`RoundId::PATTERN`, `idempotency::KEY_PATTERN`, `legacy::FILE_NAME_PATTERN`), so the document
//! cannot promise more or less than the server accepts: property-based testers generate from
//! these, and generated clients check them before sending.

use dxp_api::idempotency;
use dxp_domain::RoundId;
use dxp_formats::legacy;
use serde_json::{Value, json};

/// The schema properties that hold a round's id.
pub(crate) const ROUND_PROPERTIES: [(&str, &str); 6] = [
    ("NewRound", "id"),
    ("RoundView", "id"),
    ("NewSubmission", "round"),
    ("SubmissionView", "round"),
    ("DueItemView", "round"),
    ("StopGateLiftView", "round"),
];

/// The pattern of a parameter, by where it is and what it is called.
fn parameter_pattern(path: &str, parameter: &Value) -> Option<(&'static str, Option<usize>)> {
    let name = parameter.get("name")?.as_str()?;
    match (parameter.get("in")?.as_str()?, name) {
        ("path", "id") if path.starts_with("/api/v1/rounds/") => Some((RoundId::PATTERN, None)),
        ("query", "round") => Some((RoundId::PATTERN, None)),
        ("path", "fileName") => Some((legacy::FILE_NAME_PATTERN, None)),
        ("header", "Idempotency-Key") => {
            Some((idempotency::KEY_PATTERN, Some(idempotency::MAX_KEY_LEN)))
        }
        _ => None,
    }
}

/// Puts the patterns on the document's parameters and properties.
pub(crate) fn apply(document: &mut Value) {
    if let Some(schemas) = document.pointer_mut("/components/schemas") {
        for (schema, property) in ROUND_PROPERTIES {
            if let Some(property) = schemas.pointer_mut(&format!("/{schema}/properties/{property}"))
            {
                property["pattern"] = json!(RoundId::PATTERN);
            }
        }
    }
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(operations) = item.as_object_mut() else {
            continue;
        };
        for operation in operations.values_mut() {
            let Some(parameters) = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for parameter in parameters {
                if let Some((pattern, max_length)) = parameter_pattern(path, parameter) {
                    let schema = &mut parameter["schema"];
                    schema["pattern"] = json!(pattern);
                    if let Some(max_length) = max_length {
                        schema["maxLength"] = json!(max_length);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn accepts(pattern: &str, text: &str) -> bool {
        Regex::new(pattern).expect("a valid pattern").is_match(text)
    }

    #[test]
    fn the_round_pattern_accepts_exactly_what_the_server_parses() {
        for text in [
            "2026-APR",
            "2026-apr",
            "2000-IND",
            "2100-Dec",
            "2026-AUG",
            "1999-APR",
            "2101-APR",
            "2026-MAY",
            "2026APR",
            "26-APR",
            "",
            "2026-APR ",
            " 2026-APR",
            "+026-APR",
            "2026-APRIL",
            "20260-APR",
        ] {
            assert_eq!(
                accepts(RoundId::PATTERN, text),
                text.parse::<RoundId>().is_ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_legacy_file_name_pattern_accepts_exactly_what_the_server_parses() {
        for text in [
            "COUR6004.txt",
            "stud0001.TXT",
            "Creg9999.Txt",
            "QUAL1234.txt",
            "COMP6004.txt",
            "COUR0000.txt",
            "COUR600.txt",
            "COUR60045.txt",
            "COUR6004.csv",
            "LEAR6004.txt",
            "COUR6004",
            "",
            "COUR6004.txt.bak",
        ] {
            assert_eq!(
                accepts(legacy::FILE_NAME_PATTERN, text),
                legacy::parse_file_name(text).is_some(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_idempotency_key_pattern_is_visible_ascii_up_to_the_limit() {
        assert!(accepts(idempotency::KEY_PATTERN, "5f0c8a7e-2b8e-4f7a"));
        assert!(accepts(
            idempotency::KEY_PATTERN,
            &"k".repeat(idempotency::MAX_KEY_LEN)
        ));
        assert!(!accepts(
            idempotency::KEY_PATTERN,
            &"k".repeat(idempotency::MAX_KEY_LEN + 1)
        ));
        assert!(!accepts(idempotency::KEY_PATTERN, ""));
        assert!(!accepts(idempotency::KEY_PATTERN, "a key"));
    }

    #[test]
    fn every_round_property_named_here_is_in_the_document() {
        let document = crate::document().expect("document");
        for (schema, property) in ROUND_PROPERTIES {
            let found = document
                .pointer(&format!(
                    "/components/schemas/{schema}/properties/{property}"
                ))
                .unwrap_or_else(|| panic!("{schema}.{property} is not in the document"));
            assert_eq!(found["pattern"], RoundId::PATTERN, "{schema}.{property}");
        }
    }
}
