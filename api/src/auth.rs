//! JWT bearer authentication, as extractors: a handler states the access it needs in its
//! signature (`Authorized<CanRead>`, `Authorized<CanWrite>`, `Authorized<AdminOnly>`), so no
//! route can forget to check the token.
//!
//! Tokens are JWTs carrying `sub`, `org` (the EDUMIS number of a TEO caller), `roles`, `iss`,
//! `aud`, `exp` and `iat` (and `nbf`, checked when present). Each trusted key is bound to its
//! algorithm (HS256 for the development secret, RS256 or EdDSA for production keys, by `kid`;
//! see [`crate::token_keys`]); signature, expiry, not-before, issuer and audience are all
//! checked, with a small leeway for clock skew. A machine account's token also carries `apis`,
//! the APIs it may call (`sdr`, `work-based`); a token without it may call every API its roles
//! allow.

use std::future::{Ready, ready};
use std::marker::PhantomData;
use std::time::{SystemTime, UNIX_EPOCH};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use dxp_domain::{ApiPermission, Edumis, Role};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::token_keys::VerificationKey;
use crate::{ApiError, AppState};

/// The issuer DXP writes into the tokens it signs and expects in the tokens it accepts.
pub const DEFAULT_ISSUER: &str = "dxp";
/// The audience of DXP's API.
pub const DEFAULT_AUDIENCE: &str = "dxp-api";
/// Clock skew tolerated between the token's signer and this server.
const LEEWAY_SECONDS: u64 = 30;
/// HS256 secrets shorter than this are refused: they can be guessed.
pub const MIN_SECRET_BYTES: usize = 32;

/// The claims of a DXP token, as on the wire.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<i64>,
    pub roles: Vec<String>,
    pub iss: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
    /// The APIs a machine account's token may call; absent on a person's token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apis: Option<Vec<String>>,
    /// A person's full name, as OpenID Connect's `name` claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A person's email address, as OpenID Connect's `email` claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Who is calling, once their token has been verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub subject: String,
    /// The caller's organisation; `None` only for a funder (`tec-admin`) token without `org`.
    pub organisation: Option<Edumis>,
    pub roles: Vec<Role>,
    /// The APIs a machine account may call; `None`: every API its roles allow.
    pub apis: Option<Vec<ApiPermission>>,
    /// A person's name and email, when the token carries them.
    pub name: Option<String>,
    pub email: Option<String>,
}

impl Principal {
    /// Whether a machine account (not a person) is calling.
    pub fn is_machine(&self) -> bool {
        self.apis.is_some()
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether the caller may call `api` at all (its roles still decide what it may do there).
    pub fn may_use(&self, api: ApiPermission) -> bool {
        self.apis.as_ref().is_none_or(|apis| apis.contains(&api))
    }

    /// The organisation a request acts for: a TEO's own (naming another is refused), or the one
    /// a `tec-admin` names (`named`, the request's `organisation`), or else the admin's own.
    pub fn organisation_for(&self, named: Option<i64>) -> Result<Edumis, ApiError> {
        let named = named
            .map(Edumis::new)
            .transpose()
            .map_err(|error| ApiError::BadRequest(format!("organisation: {error}")))?;
        match (self.is_admin(), named, self.organisation) {
            (true, Some(named), _) => Ok(named),
            (true, None, Some(own)) => Ok(own),
            (true, None, None) => Err(ApiError::BadRequest(
                "a tec-admin must name the organisation (`organisation`, its EDUMIS number)"
                    .to_owned(),
            )),
            (false, Some(named), Some(own)) if named != own => Err(ApiError::Forbidden(format!(
                "your token is for organisation {own}; you cannot act for {named}"
            ))),
            (false, _, Some(own)) => Ok(own),
            (false, _, None) => Err(ApiError::Forbidden(
                "the token names no organisation".to_owned(),
            )),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::TecAdmin)
    }
}

/// The issuer and audience a deployment uses.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    pub issuer: String,
    pub audience: String,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self {
            issuer: DEFAULT_ISSUER.to_owned(),
            audience: DEFAULT_AUDIENCE.to_owned(),
        }
    }
}

/// Why a secret cannot sign tokens.
#[derive(Debug, thiserror::Error)]
#[error("the JWT secret is {0} bytes long; it must be at least {MIN_SECRET_BYTES} bytes")]
pub struct WeakSecret(pub(crate) usize);

fn check_secret(secret: &[u8]) -> Result<(), WeakSecret> {
    if secret.len() < MIN_SECRET_BYTES {
        Err(WeakSecret(secret.len()))
    } else {
        Ok(())
    }
}

/// Checks tokens.
pub struct TokenVerifier {
    keys: Vec<VerificationKey>,
    settings: TokenSettings,
}

