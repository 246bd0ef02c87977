//! Information products through the server on both backends: lodging a return summarises its
//! facts, a resubmission replaces them, the extracts are CSV a spreadsheet opens, the charts
//! are well-formed SVG, and another organisation (or a person without the role) sees nothing.

use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::{ORG, Teo};
use crate::helpers::{
    Backend, TestServer, admin_token, expect_problem, json_ok, person_token, token,
};
use crate::on_both_backends;

fn person(subject: &str, org: i64) -> String {
    person_token(
        subject,
        org,
        "teo-submitter",
        &format!("{subject}@teo.test"),
    )
}

/// A person of `ORG` with the information products role (granted by the organisation's first
/// person, its user settings admin), and one without it.
fn people(server: &TestServer) -> (String, String) {
    let (ana, ben) = (person("ana", ORG), person("ben", ORG));
    for token in [&ana, &ben] {
        json_ok(server.get("/api/v1/me", Some(token)));
    }
    json_ok(
        server
            .client()
            .put(server.url("/api/v1/people/ben/access"))
            .bearer_auth(&ana)
            .json(&json!({"portalRoles": ["general-access", "information-products"], "disabled": false}))
            .send()
            .expect("PUT access"),
    );
    (ben, ana)
}

fn processed_return(teo: &Teo, seed: u64, learners: usize) -> String {
    let id = teo.open("2026-AUG");
    teo.upload_return(&id, &testkit::valid_return(seed, learners));
    assert_eq!(teo.validate(&id)["status"], "Processed");
    id
}

fn lodged_return(teo: &Teo, seed: u64, learners: usize) -> String {
    let id = processed_return(teo, seed, learners);
    json_ok(teo.lodge(&id));
    id
}

fn text_of(response: reqwest::blocking::Response, media_type: &str) -> String {
    assert_eq!(response.status().as_u16(), 200, "status");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(content_type.starts_with(media_type), "{content_type}");
    response.text().expect("text")
}

