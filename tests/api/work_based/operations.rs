//! The work-based operations the life-cycle tests do not take, each to the edges of its date
//! and state rules, on both backends: programme versions (W4, W5), transfer (W7), the
//! agreement's corrections (W12), complex enrolments (W14), enrolment updates, withdrawals
//! and deletes (W16, W17), training-plan corrections (W19), off-job deliveries (W21, W22),
//! and two changes of one agreement at once.

use serde_json::{Value, json};

use super::{Tms, an_active_apprentice, enrolment, programme};
use crate::helpers::{Backend, TestServer, expect_problem, json_ok};
use crate::on_both_backends;

on_both_backends!(
    a_programme_gets_a_new_version_only_for_a_change_that_needs_one,
    a_transfer_moves_the_open_enrolments_to_the_new_agreement,
    an_agreement_s_dates_are_corrected_within_its_enrolments,
    a_complex_enrolment_is_one_agreement_s_over_arching_and_sub_enrolments,
    an_enrolment_is_updated_withdrawn_and_deleted_at_the_edges_of_its_dates,
    a_training_plan_s_dates_are_corrected_and_end_with_its_agreement,
    an_off_job_delivery_belongs_to_an_enrolment_s_time,
    of_two_changes_to_one_agreement_at_once_one_wins,
);

/// The programme's fields with a new start and credit value, as a version body.
fn version(start: &str, credits: i64) -> Value {
    let mut body = programme();
    let fields = body.as_object_mut().expect("an object");
    fields.remove("programmeLocalId");
    fields.insert("versionStartDate".into(), json!(start));
    fields.insert("creditValue".into(), json!(credits));
    body
}

fn a_programme_gets_a_new_version_only_for_a_change_that_needs_one(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    tms.create("/programmes", &programme());

    let second = tms.create("/programmes/CARP-L4/versions", &version("2026-03-01", 250));
    assert_eq!(second["programmeVersionNumber"], 2);
    assert_eq!(second["programmeLocalId"], "CARP-L4");
    // The same credits, duration and target with only a new start: no version needed.
    tms.refuses(
        tms.post("/programmes/CARP-L4/versions", &version("2026-04-01", 250)),
        &["WB-022"],
    );
    // A version starts after the latest one: on its day is too early.
    let errors = tms.refuses(
        tms.post("/programmes/CARP-L4/versions", &version("2026-03-01", 260)),
        &["WB-023"],
    );
    assert!(errors["versionStartDate"].is_array(), "{errors}");
    tms.create("/programmes/CARP-L4/versions", &version("2026-03-02", 260));

    let first = json_ok(tms.get("/programmes/CARP-L4/versions/1"));
    assert_eq!(first["creditValue"], 240);
    let second = json_ok(tms.get("/programmes/CARP-L4/versions/2"));
    assert_eq!(second["creditValue"], 250);
    assert_eq!(second["versionStartDate"], "2026-03-01");
    expect_problem(tms.get("/programmes/CARP-L4/versions/4"), 404);
    expect_problem(
        tms.post("/programmes/PLUMB-L4/versions", &version("2026-03-01", 250)),
        404,
    );
}

fn new_employer(new_id: &str, signed: &str) -> Value {
    json!({
        "newTrainingAgreementLocalId": new_id,
        "newTrainingAgreement": {
            "employerName": "Tui Construction Limited",
            "employmentRegionCode": 2,
            "trainingAgreementSignedDate": signed
        }
    })
}

fn a_transfer_moves_the_open_enrolments_to_the_new_agreement(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);

    // The new agreement is not signed before the old one (2 February 2026).
    tms.refuses(
        tms.post(
            "/training-agreements/TA-1/transfer",
            &new_employer("TA-2", "2026-02-01"),
        ),
        &["WB-047"],
    );
    let (rules, _) = tms.refused(tms.post(
        "/training-agreements/TA-1/transfer",
        &new_employer("TA-1", "2026-04-14"),
    ));
    assert!(
        rules.contains(&"WB-046".to_owned()),
        "the new agreement needs its own id: {rules:?}"
    );
    // Signed tomorrow.
    tms.refuses(
        tms.post(
            "/training-agreements/TA-1/transfer",
            &new_employer("TA-2", "2026-04-21"),
        ),
        &["WB-033"],
    );

    let new = tms.create(
        "/training-agreements/TA-1/transfer",
        &new_employer("TA-2", "2026-04-14"),
    );
    assert_eq!(new["trainingAgreementLocalId"], "TA-2");
    assert_eq!(new["status"], "ACTIVE", "as the old one was");
    assert_eq!(new["transferredFrom"], "TA-1");
    let old = json_ok(tms.get("/training-agreements/TA-1"));
    assert_eq!(old["status"], "FINISHED");
    assert_eq!(old["statusDate"], "2026-04-14");
    assert_eq!(old["transferredTo"], "TA-2");
    let moved = json_ok(tms.get("/enrolments/E-1"));
    assert_eq!(moved["trainingAgreementLocalId"], "TA-2");
    assert_eq!(moved["enrolmentStatus"], "ACTIVE");

    // A finished agreement is not transferred again, and an id is not used twice.
    tms.refuses(
        tms.post(
            "/training-agreements/TA-1/transfer",
            &new_employer("TA-3", "2026-04-15"),
        ),
        &["WB-035"],
    );
    tms.refuses(
        tms.post(
            "/training-agreements/TA-2/transfer",
            &new_employer("TA-1", "2026-04-15"),
        ),
        &["WB-025"],
    );
}

