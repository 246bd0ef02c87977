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
}

on_both_backends!(
    health_answers_ok,
    swagger_ui_is_served_from_the_binary,
    every_response_carries_a_request_id
);
