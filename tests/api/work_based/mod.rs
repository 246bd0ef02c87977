//! The work-based API through the server, on both backends: a TMS's day (learner, programme,
//! agreement, enrolment, hold and restart, training plan and visit, withdrawal), the `EID`
//! header, refusals with their WB- codes and field paths, the grace expiry at day 42 and not
//! day 41, and the change feed with DXP's own changes. `operations` takes every other
//! operation (W4–W22) to the edges of its rules.

mod operations;

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{Backend, TestServer, expect_problem, json_ok, person_token, token};
use crate::on_both_backends;

const BASE: &str = "/work-submission-api/v1.0";
const EID: i64 = 8001;

/// A TMS of organisation 8001 talking to the server.
struct Tms<'a> {
    server: &'a TestServer,
    token: String,
    eid: String,
}

impl<'a> Tms<'a> {
    fn new(server: &'a TestServer) -> Self {
        Tms {
            server,
            token: token(EID, "teo-submitter"),
            eid: EID.to_string(),
        }
    }

    fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> reqwest::blocking::Response {
        let mut request = self
            .server
            .client()
            .request(method, self.server.url(&format!("{BASE}{path}")))
            .bearer_auth(&self.token)
            .header("EID", &self.eid);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().expect("request")
    }

    fn post(&self, path: &str, body: &Value) -> reqwest::blocking::Response {
        self.send(reqwest::Method::POST, path, Some(body))
    }

    fn get(&self, path: &str) -> reqwest::blocking::Response {
        self.send(reqwest::Method::GET, path, None)
    }

    fn put(&self, path: &str, body: &Value) -> reqwest::blocking::Response {
        self.send(reqwest::Method::PUT, path, Some(body))
    }

    fn delete(&self, path: &str, body: &Value) -> reqwest::blocking::Response {
        self.send(reqwest::Method::DELETE, path, Some(body))
    }

    /// POSTs and expects 201 Created.
    fn create(&self, path: &str, body: &Value) -> Value {
        let response = self.post(path, body);
        let status = response.status().as_u16();
        let text = response.text().expect("body");
        assert_eq!(status, 201, "POST {path}: {text}");
        serde_json::from_str(&text).expect("JSON")
    }

