//! Reading one record's JSON without losing the rest of the batch, or the rest of the record.
//!
//! Fast path: serde straight into the wire struct, whose fields are all optional, so a missing
//! REQUIRED field is not a parse error (rule CE-003 reports it). Only when serde refuses the
//! record (a wrong type, malformed JSON, a field given twice) does the slow path run: it reads
//! the record as a `serde_json::Value`, checks every known field's JSON type against the schema,
//! reports each wrongly typed field (CE-002), sets it aside, and reads the rest, so the record's
//! other fields are still checked by the rules.
//!
//! Unknown extra fields are ignored, not warned about: the funder's API has added fields over
//! time (e.g. `linkedQualificationForFeesFree`, `learningHours`) and integrators built against it
//! send them; a misspelt known field still shows up, as that field missing (CE-003, CE-030,
//! CE-031, CE-037); and skipping unknown fields keeps the fast path fast.

use chrono::Datelike;
use serde::Deserialize;
use serde_json::Value;

use super::Problem;
use super::rules::{CE_001, CE_002};
use super::sink::{Shown, Sink};
use crate::course_enrolment::wire::WireEnrolment;
use crate::course_enrolment::{Field, Kind, parse_date_time};

/// What reading a record gave.
#[expect(
    clippy::large_enum_variant,
    reason = "returned once per record and unpacked at once; boxing would add an allocation per record"
)]
pub(crate) enum Reading {
    /// The record could be read, perhaps with some fields set aside.
    Read {
        wire: WireEnrolment,
        /// The fields set aside for a wrong JSON type (CE-002).
        unreadable: u32,
        /// Whether the record read without any problem (no CE-001 or CE-002).
        clean: bool,
    },
    /// Nothing in the record can be checked (CE-001); its localId if one could be seen.
    Unreadable { local_id: Option<String> },
}

pub(crate) fn read_record(index: usize, text: &str, problems: &mut Vec<Problem>) -> Reading {
    match serde_json::from_str::<WireEnrolment>(text) {
        Ok(wire) => Reading::Read {
            wire,
            unreadable: 0,
            clean: true,
        },
        Err(error) => diagnose(index, text, &error, problems),
    }
}

fn diagnose(
    index: usize,
    text: &str,
    fast_error: &serde_json::Error,
    problems: &mut Vec<Problem>,
) -> Reading {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            Sink::new(index, None, None, problems).report(
                &CE_001,
                "",
                format_args!("the record is not valid JSON: {error}"),
            );
            return Reading::Unreadable { local_id: None };
        }
    };
    let Value::Object(mut map) = value else {
        Sink::new(index, None, None, problems).report(
            &CE_001,
            "",
            format_args!(
                "the record is {}; expected a JSON object with the course-enrolment fields",
                describe(&value)
            ),
        );
        return Reading::Unreadable { local_id: None };
    };
    let local_id = map
        .get(Field::LocalId.name())
        .and_then(Value::as_str)
        .map(str::to_owned);
    let start_year = map
        .get(Field::CourseStartDate.name())
        .and_then(Value::as_str)
        .and_then(parse_date_time)
        .map(|start| start.date_naive().year());
    let mut sink = Sink::new(index, local_id.as_deref(), start_year, problems);
    let mut unreadable = 0;
    for field in Field::ALL {
        let Some(value) = map.get_mut(field.name()) else {
            continue;
        };
        if let Some(message) = misfit(field, value) {
            sink.report(&CE_002, field.name(), format_args!("{message}"));
            unreadable |= field.bit();
            *value = Value::Null;
        }
    }
    let wire = match WireEnrolment::deserialize(Value::Object(map)) {
        Ok(wire) => wire,
        Err(error) => {
            // Every known field now has its schema type; kept as a safety net.
            sink.report(
                &CE_001,
                "",
                format_args!("the record could not be read: {error}"),
            );
            return Reading::Unreadable { local_id };
        }
    };
    if unreadable == 0 {
        // serde refused the record though every field has the right type: a field given twice
        // is the case JSON values hide (the last one wins there).
        sink.report(
            &CE_001,
            "",
            format_args!("the record could not be read: {fast_error}"),
        );
    }
    Reading::Read {
        wire,
        unreadable,
        clean: false,
    }
}

/// What a value is, for a message.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the text {}", Shown(text)),
        Value::Array(items) if items.len() == 1 => "an array of 1 value".to_owned(),
        Value::Array(items) => format!("an array of {} values", items.len()),
        Value::Object(_) => "an object".to_owned(),
    }
}

const DATE_TIME_EXAMPLE: &str = "an RFC 3339 date-time such as 2026-02-23T00:00:00+13:00 (a plain date such as 2026-02-23 is also read)";

/// Why `value` does not have `field`'s JSON type, or `None` when it does. Null is absence, not
/// a wrong type. Must agree with what serde accepts for the wire struct.
fn misfit(field: Field, value: &Value) -> Option<String> {
    let name = field.name();
    if value.is_null() {
        return None;
    }
    match field.kind() {
        Kind::Text => (!value.is_string()).then(|| {
            format!(
                "{name} must be text (a JSON string); found {}",
                describe(value)
            )
        }),
        Kind::DateTime => match value.as_str() {
            Some(text) if parse_date_time(text).is_some() => None,
            Some(text) => Some(format!(
                "{name} {} is not a date-time; expected {DATE_TIME_EXAMPLE}",
                Shown(text)
            )),
            None => Some(format!(
                "{name} must be {DATE_TIME_EXAMPLE}, as text; found {}",
                describe(value)
            )),
        },
        Kind::Int32 => match value {
            Value::Number(number) if number.as_i64().is_some_and(|n| i32::try_from(n).is_ok()) => {
                None
            }
            Value::Number(number) if number.is_i64() || number.is_u64() => Some(format!(
                "{name} is {number}, outside the range of a 32-bit integer (int32)"
            )),
            _ => Some(format!(
                "{name} must be a whole number; found {}",
                describe(value)
            )),
        },
        Kind::Number => (!value.is_number())
            .then(|| format!("{name} must be a number; found {}", describe(value))),
        Kind::Boolean => (!value.is_boolean()).then(|| {
            format!(
                "{name} must be true or false (the API's form of Y and N); found {}",
                describe(value)
            )
        }),
        Kind::NumberArray => match value {
            Value::Array(items) => items.iter().position(|item| !item.is_number()).map(|at| {
                format!(
                    "{name} value {} must be a number; found {}",
                    at + 1,
                    describe(&items[at])
                )
            }),
            _ => Some(format!(
                "{name} must be an array of numbers, one per month (not text separated by ';'); \
                 found {}",
                describe(value)
            )),
        },
        Kind::TextArray => match value {
            Value::Array(items) => items.iter().position(|item| !item.is_string()).map(|at| {
                format!(
                    "{name} value {} must be text; found {}",
                    at + 1,
                    describe(&items[at])
                )
            }),
            _ => Some(format!(
                "{name} must be an array of text values (not text separated by ';'); found {}",
                describe(value)
            )),
        },
    }
}
