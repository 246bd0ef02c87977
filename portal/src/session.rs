//! Who is signed in, and the CSRF token of their forms.
//!
//! The session lives in a cookie encrypted and signed with the deployment's session key
//! (AES-GCM, actix-session's private cookie), `HttpOnly`, `SameSite=Lax` (the identity
//! provider's redirect back is a top-level navigation and must carry it), and `Secure` with the
//! `__Host-` prefix when the portal is served over https. A session ends at sign-out, after
//! [`SESSION_HOURS`] whatever happens, or when the person is disabled in DXP.
//!
//! Every form carries the session's CSRF token and every change checks it
//! ([`Signed::check_csrf`]); a form from another site cannot know it.

use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::CookieSessionStore;
use actix_session::{Session, SessionExt, SessionMiddleware};
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::{DateTime, Duration, Utc};
use dxp_domain::{Edumis, Role};
use dxp_persistence::submissions::Scope;
use dxp_service::Caller;
use serde::{Deserialize, Serialize};

use crate::Portal;
use crate::page::{Flash, PageError};

/// How long a sign-in lasts: a working day.
pub const SESSION_HOURS: i64 = 10;

const USER: &str = "user";
const CSRF: &str = "csrf";
const FLASH: &str = "flash";

/// The key that encrypts and signs session cookies (64 bytes, derived from the configured
/// secret).
#[derive(Clone)]
pub struct SessionKey(Key);

impl SessionKey {
    /// The key derived from `secret`, which must be at least 32 bytes of entropy.
    pub fn derive_from(secret: &[u8]) -> Result<Self, WeakSessionSecret> {
        if secret.len() < 32 {
            return Err(WeakSessionSecret(secret.len()));
        }
        Ok(Self(Key::derive_from(secret)))
    }

    /// A fresh random key: sessions do not outlive the process (the sandbox, tests).
    pub fn random() -> Self {
        Self(Key::generate())
    }
}

/// Why a secret cannot make the session key.
#[derive(Debug, thiserror::Error)]
#[error("the session secret is {0} bytes long; it must be at least 32 bytes")]
pub struct WeakSessionSecret(usize);

/// The name of the session cookie: `__Host-` prefixed when it is `Secure`, so that no other
/// host or path can set it.
fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-dxp-session"
    } else {
        "dxp-session"
    }
}

/// The session middleware of the portal's pages.
pub fn middleware(portal: &Portal) -> SessionMiddleware<CookieSessionStore> {
    let secure = portal.secure_cookies();
    SessionMiddleware::builder(
        CookieSessionStore::default(),
        portal.options.session_key.0.clone(),
    )
    .cookie_name(cookie_name(secure).to_owned())
    .cookie_secure(secure)
    .cookie_http_only(true)
    .cookie_same_site(SameSite::Lax)
    .cookie_path("/".to_owned())
    .cookie_content_security(CookieContentSecurity::Private)
    .session_lifecycle(BrowserSession::default())
    .build()
}

/// A person signed in to the portal, as their identity provider (or the sandbox) said.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PortalUser {
    pub subject: String,
    pub name: String,
    pub email: Option<String>,
    /// Their organisation; `None` for the funder's staff.
    pub organisation: Option<Edumis>,
    pub roles: Vec<Role>,
    pub signed_in_at: DateTime<Utc>,
}

impl PortalUser {
    /// The funder's staff, who see every organisation.
    pub fn is_funder(&self) -> bool {
        self.roles.contains(&Role::TecAdmin)
    }

    /// Whether they may change their organisation's returns (not only read them).
    pub fn may_submit(&self) -> bool {
        self.roles
            .iter()
            .any(|role| matches!(role, Role::TeoSubmitter | Role::TecAdmin))
    }

    /// Whether a session may be held: the funder's staff, or someone of an organisation. A
    /// person of no organisation who is not the funder's would otherwise see no one's data or
    /// everyone's; they are refused at sign-in and on every page.
    pub fn may_sign_in(&self) -> bool {
        self.is_funder() || self.organisation.is_some()
    }

    /// The caller the use cases know: the person, and what they may see (a session exists only
    /// for someone who [`PortalUser::may_sign_in`]).
    pub fn caller(&self) -> Caller {
        Caller {
            actor: self.subject.clone(),
            scope: match (self.is_funder(), self.organisation) {
                (false, Some(own)) => Scope::Organisation(own),
                _ => Scope::Everyone,
            },
        }
    }

    /// Over after [`SESSION_HOURS`]; and a sign-in dated ahead of this node's clock (beyond a
    /// few minutes' skew between nodes) is not one this deployment made.
    fn expired(&self, now: DateTime<Utc>) -> bool {
        now - self.signed_in_at > Duration::hours(SESSION_HOURS)
            || self.signed_in_at - now > Duration::minutes(5)
    }
}

/// The session of a request, signed in or not: its CSRF token for the forms it shows.
pub struct Visit {
    session: Session,
}

impl Visit {
    pub fn of(req: &HttpRequest) -> Self {
        Self {
            session: req.get_session(),
        }
    }

    /// The session's CSRF token, made at its first form.
    pub fn csrf_token(&self) -> String {
        if let Ok(Some(token)) = self.session.get::<String>(CSRF) {
            return token;
        }
        let token = dxp_service::secrets::random_256_bit_hex();
        // A session that cannot keep the token shows a form that will be refused: say so then.
        let _ = self.session.insert(CSRF, &token);
        token
    }

    /// Refuses a form whose token is not the session's.
    pub fn check_csrf(&self, sent: &str) -> Result<(), PageError> {
        match self.session.get::<String>(CSRF) {
            Ok(Some(token)) if constant_time_eq(token.as_bytes(), sent.as_bytes()) => Ok(()),
            _ => Err(PageError::StaleForm),
        }
    }