impl TokenVerifier {
    /// A verifier of the HS256 development secret only.
    pub fn new(secret: &[u8], settings: &TokenSettings) -> Result<Self, WeakSecret> {
        Ok(Self::with_keys(
            vec![VerificationKey::shared_secret(secret)?],
            settings,
        ))
    }

    /// A verifier trusting `keys` (see [`crate::token_keys`]).
    pub fn with_keys(keys: Vec<VerificationKey>, settings: &TokenSettings) -> Self {
        Self {
            keys,
            settings: settings.clone(),
        }
    }

    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.set_issuer(&[self.settings.issuer.as_str()]);
        validation.set_audience(&[self.settings.audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation
    }

    /// Verifies a token and turns its claims into a principal.
    pub fn verify(&self, token: &str) -> Result<Principal, ApiError> {
        let header = jsonwebtoken::decode_header(token)
            .map_err(|_| ApiError::Unauthorized("the token is malformed".to_owned()))?;
        let key = crate::token_keys::select(&self.keys, &header)?;
        let validation = self.validation(key.algorithm);
        let data =
            jsonwebtoken::decode::<Claims>(token, &key.key, &validation).map_err(|error| {
                let why = match error.kind() {
                    ErrorKind::ExpiredSignature => "the token has expired; request a new one",
                    ErrorKind::ImmatureSignature => {
                        "the token is not valid yet (nbf); check the signer's clock"
                    }
                    ErrorKind::InvalidAudience => "the token is for another audience",
                    ErrorKind::InvalidIssuer => {
                        "the token was issued by an issuer DXP does not trust"
                    }
                    ErrorKind::InvalidSignature => "the token's signature does not verify",
                    ErrorKind::InvalidAlgorithm => {
                        "the token is signed with an algorithm DXP does not accept"
                    }
                    ErrorKind::MissingRequiredClaim(_) => {
                        "the token lacks a required claim (sub, iss, aud, exp)"
                    }
                    _ => "the token is malformed",
                };
                ApiError::Unauthorized(why.to_owned())
            })?;
        principal_from(data.claims)
    }
}

fn principal_from(claims: Claims) -> Result<Principal, ApiError> {
    let roles = claims
        .roles
        .iter()
        .map(|name| name.parse::<Role>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|unknown| ApiError::Unauthorized(format!("the token names {unknown}")))?;
    if roles.is_empty() {
        return Err(ApiError::Unauthorized(
            "the token carries no role".to_owned(),
        ));
    }
    let organisation = claims.org.map(Edumis::new).transpose().map_err(|error| {
        ApiError::Unauthorized(format!("the token's org claim is invalid: {error}"))
    })?;
    let apis = claims
        .apis
        .map(|names| {
            names
                .iter()
                .map(|name| name.parse::<ApiPermission>())
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
        .map_err(|unknown| ApiError::Unauthorized(format!("the token's apis claim: {unknown}")))?;
    if organisation.is_none() && roles.iter().any(|role| role.is_organisation_role()) {
        return Err(ApiError::Unauthorized(
            "a teo-submitter or teo-viewer token must carry the organisation's EDUMIS number in `org`"
                .to_owned(),
        ));
    }
    Ok(Principal {
        subject: claims.sub,
        organisation,
        roles,
        apis,
        name: claims.name.filter(|name| !name.trim().is_empty()),
        email: claims.email.filter(|email| !email.trim().is_empty()),
    })
}

/// Signs tokens (the `dxp token` command and tests).
pub struct TokenIssuer {
    key: EncodingKey,
    settings: TokenSettings,
}

/// What a new token is for.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub subject: String,
    pub organisation: Option<Edumis>,
    pub roles: Vec<Role>,
    pub ttl_seconds: u64,
    /// The APIs the token may call (a machine account's); `None`: every API the roles allow.
    pub apis: Option<Vec<ApiPermission>>,
}

impl TokenIssuer {
    pub fn new(secret: &[u8], settings: TokenSettings) -> Result<Self, WeakSecret> {
        check_secret(secret)?;
        Ok(Self {
            key: EncodingKey::from_secret(secret),
            settings,
        })
    }

    pub fn issue(&self, request: &TokenRequest) -> Result<String, jsonwebtoken::errors::Error> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let claims = Claims {
            sub: request.subject.clone(),
            org: request.organisation.map(|edumis| i64::from(edumis.value())),
            roles: request
                .roles
                .iter()
                .map(|role| role.as_str().to_owned())
                .collect(),
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
            exp: now.saturating_add(request.ttl_seconds),
            iat: now,
            apis: request
                .apis
                .as_ref()
                .map(|apis| apis.iter().map(|api| api.as_str().to_owned()).collect()),
            name: None,
            email: None,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.key)
    }
}

/// Which roles an endpoint admits.
pub trait AccessPolicy {
    const ALLOWED: &'static [Role];
    /// What the caller is refused, for the 403 message.
    const ACTION: &'static str;
}

/// Any DXP role: reading.
pub struct CanRead;
impl AccessPolicy for CanRead {
    const ALLOWED: &'static [Role] = &[Role::TeoSubmitter, Role::TeoViewer, Role::TecAdmin];
    const ACTION: &'static str = "read";
}

/// Writing a TEO's returns.
pub struct CanWrite;
impl AccessPolicy for CanWrite {
    const ALLOWED: &'static [Role] = &[Role::TeoSubmitter, Role::TecAdmin];
    const ACTION: &'static str = "change returns";
}

/// The funder's own operations.
pub struct AdminOnly;
impl AccessPolicy for AdminOnly {
    const ALLOWED: &'static [Role] = &[Role::TecAdmin];
    const ACTION: &'static str = "use the funder's operations";
}

/// A verified caller whose roles satisfy the policy `P`.
pub struct Authorized<P: AccessPolicy> {
    pub principal: Principal,
    policy: PhantomData<P>,
}

impl<P: AccessPolicy> std::ops::Deref for Authorized<P> {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.principal
    }
}

