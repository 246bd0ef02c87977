//! People, their notices and the email those become, through the server on both backends, with
//! a real SMTP exchange (`smtp_sink`): a rejected return is emailed to exactly the people of
//! its organisation who want that kind, everyone of the organisation sees it in the portal, no
//! one else hears of it, and mail waits while the SMTP server is down and goes once, when it is
//! back.

use std::time::Duration;

use serde_json::{Value, json};

use crate::client::Teo;
use crate::helpers::{
    Backend, TestServer, TestWorker, expect_problem, json_ok, person_token, token,
};
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
    let rejected = chosen["choices"]
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
            .contains(&format!("https://dxp.test/data-submissions/{id}")),
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
        assert_eq!(
            list["notices"][0]["link"],
            format!("/data-submissions/{id}")
        );
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
    let cleared = json_ok(put(
        &server,
        "/api/v1/me/contact-numbers",
        &token_of(ANA),
        &json!({"phone": "", "mobile": "021 555 0101"}),
    ));
    assert_eq!(cleared["phone"], Value::Null, "an empty number is cleared");
    assert_eq!(cleared["mobile"], "021 555 0101");
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
    let emailed: Vec<(&str, bool)> = defaults["choices"]
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
            ("return-due-in-a-week", true),
            ("return-due-tomorrow", true),
            ("round-opened", true),
            ("agreement-withdrawn", true),
            ("commitment-provisioned", true),
            ("commitment-accepted", true),
            ("commitment-returned", true),
        ]
    );
    assert_eq!(defaults["dailyDigest"], false);
    let document_types = defaults["documentTypes"].as_array().expect("types");
    assert_eq!(document_types.len(), 7, "{defaults}");
    assert!(
        document_types
            .iter()
            .all(|choice| choice["emailed"] == true)
    );
    let by_type = json_ok(put(
        &server,
        "/api/v1/me/email-preferences",
        &token_of(ANA),
        &json!({"documentTypes": [{"documentType": "wash-up", "emailed": false}]}),
    ));
    let wash_up = by_type["documentTypes"]
        .as_array()
        .expect("types")
        .iter()
        .find(|choice| choice["documentType"] == "wash-up")
        .cloned()
        .expect("wash-up");
    assert_eq!(wash_up["emailed"], false, "{by_type}");
    let about_documents = put(
        &server,
        "/api/v1/me/email-preferences",
        &token_of(ANA),
        &json!({"choices": [{"kind": "document-available", "emailed": false}]}),
    );
    let problem = expect_problem(about_documents, 422);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("documentTypes")),
        "{problem}"
    );
}

