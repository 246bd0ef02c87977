//! Signing in at a real OpenID Connect provider (oidc-provider-mock, [`OidcProvider`]): a
//! browser with a cookie jar that follows no redirect by itself, so that each hop of the
//! authorization code flow is checked as it passes (to the provider, back with the code, on to
//! the page the person wanted).

use reqwest::blocking::{Client, Response};
use reqwest::header;
use serde_json::json;

use crate::helpers::{Backend, TestServer, dxp};
use crate::oidc_provider::{CLIENT_ID, OidcProvider};
use crate::on_both_backends;

on_both_backends!(
    a_data_officer_signs_in_at_their_provider_and_out_again,
    an_answer_for_another_sign_in_is_refused,
    the_funders_staff_sign_in_without_an_organisation,
    a_teo_role_without_an_organisation_is_refused,
);

/// A browser: it keeps cookies, as the portal's session needs, and follows no redirect.
fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

fn get(browser: &Client, url: &str) -> Response {
    browser
        .get(url)
        .header(header::ACCEPT, "text/html")
        .send()
        .unwrap_or_else(|error| panic!("GET {url}: {error}"))
}

/// Where a redirect sends the browser; `status` is the redirect's.
fn redirect(response: Response, status: u16) -> String {
    let url = response.url().to_string();
    let actual = response.status().as_u16();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.text().unwrap_or_default();
    assert_eq!(actual, status, "{url}: {body}");
    location.unwrap_or_else(|| panic!("{url} answered {status} without a Location"))
}

