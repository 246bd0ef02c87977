//! Typed reads and writes of work-based resources: the store keeps JSON, the use cases speak
//! the domain's types.

use dxp_persistence::work_based::{self, Author, ChangeKind, Contents, Key, Kind, Stored};
use dxp_persistence::{DbConnection, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A work-based resource as the store keeps it: JSON of its kind, with the columns it is
/// looked up by.
pub(crate) trait Resource: Serialize + DeserializeOwned {
    const KIND: Kind;
    fn columns(&self) -> Columns;
}

/// A stored resource read back as its domain type, with the row it came from (whose revision a
/// change names).
pub(crate) struct Loaded<T> {
    pub row: Stored,
    pub value: T,
}

/// The resource with this key as `T`, if the organisation has sent it.
pub(crate) fn load<T: Resource>(
    conn: &mut DbConnection,
    key: &Key,
) -> Result<Option<Loaded<T>>, StoreError> {
    work_based::find(conn, key)?.map(decode).transpose()
}

/// A row as `T`; a row this version cannot read is a fault of the store.
pub(crate) fn decode<T: Resource>(row: Stored) -> Result<Loaded<T>, StoreError> {
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
fn contents<T: Resource>(value: &T) -> Result<Contents, StoreError> {
    let columns = value.columns();
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

/// Keeps `value` as a new resource.
pub(crate) fn create<T: Resource>(
    conn: &mut DbConnection,
    key: &Key,
    value: &T,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    debug_assert_eq!(
        key.kind,
        T::KIND,
        "a resource kept under another kind's key"
    );
    work_based::insert(conn, key, &contents(value)?, author)
}

/// Replaces what `from` held with `value`.
pub(crate) fn replace<T: Resource>(
    conn: &mut DbConnection,
    from: &Stored,
    value: &T,
    change: ChangeKind,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    work_based::update(conn, from, &contents(value)?, change, author)
}
