//! Remembered answers to requests sent with an `Idempotency-Key`, so a retry gets the first
//! answer instead of doing the work again.

use diesel::prelude::*;

use crate::schema::idempotency_keys;
use crate::time::now;
use crate::{DbConnection, StoreError, on_backend};

/// A remembered answer.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Remembered {
    /// A digest of the request the key was first used for.
    pub request_fingerprint: String,
    pub status: i32,
    pub body: String,
}

pub fn find(
    conn: &mut DbConnection,
    organisation: i32,
    key: &str,
) -> Result<Option<Remembered>, StoreError> {
    Ok(idempotency_keys::table
        .find((organisation, key))
        .select((
            idempotency_keys::request_fingerprint,
            idempotency_keys::status,
            idempotency_keys::body,
        ))
        .first(conn)
        .optional()?)
}

/// Remembers the first answer for a key; a later one for the same key is ignored.
pub fn remember(
    conn: &mut DbConnection,
    organisation: i32,
    key: &str,
    answer: &Remembered,
) -> Result<(), StoreError> {
    let row = (
        idempotency_keys::organisation.eq(organisation),
        idempotency_keys::key.eq(key),
        idempotency_keys::request_fingerprint.eq(&answer.request_fingerprint),
        idempotency_keys::status.eq(answer.status),
        idempotency_keys::body.eq(&answer.body),
        idempotency_keys::created_at.eq(now()),
    );
    on_backend!(conn, inner => diesel::insert_into(idempotency_keys::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(inner))?;
    Ok(())
}
