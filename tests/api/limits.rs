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
