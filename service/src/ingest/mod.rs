//! Reading an upload's records from a byte stream, record by record: JSON `{"records": [...]}`,
//! a DXP CSV file or a legacy fixed-width file, each record handed on as JSON text with the
//! problems met converting it. The stream may be a request body arriving from the network (the
//! API feeds it through a channel), a file, or bytes in memory: memory stays flat whatever its
//! size, because nothing here holds more than one record and a read buffer.

use std::io::{self, Read};

use dxp_domain::{Edumis, Problem, SdrFile};

#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod json;

/// Records whose rules across records are checked together: large enough for those rules to
/// see much of an upload at once, small enough that a chunk's parsed records and problems take a
/// few megabytes. (An upload writes its records in parts of its own, see
/// `crate::upload::upload_records`.)
pub const CHUNK_RECORDS: usize = 5_000;

/// How a request's records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Legacy(dxp_formats::LegacyKind),
}

impl Format {
    /// JSON or CSV, from a media type's essence (`text/csv`, `application/json`, any
    /// `…+json`); `None` for anything else. Legacy files are named by their file name, not
    /// their media type.
    pub fn of_media_type(essence: &str) -> Option<Format> {
        match essence.trim().to_ascii_lowercase().as_str() {
            "text/csv" => Some(Format::Csv),
            "application/json" => Some(Format::Json),
            other if other.ends_with("+json") => Some(Format::Json),
            _ => None,
        }
    }
}

/// One record as read from the body.
#[derive(Debug, Clone)]
pub struct RecordIn {
    /// The number its problems carry as `index`: the position in `records`, or the line of a
    /// CSV or legacy file.
    pub number: usize,
    /// The record as JSON text.
    pub text: String,
    /// Problems met converting it (a CSV cell not in its column's format).
    pub reading_problems: Vec<Problem>,
}

/// Why the records of a body could not be read. Each message says what is wrong with the body
/// and what to send instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The body is not what its format says: not one `{"records": [...]}` object, not a
    /// readable CSV file, an empty legacy file.
    #[error("{0}")]
    Malformed(String),
    /// The body could not be read to its end (the client went away, or its stream failed).
    #[error("the body could not be read: {0}")]
    Unreadable(String),
    /// A JSON body carries more records than one request may.
    #[error(
        "the request has more than {max} records; at most {max} are accepted in one request. Send them in several requests"
    )]
    TooManyRecords { max: usize },
}

/// Reads the records of a body one by one, handing each to `each`. A JSON body carries at most
/// `max_json_records` records; CSV and legacy files are bounded by the body size alone. An error
/// from `each` stops the read at once and is what the read returns; so is a body that cannot be
/// read, as the caller's own error type.
pub fn for_each_record<E: From<IngestError>>(
    format: Format,
    file: SdrFile,
    reader: impl Read,
    organisation: Option<Edumis>,
    max_json_records: usize,
    mut each: impl FnMut(RecordIn) -> Result<(), E>,
) -> Result<(), E> {
    let reader = io::BufReader::with_capacity(64 * 1024, reader);
    match format {
        Format::Json => json::read_records(reader, max_json_records, &mut each),
        Format::Csv => {
            let rows = dxp_formats::CsvRecords::new(file, reader).map_err(|error| {
                IngestError::Malformed(format!("the CSV file cannot be read: {error}"))
            })?;
            let rows = match organisation {
                Some(edumis) => rows.expect_provider(edumis),
                None => rows,
            };
            each_row(rows, "CSV file", &mut each)
        }
        Format::Legacy(kind) => {
            let lines = dxp_formats::LegacyRecords::new(kind, reader);
            let lines = match organisation {
                Some(edumis) => lines.expect_provider(edumis),
                None => lines,
            };
            let mut rows = 0usize;
            each_row(lines, "legacy file", &mut |record| {
                rows += 1;
                each(record)
            })?;
            // A CSV file has at least its header row; a legacy file with no line at all is a
            // mistake (an empty body, a wrong file) that would otherwise be a quiet success.
            if rows == 0 {
                return Err(IngestError::Malformed(format!(
                    "the legacy file is empty: a {} file has one record of {} characters \
                     per line",
                    kind.prefix(),
                    kind.record_len()
                ))
                .into());
            }
            Ok(())
        }
    }
}

