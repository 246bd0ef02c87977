//! How many records each file of a submission holds, kept beside the records and changed by
//! the same transactions, so that reading them never counts the records themselves.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::upsert::excluded;
use dxp_domain::SdrFile;

use crate::schema::submission_files;
use crate::{DbConnection, StoreError, on_backend};

/// Adds `delta` (negative for deletions) to the count of one file of a submission. Runs inside
/// the transaction that added or deleted the records, under the submission's lock.
pub(super) fn add(
    conn: &mut DbConnection,
    submission_id: &str,
    file: SdrFile,
    delta: i64,
) -> Result<(), StoreError> {
    if delta == 0 {
        return Ok(());
    }
    if delta < 0 {
        // An upsert would check its inserted row, a negative count, against the table's CHECK
        // before finding the stored one; a deletion only ever follows additions.
        diesel::update(
            submission_files::table
                .filter(submission_files::submission_id.eq(submission_id))
                .filter(submission_files::file.eq(file.as_str())),
        )
        .set(submission_files::records.eq(submission_files::records + delta))
        .execute(conn)?;
        return Ok(());
    }
    on_backend!(conn, inner => {
        use submission_files::dsl as f;
        diesel::insert_into(submission_files::table)
            .values((
                f::submission_id.eq(submission_id),
                f::file.eq(file.as_str()),
                f::records.eq(delta),
            ))
            .on_conflict((f::submission_id, f::file))
            .do_update()
            .set(f::records.eq(f::records + excluded(f::records)))
            .execute(inner)
    })?;
    Ok(())
}

/// How many records of each file a submission holds (files with none are left out).
pub(super) fn of(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<Vec<(SdrFile, i64)>, StoreError> {
    let rows: Vec<(String, i64)> = submission_files::table
        .filter(submission_files::submission_id.eq(submission_id))
        .filter(submission_files::records.gt(0))
        .select((submission_files::file, submission_files::records))
        .load(conn)?;
    rows.into_iter()
        .map(|(file, n)| Ok((stored_file(&file)?, n)))
        .collect()
}

/// Submissions per query: a page of them (at most 1,000) in one statement, well inside both
/// backends' bind-parameter limits.
const SUBMISSIONS_PER_QUERY: usize = 1_000;

/// [`of`] for many submissions, one query per [`SUBMISSIONS_PER_QUERY`] of them whatever
/// their records; a submission without records has no entry.
pub(super) fn of_many(
    conn: &mut DbConnection,
    submission_ids: &[&str],
) -> Result<HashMap<String, Vec<(SdrFile, i64)>>, StoreError> {
    let mut counts: HashMap<String, Vec<(SdrFile, i64)>> = HashMap::new();
    for chunk in submission_ids.chunks(SUBMISSIONS_PER_QUERY) {
        let rows: Vec<(String, String, i64)> = submission_files::table
            .filter(submission_files::submission_id.eq_any(chunk))
            .filter(submission_files::records.gt(0))
            .select((
                submission_files::submission_id,
                submission_files::file,
                submission_files::records,
            ))
            .load(conn)?;
        for (submission_id, file, n) in rows {
            let file = stored_file(&file)?;
            counts.entry(submission_id).or_default().push((file, n));
        }
    }
    Ok(counts)
}

/// The file a count row names; a name this code does not know is a corrupt row, not a file
/// to leave out of the counts.
fn stored_file(name: &str) -> Result<SdrFile, StoreError> {
    SdrFile::parse(name).ok_or_else(|| {
        StoreError::corrupt(format!(
            "a record count names '{name}', which is not an SDR file"
        ))
    })
}
