//! The portal's commitments pages on both backends: the organisation keys a MoP row by row
//! with its drop-downs, pastes a CSV, sees the funded value and submits after confirming; the
//! TEC accepts it on the same page; an EPIC's Year 1–3 form; the history; another
//! organisation sees none of it.

use serde_json::{Value, json};

use super::areas::note;
use super::{Browser, DATA_OFFICER, FUNDER, OTHER_DATA_OFFICER, location};
use crate::helpers::{Backend, TestServer, admin_token, json_ok};
use crate::on_both_backends;

/// Provisions a 2027 commitment for organisation 6004 as the funder; its id.
pub(super) fn provision(server: &TestServer, template: &str, allocation: Option<&str>) -> String {
    let response = server
        .client()
        .post(server.url("/api/v1/commitments"))
        .bearer_auth(admin_token())
        .json(&json!({"organisation": 6004, "template": template, "planYear": 2027, "dueOn": "2027-07-02", "allocation": allocation}))
        .send()
        .expect("provision");
    assert_eq!(response.status().as_u16(), 201);
    let body: Value = response.json().expect("json");
    body["id"].as_str().expect("id").to_owned()
}

fn a_mop_and_an_epic_are_filled_in_submitted_and_reviewed_in_the_portal(backend: Backend) {
    let server = TestServer::start(backend);
    note(&server, &DATA_OFFICER);
    note(&server, &OTHER_DATA_OFFICER);
    let rates = server
        .client()
        .put(server.url("/api/v1/commitments/funding-rates"))
        .bearer_auth(admin_token())
        .header("content-type", "text/csv")
        .body("Fund,Plan Year,Funding Category,Mode,Rate\nACE,2027,ACE,provider-based,14.50\n")
        .send()
        .expect("rates");
    json_ok(rates);
    let mop = provision(&server, "ace-in-schools", Some("3625"));
    let epic = provision(&server, "epic", None);

    let teo = Browser::signed_in(&server, &DATA_OFFICER);
    let list = teo.page("/commitments");
    assert!(list.contains("ACE in Schools Mix of Provision"), "{list}");
    assert!(list.contains("DQ1-10 EPIC"), "{list}");
    let page = teo.page(&format!("/commitments/{mop}"));
    assert!(
        page.contains("<option value=\"Otago\">"),
        "drop-downs: {page}"
    );
    assert!(page.contains("MOP-011"), "{page}");

    let added = teo.post(
        &format!("/commitments/{mop}/rows"),
        &[
            ("courseTitle", "Te reo for whānau"),
            ("regionOfDelivery", "Otago"),
            ("priorityProvision1", "TEREO"),
            ("priorityProvision2", ""),
            ("targetPriorityGroup", "MAORI"),
            ("hoursPerLearner", "12.50"),
            ("numberOfLearners", "20"),
            ("comments", ""),
        ],
    );
    assert_eq!(location(&added), format!("/commitments/{mop}"));
    let page = teo.page(&format!("/commitments/{mop}"));
    assert!(
        page.contains("Row added. The funded value is now $3,625.00."),
        "{page}"
    );
    assert!(page.contains("250.00"), "{page}");
    assert!(!page.contains("MOP-011"), "{page}");

    let pasted = teo.post(
        &format!("/commitments/{mop}/csv"),
        &[(
            "csv",
            "Course title,Region of delivery,Priority provision (1),Target priority group,Hours per learner,Number of learners\n\
             Te reo for whānau,Otago,TEREO,MAORI,12.50,20\n",
        )],
    );
    assert_eq!(pasted.status().as_u16(), 303);
    let page = teo.page(&format!("/commitments/{mop}"));
    assert!(page.contains("1 rows replaced the MoP"), "{page}");
    assert!(page.contains("$3,625.00"), "{page}");

    // Not confirmed: not submitted.
    teo.post(&format!("/commitments/{mop}/submit"), &[]);
    assert!(
        teo.page(&format!("/commitments/{mop}"))
            .contains("Not submitted")
    );
    teo.post(&format!("/commitments/{mop}/submit"), &[("confirm", "yes")]);
    let page = teo.page(&format!("/commitments/{mop}"));
    assert!(
        page.contains("Submitted to the TEC for review as version 1."),
        "{page}"
    );
    assert!(
        !page.contains("Review version"),
        "an organisation does not review its own"
    );

    let funder = Browser::signed_in(&server, &FUNDER);
    let review = funder.page(&format!("/commitments/{mop}"));
    assert!(review.contains("Review version 1"), "{review}");
    funder.post(
        &format!("/commitments/{mop}/decision"),
        &[("version", "1"), ("decision", "accept"), ("comment", "")],
    );
    assert!(
        funder
            .page(&format!("/commitments/{mop}"))
            .contains("Accepted by the TEC")
    );
    let history = teo.page(&format!("/commitments/{mop}/history?from=1&to=1"));
    assert!(history.contains("Accepted by"), "{history}");

    // The EPIC's form: Year 1–3 values per row.
    let page = teo.page(&format!("/commitments/{epic}"));
    assert!(page.contains("name=\"r1_year1\""), "{page}");
    teo.post(
        &format!("/commitments/{epic}/epic"),
        &[("r1_year1", "10"), ("r1_year2", "11"), ("r1_year3", "12")],
    );
    let page = teo.page(&format!("/commitments/{epic}"));
    assert!(page.contains("Saved the values of 1 rows."), "{page}");
    assert!(page.contains("value=\"11\""), "{page}");

    // Another organisation sees none of it.
    let other = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    assert!(!other.page("/commitments").contains("ACE in Schools"));
    for path in [
        format!("/commitments/{mop}"),
        format!("/commitments/{epic}/history"),
    ] {
        assert_eq!(other.get(&path).status().as_u16(), 404, "{path}");
    }
}

on_both_backends!(a_mop_and_an_epic_are_filled_in_submitted_and_reviewed_in_the_portal);