/// Hands each converted row of a file to `each`; a read error ends the file.
fn each_row<E: From<IngestError>, R: std::fmt::Display>(
    rows: impl Iterator<Item = Result<dxp_formats::Row, R>>,
    what: &str,
    each: &mut dyn FnMut(RecordIn) -> Result<(), E>,
) -> Result<(), E> {
    for row in rows {
        let row = row.map_err(|error| {
            IngestError::Malformed(format!("the {what} cannot be read: {error}"))
        })?;
        each(RecordIn {
            number: row.row,
            text: row.json,
            reading_problems: row.problems,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(body: &str, max: usize) -> Result<Vec<(usize, String)>, IngestError> {
        let mut seen = Vec::new();
        for_each_record(
            Format::Json,
            SdrFile::CourseEnrolments,
            body.as_bytes(),
            None,
            max,
            |record| {
                seen.push((record.number, record.text));
                Ok::<_, IngestError>(())
            },
        )?;
        Ok(seen)
    }

    #[test]
    fn json_records_are_read_one_by_one_as_text() {
        let seen = records(
            r#"{"other": [1, 2], "records": [{"localId": "a"}, 7, {"x": [1]}]}"#,
            10,
        )
        .unwrap();
        assert_eq!(
            seen,
            vec![
                (0, r#"{"localId": "a"}"#.to_owned()),
                (1, "7".to_owned()),
                (2, r#"{"x": [1]}"#.to_owned())
            ]
        );
    }

    #[test]
    fn bodies_that_are_not_envelopes_are_refused() {
        for body in [
            "not json",
            "[]",
            "{}",
            r#"{"records": {}}"#,
            r#"{"records": null}"#,
            r#"{"records": []} trailing"#,
        ] {
            assert!(
                matches!(records(body, 10), Err(IngestError::Malformed(_))),
                "{body}"
            );
        }
    }

    #[test]
    fn too_many_records_are_refused_naming_the_limit() {
        let refused = records(r#"{"records": [{}, {}, {}, {}]}"#, 3).unwrap_err();
        assert_eq!(refused, IngestError::TooManyRecords { max: 3 });
        assert!(refused.to_string().contains("at most 3"), "{refused}");
    }

    #[test]
    fn an_empty_legacy_file_or_a_csv_header_without_a_title_is_refused_and_rows_carry_their_line() {
        let empty = for_each_record(
            Format::Legacy(dxp_formats::LegacyKind::Creg),
            SdrFile::Courses,
            &b""[..],
            None,
            10,
            |_| Ok::<_, IngestError>(()),
        );
        assert!(
            matches!(&empty, Err(IngestError::Malformed(message)) if message.contains("empty")),
            "{empty:?}"
        );
        let no_titles = for_each_record(
            Format::Csv,
            SdrFile::Courses,
            &b"Local ID,Course Code\nC-1,X\n"[..],
            None,
            10,
            |_| Ok::<_, IngestError>(()),
        );
        assert!(
            matches!(&no_titles, Err(IngestError::Malformed(message)) if message.contains("'Course Title'")),
            "{no_titles:?}"
        );
        let mut lines = Vec::new();
        for_each_record(
            Format::Csv,
            SdrFile::Courses,
            &include_bytes!("../../../examples/data/csv/REGT6004.CSV")[..],
            None,
            10,
            |record| {
                lines.push(record.number);
                Ok::<_, IngestError>(())
            },
        )
        .unwrap();
        assert_eq!(lines.first(), Some(&2), "the header is line 1");
        assert!(lines.windows(2).all(|pair| pair[0] < pair[1]), "{lines:?}");
    }

    #[test]
    fn media_types_name_json_or_csv() {
        assert_eq!(Format::of_media_type("text/csv"), Some(Format::Csv));
        assert_eq!(
            Format::of_media_type(" Application/JSON"),
            Some(Format::Json)
        );
        assert_eq!(
            Format::of_media_type("application/problem+json"),
            Some(Format::Json)
        );
        assert_eq!(Format::of_media_type("text/plain"), None);
        assert_eq!(Format::of_media_type(""), None);
    }
}
