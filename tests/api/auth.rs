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

/// A production deployment: the identity provider's public keys (RS256 and EdDSA, by `kid`)
/// and no shared secret. Its tokens are accepted during a rotation whichever key signed them;
/// an HS256 token (the development kind) is refused, whatever secret signed it.
fn production_keys_replace_the_development_secret(backend: Backend) {
    let keys = crate::helpers::repo_root().join("api/testdata/keys");
    let files = format!(
        "{},{}",
        keys.join("rsa-2026.pem").display(),
        keys.join("ed-2027.pem").display()
    );
    let server = TestServer::start_with(
        backend,
        &[("DXP_JWT_SECRET", ""), ("DXP_JWT_PUBLIC_KEY_FILES", &files)],
    );
    let claims = TestClaims::new(Some(6004), "teo-submitter");
    for (algorithm, kid, private) in [
        (jsonwebtoken::Algorithm::RS256, "rsa-2026", "rsa-2026.key"),
        (jsonwebtoken::Algorithm::EdDSA, "ed-2027", "ed-2027.key"),
    ] {
        let pem = std::fs::read(keys.join(private)).expect("private key");
        let key = match algorithm {
            jsonwebtoken::Algorithm::RS256 => jsonwebtoken::EncodingKey::from_rsa_pem(&pem),
            _ => jsonwebtoken::EncodingKey::from_ed_pem(&pem),
        }
        .expect("key");
        let mut header = jsonwebtoken::Header::new(algorithm);
        header.kid = Some(kid.to_owned());
        let signed = jsonwebtoken::encode(&header, &claims, &key).expect("sign");
        json_ok(server.get(ROUNDS, Some(&signed)));
    }
    assert!(detail_of(&server, Some(&claims.sign()), ROUNDS, 401).contains("HS256"));
    // Without the HS256 secret this node could not verify a token of its own: it issues none.
    let machine = server
        .client()
        .post(server.url("/oauth2/access_token"))
        .basic_auth("selma-prod", Some("secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .expect("token request");
    assert_eq!(machine.status().as_u16(), 503);
}

on_both_backends!(
    missing_or_malformed_tokens_get_401,
    expired_tokens_get_401,
    wrong_audience_issuer_or_signature_get_401,
    unknown_roles_and_missing_org_get_401,
    teo_roles_are_forbidden_the_funders_operations,
    every_role_may_read_rounds,
    production_keys_replace_the_development_secret
);