/// The caller's identity, left on the request for the request log.
#[derive(Debug, Clone)]
pub(crate) struct CallerIdentity {
    pub organisation: Option<Edumis>,
}

/// The caller a request's token names, once verified: the rate limiter verifies it first (to
/// count the caller), and authorization takes it from there instead of verifying again.
#[derive(Debug, Clone)]
pub(crate) struct VerifiedCaller(pub Principal);

/// The header the funder's API document spells its bearer token in; some integrations send it.
pub const AUTHENTICATION: &str = "Authentication";

/// The bearer token of a request, or why it has none. `Authorization` is the standard header;
/// `Authentication`, as the funder's document writes it, is taken when there is none.
pub(crate) fn bearer_token(headers: &header::HeaderMap) -> Result<&str, ApiError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .or_else(|| headers.get(AUTHENTICATION));
    let value = value.ok_or_else(|| {
        ApiError::Unauthorized(
            "send a token in the Authorization header: Bearer <token>".to_owned(),
        )
    })?;
    let value = value.to_str().map_err(|_| {
        ApiError::Unauthorized("the Authorization header is not valid text".to_owned())
    })?;
    let (scheme, token) = value.split_once(' ').ok_or_else(|| {
        ApiError::Unauthorized("the Authorization header must be: Bearer <token>".to_owned())
    })?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized(
            "the Authorization header must be: Bearer <token>".to_owned(),
        ));
    }
    Ok(token.trim())
}

