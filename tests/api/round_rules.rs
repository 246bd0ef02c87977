//! The rules of a round over HTTP, at their edges and in New Zealand time: the due date and the
//! Stop Gate, its lifts, resubmissions, standalone files, the December WFQ, the EFTS forecast,
//! published rounds, and what is due. Every refusal is a 422 naming its rule (`rule`) and the way forward.

use dxp_domain::SdrFile;
use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::Teo;
use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok};
use crate::on_both_backends;

fn admin_post(server: &TestServer, path: &str, body: &Value) -> reqwest::blocking::Response {
    server
        .client()
        .post(server.url(path))
        .bearer_auth(admin_token())
        .json(body)
        .send()
        .expect("POST")
}

/// Opens a return for the round, uploads a valid one and validates it to Processed.
fn processed(teo: &Teo<'_>, round: &str) -> String {
    let id = teo.open(round);
    teo.upload_return(&id, &testkit::valid_return(11, 3));
    assert_eq!(teo.validate(&id)["status"], "Processed");
    id
}

/// Lodges a return, with the round's EFTS forecast first when it needs one (see `Teo::lodge`).
fn submit(teo: &Teo<'_>, id: &str) -> reqwest::blocking::Response {
    teo.lodge(id)
}

fn refused(response: reqwest::blocking::Response, rule: &str) -> Value {
    let problem = expect_problem(response, 422);
    assert_eq!(problem["rule"], rule, "{problem}");
    assert_eq!(problem["type"], "urn:dxp:problem:round-rule");
    problem
}

fn detail(problem: &Value) -> &str {
    problem["detail"].as_str().unwrap_or_default()
}

