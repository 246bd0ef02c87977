//! The oracle: the invariants the fuzz targets check. `fuzz/fuzz_targets/fuzz_csv.rs` and
//! `fuzz_legacy.rs` (run with cargo-fuzz on nightly, see `docs/fuzzing.md`) call
//! [`check_csv`] and [`check_legacy`] on every input, and `tests/fuzz_corpus.rs` calls them on
//! every file of the kept corpus (`fuzz/corpus/<target>/`) in the ordinary `cargo test`.
//!
//! It lives in the crate, rather than in the fuzz crate, so that the checks can look at what the
//! readers hold privately (the column each field was read from) instead of copying their code.
//!
//! Every check reads the input through the readers' public API, and returns a message naming
//! the broken invariant rather than panicking, so the replay test can name the file. A panic of
//! a reader itself is a failure too: the fuzzer reports it, and the replay test catches it.

use std::io::Read;

use dxp_domain::fields::{FieldKind, FieldSpec, fields};
use dxp_domain::{Edumis, Problem, SdrFile};
use serde_json::{Map, Value};

use super::Trickle;
use crate::csv::{CsvError, header_title};
use crate::legacy::{LegacyKind, LegacyRecords, convert_legacy_to_csv};
use crate::{CsvRecords, Row, generated_local_id};
use dxp_domain::validation::rule_by_code;

/// The provider the checks expect in files (any valid EDUMIS number would do).
const PROVIDER: i64 = 6004;

/// Fails the check with a message when `condition` does not hold.
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

/// The step an input is trickled in: 1 to 4 bytes, picked by the input so that the fuzzer
/// tries each.
fn step_for(data: &[u8]) -> usize {
    1 + data.len() % 4
}

fn provider() -> Result<Edumis, String> {
    Edumis::new(PROVIDER).map_err(|error| error.to_string())
}

/// Checks the DXP CSV reader on `data`, read as a file of each of the six kinds:
///
/// - the header is read or refused with problems carrying CSV rule codes (`CSV-002`, `CSV-006`,
///   `CSV-007`), never an I/O error; an empty header only for input without any record;
/// - the header titles and the rows are those the `csv` crate finds in the same bytes: as many
///   rows as non-blank records after the header, on strictly increasing lines;
/// - each row is a JSON object of the file's fields with its `localId`; each non-blank cell of a
///   field's column is either in the JSON (a text value as written, trimmed) or named by one
///   `CSV-001` or `CSV-005` problem, never both; `CSV-004` exactly when the row's value count is
///   off; `CSV-008` exactly when a Provider Code cell is not the expected provider;
/// - every problem carries the row's line, its `localId`, a known rule code and that rule's
///   severity;
/// - reading is deterministic and independent of how the bytes arrive (whole, or a few bytes
///   at a time).
pub fn check_csv(data: &[u8]) -> Result<(), String> {
    let records = csv_records(data)?;
    for file in SdrFile::EVERY {
        check_csv_file(file, data, &records)
            .map_err(|message| format!("as a {} file: {message}", file.csv_prefix()))?;
    }
    Ok(())
}

/// The records the `csv` crate reads in `data`, header included.
fn csv_records(data: &[u8]) -> Result<Vec<::csv::ByteRecord>, String> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data)
        .byte_records()
        .collect::<Result<_, _>>()
        .map_err(|error| format!("the csv crate cannot read the input: {error}"))
}

/// What the CSV reader made of a file.
struct CsvRead {
    titles: Vec<String>,
    notes: Vec<Problem>,
    field_columns: Vec<Option<usize>>,
    provider_column: Option<usize>,
    rows: Vec<Row>,
}

