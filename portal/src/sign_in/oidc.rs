//! Signing in at the identity provider: OpenID Connect's authorization code flow with PKCE.
//!
//! `GET /sign-in/oidc` keeps a fresh state, nonce and PKCE verifier in the session (the
//! encrypted cookie) and sends the browser to the provider; the provider sends it back to
//! `GET /sign-in/callback` with a code, which this node exchanges (with the verifier and its
//! client secret) for an ID token. The token's signature (the provider's published keys), issuer,
//! audience, expiry and nonce are checked before any of its claims is read.
//!
//! The provider's metadata (its discovery document and keys) is fetched at the first sign-in,
//! not at start, so that a node starts while the provider is down; it is kept for
//! [`DISCOVERY_TTL`], and forgotten at once when a token's signature does not verify (the
//! provider may have rotated its keys).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use dxp_domain::{Edumis, Role};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreClientAuthMethod,
    CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthorizationCode, ClaimsVerificationError, Client, ClientId,
    ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RequestTokenError, Scope, StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::http::IdpClient;
use crate::Portal;
use crate::page::{PageError, see_other};
use crate::session::{PortalUser, Visit, constant_time_eq, safe_next};

/// How long the provider's metadata and keys are used before they are fetched again.
pub const DISCOVERY_TTL: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The claim that names a person's organisation (its EDUMIS number), unless configured.
pub const DEFAULT_ORGANISATION_CLAIM: &str = "org";
/// The claim that lists a person's DXP roles, unless configured.
pub const DEFAULT_ROLES_CLAIM: &str = "roles";

/// Where the session keeps a sign-in under way, between the two routes.
const PENDING: &str = "oidc_sign_in";

/// How this node signs people in at their identity provider.
#[derive(Clone)]
pub struct OidcSettings {
    /// The provider's issuer URL (`DXP_OIDC_ISSUER`): its discovery document is at
    /// `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    /// This portal's client id at the provider.
    pub client_id: String,
    /// This portal's client secret at the provider; `None` for a public client (PKCE alone).
    pub client_secret: Option<String>,
    /// The claim with the person's organisation, an EDUMIS number.
    pub organisation_claim: String,
    /// The claim with the person's roles (teo-submitter, teo-viewer, tec-admin).
    pub roles_claim: String,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("organisation_claim", &self.organisation_claim)
            .field("roles_claim", &self.roles_claim)
            .finish()
    }
}

/// Why OpenID Connect settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OidcSettingsError {
    #[error("the OpenID Connect issuer '{0}' is not a URL: {1}")]
    NotAUrl(String, String),
    #[error(
        "the OpenID Connect issuer '{0}' must be an https:// address (http:// is taken for \
         localhost only, for development)"
    )]
    NotHttps(String),
    #[error("the OpenID Connect client id is empty")]
    NoClientId,
    #[error("the OpenID Connect {0} claim name is empty")]
    EmptyClaimName(&'static str),
}

impl OidcSettings {
    /// Settings with the default claim names.
    pub fn new(issuer: String, client_id: String, client_secret: Option<String>) -> Self {
        Self {
            issuer,
            client_id,
            client_secret,
            organisation_claim: DEFAULT_ORGANISATION_CLAIM.to_owned(),
            roles_claim: DEFAULT_ROLES_CLAIM.to_owned(),
        }
    }

    /// Checks what can be checked without the provider: an issuer over https (or http on this
    /// machine), a client id, claim names.
    pub fn check(&self) -> Result<(), OidcSettingsError> {
        let url = url::Url::parse(&self.issuer)
            .map_err(|error| OidcSettingsError::NotAUrl(self.issuer.clone(), error.to_string()))?;
        let local = matches!(url.host(), Some(url::Host::Domain("localhost")))
            || matches!(url.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback())
            || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback());
        match url.scheme() {
            "https" => {}
            "http" if local => {}
            _ => return Err(OidcSettingsError::NotHttps(self.issuer.clone())),
        }
        if self.client_id.trim().is_empty() {
            return Err(OidcSettingsError::NoClientId);
        }
        if self.organisation_claim.trim().is_empty() {
            return Err(OidcSettingsError::EmptyClaimName("organisation"));
        }
        if self.roles_claim.trim().is_empty() {
            return Err(OidcSettingsError::EmptyClaimName("roles"));
        }
        Ok(())
    }
}

/// The claims of an ID token beyond the standard ones: the organisation and roles claims,
/// whatever they are named.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ExtraClaims {
    #[serde(flatten)]
    claims: serde_json::Map<String, Value>,
}

