//! What is due reads the organisation's returns whole: a row it cannot read is an error, never
//! a return quietly taken for a Draft, lodged "now" or left out.

use chrono::{DateTime, Utc};
use dxp_domain::{Edumis, SdrFile};
use dxp_persistence::due;

use crate::on_both_backends;
use crate::support::{Backend, ORG, TestStore};

/// Inside the 2026 April round.
fn now() -> DateTime<Utc> {
    "2026-04-20T00:00:00Z".parse().expect("an instant")
}

fn what_is_due(store: &mut TestStore) -> Result<Vec<dxp_domain::due::DueItem>, String> {
    let organisation = Edumis::new(ORG).expect("EDUMIS");
    due::for_organisation(&mut store.conn, organisation, now()).map_err(|error| error.to_string())
}

/// A return in progress, read well, then broken by `breaking`; what is due must then fail
/// naming `named`.
fn broken_return_is_an_error(backend: Backend, breaking: &str, named: &str) {
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    store.put_records(&id, SdrFile::CourseEnrolments, 2);
    what_is_due(&mut store).expect("a healthy return reads");
    store.execute(&breaking.replace("{id}", &id));
    let error = what_is_due(&mut store).expect_err("a corrupt row");
    assert!(error.contains(named), "{error}");
}

fn an_unknown_status_is_an_error(backend: Backend) {
    broken_return_is_an_error(
        backend,
        "UPDATE submissions SET status = 'Lodged' WHERE id = '{id}'",
        "'Lodged'",
    );
}

fn a_lodged_return_without_its_time_is_an_error(backend: Backend) {
    broken_return_is_an_error(
        backend,
        "UPDATE submissions SET status = 'Submitted', submitted_at = NULL WHERE id = '{id}'",
        "is Submitted but has no submission time",
    );
}

fn a_count_of_an_unknown_file_is_an_error(backend: Backend) {
    broken_return_is_an_error(
        backend,
        "INSERT INTO submission_files (submission_id, file, records) \
         VALUES ('{id}', 'mystery-files', 3)",
        "'mystery-files', which is not an SDR file",
    );
}

on_both_backends!(
    an_unknown_status_is_an_error,
    a_lodged_return_without_its_time_is_an_error,
    a_count_of_an_unknown_file_is_an_error,
);