/// A query parameter of a URL.
fn param(url: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .expect("a URL")
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// A node that signs people in at `provider`.
fn server_for(backend: Backend, provider: &OidcProvider) -> TestServer {
    let env = provider.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestServer::start_with(backend, &env)
}

/// Takes the browser from the portal's sign-in link to the provider and signs in there as
/// `sub`: answers the portal's callback URL the provider sends the browser back to.
fn sign_in_at_provider(
    browser: &Client,
    server: &TestServer,
    provider: &OidcProvider,
    sub: &str,
    next: &str,
) -> String {
    let start = format!("/sign-in/oidc?next={}", next.replace('/', "%2F"));
    let authorize = redirect(get(browser, &server.url(&start)), 303);
    assert!(
        authorize.starts_with(&format!("{}/oauth2/authorize?", provider.issuer())),
        "{authorize}"
    );
    assert_eq!(param(&authorize, "response_type").as_deref(), Some("code"));
    assert_eq!(param(&authorize, "client_id").as_deref(), Some(CLIENT_ID));
    assert_eq!(
        param(&authorize, "redirect_uri"),
        Some(server.url("/sign-in/callback"))
    );
    let scope = param(&authorize, "scope").expect("a scope");
    for wanted in ["openid", "profile", "email"] {
        assert!(scope.split(' ').any(|s| s == wanted), "{scope}");
    }
    assert_eq!(
        param(&authorize, "code_challenge_method").as_deref(),
        Some("S256")
    );
    let challenge = param(&authorize, "code_challenge").expect("a PKCE challenge");
    assert_eq!(challenge.len(), 43, "SHA-256, base64url: {challenge}");
    let state = param(&authorize, "state").expect("a state");
    assert!(state.len() >= 16, "{state}");
    assert!(param(&authorize, "nonce").is_some_and(|nonce| nonce.len() >= 16));

    // The provider's own sign-in page, then its form, as the person fills it in.
    let page = get(browser, &authorize);
    assert_eq!(page.status().as_u16(), 200);
    let form = page.text().expect("the provider's page");
    assert!(form.contains(r#"name="sub""#), "{form}");
    let answer = browser
        .post(&authorize)
        .form(&[("sub", sub)])
        .send()
        .expect("the provider's form");
    let callback = redirect(answer, 302);
    assert!(
        callback.starts_with(&server.url("/sign-in/callback?")),
        "{callback}"
    );
    assert_eq!(param(&callback, "state"), Some(state));
    assert!(param(&callback, "code").is_some());
    callback
}

/// The CSRF token of a page's forms.
fn csrf_of(page: &str) -> String {
    let (_, rest) = page
        .split_once(r#"name="csrf" value=""#)
        .expect("a form with its CSRF token");
    rest.split('"').next().expect("the token").to_owned()
}

/// Whether the browser is signed out: the dashboard sends it to sign in.
fn assert_signed_out(browser: &Client, server: &TestServer) {
    let to = redirect(get(browser, &server.url("/")), 303);
    assert!(to.starts_with("/sign-in"), "{to}");
}

fn a_data_officer_signs_in_at_their_provider_and_out_again(backend: Backend) {
    let Some(provider) = OidcProvider::start() else {
        return;
    };
    let server = server_for(backend, &provider);
    provider.set_claims(
        "aroha-oidc",
        &json!({
            "org": 6004,
            "roles": ["teo-submitter"],
            "name": "Aroha Ngata",
            "email": "aroha@sandbox-polytechnic.example",
        }),
    );
    let browser = browser();

    // Sent to sign in, with the page wanted kept; the sign-in page's link is a GET.
    let to = redirect(get(&browser, &server.url("/data-submissions")), 303);
    assert_eq!(to, "/sign-in?next=%2Fdata-submissions");
    let page = get(&browser, &server.url(&to))
        .text()
        .expect("sign-in page");
    assert!(
        page.contains(r#"href="/sign-in/oidc?next=%2Fdata-submissions""#),
        "{page}"
    );
    assert!(page.contains("Sign in with your organisation"), "{page}");

    let callback = sign_in_at_provider(
        &browser,
        &server,
        &provider,
        "aroha-oidc",
        "/data-submissions",
    );
    let next = redirect(get(&browser, &callback), 303);
    assert_eq!(next, "/data-submissions");

    let dashboard = get(&browser, &server.url("/"));
    assert_eq!(dashboard.status().as_u16(), 200);
    let dashboard = dashboard.text().expect("the dashboard");
    assert!(dashboard.contains("Aroha Ngata"), "{dashboard}");
    assert!(dashboard.contains("Organisation 6004"), "{dashboard}");
    let submissions = get(&browser, &server.url("/data-submissions"));
    assert_eq!(submissions.status().as_u16(), 200);

    // The callback cannot be used twice: its state went with the first use.
    let replayed = get(&browser, &callback);
    assert_eq!(replayed.status().as_u16(), 400);

    let signed_out = browser
        .post(server.url("/sign-out"))
        .header(header::ACCEPT, "text/html")
        .form(&[("csrf", csrf_of(&dashboard))])
        .send()
        .expect("sign out");
    assert_eq!(redirect(signed_out, 303), "/sign-in?signed_out=true");
    assert_signed_out(&browser, &server);
}

fn an_answer_for_another_sign_in_is_refused(backend: Backend) {
    let Some(provider) = OidcProvider::start() else {
        return;
    };
    let server = server_for(backend, &provider);
    provider.set_claims(
        "sam-oidc",
        &json!({"org": 6004, "roles": ["teo-viewer"], "name": "Sam Fifita"}),
    );
    let browser = browser();
    let callback = sign_in_at_provider(&browser, &server, &provider, "sam-oidc", "/");
    let code = param(&callback, "code").expect("a code");

    // Another state with the real code, as a forged link would carry.
    let forged = server.url(&format!(
        "/sign-in/callback?code={code}&state=not-the-state-this-browser-was-given"
    ));
    let refused = get(&browser, &forged);
    assert_eq!(refused.status().as_u16(), 400);
    let page = refused.text().expect("a page");
    assert!(page.contains("You are not signed in"), "{page}");
    assert_signed_out(&browser, &server);

    // The refusal spent the sign-in: the real answer is refused after it too.
    assert_eq!(get(&browser, &callback).status().as_u16(), 400);
    assert_signed_out(&browser, &server);

    // A browser that started no sign-in.
    let stranger = self::browser();
    assert_eq!(get(&stranger, &callback).status().as_u16(), 400);
    assert_signed_out(&stranger, &server);

    // Someone who presses "Deny" at the provider.
    let authorize = redirect(get(&browser, &server.url("/sign-in/oidc?next=/")), 303);
    let denied = browser
        .post(&authorize)
        .form(&[("action", "deny")])
        .send()
        .expect("the provider's deny button");
    let callback = redirect(denied, 302);
    assert_eq!(param(&callback, "error").as_deref(), Some("access_denied"));
    let page = get(&browser, &callback);
    assert_eq!(page.status().as_u16(), 400);
    let page = page.text().expect("a page");
    assert!(
        page.contains("did not sign in at your organisation"),
        "{page}"
    );
    assert_signed_out(&browser, &server);

    // A link someone else made, with words of their own, repeats none of them.
    let forged = get(
        &stranger,
        &server.url("/sign-in/callback?error=server_error&error_description=Call+0800+000+000"),
    );
    assert_eq!(forged.status().as_u16(), 400);
    let page = forged.text().expect("a page");
    assert!(page.contains("(server_error)"), "{page}");
    assert!(!page.contains("0800 000"), "{page}");
}

fn the_funders_staff_sign_in_without_an_organisation(backend: Backend) {
    let Some(provider) = OidcProvider::start() else {
        return;
    };
    let server = server_for(backend, &provider);
    // No name: the email names them.
    provider.set_claims(
        "mere-oidc",
        &json!({"roles": ["tec-admin", "not-a-dxp-role"], "email": "mere.tuhoe@tec.example"}),
    );
    let browser = browser();
    let callback = sign_in_at_provider(&browser, &server, &provider, "mere-oidc", "/");
    assert_eq!(redirect(get(&browser, &callback), 303), "/");
    let dashboard = get(&browser, &server.url("/"));
    assert_eq!(dashboard.status().as_u16(), 200);
    let dashboard = dashboard.text().expect("the dashboard");
    assert!(dashboard.contains("mere.tuhoe@tec.example"), "{dashboard}");
    // The banner names the funder as the person's organisation (the footer names it on
    // every page, so that alone would prove nothing).
    assert!(
        dashboard.contains("· Tertiary Education Commission</span>"),
        "{dashboard}"
    );
    assert!(dashboard.contains(r#"href="/funder""#), "{dashboard}");
}

fn a_teo_role_without_an_organisation_is_refused(backend: Backend) {
    let Some(provider) = OidcProvider::start() else {
        return;
    };
    let server = server_for(backend, &provider);
    provider.set_claims(
        "jordan-oidc",
        &json!({"roles": ["teo-submitter"], "name": "Jordan Lee"}),
    );
    let browser = browser();
    let callback = sign_in_at_provider(&browser, &server, &provider, "jordan-oidc", "/");
    let refused = get(&browser, &callback);
    assert_eq!(refused.status().as_u16(), 403);
    let page = refused.text().expect("a page");
    assert!(
        page.contains("does not say which organisation you work for"),
        "{page}"
    );
    assert_signed_out(&browser, &server);

    // With no DXP role at all, in words too.
    provider.set_claims(
        "jordan-oidc",
        &json!({"org": 6005, "roles": ["staff"], "name": "Jordan Lee"}),
    );
    let callback = sign_in_at_provider(&browser, &server, &provider, "jordan-oidc", "/");
    let refused = get(&browser, &callback);
    assert_eq!(refused.status().as_u16(), 403);
    assert!(refused.text().expect("a page").contains("no role"));
    assert_signed_out(&browser, &server);
}

/// A provider that cannot be reached is a page that says so; the node starts all the same (its
/// metadata is fetched at the first sign-in), and its sign-in page still offers the link.
#[test]
fn a_provider_that_is_down_is_a_page_not_a_crash() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port");
    let issuer = format!("http://{closed}");
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("DXP_OIDC_ISSUER", issuer.as_str()),
            ("DXP_OIDC_CLIENT_ID", CLIENT_ID),
        ],
    );
    let browser = browser();
    let page = get(&browser, &server.url("/sign-in")).text().expect("page");
    assert!(page.contains(r#"href="/sign-in/oidc?next=%2F""#), "{page}");
    let down = get(&browser, &server.url("/sign-in/oidc?next=/"));
    assert_eq!(down.status().as_u16(), 503);
    let page = down.text().expect("a page");
    assert!(
        page.contains("Signing in is not working just now"),
        "{page}"
    );
    // Still serving.
    assert_eq!(get(&browser, &server.url("/health")).status().as_u16(), 200);
}

/// Half a configuration stops the node at start, in words.
#[test]
fn an_issuer_without_a_client_id_is_refused_at_start() {
    let data_dir = tempfile::tempdir().expect("a folder");
    let output = dxp()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DXP_DATA_DIR", data_dir.path())
        .env("DXP_OIDC_ISSUER", "https://login.example")
        .env_remove("DXP_OIDC_CLIENT_ID")
        .output()
        .expect("run dxp");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DXP_OIDC_CLIENT_ID is not"), "{stderr}");

    let output = dxp()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DXP_DATA_DIR", data_dir.path())
        .env("DXP_OIDC_ISSUER", "http://login.example")
        .env("DXP_OIDC_CLIENT_ID", CLIENT_ID)
        .output()
        .expect("run dxp");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("must be an https://"), "{stderr}");
}
