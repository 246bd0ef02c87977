//! One value in both directions: a file's text (a CSV cell, a legacy slot) into its JSON form,
//! and a JSON value into a CSV cell, by the field's [`FieldKind`].

use std::fmt::{self, Write as _};

use chrono::{Datelike, NaiveDate};
use dxp_domain::course_enrolment::parse_date_time;
use dxp_domain::fields::FieldKind;
use serde_json::Value;

/// The file format a text value comes from: they spell dates, flags and lists differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// DXP CSV: dates `DD/MM/YYYY`, flags `Y`/`N`, lists separated by `;`.
    Csv,
    /// Legacy STEO TXT: dates `DDMMYYYY`, flags `Y`/`N` or `1`/`2`, lists in consecutive item
    /// slots of `item_len` characters (separated by blanks when the width is not known).
    Legacy { item_len: Option<usize> },
}

/// The separator of a CSV list value.
pub(crate) const LIST_SEPARATOR: char = ';';

/// Appends the JSON form of `raw` to `out`.
///
/// Returns `Ok(true)` when a value was written, `Ok(false)` when `raw` holds no value (blank, a
/// list of blanks, a legacy all-zero date): the caller leaves the field out. `Err` says what is
/// wrong, naming the value; `out` may then hold part of a value and the caller truncates it.
pub(crate) fn push_json(
    kind: FieldKind,
    raw: &str,
    syntax: Syntax,
    out: &mut String,
) -> Result<bool, String> {
    let item_kind = match kind {
        FieldKind::DecimalList => FieldKind::Decimal,
        FieldKind::IntegerList => FieldKind::Integer,
        FieldKind::TextList => FieldKind::Text,
        scalar => {
            let text = raw.trim();
            if text.is_empty() {
                return Ok(false);
            }
            return push_scalar(scalar, text, syntax, out)
                .map_err(|reason| format!("{} {reason}", Shown(text)));
        }
    };
    let mut count = 0;
    let mut failure = None;
    let mut push_item = |position: usize, item: &str, out: &mut String| {
        let item = item.trim();
        if item.is_empty() || failure.is_some() {
            return;
        }
        out.push(if count == 0 { '[' } else { ',' });
        count += 1;
        match push_scalar(item_kind, item, syntax, out) {
            Ok(true) => {}
            // Only legacy zero dates are written as nothing, and dates are never listed.
            Ok(false) => {
                failure = Some(format!("value {position}, {}, that is empty", Shown(item)))
            }
            Err(reason) => {
                failure = Some(format!("value {position}, {}, that {reason}", Shown(item)));
            }
        }
    };
    match syntax {
        Syntax::Csv => {
            for (position, item) in raw.split(LIST_SEPARATOR).enumerate() {
                push_item(position + 1, item, out);
            }
        }
        Syntax::Legacy {
            item_len: Some(width),
        } => {
            for (position, item) in chunks(raw, width).enumerate() {
                push_item(position + 1, item, out);
            }
        }
        Syntax::Legacy { item_len: None } => {
            for (position, item) in raw.split_whitespace().enumerate() {
                push_item(position + 1, item, out);
            }
        }
    }
    if let Some(reason) = failure {
        return Err(format!("{} has {reason}", Shown(raw.trim())));
    }
    if count == 0 {
        return Ok(false);
    }
    out.push(']');
    Ok(true)
}

/// `text` cut into pieces of `width` characters (the last may be shorter).
fn chunks(text: &str, width: usize) -> impl Iterator<Item = &str> {
    let width = width.max(1);
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .nth(width)
            .map_or(rest.len(), |(at, _)| at);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Appends one non-blank, trimmed scalar. The error is the predicate of a sentence whose
/// subject is the value ("is not a number; …").
fn push_scalar(
    kind: FieldKind,
    text: &str,
    syntax: Syntax,
    out: &mut String,
) -> Result<bool, String> {
    match kind {
        FieldKind::Text | FieldKind::TextList => {
            push_json_string(out, text);
            Ok(true)
        }
        FieldKind::Integer | FieldKind::IntegerList => {
            let number = parse_integer(text)?;
            // Writing to a String cannot fail.
            let _ = write!(out, "{number}");
            Ok(true)
        }
        FieldKind::Decimal | FieldKind::DecimalList => {
            let number = parse_decimal(text)?;
            let _ = write!(out, "{number}");
            Ok(true)
        }
        FieldKind::Boolean => {
            let flag = parse_flag(text, syntax)?;
            out.push_str(if flag { "true" } else { "false" });
            Ok(true)
        }
        FieldKind::DateTime => {
            let Some(date) = parse_date(text, syntax)? else {
                return Ok(false);
            };
            let _ = write!(
                out,
                "\"{:04}-{:02}-{:02}\"",
                date.year(),
                date.month(),
                date.day()
            );
            Ok(true)
        }
    }
}

const WHOLE_NUMBER_EXPECTED: &str = "expected a whole number written in digits, such as 12";
const DECIMAL_EXPECTED: &str =
    "expected a plain decimal number, such as 0.1167 or 1043.50, without thousands separators";

fn parse_integer(text: &str) -> Result<i64, String> {
    match text.parse::<i64>() {
        Ok(number) => Ok(number),
        Err(error) => match error.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                Err("is too large for a whole-number field".to_owned())
            }
            _ if parse_decimal(text).is_ok() => {
                Err(format!("is not a whole number; {WHOLE_NUMBER_EXPECTED}"))
            }
            _ => Err(format!("is not a number; {WHOLE_NUMBER_EXPECTED}")),
        },
    }
}