impl AdditionalClaims for ExtraClaims {}

type IdTokenResponse = StandardTokenResponse<
    IdTokenFields<
        ExtraClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// A client made from the provider's metadata: its authorization endpoint is known, its token
/// and user info endpoints may be.
type OidcClient = Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    IdTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

struct Discovered {
    metadata: Arc<CoreProviderMetadata>,
    at: Instant,
}

/// The identity provider of a node: its settings, this portal's redirect URI and the
/// provider's metadata once fetched.
pub struct Oidc {
    settings: OidcSettings,
    redirect_uri: String,
    discovered: Mutex<Option<Discovered>>,
}

/// A sign-in under way, kept in the (encrypted) session between the two routes.
#[derive(Serialize, Deserialize)]
struct PendingSignIn {
    state: String,
    nonce: String,
    pkce_verifier: String,
    next: String,
}

impl Oidc {
    /// The provider for a portal at `public_url`; nothing is fetched yet.
    pub fn new(settings: OidcSettings, public_url: &str) -> Self {
        Self {
            settings,
            redirect_uri: format!("{}/sign-in/callback", public_url.trim_end_matches('/')),
            discovered: Mutex::new(None),
        }
    }

    /// The provider's metadata: kept, or fetched now.
    async fn metadata(&self, http: &IdpClient) -> Result<Arc<CoreProviderMetadata>, PageError> {
        {
            let kept = self
                .discovered
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(kept) = kept.as_ref()
                && kept.at.elapsed() < DISCOVERY_TTL
            {
                return Ok(Arc::clone(&kept.metadata));
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|error| {
            PageError::Internal(format!(
                "the OpenID Connect issuer {} is not a URL: {error}",
                self.settings.issuer
            ))
        })?;
        let metadata = CoreProviderMetadata::discover_async(issuer, http)
            .await
            .map_err(|error| {
                tracing::warn!(
                    oidc.issuer = %self.settings.issuer,
                    error = %error_chain(&error),
                    "the identity provider's metadata cannot be fetched"
                );
                PageError::ProviderUnavailable
            })?;
        let metadata = Arc::new(metadata);
        *self
            .discovered
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Discovered {
            metadata: Arc::clone(&metadata),
            at: Instant::now(),
        });
        Ok(metadata)
    }

    fn forget_metadata(&self) {
        *self
            .discovered
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    fn client(&self, metadata: &CoreProviderMetadata) -> Result<OidcClient, PageError> {
        let redirect = RedirectUrl::new(self.redirect_uri.clone()).map_err(|error| {
            PageError::Internal(format!(
                "the sign-in's redirect URI {} is not a URL: {error}",
                self.redirect_uri
            ))
        })?;
        // client_secret_basic unless the provider says it takes only client_secret_post (a
        // provider that says nothing takes basic, by the discovery specification's default).
        let auth_type = match metadata.token_endpoint_auth_methods_supported() {
            Some(methods)
                if !methods.contains(&CoreClientAuthMethod::ClientSecretBasic)
                    && methods.contains(&CoreClientAuthMethod::ClientSecretPost) =>
            {
                AuthType::RequestBody
            }
            _ => AuthType::BasicAuth,
        };
        Ok(OidcClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect)
        .set_auth_type(auth_type))
    }