    /// The rule codes of a 400 refusal, and its `errors` map.
    fn refused(&self, response: reqwest::blocking::Response) -> (Vec<String>, Value) {
        let problem = expect_problem(response, 400);
        let rules = problem["refusals"]
            .as_array()
            .map(|refusals| {
                refusals
                    .iter()
                    .filter_map(|refusal| refusal["rule"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        (rules, problem["errors"].clone())
    }

    /// Expects a 400 refusal naming exactly `rules`, in order, and answers its `errors` map.
    #[track_caller]
    fn refuses(&self, response: reqwest::blocking::Response, rules: &[&str]) -> Value {
        let (named, errors) = self.refused(response);
        assert_eq!(named, rules, "errors: {errors}");
        errors
    }

    fn agreement_status(&self, id: &str) -> String {
        let agreement = json_ok(self.get(&format!("/training-agreements/{id}")));
        agreement["status"].as_str().unwrap_or_default().to_owned()
    }
}

/// A body of the apprentice every work-based example starts from
/// (`examples/data/json/work-based/apprentice.json`): `learner`, `programme`,
/// `trainingAgreement` or `enrolment`.
fn apprentice(part: &str) -> Value {
    let fixture: Value = serde_json::from_str(include_str!(
        "../../../examples/data/json/work-based/apprentice.json"
    ))
    .expect("the apprentice fixture is JSON");
    fixture[part].clone()
}

fn learner(id: &str, nsn: i64) -> Value {
    let mut body = apprentice("learner");
    body["learnerLocalId"] = json!(id);
    body["identity"]["nationalStudentNumber"] = json!(nsn);
    body
}

fn programme() -> Value {
    apprentice("programme")
}

fn agreement(id: &str, signed: &str) -> Value {
    let mut body = apprentice("trainingAgreement");
    body["trainingAgreementLocalId"] = json!(id);
    body["trainingAgreement"]["trainingAgreementSignedDate"] = json!(signed);
    body
}

fn enrolment(id: &str, agreement: &str, start: &str) -> Value {
    let mut body = apprentice("enrolment");
    body["enrolmentLocalId"] = json!(id);
    body["trainingAgreementLocalId"] = json!(agreement);
    body["participationStartDate"] = json!(start);
    body
}

/// A learner, a programme, and agreement TA-1 with one enrolment that started 9 February
/// 2026, so the agreement is ACTIVE. The server's day is 20 April 2026.
fn an_active_apprentice(tms: &Tms<'_>) {
    tms.create("/learners", &learner("L-1", 123_456_789));
    tms.create("/programmes", &programme());
    let created = tms.create("/training-agreements", &agreement("TA-1", "2026-02-02"));
    assert_eq!(created["status"], "PENDING");
    let enrolled = tms.create("/enrolments", &enrolment("E-1", "TA-1", "2026-02-09"));
    assert_eq!(
        enrolled["enrolmentStatus"], "PENDING",
        "as its agreement was"
    );
    assert_eq!(
        tms.agreement_status("TA-1"),
        "ACTIVE",
        "its training has started"
    );
}

fn a_tms_takes_an_apprentice_through_the_agreement_s_life(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);

    let held = json_ok(tms.post(
        "/training-agreements/TA-1/hold",
        &json!({"pauseDate": "2026-04-01", "onHoldReasonCode": "PL"}),
    ));
    assert_eq!(held["status"], "HOLD");
    assert_eq!(
        json_ok(tms.get("/enrolments/E-1"))["enrolmentStatus"],
        "HOLD"
    );
    // A plan while the agreement is on hold (dxp-api.md §5.5: PENDING, HOLD or GRACE): its
    // signed date moves the earlier participation start of the held enrolment.
    let plan = tms.create(
        "/training-plans",
        &json!({
            "trainingPlanLocalId": "TP-1",
            "trainingAgreementLocalId": "TA-1",
            "trainingPlanSignedDate": "2026-02-12"
        }),
    );
    assert_eq!(plan["trainingPlan"]["learnerLocalId"], "L-1");
    assert_eq!(
        json_ok(tms.get("/enrolments/E-1"))["participationStartDate"],
        "2026-02-12"
    );
    let restarted = json_ok(tms.post(
        "/training-agreements/TA-1/restart",
        &json!({"restartDate": "2026-04-14"}),
    ));
    assert_eq!(restarted["status"], "ACTIVE");
    assert_eq!(
        json_ok(tms.get("/enrolments/E-1"))["enrolmentStatus"],
        "ACTIVE"
    );
    let visited = tms.create(
        "/training-plans/TP-1/visits",
        &json!({"visitLocalId": "V-1", "visitDate": "2026-04-15"}),
    );
    assert_eq!(visited["visits"][0]["visitDate"], "2026-04-15");
    // One visit per learner per day.
    tms.refuses(
        tms.post(
            "/training-plans/TP-1/visits",
            &json!({"visitLocalId": "V-2", "visitDate": "2026-04-15"}),
        ),
        &["WB-082"],
    );

    let withdrawn = json_ok(tms.post(
        "/training-agreements/TA-1/withdraw",
        &json!({"withdrawalDate": "2026-04-20", "withdrawalReasonCode": "CC"}),
    ));
    assert_eq!(withdrawn["status"], "FINISHED");
    let enrolment = json_ok(tms.get("/enrolments/E-1"));
    assert_eq!(enrolment["enrolmentStatus"], "WITHDRAWN");
    assert_eq!(enrolment["withdrawalDate"], "2026-04-20");
    let plan = json_ok(tms.get("/training-plans/TP-1"));
    assert_eq!(
        plan["trainingPlan"]["trainingPlanEndDate"], "2026-04-20",
        "the plan ends with its agreement"
    );
}

fn refusals_name_their_rules_and_fields(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);

    // The same id twice, and the same NSN under another id.
    let errors = tms.refuses(
        tms.post("/learners", &learner("L-1", 123_456_789)),
        &["WB-012", "WB-013"],
    );
    assert!(
        errors["learnerLocalId"][0]
            .as_str()
            .is_some_and(|m| m.starts_with("WB-012: ")),
        "{errors}"
    );
    // A field over its limit has no rule, only its path.
    let (rules, errors) =
        tms.refused(tms.post("/learners", &learner("L-123456789012345678901", 1)));
    assert!(rules.is_empty());
    assert!(errors["learnerLocalId"].is_array(), "{errors}");
    // Not JSON at all.
    let response = tms
        .server
        .client()
        .post(server.url(&format!("{BASE}/learners")))
        .bearer_auth(&tms.token)
        .header("EID", &tms.eid)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .expect("request");
    let (_, errors) = tms.refused(response);
    assert!(errors["$"].is_array(), "{errors}");
    // JSON, but not an object: serde would read a learner from an array of its fields.
    let (_, errors) = tms.refused(tms.post("/learners", &json!(["L-1", {}])));
    assert_eq!(errors["$"], json!(["the body must be a JSON object"]));

    // Dates at their edges: today (20 April) is accepted, tomorrow is not.
    let errors = tms.refuses(
        tms.post(
            "/training-agreements/TA-1/hold",
            &json!({"pauseDate": "2026-04-21", "onHoldReasonCode": "PL"}),
        ),
        &["WB-036"],
    );
    assert!(errors["pauseDate"].is_array(), "{errors}");
    // A reason outside the list.
    tms.refuses(
        tms.post(
            "/training-agreements/TA-1/hold",
            &json!({"pauseDate": "2026-04-20", "onHoldReasonCode": "XX"}),
        ),
        &["WB-044"],
    );
    json_ok(tms.post(
        "/training-agreements/TA-1/hold",
        &json!({"pauseDate": "2026-04-20", "onHoldReasonCode": "PL"}),
    ));
    // A TMS cannot withdraw with the system's own reason.
    tms.refuses(
        tms.post(
            "/training-agreements/TA-1/withdraw",
            &json!({"withdrawalDate": "2026-04-20", "withdrawalReasonCode": "GE"}),
        ),
        &["WB-042"],
    );
    // Work-based enrolments are fund 37 only.
    let mut other = enrolment("E-2", "TA-1", "2026-02-09");
    other["fundingSourceTypeCode"] = json!("03");
    let (rules, _) = tms.refused(tms.post("/enrolments", &other));
    assert!(rules.contains(&"WB-056".to_owned()), "{rules:?}");
    // Nothing named in a path: 404.
    expect_problem(tms.get("/training-agreements/TA-9"), 404);
}

fn the_eid_header_must_be_the_token_s_organisation(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    tms.create("/learners", &learner("L-1", 123_456_789));
    let other = Tms {
        eid: "8002".to_owned(),
        ..Tms::new(&server)
    };
    expect_problem(other.get("/learners/L-1"), 403);
    let missing = server
        .client()
        .get(server.url(&format!("{BASE}/learners/L-1")))
        .bearer_auth(&tms.token)
        .send()
        .expect("request");
    let problem = expect_problem(missing, 400);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("EID"))
    );
    // Another organisation's TMS, with its own EID, does not see organisation 8001's learner.
    let theirs = Tms {
        token: token(8002, "teo-submitter"),
        eid: "8002".to_owned(),
        ..Tms::new(&server)
    };
    expect_problem(theirs.get("/learners/L-1"), 404);
    // A viewer may read but not write.
    let viewer = Tms {
        token: token(EID, "teo-viewer"),
        ..Tms::new(&server)
    };
    json_ok(viewer.get("/learners/L-1"));
    expect_problem(viewer.post("/learners", &learner("L-2", 223_456_789)), 403);
}

