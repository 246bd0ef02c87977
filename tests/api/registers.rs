//! The registers and course change requests over HTTP, on both backends: the funder loads an
//! organisation's course register, qualifications and sites (JSON and CSV); a standalone REGT
//! that changes a course's credits becomes a change request that holds the SDR until approved;
//! a return whose REGT changes credits waits for approval; fund 37 needs a qualification
//! approved for DQ3-7; another organisation sees none of it.

use dxp_domain::SdrFile;
use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::Teo;
use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok};
use crate::on_both_backends;

const ROUND: &str = "2026-APR";
const ORG: i64 = 6004;
const OTHER: i64 = 6005;

fn admin_post(server: &TestServer, path: &str, body: &Value) -> reqwest::blocking::Response {
    server
        .client()
        .post(server.url(path))
        .bearer_auth(admin_token())
        .json(body)
        .send()
        .expect("POST")
}

fn admin_get(server: &TestServer, path: &str) -> Value {
    json_ok(server.get(path, Some(&admin_token())))
}

/// The register entries of a return's course records, valid from 2026.
fn entries_of(courses: &[String]) -> Vec<Value> {
    courses
        .iter()
        .map(|text| {
            let mut course: Value = serde_json::from_str(text).expect("course JSON");
            let object = course.as_object_mut().expect("object");
            for kept_per_return in [
                "localId",
                "pbrfEligibleCourseIndicator",
                "discountedCourseTuitionFee",
                "discountedCompulsoryCourseCostsFee",
                "learningHours",
                "volumeResearchFactor",
            ] {
                object.remove(kept_per_return);
            }
            object.insert("validFrom".to_owned(), json!(2026));
            course
        })
        .collect()
}

fn load_register(server: &TestServer, org: i64, courses: &[String]) {
    let loaded = json_ok(admin_post(
        server,
        &format!("/api/v1/registers/courses?organisation={org}"),
        &json!({"entries": entries_of(courses)}),
    ));
    assert_eq!(loaded["written"], courses.len());
}

/// The first course with its credits raised by five.
fn with_more_credits(courses: &[String]) -> (String, String) {
    let mut course: Value = serde_json::from_str(&courses[0]).expect("course JSON");
    let credit = course["credit"].as_i64().expect("credit");
    course["credit"] = json!(credit + 5);
    (
        course["courseCode"].as_str().expect("code").to_owned(),
        course.to_string(),
    )
}

fn refused(response: reqwest::blocking::Response, rule: &str) -> Value {
    let problem = expect_problem(response, 422);
    assert_eq!(problem["rule"], rule, "{problem}");
    assert_eq!(problem["type"], "urn:dxp:problem:round-rule");
    problem
}

