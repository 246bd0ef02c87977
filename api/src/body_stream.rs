//! Streaming uploads, the HTTP side: the request body flows from the network into a blocking
//! task through a small bounded channel, where the service's reader
//! ([`dxp_service::ingest::for_each_record`]) parses it record by record while it arrives, so
//! memory stays flat whatever the size of the upload. Only the actix glue is here; reading
//! records is the service's.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::HttpRequest;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use dxp_service::ingest::Format;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use crate::ApiError;

/// Chunks of the body in flight between the network and the parser.
const CHANNEL_CHUNKS: usize = 8;

/// JSON or CSV, from the request's Content-Type; anything else is a 415.
pub fn format_of_request(req: &HttpRequest) -> Result<Format, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("");
    Format::of_media_type(essence).ok_or_else(|| {
        ApiError::UnsupportedMediaType(format!(
            "send the records as JSON (Content-Type: application/json) or as a DXP CSV file (Content-Type: text/csv); got '{content_type}'"
        ))
    })
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