    /// Starts a signed-in session for `user`: a new session (its id and CSRF token are new, so
    /// nothing set before sign-in carries over).
    pub fn sign_in(&self, user: &PortalUser) -> Result<(), PageError> {
        // Cleared, not purged: a purged session stays deleted whatever is put in it after.
        self.session.clear();
        self.session
            .insert(USER, user)
            .map_err(|error| PageError::Internal(format!("cannot keep the session: {error}")))?;
        self.session.renew();
        Ok(())
    }

    pub fn sign_out(&self) {
        self.session.purge();
    }

    /// Keeps a value for the next steps of a sign-in (state, nonce, PKCE verifier).
    pub fn keep<T: Serialize>(&self, key: &str, value: &T) -> Result<(), PageError> {
        self.session
            .insert(key, value)
            .map_err(|error| PageError::Internal(format!("cannot keep the session: {error}")))
    }

    /// Takes back (and forgets) a value kept with [`Visit::keep`].
    pub fn take<T: for<'de> Deserialize<'de>>(&self, key: &str) -> Option<T> {
        let value = self.session.get::<T>(key).ok().flatten();
        self.session.remove(key);
        value
    }

    fn user(&self, now: DateTime<Utc>) -> Option<PortalUser> {
        let user = self.session.get::<PortalUser>(USER).ok().flatten()?;
        if user.expired(now) {
            self.session.purge();
            return None;
        }
        Some(user)
    }
}

/// Whether two secrets are equal, in a time that does not tell how much of them matched.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A page's signed-in person and their session; a page that takes it shows only to someone
/// signed in (anyone else is sent to sign in, and back afterwards). A person disabled in DXP
/// is signed out.
pub struct Signed {
    pub user: PortalUser,
    pub visit: Visit,
}

impl Signed {
    pub fn caller(&self) -> Caller {
        self.user.caller()
    }

    pub fn check_csrf(&self, sent: &str) -> Result<(), PageError> {
        self.visit.check_csrf(sent)
    }

    /// Keeps what an action did, for the next page to say once.
    pub fn tell(&self, flash: Flash) -> Result<(), PageError> {
        self.visit.keep(FLASH, &flash)
    }

    /// What the last action did, if it is still to be said (said once).
    pub fn told(&self) -> Option<Flash> {
        self.visit.take(FLASH)
    }

    /// Refuses a change to someone who may only read.
    pub fn must_submit(&self) -> Result<(), PageError> {
        if self.user.may_submit() {
            Ok(())
        } else {
            Err(PageError::Forbidden(
                "Your role lets you read your organisation's returns but not change them. Ask your organisation's user settings admin for the submitter role.".to_owned(),
            ))
        }
    }

    /// Refuses a page only the funder's staff use.
    pub fn must_be_funder(&self) -> Result<(), PageError> {
        if self.user.is_funder() {
            Ok(())
        } else {
            Err(PageError::Forbidden(
                "Only the Tertiary Education Commission's staff use this page.".to_owned(),
            ))
        }
    }
}

impl FromRequest for Signed {
    type Error = PageError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let portal = req
                .app_data::<web::Data<Portal>>()
                .ok_or_else(|| PageError::Internal("the portal is not configured".to_owned()))?
                .clone();
            let visit = Visit::of(&req);
            let now = portal.service.clock().now().unwrap_or_else(|_| Utc::now());
            let Some(user) = visit.user(now).filter(PortalUser::may_sign_in) else {
                return Err(PageError::SignIn {
                    next: next_of(&req),
                });
            };
            if portal.service.person_is_disabled(&user.subject).await? {
                visit.sign_out();
                return Err(PageError::Forbidden(
                    "Your access to DXP Ngā Kete has been turned off. Ask your organisation's user settings admin to turn it back on.".to_owned(),
                ));
            }
            Ok(Signed { user, visit })
        })
    }
}

/// Where to return after sign-in: this page, when it is one a link can reach.
fn next_of(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        req.uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned())
    } else {
        "/".to_owned()
    }
}

/// A path to go to after sign-in, when it is one of ours (never another site: no open
/// redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        // Browsers drop tabs and line breaks from a URL and read `\` as `/`: any of them could
        // turn `/x` into `//another.site`, so a path with one is not taken.
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path
                    .chars()
                    .any(|c| c == '\\' || c.is_control() || c.is_whitespace()) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_sign_in_only_a_path_of_ours_is_followed() {
        assert_eq!(
            safe_next(Some("/data-submissions/1?x=2")),
            "/data-submissions/1?x=2"
        );
        for elsewhere in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "https://evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(elsewhere)), "/", "{elsewhere:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn a_token_matches_only_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(
            !constant_time_eq(b"abc", b"ab"),
            "a prefix is not the token"
        );
        assert!(!constant_time_eq(b"abc", b""), "nor is nothing");
        assert!(!constant_time_eq(b"", b"abc"));
    }

    #[test]
    fn only_the_funders_staff_see_every_organisation() {
        let user = |organisation: Option<i64>, role: Role| PortalUser {
            subject: "s".to_owned(),
            name: "n".to_owned(),
            email: None,
            organisation: organisation.map(|o| Edumis::new(o).expect("edumis")),
            roles: vec![role],
            signed_in_at: Utc::now(),
        };
        assert!(matches!(
            user(Some(6004), Role::TeoSubmitter).caller().scope,
            Scope::Organisation(_)
        ));
        assert!(matches!(
            user(None, Role::TecAdmin).caller().scope,
            Scope::Everyone
        ));
        assert!(user(Some(6004), Role::TeoViewer).may_sign_in());
        assert!(!user(None, Role::TeoSubmitter).may_sign_in());
        assert!(!user(None, Role::TeoViewer).may_sign_in());
    }
}
