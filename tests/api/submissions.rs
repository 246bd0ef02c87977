//! The submission lifecycle over HTTP: Draft → Queued → Validating → Processed | Rejected →
//! Submitted, records replaced by localId, idempotent retries, illegal transitions as 409s.

use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::{ORG, Teo};
use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok};
use crate::on_both_backends;

fn statuses(submission: &Value) -> Vec<String> {
    submission["statusHistory"]
        .as_array()
        .expect("history")
        .iter()
        .map(|change| change["to"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn a_clean_return_goes_draft_processed_submitted(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let records = testkit::valid_return(1, 10);
    teo.upload_return(&id, &records);
    let draft = teo.submission(&id);
    assert_eq!(draft["status"], "Draft");
    assert_eq!(
        draft["recordCounts"]["courseEnrolments"],
        records.course_enrolments.len()
    );
    assert_eq!(draft["recordCounts"]["learners"], 10);
    assert_eq!(draft["maxRecordsPerRequest"], 10_000);

    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Processed", "{verdict}");
    assert_eq!(verdict["errorCount"], 0);
    let submitted = json_ok(teo.lodge(&id));
    assert_eq!(submitted["status"], "Submitted");
    assert!(submitted["submittedAt"].is_string());
    assert_eq!(
        statuses(&submitted),
        ["Draft", "Queued", "Validating", "Processed", "Submitted"]
    );
    let history = submitted["statusHistory"].as_array().expect("history");
    assert_eq!(history[1]["actor"], "test-user");
    assert_eq!(history[2]["actor"], "system");

    // The audit log has every transition with who and why.
    let audit = json_ok(server.get(
        &format!("/api/v1/audit-events?subject={id}"),
        Some(&admin_token()),
    ));
    let events = audit["results"].as_array().expect("events");
    assert_eq!(events.len(), 5, "one event per transition: {audit}");
    assert!(
        events
            .iter()
            .all(|e| e["organisation"] == ORG && e["reason"].is_string())
    );
}

fn a_rejected_return_is_fixed_and_processed(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-AUG");
    let records = testkit::valid_return(2, 8);
    teo.upload_return(&id, &records);
    // One enrolment loses a month of its eftsByMonth: a record rule (CE-021) breaks.
    let mut defective: Value = serde_json::from_str(&records.course_enrolments[3]).expect("JSON");
    let original = defective.clone();
    defective["eftsByMonth"]
        .as_array_mut()
        .expect("array")
        .pop();
    let upload = teo.upload(&id, &[defective.to_string()]);
    assert_eq!(upload["errorCount"], 1, "{upload}");
    assert_eq!(upload["problems"][0]["rule"], "CE-021");

    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Rejected", "{verdict}");
    assert_eq!(verdict["errorCount"], 1);

    let page = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems?severity=error")));
    let problem = &page["results"][0];
    assert_eq!(problem["localId"], defective["localId"]);
    assert_eq!(
        problem["studentIdentificationCode"],
        defective["studentIdentificationCode"]
    );
    assert_eq!(problem["rule"], "CE-021");
    assert_eq!(problem["file"], "course-enrolments");

    let csv = teo
        .server
        .client()
        .get(server.url(&format!("/api/v1/submissions/{id}/problems")))
        .bearer_auth(&teo.token)
        .header("accept", "text/csv")
        .send()
        .expect("GET CSV");
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().expect("CSV");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file,localId,studentIdentificationCode,field,rule,severity,message")
    );
    let row = lines
        .find(|line| line.contains("CE-021"))
        .expect("the CE-021 row");
    assert!(
        row.starts_with(&format!(
            "course-enrolments,{},{},eftsByMonth,CE-021,error,",
            defective["localId"].as_str().unwrap_or_default(),
            defective["studentIdentificationCode"]
                .as_str()
                .unwrap_or_default(),
        )),
        "{row}"
    );

    // Replacing the bad record by its localId returns the submission to Draft.
    let upload = teo.upload(&id, &[original.to_string()]);
    assert_eq!(upload["status"], "Draft");
    assert_eq!(teo.submission(&id)["errorCount"], 0);
    assert_eq!(teo.validate(&id)["status"], "Processed");
}

fn resending_a_batch_changes_nothing(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let records = testkit::valid_return(3, 6);
    teo.upload_return(&id, &records);
    assert_eq!(teo.validate(&id)["status"], "Processed");
    let again = teo.upload(&id, &records.course_enrolments);
    let count = records.course_enrolments.len() as u64;
    assert_eq!(
        (again["stored"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(count))
    );
    assert_eq!(
        again["status"], "Processed",
        "an unchanged batch keeps the verdict"
    );
    let submission = teo.submission(&id);
    assert_eq!(submission["recordCounts"]["courseEnrolments"], count);
    assert_eq!(
        statuses(&submission),
        ["Draft", "Queued", "Validating", "Processed"]
    );
}

fn idempotency_keys_replay_the_first_answer(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let send = |records: &[String], key: &str| {
        server
            .client()
            .post(server.url(&format!("/api/v1/submissions/{id}/course-enrolments")))
            .bearer_auth(&teo.token)
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(format!("{{\"records\":[{}]}}", records.join(",")))
            .send()
            .expect("POST")
    };
    let records = testkit::valid_records(5);
    let first = send(&records, "key-1");
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().expect("JSON");
    assert_eq!(first["stored"], 5);
    let retry = send(&records, "key-1");
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(
        retry.json::<Value>().expect("JSON"),
        first,
        "a retry gets the first answer"
    );
    let other = send(&testkit::valid_records(6), "key-1");
    let problem = expect_problem(other, 422);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("different request")
    );
}

fn illegal_transitions_are_409s_that_say_why(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");

    let problem = expect_problem(
        teo.post(&format!("/api/v1/submissions/{id}/validate"), &json!({})),
        422,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("no records"),
        "{problem}"
    );
    teo.upload_return(&id, &testkit::valid_return(4, 3));
    let problem = expect_problem(
        teo.post(&format!("/api/v1/submissions/{id}/submit"), &json!({})),
        409,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("only a Processed submission"),
        "{problem}"
    );

    teo.validate(&id);
    json_ok(teo.lodge(&id));
    for (path, body) in [
        (format!("/api/v1/submissions/{id}/submit"), json!({})),
        (format!("/api/v1/submissions/{id}/validate"), json!({})),
        (
            format!("/api/v1/submissions/{id}/cancel"),
            json!({"reason": "too late"}),
        ),
    ] {
        let problem = expect_problem(teo.post(&path, &body), 409);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("has been submitted"),
            "{problem}"
        );
    }
    let problem = expect_problem(teo.upload_raw(&id, &testkit::valid_records(1)), 409);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("can no longer change")
    );
    let delete = server
        .client()
        .delete(server.url(&format!(
            "/api/v1/submissions/{id}/course-enrolments/anything"
        )))
        .bearer_auth(&teo.token)
        .send()
        .expect("DELETE");
    expect_problem(delete, 409);

    let cancelled_id = teo.open("2026-APR");
    // A reason longer than the audit log keeps, or a body that is not JSON, is refused whole.
    let too_long = expect_problem(
        teo.post(
            &format!("/api/v1/submissions/{cancelled_id}/cancel"),
            &json!({"reason": "x".repeat(501)}),
        ),
        400,
    );
    assert!(
        too_long["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("501 characters"),
        "{too_long}"
    );
    let not_json = teo
        .server
        .client()
        .post(
            teo.server
                .url(&format!("/api/v1/submissions/{cancelled_id}/cancel")),
        )
        .bearer_auth(&teo.token)
        .header("content-type", "application/json")
        .body("reason: duplicate")
        .send()
        .expect("POST");
    expect_problem(not_json, 400);
    assert_eq!(teo.submission(&cancelled_id)["status"], "Draft");
    let cancelled = json_ok(teo.post(
        &format!("/api/v1/submissions/{cancelled_id}/cancel"),
        &json!({"reason": "duplicate"}),
    ));
    assert_eq!(cancelled["status"], "Cancelled");
    assert_eq!(cancelled["statusHistory"][1]["reason"], "duplicate");
    let problem = expect_problem(
        teo.upload_raw(&cancelled_id, &testkit::valid_records(1)),
        409,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("cancelled")
    );
}

fn a_later_submitted_return_supersedes_the_earlier(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let processed = || {
        let id = teo.open("2026-AUG");
        teo.upload_return(&id, &testkit::valid_return(5, 3));
        assert_eq!(teo.validate(&id)["status"], "Processed");
        id
    };
    let first = processed();
    json_ok(teo.lodge(&first));
    // An August resubmission needs the funder's approval: a Stop Gate lift.
    let second = processed();
    let lift = teo.server.client()
        .post(server.url("/api/v1/rounds/2026-AUG/stop-gate-lifts"))
        .bearer_auth(admin_token())
        .json(&json!({"organisation": ORG, "dueAt": "2026-08-14T17:00:00+12:00", "reason": "approved"}))
        .send()
        .expect("POST lift");
    assert_eq!(lift.status().as_u16(), 201);
    let lodged = json_ok(teo.lodge(&second));
    assert_eq!(lodged["late"], true);
    assert_eq!(teo.submission(&first)["status"], "Superseded");
    assert_eq!(teo.submission(&second)["status"], "Submitted");
    let listed = json_ok(teo.get("/api/v1/submissions?round=2026-AUG&status=Superseded"));
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["results"][0]["id"], first.as_str());
}

