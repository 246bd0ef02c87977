//! A migrated database of either backend per test, and the few rows the tests build on.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::{Connection, RunQueryDsl};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::{Edumis, SdrFile};
use dxp_persistence::record_store::IncomingRecord;
use dxp_persistence::submissions::{self, Scope};
use dxp_persistence::{
    DatabaseUrl, DbConnection, StoreError, connect_once, migrations, record_store, rounds,
};

/// The organisation the tests' submissions belong to.
pub const ORG: i64 = 6004;
/// A round of the standard 2026 calendar, open to returns of every file.
pub const ROUND: &str = "2026-APR";
pub const ACTOR: &str = "store-test";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares a test that runs once per backend: `on_both_backends!(name);` turns
/// `fn name(backend: Backend)` into `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name($crate::support::Backend::Sqlite);
            }
            #[test]
            fn postgres() {
                if $crate::support::postgres_available() {
                    super::$name($crate::support::Backend::Postgres);
                }
            }
        }
    )*};
}

/// The PostgreSQL server to create test databases on: `DATABASE_URL` when it names one,
/// otherwise the local server.
fn postgres_admin_url() -> String {
    match std::env::var("DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => url,
        _ => "postgres://postgres@127.0.0.1:5432/postgres".to_owned(),
    }
}

/// Whether the PostgreSQL tests run: skipped with a loud message when the server cannot be
/// reached, a failure instead when `DXP_REQUIRE_POSTGRES=1` (as in CI).
pub fn postgres_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        let reachable = diesel::PgConnection::establish(&postgres_admin_url());
        let required = std::env::var("DXP_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        match reachable {
            Ok(_) => true,
            Err(error) if required => {
                panic!("PostgreSQL is required (DXP_REQUIRE_POSTGRES=1) but unreachable: {error}")
            }
            Err(error) => {
                // Written past the test harness's capture, so that it shows in every run.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** PostgreSQL store tests SKIPPED ({error}). Only SQLite was tested. ***\n"
                );
                false
            }
        }
    })
}

/// A migrated database of its own, removed when dropped.
pub struct TestStore {
    pub conn: DbConnection,
    url: DatabaseUrl,
    postgres_database: Option<String>,
    _folder: tempfile::TempDir,
}

impl TestStore {
    pub fn new(backend: Backend) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let (conn, url, postgres_database) = match backend {
            Backend::Sqlite => {
                let url = DatabaseUrl::Sqlite {
                    path: folder.path().join("store.sqlite3"),
                };
                (connect_once(&url).expect("open SQLite"), url, None)
            }
            Backend::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("dxp_store_test_{}", uuid::Uuid::new_v4().simple());
                let mut server = diesel::PgConnection::establish(&admin).expect("PostgreSQL");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut server)
                    .expect("create the test database");
                let (base, _) = admin.rsplit_once('/').expect("a URL with a database");
                let url = DatabaseUrl::Postgres {
                    url: format!("{base}/{name}"),
                };
                (
                    connect_once(&url).expect("open the test database"),
                    url,
                    Some(name),
                )
            }
        };
        let mut store = TestStore {
            conn,
            url,
            postgres_database,
            _folder: folder,
        };
        migrations::run_pending(&mut store.conn).expect("migrations");
        rounds::ensure_standard_years(&mut store.conn, [2026]).expect("the 2026 rounds");
        store
    }

    /// Another connection to the same database, as a second node or request would have.
    pub fn connect(&self) -> DbConnection {
        connect_once(&self.url).expect("another connection")
    }

    /// Runs one statement as it is, to put rows in a state the code would never write.
    pub fn execute(&mut self, sql: &str) {
        diesel::sql_query(sql).execute(&mut self.conn).expect(sql);
    }

    /// Opens a return of the organisation for [`ROUND`].
    pub fn open_return(&mut self) -> String {
        let organisation = Edumis::new(ORG).expect("EDUMIS");
        let round = ROUND.parse().expect("round id");
        submissions::create(
            &mut self.conn,
            organisation,
            round,
            SubmissionType::Return,
            ACTOR,
        )
        .expect("open a submission")
        .id
    }

    /// Stores `count` records of `file` in the submission, with local ids `R-0000`, `R-0001`, …
    pub fn put_records(&mut self, submission_id: &str, file: SdrFile, count: usize) {
        let incoming: Vec<IncomingRecord> = (0..count)
            .map(|n| IncomingRecord {
                local_id: format!("R-{n:04}"),
                student_identification_code: None,
                record: format!(r#"{{"localId":"R-{n:04}"}}"#),
                problems: Vec::new(),
            })
            .collect();
        record_store::put_streaming(
            &mut self.conn,
            submission_id,
            Scope::Everyone,
            ACTOR,
            file,
            |_, writer| writer.write(&incoming),
        )
        .map(drop)
        .unwrap_or_else(|error: StoreError| panic!("store {count} {file} records: {error}"));
    }

    /// Counts the statements the connection runs from now on.
    pub fn count_queries(&mut self) -> QueryCounter {
        let counter = QueryCounter(Arc::new(AtomicUsize::new(0)));
        let counting = Arc::clone(&counter.0);
        self.conn
            .set_instrumentation(move |event: InstrumentationEvent<'_>| {
                if matches!(event, InstrumentationEvent::StartQuery { .. }) {
                    counting.fetch_add(1, Ordering::SeqCst);
                }
            });
        counter
    }

    /// Stops counting statements.
    pub fn stop_counting(&mut self) {
        self.conn
            .set_instrumentation(None::<Box<dyn Instrumentation>>);
    }
}

/// How many statements a connection ran since [`TestStore::count_queries`].
pub struct QueryCounter(Arc<AtomicUsize>);

impl QueryCounter {
    pub fn take(&self) -> usize {
        self.0.swap(0, Ordering::SeqCst)
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        let Some(name) = &self.postgres_database else {
            return;
        };
        if let Ok(mut server) = diesel::PgConnection::establish(&postgres_admin_url()) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut server);
        }
    }
}
