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
            "idempotency_keys",
            "organisations",
            "problems",
            "records",
            "rounds",
            "submission_files",
            "submissions",
            "validation_jobs",
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

on_both_backends!(migrations_run_up_down_up);