/// The notices of `kind` the person has.
fn notices_of(server: &TestServer, person: (&str, i64, &str, &str), kind: &str) -> usize {
    notices(server, person)["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter(|notice| notice["kind"] == kind)
        .count()
}

fn wait_for_notice(server: &TestServer, person: (&str, i64, &str, &str), kind: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while notices_of(server, person, kind) == 0 {
        assert!(std::time::Instant::now() < deadline, "no {kind} notice");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// When the 2026 April return is due.
fn april_due(server: &TestServer) -> chrono::DateTime<chrono::Utc> {
    let rounds = json_ok(get(
        server,
        "/api/v1/rounds?year=2026",
        &token(6004, "teo-viewer"),
    ));
    rounds["results"]
        .as_array()
        .expect("rounds")
        .iter()
        .find(|round| round["id"] == "2026-APR")
        .and_then(|round| round["closeWindowDate"].as_str())
        .expect("the April due date")
        .parse()
        .expect("a date-time")
}

fn a_round_opening_and_its_due_date_are_told_once_across_two_nodes(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let env = [
        ("DXP_SMTP_URL", url.as_str()),
        ("DXP_SMTP_RETRY_SECONDS", "1"),
        ("DXP_SCHEDULE_SECONDS", "1"),
    ];
    let first = TestServer::start_with(backend, &env);
    let second = TestServer::start_on(std::sync::Arc::clone(&first.database), &env);
    let due = april_due(&first);
    first.set_clock(&(due - chrono::Duration::days(6)).to_rfc3339());
    signs_in(&second, ANA);
    signs_in(&first, CAI);

    wait_for_notice(&first, ANA, "return-due-in-a-week");
    // Several turns of the job on both nodes: still one reminder each.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(notices_of(&first, ANA, "return-due-in-a-week"), 1);
    assert_eq!(notices_of(&first, ANA, "return-due-tomorrow"), 0);

    first.set_clock(&(due - chrono::Duration::hours(12)).to_rfc3339());
    wait_for_notice(&second, ANA, "return-due-tomorrow");
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(notices_of(&first, ANA, "return-due-tomorrow"), 1);
    assert_eq!(
        notices_of(&first, CAI, "return-due-tomorrow"),
        1,
        "each organisation"
    );

    sink.wait_for(6, Duration::from_secs(20));
    // Time for any second copy to arrive: none must.
    std::thread::sleep(Duration::from_secs(2));
    let mail = sink.messages();
    let mut subjects: Vec<(String, String)> = mail
        .iter()
        .map(|message| {
            (
                message.to.join(","),
                message.header("Subject").unwrap_or_default(),
            )
        })
        .collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            (
                "ana@teo.test".to_owned(),
                "The 2026-APR round is open".to_owned()
            ),
            (
                "ana@teo.test".to_owned(),
                "Your 2026-APR return is due in 7 days".to_owned()
            ),
            (
                "ana@teo.test".to_owned(),
                "Your 2026-APR return is due within a day".to_owned()
            ),
            (
                "cai@other.test".to_owned(),
                "The 2026-APR round is open".to_owned()
            ),
            (
                "cai@other.test".to_owned(),
                "Your 2026-APR return is due in 7 days".to_owned()
            ),
            (
                "cai@other.test".to_owned(),
                "Your 2026-APR return is due within a day".to_owned()
            ),
        ]
    );
}

fn a_lodged_return_is_not_reminded(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_SCHEDULE_SECONDS", "1")]);
    signs_in(&server, ANA);
    signs_in(&server, CAI);
    let teo = Teo {
        server: &server,
        token: token_of(ANA),
    };
    let id = teo.open("2026-APR");
    let sample = |name: &str| -> Vec<String> {
        let text = std::fs::read_to_string(
            crate::helpers::repo_root().join(format!("examples/data/json/{name}.json")),
        )
        .expect("sample");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        value["records"]
            .as_array()
            .expect("records")
            .iter()
            .map(Value::to_string)
            .collect()
    };
    for file in dxp_domain::SdrFile::ALL {
        let response = teo.upload_file(&id, file, &sample(file.as_str()));
        assert!(response.status().is_success(), "{file}");
    }
    assert_eq!(teo.validate(&id)["status"], "Processed");
    assert_eq!(teo.lodge(&id).status().as_u16(), 200);
    let due = april_due(&server);
    server.set_clock(&(due - chrono::Duration::hours(12)).to_rfc3339());
    wait_for_notice(&server, CAI, "return-due-tomorrow");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        notices_of(&server, ANA, "return-due-tomorrow"),
        0,
        "a lodged return is not reminded"
    );
}

/// The digests (by subject) `to` has received.
fn digests_to(sink: &SmtpSink, to: &str) -> Vec<smtp_sink::Mail> {
    sink.messages()
        .into_iter()
        .filter(|mail| mail.to == [to])
        .filter(|mail| {
            mail.header("Subject")
                .is_some_and(|subject| subject.contains("digest"))
        })
        .collect()
}

