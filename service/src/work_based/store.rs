//! Typed reads and writes of work-based resources: the store keeps JSON, the use cases speak
//! the domain's types.

use chrono::{DateTime, Utc};
use dxp_persistence::work_based::{self, Author, ChangeKind, Contents, Key, Stored};
use dxp_persistence::{DbConnection, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A stored resource read back as its domain type, with the row it came from (whose revision a
/// change names).
pub(crate) struct Loaded<T> {
    pub row: Stored,
    pub value: T,
}

/// The resource with this key as `T`, if the organisation has sent it.
pub(crate) fn load<T: DeserializeOwned>(
    conn: &mut DbConnection,
    key: &Key,
) -> Result<Option<Loaded<T>>, StoreError> {
    work_based::find(conn, key)?.map(decode).transpose()
}

/// A row as `T`; a row this version cannot read is a fault of the store.
pub(crate) fn decode<T: DeserializeOwned>(row: Stored) -> Result<Loaded<T>, StoreError> {
    let value = serde_json::from_str(&row.contents.body).map_err(|error| {
        StoreError::corrupt(format!(
            "stored {} {} cannot be read: {error}",
            row.key.kind.as_str(),
            row.key.local_id
        ))
    })?;
    Ok(Loaded { row, value })
}

/// What the store keeps of `value`: its JSON and its lookup columns.
pub(crate) fn contents<T: Serialize>(value: &T, columns: Columns) -> Result<Contents, StoreError> {
    Ok(Contents {
        parent_id: columns.parent_id,
        lookup: columns.lookup,
        status: columns.status.map(str::to_owned),
        status_date: columns.status_date,
        body: serde_json::to_string(value)
            .map_err(|error| StoreError::corrupt(format!("cannot write JSON: {error}")))?,
    })
}

/// The columns a resource is looked up by.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    pub parent_id: Option<String>,
    pub lookup: Option<String>,
    pub status: Option<&'static str>,
    pub status_date: Option<chrono::NaiveDate>,
}

/// Who makes a change.
pub(crate) fn author<'a>(actor: &'a str, at: DateTime<Utc>, reason: Option<&'a str>) -> Author<'a> {
    Author { actor, at, reason }
}

/// Keeps `value` as a new resource.
pub(crate) fn create<T: Serialize>(
    conn: &mut DbConnection,
    key: &Key,
    value: &T,
    columns: Columns,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    work_based::insert(conn, key, &contents(value, columns)?, author)
}

/// Replaces what `from` held with `value`.
pub(crate) fn replace<T: Serialize>(
    conn: &mut DbConnection,
    from: &Stored,
    value: &T,
    columns: Columns,
    change: ChangeKind,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    work_based::update(conn, from, &contents(value, columns)?, change, author)
}