/// Reads a CSV as a spreadsheet would: the byte-order mark, then a header row.
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte-order mark");
    assert!(body.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|row| row.expect("a row").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn assert_well_formed_svg(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i32;
    let mut root = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(start) => {
                if root.is_none() {
                    root = Some(String::from_utf8_lossy(start.name().as_ref()).into_owned());
                }
                depth += 1;
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element closed");
    assert_eq!(root.as_deref(), Some("svg"));
}

fn efts_sum(rows: &[Vec<String>], column: usize) -> f64 {
    rows.iter()
        .map(|row| row[column].parse::<f64>().expect("EFTS"))
        .sum()
}

fn lodging_makes_the_facts_and_a_resubmission_replaces_them(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, _) = people(&server);
    let indicators = format!("/api/v1/insights/{ORG}/indicators");

    let before = json_ok(server.get(&indicators, Some(&ben)));
    assert_eq!(before["rounds"], json!([]));

    let first = lodged_return(&teo, 5, 3);
    let after = json_ok(server.get(&indicators, Some(&ben)));
    let rounds = after["rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 1, "{after}");
    assert_eq!(rounds[0]["round"], "2026-AUG");
    assert_eq!(rounds[0]["submissionId"], first.as_str());
    assert_eq!(rounds[0]["learners"], 3);
    assert_eq!(
        rounds[0]["enrolments"],
        testkit::valid_return(5, 3).course_enrolments.len()
    );
    // Three learners hold too few EFTS for any band: every band figure is suppressed, and
    // said so in words.
    let figures = after["figures"].as_array().expect("figures");
    assert!(figures.iter().any(|figure| {
        figure["by"] == "level-band"
            && figure["status"] == "suppressed"
            && figure["inWords"]
                .as_str()
                .unwrap_or_default()
                .contains("fewer than 30 EFTS")
    }));
    assert!(
        figures
            .iter()
            .filter(|figure| figure["status"] == "suppressed")
            .all(|figure| figure["rate"].is_null())
    );

    // The EFTS extract adds up to the year's EFTS.
    let (header, rows) = csv_rows(&text_of(
        server.get(
            &format!("/api/v1/insights/{ORG}/efts-by-month.csv"),
            Some(&ben),
        ),
        "text/csv",
    ));
    assert_eq!(
        header,
        [
            "EDUMIS",
            "Year",
            "Round",
            "Month",
            "Source of Funding",
            "Funding Category",
            "EFTS"
        ]
    );
    let total: f64 = rounds[0]["efts"]
        .as_str()
        .expect("EFTS")
        .parse()
        .expect("a number");
    assert!((efts_sum(&rows, 6) - total).abs() < 1e-6, "{total}");
    assert!(
        rows.iter()
            .all(|row| row[0] == ORG.to_string() && row[2] == "2026-AUG")
    );

    let (header, rows) = csv_rows(&text_of(
        server.get(
            &format!("/api/v1/insights/{ORG}/qualifications.csv"),
            Some(&ben),
        ),
        "text/csv",
    ));
    assert_eq!(header[3], "Qualification Code");
    let learners: u32 = rows
        .iter()
        .map(|row| row[4].parse::<u32>().expect("count"))
        .sum();
    assert!(learners >= 3, "every learner is in a qualification");

    // A resubmission (after the funder's lift) replaces the round's facts.
    let second = processed_return(&teo, 6, 5);
    let lift = server
        .client()
        .post(server.url("/api/v1/rounds/2026-AUG/stop-gate-lifts"))
        .bearer_auth(admin_token())
        .json(&json!({"organisation": ORG, "dueAt": "2026-08-14T17:00:00+12:00", "reason": "approved"}))
        .send()
        .expect("POST lift");
    assert_eq!(lift.status().as_u16(), 201, "{:?}", lift.text());
    json_ok(teo.lodge(&second));
    let replaced = json_ok(server.get(&indicators, Some(&ben)));
    let rounds = replaced["rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 1, "{replaced}");
    assert_eq!(rounds[0]["submissionId"], second.as_str());
    assert_eq!(rounds[0]["learners"], 5);

    // Delivery is given in EFTS until rates and allocations are loaded.
    let delivery = json_ok(server.get(
        &format!("/api/v1/insights/{ORG}/delivery?year=2026"),
        Some(&ben),
    ));
    assert_eq!(delivery["round"], "2026-AUG");
    assert_eq!(delivery["monthlyEfts"].as_array().map(Vec::len), Some(12));
    assert!(delivery["band"].is_null());
    // August's return: delivered to the end of August, and the year projected from what the
    // enrolments report (no 2025 returns to learn the rest of the year from).
    assert_eq!(delivery["throughMonth"], 8);
    let to_august: i64 = delivery["monthlyEfts"].as_array().expect("months")[..8]
        .iter()
        .map(efts_units)
        .sum();
    assert_eq!(efts_units(&delivery["deliveredToDateEfts"]), to_august);
    assert_eq!(delivery["projectedEfts"], delivery["deliveredEfts"]);
    assert!(
        delivery["inWords"]
            .as_str()
            .is_some_and(|words| words.contains("from the enrolments reported so far")),
        "{delivery}"
    );
}

fn charts_are_svg_with_their_numbers_as_csv(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, _) = people(&server);
    lodged_return(&teo, 7, 4);
    for chart in ["indicators", "efts-by-month", "delivery"] {
        let svg = text_of(
            server.get(
                &format!("/api/v1/insights/{ORG}/charts/{chart}.svg"),
                Some(&ben),
            ),
            "image/svg+xml",
        );
        assert_well_formed_svg(&svg);
    }
    for numbers in [
        "indicators.csv",
        "charts/efts-by-month.csv",
        "charts/delivery.csv",
    ] {
        let (header, rows) = csv_rows(&text_of(
            server.get(&format!("/api/v1/insights/{ORG}/{numbers}"), Some(&ben)),
            "text/csv",
        ));
        assert!(!header.is_empty() && !rows.is_empty(), "{numbers}");
    }
    let (_, delivery) = csv_rows(&text_of(
        server.get(
            &format!("/api/v1/insights/{ORG}/charts/delivery.csv?year=2026"),
            Some(&ben),
        ),
        "text/csv",
    ));
    assert_eq!(delivery.len(), 12, "a row a month");
}

fn another_organisation_sees_nothing(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, ana) = people(&server);
    lodged_return(&teo, 8, 3);

    // Another organisation's person with every role of their own: absent, on every route.
    let (other, other_admin) = (person("oli", 6005), person("olga", 6005));
    for token in [&other_admin, &other] {
        json_ok(server.get("/api/v1/me", Some(token)));
    }
    json_ok(
        server
            .client()
            .put(server.url("/api/v1/people/oli/access"))
            .bearer_auth(&other_admin)
            .json(&json!({"portalRoles": ["general-access", "information-products"], "disabled": false}))
            .send()
            .expect("PUT access"),
    );
    // With the role, their own organisation's products answer (empty: nothing lodged).
    json_ok(server.get("/api/v1/insights/6005/indicators", Some(&other)));
    for path in [
        "indicators",
        "indicators.csv",
        "efts-by-month.csv",
        "qualifications.csv",
        "delivery",
        "epic",
        "charts/indicators.svg",
        "charts/delivery.svg",
        "charts/efts-by-month.csv",
    ] {
        for token in [&other, &other_admin] {
            expect_problem(
                server.get(&format!("/api/v1/insights/{ORG}/{path}"), Some(token)),
                404,
            );
        }
    }
    // A year outside those DXP keeps is refused, not answered empty.
    expect_problem(
        server.get(
            &format!("/api/v1/insights/{ORG}/delivery?year=1"),
            Some(&ben),
        ),
        400,
    );
    expect_problem(
        server.get("/api/v1/insights/not-an-org/indicators", Some(&ben)),
        404,
    );
    // The organisation's own person without the role is told what is missing.
    let refused = expect_problem(
        server.get(&format!("/api/v1/insights/{ORG}/indicators"), Some(&ana)),
        403,
    );
    assert!(
        refused["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("information products")
    );

    // Every organisation side by side is the funder's.
    expect_problem(
        server.get(
            "/api/v1/insights/every-organisation/efts-by-month.csv",
            Some(&ben),
        ),
        403,
    );
    let (header, rows) = csv_rows(&text_of(
        server.get(
            "/api/v1/insights/every-organisation/efts-by-month.csv",
            Some(&admin_token()),
        ),
        "text/csv",
    ));
    assert_eq!(
        header.last().map(String::as_str),
        Some(format!("EFTS {ORG}").as_str())
    );
    assert!(!rows.is_empty());
    let (_, rows) = csv_rows(&text_of(
        server.get(
            "/api/v1/insights/every-organisation/qualifications.csv",
            Some(&admin_token()),
        ),
        "text/csv",
    ));
    assert!(rows.iter().all(|row| row[0] == ORG.to_string()));
    // The funder may ask for any organisation.
    let seen: Value = json_ok(server.get(
        &format!("/api/v1/insights/{ORG}/indicators"),
        Some(&admin_token()),
    ));
    assert_eq!(seen["organisation"], ORG);
}

fn the_qualification_register_puts_degrees_in_their_band(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, _) = people(&server);
    let records = testkit::valid_return(12, 40);
    // The register knows every qualification of the return; BB7101 is a bachelor's degree
    // (level 7, 360 credits). All are approved for DQ3-7, as fund 37 enrolments need.
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
    assert!(codes.contains("BB7101"), "{codes:?}");
    let mut register = String::from(
        "Qualification Code,Title,Level,Credits,Qualification Award Category,DQ3-7 Approved From\n",
    );
    for code in &codes {
        let (level, credits) = if code == "BB7101" { (7, 360) } else { (5, 120) };
        register.push_str(&format!(
            "{code},A qualification,{level},{credits},21,2026\n"
        ));
    }
    let degree_band = |figures: &Value| -> Vec<String> {
        figures["figures"]
            .as_array()
            .expect("figures")
            .iter()
            .filter(|figure| figure["group"] == "Level 7 (degree)")
            .map(|figure| figure["status"].as_str().unwrap_or_default().to_owned())
            .collect()
    };

    // Without the register no qualification is known to be a degree: the band is empty.
    let first = lodged_return(&teo, 12, 40);
    let unknown = json_ok(server.get(&format!("/api/v1/insights/{ORG}/indicators"), Some(&ben)));
    assert!(
        degree_band(&unknown)
            .iter()
            .all(|status| status == "not-measured"),
        "{unknown}"
    );

    json_ok(
        server
            .client()
            .post(server.url("/api/v1/registers/qualifications"))
            .bearer_auth(admin_token())
            .header("content-type", "text/csv")
            .body(register)
            .send()
            .expect("POST register"),
    );
    // The return sent again, and lodged after the funder's lift, is summarised with the
    // register.
    let second = processed_return(&teo, 12, 40);
    assert_ne!(first, second);
    let lift = server
        .client()
        .post(server.url("/api/v1/rounds/2026-AUG/stop-gate-lifts"))
        .bearer_auth(admin_token())
        .json(&json!({"organisation": ORG, "dueAt": "2026-08-14T17:00:00+12:00", "reason": "register loaded"}))
        .send()
        .expect("POST lift");
    assert_eq!(lift.status().as_u16(), 201, "{:?}", lift.text());
    json_ok(teo.lodge(&second));
    let known = json_ok(server.get(&format!("/api/v1/insights/{ORG}/indicators"), Some(&ben)));
    let course_completion = degree_band(&known);
    assert!(
        course_completion
            .iter()
            .any(|status| status != "not-measured"),
        "the degree's enrolments are in the band now: {known}"
    );
}

fn the_epic_is_shown_beside_what_the_returns_show(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, ana) = people(&server);
    lodged_return(&teo, 13, 60);
    let path = format!("/api/v1/insights/{ORG}/epic?year=2026");

    // No EPIC yet: the measures alone, on the EPIC's rows.
    let alone = json_ok(server.get(&path, Some(&ben)));
    assert!(alone["commitmentId"].is_null(), "{alone}");
    let rows = alone["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 24);
    assert!(rows.iter().all(|row| row["committed"].is_null()));
    // Every row is measured from the returns: a count or share, suppressed, or not measured.
    assert!(rows.iter().all(|row| {
        ["shown", "suppressed", "not-measured"].contains(&row["status"].as_str().unwrap_or(""))
    }));
    let shown: Vec<&Value> = rows.iter().filter(|row| row["status"] == "shown").collect();
    assert!(!shown.is_empty(), "some measure is shown: {alone}");
    assert!(shown.iter().all(|row| row["actual"].is_string()), "{alone}");

    // The funder provisions the 2026 EPIC; the organisation enters Year 1 of one row.
    let provisioned = server
        .client()
        .post(server.url("/api/v1/commitments"))
        .bearer_auth(admin_token())
        .json(&json!({"organisation": ORG, "template": "epic", "planYear": 2026, "dueOn": "2026-09-30"}))
        .send()
        .expect("POST commitment");
    assert_eq!(provisioned.status().as_u16(), 201);
    let epic: Value = provisioned.json().expect("a commitment");
    let id = epic["id"].as_str().expect("id").to_owned();
    let row = epic["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| {
            row["values"]["epicType"] == "Participation"
                && row["values"]["learnerEthnicity"] == "Māori"
                && row["values"]["levelBand"] == "1-3"
        })
        .expect("the Māori participation row at levels 1-3")["row"]
        .as_i64()
        .expect("number");
    json_ok(
        server
            .client()
            .put(server.url(&format!("/api/v1/commitments/{id}/rows/{row}")))
            .bearer_auth(&ana)
            .json(&json!({"values": {"year1": "25.5"}}))
            .send()
            .expect("PUT row"),
    );
    let beside = json_ok(server.get(&path, Some(&ben)));
    assert_eq!(beside["commitmentId"], id.as_str());
    assert_eq!(beside["planYear"], 2026);
    assert!(
        beside["version"].is_null(),
        "not submitted: the values being entered"
    );
    let line = beside["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|line| {
            line["epicType"] == "Participation"
                && line["learnerEthnicity"] == "Māori"
                && line["levelBand"] == "1-3"
        })
        .expect("the line")
        .clone();
    assert_eq!(line["committed"], "25.5", "{beside}");
    assert_eq!(line["measure"], "percentage");
    // The chart draws it beside the returns' share; its CSV carries the same row.
    let chart = text_of(
        server.get(
            &format!("/api/v1/insights/{ORG}/charts/epic.svg?year=2026"),
            Some(&ben),
        ),
        "image/svg+xml",
    );
    assert!(
        chart.contains("EPIC participation against your returns, 2026")
            && chart.contains("Committed"),
        "{chart}"
    );
    let numbers = text_of(
        server.get(
            &format!("/api/v1/insights/{ORG}/charts/epic.csv?year=2026"),
            Some(&ben),
        ),
        "text/csv",
    );
    assert!(
        numbers.starts_with(
            "\u{feff}Year,EPIC Type,Learner Ethnicity,Level Band,Measure,Committed,Your Returns,In Words\r\n"
        ),
        "{numbers}"
    );
    let expected_start = format!(
        "2026,Participation,Māori,1-3,percentage,25.5,{},",
        line["actual"].as_str().unwrap_or_default()
    );
    assert!(
        numbers.lines().any(|row| row.starts_with(&expected_start)),
        "{expected_start} in {numbers}"
    );
    // Year 1 of a 2026 EPIC is 2026; for 2029 no EPIC covers the year.
    let later = json_ok(server.get(
        &format!("/api/v1/insights/{ORG}/epic?year=2029"),
        Some(&ben),
    ));
    assert!(later["commitmentId"].is_null(), "{later}");
}

