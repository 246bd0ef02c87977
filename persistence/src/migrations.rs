//! The embedded migrations of both backends, chosen by the connection's variant.

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::{DbConnection, StoreError};

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Applies every pending migration; returns the versions applied.
pub fn run_pending(conn: &mut DbConnection) -> Result<Vec<String>, StoreError> {
    let applied = match conn {
        DbConnection::Postgresql(pg) => pg
            .run_pending_migrations(POSTGRES)
            .map(|versions| versions.iter().map(ToString::to_string).collect()),
        DbConnection::Sqlite(sqlite) => sqlite
            .run_pending_migrations(SQLITE)
            .map(|versions| versions.iter().map(ToString::to_string).collect()),
    };
    applied.map_err(|error| StoreError::Migration(error.to_string()))
}

/// Reverts every applied migration, newest first. Used by tests that check each `down.sql`.
pub fn revert_all(conn: &mut DbConnection) -> Result<(), StoreError> {
    let reverted = match conn {
        DbConnection::Postgresql(pg) => pg.revert_all_migrations(POSTGRES).map(drop),
        DbConnection::Sqlite(sqlite) => sqlite.revert_all_migrations(SQLITE).map(drop),
    };
    reverted.map_err(|error| StoreError::Migration(error.to_string()))
}

/// Reverts the newest applied migration. Used by tests that set data up under an older schema.
pub fn revert_last(conn: &mut DbConnection) -> Result<(), StoreError> {
    let reverted = match conn {
        DbConnection::Postgresql(pg) => pg.revert_last_migration(POSTGRES).map(drop),
        DbConnection::Sqlite(sqlite) => sqlite.revert_last_migration(SQLITE).map(drop),
    };
    reverted.map_err(|error| StoreError::Migration(error.to_string()))
}