fn an_agreement_s_dates_are_corrected_within_its_enrolments(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);

    // E-1 started on 9 February, and the agreement became ACTIVE that day.
    let (rules, errors) = tms.refused(tms.put(
        "/training-agreements/TA-1",
        &json!({"trainingAgreementSignedDate": "2026-02-10"}),
    ));
    assert!(rules.iter().all(|rule| rule == "WB-048"), "{rules:?}");
    assert!(errors["trainingAgreementSignedDate"].is_array(), "{errors}");
    let corrected = json_ok(tms.put(
        "/training-agreements/TA-1",
        &json!({"trainingAgreementSignedDate": "2026-02-09", "endDate": "2030-06-30"}),
    ));
    assert_eq!(
        corrected["trainingAgreement"]["trainingAgreementSignedDate"],
        "2026-02-09"
    );
    assert_eq!(corrected["trainingAgreement"]["endDate"], "2030-06-30");
    assert_eq!(corrected["status"], "ACTIVE");
    // An end on the signing day.
    tms.refuses(
        tms.put(
            "/training-agreements/TA-1",
            &json!({"endDate": "2026-02-09"}),
        ),
        &["WB-034"],
    );
    assert_eq!(
        json_ok(tms.get("/training-agreements/TA-1"))["trainingAgreement"]["endDate"],
        "2030-06-30",
        "a refused update changes nothing"
    );

    json_ok(tms.post(
        "/training-agreements/TA-1/withdraw",
        &json!({"withdrawalDate": "2026-04-20", "withdrawalReasonCode": "LE"}),
    ));
    // A finished agreement.
    tms.refuses(
        tms.put(
            "/training-agreements/TA-1",
            &json!({"endDate": "2030-12-31"}),
        ),
        &["WB-035"],
    );
}

fn a_complex_enrolment_is_one_agreement_s_over_arching_and_sub_enrolments(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);
    let second = json!({
        "learnerLocalId": "L-1",
        "trainingAgreementLocalId": "TA-2",
        "trainingAgreement": {
            "employerName": "Kahu Builders Limited",
            "employmentRegionCode": 2,
            "trainingAgreementSignedDate": "2026-03-02"
        }
    });
    tms.create("/training-agreements", &second);

    // A sub-enrolment on another agreement than its over-arching enrolment's.
    let (rules, errors) = tms.refused(tms.post(
        "/complex-enrolments",
        &json!({
            "overArchingEnrolment": enrolment("C-0", "TA-2", "2026-03-09"),
            "subEnrolments": [enrolment("C-1", "TA-1", "2026-03-09")]
        }),
    ));
    assert!(rules.contains(&"WB-063".to_owned()), "{rules:?}");
    assert!(
        errors["subEnrolments[0].trainingAgreementLocalId"].is_array(),
        "{errors}"
    );
    // One id for two enrolments.
    tms.refuses(
        tms.post(
            "/complex-enrolments",
            &json!({
                "overArchingEnrolment": enrolment("C-0", "TA-2", "2026-03-09"),
                "subEnrolments": [enrolment("C-0", "TA-2", "2026-03-09")]
            }),
        ),
        &["WB-064"],
    );
    expect_problem(tms.get("/enrolments/C-0"), 404);

    let made = tms.create(
        "/complex-enrolments",
        &json!({
            "overArchingEnrolment": enrolment("C-0", "TA-2", "2026-03-09"),
            "subEnrolments": [
                enrolment("C-1", "TA-2", "2026-03-09"),
                enrolment("C-2", "TA-2", "2026-03-16")
            ]
        }),
    );
    assert_eq!(made["overArchingEnrolment"]["enrolmentLocalId"], "C-0");
    let subs = made["subEnrolments"].as_array().expect("sub-enrolments");
    assert_eq!(subs.len(), 2);
    assert!(
        subs.iter()
            .all(|sub| sub["overArchingEnrolmentLocalId"] == "C-0"),
        "{subs:?}"
    );
    assert_eq!(
        json_ok(tms.get("/enrolments/C-2"))["overArchingEnrolmentLocalId"],
        "C-0"
    );
    assert_eq!(
        tms.agreement_status("TA-2"),
        "ACTIVE",
        "its training started on 9 March"
    );
}