fn read_csv(
    file: SdrFile,
    reader: impl Read,
    provider: Option<Edumis>,
) -> Result<Result<CsvRead, CsvError>, String> {
    let records = match CsvRecords::new(file, reader) {
        Ok(records) => records,
        Err(error) => return Ok(Err(error)),
    };
    let records = match provider {
        Some(edumis) => records.expect_provider(edumis),
        None => records,
    };
    let titles = records.titles().to_vec();
    let notes = records.notes().to_vec();
    let (field_columns, provider_column) = records.columns();
    let (field_columns, provider_column) = (field_columns.to_vec(), provider_column);
    let rows = records
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("a row of bytes in memory could not be read: {error}"))?;
    Ok(Ok(CsvRead {
        titles,
        notes,
        field_columns,
        provider_column,
        rows,
    }))
}

fn check_csv_file(file: SdrFile, data: &[u8], records: &[::csv::ByteRecord]) -> Result<(), String> {
    let whole = read_csv(file, data, Some(provider()?))?;
    let trickled = read_csv(file, Trickle::new(data, step_for(data)), None)?;
    let read = match (whole, trickled) {
        (Err(whole), Err(trickled)) => {
            ensure!(
                whole.to_string() == trickled.to_string(),
                "the header is refused differently when the bytes arrive a few at a time: \
                 {whole} / {trickled}"
            );
            return check_header_error(&whole, records);
        }
        (Ok(whole), Ok(trickled)) => {
            ensure!(
                whole.titles == trickled.titles && whole.notes == trickled.notes,
                "the header reads differently when the bytes arrive a few at a time"
            );
            ensure!(
                whole.rows.len() == trickled.rows.len(),
                "{} rows, but {} when the bytes arrive a few at a time",
                whole.rows.len(),
                trickled.rows.len()
            );
            for (with, without) in whole.rows.iter().zip(&trickled.rows) {
                let mut expected = with.clone();
                expected
                    .problems
                    .retain(|problem| problem.rule != "CSV-008");
                ensure!(
                    &expected == without,
                    "row {} reads differently when the bytes arrive a few at a time (or \
                     without a provider): {expected:?} / {without:?}",
                    with.row
                );
            }
            whole
        }
        (Ok(_), Err(error)) | (Err(error), Ok(_)) => {
            return Err(format!(
                "the header is refused only one way of the bytes arriving: {error}"
            ));
        }
    };
    check_csv_rows(file, data, records, &read)
}

fn check_header_error(error: &CsvError, records: &[::csv::ByteRecord]) -> Result<(), String> {
    let problems = error.problems();
    ensure!(
        !problems.is_empty(),
        "the header error has no problem to report: {error}"
    );
    for problem in &problems {
        check_rule(problem, "CSV-")?;
    }
    match error {
        CsvError::NoHeader => ensure!(
            records.is_empty(),
            "the file is said to be empty, but it has {} records",
            records.len()
        ),
        CsvError::MissingColumns { titles, names, .. } => ensure!(
            !titles.is_empty() && titles.len() == names.len(),
            "missing columns listed inconsistently: {titles:?} / {names:?}"
        ),
        CsvError::DuplicateColumn { first, second, .. } => ensure!(
            first < second,
            "duplicate columns in the wrong order: {first}, {second}"
        ),
        CsvError::Read(error) => return Err(format!("an I/O error reading memory: {error}")),
    }
    Ok(())
}

fn blank(bytes: &[u8]) -> bool {
    bytes.trim_ascii().is_empty()
}