/// A decimal as a JSON number. Accepts an optional sign, digits with an optional fractional
/// part (`.5` and `5.` included), leading zeros, and an exponent (`1e-7`, as JSON writes very
/// small numbers); the number keeps the text's digits (`0.1167` stays `0.1167`).
fn parse_decimal(text: &str) -> Result<serde_json::Number, String> {
    let not_a_number = || format!("is not a number; {DECIMAL_EXPECTED}");
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (mantissa, ""),
    };
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return Err(not_a_number());
    }
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    let whole = whole.trim_start_matches('0');
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        let power = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if power.is_empty() || !digits(power) {
            return Err(not_a_number());
        }
        json.push('e');
        json.push_str(exponent);
    }
    serde_json::from_str::<serde_json::Number>(&json)
        .map_err(|_| "is too large for a number field".to_owned())
}

fn parse_flag(text: &str, syntax: Syntax) -> Result<bool, String> {
    let yes = ["Y", "YES", "TRUE"];
    let no = ["N", "NO", "FALSE"];
    if yes.iter().any(|word| text.eq_ignore_ascii_case(word)) {
        return Ok(true);
    }
    if no.iter().any(|word| text.eq_ignore_ascii_case(word)) {
        return Ok(false);
    }
    match (syntax, text) {
        // The legacy layout wrote some indicators 1 (yes) / 2 (no), e.g. DIS_ACCESS.
        (Syntax::Legacy { .. }, "1") => Ok(true),
        (Syntax::Legacy { .. }, "2") => Ok(false),
        (Syntax::Legacy { .. }, _) => {
            Err("is not a flag; expected Y or N (or 1 for yes, 2 for no)".to_owned())
        }
        (Syntax::Csv, _) => Err("is not a flag; expected Y or N".to_owned()),
    }
}

/// A calendar date: `DD/MM/YYYY` in CSV (one-digit days and months, as spreadsheets write
/// them, are read too), `DDMMYYYY` in legacy files, where `00000000` means no date.
fn parse_date(text: &str, syntax: Syntax) -> Result<Option<NaiveDate>, String> {
    let number = |part: &str, min: usize, max: usize| {
        (part.len() >= min && part.len() <= max && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (parts, expected) = match syntax {
        Syntax::Csv => {
            let mut pieces = text.split('/');
            let parts = match (pieces.next(), pieces.next(), pieces.next(), pieces.next()) {
                (Some(day), Some(month), Some(year), None) => {
                    match (number(day, 1, 2), number(month, 1, 2), number(year, 4, 4)) {
                        (Some(day), Some(month), Some(year)) => Some((day, month, year)),
                        _ => None,
                    }
                }
                _ => None,
            };
            (parts, "DD/MM/YYYY, such as 23/02/2026")
        }
        Syntax::Legacy { .. } => {
            if text.bytes().all(|b| b == b'0') {
                return Ok(None);
            }
            let parts = (text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| {
                    match (
                        number(&text[..2], 2, 2),
                        number(&text[2..4], 2, 2),
                        number(&text[4..], 4, 4),
                    ) {
                        (Some(day), Some(month), Some(year)) => Some((day, month, year)),
                        _ => None,
                    }
                })
                .flatten();
            (parts, "DDMMYYYY, such as 23022026")
        }
    };
    let Some((day, month, year)) = parts else {
        return Err(format!("is not a date; expected {expected}"));
    };
    // Four digits, so the year fits an i32.
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or_else(|| format!("is not a real calendar date; expected {expected}"))
}

/// Appends `text` as a JSON string.
pub(crate) fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends the CSV form of a JSON value of a `kind` field to `out`: the reverse of
/// [`push_json`] with [`Syntax::Csv`]. Date-times become the calendar date as written
/// (`2026-02-23T00:00:00+13:00` → `23/02/2026`). Lenient with values of the wrong JSON type
/// (the domain reports those): a number in a text field is written as its digits. The error
/// names what cannot be written as a cell without changing its meaning.
pub(crate) fn push_cell(kind: FieldKind, value: &Value, out: &mut String) -> Result<(), String> {
    match value {
        Value::Array(items) => {
            if !kind.is_list() {
                return Err("is a list, but the column holds a single value".to_owned());
            }
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push(LIST_SEPARATOR);
                }
                let start = out.len();
                push_scalar_cell(kind, item, out)
                    .map_err(|reason| format!("value {}: {reason}", position + 1))?;
                if out[start..].contains(LIST_SEPARATOR) {
                    return Err(format!(
                        "value {} contains '{LIST_SEPARATOR}', which separates the values of a \
                         list in a CSV cell",
                        position + 1
                    ));
                }
            }
            Ok(())
        }
        scalar => push_scalar_cell(kind, scalar, out),
    }
}

