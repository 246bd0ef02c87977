//! The DXP CSV files: a header row of column titles, then one record per row.
//!
//! Format (SDR domain specification §7, DXP API reference §1): comma-separated, values with a
//! comma (or a quote, or a line break) enclosed in double quotes; UTF-8, so that macrons
//! survive; dates `DD/MM/YYYY`; flags `Y`/`N`; several values in one column separated by `;`;
//! numbers as plain decimals. Line ends may be CRLF or LF; a UTF-8 byte-order mark is skipped.
//!
//! Columns. The DXP CSV headers are not published (domain specification §8.3), so a column is
//! matched to a field by the field's Data Specification title (`Course Start Date`, from
//! [`dxp_domain::fields`]) or its API name (`courseStartDate`), ignoring case, surrounding
//! blanks and repeated inner blanks. `Apprenticeship`, the title a vendor reports, is read as
//! `apprenticeships`. A `Provider Code` column, which the funder's files open with, is not a
//! record field (the API takes the provider from the `EID` header): it can be checked against the
//! submitting organisation ([`CsvRecords::expect_provider`]). Other columns are ignored, with one
//! warning each for the file ([`CsvRecords::notes`]).
//!
//! Values. Surrounding blanks are trimmed and an empty value leaves the field out of the record.
//! A value that is not in its column's format is reported once, as `CSV-001`, naming the row,
//! the column title and the value, and is left out of the record: the domain's check of the
//! record then sees the field as missing, and [`crate::merge_problems`] drops that second report,
//! so one bad cell gives one problem. A row whose every value is blank is skipped.
//!
//! Records. Each row becomes the JSON text of its record ([`crate::Row`]). A row without a
//! `localId` (no Local ID column, or an empty value) gets `row-<line>`
//! ([`crate::generated_local_id`]).

mod records;
mod write;

use std::io::Read;

use dxp_domain::fields::{FieldSpec, fields};
use dxp_domain::validation::Problem;
use dxp_domain::{Edumis, SdrFile};

use crate::value::{Shown, Syntax, push_json, push_json_string};
use crate::{Row, generated_local_id};
use dxp_domain::validation::reading::{
    CSV_001, CSV_002, CSV_003, CSV_004, CSV_005, CSV_006, CSV_007, CSV_008,
};
use records::RecordReader;

pub use write::{CsvWriter, WriteError, write_csv};

/// A [`crate::Row`] read from a CSV file.
pub type CsvRow = Row;

/// The title of the column that carries the provider's EDUMIS number.
pub const PROVIDER_CODE_TITLE: &str = "Provider Code";

/// Column titles read as another field's: (title, JSON name).
const ALIASES: &[(&str, &str)] = &[
    // A vendor (domain specification §3.3) reports the DXP CSV title as "Apprenticeship".
    ("Apprenticeship", "apprenticeships"),
];

/// Why a CSV file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The file is empty: there is no header row.
    #[error(
        "the file is empty; a DXP CSV file starts with a header row of column titles, such as \
         'Student Identification Code'"
    )]
    NoHeader,
    /// The header row lacks columns the record requires.
    #[error(
        "the header row (line {line}) has no column for {}; a {} file needs a column titled \
         with each required field's title or API name",
        list(titles),
        file.csv_prefix()
    )]
    MissingColumns {
        file: SdrFile,
        /// The header row's line number.
        line: usize,
        /// The titles of the missing columns, in field order.
        titles: Vec<&'static str>,
        /// Their JSON names, in the same order.
        names: Vec<&'static str>,
    },
    /// Two header columns stand for the same field.
    #[error(
        "columns {first} ({}) and {second} ({}) of the header row (line {line}) are both \
         {field}; keep one",
        Shown(first_title),
        Shown(second_title)
    )]
    DuplicateColumn {
        /// The header row's line number.
        line: usize,
        /// The JSON name of the field (`providerCode` for the Provider Code column).
        field: &'static str,
        /// Column numbers, from 1.
        first: usize,
        second: usize,
        first_title: String,
        second_title: String,
    },
    /// The file could not be read (an I/O error).
    #[error("the file could not be read: {0}")]
    Read(#[from] std::io::Error),
}

