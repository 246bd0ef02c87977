//! The funder's provider-based SDR API (`/submissions/v1.0`) through the server, on both
//! backends, a test or more per row of the funder's table: the returns (P1) with the funder's
//! paging, submission tokens (P2) that name the same submission `/api/v1` shows, uploads and
//! deletes (P3–P8), validation runs and their results (P9–P11), reset (P12), submit (P13) and
//! the submission's contents. The server's day is 20 April 2026, inside the April round.

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
    assert!(paths["/submissions/v1.0/token/{id}"]["post"].is_object());
    assert!(
        paths["/submissions/v1.0/token/{id}"]["delete"].is_object(),
        "P2 and P12 share one path, so one template"
    );
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
        .patch(server.url("/submissions/v1.0/returns"))
        .send()
        .expect("PATCH");
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

fn send_json(server: &TestServer, method: reqwest::Method, path: &str, body: &Value) -> Response {
    server
        .client()
        .request(method, server.url(&format!("{BASE}{path}")))
        .bearer_auth(token(ORG, "teo-submitter"))
        .header("EID", "6004")
        .json(body)
        .send()
        .expect("request")
}

fn delete_batch(server: &TestServer, file: &str, token_text: &str, local_ids: &[&str]) -> Response {
    let content: Vec<Value> = local_ids
        .iter()
        .map(|id| serde_json::json!({"localId": id}))
        .collect();
    send_json(
        server,
        reqwest::Method::DELETE,
        &format!("/{file}"),
        &serde_json::json!({"submissionToken": token_text, "content": content}),
    )
}

fn post(server: &TestServer, path: &str) -> Response {
    call(
        server,
        reqwest::Method::POST,
        path,
        &token(ORG, "teo-submitter"),
        Some("6004"),
    )
}

/// A token for the April return and the id of the submission it names.
fn april_token(server: &TestServer) -> (String, String) {
    let granted = json_ok(request_token(server, "202604"));
    (
        granted["submissionToken"]
            .as_str()
            .expect("token")
            .to_owned(),
        granted["submissionId"].as_str().expect("id").to_owned(),
    )
}

/// The records of a sample file of `examples/data/json`.
fn sample_file(name: &str) -> Vec<Value> {
    let path = crate::helpers::repo_root().join(format!("examples/data/json/{name}.json"));
    let text = std::fs::read_to_string(&path).expect("sample file");
    let sample: Value = serde_json::from_str(&text).expect("JSON");
    sample["records"].as_array().expect("records").clone()
}

const SAMPLE_FILES: [&str; 5] = [
    "courses",
    "learners",
    "course-enrolments",
    "course-completions",
    "qualification-completions",
];

