use crate::helpers::{
    Backend, TestClaims, TestServer, admin_token, expect_problem, json_ok, now, token,
};
use crate::on_both_backends;

const ROUNDS: &str = "/api/v1/rounds?year=2026";

fn detail_of(server: &TestServer, token: Option<&str>, path: &str, status: u16) -> String {
    let body = expect_problem(server.get(path, token), status);
    body["detail"].as_str().unwrap_or_default().to_owned()
}

fn missing_or_malformed_tokens_get_401(backend: Backend) {
    let server = TestServer::start(backend);
    let response = server.get(ROUNDS, None);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    expect_problem(response, 401);
    assert!(detail_of(&server, Some("not-a-jwt"), ROUNDS, 401).contains("malformed"));
    let basic = server
        .client()
        .get(server.url(ROUNDS))
        .header("authorization", "Basic dXNlcjpwYXNz")
        .send()
        .expect("GET");
    expect_problem(basic, 401);
}

fn expired_tokens_get_401(backend: Backend) {
    let server = TestServer::start(backend);
    let mut claims = TestClaims::new(Some(6004), "teo-submitter");
    claims.exp = now() - 3600;
    assert!(detail_of(&server, Some(&claims.sign()), ROUNDS, 401).contains("expired"));
}

fn wrong_audience_issuer_or_signature_get_401(backend: Backend) {
    let server = TestServer::start(backend);
    let mut claims = TestClaims::new(Some(6004), "teo-submitter");
    claims.aud = "some-other-api".to_owned();
    assert!(detail_of(&server, Some(&claims.sign()), ROUNDS, 401).contains("audience"));

    let mut claims = TestClaims::new(Some(6004), "teo-submitter");
    claims.iss = "somebody-else".to_owned();
    assert!(detail_of(&server, Some(&claims.sign()), ROUNDS, 401).contains("issuer"));

    let claims = TestClaims::new(Some(6004), "teo-submitter");
    let forged = claims.sign_with(b"another-secret-that-is-also-32-bytes-long");
    assert!(detail_of(&server, Some(&forged), ROUNDS, 401).contains("signature"));
}

fn unknown_roles_and_missing_org_get_401(backend: Backend) {
    let server = TestServer::start(backend);
    let claims = TestClaims::new(Some(6004), "superuser");
    assert!(detail_of(&server, Some(&claims.sign()), ROUNDS, 401).contains("unknown role"));
    let claims = TestClaims::new(None, "teo-submitter");
    assert!(detail_of(&server, Some(&claims.sign()), ROUNDS, 401).contains("org"));
}

fn teo_roles_are_forbidden_the_funders_operations(backend: Backend) {
    let server = TestServer::start(backend);
    for role in ["teo-submitter", "teo-viewer"] {
        let detail = detail_of(
            &server,
            Some(&token(6004, role)),
            "/api/v1/audit-events",
            403,
        );
        assert!(detail.contains("tec-admin"), "{detail}");
    }
    json_ok(server.get("/api/v1/audit-events", Some(&admin_token())));
}

fn every_role_may_read_rounds(backend: Backend) {
    let server = TestServer::start(backend);
    for token in [
        token(6004, "teo-submitter"),
        token(6004, "teo-viewer"),
        admin_token(),
    ] {
        json_ok(server.get(ROUNDS, Some(&token)));
    }
}

on_both_backends!(
    missing_or_malformed_tokens_get_401,
    expired_tokens_get_401,
    wrong_audience_issuer_or_signature_get_401,
    unknown_roles_and_missing_org_get_401,
    teo_roles_are_forbidden_the_funders_operations,
    every_role_may_read_rounds,
);
