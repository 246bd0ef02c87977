//! Work-based resources: kept with their revisions, found by key, parent and second key, and
//! every change in the organisation's feed in the order it was made.

use chrono::{NaiveDate, TimeZone, Utc};
use dxp_domain::Edumis;
use dxp_persistence::paging::PageRequest;
use dxp_persistence::work_based::{self, Author, ChangeKind, Contents, Key, Kind};
use dxp_persistence::{DbConnection, StoreError};

use crate::on_both_backends;
use crate::support::{Backend, TestStore};

fn edumis(n: i64) -> Edumis {
    Edumis::new(n).expect("an EDUMIS number")
}

fn author(reason: Option<&str>) -> Author<'_> {
    Author {
        actor: "tms-client",
        at: Utc
            .with_ymd_and_hms(2026, 3, 2, 1, 0, 0)
            .single()
            .expect("an instant"),
        reason,
    }
}

fn agreement(status: &str, since: NaiveDate) -> Contents {
    Contents {
        parent_id: Some("L-1".to_owned()),
        lookup: None,
        status: Some(status.to_owned()),
        status_date: Some(since),
        body: format!(r#"{{"status":"{status}"}}"#),
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("a date")
}

fn a_change_made_from_an_old_revision_is_refused(backend: Backend) {
    let mut store = TestStore::new(backend);
    let key = Key::new(edumis(8001), Kind::TrainingAgreement, "TA-1");
    let first = work_based::insert(
        &mut store.conn,
        &key,
        &agreement("ACTIVE", day(2, 1)),
        &author(None),
    )
    .expect("created");
    assert_eq!(first.revision, 1);
    let held = work_based::update(
        &mut store.conn,
        &first,
        &agreement("HOLD", day(3, 1)),
        ChangeKind::StatusChanged,
        &author(Some("SW")),
    )
    .expect("the first change wins");
    assert_eq!(held.revision, 2);
    let late = work_based::update(
        &mut store.conn,
        &first,
        &agreement("GRACE", day(3, 1)),
        ChangeKind::StatusChanged,
        &author(Some("LE")),
    );
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    let kept = work_based::find(&mut store.conn, &key)
        .expect("read")
        .expect("kept");
    assert_eq!(kept.contents.status.as_deref(), Some("HOLD"));
    assert_eq!(kept.revision, 2);
}

fn one_organisation_never_reads_another_s(backend: Backend) {
    let mut store = TestStore::new(backend);
    let mine = Key::new(edumis(8001), Kind::Learner, "L-1");
    let contents = Contents {
        lookup: Some("123456789".to_owned()),
        body: "{}".to_owned(),
        ..Contents::default()
    };
    work_based::insert(&mut store.conn, &mine, &contents, &author(None)).expect("created");
    let theirs = Key::new(edumis(8002), Kind::Learner, "L-1");
    assert_eq!(
        work_based::find(&mut store.conn, &theirs).expect("read"),
        None
    );
    assert!(
        work_based::find_by_lookup(&mut store.conn, edumis(8002), Kind::Learner, "123456789")
            .expect("read")
            .is_none()
    );
    // The same NSN in another organisation is another learner.
    work_based::insert(&mut store.conn, &theirs, &contents, &author(None)).expect("theirs");
    // Twice in one organisation it is refused by the store, whatever the caller checked.
    let twin = Key::new(edumis(8001), Kind::Learner, "L-2");
    let again = work_based::insert(&mut store.conn, &twin, &contents, &author(None));
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let changes = work_based::changes(&mut store.conn, edumis(8002), &PageRequest::new(None, 10))
        .expect("feed");
    assert_eq!(changes.items.len(), 1, "only their own creation");
}

fn the_feed_pages_oldest_first_with_every_change(backend: Backend) {
    let mut store = TestStore::new(backend);
    let org = edumis(8001);
    let key = Key::new(org, Kind::TrainingAgreement, "TA-1");
    let mut current = work_based::insert(
        &mut store.conn,
        &key,
        &agreement("PENDING", day(2, 1)),
        &author(None),
    )
    .expect("created");
    for (status, reason) in [("ACTIVE", None), ("HOLD", Some("PL")), ("ACTIVE", None)] {
        current = work_based::update(
            &mut store.conn,
            &current,
            &agreement(status, day(3, 1)),
            ChangeKind::StatusChanged,
            &author(reason),
        )
        .expect("changed");
    }
    let first =
        work_based::changes(&mut store.conn, org, &PageRequest::new(None, 3)).expect("feed");
    let positions: Vec<i64> = first.items.iter().map(|c| c.position).collect();
    assert_eq!(positions, [1, 2, 3]);
    assert_eq!(first.items[0].change, ChangeKind::Created);
    assert_eq!(first.items[2].from_status.as_deref(), Some("ACTIVE"));
    assert_eq!(first.items[2].to_status.as_deref(), Some("HOLD"));
    assert_eq!(first.items[2].reason.as_deref(), Some("PL"));
    assert_eq!(first.next, Some(3));
    let rest =
        work_based::changes(&mut store.conn, org, &PageRequest::new(Some(3), 3)).expect("rest");
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.next, None);
}

fn a_job_finds_what_has_been_in_a_status_long_enough(backend: Backend) {
    let mut store = TestStore::new(backend);
    for (n, since) in [(1, day(1, 10)), (2, day(1, 11)), (3, day(1, 12))] {
        let key = Key::new(edumis(8000 + n), Kind::TrainingAgreement, format!("TA-{n}"));
        work_based::insert(
            &mut store.conn,
            &key,
            &agreement("GRACE", since),
            &author(None),
        )
        .expect("created");
    }
    let other = Key::new(edumis(8001), Kind::TrainingAgreement, "TA-9");
    work_based::insert(
        &mut store.conn,
        &other,
        &agreement("HOLD", day(1, 1)),
        &author(None),
    )
    .expect("created");
    let due = work_based::in_status_since(
        &mut store.conn,
        Kind::TrainingAgreement,
        "GRACE",
        day(1, 11),
        10,
    )
    .expect("due");
    let ids: Vec<&str> = due.iter().map(|s| s.key.local_id.as_str()).collect();
    assert_eq!(
        ids,
        ["TA-1", "TA-2"],
        "every organisation's, the day itself included"
    );
}

fn children_and_ordinals_come_in_order(backend: Backend) {
    let mut store = TestStore::new(backend);
    let org = edumis(8001);
    for id in ["E-2", "E-1"] {
        let key = Key::new(org, Kind::Enrolment, id);
        let contents = Contents {
            parent_id: Some("TA-1".to_owned()),
            body: "{}".to_owned(),
            ..Contents::default()
        };
        work_based::insert(&mut store.conn, &key, &contents, &author(None)).expect("created");
    }
    let enrolments =
        work_based::children(&mut store.conn, org, Kind::Enrolment, "TA-1").expect("read");
    let ids: Vec<&str> = enrolments.iter().map(|s| s.key.local_id.as_str()).collect();
    assert_eq!(ids, ["E-1", "E-2"]);
    for version in [2, 1] {
        let key = Key::new(org, Kind::ProgrammeVersion, "P-1").with_ordinal(version);
        let contents = Contents {
            body: "{}".to_owned(),
            ..Contents::default()
        };
        work_based::insert(&mut store.conn, &key, &contents, &author(None)).expect("created");
    }
    let versions =
        work_based::ordinals(&mut store.conn, org, Kind::ProgrammeVersion, "P-1").expect("read");
    assert_eq!(
        versions.iter().map(|s| s.key.ordinal).collect::<Vec<_>>(),
        [1, 2]
    );
}

on_both_backends!(
    a_change_made_from_an_old_revision_is_refused,
    one_organisation_never_reads_another_s,
    the_feed_pages_oldest_first_with_every_change,
    a_job_finds_what_has_been_in_a_status_long_enough,
    children_and_ordinals_come_in_order,
    children_are_read_through_their_own_index,
    a_resource_is_found_by_its_key_through_the_primary_key,
    a_scheduled_job_is_held_by_one_node_until_its_lease_runs_out,
);

fn a_scheduled_job_is_held_by_one_node_until_its_lease_runs_out(backend: Backend) {
    use dxp_persistence::schedules;
    use std::time::Duration;
    let mut store = TestStore::new(backend);
    let at = |minute: u32| {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, minute, 0)
            .single()
            .expect("an instant")
    };
    let lease = Duration::from_secs(5 * 60);
    let hold = |store: &mut TestStore, node: &str, minute: u32| {
        schedules::hold(&mut store.conn, "grace-expiry", node, at(minute), lease).expect("lease")
    };
    assert!(hold(&mut store, "node-a", 0), "nobody held it");
    assert!(
        !hold(&mut store, "node-b", 4),
        "node-a holds it until minute 5"
    );
    assert!(hold(&mut store, "node-a", 4), "the holder renews it");
    assert!(!hold(&mut store, "node-b", 8), "renewed until minute 9");
    assert!(
        hold(&mut store, "node-b", 9),
        "it ran out: node-b takes over"
    );
    assert!(!hold(&mut store, "node-a", 10));
}