impl CsvError {
    /// The problems to report for this error, with the conversion rule codes (`CSV-007`,
    /// `CSV-002` for each missing column, `CSV-006`); none for a read error, which is not about
    /// the file's content. `index` is the header row's line number.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            CsvError::NoHeader => vec![CSV_007.problem(1, None, "", self.to_string())],
            CsvError::MissingColumns {
                file,
                line,
                titles,
                names,
            } => titles
                .iter()
                .zip(names)
                .map(|(title, name)| {
                    CSV_002.problem(
                        *line,
                        None,
                        name,
                        format!(
                            "the header row (line {line}) has no column for {title} (or \
                             {name}), which every {} record requires",
                            file.csv_prefix()
                        ),
                    )
                })
                .collect(),
            CsvError::DuplicateColumn { line, field, .. } => {
                vec![CSV_006.problem(*line, None, field, self.to_string())]
            }
            CsvError::Read(_) => Vec::new(),
        }
    }
}

fn list(titles: &[&str]) -> String {
    titles
        .iter()
        .map(|title| format!("'{title}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a header column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// The column of the field at this position of `fields(file)`.
    Field(usize),
    Provider,
    Ignored,
}

/// The records of a DXP CSV file, read one row at a time: memory stays flat whatever the
/// file's size (one row and an 8 KiB buffer are held).
///
/// Items are rows ([`crate::Row`]) or a read error, after which the iterator ends.
pub struct CsvRecords<R> {
    file: SdrFile,
    specs: &'static [FieldSpec],
    reader: RecordReader<R>,
    /// The line the current row starts on.
    row: usize,
    /// The header's titles as written (trimmed), by column.
    titles: Vec<String>,
    /// Per field of `specs`, the column holding it.
    field_columns: Vec<Option<usize>>,
    provider_column: Option<usize>,
    expected_provider: Option<Edumis>,
    notes: Vec<Problem>,
    done: bool,
}

/// The title of header column `column` as read: trimmed, and the first without a byte-order mark
/// left in front of it.
pub(crate) fn header_title(column: usize, bytes: &[u8]) -> String {
    let title = String::from_utf8_lossy(bytes);
    let title = if column == 0 {
        title.trim_start_matches('\u{feff}')
    } else {
        &title
    };
    title.trim().to_owned()
}

impl<R: Read> CsvRecords<R> {
    /// Reads the header row of a `file` CSV and maps its columns to the file's fields. Fails
    /// when the file is empty, lacks a required column, or has two columns for one field.
    pub fn new(file: SdrFile, reader: R) -> Result<Self, CsvError> {
        let mut reader = RecordReader::new(reader);
        let Some(line) = reader.read()? else {
            return Err(CsvError::NoHeader);
        };
        let specs = fields(file);
        let titles: Vec<String> = reader
            .iter()
            .enumerate()
            .map(|(column, bytes)| header_title(column, bytes))
            .collect();
        let mut field_columns = vec![None; specs.len()];
        let mut provider_column = None;
        let mut notes = Vec::new();
        for (column, title) in titles.iter().enumerate() {
            let (slot, field): (&mut Option<usize>, &'static str) = match classify(specs, title) {
                Column::Field(at) => (&mut field_columns[at], specs[at].name),
                Column::Provider => (&mut provider_column, "providerCode"),
                Column::Ignored => {
                    let message = if title.is_empty() {
                        format!(
                            "column {} of the header row has no title; its values are ignored",
                            column + 1
                        )
                    } else {
                        format!(
                            "column {} of the header row, {}, is not a field of the {} file; \
                             its values are ignored",
                            column + 1,
                            Shown(title),
                            file.csv_prefix()
                        )
                    };
                    notes.push(CSV_003.problem(line, None, "", message));
                    continue;
                }
            };
            if let Some(first) = *slot {
                return Err(CsvError::DuplicateColumn {
                    line,
                    field,
                    first: first + 1,
                    second: column + 1,
                    first_title: titles[first].clone(),
                    second_title: title.clone(),
                });
            }
            *slot = Some(column);
        }
        let missing: Vec<&FieldSpec> = specs
            .iter()
            .zip(&field_columns)
            .skip(1) // localId: generated when absent
            .filter(|(spec, column)| spec.required && column.is_none())
            .map(|(spec, _)| spec)
            .collect();
        if !missing.is_empty() {
            return Err(CsvError::MissingColumns {
                file,
                line,
                titles: missing.iter().map(|spec| spec.title).collect(),
                names: missing.iter().map(|spec| spec.name).collect(),
            });
        }
        Ok(CsvRecords {
            file,
            specs,
            reader,
            row: line,
            titles,
            field_columns,
            provider_column,
            expected_provider: None,
            notes,
            done: false,
        })
    }

    /// Checks every row's Provider Code, when the file has that column, against the EDUMIS
    /// number of the submitting organisation (`CSV-008`).
    pub fn expect_provider(mut self, edumis: Edumis) -> Self {
        self.expected_provider = Some(edumis);
        self
    }

    pub fn file(&self) -> SdrFile {
        self.file
    }

    /// Problems with the header row that do not stop the file being read: one `CSV-003`
    /// warning per ignored column. Their `index` is the header's line number.
    pub fn notes(&self) -> &[Problem] {
        &self.notes
    }

    /// The header's column titles, as written (trimmed).
    pub fn titles(&self) -> &[String] {
        &self.titles
    }

    /// The column of each field of the file (in [`fields`] order) and of the Provider Code, for
    /// [`crate::fuzzing`] to check each row's values against the cells they came from.
    #[cfg(feature = "fuzzing")]
    pub(crate) fn columns(&self) -> (&[Option<usize>], Option<usize>) {
        (&self.field_columns, self.provider_column)
    }

    /// Converts the current row.
    fn convert(&self) -> Row {
        let row = self.row;
        let mut problems = Vec::new();
        let cell = |column: usize| self.reader.get(column);

        let local_id = match self.field_columns[0].map(cell) {
            Some(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) if !text.trim().is_empty() => text.trim().to_owned(),
                Ok(_) => generated_local_id(row),
                Err(_) => {
                    let local_id = generated_local_id(row);
                    problems.push(self.not_utf8(row, &local_id, 0, bytes));
                    local_id
                }
            },
            None => generated_local_id(row),
        };

        let mut json = String::with_capacity(64 + 2 * self.reader.byte_len());
        json.push_str("{\"localId\":");
        push_json_string(&mut json, &local_id);
        for (at, (spec, column)) in self
            .specs
            .iter()
            .zip(&self.field_columns)
            .enumerate()
            .skip(1)
        {
            let Some(column) = *column else { continue };
            let bytes = cell(column);
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    problems.push(self.not_utf8(row, &local_id, at, bytes));
                    continue;
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            let mark = json.len();
            json.push(',');
            push_json_string(&mut json, spec.name);
            json.push(':');
            match push_json(spec.kind, text, Syntax::Csv, &mut json) {
                Ok(true) => {}
                Ok(false) => json.truncate(mark),
                Err(reason) => {
                    json.truncate(mark);
                    problems.push(CSV_001.problem(
                        row,
                        Some(&local_id),
                        spec.name,
                        format!(
                            "row {row}, column {}: {reason}",
                            Shown(&self.titles[column])
                        ),
                    ));
                }
            }
        }
        json.push('}');

        let (found, expected) = (self.reader.len(), self.titles.len());
        let extra_blank = found > expected
            && self
                .reader
                .iter()
                .skip(expected)
                .all(|bytes| bytes.trim_ascii().is_empty());
        if found != expected && !extra_blank {
            problems.push(CSV_004.problem(
                row,
                Some(&local_id),
                "",
                format!(
                    "row {row} has {found} values but the header row has {expected} columns; a \
                     value containing a comma must be enclosed in double quotes"
                ),
            ));
        }

        if let (Some(column), Some(expected)) = (self.provider_column, self.expected_provider) {
            let text = String::from_utf8_lossy(cell(column));
            let text = text.trim();
            if text.parse::<Edumis>().ok() != Some(expected) {
                let found = if text.is_empty() {
                    "is empty".to_owned()
                } else {
                    format!("is {}", Shown(text))
                };
                problems.push(CSV_008.problem(
                    row,
                    Some(&local_id),
                    "",
                    format!(
                        "row {row}, column {}: the Provider Code {found}; expected {expected:04}, \
                         the EDUMIS number of the organisation submitting the file",
                        Shown(&self.titles[column])
                    ),
                ));
            }
        }

        Row {
            row,
            local_id,
            json,
            problems,
        }
    }

    fn not_utf8(&self, row: usize, local_id: &str, at: usize, bytes: &[u8]) -> Problem {
        let column = self.field_columns[at].unwrap_or_default();
        CSV_005.problem(
            row,
            Some(local_id),
            self.specs[at].name,
            format!(
                "row {row}, column {}: {} is not UTF-8 text; save the file as 'CSV UTF-8'",
                Shown(&self.titles[column]),
                Shown(&String::from_utf8_lossy(bytes))
            ),
        )
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<Row, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.reader.read() {
                Ok(Some(row)) => {
                    if self
                        .reader
                        .iter()
                        .all(|bytes| bytes.trim_ascii().is_empty())
                    {
                        continue;
                    }
                    self.row = row;
                    return Some(Ok(self.convert()));
                }
                Ok(None) => self.done = true,
                Err(error) => {
                    self.done = true;
                    return Some(Err(CsvError::Read(error)));
                }
            }
        }
        None
    }
}

