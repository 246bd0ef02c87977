//! One connection type for both backends.
//!
//! diesel's derived multi-connection runs ordinary queries, transactions and migrations on
//! either engine. What it cannot express (multi-row inserts, `ON CONFLICT`, `RETURNING` into a
//! model, `FOR UPDATE SKIP LOCKED`) is written with [`on_backend!`], which runs the same diesel
//! code on the inner connection of whichever variant this is.

use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

use crate::Backend;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

impl DbConnection {
    pub fn backend(&self) -> Backend {
        match self {
            DbConnection::Postgresql(_) => Backend::Postgres,
            DbConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// Runs `$body` with `$conn` bound to the inner connection of either backend. The body is
/// type-checked once per backend, so backend-specific diesel features can be used in it.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, $inner:ident => $body:expr) => {
        match $conn {
            $crate::DbConnection::Postgresql($inner) => $body,
            $crate::DbConnection::Sqlite($inner) => $body,
        }
    };
}

/// Runs `f` in a transaction that will write. On SQLite it begins `IMMEDIATE`: the write lock is
/// taken first, waiting out the busy timeout, so a transaction that reads and then writes never
/// finds that another writer committed in between (SQLite fails that write at once with
/// "database is locked", whatever the timeout). Inside a transaction it is a savepoint.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
    type Manager = <DbConnection as Connection>::TransactionManager;
    let DbConnection::Sqlite(inner) = conn else {
        return conn.transaction(f);
    };
    let depth = AnsiTransactionManager::transaction_manager_status_mut(inner)
        .transaction_depth()?
        .map_or(0, |depth| depth.get());
    if depth > 0 {
        return conn.transaction(f);
    }
    AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
    match f(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        // The body's error is the one to report. SQLite has already rolled back on some errors
        // (a full disk, SQLITE_FULL), so the rollback may find no transaction; the transaction
        // manager is then marked broken and the pool drops the connection.
        Err(error) => {
            if let Err(rollback) = Manager::rollback_transaction(conn) {
                tracing::debug!(error = %rollback, "the rollback after a failed write failed");
            }
            Err(error)
        }
    }
}

/// [`write_transaction`] for callers whose errors are their own (a use case's refusals): the
/// body's error rolls the transaction back and comes out as it went in; a failure of the
/// database itself comes out as a [`StoreError`](crate::StoreError) converted into `E`.
pub fn atomically<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<crate::StoreError>,
{
    enum Failed<E> {
        Body(E),
        Database(diesel::result::Error),
    }
    impl<E> From<diesel::result::Error> for Failed<E> {
        fn from(error: diesel::result::Error) -> Self {
            Failed::Database(error)
        }
    }
    write_transaction(conn, |conn| f(conn).map_err(Failed::Body)).map_err(|failed| match failed {
        Failed::Body(error) => error,
        Failed::Database(error) => E::from(crate::StoreError::from(error)),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    use diesel::sql_types::BigInt;

    use super::*;
    use crate::{DatabaseUrl, Pool, PoolOptions, StoreError};

    fn count(conn: &mut DbConnection) -> Result<i64, diesel::result::Error> {
        diesel::select(diesel::dsl::sql::<BigInt>("(SELECT count(*) FROM t)")).get_result(conn)
    }

    /// A reads, B writes and commits, then A writes: the order in which SQLite fails a
    /// deferred transaction at once, whatever its busy timeout.
    fn read_then_write_beside_another_writer(
        immediate: bool,
    ) -> (Result<(), StoreError>, Result<(), StoreError>) {
        let folder = tempfile::tempdir().expect("temporary folder");
        let url = DatabaseUrl::Sqlite {
            path: folder.path().join("t.sqlite3"),
        };
        let pool = Pool::open(&url, &PoolOptions::default()).expect("pool");
        pool.get()
            .expect("connection")
            .batch_execute("CREATE TABLE t (n INTEGER)")
            .expect("table");
        let (read, then_write) = mpsc::channel();
        let other = pool.clone();
        let writer = std::thread::spawn(move || -> Result<(), StoreError> {
            let _ = then_write.recv();
            let mut conn = other.get()?;
            write_transaction(&mut conn, |conn| {
                conn.batch_execute("INSERT INTO t VALUES (2)")?;
                Ok::<_, StoreError>(())
            })
        });
        let mut pooled = pool.get().expect("connection");
        let conn: &mut DbConnection = &mut pooled;
        let body = |conn: &mut DbConnection| -> Result<(), StoreError> {
            count(conn)?;
            let _ = read.send(());
            std::thread::sleep(Duration::from_millis(300));
            conn.batch_execute("INSERT INTO t VALUES (1)")?;
            Ok(())
        };
        let first = if immediate {
            write_transaction(conn, body)
        } else {
            conn.transaction(body)
        };
        let second = writer.join().expect("writer thread");
        (first, second)
    }

    #[test]
    fn a_write_transaction_on_sqlite_is_not_failed_by_a_writer_in_between() {
        let (first, second) = read_then_write_beside_another_writer(true);
        assert!(first.is_ok(), "{first:?}");
        assert!(
            second.is_ok(),
            "the other writer waited its turn: {second:?}"
        );
        // What it guards against: the same with a deferred transaction fails at once.
        let (first, _) = read_then_write_beside_another_writer(false);
        assert!(
            first.is_err(),
            "a deferred transaction's late write is refused"
        );
    }
}
