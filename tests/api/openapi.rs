use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::{Backend, TestServer, dxp, json_ok, repo_root};
use crate::on_both_backends;

fn printed_document() -> String {
    let output = dxp().arg("openapi").output().expect("run dxp openapi");
    assert!(
        output.status.success(),
        "dxp openapi failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The committed document must be what `dxp openapi` prints, so clients generated from the file
/// match the server. `UPDATE_OPENAPI=1 cargo test` rewrites the file after a deliberate change.
#[test]
fn committed_document_matches_dxp_openapi() {
    let printed = printed_document();
    let path = repo_root().join("openapi/dxp.openapi.json");
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &printed).expect("write openapi/dxp.openapi.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == printed,
        "openapi/dxp.openapi.json differs from `dxp openapi`; run `UPDATE_OPENAPI=1 cargo test --test api openapi` and commit the file"
    );
}

/// Every route of the API, as (method, path).
fn routes() -> BTreeSet<(String, String)> {
    let mut routes: BTreeSet<(String, String)> = [
        ("get", "/health"),
        ("post", "/oauth2/access_token"),
        ("get", "/api/v1/rounds"),
        ("post", "/api/v1/rounds"),
        ("patch", "/api/v1/rounds/{id}"),
        ("post", "/api/v1/rounds/{id}/publish"),
        ("post", "/api/v1/rounds/{id}/stop-gate-lifts"),
        ("get", "/api/v1/rounds/{id}/stop-gate-lifts"),
        ("get", "/api/v1/due"),
        ("post", "/api/v1/workforce-questionnaires"),
        ("get", "/api/v1/workforce-questionnaires"),
        ("get", "/api/v1/audit-events"),
        ("get", "/api/v1/me"),
        ("put", "/api/v1/me/contact-numbers"),
        ("get", "/api/v1/me/notices"),
        ("post", "/api/v1/me/notices/{id}/read"),
        ("get", "/api/v1/me/email-preferences"),
        ("put", "/api/v1/me/email-preferences"),
        ("get", "/api/v1/people"),
        ("get", "/api/v1/people/{subject}"),
        ("put", "/api/v1/people/{subject}/access"),
        ("get", "/api/v1/insights/every-organisation/efts-by-month.csv"),
        ("get", "/api/v1/insights/every-organisation/qualifications.csv"),
        ("get", "/api/v1/insights/{edumis}/indicators"),
        ("get", "/api/v1/insights/{edumis}/indicators.csv"),
        ("get", "/api/v1/insights/{edumis}/efts-by-month.csv"),
        ("get", "/api/v1/insights/{edumis}/qualifications.csv"),
        ("get", "/api/v1/insights/{edumis}/delivery"),
        ("get", "/api/v1/insights/{edumis}/epic"),
        ("get", "/api/v1/insights/{edumis}/charts/epic.svg"),
        ("get", "/api/v1/insights/{edumis}/charts/epic.csv"),
        ("get", "/api/v1/insights/{edumis}/charts/indicators.svg"),
        ("get", "/api/v1/insights/{edumis}/charts/efts-by-month.svg"),
        ("get", "/api/v1/insights/{edumis}/charts/efts-by-month.csv"),
        ("get", "/api/v1/insights/{edumis}/charts/delivery.svg"),
        ("get", "/api/v1/insights/{edumis}/charts/delivery.csv"),
        ("post", "/api/v1/documents"),
        ("get", "/api/v1/documents"),
        ("get", "/api/v1/documents/{id}"),
        ("post", "/api/v1/documents/{id}/files"),
        ("get", "/api/v1/documents/{id}/files/{fileId}"),
        ("post", "/api/v1/documents/{id}/actioned"),
        ("put", "/api/v1/documents/{id}/submission"),
        ("get", "/api/v1/commitments/templates"),
        ("get", "/api/v1/commitments/funding-rates"),
        ("put", "/api/v1/commitments/funding-rates"),
        ("get", "/api/v1/commitments/subject-groupings"),
        ("put", "/api/v1/commitments/subject-groupings"),
        ("post", "/api/v1/commitments"),
        ("get", "/api/v1/commitments"),
        ("get", "/api/v1/commitments/{id}"),
        ("post", "/api/v1/commitments/{id}/rows"),
        ("put", "/api/v1/commitments/{id}/rows/{row}"),
        ("delete", "/api/v1/commitments/{id}/rows/{row}"),
        ("put", "/api/v1/commitments/{id}/csv"),
        ("get", "/api/v1/commitments/{id}/csv"),
        ("post", "/api/v1/commitments/{id}/submit"),
        ("get", "/api/v1/commitments/{id}/versions"),
        ("get", "/api/v1/commitments/{id}/versions/{version}"),
        ("get", "/api/v1/commitments/{id}/compare"),
        ("post", "/api/v1/commitments/{id}/versions/{version}/accept"),
        ("post", "/api/v1/commitments/{id}/versions/{version}/return"),
        ("post", "/api/v1/webhooks"),
        ("get", "/api/v1/webhooks"),
        ("get", "/api/v1/webhooks/{id}"),
        ("delete", "/api/v1/webhooks/{id}"),
        ("post", "/api/v1/webhooks/{id}/secret"),
        ("get", "/api/v1/webhooks/{id}/deliveries"),
        ("post", "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay"),
        ("get", "/api/v1/validation/rules"),
        ("post", "/api/v1/submissions"),
        ("get", "/api/v1/submissions"),
        ("get", "/api/v1/submissions/{id}"),
        ("post", "/api/v1/submissions/{id}/validate"),
        ("post", "/api/v1/submissions/{id}/submit"),
        ("post", "/api/v1/submissions/{id}/cancel"),
        ("get", "/api/v1/submissions/{id}/problems"),
        ("get", "/api/v1/registers/courses"),
        ("post", "/api/v1/registers/courses"),
        ("get", "/api/v1/registers/courses/{courseCode}"),
        ("get", "/api/v1/registers/qualifications"),
        ("post", "/api/v1/registers/qualifications"),
        ("post", "/api/v1/registers/nzqa-results"),
        ("get", "/api/v1/registers/delivery-sites"),
        ("post", "/api/v1/registers/delivery-sites"),
        ("get", "/api/v1/submissions/{id}/course-differences"),
        ("post", "/api/v1/submissions/{id}/course-change-requests"),
        ("get", "/api/v1/course-change-requests"),
        ("get", "/api/v1/course-change-requests/{id}"),
        ("post", "/api/v1/course-change-requests/{id}/approve"),
        ("post", "/api/v1/course-change-requests/{id}/decline"),
        ("post", "/api/v1/submissions/{id}/legacy-files/{fileName}"),
        // The work-based API (W1-W23, visits, the change feed).
        ("post", "/work-submission-api/v1.0/learners"),
        ("put", "/work-submission-api/v1.0/learners/{learnerLocalId}"),
        ("get", "/work-submission-api/v1.0/learners/{learnerLocalId}"),
        ("get", "/work-submission-api/v1.0/learners/{learnerLocalId}/fees"),
        ("post", "/work-submission-api/v1.0/programmes"),
        ("post", "/work-submission-api/v1.0/programmes/{programmeLocalId}/versions"),
        ("get", "/work-submission-api/v1.0/programmes/{programmeLocalId}/versions/{programmeVersionNumber}"),
        ("post", "/work-submission-api/v1.0/training-agreements"),
        ("get", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}"),
        ("put", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}"),
        ("post", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}/transfer"),
        ("post", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}/withdraw"),
        ("post", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}/hold"),
        ("post", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}/grace"),
        ("post", "/work-submission-api/v1.0/training-agreements/{trainingAgreementLocalId}/restart"),
        ("post", "/work-submission-api/v1.0/enrolments"),
        ("post", "/work-submission-api/v1.0/complex-enrolments"),
        ("get", "/work-submission-api/v1.0/enrolments/{enrolmentLocalId}"),
        ("put", "/work-submission-api/v1.0/enrolments/{enrolmentLocalId}"),
        ("delete", "/work-submission-api/v1.0/enrolments/{enrolmentLocalId}"),
        ("post", "/work-submission-api/v1.0/enrolments/{enrolmentLocalId}/withdraw"),
        ("post", "/work-submission-api/v1.0/training-plans"),
        ("get", "/work-submission-api/v1.0/training-plans/{trainingPlanLocalId}"),
        ("put", "/work-submission-api/v1.0/training-plans/{trainingPlanLocalId}"),
        ("post", "/work-submission-api/v1.0/training-plans/{trainingPlanLocalId}/visits"),
        ("post", "/work-submission-api/v1.0/off-job-deliveries"),
        ("get", "/work-submission-api/v1.0/off-job-deliveries/{offJobDeliveryLocalId}"),
        ("post", "/work-submission-api/v1.0/learner-fees"),
        ("post", "/work-submission-api/v1.0/learner-fees/files"),
        ("get", "/work-submission-api/v1.0/changes"),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_owned(), p.to_owned()))
    .collect();
    for file in dxp_domain::SdrFile::EVERY {
        let records = format!("/api/v1/submissions/{{id}}/{file}");
        routes.insert(("post".to_owned(), records.clone()));
        routes.insert(("get".to_owned(), records.clone()));
        routes.insert(("delete".to_owned(), format!("{records}/{{localId}}")));
        routes.insert(("post".to_owned(), format!("/api/v1/validation/{file}")));
    }
    routes
}