/// The verified caller of a request to `api`, if its roles satisfy `P` and it may call `api`.
pub(crate) fn authorize<P: AccessPolicy>(
    req: &HttpRequest,
    api: ApiPermission,
) -> Result<Authorized<P>, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state is missing".to_owned()))?;
    let verified = req.extensions_mut().remove::<VerifiedCaller>();
    let principal = match verified {
        Some(VerifiedCaller(principal)) => principal,
        None => state.tokens.verify(bearer_token(req.headers())?)?,
    };
    req.extensions_mut().insert(CallerIdentity {
        organisation: principal.organisation,
    });
    state.people_seen.note(&principal, &state.service);
    if !principal.is_machine() && state.disabled_people.contains(&principal.subject) {
        return Err(ApiError::Forbidden(
            "your access to DXP is disabled; your organisation's user settings admin can \
             enable it again"
                .to_owned(),
        ));
    }
    if !principal.may_use(api) {
        return Err(ApiError::Forbidden(format!(
            "this machine account may not call the {} API; its permissions are: {}",
            api,
            principal
                .apis
                .iter()
                .flatten()
                .map(|api| api.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if !principal.roles.iter().any(|role| P::ALLOWED.contains(role)) {
        let allowed: Vec<&str> = P::ALLOWED.iter().map(|role| role.as_str()).collect();
        return Err(ApiError::Forbidden(format!(
            "your role may not {}; this needs one of: {}",
            P::ACTION,
            allowed.join(", ")
        )));
    }
    Ok(Authorized {
        principal,
        policy: PhantomData,
    })
}

/// The header naming the organisation a call of the funder's APIs acts for: its EDUMIS number.
pub const EID: &str = "EID";

/// The verified caller of a request to one of the funder's APIs (`api`), and the organisation
/// its `EID` header names: a TEO's token only for its own organisation (403 otherwise), the
/// funder's for any. A missing or unreadable `EID` is a 400.
pub(crate) fn authorize_for_eid<P: AccessPolicy>(
    req: &HttpRequest,
    api: ApiPermission,
) -> Result<(Authorized<P>, Edumis), ApiError> {
    let caller = authorize::<P>(req, api)?;
    let eid = req
        .headers()
        .get(EID)
        .ok_or_else(|| {
            ApiError::BadRequest(
                "the EID header is required: the organisation's EDUMIS number, e.g. EID: 8001"
                    .to_owned(),
            )
        })?
        .to_str()
        .ok()
        .and_then(|text| text.trim().parse::<i64>().ok())
        .ok_or_else(|| {
            ApiError::BadRequest("the EID header must be an EDUMIS number, e.g. 8001".to_owned())
        })?;
    let named = Edumis::new(eid)
        .map_err(|error| ApiError::BadRequest(format!("the EID header: {error}")))?;
    if !caller.is_admin() && caller.organisation != Some(named) {
        return Err(ApiError::Forbidden(match caller.organisation {
            Some(own) => format!("the EID header names {named}, but your token is for {own}"),
            None => "the token names no organisation".to_owned(),
        }));
    }
    Ok((caller, named))
}

impl<P: AccessPolicy> FromRequest for Authorized<P> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        // Every route outside the work-based API belongs to the SDR.
        ready(authorize::<P>(req, ApiPermission::Sdr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn issue(settings: TokenSettings, roles: Vec<Role>, org: Option<i64>, ttl: u64) -> String {
        let issuer = TokenIssuer::new(SECRET, settings).unwrap();
        issuer
            .issue(&TokenRequest {
                subject: "tester".into(),
                organisation: org.map(|o| Edumis::new(o).unwrap()),
                roles,
                ttl_seconds: ttl,
                apis: None,
            })
            .unwrap()
    }

    fn verifier() -> TokenVerifier {
        TokenVerifier::new(SECRET, &TokenSettings::default()).unwrap()
    }

    #[test]
    fn a_machine_token_may_use_only_the_apis_it_names() {
        let issuer = TokenIssuer::new(SECRET, TokenSettings::default()).unwrap();
        let request = |apis: Option<Vec<ApiPermission>>| TokenRequest {
            subject: "machine:sms".into(),
            organisation: Some(Edumis::new(6004).unwrap()),
            roles: vec![Role::TeoSubmitter],
            ttl_seconds: 60,
            apis,
        };
        let sdr_only = issuer
            .issue(&request(Some(vec![ApiPermission::Sdr])))
            .unwrap();
        let principal = verifier().verify(&sdr_only).unwrap();
        assert!(principal.may_use(ApiPermission::Sdr));
        assert!(!principal.may_use(ApiPermission::WorkBased));
        let person = verifier()
            .verify(&issuer.issue(&request(None)).unwrap())
            .unwrap();
        assert!(ApiPermission::ALL.iter().all(|api| person.may_use(*api)));

        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let unknown = Claims {
            sub: "machine:sms".into(),
            org: Some(6004),
            roles: vec!["teo-submitter".into()],
            iss: DEFAULT_ISSUER.into(),
            aud: DEFAULT_AUDIENCE.into(),
            exp: now + 60,
            iat: now,
            apis: Some(vec!["wbt".into()]),
            name: None,
            email: None,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &unknown,
            &EncodingKey::from_secret(SECRET),
        )
        .unwrap();
        assert!(matches!(
            verifier().verify(&token),
            Err(ApiError::Unauthorized(why)) if why.contains("apis")
        ));
    }

    #[test]
    fn accepts_a_token_it_issued() {
        let token = issue(
            TokenSettings::default(),
            vec![Role::TeoSubmitter],
            Some(6004),
            60,
        );
        let principal = verifier().verify(&token).unwrap();
        assert_eq!(principal.organisation.map(Edumis::value), Some(6004));
        assert_eq!(principal.roles, vec![Role::TeoSubmitter]);
    }

    #[test]
    fn refuses_other_audience_and_issuer() {
        let other_audience = TokenSettings {
            audience: "elsewhere".into(),
            ..TokenSettings::default()
        };
        let token = issue(other_audience, vec![Role::TecAdmin], None, 60);
        assert!(
            matches!(verifier().verify(&token), Err(ApiError::Unauthorized(m)) if m.contains("audience"))
        );
        let other_issuer = TokenSettings {
            issuer: "mallory".into(),
            ..TokenSettings::default()
        };
        let token = issue(other_issuer, vec![Role::TecAdmin], None, 60);
        assert!(
            matches!(verifier().verify(&token), Err(ApiError::Unauthorized(m)) if m.contains("issuer"))
        );
    }

    #[test]
    fn refuses_teo_roles_without_org_and_short_secrets() {
        let token = issue(TokenSettings::default(), vec![Role::TeoViewer], None, 60);
        assert!(
            matches!(verifier().verify(&token), Err(ApiError::Unauthorized(m)) if m.contains("org"))
        );
        assert!(TokenVerifier::new(b"short", &TokenSettings::default()).is_err());
    }
}
