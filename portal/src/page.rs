//! What every page shares: the layout's context, New Zealand dates, the portal's headers and
//! the error pages.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Pacific::Auckland;
use dxp_service::ServiceError;

use crate::session::PortalUser;

/// The portal's areas, as its navigation names them: te reo Māori first, as the funder's
/// pages do, then English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Dashboard,
    Submissions,
    Documents,
    Registers,
    Commitments,
    Insights,
    Notifications,
    Settings,
    Guides,
    Funder,
    None,
}

impl Area {
    /// The links of the navigation bar, for this person.
    pub fn navigation(user: &PortalUser) -> Vec<(Area, &'static str, &'static str, &'static str)> {
        let mut links = vec![
            (Area::Dashboard, "/", "Papatohu", "Dashboard"),
            (
                Area::Submissions,
                "/data-submissions",
                "Tuku raraunga",
                "Data submissions",
            ),
            (Area::Documents, "/documents", "Tuhinga", "Documents"),
            (Area::Registers, "/registers", "Rēhita", "Registers"),
            (
                Area::Commitments,
                "/commitments",
                "Ngā tūtohu",
                "Commitments",
            ),
            (
                Area::Insights,
                "/insights",
                "Pārongo",
                "Information products",
            ),
            (
                Area::Notifications,
                "/notifications",
                "Pānui",
                "Notifications",
            ),
            (Area::Settings, "/settings", "Tautuhinga", "User settings"),
            (Area::Guides, "/guides", "Aratohu", "User guides"),
        ];
        if user.is_funder() {
            links.push((Area::Funder, "/funder", "Te Amorangi", "Funder"));
        }
        links
    }
}

/// What the layout of every page shows: its title, who is signed in and the navigation, the
/// CSRF token of its forms, and the guide that explains it.
pub struct Layout {
    pub title: String,
    pub area: Area,
    pub user: Option<PortalUser>,
    pub csrf: String,
    /// The user guide for this page, as (path, title).
    pub guide: Option<(&'static str, &'static str)>,
}

impl Layout {
    pub fn nav(&self) -> Vec<(bool, &'static str, &'static str, &'static str)> {
        self.user
            .as_ref()
            .map(|user| {
                Area::navigation(user)
                    .into_iter()
                    .map(|(area, href, maori, english)| (area == self.area, href, maori, english))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The layout of a page a signed-in person sees.
    pub fn of(
        signed: &crate::session::Signed,
        area: Area,
        title: impl Into<String>,
        guide: Option<(&'static str, &'static str)>,
    ) -> Layout {
        Layout {
            title: title.into(),
            area,
            user: Some(signed.user.clone()),
            csrf: signed.visit.csrf_token(),
            guide,
        }
    }

    pub fn user_name(&self) -> &str {
        self.user
            .as_ref()
            .map(|user| user.name.as_str())
            .unwrap_or_default()
    }

    pub fn organisation(&self) -> String {
        match &self.user {
            Some(user) if user.is_funder() => "Tertiary Education Commission".to_owned(),
            Some(user) => user
                .organisation
                .map(|edumis| format!("Organisation {edumis}"))
                .unwrap_or_default(),
            None => String::new(),
        }
    }
}

/// What the last action on a page did, shown once at the top of the next page.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    pub ok: bool,
    pub lines: Vec<String>,
}

/// A time as people in New Zealand read it: "Fri 4 Dec 2026, 9:30 am".
pub fn nz_time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Auckland);
    local.format("%a %-d %b %Y, %-I:%M %P").to_string()
}