fn the_stop_gate_comes_down_at_5pm_on_the_due_date(backend: Backend) {
    let server = TestServer::start(backend);
    let on_time = Teo::new(&server, 6004);
    let late = Teo::new(&server, 6005);
    let on_time_id = processed(&on_time, "2026-APR");
    let late_id = processed(&late, "2026-APR");
    processed(&Teo::new(&server, 6006), "2026-APR");

    // 4:59:59 pm NZST on 29 April (daylight saving ended on 5 April): still open.
    server.set_clock("2026-04-29T16:59:59+12:00");
    let lodged = json_ok(submit(&on_time, &on_time_id));
    assert_eq!(lodged["status"], "Submitted");
    assert_eq!(lodged["late"], false);
    assert_eq!(lodged["submittedAt"], "2026-04-29T04:59:59Z");

    server.set_clock("2026-04-29T17:00:00+12:00");
    let problem = refused(submit(&late, &late_id), "RD-003");
    assert!(
        detail(&problem).contains("closed at 5:00 pm Wed 29 Apr 2026 NZST"),
        "{problem}"
    );
    assert!(detail(&problem).contains("Stop Gate lift"), "{problem}");
    assert_eq!(
        late.submission(&late_id)["status"],
        "Processed",
        "nothing changed"
    );

    // Trial validation goes on after the due date: it is how a Stop Gate request is prepared.
    assert_eq!(late.validate(&late_id)["status"], "Processed");

    // A lift for another organisation does not open the gate for this one.
    server.set_clock("2026-05-04T09:00:00+12:00");
    let foreign = admin_post(
        &server,
        "/api/v1/rounds/2026-APR/stop-gate-lifts",
        &json!({"organisation": 6006, "dueAt": "2026-05-08T17:00:00+12:00", "reason": "approved"}),
    );
    assert_eq!(foreign.status().as_u16(), 201);
    refused(submit(&late, &late_id), "RD-003");

    let lift = json_ok(admin_post(
        &server,
        "/api/v1/rounds/2026-APR/stop-gate-lifts",
        &json!({"organisation": 6005, "dueAt": "2026-05-08T17:00:00+12:00", "reason": "SMS outage on the due date"}),
    ));
    assert_eq!(lift["usedBySubmission"], Value::Null);
    let lodged = json_ok(submit(&late, &late_id));
    assert_eq!(lodged["status"], "Submitted");
    assert_eq!(lodged["late"], true);
    assert_eq!(lodged["stopGateLift"], lift["id"]);
    let history = lodged["statusHistory"].as_array().expect("history");
    assert!(
        history
            .last()
            .and_then(|change| change["reason"].as_str())
            .is_some_and(|reason| reason.contains("under Stop Gate lift")),
        "{lodged}"
    );

    // The TEO sees its own lift, used; the funder sees both.
    let own = json_ok(late.get("/api/v1/rounds/2026-APR/stop-gate-lifts"));
    assert_eq!(own["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(own["results"][0]["usedBySubmission"], late_id.as_str());
    let all = json_ok(server.get(
        "/api/v1/rounds/2026-APR/stop-gate-lifts",
        Some(&admin_token()),
    ));
    assert_eq!(all["results"].as_array().map(Vec::len), Some(2));
}

fn a_lift_is_granted_only_for_a_processed_return_and_expires(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    let id = teo.open("2026-APR");
    let records = testkit::valid_return(12, 3);
    teo.upload_file(&id, SdrFile::Learners, &records.learners);
    assert_eq!(teo.validate(&id)["status"], "Rejected");
    server.set_clock("2026-05-04T09:00:00+12:00");
    let lift = |due: &str| {
        admin_post(
            &server,
            "/api/v1/rounds/2026-APR/stop-gate-lifts",
            &json!({"organisation": 6004, "dueAt": due, "reason": "asked"}),
        )
    };
    let problem = refused(lift("2026-05-08T17:00:00+12:00"), "RD-007");
    assert!(detail(&problem).contains("is Rejected"), "{problem}");
    refused(
        admin_post(
            &server,
            "/api/v1/rounds/2026-APR/stop-gate-lifts",
            &json!({"organisation": 6009, "dueAt": "2026-05-08T17:00:00+12:00", "reason": "asked"}),
        ),
        "RD-007",
    );

    let id = processed(&teo, "2026-APR");
    refused(lift("2026-05-04T09:00:00+12:00"), "RD-008");
    let forbidden = teo.post(
        "/api/v1/rounds/2026-APR/stop-gate-lifts",
        &json!({"organisation": 6004, "dueAt": "2026-05-08T17:00:00+12:00", "reason": "please"}),
    );
    expect_problem(forbidden, 403);
    json_ok(lift("2026-05-08T17:00:00+12:00"));
    // The lift's own due date is an edge like any other.
    server.set_clock("2026-05-08T17:00:00+12:00");
    refused(submit(&teo, &id), "RD-003");
    server.set_clock("2026-05-08T16:59:59+12:00");
    assert_eq!(json_ok(submit(&teo, &id))["late"], true);
}

fn resubmissions_follow_the_round_kind(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);

    // Nothing is lodged before the round opens (00:00 on 8 August, New Zealand time).
    server.set_clock("2026-08-07T23:59:59+12:00");
    let early = processed(&teo, "2026-AUG");
    let problem = refused(submit(&teo, &early), "RD-002");
    assert!(
        detail(&problem).contains("opens at 12:00 am Sat 8 Aug 2026 NZST"),
        "{problem}"
    );
    server.set_clock("2026-08-08T00:00:00+12:00");
    assert_eq!(json_ok(submit(&teo, &early))["late"], false);

    // August: a second lodging needs a lift, even before the due date.
    server.set_clock("2026-08-12T10:00:00+12:00");
    let again = processed(&teo, "2026-AUG");
    let problem = refused(submit(&teo, &again), "RD-004");
    assert!(detail(&problem).contains("approval"), "{problem}");

    // April: free inside the funder's resubmission window (1–12 June), refused outside it.
    server.set_clock("2026-04-20T12:00:00+12:00");
    let april = processed(&teo, "2026-APR");
    json_ok(submit(&teo, &april));
    let window = server
        .client()
        .patch(server.url("/api/v1/rounds/2026-APR"))
        .bearer_auth(admin_token())
        .json(&json!({"resubmissionWindow": {
            "opensAt": "2026-06-01T00:00:00+12:00", "closesAt": "2026-06-12T17:00:00+12:00"}}))
        .send()
        .expect("PATCH");
    let round = json_ok(window);
    assert_eq!(
        round["resubmissionWindow"]["closesAt"],
        "2026-06-12T05:00:00Z"
    );
    let resubmission = processed(&teo, "2026-APR");
    server.set_clock("2026-05-31T23:59:59+12:00");
    let problem = refused(submit(&teo, &resubmission), "RD-005");
    assert!(
        detail(&problem).contains("opens at 12:00 am Mon 1 Jun 2026"),
        "{problem}"
    );
    server.set_clock("2026-06-12T17:00:00+12:00");
    let problem = refused(submit(&teo, &resubmission), "RD-005");
    assert!(detail(&problem).contains("closed at"), "{problem}");
    server.set_clock("2026-06-12T16:59:59+12:00");
    let lodged = json_ok(submit(&teo, &resubmission));
    assert_eq!(lodged["late"], false);
    assert_eq!(teo.submission(&april)["status"], "Superseded");

    // Only April rounds have a window.
    let problem = expect_problem(
        server
            .client()
            .patch(server.url("/api/v1/rounds/2026-AUG"))
            .bearer_auth(admin_token())
            .json(&json!({"resubmissionWindow": {
                "opensAt": "2026-09-01T00:00:00+12:00", "closesAt": "2026-09-12T17:00:00+12:00"}}))
            .send()
            .expect("PATCH"),
        422,
    );
    assert!(detail(&problem).contains("only April rounds"), "{problem}");
}

fn standalone_files_pass_the_stop_gate(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    server.set_clock("2026-11-03T09:00:00+13:00");
    let created = teo.post(
        "/api/v1/submissions",
        &json!({"round": "2026-APR", "submissionType": "StandaloneFiles"}),
    );
    let id = json_ok(created)["id"].as_str().expect("id").to_owned();
    let records = testkit::valid_return(13, 3);
    let problem = refused(
        teo.upload_file(&id, SdrFile::Learners, &records.learners),
        "RD-009",
    );
    assert!(detail(&problem).contains("Return submission"), "{problem}");
    let report = json_ok(teo.upload_file(&id, SdrFile::Courses, &records.courses));
    assert_eq!(report["errorCount"], 0, "{report}");
    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Processed", "{verdict}");
    let lodged = json_ok(submit(&teo, &id));
    assert_eq!(lodged["status"], "Submitted");
    assert_eq!(lodged["submissionType"], "StandaloneFiles");
    assert_eq!(lodged["late"], false);

    // A full return at the same moment meets the Stop Gate.
    let full = processed(&teo, "2026-APR");
    refused(submit(&teo, &full), "RD-003");

    // A lift is for a return: Processed standalone files are not what the funder lifts it for.
    let other = Teo::new(&server, 6007);
    let created = other.post(
        "/api/v1/submissions",
        &json!({"round": "2026-APR", "submissionType": "StandaloneFiles"}),
    );
    let standalone = json_ok(created)["id"].as_str().expect("id").to_owned();
    json_ok(other.upload_file(&standalone, SdrFile::Courses, &records.courses));
    assert_eq!(other.validate(&standalone)["status"], "Processed");
    let problem = refused(
        admin_post(
            &server,
            "/api/v1/rounds/2026-APR/stop-gate-lifts",
            &json!({"organisation": 6007, "dueAt": "2026-11-10T17:00:00+13:00", "reason": "asked"}),
        ),
        "RD-007",
    );
    assert!(detail(&problem).contains("has no submission"), "{problem}");
}

fn december_needs_a_processed_workforce_questionnaire(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    server.set_clock("2027-01-20T09:00:00+13:00");
    let id = processed(&teo, "2026-DEC");
    let problem = refused(submit(&teo, &id), "RD-006");
    assert!(
        detail(&problem).contains("workforce questionnaire for 2026"),
        "{problem}"
    );

    let csv = "localId,staffGroup,gender,headcount,fullTimeEquivalent\n\
               W-1,Academic,F,40,36.5\n\
               W-2,Support,X,12,12\n";
    let rejected = server
        .client()
        .post(server.url("/api/v1/workforce-questionnaires?year=2026"))
        .bearer_auth(&teo.token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .expect("POST CSV");
    let rejected = json_ok(rejected);
    assert_eq!(rejected["status"], "Rejected");
    assert_eq!(rejected["problems"][0]["rule"], "WF-004", "{rejected}");
    assert_eq!(rejected["problems"][0]["localId"], "W-2");
    assert_eq!(
        rejected["problems"][0]["index"], 3,
        "a CSV problem names its line"
    );
    let unreadable = server
        .client()
        .post(server.url("/api/v1/workforce-questionnaires?year=2026"))
        .bearer_auth(&teo.token)
        .header("content-type", "text/plain")
        .body(csv)
        .send()
        .expect("POST text");
    expect_problem(unreadable, 415);
    refused(submit(&teo, &id), "RD-006");

    // A processed questionnaire for another year does not count.
    let record = json!({"localId": "W-1", "staffGroup": "Academic", "gender": "F",
                        "headcount": 40, "fullTimeEquivalent": 36.5});
    let other_year = json_ok(teo.post(
        "/api/v1/workforce-questionnaires",
        &json!({"year": 2025, "records": [record]}),
    ));
    assert_eq!(other_year["status"], "Processed");
    refused(submit(&teo, &id), "RD-006");
    // A year outside the rounds' years, or a query year the body contradicts, is refused and
    // stores nothing.
    let disagreeing = expect_problem(
        teo.post(
            "/api/v1/workforce-questionnaires?year=2025",
            &json!({"year": 2026, "records": [record]}),
        ),
        400,
    );
    assert!(
        detail(&disagreeing).contains("the body says 2026 and the query 2025"),
        "{disagreeing}"
    );
    expect_problem(teo.get("/api/v1/workforce-questionnaires?year=1999"), 400);
    refused(submit(&teo, &id), "RD-006");

    let processed_wfq = json_ok(teo.post(
        "/api/v1/workforce-questionnaires",
        &json!({"year": 2026, "records": [record]}),
    ));
    assert_eq!(processed_wfq["status"], "Processed", "{processed_wfq}");
    let listed = json_ok(teo.get("/api/v1/workforce-questionnaires?year=2026"));
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(2));
    assert_eq!(json_ok(submit(&teo, &id))["status"], "Submitted");
}

fn a_published_round_takes_no_change(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    let draft = teo.open("2026-APR");
    teo.upload_return(&draft, &testkit::valid_return(14, 2));
    let processed_id = processed(&teo, "2026-APR");

    expect_problem(teo.post("/api/v1/rounds/2026-APR/publish", &json!({})), 403);
    let published = json_ok(admin_post(
        &server,
        "/api/v1/rounds/2026-APR/publish",
        &json!({}),
    ));
    assert_eq!(published["published"], true);

    let records = testkit::valid_return(15, 2);
    for response in [
        teo.upload_file(&draft, SdrFile::Learners, &records.learners),
        teo.post(&format!("/api/v1/submissions/{draft}/validate"), &json!({})),
        teo.post(&format!("/api/v1/submissions/{draft}/cancel"), &json!({})),
        submit(&teo, &processed_id),
        teo.post("/api/v1/submissions", &json!({"round": "2026-APR"})),
        admin_post(&server, "/api/v1/rounds/2026-APR/publish", &json!({})),
        admin_post(
            &server,
            "/api/v1/rounds/2026-APR/stop-gate-lifts",
            &json!({"organisation": 6004, "dueAt": "2026-12-08T17:00:00+13:00", "reason": "x"}),
        ),
        server
            .client()
            .patch(server.url("/api/v1/rounds/2026-APR"))
            .bearer_auth(admin_token())
            .json(&json!({"dueAt": "2026-05-01T17:00:00+12:00"}))
            .send()
            .expect("PATCH"),
        server
            .client()
            .delete(server.url(&format!("/api/v1/submissions/{draft}/learners/anything")))
            .bearer_auth(&teo.token)
            .send()
            .expect("DELETE"),
    ] {
        let problem = refused(response, "RD-001");
        assert!(
            detail(&problem).contains("can no longer be altered"),
            "{problem}"
        );
    }
    assert_eq!(teo.submission(&draft)["status"], "Draft");
    // Other rounds are untouched.
    server.set_clock("2026-08-12T10:00:00+12:00");
    teo.open("2026-AUG");
}

fn the_funder_defines_rounds(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    expect_problem(teo.post("/api/v1/rounds", &json!({"id": "2030-APR"})), 403);
    let created = admin_post(
        &server,
        "/api/v1/rounds",
        &json!({"id": "2030-APR", "dueAt": "2030-04-30T17:00:00+12:00"}),
    );
    assert_eq!(created.status().as_u16(), 201);
    let round = json_ok(created);
    assert_eq!(round["closeWindowDate"], "2030-04-30T05:00:00Z");
    assert_eq!(
        round["extractDate"], "2030-04-15",
        "the standard calendar fills the rest"
    );
    expect_problem(
        admin_post(&server, "/api/v1/rounds", &json!({"id": "2030-APR"})),
        409,
    );
    let problem = expect_problem(
        admin_post(
            &server,
            "/api/v1/rounds",
            &json!({"id": "2030-AUG", "opensAt": "2030-09-01T00:00:00Z", "dueAt": "2030-08-21T05:00:00Z"}),
        ),
        422,
    );
    assert!(detail(&problem).contains("due date"), "{problem}");
    let listed = json_ok(server.get("/api/v1/rounds?year=2030", Some(&teo.token)));
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(1));
}

