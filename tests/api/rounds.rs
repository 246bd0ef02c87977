use serde_json::Value;

use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok, token};
use crate::on_both_backends;

fn rounds_of_a_year_come_in_calendar_order(backend: Backend) {
    let server = TestServer::start(backend);
    let body = json_ok(server.get(
        "/api/v1/rounds?year=2026",
        Some(&token(6004, "teo-submitter")),
    ));
    let rounds = body["results"].as_array().expect("results");
    let ids: Vec<&str> = rounds.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["2026-IND", "2026-APR", "2026-AUG", "2026-DEC"]);

    let ind = &rounds[0];
    assert_eq!(ind["returnType"], "Indicative");
    assert_eq!(ind["returnId"], 202603);
    assert_eq!(
        ind["files"],
        serde_json::json!(["learners", "course-enrolments", "courses"])
    );
    // Due 5 pm Friday 6 March 2026, New Zealand daylight time (UTC+13).
    assert_eq!(ind["closeWindowDate"], "2026-03-06T04:00:00Z");

    let april = &rounds[1];
    assert_eq!(april["returnType"], "Full");
    assert_eq!(april["files"].as_array().map(Vec::len), Some(5));
    assert_eq!(april["extractDate"], "2026-04-15");

    let december = &rounds[3];
    assert_eq!(december["returnMonth"], 12);
    // Lodged in January 2027; 31 January 2027 is a Sunday, so it is due Monday 1 February.
    assert_eq!(december["openWindowDate"], "2026-12-31T11:00:00Z");
    assert_eq!(december["closeWindowDate"], "2027-02-01T04:00:00Z");
}

fn last_year_this_year_and_next_are_seeded(backend: Backend) {
    // The server's clock says 20 April 2026: 2025's December round is lodged in January 2026.
    let server = TestServer::start(backend);
    let viewer = token(6004, "teo-viewer");
    let this_year = 2026;
    for year in [this_year - 1, this_year, this_year + 1] {
        let body = json_ok(server.get(&format!("/api/v1/rounds?year={year}"), Some(&viewer)));
        assert_eq!(
            body["results"].as_array().map(Vec::len),
            Some(4),
            "rounds of {year}"
        );
    }
    let all = json_ok(server.get("/api/v1/rounds", Some(&viewer)));
    assert_eq!(all["results"].as_array().map(Vec::len), Some(12));
    let empty = json_ok(server.get(
        &format!("/api/v1/rounds?year={}", this_year + 5),
        Some(&viewer),
    ));
    assert_eq!(empty["results"], serde_json::json!([]));

    // Seeding is recorded in the audit log.
    let audit = json_ok(server.get(
        &format!("/api/v1/audit-events?subject={this_year}-APR"),
        Some(&admin_token()),
    ));
    let events = audit["results"].as_array().expect("results");
    assert_eq!(events.len(), 1, "{audit}");
    assert_eq!(events[0]["action"], "round.created");
    assert_eq!(events[0]["actor"], "system");
}

fn bad_years_are_clear_400s(backend: Backend) {
    let server = TestServer::start(backend);
    let viewer = token(6004, "teo-viewer");
    let body = expect_problem(server.get("/api/v1/rounds?year=1999", Some(&viewer)), 400);
    assert!(
        body["detail"].as_str().unwrap_or_default().contains("1999"),
        "{body}"
    );
    let body: Value = expect_problem(server.get("/api/v1/rounds?year=twenty", Some(&viewer)), 400);
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("query"),
        "{body}"
    );
}

/// Sends `body` as the funder, with `method`.
fn as_funder(
    server: &TestServer,
    method: reqwest::Method,
    path: &str,
    body: &Value,
) -> reqwest::blocking::Response {
    server
        .client()
        .request(method, server.url(path))
        .bearer_auth(admin_token())
        .json(body)
        .send()
        .expect("request")
}

/// The `detail` of a problem answered with `status`.
fn refused(response: reqwest::blocking::Response, status: u16) -> String {
    expect_problem(response, status)["detail"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn request_bodies_that_break_their_limits_are_refused_naming_the_field(backend: Backend) {
    let server = TestServer::start(backend);
    let lifts = "/api/v1/rounds/2026-APR/stop-gate-lifts";
    let lift = |organisation: i64, reason: &str| {
        serde_json::json!({
            "organisation": organisation,
            "dueAt": "2026-05-08T17:00:00+12:00",
            "reason": reason,
        })
    };
    let post = reqwest::Method::POST;
    assert_eq!(
        refused(
            as_funder(&server, post.clone(), lifts, &lift(0, "asked")),
            400
        ),
        "organisation: 0 is outside 1 to 9999"
    );
    assert_eq!(
        refused(
            as_funder(&server, post.clone(), lifts, &lift(6004, &"x".repeat(501))),
            400
        ),
        "reason: 501 characters is more than the 500 allowed"
    );
    assert_eq!(
        refused(
            as_funder(&server, post.clone(), lifts, &lift(6004, "")),
            400
        ),
        "reason: 0 characters is fewer than the 1 required; \
         reason: say why the lift is granted; blanks alone say nothing"
    );
    let blank = refused(
        as_funder(&server, post.clone(), lifts, &lift(6004, "   ")),
        400,
    );
    assert!(blank.starts_with("reason: say why"), "{blank}");

    // A window that closes before it opens does not make a round, new or changed (422).
    let backwards = serde_json::json!({
        "opensAt": "2026-06-12T17:00:00+12:00",
        "closesAt": "2026-06-01T00:00:00+12:00",
    });
    let changed = refused(
        as_funder(
            &server,
            reqwest::Method::PATCH,
            "/api/v1/rounds/2026-APR",
            &serde_json::json!({"resubmissionWindow": backwards}),
        ),
        422,
    );
    assert_eq!(
        changed,
        "resubmissionWindow: opensAt 2026-06-12T05:00:00+00:00 is not before closesAt 2026-05-31T12:00:00+00:00"
    );
    let created = refused(
        as_funder(
            &server,
            post,
            "/api/v1/rounds",
            &serde_json::json!({"id": "2031-APR", "resubmissionWindow": backwards}),
        ),
        422,
    );
    assert!(created.starts_with("resubmissionWindow: "), "{created}");
}

on_both_backends!(
    rounds_of_a_year_come_in_calendar_order,
    last_year_this_year_and_next_are_seeded,
    bad_years_are_clear_400s,
    request_bodies_that_break_their_limits_are_refused_naming_the_field
);