fn operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            found.insert((method.clone(), path.clone()));
        }
    }
    found
}

#[test]
fn document_is_openapi_3_1_and_lists_every_route() {
    let document: Value = serde_json::from_str(&printed_document()).expect("valid JSON");
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(operations(&document), routes());
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(document["components"]["schemas"]["Problem"].is_object());

    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let name = format!("{method} {path}");
            assert!(
                operation["operationId"].is_string(),
                "{name} has no operationId"
            );
            assert!(
                operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{name} has no tag"
            );
            let operation_id = operation["operationId"].as_str().unwrap_or_default();
            let verb = operation_id.split('_').next().unwrap_or_default();
            assert!(
                [
                    "get", "list", "create", "update", "delete", "upload", "validate", "submit",
                    "cancel", "publish", "mark", "add", "download", "link",
                    // A webhook's secret replaced; a delivery sent again.
                    "rotate", "replay",
                    // A training agreement's changes of state, as the funder names them.
                    "withdraw", "hold", "grace", "restart", "transfer",
                    // The funder's loads of a register and its decisions on change requests.
                    "load", "approve", "decline",
                    // The funder's decisions on a commitment's version.
                    "accept", "return",
                ]
                .contains(&verb)
                    && operation_id.contains('_'),
                "{name}: operationId {operation_id} is not <verb>_<resource>"
            );
            for (status, response) in operation["responses"].as_object().expect("responses") {
                assert!(
                    response["description"].is_string(),
                    "{name} {status} has no description"
                );
                // The token endpoint refuses in OAuth's own words (RFC 6749 §5.2), which OAuth
                // clients read; its other failures are problems like everywhere else.
                let oauth_refusal =
                    path == "/oauth2/access_token" && (status == "400" || status == "401");
                if !status.starts_with('2') && !oauth_refusal {
                    assert!(
                        response["content"]["application/problem+json"]["schema"]["$ref"]
                            == "#/components/schemas/Problem",
                        "{name} {status} is not a problem+json response"
                    );
                }
                for_each_json_body(response, &format!("{name} {status}"));
            }
            assert!(
                operation["responses"]["500"].is_object(),
                "{name} has no 500"
            );
            assert!(
                operation["responses"]["429"]["headers"]["Retry-After"].is_object(),
                "{name} has no 429 with Retry-After"
            );
            if let Some(body) = operation.get("requestBody") {
                for_each_json_body(body, &format!("{name} request"));
            }
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                assert!(
                    parameter["schema"]["type"].is_string()
                        || parameter["schema"]["$ref"].is_string(),
                    "{name}: parameter {} is nullable or untyped: generators need one type",
                    parameter["name"]
                );
            }
            if path.starts_with("/api/") {
                assert_eq!(
                    operation["security"],
                    serde_json::json!([{"bearer": []}]),
                    "{name} is not protected"
                );
                assert!(
                    operation["responses"]["401"].is_object(),
                    "{name} does not document 401"
                );
            }
        }
    }
}

