//! Validation as jobs: a job whose node died is taken again once its lease expires; several
//! nodes on one database validate many submissions, each exactly once.

use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::{ORG, Teo};
use crate::helpers::{Backend, TestServer, TestWorker, admin_token, json_ok, postgres_available};
use crate::on_both_backends;

fn a_job_left_by_a_dead_node_is_taken_again(backend: Backend) {
    // A node that serves the API but validates nothing queues the job...
    let first = TestServer::start_with(backend, &[("DXP_VALIDATORS", "0")]);
    let teo = Teo::new(&first, ORG);
    let id = teo.open("2026-APR");
    teo.upload_return(&id, &testkit::valid_return(7, 5));
    let queued = json_ok(teo.post(&format!("/api/v1/submissions/{id}/validate"), &json!({})));
    assert_eq!(queued["status"], "Queued");
    let database = first.kill();

    // ...a validator on a node that then died took it and held it under a lease now expired...
    database.execute(
        "UPDATE validation_jobs SET state = 'running', lease_owner = 'dead-node/0', attempts = 1, \
         lease_expires_at = '2000-01-01 00:00:00', started_at = '2000-01-01 00:00:00'",
    );
    database.execute(&format!(
        "UPDATE submissions SET status = 'Validating' WHERE id = '{id}'"
    ));

    // ...and a new node takes it again and gives the verdict.
    let second = TestServer::start_on(database, &[("DXP_VALIDATION_LEASE_SECONDS", "30")]);
    let teo = Teo::new(&second, ORG);
    let verdict = &teo.wait_for_verdict(&id);
    assert_eq!(verdict["status"], "Processed", "{verdict}");
    let total = verdict["progress"]["recordsTotal"]
        .as_i64()
        .expect("progress");
    assert!(total > 0);
    assert_eq!(verdict["progress"]["recordsChecked"], total);
    let audit = json_ok(second.get(
        &format!("/api/v1/audit-events?subject={id}"),
        Some(&admin_token()),
    ));
    let resumed = audit["results"]
        .as_array()
        .expect("events")
        .iter()
        .find(|event| event["action"] == "submission.validation-resumed")
        .expect("the resumption is in the audit log");
    assert!(
        resumed["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("attempt 2"),
        "{resumed}"
    );
}

/// Two nodes, one serving and validating and one only validating, on one database: every
/// submission is validated exactly once, and the verdicts are those of a single node.
fn two_nodes_validate_many_submissions_exactly_once(backend: Backend) {
    let api = TestServer::start_with(backend, &[("DXP_VALIDATORS", "1")]);
    let _worker = TestWorker::start_on(std::sync::Arc::clone(&api.database), 2);
    let teo = Teo::new(&api, ORG);
    let mut expected = Vec::new();
    for n in 0..12u64 {
        let id = teo.open("2026-APR");
        let records = testkit::valid_return(100 + n, 3);
        teo.upload_return(&id, &records);
        if n % 3 == 0 {
            // Every third return has a learner with a gender code that does not exist.
            let mut learner: Value = serde_json::from_str(&records.learners[0]).expect("JSON");
            learner["gender"] = json!("X");
            teo.upload_file(&id, dxp_domain::SdrFile::Learners, &[learner.to_string()]);
            expected.push((id, "Rejected"));
        } else {
            expected.push((id, "Processed"));
        }
    }
    for (id, _) in &expected {
        let response = teo.post(&format!("/api/v1/submissions/{id}/validate"), &json!({}));
        assert_eq!(response.status().as_u16(), 202);
    }
    for (id, verdict) in &expected {
        let submission = &teo.wait_for_verdict(id);
        assert_eq!(submission["status"], *verdict, "{submission}");
        let starts = submission["statusHistory"]
            .as_array()
            .expect("history")
            .iter()
            .filter(|change| change["to"] == "Validating")
            .count();
        assert_eq!(starts, 1, "validated exactly once: {submission}");
    }
}

#[test]
fn two_nodes_on_one_postgresql() {
    if postgres_available() {
        two_nodes_validate_many_submissions_exactly_once(Backend::Postgres);
    }
}

#[test]
fn two_nodes_on_one_sqlite_file() {
    two_nodes_validate_many_submissions_exactly_once(Backend::Sqlite);
}

on_both_backends!(a_job_left_by_a_dead_node_is_taken_again);
