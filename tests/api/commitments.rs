//! Commitments through the server on both backends: a MoP uploaded as CSV and the same MoP
//! keyed in row by row give the same totals and funded value; an EPIC's three years are
//! submitted, returned with a comment, corrected and accepted, with both versions in the
//! history and comparable; another organisation sees none of it; an organisation cannot
//! decide its own; the funder alone provisions and loads rates.

use reqwest::blocking::Response;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok, person_token};
use crate::on_both_backends;

const SAMPLE_RATES: &str = include_str!("../../reference/funding-rates-sample.csv");

fn person(subject: &str, org: i64) -> String {
    person_token(
        subject,
        org,
        "teo-submitter",
        &format!("{subject}@teo.test"),
    )
}

fn send(
    server: &TestServer,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Response {
    let mut request = server
        .client()
        .request(method, server.url(path))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().expect("request")
}

fn post(server: &TestServer, path: &str, token: &str, body: &Value) -> Response {
    send(server, reqwest::Method::POST, path, token, Some(body))
}

fn put(server: &TestServer, path: &str, token: &str, body: &Value) -> Response {
    send(server, reqwest::Method::PUT, path, token, Some(body))
}

fn put_csv(server: &TestServer, path: &str, token: &str, text: &str) -> Response {
    server
        .client()
        .put(server.url(path))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(text.to_owned())
        .send()
        .expect("PUT csv")
}

fn load_sample_rates(server: &TestServer) {
    let loaded = json_ok(put_csv(
        server,
        "/api/v1/commitments/funding-rates",
        &admin_token(),
        SAMPLE_RATES,
    ));
    assert!(
        loaded["rates"]
            .as_array()
            .is_some_and(|rates| rates.len() > 20),
        "{loaded}"
    );
}

fn provision(server: &TestServer, org: i64, template: &str, allocation: Option<&str>) -> Value {
    let response = post(
        server,
        "/api/v1/commitments",
        &admin_token(),
        &json!({
            "organisation": org,
            "template": template,
            "planYear": 2027,
            "dueOn": "2027-07-02",
            "allocation": allocation,
        }),
    );
    assert_eq!(response.status().as_u16(), 201, "provision");
    response.json().expect("a commitment")
}

fn notice_kinds(server: &TestServer, token: &str) -> Vec<String> {
    json_ok(server.get("/api/v1/me/notices", Some(token)))["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|notice| notice["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Three DQ3-7 rows: one Plan-agreed unfunded, one given by its drop-down label.
const DQ_CSV: &str = "Qualification or subject area,Funding category,NZQCF level,Mode of delivery,EFTS,Plan-agreed unfunded,Comments\r\n\
NZ Certificate in Carpentry (Level 4),SG2,4,provider-based,12.500,No,\r\n\
\"Business, administration\",\"Humanities, business and social services\",5,provider-based,3.25,,second intake\r\n\
Te reo Māori (Level 3),SG6,3,provider-based,2,Yes,\r\n";

fn dq_rows() -> [Value; 3] {
    [
        json!({"qualificationOrSubjectArea": "NZ Certificate in Carpentry (Level 4)", "fundingCategory": "SG2", "nzqcfLevel": 4, "modeOfDelivery": "provider-based", "efts": "12.500", "planAgreedUnfunded": "No"}),
        json!({"qualificationOrSubjectArea": "Business, administration", "fundingCategory": "SG1", "nzqcfLevel": 5, "modeOfDelivery": "Provider-based", "efts": 3.25, "comments": "second intake"}),
        json!({"qualificationOrSubjectArea": "Te reo Māori (Level 3)", "fundingCategory": "SG6", "nzqcfLevel": "3", "modeOfDelivery": "provider-based", "efts": "2", "planAgreedUnfunded": "Yes"}),
    ]
}

fn a_mop_uploaded_as_csv_and_keyed_in_row_by_row_gives_the_same_totals(backend: Backend) {
    let server = TestServer::start(backend);
    let uploader = person("ana", 6004);
    let keyer = person("cai", 6005);
    for token in [&uploader, &keyer] {
        json_ok(server.get("/api/v1/me", Some(token)));
    }
    // Only the funder loads rates and provisions.
    expect_problem(
        put_csv(
            &server,
            "/api/v1/commitments/funding-rates",
            &uploader,
            SAMPLE_RATES,
        ),
        403,
    );
    expect_problem(
        post(
            &server,
            "/api/v1/commitments",
            &uploader,
            &json!({"organisation": 6004, "template": "dq3-7", "planYear": 2027, "dueOn": "2027-07-02"}),
        ),
        403,
    );
    load_sample_rates(&server);
    // 12.5 × $9,800 + 3.25 × $7,500 = $146,875 funded; 2 × $8,200 = $16,400 unfunded.
    let uploaded = provision(&server, 6004, "dq3-7", Some("150000"));
    let keyed = provision(&server, 6005, "dq3-7", Some("150000"));
    assert_eq!(uploaded["state"], "Provisioned");
    assert!(notice_kinds(&server, &uploader).contains(&"commitment-provisioned".to_owned()));
    let uploaded_id = uploaded["id"].as_str().expect("id").to_owned();
    let keyed_id = keyed["id"].as_str().expect("id").to_owned();
    expect_problem(
        post(
            &server,
            "/api/v1/commitments",
            &admin_token(),
            &json!({"organisation": 6004, "template": "dq3-7", "planYear": 2027, "dueOn": "2027-07-02"}),
        ),
        422,
    );

    let by_csv = json_ok(put_csv(
        &server,
        &format!("/api/v1/commitments/{uploaded_id}/csv"),
        &uploader,
        DQ_CSV,
    ));
    assert_eq!(by_csv["ignoredColumns"], json!([]));
    let by_csv = &by_csv["commitment"];
    for row in dq_rows() {
        let response = post(
            &server,
            &format!("/api/v1/commitments/{keyed_id}/rows"),
            &keyer,
            &json!({"values": row}),
        );
        assert_eq!(response.status().as_u16(), 201);
    }
    let by_rows = json_ok(server.get(&format!("/api/v1/commitments/{keyed_id}"), Some(&keyer)));
    assert_eq!(by_csv["totals"], by_rows["totals"], "{by_csv}\n{by_rows}");
    assert_eq!(by_csv["totals"]["fundedValue"], "146875.00");
    assert_eq!(by_csv["totals"]["unfundedValue"], "16400.00");
    assert_eq!(by_csv["totals"]["totalVolume"], "17.750");
    assert_eq!(by_csv["totals"]["percentOfAllocation"], "97.9");
    assert_eq!(by_csv["rows"], by_rows["rows"]);
    assert_eq!(by_csv["state"], "Draft");
    // Under 99% of the allocation: a warning (MOP-010), which does not stop a submission.
    assert_eq!(by_csv["errorCount"], 0, "{by_csv}");
    assert_eq!(by_csv["problems"][0]["rule"], "MOP-010");

    // The export has the computed columns; uploaded again they are ignored and recomputed.
    let export = server.get(
        &format!("/api/v1/commitments/{uploaded_id}/csv"),
        Some(&uploader),
    );
    assert_eq!(export.status().as_u16(), 200);
    let exported = export.text().expect("csv");
    assert!(
        exported.starts_with("Qualification or subject area,"),
        "{exported}"
    );
    assert!(exported.contains("Funded value"), "{exported}");
    assert!(exported.contains("122500.00"), "{exported}");
    let again = json_ok(put_csv(
        &server,
        &format!("/api/v1/commitments/{uploaded_id}/csv"),
        &uploader,
        &exported,
    ));
    assert_eq!(again["ignoredColumns"], json!(["fundedValue"]));
    assert_eq!(again["commitment"]["totals"], by_csv["totals"]);

    // A file that cannot be read replaces nothing, and says why.
    let refused = expect_problem(
        put_csv(
            &server,
            &format!("/api/v1/commitments/{uploaded_id}/csv"),
            &uploader,
            "Qualification,EFTS\r\nx,1\r\n",
        ),
        422,
    );
    assert!(
        refused["detail"]
            .as_str()
            .is_some_and(|d| d.contains("MOP-008")),
        "{refused}"
    );
    let unchanged = json_ok(server.get(
        &format!("/api/v1/commitments/{uploaded_id}"),
        Some(&uploader),
    ));
    assert_eq!(unchanged["totals"], by_csv["totals"]);

    // A row with errors is kept and named; submitting waits until it is fixed.
    let with_error = json_ok(post(
        &server,
        &format!("/api/v1/commitments/{keyed_id}/rows"),
        &keyer,
        &json!({"values": {"qualificationOrSubjectArea": "x", "fundingCategory": "SG9", "nzqcfLevel": 9, "modeOfDelivery": "provider-based", "efts": "1.0001"}}),
    ));
    let rules: Vec<&str> = with_error["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["rule"].as_str().unwrap_or_default())
        .collect();
    for rule in ["MOP-003", "MOP-004", "MOP-006"] {
        assert!(rules.contains(&rule), "{rule}: {with_error}");
    }
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{keyed_id}/submit"),
            &keyer,
            &json!({}),
        ),
        422,
    );
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{keyed_id}/rows"),
            &keyer,
            &json!({"values": {"courseTitle": "not a DQ column"}}),
        ),
        400,
    );
    let removed = json_ok(send(
        &server,
        reqwest::Method::DELETE,
        &format!("/api/v1/commitments/{keyed_id}/rows/4"),
        &keyer,
        None,
    ));
    assert_eq!(removed["totals"], by_csv["totals"]);

    let submitted = json_ok(post(
        &server,
        &format!("/api/v1/commitments/{uploaded_id}/submit"),
        &uploader,
        &json!({}),
    ));
    assert_eq!(submitted["version"], 1);
    assert_eq!(submitted["fundedValue"], "146875.00");
    assert_eq!(submitted["warningCount"], 1);
    // Submitted: it waits for the funder and cannot change.
    expect_problem(
        put_csv(
            &server,
            &format!("/api/v1/commitments/{uploaded_id}/csv"),
            &uploader,
            DQ_CSV,
        ),
        409,
    );

    // The other organisation sees none of it, and may not list it.
    expect_problem(
        server.get(&format!("/api/v1/commitments/{uploaded_id}"), Some(&keyer)),
        404,
    );
    expect_problem(
        server.get(
            &format!("/api/v1/commitments/{uploaded_id}/csv"),
            Some(&keyer),
        ),
        404,
    );
    expect_problem(
        server.get(
            &format!("/api/v1/commitments/{uploaded_id}/versions"),
            Some(&keyer),
        ),
        404,
    );
    expect_problem(
        server.get("/api/v1/commitments?organisation=6004", Some(&keyer)),
        403,
    );
    let listed = json_ok(server.get("/api/v1/commitments", Some(&keyer)));
    assert_eq!(listed["commitments"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["commitments"][0]["id"], keyed_id.as_str());
    let all = json_ok(server.get("/api/v1/commitments", Some(&admin_token())));
    assert_eq!(all["commitments"].as_array().map(Vec::len), Some(2));

    // What is due lists each organisation's own commitment with its state.
    let due = json_ok(server.get("/api/v1/due", Some(&uploader)));
    assert_eq!(due["commitments"][0]["id"], uploaded_id.as_str(), "{due}");
    assert_eq!(due["commitments"][0]["state"], "Submitted");
    assert_eq!(due["commitments"].as_array().map(Vec::len), Some(1));
}

fn an_epic_is_submitted_returned_corrected_and_accepted(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = person("ana", 6004);
    let outsider = person("eru", 6007);
    for token in [&teo, &outsider] {
        json_ok(server.get("/api/v1/me", Some(token)));
    }
    let epic = provision(&server, 6004, "epic", None);
    let id = epic["id"].as_str().expect("id").to_owned();
    let rows = epic["rows"].as_array().expect("rows").clone();
    assert_eq!(rows.len(), 24);
    assert_eq!(rows[0]["values"]["epicType"], "Expected Graduates");
    assert!(rows[0]["values"].get("year1").is_none());
    // Nothing entered: it cannot be submitted.
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/submit"),
            &teo,
            &json!({}),
        ),
        409,
    );

    // Rows are pre-populated: none added, no CSV, no description changed.
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/rows"),
            &teo,
            &json!({"values": {"year1": 1}}),
        ),
        422,
    );
    expect_problem(
        put_csv(
            &server,
            &format!("/api/v1/commitments/{id}/csv"),
            &teo,
            "Year 1\n1\n",
        ),
        422,
    );
    let refused = expect_problem(
        put(
            &server,
            &format!("/api/v1/commitments/{id}/rows/1"),
            &teo,
            &json!({"values": {"description": "mine"}}),
        ),
        400,
    );
    assert!(
        refused["detail"]
            .as_str()
            .is_some_and(|d| d.contains("EPIC-004")),
        "{refused}"
    );

    let mut last = Value::Null;
    for row in &rows {
        let number = row["row"].as_i64().expect("row");
        let values = if row["values"]["measure"] == "percentage" {
            json!({"year1": "10.5", "year2": 11, "year3": "12"})
        } else {
            json!({"year1": 20, "year2": 22, "year3": 25})
        };
        last = json_ok(put(
            &server,
            &format!("/api/v1/commitments/{id}/rows/{number}"),
            &teo,
            &json!({"values": values}),
        ));
    }
    assert_eq!(last["errorCount"], 0, "{last}");
    assert_eq!(
        last["rows"][0]["values"]["description"],
        rows[0]["values"]["description"]
    );
    // A percentage over 100 is an error (EPIC-003) until fixed.
    let wrong = json_ok(put(
        &server,
        &format!("/api/v1/commitments/{id}/rows/13"),
        &teo,
        &json!({"values": {"year3": "101"}}),
    ));
    assert_eq!(wrong["problems"][0]["rule"], "EPIC-003", "{wrong}");
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/submit"),
            &teo,
            &json!({}),
        ),
        422,
    );
    json_ok(put(
        &server,
        &format!("/api/v1/commitments/{id}/rows/13"),
        &teo,
        &json!({"values": {"year3": "12"}}),
    ));

    let first = json_ok(post(
        &server,
        &format!("/api/v1/commitments/{id}/submit"),
        &teo,
        &json!({}),
    ));
    assert_eq!(first["version"], 1);
    // An organisation cannot decide its own, nor may anyone return without a comment.
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/versions/1/accept"),
            &teo,
            &json!({}),
        ),
        403,
    );
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/versions/1/return"),
            &admin_token(),
            &json!({}),
        ),
        400,
    );
    let returned = json_ok(post(
        &server,
        &format!("/api/v1/commitments/{id}/versions/1/return"),
        &admin_token(),
        &json!({"comment": "Year 2 Māori graduates at level 1-3 look low: check them"}),
    ));
    assert_eq!(returned["decision"], "returned");
    assert!(notice_kinds(&server, &teo).contains(&"commitment-returned".to_owned()));
    // Decided: a second decision on the same version is refused.
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/versions/1/accept"),
            &admin_token(),
            &json!({}),
        ),
        409,
    );

    json_ok(put(
        &server,
        &format!("/api/v1/commitments/{id}/rows/1"),
        &teo,
        &json!({"values": {"year2": "30"}}),
    ));
    let second = json_ok(post(
        &server,
        &format!("/api/v1/commitments/{id}/submit"),
        &teo,
        &json!({}),
    ));
    assert_eq!(second["version"], 2);
    let compared = json_ok(server.get(
        &format!("/api/v1/commitments/{id}/compare?from=1&to=2"),
        Some(&teo),
    ));
    assert_eq!(
        compared["rows"],
        json!([{"row": 1, "difference": "changed", "changes": [{"column": "year2", "from": "22", "to": "30"}]}]),
    );
    // A body that cannot be read is refused, not taken as an acceptance without a comment.
    expect_problem(
        post(
            &server,
            &format!("/api/v1/commitments/{id}/versions/2/accept"),
            &admin_token(),
            &json!({"coment": "misspelt"}),
        ),
        400,
    );
    let accepted = json_ok(post(
        &server,
        &format!("/api/v1/commitments/{id}/versions/2/accept"),
        &admin_token(),
        &json!({}),
    ));
    assert_eq!(accepted["decision"], "accepted");
    assert!(notice_kinds(&server, &teo).contains(&"commitment-accepted".to_owned()));

    let history = json_ok(server.get(&format!("/api/v1/commitments/{id}/versions"), Some(&teo)));
    assert_eq!(history["commitment"]["state"], "Accepted");
    let versions = history["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["decision"], "returned");
    assert_eq!(
        versions[0]["comment"],
        "Year 2 Māori graduates at level 1-3 look low: check them"
    );
    assert_eq!(versions[1]["decision"], "accepted");
    let version_one =
        json_ok(server.get(&format!("/api/v1/commitments/{id}/versions/1"), Some(&teo)));
    assert_eq!(version_one["rows"][0]["values"]["year2"], "22");
    // Accepted: final.
    expect_problem(
        put(
            &server,
            &format!("/api/v1/commitments/{id}/rows/1"),
            &teo,
            &json!({"values": {"year2": "31"}}),
        ),
        409,
    );

    // Another organisation sees none of it.
    for path in [
        format!("/api/v1/commitments/{id}"),
        format!("/api/v1/commitments/{id}/versions"),
        format!("/api/v1/commitments/{id}/versions/1"),
        format!("/api/v1/commitments/{id}/compare?from=1&to=2"),
    ] {
        expect_problem(server.get(&path, Some(&outsider)), 404);
    }
    expect_problem(
        put(
            &server,
            &format!("/api/v1/commitments/{id}/rows/1"),
            &outsider,
            &json!({"values": {"year2": "1"}}),
        ),
        404,
    );
    let listed = json_ok(server.get("/api/v1/commitments", Some(&outsider)));
    assert_eq!(listed["commitments"], json!([]));
    assert!(
        !notice_kinds(&server, &outsider)
            .iter()
            .any(|kind| kind.starts_with("commitment"))
    );
}

on_both_backends!(
    a_mop_uploaded_as_csv_and_keyed_in_row_by_row_gives_the_same_totals,
    an_epic_is_submitted_returned_corrected_and_accepted,
);