/// Every JSON body of a request or response has an example and names its schema (no inline
/// object a generator would have to invent a name for); text bodies are binary.
fn for_each_json_body(holder: &Value, name: &str) {
    for (media_type, entry) in holder["content"].as_object().into_iter().flatten() {
        if media_type.starts_with("text/") {
            if name.ends_with("request") {
                assert_eq!(entry["schema"]["format"], "binary", "{name} {media_type}");
            }
            continue;
        }
        if media_type == "application/octet-stream" {
            let schema = &entry["schema"];
            assert!(
                schema["format"] == "binary" || schema["$ref"].is_string(),
                "{name} {media_type}: {schema}"
            );
            continue;
        }
        assert!(
            entry.get("example").is_some(),
            "{name} {media_type} has no example"
        );
        let schema = &entry["schema"];
        let named = schema["$ref"].is_string()
            || schema["items"]["$ref"].is_string()
            || schema["type"] == "string";
        assert!(named, "{name} {media_type} has an inline schema: {schema}");
    }
}

fn served_document_is_the_printed_one_and_every_path_is_routed(backend: Backend) {
    let server = TestServer::start(backend);
    let served = json_ok(server.get("/openapi.json", None));
    let printed: Value = serde_json::from_str(&printed_document()).expect("valid JSON");
    assert_eq!(served, printed);
    // Every documented operation is routed: without a token it answers 200 or 401, never the
    // unknown-route 404.
    for (method, path) in operations(&served) {
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let status = server
            .client()
            .request(method.clone(), server.url(&path))
            .send()
            .expect("request")
            .status()
            .as_u16();
        assert!(
            status == 200 || status == 401,
            "{method} {path} answered {status}"
        );
    }
}

on_both_backends!(served_document_is_the_printed_one_and_every_path_is_routed);
