//! A cheap check that the database answers.

use diesel::RunQueryDsl;

use crate::{DbConnection, StoreError};

pub fn check(conn: &mut DbConnection) -> Result<(), StoreError> {
    diesel::sql_query("SELECT 1")
        .execute(conn)
        .map(drop)
        .map_err(|error| StoreError::Unavailable(error.to_string()))
}