fn check_csv_rows(
    file: SdrFile,
    data: &[u8],
    records: &[::csv::ByteRecord],
    read: &CsvRead,
) -> Result<(), String> {
    let specs = fields(file);
    let Some((header, rest)) = records.split_first() else {
        return Err("a header was read from a file the csv crate finds no record in".to_owned());
    };
    // The same normalisation of a title; what is compared is the parsing of the bytes.
    let titles: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(column, bytes)| header_title(column, bytes))
        .collect();
    ensure!(
        titles == read.titles,
        "header titles {:?}, but the csv crate reads {titles:?}",
        read.titles
    );
    let header_line = read.notes.first().map(|note| note.index);
    for note in &read.notes {
        check_rule(note, "CSV-")?;
        ensure!(
            note.rule == "CSV-003" && Some(note.index) == header_line,
            "a header note that is not a CSV-003 on the header line: {note:?}"
        );
    }
    let data_records: Vec<&::csv::ByteRecord> = rest
        .iter()
        .filter(|record| !record.iter().all(blank))
        .collect();
    ensure!(
        data_records.len() == read.rows.len(),
        "{} rows read, but the csv crate finds {} non-blank records after the header",
        read.rows.len(),
        data_records.len()
    );
    let lines = 1
        + data.iter().filter(|&&byte| byte == b'\n').count()
        + data
            .windows(2)
            .filter(|pair| pair[0] == b'\r' && pair[1] != b'\n')
            .count()
        + usize::from(data.last() == Some(&b'\r'));
    let mut last = header_line.unwrap_or(1);
    for (row, record) in read.rows.iter().zip(data_records) {
        ensure!(
            row.row > last && row.row <= lines,
            "row on line {} after line {last} (the input has {lines} lines)",
            row.row
        );
        last = row.row;
        check_csv_row(specs, read, row, record)
            .map_err(|message| format!("row on line {}: {message} (row {row:?})", row.row))?;
    }
    Ok(())
}

fn check_csv_row(
    specs: &[FieldSpec],
    read: &CsvRead,
    row: &Row,
    record: &::csv::ByteRecord,
) -> Result<(), String> {
    let object = check_row_json(specs, row)?;
    let cell = |column: Option<usize>| column.map(|column| record.get(column).unwrap_or(&[]));
    let problems_on = |field: &str| {
        row.problems
            .iter()
            .filter(|problem| problem.field == field)
            .map(|problem| problem.rule.as_str())
            .collect::<Vec<_>>()
    };
    for problem in &row.problems {
        check_rule(problem, "CSV-")?;
        check_problem_of_row(specs, row, problem)?;
    }

    // Local ID: the cell, trimmed, or the generated id.
    let generated = generated_local_id(row.row);
    match cell(read.field_columns[0]) {
        Some(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) if !text.trim().is_empty() => ensure!(
                row.local_id == text.trim(),
                "localId {:?}, but the cell is {text:?}",
                row.local_id
            ),
            Ok(_) => ensure!(
                row.local_id == generated,
                "a blank Local ID is not {generated}"
            ),
            Err(_) => ensure!(
                row.local_id == generated && problems_on("localId") == ["CSV-005"],
                "a Local ID that is not UTF-8 is not {generated} with one CSV-005"
            ),
        },
        None => ensure!(
            row.local_id == generated,
            "no Local ID column, yet not {generated}"
        ),
    }

    for (spec, column) in specs.iter().zip(&read.field_columns).skip(1) {
        let Some(bytes) = cell(*column) else {
            ensure!(
                !object.contains_key(spec.name) && problems_on(spec.name).is_empty(),
                "{} is read though the file has no column for it",
                spec.name
            );
            continue;
        };
        let value = object.get(spec.name);
        let rules = problems_on(spec.name);
        let Ok(text) = std::str::from_utf8(bytes) else {
            ensure!(
                value.is_none() && rules == ["CSV-005"],
                "{}: a cell that is not UTF-8 gives {value:?} and {rules:?}",
                spec.name
            );
            continue;
        };
        if text.trim().is_empty() {
            ensure!(
                value.is_none() && rules.is_empty(),
                "{}: a blank cell gives {value:?} and {rules:?}",
                spec.name
            );
            continue;
        }
        check_value(spec, text, value, &rules, "CSV-001", &|item| {
            spec.kind.is_list() && item.split(crate::value::LIST_SEPARATOR).all(str_blank)
        })?;
    }

    let (found, expected) = (record.len(), read.titles.len());
    let extra_blank = found > expected && record.iter().skip(expected).all(blank);
    let miscounted = found != expected && !extra_blank;
    ensure!(
        miscounted == problems_on("").contains(&"CSV-004"),
        "{found} values for {expected} columns, yet the problems are {:?}",
        problems_on("")
    );
    let wrong_provider = read.provider_column.is_some_and(|column| {
        String::from_utf8_lossy(record.get(column).unwrap_or(&[]))
            .trim()
            .parse::<Edumis>()
            .ok()
            != Edumis::new(PROVIDER).ok()
    });
    let csv_008 = problems_on("")
        .iter()
        .filter(|rule| **rule == "CSV-008")
        .count();
    ensure!(
        csv_008 == usize::from(wrong_provider),
        "{csv_008} CSV-008 problems for a Provider Code that is {}the expected one",
        if wrong_provider { "not " } else { "" }
    );
    Ok(())
}