fn the_same_enrolment_twice_is_rejected_across_records(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let records = testkit::valid_return(6, 4);
    teo.upload_return(&id, &records);
    let original: Value = serde_json::from_str(&records.course_enrolments[0]).expect("JSON");
    let mut twin = original.clone();
    twin["localId"] = json!("twin-of-1");
    // The request's report already names the twin; the stored submission learns it when the
    // rules across records run on the whole submission.
    let upload = teo.upload(&id, &[original.to_string(), twin.to_string()]);
    assert_eq!(upload["errorCount"], 1, "{upload}");
    assert_eq!(
        teo.submission(&id)["errorCount"],
        0,
        "each record is fine on its own"
    );
    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Rejected");
    assert_eq!(verdict["errorCount"], 1, "the twin is counted once");
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems")));
    let problem = &problems["results"][0];
    assert_eq!(problem["localId"], "twin-of-1");
    let message = problem["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(original["localId"].as_str().unwrap_or("?")),
        "{message}"
    );

    // Deleting the twin fixes it.
    let delete = server
        .client()
        .delete(server.url(&format!(
            "/api/v1/submissions/{id}/course-enrolments/twin-of-1"
        )))
        .bearer_auth(&teo.token)
        .send()
        .expect("DELETE");
    let status = delete.status().as_u16();
    assert_eq!(status, 204, "{}", delete.text().unwrap_or_default());
    // The submission's count loses the twin's problem with the twin, before any validation.
    assert_eq!(teo.submission(&id)["errorCount"], 0);
    assert_eq!(teo.validate(&id)["status"], "Processed");
}

