//! Writing JSON records as a DXP CSV file.

use std::io::Write;

use dxp_domain::fields::{FieldSpec, fields};
use dxp_domain::{Edumis, SdrFile};
use serde_json::Value;

use super::PROVIDER_CODE_TITLE;
use crate::value::push_cell;

/// The UTF-8 byte-order mark, which Excel needs to read a CSV file's macrons correctly.
const BOM: &str = "\u{feff}";

/// Why records could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A record is not valid JSON.
    #[error("record {index} is not valid JSON: {source}")]
    Json {
        /// The record's position among those written, from 0.
        index: usize,
        source: serde_json::Error,
    },
    /// A record is JSON but not an object.
    #[error("record {index} is not a JSON object")]
    NotAnObject { index: usize },
    /// A value cannot be written as a cell without changing its meaning.
    #[error("record {index}, field {field}: the value {reason}")]
    Value {
        index: usize,
        field: &'static str,
        reason: String,
    },
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("the CSV could not be written: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes JSON records (the API's form) as a DXP CSV file: a header row of the fields' titles
/// in [`fields`] order (Local ID first, after the Provider Code column when one is set), then one
/// row per record. Dates are written `DD/MM/YYYY`: a date-time's calendar date as written, so
/// `2026-02-23T00:00:00+13:00` becomes `23/02/2026` and reads back as `2026-02-23` (the time
/// and offset are dropped). Flags are `Y`/`N`, lists `;`-separated, numbers as JSON wrote them,
/// and values with a comma, quote or line break are quoted. Lines end CRLF. Fields the file
/// does not have are not written.
///
/// What reads back differently ([`super::CsvRecords`]): date-times (above), blanks around a
/// text value (trimmed), and an empty text or list (left out).
pub struct CsvWriter<W: Write> {
    file: SdrFile,
    specs: &'static [FieldSpec],
    provider: Option<Edumis>,
    bom: bool,
    inner: ::csv::Writer<W>,
    started: bool,
    cells: Vec<String>,
    written: usize,
}

impl<W: Write> CsvWriter<W> {
    /// A writer of `file` records to `writer`. Nothing is written until the first record, or
    /// [`CsvWriter::finish`] (which writes the header of a file with no records).
    pub fn new(file: SdrFile, writer: W) -> Self {
        let specs = fields(file);
        CsvWriter {
            file,
            specs,
            provider: None,
            bom: false,
            inner: ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(writer),
            started: false,
            cells: vec![String::new(); specs.len() + 1],
            written: 0,
        }
    }

    /// Opens every row with a Provider Code column holding `edumis` (four digits), as the
    /// funder's files do.
    pub fn with_provider(mut self, edumis: Edumis) -> Self {
        self.provider = Some(edumis);
        self
    }

    /// Starts the file with a UTF-8 byte-order mark, so that Excel shows macrons correctly.
    /// Off by default; [`super::CsvRecords`] reads files with or without one.
    pub fn with_bom(mut self, bom: bool) -> Self {
        self.bom = bom;
        self
    }

    pub fn file(&self) -> SdrFile {
        self.file
    }

    /// How many records have been written.
    pub fn written(&self) -> usize {
        self.written
    }

    fn start(&mut self) -> Result<(), WriteError> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        // The mark is the first thing in the file: it goes in front of the first title.
        let bom = if self.bom { BOM } else { "" };
        let provider = self.provider.map(|_| PROVIDER_CODE_TITLE);
        let mut titles = provider
            .into_iter()
            .chain(self.specs.iter().map(|spec| spec.title));
        let first = titles.next().map(|title| format!("{bom}{title}"));
        self.inner
            .write_record(first.iter().map(String::as_str).chain(titles))?;
        Ok(())
    }

    /// Writes one record, given as its JSON text.
    pub fn write_json(&mut self, json: &str) -> Result<(), WriteError> {
        let index = self.written;
        let value: Value =
            serde_json::from_str(json).map_err(|source| WriteError::Json { index, source })?;
        let Value::Object(record) = value else {
            return Err(WriteError::NotAnObject { index });
        };
        self.start()?;
        for cell in &mut self.cells {
            cell.clear();
        }
        let offset = usize::from(self.provider.is_some());
        if let Some(edumis) = self.provider {
            self.cells[0] = format!("{:04}", edumis.value());
        }
        for (spec, cell) in self.specs.iter().zip(&mut self.cells[offset..]) {
            if let Some(value) = record.get(spec.name) {
                push_cell(spec.kind, value, cell).map_err(|reason| WriteError::Value {
                    index,
                    field: spec.name,
                    reason,
                })?;
            }
        }
        self.inner
            .write_record(&self.cells[..offset + self.specs.len()])?;
        self.written += 1;
        Ok(())
    }

    /// Passes what is written so far on to the writer (the CSV writer buffers rows), so that a
    /// long file can be sent as it is written.
    pub fn flush(&mut self) -> Result<(), WriteError> {
        self.inner.flush().map_err(WriteError::Io)
    }

    /// Writes the header if no record was written, flushes, and gives the writer back.
    pub fn finish(mut self) -> Result<W, WriteError> {
        self.start()?;
        self.inner
            .into_inner()
            .map_err(|error| WriteError::Io(error.into_error()))
    }
}

/// Writes `records` (JSON texts, the API's form) as a `file` DXP CSV to `writer`, without a
/// Provider Code column or byte-order mark (see [`CsvWriter`] for those), and returns how many
/// records were written. Stops at the first record that cannot be written.
pub fn write_csv<'a, W: Write>(
    file: SdrFile,
    records: impl IntoIterator<Item = &'a str>,
    writer: W,
) -> Result<usize, WriteError> {
    let mut out = CsvWriter::new(file, writer);
    for record in records {
        out.write_json(record)?;
    }
    let written = out.written();
    out.finish()?;
    Ok(written)
}
