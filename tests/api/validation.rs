//! The dry run over HTTP: a mixed batch gets exactly the expected problems; bad bodies get
//! clear problem+json errors.

use dxp_domain::testkit::{self, Defect};
use serde_json::Value;

use crate::helpers::{Backend, TestServer, expect_problem, json_ok, token};
use crate::on_both_backends;

const DRY_RUN: &str = "/api/v1/validation/course-enrolments";

fn post_body(
    server: &TestServer,
    body: impl Into<reqwest::blocking::Body>,
    content_type: &str,
) -> reqwest::blocking::Response {
    server
        .client()
        .post(server.url(DRY_RUN))
        .bearer_auth(token(6004, "teo-viewer"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .expect("POST")
}

fn a_mixed_batch_of_10000_gets_exactly_the_expected_problems(backend: Backend) {
    let server = TestServer::start(backend);
    let batch = testkit::mixed_records(10_000, 7);
    let body = format!(
        "{{\"records\":[{}]}}",
        batch
            .iter()
            .map(|(text, _)| text.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let report = json_ok(post_body(&server, body, "application/json"));
    let expected: Vec<(usize, Defect)> = batch
        .iter()
        .enumerate()
        .filter_map(|(index, (_, defect))| defect.map(|d| (index, d)))
        .collect();
    assert!(expected.len() > 1000);
    let problems = report["problems"].as_array().expect("problems");
    let found: Vec<(usize, String, String)> = problems
        .iter()
        .map(|p| {
            (
                p["index"].as_u64().expect("index") as usize,
                p["rule"].as_str().expect("rule").to_owned(),
                p["field"].as_str().expect("field").to_owned(),
            )
        })
        .collect();
    let wanted: Vec<(usize, String, String)> = expected
        .iter()
        .map(|(index, d)| (*index, d.rule().to_owned(), d.field().to_owned()))
        .collect();
    assert_eq!(
        found, wanted,
        "exactly one problem per defective record, naming its rule and field"
    );
    let errors = problems.iter().filter(|p| p["severity"] == "error").count();
    assert_eq!(report["errorCount"], errors);
    assert_eq!(report["warningCount"], problems.len() - errors);
    assert_eq!(report["valid"], errors == 0);
}

fn a_clean_batch_is_valid(backend: Backend) {
    let server = TestServer::start(backend);
    let body = format!(
        "{{\"records\":[{}]}}",
        testkit::valid_records(200).join(",")
    );
    let report = json_ok(post_body(&server, body, "application/json"));
    assert_eq!(report["valid"], true);
    assert_eq!(report["problems"], serde_json::json!([]));
}

fn bad_bodies_get_clear_problems(backend: Backend) {
    let server = TestServer::start(backend);
    for body in ["not json", "[]", "{}", "{\"records\": 5}"] {
        let problem = expect_problem(post_body(&server, body, "application/json"), 400);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("records"),
            "{body}: {problem}"
        );
    }
    expect_problem(post_body(&server, "{\"records\": []}", "text/plain"), 415);
    // One wrong-typed record is a problem on that record, not a failed request.
    let report = json_ok(post_body(
        &server,
        format!("{{\"records\":[{}, 42]}}", testkit::valid_json(1)),
        "application/json",
    ));
    assert_eq!(report["problems"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["problems"][0]["index"], 1);
    assert_eq!(report["problems"][0]["localId"], Value::Null);
}

fn oversized_requests_get_413(backend: Backend) {
    let server = TestServer::start_with(
        backend,
        &[
            ("DXP_MAX_BODY_BYTES", "20000"),
            ("DXP_MAX_RECORDS_PER_REQUEST", "5"),
        ],
    );
    let big = format!("{{\"records\":[{}]}}", testkit::valid_records(40).join(","));
    let problem = expect_problem(post_body(&server, big, "application/json"), 413);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("20000"),
        "{problem}"
    );
    let many = format!("{{\"records\":[{}]}}", testkit::valid_records(6).join(","));
    let problem = expect_problem(post_body(&server, many, "application/json"), 413);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 5"),
        "{problem}"
    );
}

fn the_catalogue_lists_every_rule(backend: Backend) {
    let server = TestServer::start(backend);
    let catalogue =
        json_ok(server.get("/api/v1/validation/rules", Some(&token(6004, "teo-viewer"))));
    let served: Vec<&str> = catalogue["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    let known: Vec<&str> = dxp_domain::catalogue()
        .iter()
        .map(|rule| rule.code)
        .collect();
    assert_eq!(served, known);
    for prefix in ["CE", "LR", "XF", "EF", "CSV", "TXT", "RD", "WF"] {
        assert!(
            served
                .iter()
                .any(|code| code.starts_with(&format!("{prefix}-"))),
            "the catalogue lists no {prefix} rule"
        );
    }
    let ite = catalogue["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["code"] == "CE-031")
        .expect("CE-031");
    assert_eq!(ite["errorFromYear"], 2026);
    assert_eq!(ite["file"], "course-enrolments");
    assert_eq!(ite["scope"], "course-enrolments");
    assert!(ite["legacyError"].is_null());
}

fn the_catalogue_is_filtered_by_scope(backend: Backend) {
    let server = TestServer::start(backend);
    let viewer = token(6004, "teo-viewer");
    let round = json_ok(server.get("/api/v1/validation/rules?scope=round", Some(&viewer)));
    let codes: Vec<&str> = round["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|rule| {
            assert_eq!(rule["scope"], "round");
            assert!(
                rule["file"].is_null(),
                "a process rule names no file: {rule}"
            );
            rule["code"].as_str().expect("code")
        })
        .collect();
    assert_eq!(codes.first(), Some(&"RD-001"));
    assert!(codes.iter().all(|code| code.starts_with("RD-")));
    let learners = json_ok(server.get("/api/v1/validation/rules?scope=learners", Some(&viewer)));
    let gender = learners["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|rule| rule["code"] == "LR-008")
        .expect("LR-008");
    assert_eq!(gender["legacyError"], 101);
    let refused = server.get("/api/v1/validation/rules?scope=everything", Some(&viewer));
    assert_eq!(refused.status().as_u16(), 400);
    assert_eq!(
        refused
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok()),
        Some("application/problem+json")
    );
}

on_both_backends!(
    a_mixed_batch_of_10000_gets_exactly_the_expected_problems,
    a_clean_batch_is_valid,
    bad_bodies_get_clear_problems,
    oversized_requests_get_413,
    the_catalogue_lists_every_rule,
    the_catalogue_is_filtered_by_scope,
);