/// The record counts and error counts stay right through additions, replacements, repeats
/// within a request, deletions, and requests whose records are partly stored already (which
/// PostgreSQL first tries to COPY, then upserts).
fn counts_follow_every_kind_of_change(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let enrolment = |n: u64| testkit::valid_json(n);
    let counts = |teo: &Teo| {
        let submission = teo.submission(&id);
        (
            submission["recordCounts"]["courseEnrolments"].as_u64(),
            submission["errorCount"].as_u64(),
        )
    };
    let mut broken: Value = serde_json::from_str(&enrolment(3)).expect("JSON");
    broken.as_object_mut().expect("object").remove("courseCode");
    let first: Vec<String> = vec![
        enrolment(0),
        enrolment(1),
        enrolment(2),
        broken.to_string(),
        enrolment(4),
    ];
    let report = teo.upload(&id, &first);
    assert_eq!(report["stored"], 5);
    assert_eq!(
        counts(&teo),
        (Some(5), Some(1)),
        "one record lacks courseCode"
    );

    // Record 3 fixed, record 2 re-sent, record 5 new, record 6 twice (the last one kept).
    // The same record laid out another way is another text: it replaces the stored one.
    let six: Value = serde_json::from_str(&enrolment(6)).expect("JSON");
    let second = vec![
        enrolment(3),
        enrolment(2),
        enrolment(5),
        enrolment(6),
        serde_json::to_string_pretty(&six).expect("JSON"),
    ];
    let report = teo.upload(&id, &second);
    assert_eq!(
        (report["stored"].as_u64(), report["unchanged"].as_u64()),
        (Some(3), Some(1)),
        "{report}"
    );
    assert_eq!(
        counts(&teo),
        (Some(7), Some(0)),
        "the fixed record's old problem is gone"
    );

    // A request past one chunk whose second chunk meets stored records.
    let mut third: Vec<String> = (1_000..6_000).map(enrolment).collect();
    third.extend((0..7).map(enrolment));
    third.extend((6_000..6_500).map(enrolment));
    let report = teo.upload(&id, &third);
    assert_eq!(
        (report["stored"].as_u64(), report["unchanged"].as_u64()),
        (Some(5_501), Some(6)),
        "record 6 was stored laid out another way: {}",
        report["unchanged"]
    );
    assert_eq!(counts(&teo), (Some(7 + 5_500), Some(0)));

    let delete = server
        .client()
        .delete(server.url(&format!(
            "/api/v1/submissions/{id}/course-enrolments/{}",
            testkit::valid_enrolment(6_499).local_id
        )))
        .bearer_auth(&teo.token)
        .send()
        .expect("DELETE");
    assert_eq!(delete.status().as_u16(), 204);
    assert_eq!(counts(&teo), (Some(7 + 5_499), Some(0)));
}

