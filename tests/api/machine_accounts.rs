//! Machine accounts through the binary and the server, on both backends: `dxp machine-account`
//! makes, lists and revokes them; `POST /oauth2/access_token` signs them in by the client
//! credentials grant as the funder's logon does; their tokens call only the APIs the account
//! is permitted.

use reqwest::blocking::Response;
use serde_json::Value;

use crate::helpers::{Backend, TestServer, dxp, expect_problem, json_ok};
use crate::on_both_backends;

const ORG: i64 = 6004;

/// Runs `dxp machine-account ARGS` on the server's database.
fn run_machine_account(server: &TestServer, args: &[&str]) -> std::process::Output {
    dxp()
        .arg("machine-account")
        .args(args)
        .env("DATABASE_URL", &server.database.url)
        .env("DXP_DATA_DIR", server.database.data_dir.path())
        .env("RUST_LOG", "warn")
        .output()
        .expect("dxp machine-account runs")
}

/// Runs `dxp machine-account ARGS`, expecting success; answers its standard output.
fn machine_account(server: &TestServer, args: &[&str]) -> String {
    let output = run_machine_account(server, args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "dxp machine-account {args:?} ended {}: {stdout}{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Makes an account and answers its secret.
fn create(server: &TestServer, name: &str, permissions: &str) -> String {
    let printed = machine_account(
        server,
        &[
            "create",
            "--org",
            &ORG.to_string(),
            "--name",
            name,
            "--permissions",
            permissions,
        ],
    );
    printed
        .lines()
        .find_map(|line| line.strip_prefix("client secret:"))
        .map(|secret| secret.trim().to_owned())
        .expect("the secret is printed")
}

/// A token request as the funder's logon takes it.
fn request_token(
    server: &TestServer,
    basic: Option<(&str, &str)>,
    form: &[(&str, &str)],
) -> Response {
    let mut request = server
        .client()
        .post(server.url("/oauth2/access_token"))
        .form(form);
    if let Some((client_id, secret)) = basic {
        request = request.basic_auth(client_id, Some(secret));
    }
    request.send().expect("token request")
}

const FORM: [(&str, &str); 3] = [
    ("grant_type", "client_credentials"),
    ("scope", "https://web.prd.dxs.pub.tec.govt.nz"),
    ("org_id", "6004"),
];

/// The OAuth error of a refused token request.
fn oauth_error(response: Response, status: u16) -> String {
    assert_eq!(response.status().as_u16(), status);
    if status == 401 {
        assert_eq!(
            response
                .headers()
                .get("www-authenticate")
                .and_then(|value| value.to_str().ok()),
            Some("Basic realm=\"dxp\"")
        );
    }
    let body: Value = response.json().expect("JSON");
    assert!(body["error_description"].is_string(), "{body}");
    body["error"].as_str().unwrap_or_default().to_owned()
}

fn token_of(response: Response) -> String {
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|value| value.to_str().ok()),
        Some("no-store"),
        "a token is not cached"
    );
    let body = json_ok(response);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 1200);
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

fn get_with(server: &TestServer, path: &str, header: &str, token: &str) -> Response {
    server
        .client()
        .get(server.url(path))
        .header(header, format!("Bearer {token}"))
        .header("EID", ORG.to_string())
        .send()
        .expect("request")
}

fn a_machine_account_signs_in_and_calls_the_apis_it_may(backend: Backend) {
    let server = TestServer::start(backend);
    let secret = create(&server, "selma-prod", "sdr,work-based");
    assert_eq!(secret.len(), 64);

    let token = token_of(request_token(&server, Some(("selma-prod", &secret)), &FORM));
    json_ok(get_with(
        &server,
        "/api/v1/submissions",
        "Authorization",
        &token,
    ));
    // The spelling of the funder's document is taken too.
    json_ok(get_with(
        &server,
        "/work-submission-api/v1.0/changes",
        "Authentication",
        &token,
    ));
    // The token is for its own organisation only.
    let elsewhere = server
        .client()
        .get(server.url("/work-submission-api/v1.0/changes"))
        .bearer_auth(&token)
        .header("EID", "8001")
        .send()
        .expect("request");
    expect_problem(elsewhere, 403);

    // org_id may be left out; another organisation's is refused.
    token_of(request_token(
        &server,
        Some(("selma-prod", &secret)),
        &[("grant_type", "client_credentials")],
    ));
    let other = request_token(
        &server,
        Some(("selma-prod", &secret)),
        &[("grant_type", "client_credentials"), ("org_id", "8001")],
    );
    assert_eq!(oauth_error(other, 400), "invalid_request");
}

