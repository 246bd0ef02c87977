//! Streaming uploads: the request body flows from the network into a blocking task through a
//! small bounded channel, is parsed record by record (JSON `{"records": [...]}`, a DXP CSV file
//! or a legacy fixed-width file), and is checked and written in chunks, so memory stays flat
//! whatever the size of the upload.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::HttpRequest;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use dxp_domain::{Edumis, Problem, SdrFile};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use crate::ApiError;

/// The invariants of the JSON reader's fuzz target and corpus replay test; not an API for users.
#[doc(hidden)]
pub mod fuzzing;
mod json;

/// Records checked and written together: large enough for bulk writes to pay and for the rules
/// between records to see much of an upload at once, small enough that a chunk's records and
/// problems take a few megabytes. On PostgreSQL each chunk is one savepoint (see
/// `dxp_persistence::records`), and a transaction of more than 64 of them slows other
/// sessions' snapshots: at 5,000 records a chunk, a 300,000-row CSV file stays under that.
pub const CHUNK_RECORDS: usize = 5_000;

/// Chunks of the body in flight between the network and the parser.
const CHANNEL_CHUNKS: usize = 8;

/// How a request's records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Legacy(dxp_formats::LegacyKind),
}

impl Format {
    /// JSON or CSV, from the request's Content-Type.
    pub fn of_request(req: &HttpRequest) -> Result<Format, ApiError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/csv" => Ok(Format::Csv),
            "application/json" => Ok(Format::Json),
            other if other.ends_with("+json") => Ok(Format::Json),
            _ => Err(ApiError::UnsupportedMediaType(format!(
                "send the records as JSON (Content-Type: application/json) or as a DXP CSV file (Content-Type: text/csv); got '{content_type}'"
            ))),
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

/// The body, read as it arrives.
pub struct BodyReader {
    chunks: mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.chunks.blocking_recv() {
                Some(Ok(chunk)) => self.current = chunk,
                Some(Err(error)) => return Err(error),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current = self.current.slice(n..);
        Ok(n)
    }
}

/// The sending half: the handler feeds the body into it.
pub struct BodySender {
    chunks: mpsc::Sender<io::Result<Bytes>>,
    too_large: Arc<AtomicBool>,
}

/// How much of a refused body is still read and thrown away, so that a client that sends its
/// whole body before reading the answer gets the answer rather than a reset connection. Past
/// this the connection is simply closed.
const DRAIN_LIMIT_BYTES: usize = 16 * 1024 * 1024;

async fn drain(mut payload: web::Payload) {
    let mut drained = 0usize;
    while let Some(Ok(chunk)) = payload.next().await {
        drained += chunk.len();
        if drained > DRAIN_LIMIT_BYTES {
            return;
        }
    }
}

/// A channel for one request's body.
pub fn body_channel() -> (BodySender, BodyReader, Arc<AtomicBool>) {
    let (sender, receiver) = mpsc::channel(CHANNEL_CHUNKS);
    let too_large = Arc::new(AtomicBool::new(false));
    (
        BodySender {
            chunks: sender,
            too_large: Arc::clone(&too_large),
        },
        BodyReader {
            chunks: receiver,
            current: Bytes::new(),
        },
        too_large,
    )
}

/// The 413 for a body over the limit.
pub fn too_large(limit: usize) -> ApiError {
    ApiError::PayloadTooLarge(format!(
        "the body is larger than the limit of {limit} bytes. Send the records in several requests"
    ))
}

impl BodySender {
    /// Feeds the request body to the reader, refusing it once it passes `limit` bytes. Stops
    /// quietly when the reader has gone (it failed, or needed no more).
    pub async fn forward(self, req: &HttpRequest, mut payload: web::Payload, limit: usize) {
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<usize>().ok());
        if declared.is_some_and(|length| length > limit) {
            self.refuse().await;
            drain(payload).await;
            return;
        }
        let mut received = 0usize;
        while let Some(chunk) = payload.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(error) => {
                    let _ = self
                        .chunks
                        .send(Err(io::Error::other(format!(
                            "the body could not be read: {error}"
                        ))))
                        .await;
                    return;
                }
            };
            received += chunk.len();
            if received > limit {
                self.refuse().await;
                drain(payload).await;
                return;
            }
            if self.chunks.send(Ok(chunk)).await.is_err() {
                // The reader stopped early (an unknown submission, a malformed body, …).
                drain(payload).await;
                return;
            }
        }
    }

    /// Feeds an already-read body.
    pub async fn forward_bytes(self, body: Bytes) {
        let _ = self.chunks.send(Ok(body)).await;
    }

    async fn refuse(self) {
        self.too_large.store(true, Ordering::SeqCst);
        let _ = self
            .chunks
            .send(Err(io::Error::other("the body is over the size limit")))
            .await;
    }
}

/// Reads the records of a body one by one, handing each to `each`. A JSON body carries at most
/// `max_json_records` records; CSV and legacy files are bounded by the body size alone.
pub fn for_each_record(
    format: Format,
    file: SdrFile,
    reader: impl Read,
    organisation: Option<Edumis>,
    max_json_records: usize,
    mut each: impl FnMut(RecordIn) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    let reader = io::BufReader::with_capacity(64 * 1024, reader);
    match format {
        Format::Json => json::read_records(reader, max_json_records, &mut each),
        Format::Csv => {
            let rows = dxp_formats::CsvRecords::new(file, reader).map_err(|error| {
                ApiError::BadRequest(format!("the CSV file cannot be read: {error}"))
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
                return Err(ApiError::BadRequest(format!(
                    "the legacy file is empty: a {} file has one record of {} characters \
                     per line",
                    kind.prefix(),
                    kind.record_len()
                )));
            }
            Ok(())
        }
    }
}

/// Hands each converted row of a file to `each`; a read error ends the file.
fn each_row<E: std::fmt::Display>(
    rows: impl Iterator<Item = Result<dxp_formats::Row, E>>,
    what: &str,
    each: &mut dyn FnMut(RecordIn) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    for row in rows {
        let row = row
            .map_err(|error| ApiError::BadRequest(format!("the {what} cannot be read: {error}")))?;
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

    fn records(body: &str, max: usize) -> Result<Vec<(usize, String)>, ApiError> {
        let mut seen = Vec::new();
        for_each_record(
            Format::Json,
            SdrFile::CourseEnrolments,
            body.as_bytes(),
            None,
            max,
            |record| {
                seen.push((record.number, record.text));
                Ok(())
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
                matches!(records(body, 10), Err(ApiError::BadRequest(_))),
                "{body}"
            );
        }
    }

    #[test]
    fn too_many_records_are_refused_with_413() {
        assert!(
            matches!(records(r#"{"records": [{}, {}, {}, {}]}"#, 3), Err(ApiError::PayloadTooLarge(m)) if m.contains("at most 3"))
        );
    }
}