fn a_standalone_regt_changing_credits_holds_the_sdr_until_approved(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-04-20T09:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let other = Teo::new(&server, OTHER);
    let mut records = testkit::valid_return(11, 3);
    load_register(&server, ORG, &records.courses);
    let (code, changed) = with_more_credits(&records.courses);

    // The standalone REGT is lodged, and its difference becomes a pending change request.
    let standalone = teo.open_as(ROUND, "StandaloneFiles");
    json_ok(teo.upload_file(
        &standalone,
        SdrFile::Courses,
        std::slice::from_ref(&changed),
    ));
    let differences = json_ok(teo.get(&format!(
        "/api/v1/submissions/{standalone}/course-differences"
    )));
    assert_eq!(
        differences["results"][0]["changedFields"],
        json!(["credit"])
    );
    assert_eq!(teo.validate(&standalone)["status"], "Processed");
    assert_eq!(json_ok(teo.lodge(&standalone))["status"], "Submitted");
    let pending = json_ok(teo.get("/api/v1/course-change-requests?status=Pending"));
    let requests = pending["results"].as_array().expect("results");
    assert_eq!(requests.len(), 1, "{pending}");
    let request_id = requests[0]["id"].as_str().expect("id").to_owned();
    assert_eq!(requests[0]["courseCode"], code.as_str());
    assert_eq!(requests[0]["kind"], "Changed");
    assert_eq!(requests[0]["submissionId"], standalone.as_str());

    // Another organisation sees none of it.
    assert!(
        json_ok(other.get("/api/v1/course-change-requests"))["results"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    expect_problem(
        other.get(&format!("/api/v1/course-change-requests/{request_id}")),
        404,
    );
    assert!(
        json_ok(other.get("/api/v1/registers/courses"))["results"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    expect_problem(other.get(&format!("/api/v1/registers/courses/{code}")), 404);
    expect_problem(
        other.get(&format!("/api/v1/registers/courses?organisation={ORG}")),
        403,
    );
    expect_problem(
        other.get(&format!(
            "/api/v1/submissions/{standalone}/course-differences"
        )),
        404,
    );

    // The return (its REGT already carrying the new credits) is held while the request waits.
    records.courses[0] = changed.clone();
    let id = teo.open(ROUND);
    teo.upload_return(&id, &records);
    assert_eq!(teo.validate(&id)["status"], "Processed");
    let problem = refused(teo.lodge(&id), "RD-011");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains(&code),
        "{problem}"
    );
    // So is a further standalone REGT; standalone completions are not.
    let again = teo.open_as(ROUND, "StandaloneFiles");
    json_ok(teo.upload_file(&again, SdrFile::Courses, std::slice::from_ref(&changed)));
    assert_eq!(teo.validate(&again)["status"], "Processed");
    refused(teo.lodge(&again), "RD-011");

    // Only the funder decides.
    expect_problem(
        teo.post(
            &format!("/api/v1/course-change-requests/{request_id}/approve"),
            &json!({}),
        ),
        403,
    );
    let approved = json_ok(admin_post(
        &server,
        &format!("/api/v1/course-change-requests/{request_id}/approve"),
        &json!({}),
    ));
    assert_eq!(approved["status"], "Approved");
    expect_problem(
        admin_post(
            &server,
            &format!("/api/v1/course-change-requests/{request_id}/approve"),
            &json!({}),
        ),
        422,
    );

    // The register changed, and its history says who, what and through which request.
    let course = json_ok(teo.get(&format!("/api/v1/registers/courses/{code}")));
    let new_credit: Value =
        serde_json::from_str::<Value>(&changed).expect("JSON")["credit"].clone();
    assert_eq!(course["entries"][0]["credit"], new_credit, "{course}");
    let history = course["history"].as_array().expect("history");
    assert_eq!(history.len(), 2, "{course}");
    assert_eq!(history[1]["changedFields"], json!(["credit"]));
    assert_eq!(history[1]["changeRequestId"], request_id.as_str());
    // Asked for a year before its entries begin, the course is not in the register.
    let before = expect_problem(
        teo.get(&format!("/api/v1/registers/courses/{code}?year=2001")),
        404,
    );
    assert!(
        before["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("for 2001")),
        "{before}"
    );

    // Nothing pending and nothing differing: the return is lodged.
    assert_eq!(json_ok(teo.lodge(&id))["status"], "Submitted");
}

fn a_return_changing_credits_waits_for_the_funder_s_approval(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-04-20T09:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let mut records = testkit::valid_return(12, 3);
    load_register(&server, ORG, &records.courses);
    let (code, changed) = with_more_credits(&records.courses);
    records.courses[0] = changed;
    let id = teo.open(ROUND);
    teo.upload_return(&id, &records);
    assert_eq!(teo.validate(&id)["status"], "Processed");
    let problem = refused(teo.lodge(&id), "RD-012");
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(&format!("{code} (credit)")), "{problem}");
    assert!(detail.contains("change requests"), "{problem}");

    // The TEO sends the difference; a viewer may not.
    let viewer = crate::helpers::token(ORG, "teo-viewer");
    let refused_viewer = server
        .client()
        .post(server.url(&format!("/api/v1/submissions/{id}/course-change-requests")))
        .bearer_auth(viewer)
        .send()
        .expect("POST");
    expect_problem(refused_viewer, 403);
    let created = json_ok(teo.post(
        &format!("/api/v1/submissions/{id}/course-change-requests"),
        &json!({}),
    ));
    let request_id = created["results"][0]["id"].as_str().expect("id").to_owned();
    // Sending again creates nothing new: the course has a request pending.
    let again = json_ok(teo.post(
        &format!("/api/v1/submissions/{id}/course-change-requests"),
        &json!({}),
    ));
    assert_eq!(again["results"], json!([]));
    refused(teo.lodge(&id), "RD-011");

    // A decline needs a reason, and leaves the register as it was.
    expect_problem(
        admin_post(
            &server,
            &format!("/api/v1/course-change-requests/{request_id}/decline"),
            &json!({"reason": "  "}),
        ),
        422,
    );
    let declined = json_ok(admin_post(
        &server,
        &format!("/api/v1/course-change-requests/{request_id}/decline"),
        &json!({"reason": "credits do not match the approved programme"}),
    ));
    assert_eq!(declined["status"], "Declined");
    let seen = json_ok(teo.get(&format!("/api/v1/course-change-requests/{request_id}")));
    assert_eq!(
        seen["reason"],
        "credits do not match the approved programme"
    );
    assert_eq!(
        json_ok(teo.get(&format!("/api/v1/registers/courses/{code}")))["history"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    // Still different, so still held until the REGT matches the register.
    refused(teo.lodge(&id), "RD-012");

    // A cancelled submission's differences are not the organisation's to send any more.
    json_ok(teo.post(&format!("/api/v1/submissions/{id}/cancel"), &json!({})));
    let stale = expect_problem(
        teo.post(
            &format!("/api/v1/submissions/{id}/course-change-requests"),
            &json!({}),
        ),
        422,
    );
    assert!(
        stale["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("Cancelled")),
        "{stale}"
    );
}

fn fund_37_in_a_qualification_not_approved_for_dq37_is_an_error(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-04-20T09:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let mut records = testkit::valid_return(13, 3);
    let mut first: Value = serde_json::from_str(&records.course_enrolments[0]).expect("JSON");
    first["sourceOfFunding"] = json!("37");
    let qualification = first["qualificationCode"]
        .as_str()
        .expect("code")
        .to_owned();
    let first_local_id = first["localId"].as_str().expect("localId").to_owned();
    records.course_enrolments[0] = first.to_string();
    let codes: std::collections::BTreeSet<String> = records
        .course_enrolments
        .iter()
        .map(|text| {
            serde_json::from_str::<Value>(text).expect("JSON")["qualificationCode"]
                .as_str()
                .expect("code")
                .to_owned()
        })
        .collect();
    let load = |approved: bool| {
        // As CSV, the funder's own format.
        let mut text = String::from(
            "Qualification Code,Title,Level,Credits,Qualification Award Category,DQ3-7 Approved From\n",
        );
        for code in &codes {
            let from = if approved { "2026" } else { "" };
            text.push_str(&format!("{code},A qualification,5,120,21,{from}\n"));
        }
        let response = server
            .client()
            .post(server.url("/api/v1/registers/qualifications"))
            .bearer_auth(admin_token())
            .header("content-type", "text/csv")
            .body(text)
            .send()
            .expect("POST");
        json_ok(response)
    };
    load(false);
    let id = teo.open(ROUND);
    teo.upload_return(&id, &records);
    assert_eq!(teo.validate(&id)["status"], "Rejected");
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems?rule=RG-004")));
    let found = problems["results"].as_array().expect("results");
    assert!(
        found.iter().any(|p| p["localId"] == first_local_id.as_str()
            && p["severity"] == "error"
            && p["field"] == "sourceOfFunding"
            && p["message"]
                .as_str()
                .is_some_and(|message| message.contains(&qualification))),
        "{problems}"
    );

    // Every qualification approved for DQ3-7 from the return's year: no RG-004 any more.
    load(true);
    teo.validate(&id);
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems?rule=RG-004")));
    assert_eq!(problems["results"], json!([]), "{problems}");
    let catalogue = json_ok(teo.get("/api/v1/validation/rules"));
    assert!(
        catalogue
            .as_array()
            .or_else(|| catalogue["rules"].as_array())
            .or_else(|| catalogue["results"].as_array())
            .is_some_and(|rules| rules.iter().any(|rule| rule["code"] == "RG-004")),
        "the rule is in the catalogue"
    );
}

fn registers_load_and_export_as_csv_and_only_the_funder_loads(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let records = testkit::valid_return(14, 2);
    load_register(&server, ORG, &records.courses);

    let export = server
        .client()
        .get(server.url("/api/v1/registers/courses"))
        .bearer_auth(&teo.token)
        .header("accept", "text/csv")
        .send()
        .expect("GET");
    assert_eq!(export.status().as_u16(), 200);
    let text = export.text().expect("CSV");
    assert!(
        text.starts_with("Course Code,Valid From,Valid To,"),
        "{text}"
    );
    // Loading the export back changes nothing.
    let reloaded = server
        .client()
        .post(server.url(&format!("/api/v1/registers/courses?organisation={ORG}")))
        .bearer_auth(admin_token())
        .header("content-type", "text/csv")
        .body(text)
        .send()
        .expect("POST");
    assert_eq!(json_ok(reloaded)["written"], 0);

    // Sites: JSON in, normalised codes out; 98 is no site.
    let sites = admin_post(
        &server,
        &format!("/api/v1/registers/delivery-sites?organisation={ORG}"),
        &json!({"entries": [
            {"siteCode": "2", "name": "Manukau", "address": "Manukau", "activeFrom": 2020},
            {"siteCode": "3", "name": "Closed", "address": "Otara", "activeFrom": 2020, "activeTo": 2024}
        ]}),
    );
    assert_eq!(json_ok(sites)["written"], 2);
    let listed = json_ok(teo.get("/api/v1/registers/delivery-sites"));
    assert_eq!(listed["results"][0]["siteCode"], "02");
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(2));
    // A year gives the sites active in it.
    let in_2026 = json_ok(teo.get("/api/v1/registers/delivery-sites?year=2026"));
    assert_eq!(
        in_2026["results"].as_array().map(Vec::len),
        Some(1),
        "{in_2026}"
    );
    assert_eq!(in_2026["results"][0]["siteCode"], "02");
    let problem = expect_problem(
        admin_post(
            &server,
            &format!("/api/v1/registers/delivery-sites?organisation={ORG}"),
            &json!({"entries": [{"siteCode": "98", "name": "Online", "address": "", "activeFrom": 2020}]}),
        ),
        422,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("not a site")
    );

    // Bad entries are refused whole, naming each problem; nothing is written.
    let problem = expect_problem(
        admin_post(
            &server,
            &format!("/api/v1/registers/courses?organisation={OTHER}"),
            &json!({"entries": [
                {"courseCode": "OK1", "validFrom": 2026, "courseTitle": "Fine", "qualificationCode": "PC4001",
                 "courseClassification": 1.0, "nzscedFieldOfStudy": "0101", "levelOnNzqcf": 4, "credit": 15,
                 "fundingCategory": "A2", "courseEftsFactor": 0.125},
                {"courseCode": "BAD", "validFrom": 2026, "courseTitle": "Bad", "qualificationCode": "PC4001",
                 "courseClassification": 1.0, "nzscedFieldOfStudy": "0101", "levelOnNzqcf": 11, "credit": 15,
                 "fundingCategory": "A2", "courseEftsFactor": 0.125}
            ]}),
        ),
        422,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("entry 1"),
        "{problem}"
    );
    assert_eq!(
        admin_get(
            &server,
            &format!("/api/v1/registers/courses?organisation={OTHER}")
        )["results"],
        json!([])
    );
    expect_problem(
        admin_post(
            &server,
            "/api/v1/registers/qualifications",
            &json!({"entries": "no"}),
        ),
        400,
    );
    expect_problem(
        teo.post(
            &format!("/api/v1/registers/courses?organisation={ORG}"),
            &json!({"entries": entries_of(&records.courses)}),
        ),
        403,
    );
    expect_problem(
        teo.post("/api/v1/registers/qualifications", &json!({"entries": []})),
        403,
    );
}

on_both_backends!(
    a_standalone_regt_changing_credits_holds_the_sdr_until_approved,
    a_return_changing_credits_waits_for_the_funder_s_approval,
    fund_37_in_a_qualification_not_approved_for_dq37_is_an_error,
    registers_load_and_export_as_csv_and_only_the_funder_loads,
);

on_both_backends!(a_load_larger_than_actix_default_is_taken_and_one_over_the_limit_refused);

/// A load is read whole: up to the server's body limit (1 MiB), well past actix's own 256 KiB
/// default; beyond it, a problem saying the limit.
fn a_load_larger_than_actix_default_is_taken_and_one_over_the_limit_refused(backend: Backend) {
    let server = TestServer::start(backend);
    let csv = |count: usize| {
        let mut text = String::from(
            "Qualification Code,Title,Level,Credits,Qualification Award Category,DQ3-7 Approved From\n",
        );
        for n in 0..count {
            text.push_str(&format!(
                "Q{n:05},A qualification of some length for the test,5,120,21,\n"
            ));
        }
        text
    };
    let post = |text: String| {
        server
            .client()
            .post(server.url("/api/v1/registers/qualifications"))
            .bearer_auth(admin_token())
            .header("content-type", "text/csv")
            .body(text)
            .send()
            .expect("POST")
    };
    let taken = csv(6_000);
    assert!(taken.len() > 256 * 1024 && taken.len() < 1024 * 1024);
    assert_eq!(json_ok(post(taken))["written"], 6_000);
    let too_big = csv(25_000);
    assert!(too_big.len() > 1024 * 1024);
    let problem = expect_problem(post(too_big), 413);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("limit"),
        "{problem}"
    );
}