fn an_account_calls_only_the_apis_it_is_permitted(backend: Backend) {
    let server = TestServer::start(backend);
    let sdr = create(&server, "sms-only", "sdr");
    let work_based = create(&server, "tms-only", "work-based");
    let sdr = token_of(request_token(&server, Some(("sms-only", &sdr)), &FORM));
    let work_based = token_of(request_token(
        &server,
        Some(("tms-only", &work_based)),
        &FORM,
    ));

    json_ok(get_with(
        &server,
        "/api/v1/submissions",
        "Authorization",
        &sdr,
    ));
    // Refused with 403, in words that say why.
    let refused_saying = |path: &str, token: &str, why: &str| {
        let refused = expect_problem(get_with(&server, path, "Authorization", token), 403);
        assert!(
            refused["detail"]
                .as_str()
                .is_some_and(|detail| detail.contains(why)),
            "{refused}"
        );
    };
    refused_saying("/work-submission-api/v1.0/changes", &sdr, "work-based");
    json_ok(get_with(
        &server,
        "/work-submission-api/v1.0/changes",
        "Authorization",
        &work_based,
    ));
    expect_problem(
        get_with(&server, "/api/v1/submissions", "Authorization", &work_based),
        403,
    );
    // Information products are for people with the portal role: said so, not a portal role
    // the account cannot have.
    refused_saying(
        "/api/v1/insights/6004/indicators",
        &sdr,
        "a machine account does not read them",
    );
}

fn wrong_credentials_and_revoked_accounts_get_no_token(backend: Backend) {
    let server = TestServer::start(backend);
    let secret = create(&server, "selma-prod", "sdr");

    let wrong = request_token(&server, Some(("selma-prod", &"0".repeat(64))), &FORM);
    assert_eq!(oauth_error(wrong, 401), "invalid_client");
    let unknown = request_token(&server, Some(("nobody", &secret)), &FORM);
    assert_eq!(oauth_error(unknown, 401), "invalid_client");
    let anonymous = request_token(&server, None, &FORM);
    assert_eq!(oauth_error(anonymous, 401), "invalid_client");
    let password = request_token(
        &server,
        Some(("selma-prod", &secret)),
        &[("grant_type", "password")],
    );
    assert_eq!(oauth_error(password, 400), "unsupported_grant_type");
    let no_grant = request_token(&server, Some(("selma-prod", &secret)), &[("scope", "x")]);
    assert_eq!(oauth_error(no_grant, 400), "invalid_request");

    // The list never shows a secret; a revoked account signs in no more.
    let listed = machine_account(&server, &["list", "--org", "6004"]);
    assert!(
        listed.contains("selma-prod") && listed.contains("active"),
        "{listed}"
    );
    assert!(!listed.contains(&secret));
    let revoked = machine_account(&server, &["revoke", "selma-prod"]);
    assert!(revoked.contains("revoked"), "{revoked}");
    let after = request_token(&server, Some(("selma-prod", &secret)), &FORM);
    assert_eq!(oauth_error(after, 401), "invalid_client");

    // A name is one account's, whatever the organisation.
    let again = run_machine_account(
        &server,
        &[
            "create",
            "--org",
            "8001",
            "--name",
            "selma-prod",
            "--permissions",
            "sdr",
        ],
    );
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

on_both_backends!(
    a_machine_account_signs_in_and_calls_the_apis_it_may,
    an_account_calls_only_the_apis_it_is_permitted,
    wrong_credentials_and_revoked_accounts_get_no_token,
);