/// One line of a query plan: SQLite's `EXPLAIN QUERY PLAN` detail, PostgreSQL's `EXPLAIN`.
#[derive(diesel::QueryableByName)]
struct SqlitePlanLine {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

#[derive(diesel::QueryableByName)]
struct PostgresPlanLine {
    #[diesel(sql_type = diesel::sql_types::Text, column_name = "QUERY PLAN")]
    line: String,
}

/// How the backend runs `query` (with `$1`, `$2`, … standing for `arguments`). On PostgreSQL,
/// the generic plan: the one a connection keeps for a prepared statement whatever the
/// arguments, and keeps even as the table grows, when it chose it while the table was small.
fn plan_of(conn: &mut DbConnection, query: &str, arguments: &[&str]) -> String {
    use diesel::RunQueryDsl;
    use diesel::connection::SimpleConnection;
    let lines: Vec<String> = match conn {
        DbConnection::Sqlite(conn) => {
            let mut literal = query.to_owned();
            for (n, argument) in arguments.iter().enumerate().rev() {
                literal = literal.replace(&format!("${}", n + 1), argument);
            }
            diesel::sql_query(format!("EXPLAIN QUERY PLAN {literal}"))
                .load::<SqlitePlanLine>(conn)
                .expect("a plan")
                .into_iter()
                .map(|line| line.detail)
                .collect()
        }
        DbConnection::Postgresql(conn) => {
            conn.batch_execute(&format!(
                "SET plan_cache_mode = force_generic_plan; PREPARE planned AS {query}"
            ))
            .expect("prepared");
            let lines =
                diesel::sql_query(format!("EXPLAIN EXECUTE planned({})", arguments.join(", ")))
                    .load::<PostgresPlanLine>(conn)
                    .expect("a plan")
                    .into_iter()
                    .map(|line| line.line)
                    .collect();
            conn.batch_execute("DEALLOCATE planned; RESET plan_cache_mode")
                .expect("deallocated");
            lines
        }
    };
    lines.join("\n")
}

/// An agreement's enrolments are read on every change of the agreement and every new
/// enrolment. Planned on the primary key for its order, the read filtered every enrolment of
/// the organisation, and loading a provider's book grew quadratic (docs/performance.md).
fn children_are_read_through_their_own_index(backend: Backend) {
    let mut store = TestStore::new(backend);
    let plan = plan_of(
        &mut store.conn,
        "SELECT body FROM work_based_resources WHERE organisation = $1 \
         AND kind = $2 AND parent_id = $3 ORDER BY local_id, ordinal",
        &["8001", "'enrolment'", "'TA-1'"],
    );
    assert!(plan.contains("work_based_resources_children"), "{plan}");
    assert!(
        !plan.to_uppercase().contains("TEMP B-TREE") && !plan.contains("Sort"),
        "no sort needed: {plan}"
    );
}

/// Every request finds resources by their key. When the children's index began with the
/// organisation and kind, PostgreSQL could serve a key lookup from it, scanning every row of
/// the kind, and a connection that chose so while the table was small kept that plan: loading
/// grew with what was stored (docs/performance.md).
fn a_resource_is_found_by_its_key_through_the_primary_key(backend: Backend) {
    let mut store = TestStore::new(backend);
    let plan = plan_of(
        &mut store.conn,
        "SELECT body FROM work_based_resources WHERE organisation = $1 \
         AND kind = $2 AND local_id = $3 AND ordinal = $4",
        &["8001", "'enrolment'", "'E-1'", "0"],
    );
    assert!(
        plan.contains("work_based_resources_pkey") || plan.contains("sqlite_autoindex"),
        "{plan}"
    );
}