fn a_daily_digest_gathers_a_days_notices_into_one_email(backend: Backend) {
    let sink = SmtpSink::start();
    let server = TestServer::start_with(
        backend,
        &[
            ("DXP_SMTP_URL", &sink.url()),
            ("DXP_SCHEDULE_SECONDS", "1"),
            ("DXP_SMTP_RETRY_SECONDS", "1"),
        ],
    );
    // Before 7 am in New Zealand: no digest goes yet.
    server.set_clock("2026-04-20T06:00:00+12:00");
    signs_in(&server, ANA);
    signs_in(&server, BEN);
    let chosen = json_ok(put(
        &server,
        "/api/v1/me/email-preferences",
        &token_of(ANA),
        &json!({"dailyDigest": true}),
    ));
    assert_eq!(chosen["dailyDigest"], true, "{chosen}");

    a_rejected_return(&server);
    let to_ben = sink.wait_for(1, Duration::from_secs(20));
    assert!(
        to_ben.iter().all(|mail| mail.to == ["ben@teo.test"]),
        "{to_ben:?}"
    );
    std::thread::sleep(Duration::from_millis(2500));
    assert!(
        sink.messages()
            .iter()
            .all(|mail| mail.to != ["ana@teo.test"]),
        "Ana takes a digest: nothing yet"
    );

    server.set_clock("2026-04-20T07:30:00+12:00");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while digests_to(&sink, "ana@teo.test").is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    let first = digests_to(&sink, "ana@teo.test");
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(
        first[0]
            .content
            .contains("Your 2026-APR return has errors to fix"),
        "{}",
        first[0].content
    );

    // Another event the same day waits for tomorrow's digest.
    a_rejected_return(&server);
    std::thread::sleep(Duration::from_millis(3000));
    assert_eq!(
        digests_to(&sink, "ana@teo.test").len(),
        1,
        "one digest a day"
    );
    server.set_clock("2026-04-21T07:05:00+12:00");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while digests_to(&sink, "ana@teo.test").len() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    let both = digests_to(&sink, "ana@teo.test");
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(
        both[1]
            .header("Subject")
            .is_some_and(|subject| subject.contains("21 April 2026")),
        "{:?}",
        both[1].header("Subject")
    );
    assert!(
        digests_to(&sink, "ben@teo.test").is_empty(),
        "Ben takes each message"
    );

    // Notices waiting when Ana stops the digest still reach her, in a last one.
    a_rejected_return(&server);
    json_ok(put(
        &server,
        "/api/v1/me/email-preferences",
        &token_of(ANA),
        &json!({"dailyDigest": false}),
    ));
    server.set_clock("2026-04-22T07:05:00+12:00");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while digests_to(&sink, "ana@teo.test").len() < 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(digests_to(&sink, "ana@teo.test").len(), 3);
}

fn a_worker_node_sends_the_mail_a_serving_node_queued(backend: Backend) {
    let sink = SmtpSink::start();
    let server = TestServer::start(backend);
    let _worker = TestWorker::start_with(
        std::sync::Arc::clone(&server.database),
        1,
        &[
            ("DXP_SMTP_URL", &sink.url()),
            ("DXP_PORTAL_URL", "https://dxp.test"),
        ],
    );
    signs_in(&server, ANA);
    let id = a_rejected_return(&server);
    let mail = sink.wait_for(1, Duration::from_secs(20));
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].to, ["ana@teo.test"]);
    assert!(
        mail[0]
            .content
            .contains(&format!("https://dxp.test/data-submissions/{id}")),
        "{}",
        mail[0].content
    );
}

on_both_backends!(
    a_worker_node_sends_the_mail_a_serving_node_queued,
    a_daily_digest_gathers_a_days_notices_into_one_email,
    a_round_opening_and_its_due_date_are_told_once_across_two_nodes,
    a_lodged_return_is_not_reminded,
    a_rejected_return_is_emailed_to_those_who_want_it_and_no_one_else,
    mail_waits_while_smtp_is_down_and_goes_once_it_is_back,
    a_person_keeps_their_numbers_and_chooses_their_email,
);
