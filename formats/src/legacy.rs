//! The legacy STEO fixed-width `.TXT` files (SDR returns up to 2024), read into the API's JSON
//! records and converted to DXP CSV, for historical resubmission (the DXP user guide's "Convert
//! to new format" step; SDR domain specification §7).
//!
//! A legacy file has one record per line, no delimiters: each field at fixed character
//! positions, text left-justified and blank-padded, numbers (NSN, fees) right-justified, dates
//! `DDMMYYYY`, several values in consecutive fixed item slots (ethnicity 3 × 3, iwi 3 × 4, EFTS
//! by month 12 × 7). Columns 1–4 hold the provider code. Record lengths: STUD 116, COUR 186,
//! CREG 148, QUAL 50, COMP 65.
//!
//! The positions are the `legacy` slots of [`dxp_domain::fields`], and come from an open-source
//! parser of the STEO files and a vendor's mapping table, not from the funder (tagged \[V\] in the
//! domain specification). Where that material is uncertain, [`dxp_domain::fields`] leaves the
//! field without a slot, so it is not read: in CREG the course tuition fee, compulsory course
//! costs fee, PBRF indicator and AMFM exemption (positions after the EFTS factor); in STUD the
//! 6-character fee at 24 and the "maxima exempt fee" at 95 are read as
//! `totalFeeForDomesticStudent` and `maximaExemptFee` following the parser's labels, which the
//! specification marks unverified. Removed fields (STUD Fees Free eligibility, CREG stage of
//! pre-service teacher education, QUAL main subjects) are skipped.
//!
//! Reading choices where the material is silent:
//!
//! - Positions count characters. A line that is valid UTF-8 is read as such; otherwise as
//!   Windows-1252 (the code page of the SMSs that wrote these files), so a stray `é` does not stop
//!   the line being read.
//! - A date of all zeros (`00000000`) is read as no date.
//! - Flags are `Y`/`N`, or `1` (yes) / `2` (no) as the Disability Services Accessed Indicator
//!   was written.
//! - Blank lines, and a DOS end-of-file mark (Ctrl-Z) on a line of its own, are skipped; line
//!   numbers still count them.
//! - Every record gets `localId` `row-<line>` ([`crate::generated_local_id`]).

use std::io::{BufRead, BufReader, Read, Write};

use dxp_domain::fields::{
    FieldSpec, LEGACY_PROVIDER_CODE, LegacySlot, fields, legacy_item_len, legacy_record_len,
};
use dxp_domain::validation::Problem;
use dxp_domain::{Edumis, SdrFile};

use crate::csv::{CsvWriter, WriteError};
use crate::names::{
    base_name, parse_provider_digits, strip_prefix_ignore_case, strip_suffix_ignore_case,
};
use crate::value::{Shown, Syntax, push_json, push_json_string};
use crate::{Row, generated_local_id};
use dxp_domain::validation::reading::{TXT_001, TXT_002, TXT_003};

/// A legacy STEO file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegacyKind {
    /// `STUD####.txt`: learners (now LEAR).
    Stud,
    /// `COUR####.txt`: course enrolments (now ENRL).
    Cour,
    /// `CREG####.txt`: the course register (now REGT).
    Creg,
    /// `QUAL####.txt`: qualification completions (now QUALCOMP).
    Qual,
    /// `COMP####.txt`: course completions (now COURCOMP).
    Comp,
}

impl LegacyKind {
    pub const ALL: [LegacyKind; 5] = [
        LegacyKind::Stud,
        LegacyKind::Cour,
        LegacyKind::Creg,
        LegacyKind::Qual,
        LegacyKind::Comp,
    ];

    /// The file-name prefix, `STUD` etc.
    pub fn prefix(self) -> &'static str {
        match self {
            LegacyKind::Stud => "STUD",
            LegacyKind::Cour => "COUR",
            LegacyKind::Creg => "CREG",
            LegacyKind::Qual => "QUAL",
            LegacyKind::Comp => "COMP",
        }
    }

    /// The DXP file the legacy file became.
    pub fn file(self) -> SdrFile {
        match self {
            LegacyKind::Stud => SdrFile::Learners,
            LegacyKind::Cour => SdrFile::CourseEnrolments,
            LegacyKind::Creg => SdrFile::Courses,
            LegacyKind::Qual => SdrFile::QualificationCompletions,
            LegacyKind::Comp => SdrFile::CourseCompletions,
        }
    }

    /// The legacy file a DXP file replaced; the EFTS forecast had none.
    pub fn from_file(file: SdrFile) -> Option<LegacyKind> {
        LegacyKind::ALL.into_iter().find(|kind| kind.file() == file)
    }

    /// The length of a record line, in characters.
    pub fn record_len(self) -> usize {
        // Every legacy kind is one of the five SDR files, each with a STEO layout.
        legacy_record_len(self.file()).unwrap_or_default()
    }

    /// The kind named by its prefix, whatever the case (`cour` → COUR).
    pub fn parse(prefix: &str) -> Option<LegacyKind> {
        LegacyKind::ALL
            .into_iter()
            .find(|kind| kind.prefix().eq_ignore_ascii_case(prefix))
    }
}

