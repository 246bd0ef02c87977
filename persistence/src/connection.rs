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
