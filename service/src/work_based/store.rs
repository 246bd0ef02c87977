//! Typed reads and writes of work-based resources: the store keeps JSON, the use cases speak
//! the domain's types.

use dxp_domain::Edumis;
use dxp_persistence::work_based::{self, Author, ChangeKind, Contents, Key, Kind, Stored};
use dxp_persistence::{DbConnection, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A work-based resource as the store keeps it: JSON of its kind, with the columns it is
/// looked up by.
pub(crate) trait Resource: Serialize + DeserializeOwned {
    const KIND: Kind;
    /// The TMS's id for it (a fee's learner, a version's programme).
    fn local_id(&self) -> &str;
    /// Which of the id's rows it is: a programme's version, a fee's year; 0 for the kinds with
    /// one row per id.
    fn ordinal(&self) -> i32 {
        0
    }
    fn columns(&self) -> Columns;
}

/// A stored resource read back as its domain type, with the row it came from (whose revision a
/// change names).
pub(crate) struct Loaded<T> {
    pub row: Stored,
    pub value: T,
}

/// Where the organisation's `value` is kept.
pub(crate) fn key_of<T: Resource>(organisation: Edumis, value: &T) -> Key {
    Key::new(organisation, T::KIND, value.local_id()).with_ordinal(value.ordinal())
}

/// The organisation's `T` with this id, if it has sent it.
pub(crate) fn load<T: Resource>(
    conn: &mut DbConnection,
    organisation: Edumis,
    local_id: &str,
) -> Result<Option<Loaded<T>>, StoreError> {
    load_ordinal(conn, organisation, local_id, 0)
}

/// The organisation's `T` with this id and ordinal (a programme's version), if it has sent it.
pub(crate) fn load_ordinal<T: Resource>(
    conn: &mut DbConnection,
    organisation: Edumis,
    local_id: &str,
    ordinal: i32,
) -> Result<Option<Loaded<T>>, StoreError> {
    let key = Key::new(organisation, T::KIND, local_id).with_ordinal(ordinal);
    work_based::find(conn, &key)?.map(decode).transpose()
}

/// Whether the organisation has sent a `T` with this id (a deleted one counts).
pub(crate) fn exists<T: Resource>(
    conn: &mut DbConnection,
    organisation: Edumis,
    local_id: &str,
) -> Result<bool, StoreError> {
    let key = Key::new(organisation, T::KIND, local_id);
    Ok(work_based::find(conn, &key)?.is_some())
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

/// Keeps `value` as the organisation's new resource, under its own id.
pub(crate) fn create<T: Resource>(
    conn: &mut DbConnection,
    organisation: Edumis,
    value: &T,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    work_based::insert(
        conn,
        &key_of(organisation, value),
        &contents(value)?,
        author,
    )
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