/// The file names [`parse_file_name`] accepts (without a folder in front), as an ECMA-262
/// pattern for the API document: a legacy prefix and an EDUMIS number of four digits (0001 to
/// 9999), `.txt`, in any case.
pub const FILE_NAME_PATTERN: &str = "^([Ss][Tt][Uu][Dd]|[Cc][Oo][Uu][Rr]|[Cc][Rr][Ee][Gg]|[Qq][Uu][Aa][Ll]|[Cc][Oo][Mm][Pp])(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})\\.[Tt][Xx][Tt]$";

/// The kind and provider a legacy file name stands for: `STUD6004.txt` → (STUD, 6004). Case is
/// ignored; a directory in front of the name is ignored. `None` for any other name.
pub fn parse_file_name(name: &str) -> Option<(LegacyKind, Edumis)> {
    let stem = strip_suffix_ignore_case(base_name(name), ".txt")?;
    LegacyKind::ALL.into_iter().find_map(|kind| {
        let digits = strip_prefix_ignore_case(stem, kind.prefix())?;
        parse_provider_digits(digits).map(|edumis| (kind, edumis))
    })
}

/// The legacy file name of `kind` for `edumis`: `STUD6004.txt`.
pub fn file_name(kind: LegacyKind, edumis: Edumis) -> String {
    format!("{}{:04}.txt", kind.prefix(), edumis.value())
}

/// The DOS end-of-file mark some old files end with.
const CTRL_Z: u8 = 0x1a;

/// The records of a legacy file, read one line at a time: memory stays flat whatever the
/// file's size. Items are rows ([`crate::Row`], `row` = the line number) or a read error, after
/// which the iterator ends.
pub struct LegacyRecords<R> {
    kind: LegacyKind,
    specs: &'static [FieldSpec],
    reader: BufReader<R>,
    expected_provider: Option<Edumis>,
    line: usize,
    bytes: Vec<u8>,
    text: String,
    /// Byte offset of each character of `text`, and `text.len()` at the end.
    offsets: Vec<usize>,
    done: bool,
}

impl<R: Read> LegacyRecords<R> {
    pub fn new(kind: LegacyKind, reader: R) -> Self {
        LegacyRecords {
            kind,
            specs: fields(kind.file()),
            reader: BufReader::new(reader),
            expected_provider: None,
            line: 0,
            bytes: Vec::with_capacity(256),
            text: String::with_capacity(256),
            offsets: Vec::with_capacity(256),
            done: false,
        }
    }

    /// Checks every line's provider code (positions 1–4) against the EDUMIS number of the
    /// submitting organisation (`TXT-002`).
    pub fn expect_provider(mut self, edumis: Edumis) -> Self {
        self.expected_provider = Some(edumis);
        self
    }

    pub fn kind(&self) -> LegacyKind {
        self.kind
    }

    /// The text of `slot` in the current line: the characters at its positions, as many as the
    /// line has.
    fn slot_text(&self, slot: LegacySlot) -> &str {
        let chars = self.offsets.len() - 1;
        let range = slot.range();
        let start = range.start.min(chars);
        let end = range.end.min(chars);
        &self.text[self.offsets[start]..self.offsets[end]]
    }

    /// Converts the line in `self.text`.
    fn convert(&self) -> Row {
        let row = self.line;
        let local_id = generated_local_id(row);
        let mut problems = Vec::new();

        let length = self.offsets.len() - 1;
        let expected = self.kind.record_len();
        if length != expected {
            problems.push(TXT_001.problem(
                row,
                Some(&local_id),
                "",
                format!(
                    "line {row} has {length} characters; a {} record has {expected}",
                    self.kind.prefix()
                ),
            ));
        }

        if let Some(expected) = self.expected_provider {
            let code = self.slot_text(LEGACY_PROVIDER_CODE);
            if code.trim().parse::<Edumis>().ok() != Some(expected) {
                problems.push(TXT_002.problem(
                    row,
                    Some(&local_id),
                    "",
                    format!(
                        "line {row}, positions 1–4: the provider code is {}; expected \
                         {expected:04}, the EDUMIS number of the organisation submitting the file",
                        Shown(code)
                    ),
                ));
            }
        }

        let mut json = String::with_capacity(2 * self.text.len() + 64);
        json.push_str("{\"localId\":");
        push_json_string(&mut json, &local_id);
        let file = self.kind.file();
        for spec in self.specs.iter().skip(1) {
            let Some(slot) = spec.legacy else { continue };
            let text = self.slot_text(slot);
            if text.trim().is_empty() {
                continue;
            }
            let mark = json.len();
            json.push(',');
            push_json_string(&mut json, spec.name);
            json.push(':');
            let syntax = Syntax::Legacy {
                item_len: legacy_item_len(file, spec.name),
            };
            match push_json(spec.kind, text, syntax, &mut json) {
                Ok(true) => {}
                Ok(false) => json.truncate(mark),
                Err(reason) => {
                    json.truncate(mark);
                    let last = slot.start + slot.len - 1;
                    problems.push(TXT_003.problem(
                        row,
                        Some(&local_id),
                        spec.name,
                        format!(
                            "line {row}, positions {}–{last} ({}): {reason}",
                            slot.start, spec.title
                        ),
                    ));
                }
            }
        }
        json.push('}');

        Row {
            row,
            local_id,
            json,
            problems,
        }
    }
}

