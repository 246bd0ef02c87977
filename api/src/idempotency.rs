//! `Idempotency-Key`: a client that retries a write after a timeout gets the first answer
//! again instead of a second execution. Keys are scoped to the caller's organisation; a key
//! re-used for a different request is refused.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use dxp_persistence::idempotency::Remembered;
use sha2::{Digest, Sha256};

use crate::auth::Principal;
use crate::{ApiError, AppState};

pub const HEADER: &str = "idempotency-key";
/// Keys longer than this are refused; a UUID is 36 characters.
pub const MAX_KEY_LEN: usize = 255;
/// The keys [`IdempotencyKey::from_request`] accepts, as a pattern for the API document: 1 to
/// [`MAX_KEY_LEN`] visible ASCII characters.
pub const KEY_PATTERN: &str = "^[!-~]{1,255}$";

/// A validated key with the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    organisation: i32,
    key: String,
    fingerprint: String,
}

impl IdempotencyKey {
    /// The request's key, if it sent one.
    pub fn from_request(
        req: &HttpRequest,
        caller: &Principal,
        body: &[u8],
    ) -> Result<Option<Self>, ApiError> {
        let Some(value) = req.headers().get(HEADER) else {
            return Ok(None);
        };
        let key = value
            .to_str()
            .ok()
            .filter(|key| !key.is_empty() && key.len() <= MAX_KEY_LEN && key.bytes().all(|b| b.is_ascii_graphic()))
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "Idempotency-Key must be 1 to {MAX_KEY_LEN} visible ASCII characters, e.g. a UUID"
                ))
            })?;
        let mut digest = Sha256::new();
        digest.update(req.method().as_str());
        digest.update(b" ");
        digest.update(req.path());
        digest.update(b"\n");
        digest.update(caller.subject.as_bytes());
        digest.update(b"\n");
        digest.update(body);
        let fingerprint = dxp_service::secrets::hex(&digest.finalize());
        // A funder token without an organisation keeps its keys apart from every TEO's.
        let organisation = caller
            .organisation
            .map(|edumis| edumis.value())
            .unwrap_or(0);
        Ok(Some(Self {
            organisation,
            key: key.to_owned(),
            fingerprint,
        }))
    }
}

/// The first answer for this key, if there was one.
pub async fn replay(
    state: &AppState,
    key: &IdempotencyKey,
) -> Result<Option<HttpResponse>, ApiError> {
    let (organisation, name) = (key.organisation, key.key.clone());
    let remembered = state.service.remembered_answer(organisation, &name).await?;
    let Some(remembered) = remembered else {
        return Ok(None);
    };
    if remembered.request_fingerprint != key.fingerprint {
        return Err(ApiError::Unprocessable(
            "this Idempotency-Key was already used for a different request; use a new key for each request".to_owned(),
        ));
    }
    let status = u16::try_from(remembered.status)
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok())
        .unwrap_or(StatusCode::OK);
    Ok(Some(
        HttpResponse::build(status)
            .content_type("application/json")
            .insert_header(("idempotent-replayed", "true"))
            .body(remembered.body),
    ))
}

/// Keeps the answer for retries.
pub async fn remember(
    state: &AppState,
    key: IdempotencyKey,
    status: u16,
    body: String,
) -> Result<(), ApiError> {
    let answer = Remembered {
        request_fingerprint: key.fingerprint,
        status: i32::from(status),
        body,
    };
    Ok(state
        .service
        .remember_answer(key.organisation, &key.key, answer)
        .await?)
}