/// Polls P10 until the run has a verdict, for at most 60 s.
fn wait_for_run(server: &TestServer, token_text: &str) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let run = json_ok(get(server, &format!("/validation/{token_text}")));
        if matches!(run["status"].as_str(), Some("Processed" | "Rejected")) {
            return run;
        }
        assert!(std::time::Instant::now() < deadline, "no verdict: {run}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn a_delete_removes_the_named_records_together(backend: Backend) {
    let server = TestServer::start(backend);
    let (token_text, id) = april_token(&server);
    let learners = sample_learners(3);
    json_ok(put_batch(
        &server,
        "learners",
        &token_text,
        learners.clone(),
    ));
    let first = learners[0]["localId"].as_str().expect("localId");
    let second = learners[1]["localId"].as_str().expect("localId");

    let receipt = json_ok(delete_batch(
        &server,
        "learners",
        &token_text,
        &[first, "NO-SUCH-LEARNER", second],
    ));
    assert_eq!(receipt["submissionToken"], token_text.as_str());
    let content = receipt["content"].as_array().expect("content");
    let named: Vec<&str> = content
        .iter()
        .map(|item| item["localId"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(named, [first, "NO-SUCH-LEARNER", second]);
    assert_eq!(content[0]["errors"], serde_json::json!([]));
    assert_eq!(content[2]["errors"], serde_json::json!([]));
    assert!(
        content[1]["errors"][0]
            .as_str()
            .is_some_and(|text| text.contains("NO-SUCH-LEARNER")),
        "{receipt}"
    );
    assert_eq!(learner_count(&server, &id), 1, "both deleted, in one go");

    let too_many: Vec<String> = (0..1001).map(|n| format!("L-{n}")).collect();
    let too_many: Vec<&str> = too_many.iter().map(String::as_str).collect();
    assert_eq!(
        error_code(delete_batch(&server, "learners", &token_text, &too_many)),
        "BATCH_TOO_LARGE"
    );
    assert_eq!(
        error_code(delete_batch(&server, "learners", &"0".repeat(64), &[first])),
        "SUBMISSION_TOKEN_NOT_FOUND"
    );
    publish(&server, "2026-APR");
    assert_eq!(
        error_code(delete_batch(&server, "learners", &token_text, &[first])),
        "SUBMISSION_LOCKED"
    );
    assert_eq!(learner_count(&server, &id), 1, "nothing deleted");
}

fn the_funder_s_flow_takes_the_sample_return_to_submitted(backend: Backend) {
    let server = TestServer::start(backend);
    let (token_text, id) = april_token(&server);
    assert_eq!(
        error_code(post(&server, &format!("/validation/{token_text}"))),
        "NO_RECORDS_UPLOADED"
    );
    let accumulating = json_ok(get(&server, &format!("/validation/{token_text}")));
    assert_eq!(accumulating["status"], "Accumulate");
    assert_eq!(accumulating["dateReceived"], Value::Null);
    assert_eq!(
        error_code(post(&server, &format!("/submit/{token_text}"))),
        "NOT_VALIDATED",
        "only a clean run is submitted"
    );

    for file in SAMPLE_FILES {
        let receipt = json_ok(put_batch(&server, file, &token_text, sample_file(file)));
        let with_errors = receipt["content"]
            .as_array()
            .expect("content")
            .iter()
            .filter(|item| item["errors"] != serde_json::json!([]))
            .count();
        assert_eq!(with_errors, 0, "{file}: {receipt}");
    }
    let queued = json_ok(post(&server, &format!("/validation/{token_text}")));
    assert_eq!(queued["submissionToken"], token_text.as_str());
    assert!(
        ["Queued", "InProgress", "Processed"].contains(&queued["status"].as_str().unwrap_or("")),
        "{queued}"
    );
    assert!(queued["dateReceived"].is_string(), "{queued}");
    let run = wait_for_run(&server, &token_text);
    assert_eq!(run["status"], "Processed", "{run}");
    assert_eq!(run["errorCount"], 0);
    assert!(run["dateStarted"].is_string() && run["dateCompleted"].is_string());

    // A second token names the same submission and lists its run.
    let again = json_ok(request_token(&server, "202604"));
    assert_eq!(again["submissionId"], id.as_str());
    assert_eq!(again["submissionStatus"], "Validated");
    let runs = again["validationRunResults"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "{again}");
    assert_eq!(runs[0]["status"], "Processed");

    // The sample return's provision needs the round's EFTS forecast (RD-010), lodged apart.
    let teo = crate::client::Teo::new(&server, ORG);
    let forecast = teo.try_lodge_forecast("2026-APR", &crate::client::forecast_lines(2026));
    assert!(forecast.status().is_success(), "the forecast is lodged");
    let lodged = json_ok(post(&server, &format!("/submit/{token_text}")));
    assert_eq!(lodged["status"], "Submitted", "{lodged}");
    assert_eq!(
        teo.submission(&id)["status"],
        "Submitted",
        "the same submission"
    );
    assert_eq!(
        error_code(post(&server, &format!("/submit/{token_text}"))),
        "NOT_VALIDATED",
        "a lodged return is not lodged twice"
    );
    assert_eq!(
        error_code(put_batch(
            &server,
            "learners",
            &token_text,
            sample_learners(1)
        )),
        "SUBMISSION_LOCKED"
    );
}

fn results_carry_the_funder_s_numbers_and_dxp_s_rule_codes(backend: Backend) {
    let server = TestServer::start(backend);
    let (token_text, _) = april_token(&server);
    let mut learners = sample_learners(3);
    learners[1]["gender"] = serde_json::json!("X");
    let wrong = learners[1]["localId"].as_str().expect("localId").to_owned();
    let student = learners[1]["studentIdentificationCode"].clone();
    json_ok(put_batch(&server, "learners", &token_text, learners));
    json_ok(post(&server, &format!("/validation/{token_text}")));
    let run = wait_for_run(&server, &token_text);
    assert_eq!(run["status"], "Rejected", "{run}");

    let all = json_ok(get(
        &server,
        &format!("/validation/{token_text}/results?pageSize=1000"),
    ));
    let total = all["totalCount"].as_i64().expect("totalCount");
    assert_eq!(
        all["results"].as_array().expect("results").len() as i64,
        total
    );
    let gender = all["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|row| row["ruleCode"] == "LR-008")
        .unwrap_or_else(|| panic!("an LR-008 row: {all}"));
    assert_eq!(gender["errorCode"], "101", "the funder's legacy number");
    assert_eq!(gender["localId"], wrong.as_str());
    assert_eq!(gender["errorType"], "Error");
    assert_eq!(gender["fileType"], "Learner");
    assert_eq!(gender["field"], "gender");
    assert_eq!(gender["studentId"], student);
    assert!(
        gender["recordText"]
            .as_str()
            .is_some_and(|text| text.contains(&wrong)),
        "{gender}"
    );
    // A rule with no legacy number is answered by its own code.
    assert!(
        all["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter(|row| row["ruleCode"] != "LR-008")
            .all(|row| row["errorCode"] == row["ruleCode"]),
        "{all}"
    );

    let second = json_ok(get(
        &server,
        &format!("/validation/{token_text}/results?page=2&pageSize=1"),
    ));
    assert_eq!(second["page"], 2);
    assert_eq!(second["pageSize"], 1);
    assert_eq!(second["totalCount"], total);
    assert_eq!(second["results"][0], all["results"][1]);
    assert_eq!(
        error_code(get(
            &server,
            &format!("/validation/{token_text}/results?page=0")
        )),
        "BAD_PAGINATION"
    );
    assert_eq!(
        error_code(get(
            &server,
            &format!("/validation/{}/results", "0".repeat(64))
        )),
        "SUBMISSION_TOKEN_NOT_FOUND"
    );
    assert_eq!(
        error_code(post(&server, &format!("/submit/{token_text}"))),
        "NOT_VALIDATED",
        "a rejected return is not lodged"
    );
}

fn a_reset_cancels_the_submission_and_forgets_its_tokens(backend: Backend) {
    let server = TestServer::start(backend);
    let (token_text, id) = april_token(&server);
    json_ok(put_batch(
        &server,
        "learners",
        &token_text,
        sample_learners(2),
    ));
    let reset = call(
        &server,
        reqwest::Method::DELETE,
        &format!("/token/{token_text}"),
        &token(ORG, "teo-submitter"),
        Some("6004"),
    );
    assert_eq!(reset.status().as_u16(), 204);
    let teo = crate::client::Teo::new(&server, ORG);
    assert_eq!(teo.submission(&id)["status"], "Cancelled");
    assert_eq!(
        error_code(get(&server, &format!("/validation/{token_text}"))),
        "SUBMISSION_TOKEN_NOT_FOUND",
        "the token is gone"
    );
    let (_, fresh) = april_token(&server);
    assert_ne!(fresh, id, "the next token opens a new submission");
    let unknown = call(
        &server,
        reqwest::Method::DELETE,
        &format!("/token/{token_text}"),
        &token(ORG, "teo-submitter"),
        Some("6004"),
    );
    assert_eq!(error_code(unknown), "SUBMISSION_TOKEN_NOT_FOUND");
}

fn the_contents_url_serves_the_five_files_as_csv(backend: Backend) {
    use std::io::Read;

    let server = TestServer::start(backend);
    let granted = json_ok(request_token(&server, "202604"));
    let token_text = granted["submissionToken"].as_str().expect("token");
    json_ok(put_batch(
        &server,
        "learners",
        token_text,
        sample_learners(2),
    ));
    let url = granted["submissionContentsUrl"].as_str().expect("url");
    assert!(
        url.ends_with(&format!("{BASE}/contents/{token_text}")),
        "{url}"
    );
    let response = server
        .client()
        .get(url)
        .bearer_auth(token(ORG, "teo-submitter"))
        .header("EID", "6004")
        .send()
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().ok(),
        Some("application/zip")
    );
    let bytes = response.bytes().expect("body").to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut names: Vec<String> = archive
        .file_names()
        .map(|name| name.expect("a file name").into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "COURCOMP6004.CSV",
            "ENRL6004.CSV",
            "LEAR6004.CSV",
            "QUALCOMP6004.CSV",
            "REGT6004.CSV"
        ]
    );
    let mut learners = String::new();
    archive
        .by_name("LEAR6004.CSV")
        .expect("learners")
        .read_to_string(&mut learners)
        .expect("text");
    assert_eq!(learners.lines().count(), 3, "a header and two learners");
    let mut courses = String::new();
    archive
        .by_name("REGT6004.CSV")
        .expect("courses")
        .read_to_string(&mut courses)
        .expect("text");
    assert_eq!(courses.lines().count(), 1, "a header even with no record");
}

fn token_requests_at_once_name_one_submission(backend: Backend) {
    let server = TestServer::start(backend);
    for return_id in ["202603", "202604", "202608", "202612"] {
        let ids: Vec<String> = std::thread::scope(|scope| {
            let asks: Vec<_> = (0..3)
                .map(|_| scope.spawn(|| json_ok(request_token(&server, return_id))))
                .collect();
            asks.into_iter()
                .map(|ask| {
                    ask.join().expect("a request")["submissionId"]
                        .as_str()
                        .expect("id")
                        .to_owned()
                })
                .collect()
        });
        assert!(ids.iter().all(|id| *id == ids[0]), "{return_id}: {ids:?}");
    }
}

fn a_second_change_while_one_runs_is_told_to_retry(backend: Backend) {
    let server = TestServer::start(backend);
    let (token_text, id) = april_token(&server);
    let batch = |round: usize, client: usize| -> Vec<Value> {
        (0..1000)
            .map(|n| {
                let mut learner = sample_learners(1).remove(0);
                learner["localId"] = serde_json::json!(format!("L-{round}-{client}-{n}"));
                learner
            })
            .collect()
    };
    let (mut stored, mut refused) = (0, 0);
    // Four uploads at once to one submission, until one has found another running.
    for round in 0..20 {
        let answers: Vec<Response> = std::thread::scope(|scope| {
            let sends: Vec<_> = (0..4)
                .map(|client| {
                    let content = batch(round, client);
                    let (server, token_text) = (&server, &token_text);
                    scope.spawn(move || put_batch(server, "learners", token_text, content))
                })
                .collect();
            sends
                .into_iter()
                .map(|send| send.join().expect("an upload"))
                .collect()
        });
        for answer in answers {
            match answer.status().as_u16() {
                200 => stored += 1000,
                429 => {
                    assert!(answer.headers().contains_key("retry-after"));
                    let problem = expect_problem(answer, 429);
                    assert_eq!(problem["errorCode"], "CONCURRENT_REQUEST", "{problem}");
                    refused += 1;
                }
                other => panic!("an upload answered {other}"),
            }
        }
        if refused > 0 {
            break;
        }
    }
    assert!(refused > 0, "no upload ever found another running");
    assert_eq!(
        learner_count(&server, &id),
        stored,
        "what was taken is stored, what was refused is not"
    );
}

fn max_record_per_batch_is_configured(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_MAX_RECORD_PER_BATCH", "2")]);
    let granted = json_ok(request_token(&server, "202604"));
    assert_eq!(granted["maxRecordPerBatch"], 2);
    let token_text = granted["submissionToken"].as_str().expect("token");
    json_ok(put_batch(
        &server,
        "learners",
        token_text,
        sample_learners(2),
    ));
    let refused = expect_problem(
        put_batch(&server, "learners", token_text, sample_learners(3)),
        400,
    );
    assert_eq!(refused["errorCode"], "BATCH_TOO_LARGE");
    assert!(
        refused["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("at most 2")),
        "{refused}"
    );
}

on_both_backends!(
    max_record_per_batch_is_configured,
    a_second_change_while_one_runs_is_told_to_retry,
    token_requests_at_once_name_one_submission,
    a_delete_removes_the_named_records_together,
    the_funder_s_flow_takes_the_sample_return_to_submitted,
    results_carry_the_funder_s_numbers_and_dxp_s_rule_codes,
    a_reset_cancels_the_submission_and_forgets_its_tokens,
    the_contents_url_serves_the_five_files_as_csv,
    returns_are_the_opened_rounds_newest_first_in_the_funder_s_pages,
    every_call_names_its_organisation_in_eid,
    a_submission_token_names_the_submission_api_v1_shows,
    a_batch_goes_to_the_submission_its_token_names,
    a_published_round_takes_no_batch,
    the_provider_based_api_has_its_own_document,
);
