//! DXP Ngā Kete, the portal: the pages people at a TEO and at the funder use in a browser,
//! served by the same node as the APIs.
//!
//! Pages are rendered on the server from compiled templates (askama) and call the use cases
//! ([`dxp_service::Service`]) directly, as the JSON API does: no page talks to the database and
//! none goes through the API over HTTP. The live parts (validation progress, filters) are htmx
//! fragments; the few scripts and styles are our own files, embedded in the binary, and the
//! Content-Security-Policy allows nothing else.
//!
//! - [`session`]: who is signed in, kept in an encrypted cookie, and the CSRF token every form
//!   carries.
//! - [`sign_in`]: the identity provider's sign-in (OpenID Connect) and, in the sandbox only, a
//!   development sign-in as each demo user.
//! - [`pages`]: the pages, one module per area.
//! - [`page`]: what every page shares (the layout, NZ dates, the error pages).

pub mod assets;
pub mod page;
pub mod pages;
pub mod session;
pub mod sign_in;

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use dxp_service::Service;

pub use session::SessionKey;
pub use sign_in::DevUser;
pub use sign_in::oidc::{OidcSettings, OidcSettingsError};

/// How the portal of a node runs.
#[derive(Clone)]
pub struct PortalOptions {
    /// The address people reach the portal at (`DXP_PORTAL_URL`); an `https` one makes the
    /// session cookie `Secure` and `__Host-` prefixed.
    pub public_url: String,
    /// Encrypts and signs the session cookie; every node of a deployment needs the same one.
    pub session_key: SessionKey,
    /// The people one may sign in as without an identity provider: set by `dxp sandbox` only.
    pub dev_users: Vec<DevUser>,
    /// The identity provider people sign in at (OpenID Connect); `None`: no sign-in but the
    /// sandbox's.
    pub oidc: Option<OidcSettings>,
}

/// The portal of one node: its use cases and options, handed to every page.
#[derive(Clone)]
pub struct Portal {
    pub service: Service,
    pub options: Arc<PortalOptions>,
    /// The identity provider, with its metadata once fetched (shared by the node's workers).
    oidc: Option<Arc<sign_in::oidc::Oidc>>,
}

impl Portal {
    pub fn new(service: Service, options: PortalOptions) -> Self {
        let oidc = options
            .oidc
            .clone()
            .map(|settings| Arc::new(sign_in::oidc::Oidc::new(settings, &options.public_url)));
        Self {
            service,
            options: Arc::new(options),
            oidc,
        }
    }

    /// Whether the session cookie travels only over https.
    pub fn secure_cookies(&self) -> bool {
        self.options.public_url.starts_with("https://")
    }

    /// Registers the portal's pages and assets on an app.
    pub fn configure(&self, config: &mut web::ServiceConfig) {
        let portal = web::Data::new(self.clone());
        config.service(
            web::scope("")
                .app_data(portal)
                .wrap(session::middleware(self))
                .wrap(actix_web::middleware::from_fn(page::portal_headers))
                .configure(assets::configure)
                .configure(sign_in::configure)
                .configure(pages::configure),
        );
    }
}

/// The portal's page for a path no route takes, for a browser (one that asks for HTML).
pub fn not_found(req: &HttpRequest) -> Option<HttpResponse> {
    page::wants_html(req).then(|| page::PageError::NotFound.error_response())
}