/// A day as people in New Zealand read it: "4 Dec 2026".
pub fn nz_day(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// A page rendered, or a 500 page when the template fails.
pub fn render<T: Template>(page: &T) -> Result<HttpResponse, PageError> {
    let html = page
        .render()
        .map_err(|error| PageError::Internal(format!("the page could not be drawn: {error}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// A CSV file, whole, to download under `name` (named as every download is, RFC 6266).
pub fn csv_download(name: &str, text: impl actix_web::body::MessageBody + 'static) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            dxp_domain::documents::attachment_disposition(name),
        ))
        .body(text)
}

/// After a form that changed something, the page to see the change on (303: the browser
/// fetches it with GET, so reloading does not send the form again).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Whether a request is a browser's (it prefers HTML).
pub fn wants_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Our scripts, styles and images only, no framing, and nothing kept by caches: the pages hold
/// an organisation's data.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

tokio::task_local! {
    /// The id of the request being served, for its error page.
    static REQUEST_ID: String;
}

/// Sets the portal's headers on each of its answers, and keeps the request's id (given by the
/// node's request log) for its error page.
pub async fn portal_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_asset = req.path().starts_with("/assets/");
    let mut response = REQUEST_ID.scope(request_id, next.call(req)).await?;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    if !is_asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

fn request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_default()
}

/// Why a page cannot be shown; each is a page of its own, in plain words.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Forbidden(String),
    /// Not signed in: to the sign-in page, then back to `next`.
    #[error("sign in first")]
    SignIn { next: String },
    /// A form whose CSRF token is not the session's: an old tab, or another site's form.
    #[error("the form has expired")]
    StaleForm,
    /// What was sent cannot be used, said in words for the person who sent it.
    #[error("{0}")]
    BadInput(String),
    /// A sign-in at the identity provider that did not finish, and what to do.
    #[error("{0}")]
    SignInFailed(String),
    /// The identity provider cannot be reached (or answers nonsense): nobody can sign in.
    #[error("the identity provider cannot be reached")]
    ProviderUnavailable,
    /// A failure of ours; the person sees the request id to quote.
    #[error("{0}")]
    Internal(String),
}

impl From<dxp_service::ClockError> for PageError {
    fn from(error: dxp_service::ClockError) -> Self {
        PageError::Internal(error.to_string())
    }
}

impl From<ServiceError> for PageError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound(_) => PageError::NotFound,
            ServiceError::Forbidden(message) => PageError::Forbidden(message),
            // The round rule's code, so the person can look it up or quote it.
            ServiceError::Refused(refusal) => {
                PageError::BadInput(format!("{} (rule {})", refusal.detail, refusal.rule.code()))
            }
            ServiceError::BadInput(_)
            | ServiceError::TooLarge(_)
            | ServiceError::NotNow(_)
            | ServiceError::CommitmentNotNow(_)
            | ServiceError::Rejected(_)
            | ServiceError::Unacceptable(_) => PageError::BadInput(error.to_string()),
            other => PageError::Internal(other.to_string()),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    heading: &'a str,
    explanation: &'a str,
    request_id: String,
    status: u16,
}

impl PageError {
    fn words(&self) -> (&str, String) {
        match self {
            PageError::NotFound => (
                "Page not found",
                "There is no page at this address, or it belongs to another organisation. Check the address, or go back to your dashboard.".to_owned(),
            ),
            PageError::Forbidden(why) => ("You cannot open this page", why.clone()),
            PageError::SignIn { .. } => ("Sign in", "Sign in to continue.".to_owned()),
            PageError::StaleForm => (
                "This form has expired",
                "The form was open for too long or came from another page. Go back, reload the page and send it again.".to_owned(),
            ),
            PageError::BadInput(why) => ("That could not be done", why.clone()),
            PageError::SignInFailed(why) => ("You are not signed in", why.clone()),
            PageError::ProviderUnavailable => (
                "Signing in is not working just now",
                "Your organisation's sign-in service cannot be reached from DXP Ngā Kete. Nothing you did caused this. Try again in a few minutes; if it goes on, contact the TEC's Customer Contact Team with the reference below.".to_owned(),
            ),
            PageError::Internal(_) => (
                "Something went wrong on our side",
                "Nothing you did caused this, and nothing was half done. Try again in a minute; if it happens again, contact the TEC's Customer Contact Team with the reference below.".to_owned(),
            ),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::Forbidden(_) => StatusCode::FORBIDDEN,
            PageError::SignIn { .. } => StatusCode::SEE_OTHER,
            PageError::StaleForm => StatusCode::FORBIDDEN,
            PageError::BadInput(_) => StatusCode::UNPROCESSABLE_ENTITY,
            PageError::SignInFailed(_) => StatusCode::BAD_REQUEST,
            PageError::ProviderUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            PageError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let PageError::SignIn { next } = self {
            let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
            return see_other(&format!("/sign-in?{query}"));
        }
        let request_id = request_id();
        if let PageError::Internal(cause) = self {
            tracing::error!(error = %cause, request.id = %request_id, "portal page failed");
        }
        let (heading, explanation) = self.words();
        let page = ErrorPage {
            layout: Layout {
                title: heading.to_owned(),
                area: Area::None,
                user: None,
                csrf: String::new(),
                guide: None,
            },
            heading,
            explanation: &explanation,
            request_id,
            status: self.status_code().as_u16(),
        };
        let body = page.render().unwrap_or_else(|_| explanation.clone());
        HttpResponse::build(self.status_code())
            .content_type("text/html; charset=utf-8")
            .body(body)
    }
}
