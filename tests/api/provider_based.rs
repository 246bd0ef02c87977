//! The funder's provider-based SDR API (`/submissions/v1.0`) through the server, on both
//! backends: the returns (P1) with the funder's paging, and submission tokens (P2) that name the
//! same submission `/api/v1` shows. The server's day is 20 April 2026, inside the April round.

use reqwest::blocking::Response;
use serde_json::Value;

use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok, token};
use crate::on_both_backends;

const BASE: &str = "/submissions/v1.0";
const ORG: i64 = 6004;

fn call(
    server: &TestServer,
    method: reqwest::Method,
    path: &str,
    token: &str,
    eid: Option<&str>,
) -> Response {
    let mut request = server
        .client()
        .request(method, server.url(&format!("{BASE}{path}")))
        .bearer_auth(token);
    if let Some(eid) = eid {
        request = request.header("EID", eid);
    }
    request.send().expect("request")
}

fn get(server: &TestServer, path: &str) -> Response {
    call(
        server,
        reqwest::Method::GET,
        path,
        &token(ORG, "teo-submitter"),
        Some("6004"),
    )
}

fn request_token(server: &TestServer, return_id: &str) -> Response {
    call(
        server,
        reqwest::Method::POST,
        &format!("/token/{return_id}"),
        &token(ORG, "teo-submitter"),
        Some("6004"),
    )
}

/// The funder publishes `round`: its data can no longer change.
fn publish(server: &TestServer, round: &str) {
    let published = server
        .client()
        .post(server.url(&format!("/api/v1/rounds/{round}/publish")))
        .bearer_auth(admin_token())
        .json(&serde_json::json!({}))
        .send()
        .expect("publish");
    assert_eq!(published.status().as_u16(), 200);
}

/// The `errorCode` of a 400 refusal.
fn error_code(response: Response) -> String {
    let problem = expect_problem(response, 400);
    problem["errorCode"].as_str().unwrap_or_default().to_owned()
}

fn return_ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|item| item["returnId"].as_i64().expect("returnId"))
        .collect()
}

