//! The two migration trees must build the same schema, and every `down.sql` must undo its `up.sql`.

use std::collections::BTreeSet;

use diesel::sql_types::{Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};
use dxp_persistence::{DbConnection, Pool, PoolOptions, migrations};

use crate::helpers::{Backend, Database, postgres_available};
use crate::on_both_backends;

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Integer)]
    not_null: i32,
}

/// (table, column, NOT NULL) for every column of DXP's own tables.
fn columns(conn: &mut DbConnection) -> BTreeSet<(String, String, bool)> {
    let query = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, (p.\"notnull\" OR p.pk) AS not_null \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__diesel%'"
        }
        DbConnection::Postgresql(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
             (CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END) AS not_null \
             FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '__diesel%'"
        }
    };
    diesel::sql_query(query)
        .load::<Column>(conn)
        .expect("read the schema")
        .into_iter()
        .map(|c| (c.table_name, c.column_name, c.not_null != 0))
        .collect()
}

fn open(database: &Database) -> dxp_persistence::PooledConnection {
    let url = database.url.parse().expect("database URL");
    Pool::open(&url, &PoolOptions::default())
        .expect("open")
        .get()
        .expect("connection")
}

#[test]
fn sqlite_and_postgres_migrations_build_the_same_schema() {
    let sqlite_db = Database::new(Backend::Sqlite);
    let mut sqlite = open(&sqlite_db);
    migrations::run_pending(&mut sqlite).expect("migrate SQLite");
    let sqlite_columns = columns(&mut sqlite);
    let tables: BTreeSet<&str> = sqlite_columns.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(
        tables,
        BTreeSet::from([
            "audit_events",
            "commitment_rows",
            "commitment_versions",
            "commitments",
            "course_change_requests",
            "course_register",
            "course_register_history",
            "delivery_sites",
            "email_preferences",
            "document_audience",
            "document_files",
            "documents",
            "funding_rates",
            "idempotency_keys",
            "insight_facts",
            "insight_figures",
            "machine_accounts",
            "notices",
            "nzqa_results",
            "organisations",
            "outbox_emails",
            "people",
            "problems",
            "qualification_register",
            "records",
            "reminders_sent",
            "rounds",
            "scheduled_job_leases",
            "stop_gate_lifts",
            "subject_groupings",
            "submission_files",
            "submission_tokens",
            "submissions",
            "validation_jobs",
            "webhook_attempts",
            "webhook_deliveries",
            "webhook_subscriptions",
            "work_based_changes",
            "work_based_feed_positions",
            "work_based_resources",
            "workforce_questionnaires",
        ])
    );
    if postgres_available() {
        let postgres_db = Database::new(Backend::Postgres);
        let mut postgres = open(&postgres_db);
        migrations::run_pending(&mut postgres).expect("migrate PostgreSQL");
        assert_eq!(sqlite_columns, columns(&mut postgres));
    }
}

fn migrations_run_up_down_up(backend: Backend) {
    let database = Database::new(backend);
    let mut conn = open(&database);
    migrations::run_pending(&mut conn).expect("up");
    let migrated = columns(&mut conn);
    assert!(!migrated.is_empty());
    migrations::revert_all(&mut conn).expect("down");
    assert_eq!(
        columns(&mut conn),
        BTreeSet::new(),
        "down.sql left tables behind"
    );
    migrations::run_pending(&mut conn).expect("up again");
    assert_eq!(columns(&mut conn), migrated);
}

