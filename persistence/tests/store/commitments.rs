//! A commitment's rows changed by two requests at once: the later one builds on what the
//! earlier one committed, on PostgreSQL as on SQLite, instead of overwriting it with what it
//! read before waiting.

use chrono::{NaiveDate, TimeZone, Utc};
use diesel::RunQueryDsl;
use dxp_domain::Edumis;
use dxp_domain::commitments::{RowValues, Template};
use dxp_domain::notices::Notice;
use dxp_persistence::commitments::{self, NewCommitment, RowChange};

use crate::on_both_backends;
use crate::support::{ACTOR, Backend, ORG, TestStore};

fn values(pairs: &[(&str, &str)]) -> RowValues {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn a_row_edit_waits_for_and_keeps_a_concurrent_one(backend: Backend) {
    let mut store = TestStore::new(backend);
    let organisation = Edumis::new(ORG).expect("EDUMIS");
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let new = NewCommitment {
        id: "c-1".to_owned(),
        organisation,
        template: Template::AceInSchools,
        plan_year: 2027,
        due_on: NaiveDate::from_ymd_opt(2027, 7, 2).expect("a date"),
        allocation_cents: None,
        provisioned_by: ACTOR.to_owned(),
    };
    let notice = Notice::commitment_provisioned("c-1", "ACE in Schools", 2027, "2 July 2027");
    commitments::provision(&mut store.conn, &new, &[], at, &notice).expect("provisioned");
    let first = values(&[("courseTitle", "Te reo"), ("regionOfDelivery", "Otago")]);
    commitments::change_rows(
        &mut store.conn,
        "c-1",
        organisation,
        RowChange::Add(first),
        at,
    )
    .expect("a row");

    // One change holds the commitment and has written its value, not yet committed.
    let begin = match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    store.execute(begin);
    store.execute("UPDATE commitments SET id = id WHERE id = 'c-1'");
    store.execute(
        r#"UPDATE commitment_rows SET row_values = '{"comments":"from the first","courseTitle":"Te reo","regionOfDelivery":"Otago"}' WHERE commitment_id = 'c-1' AND row_number = 1"#,
    );
    let mut other = store.connect();
    let second = std::thread::spawn(move || {
        commitments::change_rows(
            &mut other,
            "c-1",
            organisation,
            RowChange::Merge(1, values(&[("hoursPerLearner", "2.00")])),
            at,
        )
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    diesel::sql_query("COMMIT")
        .execute(&mut store.conn)
        .expect("commit the first");

    let rows = second.join().expect("no panic").expect("the second change");
    let row = &rows[0].1;
    assert_eq!(
        row.get("comments").map(String::as_str),
        Some("from the first"),
        "{row:?}"
    );
    assert_eq!(
        row.get("hoursPerLearner").map(String::as_str),
        Some("2.00"),
        "{row:?}"
    );
}

fn the_same_commitment_provisioned_twice_at_once_is_refused_in_words(backend: Backend) {
    let mut store = TestStore::new(backend);
    let organisation = Edumis::new(ORG).expect("EDUMIS");
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    // One provisioning has written its commitment, not yet committed: the other's check
    // cannot see it (PostgreSQL) or waits for it (SQLite's single writer).
    let begin = match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    store.execute(begin);
    store.execute(&format!(
        "INSERT INTO commitments (id, organisation, template, fund, plan_year, due_on, \
         allocation_cents, state, next_row, provisioned_by, provisioned_at, updated_at) \
         VALUES ('c-first', {ORG}, 'dq3-7', 'DQ3-7', 2027, '2027-07-02', NULL, 'Provisioned', \
         1, 'someone', '2026-06-01 00:00:00', '2026-06-01 00:00:00')"
    ));
    let mut other = store.connect();
    let second = std::thread::spawn(move || {
        let new = NewCommitment {
            id: "c-second".to_owned(),
            organisation,
            template: Template::Dq37,
            plan_year: 2027,
            due_on: NaiveDate::from_ymd_opt(2027, 7, 2).expect("a date"),
            allocation_cents: None,
            provisioned_by: ACTOR.to_owned(),
        };
        let notice = Notice::commitment_provisioned("c-second", "DQ3-7", 2027, "2 July 2027");
        commitments::provision(&mut other, &new, &[], at, &notice)
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    diesel::sql_query("COMMIT")
        .execute(&mut store.conn)
        .expect("commit the first");

    match second.join().expect("no panic") {
        Err(dxp_persistence::StoreError::Invalid(message)) => {
            assert!(message.contains("already has a"), "{message}");
        }
        other => panic!("the second provisioning: {other:?}"),
    }
}

on_both_backends!(
    a_row_edit_waits_for_and_keeps_a_concurrent_one,
    the_same_commitment_provisioned_twice_at_once_is_refused_in_words,
);
