//! The portal, through the server on both backends: pages as a signed-in person's browser
//! gets them, forms with their CSRF tokens, and what one organisation's people never see of
//! another's.
//!
//! A signed-in browser holds the session cookie the portal encrypted with its session key; the
//! tests make that cookie with the test servers' key ([`SESSION_SECRET`]) as the sign-in would,
//! so each test starts signed in without a round trip through an identity provider (the sign-in
//! itself is tested on its own).

mod areas;
mod commitments;
mod in_browser;
mod pages;
mod registers;
mod sign_in;

use cookie::{Cookie, CookieJar, Key};
use reqwest::blocking::{Client, Response};
use reqwest::header;
use serde_json::json;

use crate::helpers::{DEFAULT_TEST_TIME, SESSION_SECRET, TestServer};

/// The CSRF token in every forged session.
pub const CSRF: &str = "a-test-csrf-token-0123456789abcdef";

/// Someone signed in to the portal.
pub struct Person {
    pub subject: &'static str,
    pub organisation: Option<i64>,
    pub roles: &'static [&'static str],
}

pub const DATA_OFFICER: Person = Person {
    subject: "aroha",
    organisation: Some(6004),
    roles: &["teo-submitter"],
};
pub const VIEWER: Person = Person {
    subject: "sam",
    organisation: Some(6004),
    roles: &["teo-viewer"],
};
pub const OTHER_DATA_OFFICER: Person = Person {
    subject: "jordan",
    organisation: Some(6005),
    roles: &["teo-submitter"],
};
pub const FUNDER: Person = Person {
    subject: "mere",
    organisation: None,
    roles: &["tec-admin"],
};

/// A browser signed in as one person: it sends their session cookie and follows no redirects
/// (each test says where it expects to be sent).
pub struct Browser<'a> {
    pub server: &'a TestServer,
    client: Client,
    /// The session cookie, as the server last set it.
    cookie: std::cell::RefCell<String>,
}

/// The session cookie's value of a browser signed in as `person`, sealed with the test
/// servers' session key.
pub fn sealed_session(person: &Person) -> String {
    // Signed in when the test server's clock starts (its time, not the machine's).
    sealed_session_at(person, DEFAULT_TEST_TIME)
}

/// The session cookie of `person` signed in at `instant` by the server's clock.
pub fn sealed_session_at(person: &Person, instant: &str) -> String {
    let user = json!({
        "subject": person.subject,
        "name": format!("{} Test", person.subject),
        "email": format!("{}@teo.test", person.subject),
        "organisation": person.organisation,
        "roles": person.roles,
        "signed_in_at": instant,
    });
    // actix-session keeps each value as its JSON text.
    let state = json!({
        "user": user.to_string(),
        "csrf": json!(CSRF).to_string(),
    });
    let mut jar = CookieJar::new();
    let key = Key::derive_from(SESSION_SECRET.as_bytes());
    jar.private_mut(&key)
        .add(Cookie::new("dxp-session", state.to_string()));
    jar.get("dxp-session")
        .expect("the cookie")
        .value()
        .to_owned()
}

impl<'a> Browser<'a> {
    pub fn signed_in(server: &'a TestServer, person: &Person) -> Self {
        Self::with_cookie(server, format!("dxp-session={}", sealed_session(person)))
    }

    /// A browser `person` signed in on at `instant` by the server's clock (one the test moved).
    pub fn signed_in_at(server: &'a TestServer, person: &Person, instant: &str) -> Self {
        Self::with_cookie(
            server,
            format!("dxp-session={}", sealed_session_at(person, instant)),
        )
    }

    /// A browser no one has signed in on.
    pub fn anonymous(server: &'a TestServer) -> Self {
        Self::with_cookie(server, String::new())
    }

    fn with_cookie(server: &'a TestServer, cookie: String) -> Self {
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("HTTP client");
        Self {
            server,
            client,
            cookie: std::cell::RefCell::new(cookie),
        }
    }

    fn cookie(&self) -> String {
        self.cookie.borrow().clone()
    }

    /// Keeps the session cookie a response sets, as a browser does.
    fn remember(&self, response: Response) -> Response {
        for value in response.headers().get_all(header::SET_COOKIE) {
            if let Ok(text) = value.to_str()
                && let Some(pair) = text.split(';').next()
                && pair.starts_with("dxp-session=")
            {
                *self.cookie.borrow_mut() = pair.to_owned();
            }
        }
        response
    }

    pub fn get(&self, path: &str) -> Response {
        self.client
            .get(self.server.url(path))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, self.cookie())
            .send()
            .map(|response| self.remember(response))
            .expect("GET")
    }

    /// A page's HTML, which must be there (200).
    pub fn page(&self, path: &str) -> String {
        let response = self.get(path);
        let status = response.status().as_u16();
        let body = response.text().expect("the page");
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }

    /// Sends a form (with the session's CSRF token unless it names its own).
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        if !fields.iter().any(|(name, _)| *name == "csrf") {
            form.push(("csrf", CSRF));
        }
        self.client
            .post(self.server.url(path))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, self.cookie())
            .form(&form)
            .send()
            .map(|response| self.remember(response))
            .expect("POST")
    }

    /// Sends a multipart form (its CSRF field first).
    pub fn post_multipart(&self, path: &str, form: reqwest::blocking::multipart::Form) -> Response {
        self.client
            .post(self.server.url(path))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, self.cookie())
            .multipart(form)
            .send()
            .map(|response| self.remember(response))
            .expect("POST")
    }
}

/// Where a response sends the browser (a 303 after a form).
pub fn location(response: &Response) -> String {
    assert_eq!(
        response.status().as_u16(),
        303,
        "expected a redirect, got {}",
        response.status()
    );
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .expect("Location")
        .to_owned()
}