/// Polls the agreement's status until it is `wanted` or the time runs out.
fn wait_for_status(tms: &Tms<'_>, id: &str, wanted: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status = tms.agreement_status(id);
        if status == wanted || Instant::now() > deadline {
            return status;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn the_system_withdraws_an_agreement_on_its_42nd_day_in_grace(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_SCHEDULE_SECONDS", "1")]);
    let tms = Tms::new(&server);
    // A person of the organisation, to be told of the withdrawal.
    let kiri = person_token("kiri", EID, "teo-viewer", "kiri@teo.test");
    json_ok(server.get("/api/v1/me", Some(&kiri)));
    an_active_apprentice(&tms);
    let before = json_ok(tms.get("/changes"));
    let cursor = before["nextCursor"].as_i64().expect("a cursor");
    json_ok(tms.post(
        "/training-agreements/TA-1/grace",
        &json!({"pauseDate": "2026-04-20", "graceReasonCode": "RD"}),
    ));

    // 41 days after the pause: the job runs (every second) and leaves it in grace.
    server.set_clock("2026-05-31T12:00:00+12:00");
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(tms.agreement_status("TA-1"), "GRACE", "day 41");
    // The 42nd day.
    server.set_clock("2026-06-01T12:00:00+12:00");
    assert_eq!(
        wait_for_status(&tms, "TA-1", "FINISHED"),
        "FINISHED",
        "day 42"
    );
    let agreement = json_ok(tms.get("/training-agreements/TA-1"));
    assert_eq!(agreement["statusReasonCode"], "GE");
    assert_eq!(agreement["statusDate"], "2026-06-01");
    let told = json_ok(server.get("/api/v1/me/notices", Some(&kiri)));
    let withdrawn_notices: Vec<&Value> = told["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter(|notice| notice["kind"] == "agreement-withdrawn")
        .collect();
    assert_eq!(withdrawn_notices.len(), 1, "{told}");
    assert_eq!(
        withdrawn_notices[0]["title"],
        "Training agreement TA-1 was withdrawn"
    );

    let feed = json_ok(tms.get(&format!("/changes?after={cursor}")));
    let changes: Vec<(String, String, String, String)> = feed["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|change| {
            let text = |key: &str| change[key].as_str().unwrap_or_default().to_owned();
            (
                text("resourceType"),
                text("toStatus"),
                text("changedBy"),
                text("reason"),
            )
        })
        .collect();
    let grace = ("training-agreement", "GRACE", "test-user", "RD");
    let expiry = ("training-agreement", "FINISHED", "system", "GE");
    let withdrawn = ("enrolment", "WITHDRAWN", "system", "GE");
    let expected: Vec<(String, String, String, String)> = [
        grace,
        ("enrolment", "GRACE", "test-user", "RD"),
        expiry,
        withdrawn,
    ]
    .iter()
    .map(|(a, b, c, d)| {
        (
            (*a).to_owned(),
            (*b).to_owned(),
            (*c).to_owned(),
            (*d).to_owned(),
        )
    })
    .collect();
    assert_eq!(changes, expected);
    assert_eq!(feed["hasMore"], false);
    let last = feed["nextCursor"].as_i64().expect("a cursor");
    let empty = json_ok(tms.get(&format!("/changes?after={last}")));
    assert_eq!(empty["results"], json!([]));
    assert_eq!(
        empty["nextCursor"], last,
        "the cursor to poll with next time"
    );
}

fn learner_fees_come_as_json_or_a_csv_file(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    tms.create("/learners", &learner("L-1", 123_456_789));
    tms.create(
        "/learner-fees",
        &json!({"learnerLocalId": "L-1", "feeYear": 2025, "feeAmount": 800.0}),
    );
    let csv = "Learner Local ID,Fee Year,Fee Amount\r\nL-1,2025,950.50\r\nL-1,2026,1250.00\r\n";
    let response = server
        .client()
        .post(server.url(&format!("{BASE}/learner-fees/files")))
        .bearer_auth(&tms.token)
        .header("EID", &tms.eid)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .expect("request");
    let kept = json_ok(response);
    assert_eq!(
        kept,
        json!({"feesKept": 2, "feesNew": 1, "feesReplaced": 1})
    );
    let fees = json_ok(tms.get("/learners/L-1/fees"));
    assert_eq!(fees[0]["feeAmount"], 950.5);
    assert_eq!(fees[1]["feeYear"], 2026);
    // A file naming an unknown learner keeps nothing, and says which line.
    let bad = "Learner Local ID,Fee Year,Fee Amount\r\nL-1,2026,10.00\r\nL-9,2026,5.00\r\n";
    let response = server
        .client()
        .post(server.url(&format!("{BASE}/learner-fees/files")))
        .bearer_auth(&tms.token)
        .header("EID", &tms.eid)
        .header("content-type", "text/csv")
        .body(bad)
        .send()
        .expect("request");
    let errors = tms.refuses(response, &["WB-092"]);
    assert!(errors["line 3: learnerLocalId"].is_array(), "{errors}");
    assert_eq!(
        json_ok(tms.get("/learners/L-1/fees"))[1]["feeAmount"],
        1250.0
    );
}

on_both_backends!(
    a_tms_takes_an_apprentice_through_the_agreement_s_life,
    refusals_name_their_rules_and_fields,
    the_eid_header_must_be_the_token_s_organisation,
    the_system_withdraws_an_agreement_on_its_42nd_day_in_grace,
    learner_fees_come_as_json_or_a_csv_file,
    what_is_due_shows_the_next_work_based_cut_off_to_those_who_send_work_based_data,
);

fn what_is_due_shows_the_next_work_based_cut_off_to_those_who_send_work_based_data(
    backend: Backend,
) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    tms.create("/learners", &learner("L-1", 123_456_789));
    let cut_offs = |org: i64| {
        let due = json_ok(server.get("/api/v1/due", Some(&token(org, "teo-viewer"))));
        due["workBasedCutOffs"].clone()
    };
    // 20 April: 30 June is 71 days away.
    assert_eq!(cut_offs(EID), json!([]));
    server.set_clock("2026-05-31T12:00:00+12:00");
    assert_eq!(cut_offs(EID)[0]["date"], "2026-06-30", "30 days ahead");
    assert_eq!(
        cut_offs(8002),
        json!([]),
        "an organisation with no work-based data"
    );
}