fn str_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A non-blank value of `spec`: in the JSON (a text as written, trimmed) or named by one
/// problem of `rule`, never both; or, where `empty(text)` says the value holds nothing (a list
/// of blanks, a legacy zero date), neither.
fn check_value(
    spec: &FieldSpec,
    text: &str,
    value: Option<&Value>,
    rules: &[&str],
    rule: &str,
    empty: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    match value {
        Some(value) => {
            ensure!(
                rules.is_empty(),
                "{}: {text:?} is read as {value} yet reported as {rules:?}",
                spec.name
            );
            match spec.kind {
                FieldKind::Text => ensure!(
                    value.as_str() == Some(text.trim()),
                    "{}: the text {text:?} is read as {value}",
                    spec.name
                ),
                FieldKind::TextList | FieldKind::DecimalList | FieldKind::IntegerList => ensure!(
                    value.as_array().is_some_and(|items| !items.is_empty()),
                    "{}: the list {text:?} is read as {value}",
                    spec.name
                ),
                FieldKind::Integer => ensure!(
                    value.is_i64(),
                    "{}: the whole number {text:?} is read as {value}",
                    spec.name
                ),
                FieldKind::Decimal => ensure!(
                    value.is_number(),
                    "{}: the number {text:?} is read as {value}",
                    spec.name
                ),
                FieldKind::Boolean => ensure!(
                    value.is_boolean(),
                    "{}: the flag {text:?} is read as {value}",
                    spec.name
                ),
                FieldKind::DateTime => ensure!(
                    value
                        .as_str()
                        .and_then(dxp_domain::course_enrolment::parse_date_time)
                        .is_some(),
                    "{}: the date {text:?} is read as {value}, not a date the API takes",
                    spec.name
                ),
            }
        }
        None if rules == [rule] => {}
        None => ensure!(
            rules.is_empty() && empty(text),
            "{}: {text:?} is left out with the problems {rules:?}",
            spec.name
        ),
    }
    Ok(())
}

/// The row's JSON: an object that opens with its `localId`, of the file's fields only.
fn check_row_json(specs: &[FieldSpec], row: &Row) -> Result<Map<String, Value>, String> {
    let value: Value = serde_json::from_str(&row.json)
        .map_err(|error| format!("the JSON does not parse: {error}"))?;
    let Value::Object(object) = value else {
        return Err("the JSON is not an object".to_owned());
    };
    ensure!(
        row.json.starts_with("{\"localId\":")
            && object.get("localId").and_then(Value::as_str) == Some(row.local_id.as_str()),
        "the JSON does not open with the row's localId"
    );
    for key in object.keys() {
        ensure!(
            specs.iter().any(|spec| spec.name == key),
            "the JSON has {key:?}, not a field of the file"
        );
    }
    Ok(object)
}

/// A problem is on the row's line and `localId`, and names a field of the file or none.
fn check_problem_of_row(specs: &[FieldSpec], row: &Row, problem: &Problem) -> Result<(), String> {
    ensure!(
        problem.index == row.row && problem.local_id.as_deref() == Some(row.local_id.as_str()),
        "a problem not on the row's line and localId: {problem:?}"
    );
    ensure!(
        problem.field.is_empty() || specs.iter().any(|spec| spec.name == problem.field),
        "a problem on {:?}, not a field of the file",
        problem.field
    );
    ensure!(
        !problem.message.is_empty() && !problem.message.contains('\n'),
        "a problem without a one-line message: {problem:?}"
    );
    Ok(())
}

