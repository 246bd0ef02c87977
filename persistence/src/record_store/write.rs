//! Writing one chunk of records, each backend its fastest way, telling added, replaced and
//! unchanged records apart.
//!
//! On PostgreSQL the write itself tells them apart, so that no look-up depends on a query plan:
//! new records go in by binary `COPY`, several times faster than a multi-row `INSERT`
//! (STACK.md), inside a savepoint; when one of the chunk's `localId`s is already stored, the
//! savepoint is rolled back and the chunk, and the rest of the request, is upserted instead,
//! with a `DO UPDATE` that only fires when the stored text differs and returns the rows it
//! inserted or replaced. The conflict target is the primary key, so every row is matched
//! through that index whatever the table's statistics say. (A separate look-up of the stored
//! texts by `local_id = ANY(...)` was planned as a scan of the whole file while PostgreSQL's
//! statistics lagged behind a large load, which made a first upload quadratic.)
//!
//! SQLite runs in this process and always finds rows through the primary key, so there the
//! stored texts are looked up first and only the changed records written.

use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use diesel::sql_types::Bool;
use diesel::sqlite::SqliteConnection;
use diesel::upsert::excluded;

use super::RecordRow;

/// What an upsert changes in a stored record: everything but its key. (A macro, as diesel does
/// not name the type of `excluded(...)`.)
macro_rules! changes {
    () => {{
        use records::dsl as r;
        (
            r::student_identification_code.eq(excluded(r::student_identification_code)),
            r::record.eq(excluded(r::record)),
            r::error_count.eq(excluded(r::error_count)),
            r::warning_count.eq(excluded(r::warning_count)),
            r::received_at.eq(excluded(r::received_at)),
        )
    }};
}
use crate::StoreError;
use crate::schema::records;

/// Rows per multi-row upsert: 8 columns × 500 rows stays well inside both backends'
/// bind-parameter limits.
const UPSERT_ROWS: usize = 500;

/// `localId`s per look-up of stored records on SQLite.
const LOOKUP_IDS: usize = 500;

/// What writing a chunk did, by position in the chunk.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// The records added or replaced (the others were identical to what is stored).
    pub changed: Vec<usize>,
    /// Those of them that replaced a stored record, whose old problems must go (the rest were
    /// added).
    pub replaced: Vec<usize>,
}

/// Writes a chunk on PostgreSQL: by `COPY` while `copy_new` holds, else by upsert.
pub(super) fn postgres(
    conn: &mut PgConnection,
    rows: &[RecordRow<'_>],
    copy_new: &mut bool,
) -> Result<Written, StoreError> {
    if *copy_new {
        let copied = conn.transaction(|conn| {
            diesel::copy_from(records::table)
                .from_insertable(rows)
                .execute(conn)
        });
        match copied {
            Ok(_) => {
                return Ok(Written {
                    changed: (0..rows.len()).collect(),
                    replaced: Vec::new(),
                });
            }
            // Some of these records are stored already: this request replaces records, so
            // the rest of it is upserted rather than tried by COPY chunk after chunk.
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                *copy_new = false;
            }
            Err(error) => return Err(error.into()),
        }
    }
    let mut written = Written::default();
    let position = positions(rows);
    for chunk in rows.chunks(UPSERT_ROWS) {
        // `filter` on an upsert is its `DO UPDATE ... WHERE`.
        use diesel::query_dsl::methods::FilterDsl as _;
        use records::dsl as r;
        // `xmax` is 0 on a freshly inserted row version and set on one the upsert replaced.
        let returned: Vec<(String, bool)> = diesel::insert_into(records::table)
            .values(chunk)
            .on_conflict((r::submission_id, r::file, r::local_id))
            .do_update()
            .set(changes!())
            .filter(r::record.ne(excluded(r::record)))
            .returning((r::local_id, sql::<Bool>("xmax <> 0")))
            .get_results(conn)?;
        for (local_id, replaced) in returned {
            let Some(&at) = position.get(local_id.as_str()) else {
                continue;
            };
            written.changed.push(at);
            if replaced {
                written.replaced.push(at);
            }
        }
    }
    Ok(written)
}

/// Writes a chunk on SQLite: the stored texts of the chunk's `localId`s are read first (SQLite
/// finds each through the primary key whatever it knows of the table, and runs in this process,
/// so the look-up costs no round trip), then the changed records are upserted, many rows a
/// statement.
pub(super) fn sqlite(
    conn: &mut SqliteConnection,
    submission_id: &str,
    file: &str,
    rows: &[RecordRow<'_>],
) -> Result<Written, StoreError> {
    let mut stored: HashMap<String, String> = HashMap::new();
    for chunk in rows.chunks(LOOKUP_IDS) {
        let ids: Vec<&str> = chunk.iter().map(|row| row.local_id).collect();
        let found: Vec<(String, String)> = records::table
            .filter(records::submission_id.eq(submission_id))
            .filter(records::file.eq(file))
            .filter(records::local_id.eq_any(ids))
            .select((records::local_id, records::record))
            .load(conn)?;
        stored.extend(found);
    }
    let mut written = Written::default();
    for (at, row) in rows.iter().enumerate() {
        match stored.get(row.local_id) {
            Some(text) if text == row.record => {}
            Some(_) => {
                written.changed.push(at);
                written.replaced.push(at);
            }
            None => written.changed.push(at),
        }
    }
    let changed: Vec<RecordRow<'_>> = written.changed.iter().map(|&at| rows[at].clone()).collect();
    for chunk in changed.chunks(UPSERT_ROWS) {
        use records::dsl as r;
        diesel::insert_into(records::table)
            .values(chunk)
            .on_conflict((r::submission_id, r::file, r::local_id))
            .do_update()
            .set(changes!())
            .execute(conn)?;
    }
    Ok(written)
}

/// Each row's position by its `localId` (the chunk holds each `localId` once).
fn positions<'r>(rows: &'r [RecordRow<'_>]) -> HashMap<&'r str, usize> {
    rows.iter()
        .enumerate()
        .map(|(at, row)| (row.local_id, at))
        .collect()
}