/// A database that had records before the per-file counts existed gets them counted by the
/// migration that adds them: a submission must not look empty after an upgrade.
fn record_counts_are_filled_in_for_records_stored_before(backend: Backend) {
    let database = Database::new(backend);
    let mut conn = open(&database);
    let applied = migrations::run_pending(&mut conn).expect("up").len();
    // Back to the schema before submission_files (000004): every later migration reverted.
    let after_000003 = applied - 3;
    for _ in 0..after_000003 {
        migrations::revert_last(&mut conn).expect("down");
    }
    for statement in [
        "INSERT INTO organisations (edumis, name, created_at) VALUES (6004, 'A TEO', '2026-01-01 00:00:00')",
        "INSERT INTO rounds (id, kind, year, return_id, extract_date, opens_at, due_at) \
         VALUES ('2026-APR', 'APR', 2026, 202604, '2026-04-30', '2026-04-01 00:00:00', '2026-05-15 05:00:00')",
        "INSERT INTO submissions (id, organisation, round_id, status, created_by, created_at, updated_at) \
         VALUES ('s-1', 6004, '2026-APR', 'Draft', 'test', '2026-04-02 00:00:00', '2026-04-02 00:00:00')",
        "INSERT INTO records (submission_id, file, local_id, record, error_count, warning_count, received_at) VALUES \
         ('s-1', 'learners', 'L-1', '{}', 0, 0, '2026-04-02 00:00:00'), \
         ('s-1', 'course-enrolments', 'E-1', '{}', 0, 0, '2026-04-02 00:00:00'), \
         ('s-1', 'course-enrolments', 'E-2', '{}', 0, 0, '2026-04-02 00:00:00')",
    ] {
        diesel::sql_query(statement)
            .execute(&mut *conn)
            .expect(statement);
    }
    assert_eq!(
        migrations::run_pending(&mut conn).expect("up again").len(),
        after_000003
    );
    let mut counts = dxp_persistence::record_store::counts(&mut conn, "s-1").expect("counts");
    counts.sort_by_key(|(file, _)| file.as_str());
    assert_eq!(
        counts,
        [
            (dxp_domain::SdrFile::CourseEnrolments, 2),
            (dxp_domain::SdrFile::Learners, 1)
        ]
    );
}

/// Records are paged in the byte order of their `localId`s on both backends: on PostgreSQL the
/// key columns compare byte by byte whatever the database's collation (a locale's order puts
/// `b` before `C`, and is slower to compare).
fn records_are_paged_in_the_byte_order_of_their_local_ids(backend: Backend) {
    let database = Database::new(backend);
    let mut conn = open(&database);
    migrations::run_pending(&mut conn).expect("up");
    if let DbConnection::Postgresql(_) = &mut *conn {
        #[derive(QueryableByName)]
        struct Collation {
            #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
            collation_name: Option<String>,
        }
        let collations: Vec<Collation> = diesel::sql_query(
            "SELECT collation_name::text AS collation_name FROM information_schema.columns \
             WHERE table_name = 'records' \
             AND column_name IN ('submission_id', 'file', 'local_id')",
        )
        .load(&mut *conn)
        .expect("read the collations");
        assert_eq!(collations.len(), 3);
        for collation in collations {
            assert_eq!(collation.collation_name.as_deref(), Some("C"));
        }
    }
    let local_ids = ["b", "C", "a-2", "a_1", "A", "é", "z"];
    let values: Vec<String> = local_ids
        .iter()
        .map(|id| format!("('s-1', 'learners', '{id}', '{{}}', 0, 0, '2026-04-02 00:00:00')"))
        .collect();
    diesel::sql_query(format!(
        "INSERT INTO records (submission_id, file, local_id, record, error_count, \
         warning_count, received_at) VALUES {}",
        values.join(", ")
    ))
    .execute(&mut *conn)
    .expect("insert records");
    let page = dxp_persistence::record_store::file_page(
        &mut conn,
        "s-1",
        dxp_domain::SdrFile::Learners,
        &dxp_persistence::paging::PageRequest::new(None, 100),
    )
    .expect("a page");
    let paged: Vec<&str> = page.items.iter().map(|(id, _)| id.as_str()).collect();
    let mut bytewise = local_ids.to_vec();
    bytewise.sort_unstable();
    assert_eq!(paged, bytewise);
}

on_both_backends!(
    migrations_run_up_down_up,
    record_counts_are_filled_in_for_records_stored_before,
    records_are_paged_in_the_byte_order_of_their_local_ids
);