fn an_enrolment_is_updated_withdrawn_and_deleted_at_the_edges_of_its_dates(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);
    let mut second = enrolment("E-2", "TA-1", "2026-03-02");
    second["unitStandards"] = json!([
        {"unitStandardCode": "29677", "mandatory": true},
        {"unitStandardCode": "497", "mandatory": false}
    ]);
    tms.create("/enrolments", &second);

    // W16 update: the enrolment date and the non-mandatory unit standards only.
    let updated = json_ok(tms.put(
        "/enrolments/E-2",
        &json!({
            "enrolmentDate": "2026-03-02",
            "unitStandards": [{"unitStandardCode": "29677", "mandatory": true}]
        }),
    ));
    assert_eq!(
        updated["enrolmentDate"], "2026-03-02",
        "the start day itself"
    );
    assert_eq!(updated["unitStandards"].as_array().map(Vec::len), Some(1));
    // An enrolment date after the start.
    tms.refuses(
        tms.put("/enrolments/E-2", &json!({"enrolmentDate": "2026-03-03"})),
        &["WB-060"],
    );
    // A mandatory unit standard removed.
    tms.refuses(
        tms.put("/enrolments/E-2", &json!({"unitStandards": []})),
        &["WB-066"],
    );

    // W16 withdraw: not before the participation start, not after today.
    let withdraw =
        |date: &str| tms.post("/enrolments/E-2/withdraw", &json!({"withdrawalDate": date}));
    tms.refuses(withdraw("2026-03-01"), &["WB-067"]);
    tms.refuses(withdraw("2026-04-21"), &["WB-067"]);
    let withdrawn = json_ok(withdraw("2026-03-02"));
    assert_eq!(withdrawn["enrolmentStatus"], "WITHDRAWN");
    assert_eq!(
        json_ok(tms.get("/enrolments/E-1"))["enrolmentStatus"],
        "ACTIVE",
        "its agreement's other enrolment goes on"
    );
    // A withdrawn enrolment is not edited.
    tms.refuses(
        tms.put("/enrolments/E-2", &json!({"enrolmentDate": "2026-02-20"})),
        &["WB-065"],
    );

    // W17 delete: a reason of the list, dated from the enrolment date to today.
    let delete = |reason: &str, date: &str| {
        tms.delete(
            "/enrolments/E-2",
            &json!({"deletionReason": reason, "deletionDate": date}),
        )
    };
    tms.refuses(delete("XX", "2026-04-20"), &["WB-068"]);
    // Before the enrolment date.
    tms.refuses(delete("IE", "2026-03-01"), &["WB-069"]);
    // Tomorrow.
    tms.refuses(delete("IE", "2026-04-21"), &["WB-069"]);
    let deleted = json_ok(delete("IE", "2026-04-20"));
    assert_eq!(deleted["enrolmentStatus"], "DELETED");
    assert_eq!(deleted["deletionReason"], "IE");
    expect_problem(tms.get("/enrolments/E-2"), 404);

    // A deleted enrolment's id may be used again; an open one's may not.
    let again = tms.create("/enrolments", &enrolment("E-2", "TA-1", "2026-03-02"));
    assert_eq!(again["enrolmentStatus"], "ACTIVE");
    tms.refuses(
        tms.post("/enrolments", &enrolment("E-1", "TA-1", "2026-03-02")),
        &["WB-050"],
    );
}

fn a_training_plan_s_dates_are_corrected_and_end_with_its_agreement(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);
    json_ok(tms.post(
        "/training-agreements/TA-1/hold",
        &json!({"pauseDate": "2026-04-01", "onHoldReasonCode": "MD"}),
    ));
    tms.create(
        "/training-plans",
        &json!({
            "trainingPlanLocalId": "TP-1",
            "trainingAgreementLocalId": "TA-1",
            "trainingPlanSignedDate": "2026-02-12",
            "trainingPlanEndDate": "2029-02-11"
        }),
    );
    let plan_dates = |signed: &str, end: &str| json!({"trainingPlanSignedDate": signed, "trainingPlanEndDate": end});

    // W19: the agreement was signed on 2 February; today is 20 April.
    tms.refuses(
        tms.put(
            "/training-plans/TP-1",
            &plan_dates("2026-02-01", "2029-02-11"),
        ),
        &["WB-075"],
    );
    tms.refuses(
        tms.put(
            "/training-plans/TP-1",
            &plan_dates("2026-04-21", "2029-02-11"),
        ),
        &["WB-076"],
    );
    // An end on the signing day.
    tms.refuses(
        tms.put(
            "/training-plans/TP-1",
            &plan_dates("2026-02-16", "2026-02-16"),
        ),
        &["WB-077"],
    );
    let corrected = json_ok(tms.put(
        "/training-plans/TP-1",
        &plan_dates("2026-02-16", "2029-02-15"),
    ));
    assert_eq!(
        corrected["trainingPlan"]["trainingPlanSignedDate"],
        "2026-02-16"
    );
    assert_eq!(corrected["trainingPlan"]["learnerLocalId"], "L-1");
    assert_eq!(
        json_ok(tms.get("/enrolments/E-1"))["participationStartDate"],
        "2026-02-16",
        "the held enrolment now starts on the plan's new signed date"
    );

    json_ok(tms.post(
        "/training-agreements/TA-1/withdraw",
        &json!({"withdrawalDate": "2026-04-17", "withdrawalReasonCode": "ST"}),
    ));
    let plan = json_ok(tms.get("/training-plans/TP-1"));
    assert_eq!(plan["trainingPlan"]["trainingPlanEndDate"], "2026-04-17");
    // Its agreement is finished.
    tms.refuses(
        tms.put(
            "/training-plans/TP-1",
            &plan_dates("2026-02-16", "2029-02-15"),
        ),
        &["WB-084"],
    );
}