impl<R: Read> Iterator for LegacyRecords<R> {
    type Item = Result<Row, std::io::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.bytes.clear();
            match self.reader.read_until(b'\n', &mut self.bytes) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let mut line = self.bytes.as_slice();
                    line = line.strip_suffix(b"\n").unwrap_or(line);
                    line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.trim_ascii().is_empty() || line == [CTRL_Z] {
                        continue;
                    }
                    decode(line, &mut self.text);
                    self.offsets.clear();
                    self.offsets
                        .extend(self.text.char_indices().map(|(at, _)| at));
                    self.offsets.push(self.text.len());
                    return Some(Ok(self.convert()));
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

impl<R: Read> std::iter::FusedIterator for LegacyRecords<R> {}

/// Decodes a line as UTF-8 when it is, otherwise as Windows-1252.
pub(crate) fn decode(line: &[u8], out: &mut String) {
    out.clear();
    match std::str::from_utf8(line) {
        Ok(text) => out.push_str(text),
        Err(_) => out.extend(line.iter().map(|&byte| windows_1252(byte))),
    }
}

/// The character of a Windows-1252 byte. The five bytes the code page leaves undefined map
/// to the C1 control of the same number, as web browsers do.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// What converting a legacy file to DXP CSV found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConvertReport {
    /// How many records were written.
    pub rows: usize,
    /// Every problem met converting the lines, in line order (`index` = line number). Lines with
    /// problems are still written, without the values that could not be read.
    pub problems: Vec<Problem>,
}

impl ConvertReport {
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == dxp_domain::Severity::Error)
    }
}

/// Why a legacy file could not be converted.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("the legacy file could not be read: {0}")]
    Read(#[from] std::io::Error),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Converts a legacy file of `kind` read from `reader` into the DXP CSV of its file, written to
/// `writer`, one line at a time. With `provider`, every line's provider code is checked against
/// it (`TXT-002`) and the CSV opens with a Provider Code column holding it; without, the CSV has
/// no Provider Code column. Each record's Local ID is `row-<legacy line number>`, so that the
/// CSV's problems point back to the legacy line.
pub fn convert_legacy_to_csv<R: Read, W: Write>(
    kind: LegacyKind,
    provider: Option<Edumis>,
    reader: R,
    writer: W,
) -> Result<ConvertReport, ConvertError> {
    let mut records = LegacyRecords::new(kind, reader);
    let mut out = CsvWriter::new(kind.file(), writer);
    if let Some(edumis) = provider {
        records = records.expect_provider(edumis);
        out = out.with_provider(edumis);
    }
    let mut report = ConvertReport::default();
    for row in records {
        let row = row?;
        out.write_json(&row.json)?;
        report.rows += 1;
        report.problems.extend(row.problems);
    }
    out.finish()?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let edumis = Edumis::new(6004).unwrap();
        for kind in LegacyKind::ALL {
            let name = file_name(kind, edumis);
            assert_eq!(parse_file_name(&name), Some((kind, edumis)), "{name}");
            assert_eq!(LegacyKind::from_file(kind.file()), Some(kind));
            assert_eq!(LegacyKind::parse(&kind.prefix().to_lowercase()), Some(kind));
        }
        assert_eq!(
            parse_file_name("old/stud6004.TXT"),
            Some((LegacyKind::Stud, edumis))
        );
        assert_eq!(LegacyKind::from_file(SdrFile::EftsForecasts), None);
        assert_eq!(parse_file_name("STUD6004.CSV"), None);
        assert_eq!(parse_file_name("LEAR6004.txt"), None);
        assert_eq!(parse_file_name("STUD64.txt"), None);
    }

    #[test]
    fn windows_1252_bytes_decode() {
        let mut text = String::new();
        decode(b"caf\xe9 \x93q\x94", &mut text);
        assert_eq!(text, "café “q”");
        decode("Māori".as_bytes(), &mut text);
        assert_eq!(text, "Māori");
    }
}
