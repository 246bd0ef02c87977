//! Signing in and out. People sign in at their identity provider (OpenID Connect, [`oidc`]);
//! the sandbox adds a development sign-in as each demo user, which no other node offers.

mod http;
pub mod oidc;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use dxp_domain::{Edumis, Role};
use dxp_service::notices::SignIn;
use serde::Deserialize;

use crate::Portal;
use crate::page::{Area, Layout, PageError, render, see_other};
use crate::session::{PortalUser, Visit, safe_next};

/// A person of the sandbox one may sign in as with a click.
#[derive(Debug, Clone)]
pub struct DevUser {
    pub subject: String,
    pub name: String,
    pub email: String,
    pub organisation: Option<Edumis>,
    pub roles: Vec<Role>,
    /// Who they are, on the sign-in page ("data officer at Sandbox Polytechnic").
    pub description: String,
}

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/sign-in", web::get().to(sign_in_page))
        .route("/sign-in/dev", web::post().to(dev_sign_in))
        .route("/sign-in/oidc", web::get().to(oidc::start_sign_in))
        .route("/sign-in/callback", web::get().to(oidc::callback))
        .route("/sign-out", web::post().to(sign_out));
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage<'a> {
    layout: Layout,
    next: String,
    /// The link to sign in at the identity provider, when there is one.
    oidc_href: Option<String>,
    dev_users: &'a [DevUser],
    signed_out: bool,
}

#[derive(Deserialize)]
struct SignInQuery {
    next: Option<String>,
    #[serde(default)]
    signed_out: bool,
}

async fn sign_in_page(
    req: HttpRequest,
    portal: web::Data<Portal>,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, PageError> {
    let visit = Visit::of(&req);
    let next = safe_next(query.next.as_deref());
    // A link, not a form: the provider's page is another site, and `form-action 'self'` keeps
    // forms to ours.
    let oidc_href = portal.options.oidc.as_ref().map(|_| {
        let query = serde_urlencoded::to_string([("next", &next)]).unwrap_or_default();
        format!("/sign-in/oidc?{query}")
    });
    render(&SignInPage {
        layout: Layout {
            title: "Sign in".to_owned(),
            area: Area::None,
            user: None,
            csrf: visit.csrf_token(),
            guide: Some(("/guides/signing-in", "Signing in")),
        },
        next,
        oidc_href,
        dev_users: &portal.options.dev_users,
        signed_out: query.signed_out,
    })
}

#[derive(Deserialize)]
struct DevSignInForm {
    csrf: String,
    subject: String,
    next: Option<String>,
}

/// Signs in as a demo user: only where the node was given demo users (`dxp sandbox`).
async fn dev_sign_in(
    req: HttpRequest,
    portal: web::Data<Portal>,
    form: web::Form<DevSignInForm>,
) -> Result<HttpResponse, PageError> {
    let visit = Visit::of(&req);
    visit.check_csrf(&form.csrf)?;
    let user = portal
        .options
        .dev_users
        .iter()
        .find(|user| user.subject == form.subject)
        .ok_or(PageError::NotFound)?;
    let now = portal.service.clock().now().unwrap_or_else(|_| Utc::now());
    let signed_in = PortalUser {
        subject: user.subject.clone(),
        name: user.name.clone(),
        email: Some(user.email.clone()),
        organisation: user.organisation,
        roles: user.roles.clone(),
        signed_in_at: now,
    };
    start_session(&portal, &visit, signed_in).await?;
    Ok(see_other(&safe_next(form.next.as_deref())))
}

/// Notes the person as seen (their organisation's people list, their notices) and starts
/// their session.
pub(crate) async fn start_session(
    portal: &Portal,
    visit: &Visit,
    user: PortalUser,
) -> Result<(), PageError> {
    if !user.may_sign_in() {
        return Err(PageError::Forbidden(
            "Your sign-in names no organisation. Ask whoever looks after sign-ins at your organisation to add it.".to_owned(),
        ));
    }
    portal
        .service
        .note_sign_in(SignIn {
            subject: user.subject.clone(),
            organisation: user.organisation,
            name: Some(user.name.clone()),
            email: user.email.clone(),
            roles: user.roles.iter().map(ToString::to_string).collect(),
        })
        .await?;
    if portal.service.person_is_disabled(&user.subject).await? {
        return Err(PageError::Forbidden(
            "Your access to DXP Ngā Kete has been turned off. Ask your organisation's user settings admin to turn it back on.".to_owned(),
        ));
    }
    visit.sign_in(&user)
}

#[derive(Deserialize)]
struct SignOutForm {
    csrf: String,
}

async fn sign_out(
    req: HttpRequest,
    form: web::Form<SignOutForm>,
) -> Result<HttpResponse, PageError> {
    let visit = Visit::of(&req);
    visit.check_csrf(&form.csrf)?;
    visit.sign_out();
    Ok(see_other("/sign-in?signed_out=true"))
}
