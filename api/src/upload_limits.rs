//! The limits of an upload request (its bytes, its records), and reading a whole body with a
//! size limit (for requests that must be seen whole, such as those carrying an
//! `Idempotency-Key`). Uploads themselves stream: see [`crate::body_stream`].

use actix_web::HttpRequest;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use futures_util::StreamExt;

use dxp_service::ingest::Format;

use crate::ApiError;

pub use dxp_service::upload::DEFAULT_MAX_RECORDS_PER_REQUEST;

/// The most records one request of the funder's provider-based API carries
/// (`maxRecordPerBatch`) unless configured; the funder does not publish its number.
pub const DEFAULT_MAX_RECORD_PER_BATCH: usize = 1_000;

/// How much a request may carry.
#[derive(Debug, Clone, Copy)]
pub struct RecordLimits {
    /// The largest body, in bytes.
    pub max_body_bytes: usize,
    /// The largest CSV or fixed-width file, in bytes (a file is not limited by its number of
    /// records, only by this and `max_body_bytes`).
    pub max_file_bytes: usize,
    /// The most records in one JSON request.
    pub max_records: usize,
    /// The most records in one upload or delete of the funder's provider-based API, all files
    /// together (`maxRecordPerBatch`).
    pub max_record_per_batch: usize,
}

impl RecordLimits {
    /// The most bytes a body in `format` may have.
    pub fn max_bytes(&self, format: Format) -> usize {
        match format {
            Format::Json => self.max_body_bytes,
            Format::Csv | Format::Legacy(_) => self.max_file_bytes.min(self.max_body_bytes),
        }
    }

    /// The 413 for a body in `format` over its limit.
    pub fn too_large(&self, format: Format) -> ApiError {
        let limit = self.max_bytes(format);
        match format {
            Format::Json => crate::body_stream::too_large(limit),
            Format::Csv => ApiError::PayloadTooLarge(format!(
                "the CSV file is larger than the limit of {limit} bytes for one file. Split it \
                 into several files of whole rows, each with the header row"
            )),
            Format::Legacy(_) => ApiError::PayloadTooLarge(format!(
                "the file is larger than the limit of {limit} bytes for one file. Split it into \
                 several files of whole lines"
            )),
        }
    }
}

/// 256 MiB: the same as a body. A CSV file is one upload whatever its number of rows, so this
/// bounds the work one file makes.
pub const DEFAULT_MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// 256 MiB: a large university's course enrolment file as DXP CSV (about 300,000 rows of 250
/// bytes) fits in one upload; uploads stream, so the limit bounds the work of one request, not
/// memory.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// Reads the whole body, refusing (413) as soon as it is known to exceed the limit.
pub async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let too_large = |size: Option<usize>| {
        ApiError::PayloadTooLarge(match size {
            Some(size) => format!(
                "the body is {size} bytes; the limit is {limit} bytes. Send the records in smaller batches"
            ),
            None => format!(
                "the body is larger than the limit of {limit} bytes. Send the records in smaller batches"
            ),
        })
    };
    if let Some(length) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok())
        && length > limit
    {
        return Err(too_large(Some(length)));
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::BadRequest(format!("the body could not be read: {error}"))
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(None));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