const SAMPLE_GROUPINGS: &str = include_str!("../../reference/subject-groupings-sample.csv");

fn put_csv(server: &TestServer, path: &str, text: &str) -> Value {
    json_ok(
        server
            .client()
            .put(server.url(path))
            .bearer_auth(admin_token())
            .header("content-type", "text/csv")
            .body(text.to_owned())
            .send()
            .expect("PUT csv"),
    )
}

/// EFTS as the API writes them (four decimal places) in ten-thousandths.
fn efts_units(text: &Value) -> i64 {
    let text = text.as_str().expect("EFTS as text");
    let (whole, fraction) = text.split_once('.').expect("four places");
    whole.parse::<i64>().expect("whole") * 10_000 + fraction.parse::<i64>().expect("fraction")
}

fn delivery_is_valued_at_the_year_s_rates_against_the_commitment_s_allocation(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, _) = people(&server);
    lodged_return(&teo, 11, 40);
    let path = format!("/api/v1/insights/{ORG}/delivery?year=2026");
    let unvalued = json_ok(server.get(&path, Some(&ben)));
    assert!(unvalued["deliveredValue"].is_null(), "{unvalued}");
    assert!(
        unvalued["inWords"]
            .as_str()
            .is_some_and(|words| words.contains("subject groupings")),
        "{unvalued}"
    );

    // The funder loads the groupings and the year's DQ3-7 rates: SG1 $10,000 and SG2 $20,000
    // an EFTS, provider-based. SG3 (B1, P1) has no rate, so the value names what it leaves out.
    let groupings = put_csv(
        &server,
        "/api/v1/commitments/subject-groupings",
        SAMPLE_GROUPINGS,
    );
    assert_eq!(groupings["groupings"].as_array().map(Vec::len), Some(8));
    assert_eq!(
        groupings["groupings"][2],
        json!({"fundingCategory": "A1", "subjectGrouping": "SG1"}),
        "by funding category, the broad fields of study (03, 04) first"
    );
    put_csv(
        &server,
        "/api/v1/commitments/funding-rates",
        "Fund,Plan Year,Funding Category,Mode,Rate\n\
         DQ3-7,2026,SG1,provider-based,10000.00\n\
         DQ3-7,2026,SG2,provider-based,20000.00\n",
    );
    let valued = json_ok(server.get(&path, Some(&ben)));
    let rate_of = |category: &str| match category {
        // Cents an EFTS.
        "A1" | "A2" => Some(1_000_000),
        "C1" | "J3" => Some(2_000_000),
        _ => None,
    };
    let mut expected_cents = 0i64;
    let mut unrated = Vec::new();
    for line in valued["byCategory"].as_array().expect("categories") {
        let category = line["fundingCategory"].as_str().expect("category");
        match rate_of(category) {
            // EFTS × rate to the nearest cent: ten-thousandths × cents / 10,000.
            Some(cents) => expected_cents += (efts_units(&line["efts"]) * cents + 5_000) / 10_000,
            None => unrated.push(category.to_owned()),
        }
    }
    assert!(
        expected_cents > 0,
        "fund 37 EFTS in rated categories: {valued}"
    );
    let expected = format!("{}.{:02}", expected_cents / 100, expected_cents % 100);
    assert_eq!(valued["deliveredValue"], expected.as_str(), "{valued}");
    assert_eq!(valued["unratedCategories"], json!(unrated));
    assert!(valued["band"].is_null(), "no allocation yet: {valued}");

    // A DQ3-7 commitment for 2026 whose allocation is exactly the value delivered: within.
    let provisioned = server
        .client()
        .post(server.url("/api/v1/commitments"))
        .bearer_auth(admin_token())
        .json(&json!({
            "organisation": ORG,
            "template": "dq3-7",
            "planYear": 2026,
            "dueOn": "2026-09-30",
            "allocation": expected,
        }))
        .send()
        .expect("POST commitment");
    assert_eq!(provisioned.status().as_u16(), 201);
    let judged = json_ok(server.get(&path, Some(&ben)));
    assert_eq!(judged["allocation"], expected.as_str());
    assert_eq!(judged["unfundedProvision"], "0.00");
    assert_eq!(judged["band"], "Within", "{judged}");
    assert!(
        judged["inWords"]
            .as_str()
            .is_some_and(|words| words.contains("against an allocation of")),
        "{judged}"
    );
}