fn push_scalar_cell(kind: FieldKind, value: &Value, out: &mut String) -> Result<(), String> {
    match value {
        Value::Null => {}
        Value::Bool(flag) => out.push_str(if *flag { "Y" } else { "N" }),
        Value::Number(number) => {
            let _ = write!(out, "{number}");
        }
        Value::String(text) => match (kind, parse_date_time(text)) {
            (FieldKind::DateTime, Some(value)) => {
                let date = value.date_naive();
                let _ = write!(
                    out,
                    "{:02}/{:02}/{:04}",
                    date.day(),
                    date.month(),
                    date.year()
                );
            }
            _ => out.push_str(text),
        },
        Value::Array(_) => return Err("is a list inside a list".to_owned()),
        Value::Object(_) => return Err("is a JSON object, which no column holds".to_owned()),
    }
    Ok(())
}

/// A value quoted for a message: at most [`Shown::MAX_CHARS`] characters, control characters
/// escaped, so a message stays one readable line whatever the file held.
pub(crate) struct Shown<'a>(pub &'a str);

impl Shown<'_> {
    const MAX_CHARS: usize = 60;
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('\'')?;
        for (position, c) in self.0.chars().enumerate() {
            if position == Self::MAX_CHARS {
                f.write_char('…')?;
                break;
            }
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        f.write_char('\'')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(kind: FieldKind, raw: &str) -> Result<Option<String>, String> {
        let mut out = String::new();
        push_json(kind, raw, Syntax::Csv, &mut out).map(|wrote| wrote.then_some(out))
    }

    fn legacy(
        kind: FieldKind,
        raw: &str,
        item_len: Option<usize>,
    ) -> Result<Option<String>, String> {
        let mut out = String::new();
        push_json(kind, raw, Syntax::Legacy { item_len }, &mut out)
            .map(|wrote| wrote.then_some(out))
    }

    fn ok(text: &str) -> Result<Option<String>, String> {
        Ok(Some(text.to_owned()))
    }

    #[test]
    fn decimals_keep_their_digits() {
        assert_eq!(csv(FieldKind::Decimal, "0.1167"), ok("0.1167"));
        assert_eq!(csv(FieldKind::Decimal, "1043.50"), ok("1043.5"));
        assert_eq!(csv(FieldKind::Decimal, "007.5"), ok("7.5"));
        assert_eq!(csv(FieldKind::Decimal, ".5"), ok("0.5"));
        assert_eq!(csv(FieldKind::Decimal, "5."), ok("5"));
        assert_eq!(csv(FieldKind::Decimal, "-0.25"), ok("-0.25"));
        assert_eq!(csv(FieldKind::Decimal, "1e-7"), ok("1e-7"));
        assert_eq!(csv(FieldKind::Decimal, "12"), ok("12"));
        for bad in [
            "1,043.50", "$12", "abc", ".", "-", "1.2.3", "1e", "NaN", "inf",
        ] {
            let error = csv(FieldKind::Decimal, bad).unwrap_err();
            assert!(error.contains("is not a number"), "{bad}: {error}");
        }
    }

    #[test]
    fn integers_are_whole_numbers() {
        assert_eq!(csv(FieldKind::Integer, "0123"), ok("123"));
        assert_eq!(csv(FieldKind::Integer, " 7 "), ok("7"));
        assert!(
            csv(FieldKind::Integer, "7.5")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(
            csv(FieldKind::Integer, "seven")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            csv(FieldKind::Integer, "99999999999999999999")
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn flags_and_dates() {
        for yes in ["Y", "y", "true", "TRUE", "Yes"] {
            assert_eq!(csv(FieldKind::Boolean, yes), ok("true"), "{yes}");
        }
        for no in ["N", "n", "false", "no"] {
            assert_eq!(csv(FieldKind::Boolean, no), ok("false"), "{no}");
        }
        assert!(csv(FieldKind::Boolean, "1").is_err());
        assert_eq!(legacy(FieldKind::Boolean, "1", None), ok("true"));
        assert_eq!(legacy(FieldKind::Boolean, "2", None), ok("false"));

        assert_eq!(csv(FieldKind::DateTime, "23/02/2026"), ok("\"2026-02-23\""));
        assert_eq!(csv(FieldKind::DateTime, "3/2/2026"), ok("\"2026-02-03\""));
        assert_eq!(csv(FieldKind::DateTime, "29/02/2028"), ok("\"2028-02-29\""));
        let error = csv(FieldKind::DateTime, "29/02/2026").unwrap_err();
        assert_eq!(
            error,
            "'29/02/2026' is not a real calendar date; expected DD/MM/YYYY, such as 23/02/2026"
        );
        for bad in [
            "2026-02-23",
            "23/02/26",
            "23-02-2026",
            "23/02/2026 00:00",
            "//",
        ] {
            assert!(
                csv(FieldKind::DateTime, bad)
                    .unwrap_err()
                    .contains("is not a date"),
                "{bad}"
            );
        }
        assert_eq!(
            legacy(FieldKind::DateTime, "23022026", None),
            ok("\"2026-02-23\"")
        );
        assert_eq!(legacy(FieldKind::DateTime, "00000000", None), Ok(None));
        assert!(legacy(FieldKind::DateTime, "2302202", None).is_err());
        assert!(legacy(FieldKind::DateTime, "31042026", None).is_err());
        assert!(legacy(FieldKind::DateTime, "1ā0a2026", None).is_err());
    }

    #[test]
    fn lists() {
        assert_eq!(
            csv(FieldKind::DecimalList, "0.1; 0.2;;0.3;"),
            ok("[0.1,0.2,0.3]")
        );
        assert_eq!(csv(FieldKind::IntegerList, " ; "), Ok(None));
        assert_eq!(
            csv(FieldKind::TextList, "Te Reo Māori;English"),
            ok("[\"Te Reo Māori\",\"English\"]")
        );
        assert_eq!(
            csv(FieldKind::DecimalList, "0.1;x;0.3").unwrap_err(),
            format!("'0.1;x;0.3' has value 2, 'x', that is not a number; {DECIMAL_EXPECTED}")
        );
        assert_eq!(
            legacy(FieldKind::IntegerList, "111222   ", Some(3)),
            ok("[111,222]")
        );
        assert_eq!(
            legacy(FieldKind::DecimalList, "0.1000 0.0500 ", Some(7)),
            ok("[0.1,0.05]")
        );
        assert_eq!(
            legacy(FieldKind::IntegerList, " 12  34 ", None),
            ok("[12,34]")
        );
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c\nd\u{1}Māori");
        assert_eq!(
            serde_json::from_str::<String>(&out).unwrap(),
            "a\"b\\c\nd\u{1}Māori"
        );
    }

    #[test]
    fn cells_from_json() {
        let cell = |kind, value: Value| {
            let mut out = String::new();
            push_cell(kind, &value, &mut out).map(|()| out)
        };
        assert_eq!(
            cell(
                FieldKind::DateTime,
                Value::from("2026-02-23T00:00:00+13:00")
            ),
            Ok("23/02/2026".to_owned())
        );
        assert_eq!(
            cell(FieldKind::DateTime, Value::from("2026-02-23")),
            Ok("23/02/2026".to_owned())
        );
        assert_eq!(
            cell(FieldKind::Boolean, Value::from(false)),
            Ok("N".to_owned())
        );
        assert_eq!(
            cell(FieldKind::DecimalList, serde_json::json!([0.1, 0.05, 0])),
            Ok("0.1;0.05;0".to_owned())
        );
        assert!(cell(FieldKind::TextList, serde_json::json!(["a;b"])).is_err());
        assert!(cell(FieldKind::Text, serde_json::json!(["a"])).is_err());
        assert!(cell(FieldKind::Text, serde_json::json!({"a": 1})).is_err());
    }

    #[test]
    fn shown_values_are_short_and_on_one_line() {
        assert_eq!(Shown("a\nb").to_string(), "'a\\nb'");
        let long = "x".repeat(100);
        assert_eq!(Shown(&long).to_string().chars().count(), 60 + 3);
    }
}
