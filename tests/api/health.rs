use crate::helpers::{Backend, TestServer, json_ok};
use crate::on_both_backends;

fn health_answers_ok(backend: Backend) {
    let server = TestServer::start(backend);
    let body = json_ok(server.get("/health", None));
    assert_eq!(body, serde_json::json!({"status": "ok"}));
}

fn swagger_ui_is_served_from_the_binary(backend: Backend) {
    let server = TestServer::start(backend);
    // /docs redirects to /docs/, which serves the UI's page; its assets come from the binary.
    let response = server.get("/docs", None);
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().expect("page");
    assert!(
        page.contains("swagger-ui"),
        "not the Swagger UI page: {page}"
    );
    let script = server.get("/docs/swagger-ui-bundle.js", None);
    assert_eq!(script.status().as_u16(), 200);
    let initializer = server
        .get("/docs/swagger-initializer.js", None)
        .text()
        .expect("script");
    assert!(
        initializer.contains("/openapi.json"),
        "the UI does not load /openapi.json: {initializer}"
    );
}

fn every_response_carries_a_request_id(backend: Backend) {
    let server = TestServer::start(backend);
    let response = server
        .client()
        .get(server.url("/health"))
        .header("x-request-id", "trace-me-42")
        .send()
        .expect("GET");
    assert_eq!(response.headers()["x-request-id"], "trace-me-42");
    let response = server.get("/no-such-route", None);
    assert!(response.headers().contains_key("x-request-id"));

    // A problem body names the request as the logs do, whether the handler, an extractor (the
    // token) or the router refused it.
    for (path, status) in [("/api/v1/submissions", 401), ("/no-such-route", 404)] {
        let response = server
            .client()
            .get(server.url(path))
            .header("x-request-id", "trace-me-43")
            .send()
            .expect("GET");
        assert_eq!(response.status().as_u16(), status, "{path}");
        let problem: serde_json::Value = response.json().expect("problem");
        assert_eq!(problem["instance"], "urn:dxp:request:trace-me-43", "{path}");
    }
}

fn every_response_carries_the_security_headers(backend: Backend) {
    let server = TestServer::start(backend);
    for path in [
        "/health",
        "/api/v1/submissions",
        "/no-such-route",
        "/openapi.json",
        "/docs/",
    ] {
        let response = server.get(path, None);
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert!(headers.contains_key("strict-transport-security"), "{path}");
        // The Swagger UI runs its own scripts; everything else may load nothing.
        assert_eq!(
            headers.contains_key("content-security-policy"),
            !path.starts_with("/docs"),
            "{path}"
        );
        if path.starts_with("/api/") {
            assert_eq!(headers["cache-control"], "no-store", "{path}");
        }
    }
}

on_both_backends!(
    health_answers_ok,
    swagger_ui_is_served_from_the_binary,
    every_response_carries_a_request_id,
    every_response_carries_the_security_headers
);
