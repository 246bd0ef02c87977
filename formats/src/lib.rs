//! DXP file formats: the files a tertiary education organisation exchanges with DXP, read into
//! the API's JSON records and written back out.
//!
//! This crate owns:
//!
//! - [`csv`]: the DXP CSV files (`ENRL6004.CSV`, …): a streaming reader that turns each row into
//!   the JSON record the API takes ([`csv::CsvRecords`]), and a writer that turns JSON records
//!   into a DXP CSV file ([`csv::CsvWriter`], [`csv::write_csv`]).
//! - [`legacy`]: the STEO fixed-width `.TXT` files used until 2024 (`COUR6004.txt`, …): a
//!   streaming reader ([`legacy::LegacyRecords`]) and a converter to DXP CSV
//!   ([`legacy::convert_legacy_to_csv`]).
//! - [`names`]: the DXP CSV file names (`INDLEAR6004.CSV`).
//! - [`learner_fees`]: the work-based learner fees CSV upload, read into fee records.
//!
//! The problems found while converting name the reading rules of the one rule catalogue
//! (`CSV-001`, `TXT-001`, …: [`dxp_domain::validation::reading`]).
//!
//! There is one validation path. A CSV row or a legacy line becomes the same JSON text an
//! integrator would send to the API, and `dxp_domain` validates that text exactly as it
//! validates an API upload. This crate reports only what the JSON cannot carry: a cell that is
//! not in its column's format, a missing column, a line of the wrong length. The field list
//! (JSON names, CSV titles, legacy positions) is the domain's [`dxp_domain::fields`]; nothing
//! here keeps its own copy.
//!
//! In a converted record's problems, [`Problem::index`] is the line number of the row in its
//! file (the CSV header row is line 1, so the first data row is line 2; a legacy file's first
//! line is line 1), not a position in a batch. [`merge_problems`] gives the domain's problems
//! for the record the same numbering.

pub mod commitments;
pub mod csv;
/// The invariants of the fuzz targets and of the corpus replay test, only with the `fuzzing`
/// feature; not an API for users.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod learner_fees;
pub mod legacy;
pub mod names;
pub mod registers;
mod value;

use dxp_domain::Problem;
use dxp_domain::validation::Severity;

pub use csv::{CsvError, CsvRecords, CsvWriter, WriteError, write_csv};
pub use legacy::{ConvertError, ConvertReport, LegacyKind, LegacyRecords, convert_legacy_to_csv};
pub use names::{file_name, parse_file_name};

/// One record read from a file (a CSV data row or a legacy line), as the JSON text the API
/// takes, with the problems met while converting it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line of the file on which the record starts, from 1. In a CSV file the header row is
    /// line 1, so the first data row is line 2; a quoted value spanning several lines makes the
    /// next row start further down. Also the `index` of every problem of the row.
    pub row: usize,
    /// The record's `localId`: the file's `Local ID` value when it has one, otherwise
    /// `row-<line>` (see [`generated_local_id`]).
    pub local_id: String,
    /// The record as a JSON object, in the API's field names and types. A value that could not
    /// be converted is left out (and named in `problems`).
    pub json: String,
    /// Problems met while converting the row, in column order. The domain's validation of
    /// `json` is separate: see [`merge_problems`].
    pub problems: Vec<Problem>,
}

impl Row {
    /// Whether converting the row found an error (warnings allowed).
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }
}

/// The `localId` given to a record whose file does not carry one: `row-<line>`, the line the
/// record starts on. SMS exports of DXP CSV files have no Local ID column, and legacy files have
/// no such field. The id is stable for a given file, so uploading the same file again replaces
/// the same records; a file with rows inserted or removed numbers the rows after them
/// differently, so a changed file should replace the whole file's records, not be merged with
/// them.
pub fn generated_local_id(row: usize) -> String {
    format!("row-{row}")
}

/// Combines a converted record's own problems with the problems the domain found in its JSON
/// (e.g. the [`dxp_domain::validation::FileRecordReport::problems`] of [`dxp_domain::check_file`]), so that
/// each bad value is reported once and every problem carries the record's line number.
///
/// A value that could not be converted is left out of the JSON, so the domain may report its
/// field as missing too; domain problems on a field that already has a conversion error are
/// dropped. Every domain problem's `index` (its position in the batch) becomes `row`.
pub fn merge_problems(
    row: usize,
    conversion: Vec<Problem>,
    domain: impl IntoIterator<Item = Problem>,
) -> Vec<Problem> {
    let mut merged = conversion;
    let converted = merged.len();
    for mut problem in domain {
        let shadowed = !problem.field.is_empty()
            && merged[..converted]
                .iter()
                .any(|own| own.severity == Severity::Error && own.field == problem.field);
        if !shadowed {
            problem.index = row;
            merged.push(problem);
        }
    }
    merged
}