/// A problem carries a known conversion rule code, of this reader, with its severity.
fn check_rule(problem: &Problem, prefix: &str) -> Result<(), String> {
    let rule = rule_by_code(&problem.rule)
        .ok_or_else(|| format!("a problem with an unknown rule code: {problem:?}"))?;
    ensure!(
        rule.code.starts_with(prefix) && rule.severity == problem.severity,
        "a problem with another reader's code or the wrong severity: {problem:?}"
    );
    Ok(())
}

/// Checks the legacy fixed-width reader and the converter to CSV on `data`, read as a file of
/// each of the five kinds:
///
/// - one row per line that is not blank (nor a lone Ctrl-Z), numbered by its line, `localId`
///   `row-<line>`, never an I/O error;
/// - `TXT-001` exactly when the line's length (in characters, Windows-1252 when not UTF-8) is
///   not the layout's; `TXT-002` exactly when positions 1–4 are not the expected provider;
/// - each non-blank slot is either in the JSON (a text as written, trimmed) or named by one
///   `TXT-003`, never both; problems carry the line, `localId`, a TXT code and its severity;
/// - reading is deterministic and independent of how the bytes arrive;
/// - [`convert_legacy_to_csv`] converts every such file (an error only for I/O), reports the
///   rows and problems the reader found, and writes a CSV that the CSV reader reads back to the
///   same records, without a problem.
pub fn check_legacy(data: &[u8]) -> Result<(), String> {
    for kind in LegacyKind::ALL {
        check_legacy_kind(kind, data)
            .map_err(|message| format!("as a {} file: {message}", kind.prefix()))?;
    }
    Ok(())
}

fn read_legacy(
    kind: LegacyKind,
    reader: impl Read,
    provider: Option<Edumis>,
) -> Result<Vec<Row>, String> {
    let records = LegacyRecords::new(kind, reader);
    let records = match provider {
        Some(edumis) => records.expect_provider(edumis),
        None => records,
    };
    records
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("a line of bytes in memory could not be read: {error}"))
}