fn what_is_due_puts_the_most_urgent_first(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    // 20 July 2026: nothing open; August opens on 8 August, within 30 days.
    server.set_clock("2026-07-20T12:00:00+12:00");
    let due = json_ok(teo.get("/api/v1/due"));
    assert_eq!(due["organisation"], 6004);
    let rounds: Vec<(&str, &str)> = due["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|item| {
            (
                item["round"].as_str().unwrap_or(""),
                item["state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(rounds, [("2026-AUG", "Upcoming")]);

    server.set_clock("2026-08-12T10:00:00+12:00");
    let id = teo.open("2026-AUG");
    let records = testkit::valid_return(16, 2);
    teo.upload_file(&id, SdrFile::Learners, &records.learners);
    let due = json_ok(teo.get("/api/v1/due"));
    let august = &due["results"][0];
    assert_eq!(august["state"], "Open");
    assert_eq!(august["dueAt"], "2026-08-21T05:00:00Z");
    assert_eq!(august["inProgress"]["submission"], id.as_str());
    let missing = august["missing"].as_array().expect("missing");
    assert_eq!(missing.len(), 5, "{august}");
    assert!(
        missing[0]
            .as_str()
            .unwrap_or("")
            .contains("course-enrolments")
    );

    teo.upload_return(&id, &records);
    teo.validate(&id);
    json_ok(submit(&teo, &id));
    let due = json_ok(teo.get("/api/v1/due"));
    assert_eq!(due["results"][0]["state"], "Lodged");
    assert_eq!(due["results"][0]["missing"], json!([]));

    expect_problem(server.get("/api/v1/due", Some(&admin_token())), 400);
    let for_admin = json_ok(server.get("/api/v1/due?organisation=6004", Some(&admin_token())));
    assert_eq!(for_admin["results"][0]["state"], "Lodged");
    expect_problem(teo.get("/api/v1/due?organisation=6005"), 403);
}

/// A line of an EFTS forecast.
fn forecast_line(local_id: &str, fund: &str, level: i32, year: i32) -> String {
    json!({
        "localId": local_id, "sourceOfFunding": fund, "levelOnNzqcf": level,
        "forecastYear": year, "efts": 250.0
    })
    .to_string()
}

fn a_return_with_funded_provision_waits_for_its_efts_forecast(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    let records = testkit::valid_return(11, 3);
    let id = processed(&teo, "2026-APR");
    assert_eq!(teo.submission(&id)["eftsForecastRequired"], true);

    let problem = refused(
        teo.post(&format!("/api/v1/submissions/{id}/submit"), &json!({})),
        "RD-010",
    );
    assert!(
        detail(&problem).contains("submissionType EftsForecast")
            && detail(&problem).contains("2027 to 2030"),
        "{problem}"
    );
    let due = json_ok(teo.get("/api/v1/due"));
    assert!(
        due["results"][0]["missing"][0]
            .as_str()
            .unwrap_or("")
            .contains("EFTS forecast for 2027 to 2030"),
        "{due}"
    );

    // The forecast is its own submission: a return takes no forecast lines, a forecast nothing
    // else, and the March round has none.
    let upload = teo.upload_file(&id, SdrFile::EftsForecasts, &records.efts_forecasts);
    let problem = refused(upload, "RD-009");
    assert!(
        detail(&problem).contains("EftsForecast submission"),
        "{problem}"
    );
    let forecast = teo.open_as("2026-APR", "EftsForecast");
    refused(
        teo.upload_file(&forecast, SdrFile::Learners, &records.learners),
        "RD-009",
    );
    refused(
        teo.post(
            "/api/v1/submissions",
            &json!({"round": "2026-IND", "submissionType": "EftsForecast"}),
        ),
        "RD-009",
    );

    // Each line's own rules on upload; the whole forecast's (the following year) on validation.
    let report = json_ok(teo.upload_file(
        &forecast,
        SdrFile::EftsForecasts,
        &[
            forecast_line("F-1", "22", 4, 2028),
            forecast_line("F-2", "37", 2, 2031),
        ],
    ));
    let rules: Vec<&str> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|problem| problem["rule"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(rules, ["EF-008", "EF-009", "EF-010"], "{report}");
    let good = [
        forecast_line("F-1", "37", 4, 2028),
        forecast_line("F-2", "01", 7, 2029),
    ];
    teo.upload_file(&forecast, SdrFile::EftsForecasts, &good);
    let verdict = teo.validate(&forecast);
    assert_eq!(verdict["status"], "Rejected", "{verdict}");
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{forecast}/problems")));
    assert_eq!(problems["results"][0]["rule"], "EF-012", "{problems}");
    assert_eq!(problems["results"][0]["file"], "efts-forecasts");
    teo.upload_file(
        &forecast,
        SdrFile::EftsForecasts,
        &[forecast_line("F-3", "37", 4, 2027)],
    );
    let verdict = teo.validate(&forecast);
    assert_eq!(verdict["status"], "Processed", "{verdict}");
    assert_eq!(verdict["recordCounts"]["eftsForecasts"], 3);
    assert_eq!(verdict["eftsForecastRequired"], false);

    // A Processed forecast is not yet lodged: the return still waits.
    refused(
        teo.post(&format!("/api/v1/submissions/{id}/submit"), &json!({})),
        "RD-010",
    );
    let lodged = json_ok(teo.post(
        &format!("/api/v1/submissions/{forecast}/submit"),
        &json!({}),
    ));
    assert_eq!(lodged["status"], "Submitted");
    let lodged = json_ok(teo.post(&format!("/api/v1/submissions/{id}/submit"), &json!({})));
    assert_eq!(lodged["status"], "Submitted");
    assert_eq!(
        teo.submission(&forecast)["status"],
        "Submitted",
        "the return does not supersede the forecast"
    );

    // A forecast lodged late under a lift leaves the lift for the return.
    let late = Teo::new(&server, 6005);
    let late_id = processed(&late, "2026-APR");
    server.set_clock("2026-05-04T09:00:00+12:00");
    refused(
        late.try_lodge_forecast("2026-APR", &records.efts_forecasts),
        "RD-003",
    );
    let lift = json_ok(admin_post(
        &server,
        "/api/v1/rounds/2026-APR/stop-gate-lifts",
        &json!({"organisation": 6005, "dueAt": "2026-05-08T17:00:00+12:00", "reason": "approved"}),
    ));
    let forecast = json_ok(late.try_lodge_forecast("2026-APR", &records.efts_forecasts));
    assert_eq!(forecast["late"], true);
    assert_eq!(forecast["stopGateLift"], Value::Null);
    let lodged = json_ok(late.post(&format!("/api/v1/submissions/{late_id}/submit"), &json!({})));
    assert_eq!(lodged["stopGateLift"], lift["id"]);
}

/// A return whose enrolments are all funded outside the forecast's four funds needs none.
fn a_return_without_forecast_provision_is_lodged_alone(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, 6004);
    let mut records = testkit::valid_return(17, 3);
    for enrolment in &mut records.course_enrolments {
        let mut value: Value = serde_json::from_str(enrolment).expect("JSON");
        if value["sourceOfFunding"] != "02" {
            value["sourceOfFunding"] = json!("03");
        }
        *enrolment = value.to_string();
    }
    let id = teo.open("2026-APR");
    teo.upload_return(&id, &records);
    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Processed", "{verdict}");
    assert_eq!(verdict["eftsForecastRequired"], false);
    let lodged = json_ok(teo.post(&format!("/api/v1/submissions/{id}/submit"), &json!({})));
    assert_eq!(lodged["status"], "Submitted");
}

on_both_backends!(the_stop_gate_comes_down_at_5pm_on_the_due_date);
on_both_backends!(a_lift_is_granted_only_for_a_processed_return_and_expires);
on_both_backends!(resubmissions_follow_the_round_kind);
on_both_backends!(standalone_files_pass_the_stop_gate);
on_both_backends!(december_needs_a_processed_workforce_questionnaire);
on_both_backends!(a_published_round_takes_no_change);
on_both_backends!(the_funder_defines_rounds);
on_both_backends!(what_is_due_puts_the_most_urgent_first);
on_both_backends!(a_return_with_funded_provision_waits_for_its_efts_forecast);
on_both_backends!(a_return_without_forecast_provision_is_lodged_alone);
