//! Reading a `{"records": [...]}` body without losing the batch to one bad record: the body is
//! read with a size limit, checked to be a JSON object with a `records` array, and each record
//! is handed on as its own raw JSON text, to be parsed and validated on its own.

use actix_web::HttpRequest;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::ApiError;

/// How much a request may carry.
#[derive(Debug, Clone, Copy)]
pub struct RecordLimits {
    /// The largest body, in bytes.
    pub max_body_bytes: usize,
    /// The most records in one request.
    pub max_records: usize,
}

/// Room for 10,000 course enrolments in one request: a large university's return is sent in a
/// few dozen requests, and one request's problems still fit comfortably in memory.
pub const DEFAULT_MAX_RECORDS_PER_REQUEST: usize = 10_000;

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

/// Refuses bodies that are declared as something other than JSON.
pub fn require_json(req: &HttpRequest) -> Result<(), ApiError> {
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
    if essence == "application/json" || essence.ends_with("+json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(format!(
            "send the records as JSON with Content-Type: application/json (got '{content_type}')"
        )))
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    records: Option<&'a RawValue>,
}

/// The records of a `{"records": [...]}` body, each as its raw JSON text.
pub fn split_records<'a>(body: &'a [u8], limits: RecordLimits) -> Result<Vec<&'a str>, ApiError> {
    let envelope: Envelope<'a> = serde_json::from_slice(body).map_err(|error| {
        ApiError::BadRequest(format!(
            "the body is not a JSON object of the form {{\"records\": [...]}}: {error}"
        ))
    })?;
    let records = envelope.records.ok_or_else(|| {
        ApiError::BadRequest("the body has no `records`; send {\"records\": [ ... ]}".to_owned())
    })?;
    let records: Vec<&'a RawValue> = serde_json::from_str(records.get()).map_err(|_| {
        ApiError::BadRequest("`records` must be an array of record objects".to_owned())
    })?;
    if records.len() > limits.max_records {
        return Err(ApiError::PayloadTooLarge(format!(
            "the request has {} records; at most {} are accepted in one request. Send them in several requests",
            records.len(),
            limits.max_records
        )));
    }
    Ok(records.into_iter().map(RawValue::get).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: RecordLimits = RecordLimits {
        max_body_bytes: 1 << 20,
        max_records: 3,
    };

    #[test]
    fn splits_records_keeping_each_as_text() {
        let body = br#"{"records": [{"localId": "a"}, 7, {"localId": [1]}]}"#;
        let records = split_records(body, LIMITS).unwrap();
        assert_eq!(
            records,
            vec![r#"{"localId": "a"}"#, "7", r#"{"localId": [1]}"#]
        );
    }

    #[test]
    fn refuses_what_is_not_an_envelope() {
        for body in [
            &b"not json"[..],
            b"[]",
            b"{}",
            br#"{"records": {}}"#,
            br#"{"records": null}"#,
        ] {
            assert!(
                matches!(split_records(body, LIMITS), Err(ApiError::BadRequest(_))),
                "{body:?}"
            );
        }
    }

    #[test]
    fn refuses_too_many_records_with_413() {
        let body = br#"{"records": [{}, {}, {}, {}]}"#;
        assert!(
            matches!(split_records(body, LIMITS), Err(ApiError::PayloadTooLarge(m)) if m.contains("at most 3"))
        );
    }
}