impl<R: Read> std::iter::FusedIterator for CsvRecords<R> {}

/// Lower case, blanks trimmed and runs of inner blanks made one space.
pub(crate) fn normalise(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for word in title.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn classify(specs: &[FieldSpec], title: &str) -> Column {
    let title = normalise(title);
    if title.is_empty() {
        return Column::Ignored;
    }
    if title == normalise(PROVIDER_CODE_TITLE) || title == "providercode" {
        return Column::Provider;
    }
    let name = ALIASES
        .iter()
        .find(|(alias, _)| normalise(alias) == title)
        .map(|(_, name)| *name);
    specs
        .iter()
        .position(|spec| {
            Some(spec.name) == name
                || normalise(spec.title) == title
                || spec.name.eq_ignore_ascii_case(&title)
        })
        .map_or(Column::Ignored, Column::Field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_by_title_or_name_whatever_the_case() {
        let specs = fields(SdrFile::CourseEnrolments);
        let at =
            |name: &str| Column::Field(specs.iter().position(|spec| spec.name == name).unwrap());
        assert_eq!(classify(specs, "Course Start Date"), at("courseStartDate"));
        assert_eq!(
            classify(specs, "  COURSE   start date "),
            at("courseStartDate")
        );
        assert_eq!(classify(specs, "courseStartDate"), at("courseStartDate"));
        assert_eq!(classify(specs, "COURSESTARTDATE"), at("courseStartDate"));
        assert_eq!(classify(specs, "Apprenticeship"), at("apprenticeships"));
        assert_eq!(classify(specs, "Local ID"), at("localId"));
        assert_eq!(classify(specs, "provider code"), Column::Provider);
        assert_eq!(classify(specs, "Course Start"), Column::Ignored);
        assert_eq!(classify(specs, ""), Column::Ignored);
    }
}
