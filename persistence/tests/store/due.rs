//! What is due reads the organisation's returns whole: a row it cannot read is an error, never
//! a return quietly taken for a Draft, lodged "now" or left out.

use chrono::{DateTime, Utc};
use dxp_domain::due::{DueItem, DueState, Missing};
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

/// What is due reads every near round's lifts and the organisation's lodged EFTS forecasts in
/// one query each: every round must still get its own, and only the organisation's.
fn each_near_round_gets_its_own_lift_and_forecast(backend: Backend) {
    let mut store = TestStore::new(backend);
    let april = store.open_return();
    store.execute(&format!(
        "UPDATE submissions SET efts_forecast_required = TRUE WHERE id = '{april}'"
    ));
    // March: two usable lifts and one used; April: another organisation's lift.
    store.execute(
        "INSERT INTO organisations (edumis, name, created_at) \
         VALUES (6005, 'Another TEO', '2026-01-01 00:00:00')",
    );
    store.execute(&format!(
        "INSERT INTO stop_gate_lifts (id, round_id, organisation, due_at, reason, granted_by, \
         granted_at, used_by_submission, used_at) VALUES \
         ('late', '2026-IND', {ORG}, '2026-05-08 00:00:00', 'r', 'funder', '2026-04-10 00:00:00', NULL, NULL), \
         ('early', '2026-IND', {ORG}, '2026-05-01 00:00:00', 'r', 'funder', '2026-04-09 00:00:00', NULL, NULL), \
         ('used', '2026-IND', {ORG}, '2026-04-28 00:00:00', 'r', 'funder', '2026-04-08 00:00:00', '{april}', '2026-04-12 00:00:00'), \
         ('theirs', '2026-APR', 6005, '2026-06-01 00:00:00', 'r', 'funder', '2026-04-08 00:00:00', NULL, NULL)"
    ));
    let item = |items: &[DueItem], round: &str| {
        items
            .iter()
            .find(|item| item.round.to_string() == round)
            .cloned()
            .unwrap_or_else(|| panic!("{round} is due: {items:?}"))
    };
    let forecast_missing = |item: &DueItem| {
        item.missing
            .iter()
            .any(|missing| matches!(missing, Missing::EftsForecast { .. }))
    };

    let items = what_is_due(&mut store).expect("what is due");
    let march = item(&items, "2026-IND");
    assert_eq!(march.state, DueState::StopGateLifted);
    assert_eq!(
        march.due_at,
        "2026-05-01T00:00:00Z"
            .parse::<DateTime<Utc>>()
            .expect("an instant")
    );
    let april_item = item(&items, "2026-APR");
    assert_eq!(
        april_item.state,
        DueState::Open,
        "another organisation's lift"
    );
    assert!(forecast_missing(&april_item), "{april_item:?}");

    // A forecast lodged for April, by this organisation.
    store.execute(&format!(
        "INSERT INTO submissions (id, organisation, round_id, status, error_count, \
         warning_count, created_by, created_at, updated_at, submitted_at, submission_type, late, \
         efts_forecast_required) VALUES ('forecast', {ORG}, '2026-APR', 'Submitted', 0, 0, 'test', \
         '2026-04-02 00:00:00', '2026-04-02 00:00:00', '2026-04-03 00:00:00', 'EftsForecast', \
         FALSE, FALSE)"
    ));
    let items = what_is_due(&mut store).expect("what is due");
    let april_item = item(&items, "2026-APR");
    assert!(!forecast_missing(&april_item), "{april_item:?}");
    assert_eq!(april_item.in_progress.map(|p| p.submission), Some(april));
    assert_eq!(item(&items, "2026-IND").state, DueState::StopGateLifted);
}

on_both_backends!(
    each_near_round_gets_its_own_lift_and_forecast,
    an_unknown_status_is_an_error,
    a_lodged_return_without_its_time_is_an_error,
    a_count_of_an_unknown_file_is_an_error,
);
