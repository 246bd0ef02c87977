//! Webhooks through the server on both backends, with a real receiver (`webhook_receiver`): a
//! rejected return is POSTed to the organisation's webhook for that kind, signed so that the
//! receiver verifies it with the secret it was given; a receiver that fails is tried again and
//! both answers are logged; a replay sends it again with a fresh signature; no other webhook,
//! organisation or kind hears of it; and bad subscriptions are refused in plain words.

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::client::Teo;
use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok, token};
use crate::on_both_backends;
use crate::webhook_receiver::{Received, Receiver};

/// What a test node needs: the receivers are plain HTTP on this machine, and a failed delivery
/// is tried again after a second.
const LOCAL: [(&str, &str); 2] = [
    ("DXP_WEBHOOK_ALLOW_LOCAL", "true"),
    ("DXP_WEBHOOK_RETRY_SECONDS", "1"),
];

fn post(server: &TestServer, path: &str, token: &str, body: &Value) -> reqwest::blocking::Response {
    server
        .client()
        .post(server.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .expect("POST")
}

fn post_empty(server: &TestServer, path: &str, token: &str) -> reqwest::blocking::Response {
    server
        .client()
        .post(server.url(path))
        .bearer_auth(token)
        .send()
        .expect("POST")
}

fn get(server: &TestServer, path: &str, token: &str) -> reqwest::blocking::Response {
    server.get(path, Some(token))
}

/// Subscribes `url` of the token's organisation to `kinds`; answers the webhook with its
/// secret.
fn subscribe(server: &TestServer, token: &str, url: &str, kinds: &[&str]) -> Value {
    let response = post(
        server,
        "/api/v1/webhooks",
        token,
        &json!({"url": url, "eventTypes": kinds}),
    );
    assert_eq!(response.status().as_u16(), 201, "subscribed");
    let location = response
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let webhook = json_ok(response);
    assert_eq!(
        location,
        format!("/api/v1/webhooks/{}", webhook["id"].as_str().expect("id"))
    );
    webhook
}

/// The organisation's April return, validated with a learner whose gender is wrong: Rejected.
/// Returns the submission's id.
fn a_rejected_return(server: &TestServer, organisation: i64) -> String {
    let teo = Teo::new(server, organisation);
    let id = teo.open("2026-APR");
    let sample: Value =
        serde_json::from_str(include_str!("../../examples/data/json/learners.json"))
            .expect("sample");
    let mut learner = sample["records"][0].clone();
    learner["gender"] = json!("X");
    teo.upload(&id, &[learner.to_string()]);
    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Rejected", "{verdict}");
    id
}

/// The hex HMAC-SHA256 of `content` keyed with `secret`, as a receiver computes it.
fn hmac_hex(secret: &str, content: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC key");
    mac.update(content.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// What a receiver does with a request: checks that its timestamp is recent (within five
/// minutes) and that its signature is the HMAC-SHA256 of `{timestamp}.{body}` keyed with the
/// secret. Answers the body, read.
fn verify(request: &Received, secret: &str) -> Value {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/hooks/dxp");
    assert_eq!(request.header("content-type"), "application/json");
    let timestamp: i64 = request
        .header("dxp-webhook-timestamp")
        .parse()
        .expect("a timestamp in seconds");
    let now = chrono::Utc::now().timestamp();
    assert!(
        (now - timestamp).abs() <= 300,
        "the timestamp {timestamp} is not within five minutes of {now}"
    );
    let expected = hmac_hex(secret, &format!("{timestamp}.{}", request.body));
    assert_eq!(
        request.header("dxp-webhook-signature"),
        format!("v1={expected}"),
        "the signature verifies with the secret"
    );
    let body: Value = serde_json::from_str(&request.body).expect("a JSON body");
    assert_eq!(body["id"], request.header("dxp-webhook-id"));
    body
}

fn deliveries(server: &TestServer, webhook: &str, token: &str) -> Vec<Value> {
    let list = json_ok(get(
        server,
        &format!("/api/v1/webhooks/{webhook}/deliveries"),
        token,
    ));
    list["results"].as_array().expect("deliveries").clone()
}

/// Waits until the webhook's newest delivery is `status`, and returns it.
fn wait_for_status(server: &TestServer, webhook: &str, token: &str, status: &str) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let newest = deliveries(server, webhook, token)
            .first()
            .cloned()
            .unwrap_or(Value::Null);
        if newest["status"] == status {
            return newest;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the delivery is not {status}: {newest}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn a_rejected_return_is_delivered_signed_and_verifies_with_its_secret(backend: Backend) {
    let server = TestServer::start_with(backend, &LOCAL);
    let (receiver, other_kinds, other_organisation) =
        (Receiver::start(), Receiver::start(), Receiver::start());
    let submitter = token(6004, "teo-submitter");
    let webhook = subscribe(
        &server,
        &submitter,
        &receiver.url(),
        &["submission-rejected", "submission-processed"],
    );
    let secret = webhook["secret"].as_str().expect("the secret").to_owned();
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_eq!(webhook["organisation"], 6004);
    assert_eq!(
        webhook["eventTypes"],
        json!(["submission-processed", "submission-rejected"])
    );
    let id = webhook["id"].as_str().expect("id").to_owned();
    subscribe(
        &server,
        &submitter,
        &other_kinds.url(),
        &["stop-gate-lifted"],
    );
    let theirs = subscribe(
        &server,
        &token(6005, "teo-submitter"),
        &other_organisation.url(),
        &["submission-rejected"],
    );
    let theirs = theirs["id"].as_str().expect("id").to_owned();

    let submission = a_rejected_return(&server, 6004);

    let requests = receiver.wait_for(1, Duration::from_secs(30));
    assert_eq!(requests.len(), 1, "{requests:?}");
    let body = verify(&requests[0], &secret);
    assert_eq!(body["type"], "submission-rejected");
    assert_eq!(body["organisation"], 6004);
    assert_eq!(
        body["data"]["link"],
        format!("/data-submissions/{submission}")
    );
    assert_eq!(
        body["data"]["title"],
        "Your 2026-APR return has errors to fix"
    );
    chrono::DateTime::parse_from_rfc3339(body["occurredAt"].as_str().expect("occurredAt"))
        .expect("occurredAt is RFC 3339");

    // The log: delivered at the first attempt, with the receiver's answer.
    let delivered = wait_for_status(&server, &id, &submitter, "delivered");
    assert_eq!(delivered["id"], body["id"]);
    assert_eq!(delivered["eventType"], "submission-rejected");
    assert_eq!(delivered["body"], body);
    assert_eq!(delivered["attemptCount"], 1);
    assert_eq!(delivered["attempts"][0]["statusCode"], 200);
    assert_eq!(delivered["attempts"][0]["response"], "answer 200");
    assert_eq!(delivered["attempts"][0]["error"], Value::Null);

    // Replayed: sent again with the same id and body, a new timestamp and signature.
    std::thread::sleep(Duration::from_millis(1100));
    let delivery = delivered["id"].as_str().expect("delivery id");
    let replay_path = format!("/api/v1/webhooks/{id}/deliveries/{delivery}/replay");
    let replayed = post_empty(&server, &replay_path, &submitter);
    assert_eq!(replayed.status().as_u16(), 202);
    let replayed = json_ok(replayed);
    assert_eq!(replayed["replays"], 1);
    let requests = receiver.wait_for(2, Duration::from_secs(30));
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(verify(&requests[1], &secret), body);
    assert_eq!(requests[1].body, requests[0].body);
    assert_ne!(
        requests[1].header("dxp-webhook-signature"),
        requests[0].header("dxp-webhook-signature"),
        "a fresh signature"
    );
    let again = wait_for_status(&server, &id, &submitter, "delivered");
    let replays: Vec<&Value> = again["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|attempt| &attempt["replay"])
        .collect();
    assert_eq!(replays, [&json!(0), &json!(1)]);

    // No other webhook heard of it: not one for other kinds, not another organisation's.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(other_kinds.requests().is_empty(), "another kind");
    assert!(
        other_organisation.requests().is_empty(),
        "another organisation"
    );
    assert_eq!(receiver.requests().len(), 2, "sent once, and once replayed");

    // The secret is never shown again; a viewer reads, but does not replay.
    let viewer = token(6004, "teo-viewer");
    let read = json_ok(get(&server, &format!("/api/v1/webhooks/{id}"), &viewer));
    assert!(read.get("secret").is_none(), "{read}");
    assert_eq!(read["url"], receiver.url());
    let listed = json_ok(get(&server, "/api/v1/webhooks", &viewer));
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(2));
    assert!(
        listed["results"]
            .as_array()
            .expect("webhooks")
            .iter()
            .all(|webhook| webhook.get("secret").is_none())
    );
    expect_problem(post_empty(&server, &replay_path, &viewer), 403);

    // Another organisation can neither see nor replay it: to them it does not exist.
    let stranger = token(6005, "teo-submitter");
    for path in [
        format!("/api/v1/webhooks/{id}"),
        format!("/api/v1/webhooks/{id}/deliveries"),
    ] {
        expect_problem(get(&server, &path, &stranger), 404);
    }
    expect_problem(post_empty(&server, &replay_path, &stranger), 404);
    let wrong_webhook = format!("/api/v1/webhooks/{theirs}/deliveries/{delivery}/replay");
    expect_problem(post_empty(&server, &wrong_webhook, &stranger), 404);
    let deleted = server
        .client()
        .delete(server.url(&format!("/api/v1/webhooks/{id}")))
        .bearer_auth(&stranger)
        .send()
        .expect("DELETE");
    expect_problem(deleted, 404);
    let their_list = json_ok(get(&server, "/api/v1/webhooks", &stranger));
    assert_eq!(their_list["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(their_list["results"][0]["id"], theirs);

    // The funder sees every organisation's, or one's.
    let all = json_ok(get(&server, "/api/v1/webhooks", &admin_token()));
    assert_eq!(all["results"].as_array().map(Vec::len), Some(3));
    let one = json_ok(get(
        &server,
        "/api/v1/webhooks?organisation=6005",
        &admin_token(),
    ));
    assert_eq!(one["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        deliveries(&server, &id, &admin_token()).len(),
        1,
        "the funder reads the log"
    );
}

fn a_receiver_that_fails_is_tried_again_and_both_answers_are_logged(backend: Backend) {
    let server = TestServer::start_with(backend, &LOCAL);
    let receiver = Receiver::answering(&[500, 200]);
    let submitter = token(6004, "teo-submitter");
    let webhook = subscribe(
        &server,
        &submitter,
        &receiver.url(),
        &["submission-rejected"],
    );
    let (id, secret) = (
        webhook["id"].as_str().expect("id").to_owned(),
        webhook["secret"].as_str().expect("secret").to_owned(),
    );
    a_rejected_return(&server, 6004);

    let requests = receiver.wait_for(2, Duration::from_secs(30));
    assert_eq!(requests.len(), 2, "{requests:?}");
    let (first, second) = (verify(&requests[0], &secret), verify(&requests[1], &secret));
    assert_eq!(first, second, "the same delivery");
    let delivered = wait_for_status(&server, &id, &submitter, "delivered");
    assert_eq!(delivered["attemptCount"], 2);
    assert_eq!(delivered["lastStatusCode"], 200);
    let attempts = delivered["attempts"].as_array().expect("attempts");
    assert_eq!(attempts.len(), 2, "{delivered}");
    assert_eq!(attempts[0]["statusCode"], 500);
    assert_eq!(attempts[0]["response"], "answer 500");
    assert_eq!(attempts[0]["error"], "the receiver answered 500");
    assert_eq!(attempts[1]["statusCode"], 200);
    assert_eq!(attempts[1]["error"], Value::Null);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(receiver.requests().len(), 2, "nothing after the 200");
}

fn bad_subscriptions_are_refused_in_plain_words(backend: Backend) {
    // A production node: public https:// URLs only.
    let server = TestServer::start(backend);
    let submitter = token(6004, "teo-submitter");
    let refused = |body: Value| -> String {
        let problem = expect_problem(post(&server, "/api/v1/webhooks", &submitter, &body), 400);
        problem["detail"].as_str().unwrap_or_default().to_owned()
    };
    let ftp = refused(
        json!({"url": "ftp://hooks.example.nz/dxp", "eventTypes": ["submission-rejected"]}),
    );
    assert!(ftp.contains("https://"), "{ftp}");
    let plain =
        refused(json!({"url": "http://127.0.0.1:9/dxp", "eventTypes": ["submission-rejected"]}));
    assert!(plain.contains("https://"), "{plain}");
    let inward =
        refused(json!({"url": "https://10.0.0.1/dxp", "eventTypes": ["submission-rejected"]}));
    assert!(inward.contains("public"), "{inward}");
    let unknown = refused(json!({"url": "https://hooks.example.nz/dxp", "eventTypes": ["memo"]}));
    assert!(
        unknown.contains("'memo'") && unknown.contains("submission-rejected"),
        "{unknown}"
    );
    let none = refused(json!({"url": "https://hooks.example.nz/dxp", "eventTypes": []}));
    assert!(none.contains("at least one"), "{none}");
    refused(json!({"url": "https://hooks.example.nz/dxp"}));

    // A viewer may not subscribe; a TEO may not subscribe for another organisation.
    let viewer = post(
        &server,
        "/api/v1/webhooks",
        &token(6004, "teo-viewer"),
        &json!({"url": "https://hooks.example.nz/dxp", "eventTypes": ["submission-rejected"]}),
    );
    expect_problem(viewer, 403);
    let elsewhere = post(
        &server,
        "/api/v1/webhooks",
        &submitter,
        &json!({"url": "https://hooks.example.nz/dxp", "eventTypes": ["submission-rejected"], "organisation": 6005}),
    );
    expect_problem(elsewhere, 403);

    // Made, its secret rotated (shown once more), deleted: then it is gone.
    let webhook = subscribe(
        &server,
        &submitter,
        "https://hooks.example.nz/dxp",
        &["submission-rejected"],
    );
    let id = webhook["id"].as_str().expect("id");
    let rotated = json_ok(post_empty(
        &server,
        &format!("/api/v1/webhooks/{id}/secret"),
        &submitter,
    ));
    assert!(
        rotated["secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("whsec_"))
    );
    assert_ne!(rotated["secret"], webhook["secret"]);
    assert!(rotated["secretRotatedAt"].is_string());
    let deleted = server
        .client()
        .delete(server.url(&format!("/api/v1/webhooks/{id}")))
        .bearer_auth(&submitter)
        .send()
        .expect("DELETE");
    assert_eq!(deleted.status().as_u16(), 204);
    expect_problem(
        get(&server, &format!("/api/v1/webhooks/{id}"), &submitter),
        404,
    );
    let listed = json_ok(get(&server, "/api/v1/webhooks", &submitter));
    assert_eq!(listed["results"], json!([]));
    // The funder names the organisation it subscribes for.
    let unnamed = post(
        &server,
        "/api/v1/webhooks",
        &admin_token(),
        &json!({"url": "https://hooks.example.nz/dxp", "eventTypes": ["submission-rejected"]}),
    );
    expect_problem(unnamed, 400);
    let named = post(
        &server,
        "/api/v1/webhooks",
        &admin_token(),
        &json!({"url": "https://hooks.example.nz/dxp", "eventTypes": ["submission-rejected"], "organisation": 6005}),
    );
    assert_eq!(json_ok(named)["organisation"], 6005);
}

on_both_backends!(
    a_rejected_return_is_delivered_signed_and_verifies_with_its_secret,
    a_receiver_that_fails_is_tried_again_and_both_answers_are_logged,
    bad_subscriptions_are_refused_in_plain_words,
);