fn off_job(id: &str, start: &str, end: &str) -> Value {
    json!({
        "offJobDeliveryLocalId": id,
        "enrolmentLocalId": "E-1",
        "offJobProviderCode": 6004,
        "courseCode": "BlockCourse1",
        "fundingCategory": "J3",
        "startDate": start,
        "endDate": end,
        "credits": 15
    })
}

fn an_off_job_delivery_belongs_to_an_enrolment_s_time(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);

    // E-1 started on 9 February.
    tms.refuses(
        tms.post(
            "/off-job-deliveries",
            &off_job("OJ-1", "2026-02-08", "2026-02-20"),
        ),
        &["WB-091"],
    );
    tms.refuses(
        tms.post(
            "/off-job-deliveries",
            &off_job("OJ-1", "2026-03-09", "2026-03-08"),
        ),
        &["WB-090"],
    );
    let mut dated = off_job("OJ-1", "2026-03-09", "2026-03-20");
    dated["courseCode"] = json!("Block2026");
    tms.refuses(tms.post("/off-job-deliveries", &dated), &["WB-088"]);
    let mut elsewhere = off_job("OJ-1", "2026-03-09", "2026-03-20");
    elsewhere["enrolmentLocalId"] = json!("E-9");
    tms.refuses(tms.post("/off-job-deliveries", &elsewhere), &["WB-086"]);

    let created = tms.create(
        "/off-job-deliveries",
        &off_job("OJ-1", "2026-02-09", "2026-02-09"),
    );
    assert_eq!(created["learnerLocalId"], "L-1");
    tms.refuses(
        tms.post(
            "/off-job-deliveries",
            &off_job("OJ-1", "2026-03-09", "2026-03-20"),
        ),
        &["WB-085"],
    );
    let read = json_ok(tms.get("/off-job-deliveries/OJ-1"));
    assert_eq!(read, created);
    expect_problem(tms.get("/off-job-deliveries/OJ-2"), 404);
}

fn of_two_changes_to_one_agreement_at_once_one_wins(backend: Backend) {
    let server = TestServer::start(backend);
    let tms = Tms::new(&server);
    an_active_apprentice(&tms);
    let cursor = json_ok(tms.get("/changes"))["nextCursor"]
        .as_i64()
        .expect("a cursor");

    // Eight TMS workers withdraw the same agreement at once. One withdrawal is applied; each
    // other request either lost the race (409) or came after it and finds the agreement
    // FINISHED (400, WB-035). Nothing is applied twice.
    let answers: Vec<(u16, Value)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    let response = tms.post(
                        "/training-agreements/TA-1/withdraw",
                        &json!({"withdrawalDate": "2026-04-20", "withdrawalReasonCode": "EW"}),
                    );
                    let status = response.status().as_u16();
                    (status, response.json::<Value>().unwrap_or(Value::Null))
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a worker"))
            .collect()
    });
    let applied = answers.iter().filter(|(status, _)| *status == 200).count();
    assert_eq!(applied, 1, "{answers:?}");
    for (status, body) in &answers {
        match status {
            200 => assert_eq!(body["status"], "FINISHED"),
            409 => {}
            400 => assert_eq!(body["refusals"][0]["rule"], "WB-035", "{body}"),
            other => panic!("{other}: {body}"),
        }
    }
    let feed = json_ok(tms.get(&format!("/changes?after={cursor}")));
    let finished = feed["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|change| {
            change["resourceType"] == "training-agreement" && change["toStatus"] == "FINISHED"
        })
        .count();
    assert_eq!(finished, 1, "{feed}");
}
