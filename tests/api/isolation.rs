//! One organisation never sees another's data: every route of the OpenAPI document that names a
//! submission answers 404 to another organisation's token, and nothing changes.

use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::{ORG, Teo};
use crate::helpers::{Backend, TestServer, expect_problem, json_ok, token};
use crate::on_both_backends;

const OTHER_ORG: i64 = 7010;

fn another_organisation_gets_404_on_every_submission_route(backend: Backend) {
    let server = TestServer::start(backend);
    let owner = Teo::new(&server, ORG);
    let id = owner.open("2026-APR");
    let records = testkit::valid_records(3);
    owner.upload(&id, &records);
    let local_id = serde_json::from_str::<Value>(&records[0]).expect("JSON")["localId"]
        .as_str()
        .expect("id")
        .to_owned();
    let before = owner.submission(&id);

    let document = json_ok(server.get("/openapi.json", None));
    let mut checked = 0;
    for (path, item) in document["paths"].as_object().expect("paths") {
        if !path.starts_with("/api/v1/submissions/{id}") {
            continue;
        }
        let concrete = path
            .replace("{id}", &id)
            .replace("{localId}", &local_id)
            .replace("{fileName}", "COUR6004.txt");
        for method in item.as_object().expect("operations").keys() {
            for role in ["teo-submitter", "teo-viewer"] {
                let request = server
                    .client()
                    .request(
                        reqwest::Method::from_bytes(method.to_uppercase().as_bytes())
                            .expect("method"),
                        server.url(&concrete),
                    )
                    .bearer_auth(token(OTHER_ORG, role));
                let uploads_records = dxp_domain::SdrFile::EVERY
                    .iter()
                    .any(|file| concrete.ends_with(file.as_str()));
                let request = if uploads_records && method == "post" {
                    request
                        .header("content-type", "application/json")
                        .body(format!("{{\"records\":[{}]}}", records[0]))
                } else if method == "post" {
                    request.json(&json!({}))
                } else {
                    request
                };
                let response = request.send().expect("request");
                let status = response.status().as_u16();
                // A viewer is refused writes by role before the submission is looked up; either
                // way the foreign submission is neither shown nor changed.
                let expected: &[u16] = if role == "teo-viewer" && method != "get" {
                    &[403]
                } else {
                    &[404]
                };
                assert!(
                    expected.contains(&status),
                    "{role} {method} {path} answered {status}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked,
        // Six of the submission, three for each of six files, two of its course differences.
        2 * (6 + 3 * 6 + 2),
        "every operation that names a submission, with 2 roles"
    );

    let after = owner.submission(&id);
    assert_eq!(after["status"], before["status"]);
    assert_eq!(after["recordCounts"], before["recordCounts"]);
    assert_eq!(after["statusHistory"], before["statusHistory"]);

    // Lists show only the caller's own; the funder sees both.
    let theirs = Teo::new(&server, OTHER_ORG);
    theirs.open("2026-APR");
    let listed = json_ok(theirs.get("/api/v1/submissions"));
    assert_eq!(listed["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["results"][0]["organisation"], OTHER_ORG);
    let all = json_ok(server.get("/api/v1/submissions", Some(&crate::helpers::admin_token())));
    assert_eq!(all["results"].as_array().map(Vec::len), Some(2));
}

fn a_viewer_reads_but_cannot_write(backend: Backend) {
    let server = TestServer::start(backend);
    let owner = Teo::new(&server, ORG);
    let id = owner.open("2026-APR");
    let viewer = Teo {
        server: &server,
        token: token(ORG, "teo-viewer"),
    };
    assert_eq!(
        json_ok(viewer.get(&format!("/api/v1/submissions/{id}")))["id"],
        id.as_str()
    );
    json_ok(viewer.get(&format!("/api/v1/submissions/{id}/problems")));
    expect_problem(
        viewer.post("/api/v1/submissions", &json!({"round": "2026-APR"})),
        403,
    );
    expect_problem(viewer.upload_raw(&id, &testkit::valid_records(1)), 403);
    expect_problem(
        viewer.post(&format!("/api/v1/submissions/{id}/cancel"), &json!({})),
        403,
    );
}

fn a_teo_cannot_open_a_submission_for_another_organisation(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let problem = expect_problem(
        teo.post(
            "/api/v1/submissions",
            &json!({"round": "2026-APR", "organisation": OTHER_ORG}),
        ),
        403,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("7010")
    );
    let admin = Teo {
        server: &server,
        token: crate::helpers::admin_token(),
    };
    let created = admin.post(
        "/api/v1/submissions",
        &json!({"round": "2026-APR", "organisation": OTHER_ORG}),
    );
    assert_eq!(created.status().as_u16(), 201);
    expect_problem(
        admin.post("/api/v1/submissions", &json!({"round": "2026-APR"})),
        400,
    );
    expect_problem(
        teo.post("/api/v1/submissions", &json!({"round": "2031-APR"})),
        422,
    );
}

on_both_backends!(
    another_organisation_gets_404_on_every_submission_route,
    a_viewer_reads_but_cannot_write,
    a_teo_cannot_open_a_submission_for_another_organisation,
);