    /// Starts a sign-in: keeps its state, nonce and verifier in the session, and answers the
    /// provider's authorization URL to send the browser to.
    async fn start(&self, visit: &Visit, next: String) -> Result<String, PageError> {
        let http = idp_client()?;
        let metadata = self.metadata(&http).await?;
        let client = self.client(&metadata)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("profile".to_owned()))
            .add_scope(Scope::new("email".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        visit.keep(
            PENDING,
            &PendingSignIn {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                next,
            },
        )?;
        Ok(url.to_string())
    }

    /// Finishes a sign-in: checks the state, exchanges the code and verifies the ID token.
    /// Answers who signed in and where they were going.
    async fn finish(
        &self,
        visit: &Visit,
        callback: &CallbackQuery,
    ) -> Result<(Identity, String), PageError> {
        // Taken whatever happens next: a state is good for one try.
        let pending = visit.take::<PendingSignIn>(PENDING);
        let state_matches = |pending: &PendingSignIn| {
            callback
                .state
                .as_deref()
                .is_some_and(|sent| constant_time_eq(sent.as_bytes(), pending.state.as_bytes()))
        };
        if let Some(error) = &callback.error {
            // The provider's words are shown only when the answer is the one this browser
            // waits for: anyone can make a link with an `error_description` of their own.
            let description = pending
                .as_ref()
                .filter(|pending| state_matches(pending))
                .and(callback.error_description.as_deref());
            return Err(provider_refusal(error, description));
        }
        let Some(pending) = pending else {
            return Err(PageError::SignInFailed(
                "This sign-in was not started in this browser, or it was already used. Start again from the sign-in page.".to_owned(),
            ));
        };
        if !state_matches(&pending) {
            return Err(PageError::SignInFailed(
                "This sign-in answer does not belong to the sign-in this browser started. Start again from the sign-in page.".to_owned(),
            ));
        }
        let Some(code) = callback.code.clone().filter(|code| !code.is_empty()) else {
            return Err(PageError::SignInFailed(
                "Your organisation's sign-in service sent no authorization code. Start again from the sign-in page.".to_owned(),
            ));
        };

        let http = idp_client()?;
        let metadata = self.metadata(&http).await?;
        let client = self.client(&metadata)?;
        let exchange = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|error| {
                PageError::Internal(format!(
                    "the identity provider's metadata names no token endpoint: {error}"
                ))
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&http)
            .await;
        let tokens = match exchange {
            Ok(tokens) => tokens,
            Err(RequestTokenError::ServerResponse(refusal)) => {
                tracing::warn!(
                    oidc.error = %refusal.error(),
                    "the identity provider refused the code exchange"
                );
                return Err(PageError::SignInFailed(
                    "Your organisation's sign-in service did not accept this sign-in (it may have taken too long). Start again from the sign-in page.".to_owned(),
                ));
            }
            Err(RequestTokenError::Request(error)) => {
                tracing::warn!(
                    oidc.issuer = %self.settings.issuer,
                    error = %error,
                    "the identity provider cannot be reached for the code exchange"
                );
                return Err(PageError::ProviderUnavailable);
            }
            Err(error) => {
                return Err(PageError::Internal(format!(
                    "the identity provider's token answer cannot be read: {}",
                    error_chain(&error)
                )));
            }
        };
        let id_token = tokens.id_token().ok_or_else(|| {
            PageError::Internal("the identity provider sent no ID token".to_owned())
        })?;
        // The access token is not used (no user info request), so its hash is not checked.
        let verifier = client.id_token_verifier();
        let claims = match id_token.claims(&verifier, &Nonce::new(pending.nonce)) {
            Ok(claims) => claims,
            Err(error) => {
                if matches!(error, ClaimsVerificationError::SignatureVerification(_)) {
                    // Perhaps new keys: the next sign-in fetches them.
                    self.forget_metadata();
                }
                tracing::warn!(
                    error = %error_chain(&error),
                    "an ID token from the identity provider was refused"
                );
                return Err(PageError::SignInFailed(
                    "The answer from your organisation's sign-in service could not be verified, so you are not signed in. Start again from the sign-in page; if it happens again, contact the TEC's Customer Contact Team.".to_owned(),
                ));
            }
        };
        let identity = Identity::from_claims(
            &self.settings,
            claims.subject().as_str(),
            claims
                .name()
                .and_then(|name| name.get(None))
                .map(|name| name.as_str()),
            claims.email().map(|email| email.as_str()),
            &claims.additional_claims().claims,
        )?;
        Ok((identity, pending.next))
    }
}

fn idp_client() -> Result<IdpClient, PageError> {
    IdpClient::new().map_err(|error| PageError::Internal(error.to_string()))
}

/// An error and its causes, one line: `openidconnect`'s errors keep the useful part in their
/// sources ("Request failed" … "connection refused").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The page for an error the provider sent back instead of a code; `description` only when
/// the answer is known to be the provider's.
fn provider_refusal(error: &str, description: Option<&str>) -> PageError {
    // An OAuth error code is a short word of lower-case letters and underscores; anything else
    // is not repeated on the page.
    let code = Some(error)
        .filter(|code| {
            (1..=40).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .unwrap_or("unknown_error");
    tracing::info!(oidc.error = %code, "the identity provider sent back an error");
    if code == "access_denied" {
        return PageError::SignInFailed(
            "You did not sign in at your organisation's sign-in service, or it did not let you in. Start again from the sign-in page.".to_owned(),
        );
    }
    let detail = description
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(|text| {
            let text: String = text.chars().take(300).collect();
            format!(" It said: \"{text}\".")
        })
        .unwrap_or_default();
    PageError::SignInFailed(format!(
        "Your organisation's sign-in service could not sign you in ({code}).{detail} Start again from the sign-in page."
    ))
}

/// Who signed in, as their ID token says.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub subject: String,
    pub name: String,
    pub email: Option<String>,
    pub organisation: Option<Edumis>,
    pub roles: Vec<Role>,
}

impl Identity {
    /// Reads a verified ID token's claims: the name (else the email, else the subject), the
    /// organisation and the DXP roles (unknown roles are ignored). Refuses, in plain words,
    /// someone with no DXP role, and someone with a TEO role but no organisation.
    fn from_claims(
        settings: &OidcSettings,
        subject: &str,
        name: Option<&str>,
        email: Option<&str>,
        extra: &serde_json::Map<String, Value>,
    ) -> Result<Self, PageError> {
        let email = email
            .map(str::trim)
            .filter(|email| !email.is_empty())
            .map(str::to_owned);
        let name = name
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .or_else(|| email.clone())
            .unwrap_or_else(|| subject.to_owned());
        let roles = roles_in(extra.get(&settings.roles_claim));
        if roles.is_empty() {
            return Err(PageError::Forbidden(
                "You signed in, but your account gives you no role in DXP Ngā Kete (teo-submitter, teo-viewer or tec-admin). Ask whoever manages your organisation's accounts to give you one.".to_owned(),
            ));
        }
        let organisation = match extra.get(&settings.organisation_claim) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => edumis_in(value).map(Some).ok_or(value),
        };
        let teo_role = roles.iter().any(|role| role.is_organisation_role());
        let organisation = match organisation {
            Ok(organisation) => organisation,
            Err(_) if !teo_role => None,
            Err(value) => {
                return Err(PageError::Forbidden(format!(
                    "You signed in, but your account names your organisation as {value}, which is not an EDUMIS number. Ask whoever manages your organisation's accounts to correct it."
                )));
            }
        };
        if teo_role && organisation.is_none() {
            return Err(PageError::Forbidden(
                "You signed in, but your account does not say which organisation you work for (its EDUMIS number). Ask whoever manages your organisation's accounts to add it.".to_owned(),
            ));
        }
        Ok(Self {
            subject: subject.to_owned(),
            name,
            email,
            organisation,
            roles,
        })
    }
}

/// The DXP roles in a roles claim: a list of names, or one name; unknown names are ignored.
fn roles_in(claim: Option<&Value>) -> Vec<Role> {
    let names: Vec<&str> = match claim {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(name)) => vec![name.as_str()],
        _ => Vec::new(),
    };
    let mut roles: Vec<Role> = Vec::new();
    for role in names
        .into_iter()
        .filter_map(|name| name.trim().parse().ok())
    {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles
}

/// An EDUMIS number given as a number or as digits in a string.
fn edumis_in(value: &Value) -> Option<Edumis> {
    match value {
        Value::Number(number) => number.as_i64().and_then(|n| Edumis::new(n).ok()),
        Value::String(text) => text.parse().ok(),
        _ => None,
    }
}

#[derive(Deserialize)]
pub(super) struct StartQuery {
    next: Option<String>,
}

/// `GET /sign-in/oidc?next=`: to the identity provider.
pub(super) async fn start_sign_in(
    req: HttpRequest,
    portal: web::Data<Portal>,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, PageError> {
    let oidc = portal.oidc.as_ref().ok_or(PageError::NotFound)?;
    let visit = Visit::of(&req);
    let url = oidc.start(&visit, safe_next(query.next.as_deref())).await?;
    Ok(see_other(&url))
}

#[derive(Deserialize)]
pub(super) struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /sign-in/callback?code&state`: back from the identity provider, signed in.
pub(super) async fn callback(
    req: HttpRequest,
    portal: web::Data<Portal>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, PageError> {
    let oidc = portal.oidc.as_ref().ok_or(PageError::NotFound)?;
    let visit = Visit::of(&req);
    let (identity, next) = oidc.finish(&visit, &query).await?;
    let now = portal.service.clock().now().unwrap_or_else(|_| Utc::now());
    let user = PortalUser {
        subject: identity.subject,
        name: identity.name,
        email: identity.email,
        organisation: identity.organisation,
        roles: identity.roles,
        signed_in_at: now,
    };
    super::start_session(&portal, &visit, user).await?;
    Ok(see_other(&safe_next(Some(&next))))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn settings() -> OidcSettings {
        OidcSettings::new(
            "https://id.example".to_owned(),
            "dxp".to_owned(),
            Some("s3cr3t-value".to_owned()),
        )
    }

    fn identity(name: Option<&str>, email: Option<&str>, extra: Value) -> Result<Identity, String> {
        let Value::Object(extra) = extra else {
            panic!("claims are an object")
        };
        Identity::from_claims(&settings(), "sub-1", name, email, &extra)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn a_data_officer_has_their_organisation_and_roles() {
        let person = identity(
            Some("Aroha Ngata"),
            Some("aroha@teo.example"),
            json!({"org": 6004, "roles": ["teo-submitter", "someone-elses-role"]}),
        )
        .expect("signed in");
        assert_eq!(
            person,
            Identity {
                subject: "sub-1".to_owned(),
                name: "Aroha Ngata".to_owned(),
                email: Some("aroha@teo.example".to_owned()),
                organisation: Some(Edumis::new(6004).expect("EDUMIS")),
                roles: vec![Role::TeoSubmitter],
            }
        );
    }

    #[test]
    fn the_name_falls_back_to_the_email_then_the_subject() {
        let claims = json!({"org": "6004", "roles": "teo-viewer"});
        let by_email = identity(None, Some("sam@teo.example"), claims.clone()).expect("in");
        assert_eq!(by_email.name, "sam@teo.example");
        assert_eq!(by_email.organisation.map(Edumis::value), Some(6004));
        assert_eq!(by_email.roles, vec![Role::TeoViewer]);
        assert_eq!(identity(Some(" "), None, claims).expect("in").name, "sub-1");
    }

    #[test]
    fn the_funder_needs_no_organisation() {
        let person = identity(Some("Mere"), None, json!({"roles": ["tec-admin"]})).expect("in");
        assert!(person.organisation.is_none());
        assert_eq!(person.roles, vec![Role::TecAdmin]);
    }

    #[test]
    fn no_known_role_is_refused() {
        for claims in [
            json!({"org": 6004}),
            json!({"org": 6004, "roles": ["admin"]}),
        ] {
            let refusal = identity(Some("Someone"), None, claims).expect_err("refused");
            assert!(refusal.contains("no role"), "{refusal}");
        }
    }

    #[test]
    fn a_teo_role_without_a_good_organisation_is_refused() {
        let refusal = identity(None, None, json!({"roles": ["teo-submitter"]})).expect_err("no");
        assert!(refusal.contains("which organisation"), "{refusal}");
        let refusal =
            identity(None, None, json!({"org": 123456, "roles": ["teo-viewer"]})).expect_err("no");
        assert!(refusal.contains("not an EDUMIS number"), "{refusal}");
    }

    #[test]
    fn claim_names_are_configurable() {
        let mut settings = settings();
        settings.organisation_claim = "edumis".to_owned();
        settings.roles_claim = "dxp_roles".to_owned();
        let Value::Object(extra) = json!({"edumis": 6005, "dxp_roles": ["teo-submitter"]}) else {
            panic!("an object")
        };
        let person = Identity::from_claims(&settings, "s", None, None, &extra).expect("signed in");
        assert_eq!(person.organisation.map(Edumis::value), Some(6005));
    }

    #[test]
    fn issuers_must_be_https_except_on_this_machine() {
        let with_issuer = |issuer: &str| {
            OidcSettings::new(issuer.to_owned(), "dxp".to_owned(), None)
                .check()
                .is_ok()
        };
        assert!(with_issuer("https://login.example/realms/dxp"));
        assert!(with_issuer("http://127.0.0.1:9400"));
        assert!(with_issuer("http://localhost:9400"));
        assert!(!with_issuer("http://login.example"));
        assert!(!with_issuer("login.example"));
        let no_client = OidcSettings::new("https://id.example".to_owned(), " ".to_owned(), None);
        assert!(no_client.check().is_err());
    }

    #[test]
    fn a_providers_error_is_repeated_only_when_it_is_known_to_be_the_providers() {
        let shown = provider_refusal("invalid_scope", Some("profile is not allowed")).to_string();
        assert!(shown.contains("(invalid_scope)"), "{shown}");
        assert!(shown.contains("\"profile is not allowed\"."), "{shown}");
        let forged = provider_refusal("call <b>0800</b> now", None).to_string();
        assert!(forged.contains("(unknown_error)"), "{forged}");
        assert!(!forged.contains("0800"), "{forged}");
        let denied = provider_refusal("access_denied", Some("whatever")).to_string();
        assert!(denied.contains("You did not sign in"), "{denied}");
    }

    #[test]
    fn the_redirect_uri_is_the_portals_callback() {
        let oidc = Oidc::new(settings(), "https://dxp.example/");
        assert_eq!(oidc.redirect_uri, "https://dxp.example/sign-in/callback");
    }

    #[test]
    fn settings_do_not_show_the_secret() {
        let shown = format!("{:?}", settings());
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
