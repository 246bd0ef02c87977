//! The portal's register pages through the server on both backends: the organisation's course
//! register and a course's history, the differences of a submission sent as change requests,
//! the funder's queue to approve or decline with a reason, and another organisation that sees
//! none of it.

use dxp_domain::SdrFile;
use dxp_domain::testkit;
use serde_json::{Value, json};

use super::areas::note;
use super::{Browser, DATA_OFFICER, FUNDER, OTHER_DATA_OFFICER, VIEWER, location};
use crate::client::Teo;
use crate::helpers::{Backend, TestServer, admin_token, json_ok};
use crate::on_both_backends;

fn answered(response: reqwest::blocking::Response, status: u16) -> String {
    let got = response.status().as_u16();
    let body = response.text().expect("the page");
    assert_eq!(got, status, "{body}");
    body
}

fn register_pages_show_the_register_and_carry_change_requests_to_a_decision(backend: Backend) {
    let server = TestServer::start(backend);
    for person in [&DATA_OFFICER, &VIEWER, &OTHER_DATA_OFFICER] {
        note(&server, person);
    }
    let records = testkit::valid_return(21, 2);
    let entries: Vec<Value> = records
        .courses
        .iter()
        .map(|text| {
            let mut course: Value = serde_json::from_str(text).expect("JSON");
            let object = course.as_object_mut().expect("object");
            for per_return in [
                "localId",
                "pbrfEligibleCourseIndicator",
                "discountedCourseTuitionFee",
                "discountedCompulsoryCourseCostsFee",
                "learningHours",
                "volumeResearchFactor",
            ] {
                object.remove(per_return);
            }
            object.insert("validFrom".to_owned(), json!(2026));
            course
        })
        .collect();
    let response = server
        .client()
        .post(server.url("/api/v1/registers/courses?organisation=6004"))
        .bearer_auth(admin_token())
        .json(&json!({"entries": entries}))
        .send()
        .expect("POST");
    json_ok(response);
    let mut changed: Value = serde_json::from_str(&records.courses[0]).expect("JSON");
    let code = changed["courseCode"].as_str().expect("code").to_owned();
    changed["credit"] = json!(changed["credit"].as_i64().expect("credit") + 5);

    let aroha = Browser::signed_in(&server, &DATA_OFFICER);
    let page = aroha.page("/registers");
    assert!(page.contains("Course register"), "{page}");
    assert!(page.contains(&code), "{page}");
    assert!(
        page.contains("href=\"/registers\""),
        "the navigation links the area"
    );
    let course = aroha.page(&format!("/registers/courses/{code}"));
    assert!(course.contains("Entered in the register"), "{course}");

    // A submission whose REGT changes credits: its differences, sent from the page.
    let teo = Teo::new(&server, 6004);
    let id = teo.open_as("2026-APR", "StandaloneFiles");
    json_ok(teo.upload_file(&id, SdrFile::Courses, &[changed.to_string()]));
    let differences = aroha.page(&format!("/registers/differences/{id}"));
    assert!(differences.contains("credit"), "{differences}");
    assert!(
        differences.contains("Send these differences"),
        "{differences}"
    );
    let sam = Browser::signed_in(&server, &VIEWER);
    assert!(
        !sam.page(&format!("/registers/differences/{id}"))
            .contains("Send these differences")
    );
    answered(sam.post(&format!("/registers/differences/{id}"), &[]), 403);
    let forged = aroha.post(
        &format!("/registers/differences/{id}"),
        &[("csrf", "not-the-session-token")],
    );
    assert_eq!(forged.status().as_u16(), 403);
    let sent = aroha.post(&format!("/registers/differences/{id}"), &[]);
    assert_eq!(location(&sent), format!("/registers/differences/{id}"));
    assert!(
        aroha
            .page(&format!("/registers/differences/{id}"))
            .contains("1 change request(s) sent")
    );
    let own = aroha.page("/registers/change-requests");
    assert!(own.contains("Pending"), "{own}");
    assert!(!own.contains("Approve "), "only the funder decides");

    // Another organisation sees none of it.
    let jordan = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    assert!(!jordan.page("/registers").contains(&code));
    assert!(!jordan.page("/registers/change-requests").contains(&code));
    answered(jordan.get(&format!("/registers/courses/{code}")), 404);
    answered(jordan.get(&format!("/registers/differences/{id}")), 404);
    answered(jordan.get("/registers?organisation=6004"), 403);

    // The funder's queue: a decline needs a reason; an approval changes the register.
    let mere = Browser::signed_in(&server, &FUNDER);
    let queue = mere.page("/registers/change-requests");
    assert!(queue.contains(&format!("Approve {code}")), "{queue}");
    let request = json_ok(server.get(
        "/api/v1/course-change-requests?status=Pending",
        Some(&admin_token()),
    ))["results"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let decision = format!("/registers/change-requests/{request}/decision");
    answered(aroha.post(&decision, &[("decision", "approve")]), 403);
    let blank = mere.post(&decision, &[("decision", "decline"), ("reason", " ")]);
    assert_eq!(location(&blank), "/registers/change-requests");
    let told = mere.page("/registers/change-requests");
    assert!(told.contains("Say why the change is declined"), "{told}");
    let approved = mere.post(&decision, &[("decision", "approve")]);
    assert_eq!(location(&approved), "/registers/change-requests");
    let decided = mere.page("/registers/change-requests");
    assert!(
        decided.contains(&format!("Course {code} of organisation 6004: approved.")),
        "{decided}"
    );
    assert!(
        !decided.contains(&format!("Approve {code}")),
        "no longer pending"
    );
    let history = aroha.page(&format!("/registers/courses/{code}"));
    assert!(history.contains("Changed credit"), "{history}");
    assert!(
        mere.page("/registers?organisation=6004").contains(&code),
        "the funder opens any organisation's register"
    );
}

on_both_backends!(register_pages_show_the_register_and_carry_change_requests_to_a_decision);
