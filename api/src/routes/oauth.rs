//! `POST /oauth2/access_token`: a machine account's token, by the OAuth 2.0 client credentials
//! grant (RFC 6749 §4.4), with the form the funder's Education Sector Logon takes: the client id
//! and secret in HTTP Basic, and `grant_type`, `scope` and `org_id` as form fields. The answer
//! is DXP's own signed token. Refusals are OAuth's own JSON (RFC 6749 §5.2), which OAuth
//! clients read, rather than problem+json.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use dxp_domain::Role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::TokenRequest;
use crate::{ApiError, AppState};

/// How long a machine account's token lives: the 20 minutes a vendor reports of the funder's.
pub const MACHINE_TOKEN_SECONDS: u64 = 20 * 60;

/// The form of a token request.
#[derive(Debug, Deserialize, ToSchema, IntoParams)]
pub struct TokenForm {
    /// Always `client_credentials`.
    #[schema(example = "client_credentials")]
    pub grant_type: Option<String>,
    /// The funder's scope URL; DXP takes any value and does not narrow the token by it.
    #[schema(example = "https://web.prd.dxs.pub.tec.govt.nz")]
    pub scope: Option<String>,
    /// The organisation's EDUMIS number; when given, it must be the account's.
    #[schema(example = "6004")]
    pub org_id: Option<String>,
}

/// A token, as RFC 6749 §5.1 answers it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…", "token_type": "Bearer", "expires_in": 1200}))]
pub struct AccessToken {
    /// Send it as `Authorization: Bearer <token>` (or `Authentication: Bearer <token>`).
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until it expires; then request another.
    pub expires_in: u64,
}

/// A refusal, as RFC 6749 §5.2 words it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"error": "invalid_client", "error_description": "the client id or secret is wrong, or the account is revoked"}))]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client` or `unsupported_grant_type`.
    pub error: String,
    /// What was wrong, in words.
    pub error_description: String,
}

fn refusal(status: actix_web::http::StatusCode, error: &str, description: String) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"));
    if status == actix_web::http::StatusCode::UNAUTHORIZED {
        response.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"dxp\""));
    }
    response.json(OAuthError {
        error: error.to_owned(),
        error_description: description,
    })
}

fn invalid_request(description: impl Into<String>) -> HttpResponse {
    refusal(
        actix_web::http::StatusCode::BAD_REQUEST,
        "invalid_request",
        description.into(),
    )
}

fn invalid_client(description: &str) -> HttpResponse {
    refusal(
        actix_web::http::StatusCode::UNAUTHORIZED,
        "invalid_client",
        description.to_owned(),
    )
}

/// The client id and secret of an HTTP Basic `Authorization` header.
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (client_id, secret) = text.split_once(':')?;
    Some((client_id.to_owned(), secret.to_owned()))
}

/// A machine account's token (OAuth 2.0 client credentials). The client id and secret come in
/// HTTP Basic; the token carries the account's organisation and the APIs it may call, and
/// lives 20 minutes. A node that verifies only an identity provider's tokens (no
/// `DXP_JWT_SECRET`) issues none and answers 503.
#[utoipa::path(
    tag = super::tags::AUTHENTICATION,
    request_body(content = TokenForm, content_type = "application/x-www-form-urlencoded"),
    security(("basic" = [])),
    responses(
        (status = 200, description = "The token", body = AccessToken),
        (status = 400, description = "The form is not a client-credentials request, or `org_id` is not the account's organisation", body = OAuthError),
        (status = 401, description = "No client id and secret, a wrong pair, or a revoked account", body = OAuthError),
    )
)]
#[post("/oauth2/access_token")]
pub async fn create_access_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form: TokenForm = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(error) => {
            return Ok(invalid_request(format!(
                "the body must be a form (application/x-www-form-urlencoded): {error}"
            )));
        }
    };
    let Some((client_id, secret)) = basic_credentials(&req) else {
        return Ok(invalid_client(
            "send the client id and secret as HTTP Basic: Authorization: Basic base64(clientId:clientSecret)",
        ));
    };
    match form.grant_type.as_deref() {
        Some("client_credentials") => {}
        None => {
            return Ok(invalid_request(
                "grant_type is required: client_credentials",
            ));
        }
        Some(other) => {
            return Ok(refusal(
                actix_web::http::StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                format!("grant_type '{other}' is not offered; use client_credentials"),
            ));
        }
    }
    let Some(issuer) = state.issuer.as_ref() else {
        return Err(ApiError::Unavailable(
            "this node does not issue tokens: set DXP_JWT_SECRET to let machine accounts sign in"
                .to_owned(),
        ));
    };
    let Some(account) = state.service.sign_in_machine(&client_id, &secret).await? else {
        return Ok(invalid_client(
            "the client id or secret is wrong, or the account is revoked",
        ));
    };
    if let Some(org_id) = form
        .org_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        && org_id.parse::<i64>().ok() != Some(i64::from(account.organisation.value()))
    {
        return Ok(invalid_request(format!(
            "org_id {org_id} is not this machine account's organisation ({})",
            account.organisation
        )));
    }
    let token = issuer
        .issue(&TokenRequest {
            subject: format!("machine:{}", account.client_id),
            organisation: Some(account.organisation),
            roles: vec![Role::TeoSubmitter],
            ttl_seconds: MACHINE_TOKEN_SECONDS,
            apis: Some(account.permissions),
        })
        .map_err(|error| ApiError::Internal(format!("cannot sign a token: {error}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(AccessToken {
            access_token: token,
            token_type: "Bearer".to_owned(),
            expires_in: MACHINE_TOKEN_SECONDS,
        }))
}
