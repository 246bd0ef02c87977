//! Abuse limits over HTTP: a client over its rate gets 429 with `Retry-After` and a problem
//! body, counted per caller (by verified token) or per address.

use crate::helpers::{Backend, TestServer, token};
use crate::on_both_backends;

fn a_client_over_its_rate_gets_429_with_retry_after(backend: Backend) {
    let server = TestServer::start_with(
        backend,
        &[
            ("DXP_RATE_LIMIT_PER_SECOND", "1"),
            ("DXP_RATE_LIMIT_BURST", "5"),
        ],
    );
    let statuses: Vec<u16> = (0..6)
        .map(|_| server.get("/health", None).status().as_u16())
        .collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
    let refused = server.get("/health", None);
    assert_eq!(refused.status().as_u16(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((0..=2).contains(&wait), "{wait}");
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    assert!(refused.headers().contains_key("x-request-id"));
    let problem: serde_json::Value = refused.json().expect("problem");
    assert_eq!(problem["type"], "urn:dxp:problem:too-many-requests");
    assert_eq!(problem["status"], 429);
    assert!(
        problem["instance"]
            .as_str()
            .is_some_and(|i| i.starts_with("urn:dxp:request:"))
    );

    // A caller with a valid token is counted on its own, not against the address.
    let caller = token(6004, "teo-viewer");
    let response = server.get("/api/v1/rounds?year=2026", Some(&caller));
    assert_eq!(response.status().as_u16(), 200);
}

on_both_backends!(a_client_over_its_rate_gets_429_with_retry_after);

/// A client that opens a connection and sends its request head slowly is answered 408 and cut
/// off, instead of holding the connection.
fn a_slow_client_is_cut_off(backend: Backend) {
    use std::io::{Read, Write};
    let server = TestServer::start(backend);
    let address = server
        .url("")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("timeout");
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .expect("partial head");
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
}

/// A record nested deeper than the parser takes (128 levels) is that record's problem (LR-001,
/// naming the limit), not a crash, a 500 or a stack overflow.
fn deeply_nested_json_is_a_bad_request(backend: Backend) {
    let server = TestServer::start(backend);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let body = format!("{{\"records\":[{deep}]}}");
    let response = server
        .client()
        .post(server.url("/api/v1/validation/learners"))
        .bearer_auth(token(6004, "teo-viewer"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .expect("POST");
    let status = response.status().as_u16();
    assert_eq!(status, 200);
    let report: serde_json::Value = response.json().expect("report");
    assert_eq!(report["errorCount"], 1, "{report}");
    assert_eq!(report["problems"][0]["rule"], "LR-001");
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("recursion limit")),
        "{report}"
    );
    assert_eq!(
        server.get("/health", None).status().as_u16(),
        200,
        "the server is still up"
    );
}

on_both_backends!(
    a_slow_client_is_cut_off,
    deeply_nested_json_is_a_bad_request
);

/// A CSV file over its own limit is refused whole (413, nothing stored) while a JSON body of the
/// same size, under the body limit, is taken.
fn a_csv_file_over_the_file_limit_gets_413_and_stores_nothing(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_MAX_FILE_BYTES", "2000")]);
    let teo = crate::client::Teo::new(&server, crate::client::ORG);
    let id = teo.open("2026-APR");
    let learners = dxp_domain::testkit::valid_return(51, 10).learners;
    let json = teo.upload_file(&id, dxp_domain::SdrFile::Learners, &learners);
    assert_eq!(
        json.status().as_u16(),
        200,
        "a JSON body is under the body limit"
    );
    let mut csv = String::from("localId,studentIdentificationCode,gender\n");
    for row in 0..200 {
        csv.push_str(&format!("CSV-{row},S{row:07},F\n"));
    }
    assert!(csv.len() > 2000);
    let response = server
        .client()
        .post(server.url(&format!("/api/v1/submissions/{id}/learners")))
        .bearer_auth(&teo.token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .expect("POST CSV");
    assert_eq!(response.status().as_u16(), 413);
    let problem: serde_json::Value = response.json().expect("problem");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("the CSV file is larger than the limit of 2000 bytes"),
        "{problem}"
    );
    assert_eq!(teo.submission(&id)["recordCounts"]["learners"], 10);
}

/// A documented path asked with a method it does not take is 405 with `Allow`; an unknown path
/// stays 404.
fn a_known_path_with_another_method_is_405_with_allow(backend: Backend) {
    let server = TestServer::start(backend);
    let response = server
        .client()
        .put(server.url("/api/v1/submissions"))
        .bearer_auth(token(6004, "teo-submitter"))
        .send()
        .expect("PUT");
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "GET, POST");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: serde_json::Value = response.json().expect("problem");
    assert_eq!(problem["type"], "urn:dxp:problem:method-not-allowed");
    let trace = server
        .client()
        .request(
            reqwest::Method::TRACE,
            server.url("/api/v1/submissions/0b4f6c1e-8d1a-4c55-9e0e-2f7d7c3b9a10/learners"),
        )
        .send()
        .expect("TRACE");
    assert_eq!(trace.status().as_u16(), 405);
    assert_eq!(trace.headers()["allow"], "GET, POST");
    assert_eq!(
        server.get("/api/v1/nothing-here", None).status().as_u16(),
        404
    );
}

on_both_backends!(
    a_csv_file_over_the_file_limit_gets_413_and_stores_nothing,
    a_known_path_with_another_method_is_405_with_allow,
);
