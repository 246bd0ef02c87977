//! People, their notices and the email those become, through the server on both backends, with
//! a real SMTP exchange (`smtp_sink`): a rejected return is emailed to exactly the people of
//! its organisation who want that kind, everyone of the organisation sees it in the portal, no
//! one else hears of it, and mail waits while the SMTP server is down and goes once, when it is
//! back.

use std::time::Duration;

use serde_json::{Value, json};

use crate::client::Teo;
use crate::helpers::{Backend, TestServer, expect_problem, json_ok, person_token, token};
use crate::on_both_backends;
use crate::smtp_sink::{self, SmtpSink};

const ANA: (&str, i64, &str, &str) = ("ana", 6004, "teo-submitter", "ana@teo.test");
const BEN: (&str, i64, &str, &str) = ("ben", 6004, "teo-viewer", "ben@teo.test");
const CAI: (&str, i64, &str, &str) = ("cai", 6005, "teo-submitter", "cai@other.test");

fn token_of(person: (&str, i64, &str, &str)) -> String {
    person_token(person.0, person.1, person.2, person.3)
}

fn get(server: &TestServer, path: &str, token: &str) -> reqwest::blocking::Response {
    server
        .client()
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .expect("GET")
}

fn put(server: &TestServer, path: &str, token: &str, body: &Value) -> reqwest::blocking::Response {
    server
        .client()
        .put(server.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .expect("PUT")
}

/// The person signs in: DXP knows them from then on.
fn signs_in(server: &TestServer, person: (&str, i64, &str, &str)) -> Value {
    json_ok(get(server, "/api/v1/me", &token_of(person)))
}

/// Ana's organisation's April return, validated with a learner whose gender is wrong:
/// Rejected. Returns the submission's id.
fn a_rejected_return(server: &TestServer) -> String {
    let teo = Teo {
        server,
        token: token_of(ANA),
    };
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

fn notices(server: &TestServer, person: (&str, i64, &str, &str)) -> Value {
    json_ok(get(server, "/api/v1/me/notices", &token_of(person)))
}

fn a_rejected_return_is_emailed_to_those_who_want_it_and_no_one_else(backend: Backend) {
    let sink = SmtpSink::start();
    let server = TestServer::start_with(
        backend,
        &[
            ("DXP_SMTP_URL", &sink.url()),
            ("DXP_PORTAL_URL", "https://dxp.test"),
            ("DXP_SMTP_RETRY_SECONDS", "1"),
        ],
    );
    let ana = signs_in(&server, ANA);
    assert_eq!(ana["email"], "ana@teo.test");
    assert_eq!(ana["organisation"], 6004);
    signs_in(&server, BEN);
    signs_in(&server, CAI);
    // Ben still sees rejections in the portal, but is not emailed them.
    let chosen = json_ok(put(
        &server,
        "/api/v1/me/email-preferences",
        &token_of(BEN),
        &json!({"choices": [{"kind": "submission-rejected", "emailed": false}]}),
    ));
    let rejected = chosen
        .as_array()
        .expect("choices")
        .iter()
        .find(|choice| choice["kind"] == "submission-rejected")
        .expect("the kind");
    assert_eq!(rejected["emailed"], false);

    let id = a_rejected_return(&server);

    let mail = sink.wait_for(1, Duration::from_secs(20));
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].to, ["ana@teo.test"]);
    assert_eq!(
        mail[0].header("Subject").as_deref(),
        Some("Your 2026-APR return has errors to fix")
    );
    assert!(
        mail[0].content.contains("has 1 error") || mail[0].content.contains("errors ("),
        "{}",
        mail[0].content
    );
    assert!(
        mail[0]
            .content
            .contains(&format!("https://dxp.test/submissions/{id}")),
        "{}",
        mail[0].content
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(sink.messages().len(), 1, "no one else is emailed");

    // Everyone of the organisation sees it in the portal; the other organisation does not.
    for person in [ANA, BEN] {
        let list = notices(&server, person);
        assert_eq!(list["unreadCount"], 1, "{list}");
        assert_eq!(list["notices"][0]["kind"], "submission-rejected");
        assert_eq!(list["notices"][0]["link"], format!("/submissions/{id}"));
    }
    let other = notices(&server, CAI);
    assert_eq!(other["notices"], json!([]));
    assert_eq!(other["unreadCount"], 0);

    // A notice is read by its person only.
    let bens = notices(&server, BEN)["notices"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let read_by_cai = server
        .client()
        .post(server.url(&format!("/api/v1/me/notices/{bens}/read")))
        .bearer_auth(token_of(CAI))
        .send()
        .expect("POST");
    expect_problem(read_by_cai, 404);
    let read = server
        .client()
        .post(server.url(&format!("/api/v1/me/notices/{bens}/read")))
        .bearer_auth(token_of(BEN))
        .send()
        .expect("POST");
    assert_eq!(read.status().as_u16(), 204);
    assert_eq!(notices(&server, BEN)["unreadCount"], 0);
    assert_eq!(notices(&server, ANA)["unreadCount"], 1, "Ana's is her own");
}

fn mail_waits_while_smtp_is_down_and_goes_once_it_is_back(backend: Backend) {
    let port = smtp_sink::free_port();
    let server = TestServer::start_with(
        backend,
        &[
            ("DXP_SMTP_URL", &format!("smtp://127.0.0.1:{port}")),
            ("DXP_SMTP_RETRY_SECONDS", "1"),
        ],
    );
    signs_in(&server, ANA);
    a_rejected_return(&server);
    // The SMTP server is down for a while: the mailer fails and keeps the message.
    std::thread::sleep(Duration::from_millis(2500));
    let sink = SmtpSink::start_on(port);
    let mail = sink.wait_for(1, Duration::from_secs(30));
    assert_eq!(mail.len(), 1, "the message went once SMTP was back");
    assert_eq!(mail[0].to, ["ana@teo.test"]);
    std::thread::sleep(Duration::from_millis(2000));
    assert_eq!(sink.messages().len(), 1, "and only once");
}

fn a_person_keeps_their_numbers_and_chooses_their_email(backend: Backend) {
    let server = TestServer::start(backend);
    signs_in(&server, ANA);
    let kept = json_ok(put(
        &server,
        "/api/v1/me/contact-numbers",
        &token_of(ANA),
        &json!({"phone": "04 123 4567", "mobile": null}),
    ));
    assert_eq!(kept["phone"], "04 123 4567");
    assert_eq!(kept["mobile"], Value::Null);
    let refused = put(
        &server,
        "/api/v1/me/contact-numbers",
        &token_of(ANA),
        &json!({"phone": "call me maybe"}),
    );
    expect_problem(refused, 400);
    let unknown_kind = put(
        &server,
        "/api/v1/me/email-preferences",
        &token_of(ANA),
        &json!({"choices": [{"kind": "memo", "emailed": true}]}),
    );
    let problem = expect_problem(unknown_kind, 400);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("submission-rejected")),
        "{problem}"
    );
    // Defaults: everything but a clean validation is emailed.
    let defaults = json_ok(get(
        &server,
        "/api/v1/me/email-preferences",
        &token(6004, "teo-submitter"),
    ));
    let emailed: Vec<(&str, bool)> = defaults
        .as_array()
        .expect("choices")
        .iter()
        .map(|choice| {
            (
                choice["kind"].as_str().unwrap_or_default(),
                choice["emailed"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        emailed,
        [
            ("submission-processed", false),
            ("submission-rejected", true),
            ("submission-submitted", true),
            ("stop-gate-lifted", true),
        ]
    );
}

on_both_backends!(
    a_rejected_return_is_emailed_to_those_who_want_it_and_no_one_else,
    mail_waits_while_smtp_is_down_and_goes_once_it_is_back,
    a_person_keeps_their_numbers_and_chooses_their_email,
);
