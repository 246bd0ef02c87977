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
        Err(error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(rollback.into()),
        },
    }
}