fn returns_are_the_opened_rounds_newest_first_in_the_funder_s_pages(backend: Backend) {
    let server = TestServer::start(backend);
    let full = json_ok(get(&server, "/returns"));
    assert_eq!(full["page"], 1);
    assert_eq!(full["pageSize"], 100);
    let ids = return_ids(&full);
    assert_eq!(
        ids.first(),
        Some(&202604),
        "the April round is open: {full}"
    );
    assert!(ids.windows(2).all(|pair| pair[0] > pair[1]), "{ids:?}");
    assert!(
        !ids.contains(&202608),
        "August has not opened on 20 April: {ids:?}"
    );
    assert!(
        ids.iter().all(|id| id % 100 != 3),
        "no indicative return unless asked: {ids:?}"
    );
    assert_eq!(full["totalCount"].as_i64(), i64::try_from(ids.len()).ok());
    let april = &full["results"][0];
    assert_eq!(april["edumis"], ORG);
    assert_eq!(april["returnYear"], 2026);
    assert_eq!(april["returnMonth"], 4);
    assert_eq!(april["returnType"], "Full");
    assert_eq!(april["returnStatus"], "Accumulate");
    assert!(april["closeDate"].is_null(), "due in May: {april}");

    let with_indicative = json_ok(get(&server, "/returns?includeIndicative=true"));
    let all = return_ids(&with_indicative);
    assert!(all.contains(&202603), "{all:?}");
    let march = with_indicative["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|item| item["returnId"] == 202603)
        .expect("the indicative return");
    assert_eq!(march["returnType"], "Indicative");
    assert_eq!(march["returnMonth"], 3);

    let second = json_ok(get(&server, "/returns?page=2&pageSize=1"));
    assert_eq!(return_ids(&second), [ids[1]]);
    assert_eq!(second["totalCount"], full["totalCount"]);
    for bad in ["page=0", "pageSize=0", "pageSize=1001", "page=first"] {
        assert_eq!(
            error_code(get(&server, &format!("/returns?{bad}"))),
            "BAD_PAGINATION",
            "{bad}"
        );
    }
}

fn every_call_names_its_organisation_in_eid(backend: Backend) {
    let server = TestServer::start(backend);
    let submitter = token(ORG, "teo-submitter");
    expect_problem(
        call(&server, reqwest::Method::GET, "/returns", &submitter, None),
        400,
    );
    expect_problem(
        call(
            &server,
            reqwest::Method::GET,
            "/returns",
            &submitter,
            Some("8001"),
        ),
        403,
    );
    expect_problem(
        call(
            &server,
            reqwest::Method::POST,
            "/token/202604",
            &token(ORG, "teo-viewer"),
            Some("6004"),
        ),
        403,
    );
}

fn a_submission_token_names_the_submission_api_v1_shows(backend: Backend) {
    let server = TestServer::start(backend);
    let first = json_ok(request_token(&server, "202604"));
    assert_eq!(first["returnId"], 202604);
    assert_eq!(first["edumis"], ORG);
    assert_eq!(first["returnYear"], 2026);
    assert_eq!(first["returnMonth"], 4);
    assert_eq!(first["submissionStatus"], "Pending");
    assert_eq!(first["submissionType"], "Full");
    assert_eq!(first["maxRecordPerBatch"], 1000);
    assert_eq!(
        first["tokenExpiry"], "2026-04-21T00:00:00Z",
        "24 hours after noon on 20 April in New Zealand"
    );
    let token_text = first["submissionToken"].as_str().expect("token");
    assert_eq!(token_text.len(), 64);

    let id = first["submissionId"].as_str().expect("submissionId");
    let same = json_ok(
        server
            .client()
            .get(server.url(&format!("/api/v1/submissions/{id}")))
            .bearer_auth(token(ORG, "teo-submitter"))
            .send()
            .expect("GET"),
    );
    assert_eq!(same["status"], "Draft");
    assert_eq!(same["round"], "2026-APR");
    assert_eq!(same["organisation"], ORG);

    // Asked again: a new token for the same submission.
    let second = json_ok(request_token(&server, "202604"));
    assert_eq!(second["submissionId"], first["submissionId"]);
    assert_ne!(second["submissionToken"], first["submissionToken"]);

    assert_eq!(
        error_code(request_token(&server, "202605")),
        "RETURN_NOT_FOUND"
    );
    // A published round's data can no longer change.
    publish(&server, "2025-APR");
    assert_eq!(
        error_code(request_token(&server, "202504")),
        "RETURN_NOT_OPEN"
    );
    assert_eq!(
        error_code(request_token(&server, "april")),
        "RETURN_NOT_FOUND"
    );
    assert_eq!(
        error_code(request_token(&server, "9223372036854775808")),
        "RETURN_NOT_FOUND"
    );
}

fn the_provider_based_api_has_its_own_document(backend: Backend) {
    let server = TestServer::start(backend);
    let provider = json_ok(
        server
            .client()
            .get(server.url("/submissions/v1.0/openapi.json"))
            .send()
            .expect("GET"),
    );
    let paths = provider["paths"].as_object().expect("paths");
    assert!(paths["/submissions/v1.0/returns"]["get"].is_object());
    assert!(paths["/submissions/v1.0/token/{returnId}"]["post"].is_object());
    assert!(
        provider["components"]["schemas"]["ReturnPage"].is_object(),
        "{provider}"
    );
    let own = json_ok(
        server
            .client()
            .get(server.url("/openapi.json"))
            .send()
            .expect("GET"),
    );
    assert!(
        own["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .all(|path| !path.starts_with(BASE)),
        "DXP's own document keeps to DXP's API"
    );
    // A documented path asked with another method is a 405 here too.
    let wrong = server
        .client()
        .delete(server.url("/submissions/v1.0/returns"))
        .send()
        .expect("DELETE");
    assert_eq!(wrong.status().as_u16(), 405);
}

/// The first `count` learners of the sample return.
fn sample_learners(count: usize) -> Vec<Value> {
    let sample: Value =
        serde_json::from_str(include_str!("../../examples/data/json/learners.json"))
            .expect("the sample learners");
    sample["records"]
        .as_array()
        .expect("records")
        .iter()
        .take(count)
        .cloned()
        .collect()
}

fn put_batch(server: &TestServer, file: &str, token_text: &str, content: Vec<Value>) -> Response {
    server
        .client()
        .put(server.url(&format!("{BASE}/{file}")))
        .bearer_auth(token(ORG, "teo-submitter"))
        .header("EID", "6004")
        .json(&serde_json::json!({"submissionToken": token_text, "content": content}))
        .send()
        .expect("PUT")
}

fn learner_count(server: &TestServer, id: &str) -> i64 {
    json_ok(
        server
            .client()
            .get(server.url(&format!("/api/v1/submissions/{id}")))
            .bearer_auth(token(ORG, "teo-submitter"))
            .send()
            .expect("GET"),
    )["recordCounts"]["learners"]
        .as_i64()
        .unwrap_or_default()
}

fn a_batch_goes_to_the_submission_its_token_names(backend: Backend) {
    let server = TestServer::start(backend);
    let granted = json_ok(request_token(&server, "202604"));
    let token_text = granted["submissionToken"].as_str().expect("token");
    let id = granted["submissionId"].as_str().expect("id");

    let mut learners = sample_learners(3);
    learners[2]["gender"] = serde_json::json!("X");
    let receipt = json_ok(put_batch(&server, "learners", token_text, learners.clone()));
    assert_eq!(receipt["submissionToken"], token_text);
    let content = receipt["content"].as_array().expect("content");
    assert_eq!(content.len(), 3);
    for (sent, received) in learners.iter().zip(content) {
        assert_eq!(received["localId"], sent["localId"]);
    }
    let errors = content[2]["errors"].as_array().expect("errors");
    assert!(
        errors.iter().any(|error| error
            .as_str()
            .is_some_and(|text| text.starts_with("LR-008: "))),
        "{receipt}"
    );
    assert_eq!(
        learner_count(&server, id),
        3,
        "the same submission /api/v1 shows"
    );

    // A localId sent again replaces its record.
    learners[2]["gender"] = serde_json::json!("F");
    let again = json_ok(put_batch(
        &server,
        "learners",
        token_text,
        vec![learners[2].clone()],
    ));
    assert_eq!(again["content"][0]["errors"], serde_json::json!([]));
    assert_eq!(learner_count(&server, id), 3);

    let too_many: Vec<Value> = (0..1001)
        .map(|n| serde_json::json!({"localId": format!("L-{n}")}))
        .collect();
    assert_eq!(
        error_code(put_batch(&server, "learners", token_text, too_many)),
        "BATCH_TOO_LARGE"
    );
    assert_eq!(
        error_code(put_batch(&server, "courses", &"0".repeat(64), Vec::new())),
        "SUBMISSION_TOKEN_NOT_FOUND"
    );
    // 24 hours on, the token has expired.
    server.set_clock("2026-04-21T12:00:00+12:00");
    assert_eq!(
        error_code(put_batch(
            &server,
            "learners",
            token_text,
            sample_learners(1)
        )),
        "TOKEN_EXPIRED"
    );
    assert_eq!(learner_count(&server, id), 3);
}

fn a_published_round_takes_no_batch(backend: Backend) {
    let server = TestServer::start(backend);
    let granted = json_ok(request_token(&server, "202604"));
    let token_text = granted["submissionToken"].as_str().expect("token");
    publish(&server, "2026-APR");
    assert_eq!(
        error_code(put_batch(
            &server,
            "learners",
            token_text,
            sample_learners(1)
        )),
        "SUBMISSION_LOCKED"
    );
}

on_both_backends!(
    returns_are_the_opened_rounds_newest_first_in_the_funder_s_pages,
    every_call_names_its_organisation_in_eid,
    a_submission_token_names_the_submission_api_v1_shows,
    a_batch_goes_to_the_submission_its_token_names,
    a_published_round_takes_no_batch,
    the_provider_based_api_has_its_own_document,
);