/// An upload is written in parts while the rest of it is checked: a record repeated across its
/// parts is still found by the rules across records, and the last of the two is what is kept,
/// with its own problems.
fn a_record_repeated_across_a_request_s_parts_is_found_and_the_last_one_kept(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let mut records: Vec<String> = (0..1_000).map(testkit::valid_json).collect();
    let mut broken: Value = serde_json::from_str(&records[0]).expect("JSON");
    broken.as_object_mut().expect("object").remove("courseCode");
    records.push(broken.to_string());
    let report = teo.upload(&id, &records);
    let fields: Vec<&str> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|problem| problem["field"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(fields, ["courseCode", "localId"], "{report}");
    assert_eq!(report["problems"][1]["index"], 1_000, "{report}");
    let submission = teo.submission(&id);
    assert_eq!(submission["recordCounts"]["courseEnrolments"], 1_000);
    assert_eq!(
        submission["errorCount"], 1,
        "only the kept record's own problem is stored"
    );
    // The repeated record's localId comes first in localId order.
    let page = json_ok(teo.get(&format!(
        "/api/v1/submissions/{id}/course-enrolments?limit=1"
    )));
    let kept = &page["results"][0];
    assert_eq!(kept["localId"], testkit::valid_enrolment(0).local_id);
    assert!(kept.get("courseCode").is_none(), "{kept}");
}

fn paging_walks_every_submission_once(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let mut opened: Vec<String> = (0..5).map(|_| teo.open("2026-APR")).collect();
    let mut seen = Vec::new();
    let mut path = "/api/v1/submissions?limit=2".to_owned();
    loop {
        let page = json_ok(teo.get(&path));
        seen.extend(
            page["results"]
                .as_array()
                .expect("results")
                .iter()
                .map(|s| s["id"].as_str().unwrap_or("").to_owned()),
        );
        match page["nextCursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/submissions?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    opened.reverse();
    assert_eq!(seen, opened, "newest first, each once");
    expect_problem(teo.get("/api/v1/submissions?cursor=garbage"), 400);
}

on_both_backends!(
    a_clean_return_goes_draft_processed_submitted,
    a_rejected_return_is_fixed_and_processed,
    resending_a_batch_changes_nothing,
    idempotency_keys_replay_the_first_answer,
    illegal_transitions_are_409s_that_say_why,
    a_later_submitted_return_supersedes_the_earlier,
    the_same_enrolment_twice_is_rejected_across_records,
    counts_follow_every_kind_of_change,
    a_record_repeated_across_a_request_s_parts_is_found_and_the_last_one_kept,
    paging_walks_every_submission_once,
);