fn check_legacy_kind(kind: LegacyKind, data: &[u8]) -> Result<(), String> {
    let edumis = provider()?;
    let rows = read_legacy(kind, data, Some(edumis))?;
    let trickled = read_legacy(kind, Trickle::new(data, step_for(data)), None)?;
    ensure!(
        rows.len() == trickled.len(),
        "{} rows, but {} when the bytes arrive a few at a time",
        rows.len(),
        trickled.len()
    );
    for (with, without) in rows.iter().zip(&trickled) {
        let mut expected = with.clone();
        expected
            .problems
            .retain(|problem| problem.rule != "TXT-002");
        ensure!(
            &expected == without,
            "line {} reads differently when the bytes arrive a few at a time (or without a \
             provider): {expected:?} / {without:?}",
            with.row
        );
    }

    let mut lines = data.split(|&byte| byte == b'\n').enumerate().peekable();
    let mut expected_lines = Vec::new();
    while let Some((at, line)) = lines.next() {
        if lines.peek().is_none() && line.is_empty() {
            break;
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !blank(line) && line != [0x1a] {
            expected_lines.push((at + 1, line));
        }
    }
    ensure!(
        rows.len() == expected_lines.len(),
        "{} rows read from {} lines that are not blank",
        rows.len(),
        expected_lines.len()
    );
    let specs = fields(kind.file());
    for (row, (number, line)) in rows.iter().zip(expected_lines) {
        ensure!(
            row.row == number,
            "the row of line {number} is numbered {}",
            row.row
        );
        check_legacy_row(kind, specs, row, line)
            .map_err(|message| format!("line {number}: {message} (row {row:?})"))?;
    }
    check_conversion(kind, data, &rows)
}

fn check_legacy_row(
    kind: LegacyKind,
    specs: &[FieldSpec],
    row: &Row,
    line: &[u8],
) -> Result<(), String> {
    let object = check_row_json(specs, row)?;
    ensure!(
        row.local_id == generated_local_id(row.row),
        "the localId is not row-<line>"
    );
    for problem in &row.problems {
        check_rule(problem, "TXT-")?;
        check_problem_of_row(specs, row, problem)?;
    }
    let rules_on = |field: &str| {
        row.problems
            .iter()
            .filter(|problem| problem.field == field)
            .map(|problem| problem.rule.as_str())
            .collect::<Vec<_>>()
    };
    let length = match std::str::from_utf8(line) {
        Ok(text) => text.chars().count(),
        // Windows-1252: a character per byte.
        Err(_) => line.len(),
    };
    let mut text = String::new();
    crate::legacy::decode(line, &mut text);
    let slot_text =
        |start: usize, len: usize| -> String { text.chars().skip(start - 1).take(len).collect() };
    let wrong_length = length != kind.record_len();
    let wrong_provider =
        slot_text(1, 4).trim().parse::<Edumis>().ok() != Edumis::new(PROVIDER).ok();
    let row_rules = rules_on("");
    ensure!(
        row_rules.iter().filter(|rule| **rule == "TXT-001").count() == usize::from(wrong_length)
            && row_rules.iter().filter(|rule| **rule == "TXT-002").count()
                == usize::from(wrong_provider)
            && row_rules.len() == usize::from(wrong_length) + usize::from(wrong_provider),
        "a line of {length} characters (a {} has {}), provider {:?}, has the problems \
         {row_rules:?}",
        kind.prefix(),
        kind.record_len(),
        slot_text(1, 4)
    );
    for spec in specs.iter().skip(1) {
        let value = object.get(spec.name);
        let rules = rules_on(spec.name);
        let Some(slot) = spec.legacy else {
            ensure!(
                value.is_none() && rules.is_empty(),
                "{} is read though it has no legacy slot",
                spec.name
            );
            continue;
        };
        let raw = slot_text(slot.start, slot.len);
        if raw.trim().is_empty() {
            ensure!(
                value.is_none() && rules.is_empty(),
                "{}: a blank slot gives {value:?} and {rules:?}",
                spec.name
            );
            continue;
        }
        check_value(spec, &raw, value, &rules, "TXT-003", &|raw| {
            spec.kind == FieldKind::DateTime && raw.trim().bytes().all(|byte| byte == b'0')
        })?;
    }
    Ok(())
}

/// The converter reports what the reader found, and its CSV reads back to the same records.
fn check_conversion(kind: LegacyKind, data: &[u8], rows: &[Row]) -> Result<(), String> {
    let edumis = provider()?;
    let mut csv = Vec::new();
    let report = convert_legacy_to_csv(kind, Some(edumis), data, &mut csv)
        .map_err(|error| format!("the conversion to CSV fails: {error}"))?;
    ensure!(
        report.rows == rows.len(),
        "the conversion reports {} rows for {} lines read",
        report.rows,
        rows.len()
    );
    let problems: Vec<Problem> = rows.iter().flat_map(|row| row.problems.clone()).collect();
    ensure!(
        report.problems == problems,
        "the conversion reports other problems than the reader's"
    );
    let back = read_csv(kind.file(), csv.as_slice(), Some(edumis))?
        .map_err(|error| format!("the converted CSV cannot be read back: {error}"))?;
    ensure!(
        back.notes.is_empty() && back.rows.len() == rows.len(),
        "the converted CSV reads back as {} rows (for {}) with the notes {:?}",
        back.rows.len(),
        rows.len(),
        back.notes
    );
    for (row, read_back) in rows.iter().zip(&back.rows) {
        ensure!(
            read_back.problems.is_empty(),
            "line {}'s converted CSV row has the problems {:?}",
            row.row,
            read_back.problems
        );
        let (json, json_back) = (parse(&row.json)?, parse(&read_back.json)?);
        ensure!(
            json == json_back && row.local_id == read_back.local_id,
            "line {} reads back from the converted CSV as {} instead of {}",
            row.row,
            read_back.json,
            row.json
        );
    }
    Ok(())
}

fn parse(json: &str) -> Result<Value, String> {
    serde_json::from_str(json).map_err(|error| format!("{json:?} does not parse: {error}"))
}
