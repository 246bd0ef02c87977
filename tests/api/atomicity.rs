//! A request is stored whole or not at all: a failure in the middle of a batch (injected with a
//! database trigger) leaves the submission exactly as it was.

use dxp_domain::testkit;
use serde_json::Value;

use crate::client::{ORG, Teo};
use crate::helpers::{Backend, Database, TestServer, expect_problem};
use crate::on_both_backends;

const POISON: &str = "poison-record";

fn install_failing_trigger(backend: Backend, database: &Database) {
    match backend {
        Backend::Sqlite => database.execute(&format!(
            "CREATE TRIGGER fail_poison BEFORE INSERT ON records \
             WHEN NEW.local_id = '{POISON}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )),
        Backend::Postgres => {
            database.execute(&format!(
                "CREATE FUNCTION fail_poison() RETURNS trigger AS $$ BEGIN \
                 IF NEW.local_id = '{POISON}' THEN RAISE EXCEPTION 'injected failure'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql"
            ));
            database.execute(
                "CREATE TRIGGER fail_poison BEFORE INSERT ON records \
                 FOR EACH ROW EXECUTE FUNCTION fail_poison()",
            );
        }
    }
}

fn a_failure_mid_batch_leaves_nothing_written(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    teo.upload(&id, &testkit::valid_records(10));
    let before = teo.submission(&id);

    install_failing_trigger(backend, &server.database);
    // 6,000 records: the first parts (500, 1,000 and 2,000 records) are written before the one
    // holding the poisoned record fails.
    let mut records: Vec<String> = (100..6100).map(testkit::valid_json).collect();
    let mut poisoned: Value = serde_json::from_str(&records[5500]).expect("JSON");
    poisoned["localId"] = Value::from(POISON);
    records[5500] = poisoned.to_string();
    let problem = expect_problem(teo.upload_raw(&id, &records), 500);
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(
        !detail.contains("injected") && !detail.to_lowercase().contains("sql"),
        "internal detail leaked: {detail}"
    );

    let after = teo.submission(&id);
    assert_eq!(
        after["recordCounts"], before["recordCounts"],
        "nothing of the failed batch was kept"
    );
    assert_eq!(after["status"], before["status"]);
    assert_eq!(after["statusHistory"], before["statusHistory"]);
    assert_eq!(after["errorCount"], before["errorCount"]);
}

on_both_backends!(a_failure_mid_batch_leaves_nothing_written);