fn reads_only_read_and_the_sweep_makes_what_is_missing(backend: Backend) {
    let server = TestServer::start(backend);
    server.set_clock("2026-08-12T10:00:00+12:00");
    let teo = Teo::new(&server, ORG);
    let (ben, _) = people(&server);
    let indicators = format!("/api/v1/insights/{ORG}/indicators");
    let id = lodged_return(&teo, 9, 3);
    let lodged = json_ok(server.get(&indicators, Some(&ben)));
    assert!(!lodged["figures"].as_array().expect("figures").is_empty());

    // Facts and indicators lost (a failure between the lodging and its summary): a read
    // computes nothing, it shows what is kept.
    server.database.execute("DELETE FROM insight_facts");
    server.database.execute("DELETE FROM insight_figures");
    let lost = json_ok(server.get(&indicators, Some(&ben)));
    assert_eq!(lost["rounds"], json!([]), "{lost}");
    assert_eq!(lost["figures"], json!([]), "{lost}");

    // A node whose sweep runs every second makes them again, the same as the lodging did.
    let sweeper = TestServer::start_on(server.database.clone(), &[("DXP_SCHEDULE_SECONDS", "1")]);
    let started = std::time::Instant::now();
    let remade = loop {
        let seen = json_ok(sweeper.get(&indicators, Some(&ben)));
        if seen["rounds"]
            .as_array()
            .is_some_and(|rounds| !rounds.is_empty())
        {
            break seen;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the sweep did not make the facts again: {seen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    assert_eq!(remade["rounds"][0]["submissionId"], id.as_str());
    // The facts and the indicators are made in two steps: wait for the second.
    let remade = loop {
        let seen = json_ok(sweeper.get(&indicators, Some(&ben)));
        if seen["figures"] == lodged["figures"] {
            break seen;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the sweep did not make the indicators again: {seen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    for field in ["round", "submissionId", "learners", "enrolments", "efts"] {
        assert_eq!(
            remade["rounds"][0][field], lodged["rounds"][0][field],
            "{field}"
        );
    }
}

/// Sends one work-based request as `ORG`'s training management system and expects `status`.
pub(crate) fn tms_send(server: &TestServer, path: &str, body: &Value, status: u16) -> Value {
    let response = server
        .client()
        .post(server.url(&format!("/work-submission-api/v1.0{path}")))
        .bearer_auth(token(ORG, "teo-submitter"))
        .header("EID", ORG.to_string())
        .json(body)
        .send()
        .expect("work-based request");
    let got = response.status().as_u16();
    let text = response.text().expect("body");
    assert_eq!(got, status, "POST {path}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn work_based_fixture() -> Value {
    serde_json::from_str(include_str!(
        "../../examples/data/json/work-based/apprentice.json"
    ))
    .expect("the apprentice fixture is JSON")
}

/// Two apprentices of `ORG` on a 720-credit, 12-month programme (60 credits, half an STM, a
/// month), both starting on 9 February 2026; the server's clock is before then.
pub(crate) fn two_apprentices(server: &TestServer) {
    a_720_credit_programme(server);
    for (n, nsn) in [(1, 111_111_111), (2, 222_222_222)] {
        let enrolment = learner_and_agreement(server, n, nsn);
        tms_send(server, "/enrolments", &enrolment, 201);
    }
}

/// The apprentice fixture's programme with 720 credits over 12 months.
fn a_720_credit_programme(server: &TestServer) {
    let mut programme = work_based_fixture()["programme"].clone();
    programme["creditValue"] = json!(720);
    programme["nominalDurationMonths"] = json!(12);
    tms_send(server, "/programmes", &programme, 201);
}

/// Learner `L-n` with agreement `TA-n`, and the body of their enrolment `E-n` (not sent).
fn learner_and_agreement(server: &TestServer, n: u32, nsn: i64) -> Value {
    let fixture = work_based_fixture();
    let mut learner = fixture["learner"].clone();
    learner["learnerLocalId"] = json!(format!("L-{n}"));
    learner["identity"]["nationalStudentNumber"] = json!(nsn);
    tms_send(server, "/learners", &learner, 201);
    let mut agreement = fixture["trainingAgreement"].clone();
    agreement["learnerLocalId"] = json!(format!("L-{n}"));
    agreement["trainingAgreementLocalId"] = json!(format!("TA-{n}"));
    tms_send(server, "/training-agreements", &agreement, 201);
    let mut enrolment = fixture["enrolment"].clone();
    enrolment["enrolmentLocalId"] = json!(format!("E-{n}"));
    enrolment["learnerLocalId"] = json!(format!("L-{n}"));
    enrolment["trainingAgreementLocalId"] = json!(format!("TA-{n}"));
    enrolment
}

fn a_complex_enrolment_counts_once_in_the_work_based_volume(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_SCHEDULE_SECONDS", "1")]);
    let (ben, _) = people(&server);
    a_720_credit_programme(&server);
    let over_arching = learner_and_agreement(&server, 1, 111_111_111);
    let mut sub = over_arching.clone();
    sub["enrolmentLocalId"] = json!("E-1-sub");
    tms_send(
        &server,
        "/complex-enrolments",
        &json!({"overArchingEnrolment": over_arching, "subEnrolments": [sub]}),
        201,
    );
    let path = format!("/api/v1/insights/{ORG}/delivery?year=2026");
    let started = std::time::Instant::now();
    let delivery = loop {
        let seen = json_ok(server.get(&path, Some(&ben)));
        if seen["workBased"]
            .as_array()
            .is_some_and(|lines| !lines.is_empty())
        {
            break seen;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the sweep did not compute the work-based volume: {seen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    // February to December at half an STM a month: the over-arching enrolment's training
    // alone; its sub-enrolment is part of it.
    assert_eq!(delivery["workBased"][0]["stm"], "5.5000", "{delivery}");
}

fn organisation_rate(indicators: &Value, indicator: &str, year: i64) -> Option<Value> {
    indicators["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|figure| {
            figure["indicator"] == indicator
                && figure["year"] == year
                && figure["by"] == "organisation"
        })
        .cloned()
}

fn work_based_indicators_come_from_the_training_and_nzqa_s_results(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_SCHEDULE_SECONDS", "1")]);
    let (ben, _) = people(&server);
    two_apprentices(&server);
    // The second apprentice leaves on 20 January 2027, before a year in training.
    server.set_clock("2027-01-25T12:00:00+13:00");
    tms_send(
        &server,
        "/enrolments/E-2/withdraw",
        &json!({"withdrawalDate": "2027-01-20"}),
        200,
    );
    server.set_clock("2027-03-01T12:00:00+13:00");

    // The funder loads what NZQA reported: 90 and 40 credits in 2026, and the first
    // apprentice's qualification (the programme's target, 2663) awarded on 10 December 2026.
    let load = |body: &Value| {
        server
            .client()
            .post(server.url("/api/v1/registers/nzqa-results"))
            .bearer_auth(admin_token())
            .json(body)
            .send()
            .expect("POST NZQA results")
    };
    let results = json!({"entries": [
        {"nationalStudentNumber": 111_111_111, "kind": "unit-standard", "code": "29677", "credits": 90, "achievedOn": "2026-06-01"},
        {"nationalStudentNumber": 222_222_222, "kind": "unit-standard", "code": "12345", "credits": 40, "achievedOn": "2026-07-01"},
        {"nationalStudentNumber": 111_111_111, "kind": "qualification", "code": "2663", "achievedOn": "2026-12-10"},
    ]});
    assert_eq!(json_ok(load(&results))["written"], 3);
    assert_eq!(
        json_ok(load(&results))["written"],
        0,
        "loaded again: replaced"
    );
    // Refused whole, in words: a unit standard without credits, a result after today.
    let refused = expect_problem(
        load(&json!({"entries": [
            {"nationalStudentNumber": 111_111_111, "kind": "unit-standard", "code": "1", "achievedOn": "2026-06-01"},
        ]})),
        422,
    );
    assert!(
        refused["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("a unit standard's credits must be 1 to 999")),
        "{refused}"
    );
    let refused = expect_problem(
        load(&json!({"entries": [
            {"nationalStudentNumber": 111_111_111, "kind": "qualification", "code": "9", "achievedOn": "2027-03-02"},
        ]})),
        422,
    );
    assert!(
        refused["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("after today")),
        "{refused}"
    );
    // An organisation does not load them.
    let organisation = server
        .client()
        .post(server.url("/api/v1/registers/nzqa-results"))
        .bearer_auth(token(ORG, "teo-submitter"))
        .json(&results)
        .send()
        .expect("POST");
    assert_eq!(organisation.status().as_u16(), 403);

    // The sweep computes the work-based indicators of an organisation that lodges no return.
    let path = format!("/api/v1/insights/{ORG}/indicators");
    let started = std::time::Instant::now();
    let indicators = loop {
        let seen = json_ok(server.get(&path, Some(&ben)));
        if organisation_rate(&seen, "credit-achievement", 2026)
            .is_some_and(|figure| figure["inWords"] == "9.8%")
        {
            break seen;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the sweep did not compute the work-based indicators: {seen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    // Credits: 90 + 40 achieved over 660 + 660 expected (February to December; the first
    // apprentice completed in December). 11 STM: shown.
    let credits = organisation_rate(&indicators, "credit-achievement", 2026).expect("figure");
    assert_eq!(credits["status"], "shown");
    let rate = credits["rate"].as_f64().expect("a rate");
    assert!((rate - 130.0 / 1320.0).abs() < 1e-12, "{credits}");
    // Retention: the first completed within the year, the second left before it: 1 of 2, on
    // 6 + 6 STM of their first twelve months.
    let retention = organisation_rate(&indicators, "apprentice-retention", 2026).expect("figure");
    assert_eq!(
        (retention["status"].clone(), retention["rate"].clone()),
        (json!("shown"), json!(0.5))
    );
    // Programme completion: the first of two completed; a 720-credit programme's window is open.
    let completion = organisation_rate(&indicators, "programme-completion", 2026).expect("figure");
    assert_eq!(completion["rate"], json!(0.5), "{completion}");
    assert_eq!(
        completion["note"],
        "The completion window is still open: the rate can still rise."
    );
    // 2027: the second apprentice's January, half an STM: suppressed.
    let this_year = organisation_rate(&indicators, "credit-achievement", 2027).expect("figure");
    assert_eq!(this_year["status"], "suppressed", "{this_year}");

    // Delivery: 5.5 STM each in 2026, valued at the work-based rate of the programme's field
    // of study's grouping ($4,000 an STM for 04, its broad field) in the DQ3-7 value.
    put_csv(
        &server,
        "/api/v1/commitments/subject-groupings",
        "Funding Category,Subject Grouping\n04,SG2\n",
    );
    put_csv(
        &server,
        "/api/v1/commitments/funding-rates",
        "Fund,Plan Year,Funding Category,Mode,Rate\n\
         DQ3-7,2026,SG2,work-based,4000.00\n",
    );
    let delivery = json_ok(server.get(
        &format!("/api/v1/insights/{ORG}/delivery?year=2026"),
        Some(&ben),
    ));
    assert_eq!(
        delivery["workBased"],
        json!([{
            "modeOfDeliveryCode": 24,
            "stm": "11.0000",
            "toDateStm": "11.0000",
            "value": "44000.00",
            "unratedFieldsOfStudy": [],
            "band": null,
        }]),
        "{delivery}"
    );
    assert_eq!(delivery["deliveredValue"], "44000.00", "{delivery}");
    assert!(
        delivery["inWords"]
            .as_str()
            .is_some_and(|words| words.contains("Work-based (mode 24): 11.0000 STM")),
        "{delivery}"
    );
}

on_both_backends!(
    a_complex_enrolment_counts_once_in_the_work_based_volume,
    work_based_indicators_come_from_the_training_and_nzqa_s_results,
    the_epic_is_shown_beside_what_the_returns_show,
    the_qualification_register_puts_degrees_in_their_band,
    delivery_is_valued_at_the_year_s_rates_against_the_commitment_s_allocation,
    reads_only_read_and_the_sweep_makes_what_is_missing,
    lodging_makes_the_facts_and_a_resubmission_replaces_them,
    charts_are_svg_with_their_numbers_as_csv,
    another_organisation_sees_nothing,
);
