//! The records of a submission, for all five SDR files: added or replaced by `localId`, stored
//! exactly as received with their record-level problems, one transaction per request.

mod counts;
mod write;

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use dxp_domain::submission::{SubmissionEvent, SubmissionStatus};
use dxp_domain::{Problem, SdrFile};

use crate::paging::{Page, PageRequest};
use crate::problems::{self, Origin};
use crate::schema::records;
use crate::submissions::{self, Scope};
use crate::time::now;
use crate::{DbConnection, StoreError};

/// Ids per look-up: well inside both backends' bind-parameter limits.
const CHUNK: usize = 500;

/// A record to store: its key, the learner's code for problem reports, the record as received,
/// and the problems found in it on its own.
#[derive(Debug, Clone)]
pub struct IncomingRecord {
    pub local_id: String,
    pub student_identification_code: Option<String>,
    /// The record's JSON exactly as received (or as converted from a CSV row).
    pub record: String,
    pub problems: Vec<Problem>,
}

/// A record as stored. `treat_none_as_default_value = false` makes a missing learner code
/// NULL in `COPY` as in `INSERT`.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = records, treat_none_as_default_value = false)]
struct RecordRow<'a> {
    submission_id: &'a str,
    file: &'a str,
    local_id: &'a str,
    student_identification_code: Option<&'a str>,
    record: &'a str,
    error_count: i32,
    warning_count: i32,
    received_at: chrono::NaiveDateTime,
}

/// What a request changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PutOutcome {
    /// Records added or replaced.
    pub stored: usize,
    /// Records identical to what was already stored (a re-sent batch changes nothing).
    pub unchanged: usize,
    pub status: SubmissionStatus,
}

/// Adds or replaces records of one file by `localId`, chunk by chunk, so that a large upload
/// never has to be held whole (when a request carries the same `localId` twice, the last one is
/// kept): `produce` is given the submission and a [`RecordWriter`], and calls
/// [`RecordWriter::write`] as records arrive. Everything happens in one transaction: when
/// `produce` or any write fails, nothing of the request is kept.
pub fn put_streaming<T, E>(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    actor: &str,
    file: SdrFile,
    produce: impl FnOnce(&submissions::Submission, &mut RecordWriter<'_>) -> Result<T, E>,
) -> Result<(T, PutOutcome), E>
where
    E: From<StoreError>,
{
    /// The transaction's error: the store's, or the producer's own.
    enum Failed<E> {
        Store(StoreError),
        Produce(E),
    }
    impl<E> From<diesel::result::Error> for Failed<E> {
        fn from(error: diesel::result::Error) -> Self {
            Failed::Store(error.into())
        }
    }
    impl<E> From<StoreError> for Failed<E> {
        fn from(error: StoreError) -> Self {
            Failed::Store(error)
        }
    }
    let outcome = crate::connection::write_transaction(conn, |conn| {
        let submission = submissions::lock_for_change(conn, submission_id, scope)?;
        // Refuse before writing anything when the submission cannot take changes.
        check_takes(&submission, file)?;
        let mut writer = RecordWriter {
            conn,
            submission_id,
            file,
            received_at: now(),
            copy_new: true,
            stored: 0,
            unchanged: 0,
            added: 0,
            problems: problems::SeverityCounts::default(),
        };
        let produced = produce(&submission, &mut writer).map_err(Failed::Produce)?;
        let (stored, unchanged, added, changed_problems) = (
            writer.stored,
            writer.unchanged,
            writer.added,
            writer.problems,
        );
        if stored == 0 {
            return Ok((
                produced,
                PutOutcome {
                    stored,
                    unchanged,
                    status: submission.status,
                },
            ));
        }
        counts::add(conn, submission_id, file, added)?;
        let status = records_changed(
            conn,
            &submission,
            actor,
            &format!("{stored} {file} record(s) added or replaced"),
            changed_problems,
        )?;
        Ok((
            produced,
            PutOutcome {
                stored,
                unchanged,
                status,
            },
        ))
    });
    outcome.map_err(|failed| match failed {
        Failed::Store(error) => E::from(error),
        Failed::Produce(error) => error,
    })
}

/// Whether a submission takes records of `file` now: its status lets records change and its
/// type and round take the file.
fn check_takes(submission: &submissions::Submission, file: SdrFile) -> Result<(), StoreError> {
    submission.status.apply(SubmissionEvent::RecordsChanged)?;
    submission
        .submission_type
        .check_file(submission.round.kind, file)?;
    Ok(())
}

/// The submission, when it would take records of `file` as it stands: what
/// [`put_streaming`] refuses, read without taking the submission's lock, so that an upload
/// can read and check its records before it takes the lock, and is refused before reading
/// anything. `put_streaming` checks again under the lock: what is read here may change.
pub fn would_take(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    file: SdrFile,
) -> Result<submissions::Submission, StoreError> {
    let submission = submissions::find(conn, submission_id, scope)?;
    submissions::check_round_open(conn, &submission)?;
    check_takes(&submission, file)?;
    Ok(submission)
}

/// Writes records of one file into a submission inside [`put_streaming`]'s transaction.
pub struct RecordWriter<'c> {
    conn: &'c mut DbConnection,
    submission_id: &'c str,
    file: SdrFile,
    received_at: chrono::NaiveDateTime,
    /// Whether new records are still sent by `COPY` (PostgreSQL): true until a chunk meets a
    /// stored `localId`, after which the request's chunks are upserted.
    copy_new: bool,
    stored: usize,
    unchanged: usize,
    /// Records that were not stored before (the rest of `stored` replaced stored ones).
    added: i64,
    /// The errors and warnings the writes added to the submission's problems, less those
    /// they removed with the records they replaced.
    problems: problems::SeverityCounts,
}

impl RecordWriter<'_> {
    /// Adds or replaces these records (a later record with the same `localId` wins), skipping
    /// those identical to what is stored, with their record-level problems.
    pub fn write(&mut self, incoming: &[IncomingRecord]) -> Result<(), StoreError> {
        let kept = latest_of_each_local_id(incoming);
        if kept.is_empty() {
            return Ok(());
        }
        let (submission_id, file) = (self.submission_id, self.file);
        let rows: Vec<RecordRow<'_>> = kept
            .iter()
            .map(|record| {
                let (errors, warnings) = problems::tally(&record.problems);
                RecordRow {
                    submission_id,
                    file: file.as_str(),
                    local_id: &record.local_id,
                    student_identification_code: record.student_identification_code.as_deref(),
                    record: &record.record,
                    error_count: errors,
                    warning_count: warnings,
                    received_at: self.received_at,
                }
            })
            .collect();
        let written = match &mut *self.conn {
            DbConnection::Postgresql(conn) => write::postgres(conn, &rows, &mut self.copy_new)?,
            DbConnection::Sqlite(conn) => write::sqlite(conn, submission_id, file.as_str(), &rows)?,
        };
        drop(rows);
        let replaced: Vec<&str> = written
            .replaced
            .iter()
            .map(|&at| kept[at].local_id.as_str())
            .collect();
        if !replaced.is_empty() {
            self.problems +=
                problems::delete_for_records(self.conn, submission_id, file, &replaced)?;
        }
        let new_problems = written.changed.iter().flat_map(|&at| {
            let record = kept[at];
            record
                .problems
                .iter()
                .map(move |problem| (record.local_id.as_str(), problem))
        });
        self.problems +=
            problems::insert(self.conn, submission_id, file, Origin::Record, new_problems)?;
        self.stored += written.changed.len();
        self.added += (written.changed.len() - written.replaced.len()) as i64;
        self.unchanged += kept.len() - written.changed.len();
        Ok(())
    }
}

/// The records of a chunk to write: the last of each `localId`, in the order they came.
fn latest_of_each_local_id(incoming: &[IncomingRecord]) -> Vec<&IncomingRecord> {
    let mut last_of: HashMap<&str, usize> = HashMap::with_capacity(incoming.len());
    for (position, record) in incoming.iter().enumerate() {
        last_of.insert(record.local_id.as_str(), position);
    }
    incoming
        .iter()
        .enumerate()
        .filter(|(position, record)| last_of.get(record.local_id.as_str()) == Some(position))
        .map(|(_, record)| record)
        .collect()
}

/// Deletes one record. Not finding it is an error, so a typo is not mistaken for success.
pub fn delete(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    actor: &str,
    file: SdrFile,
    local_id: &str,
) -> Result<SubmissionStatus, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let submission = submissions::lock_for_change(conn, submission_id, scope)?;
        submission.status.apply(SubmissionEvent::RecordsChanged)?;
        let deleted = diesel::delete(
            records::table
                .filter(records::submission_id.eq(submission_id))
                .filter(records::file.eq(file.as_str()))
                .filter(records::local_id.eq(local_id)),
        )
        .execute(conn)?;
        if deleted == 0 {
            return Err(StoreError::NotFound(format!(
                "submission {submission_id} has no {file} record with localId '{local_id}'"
            )));
        }
        let removed = problems::delete_for_records(conn, submission_id, file, &[local_id])?;
        counts::add(conn, submission_id, file, -1)?;
        records_changed(
            conn,
            &submission,
            actor,
            &format!("{file} record '{local_id}' deleted"),
            removed,
        )
    })
}

/// Deletes the records of a file with these `localId`s, all in one transaction, and answers for
/// each whether it was there to delete. A `localId` the file does not hold changes nothing, so a
/// batch naming one still deletes the others; when none was there the submission is untouched.
pub fn delete_many(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    actor: &str,
    file: SdrFile,
    local_ids: &[String],
) -> Result<Vec<bool>, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let submission = submissions::lock_for_change(conn, submission_id, scope)?;
        submission.status.apply(SubmissionEvent::RecordsChanged)?;
        let mut held: HashSet<String> = HashSet::with_capacity(local_ids.len());
        // 1,000 binds a statement stays inside both backends' limits.
        for chunk in local_ids.chunks(1_000) {
            let found: Vec<String> = diesel::delete(
                records::table
                    .filter(records::submission_id.eq(submission_id))
                    .filter(records::file.eq(file.as_str()))
                    .filter(records::local_id.eq_any(chunk)),
            )
            .returning(records::local_id)
            .get_results(conn)?;
            held.extend(found);
        }
        if held.is_empty() {
            return Ok(vec![false; local_ids.len()]);
        }
        let deleted: Vec<&str> = held.iter().map(String::as_str).collect();
        let removed = problems::delete_for_records(conn, submission_id, file, &deleted)?;
        counts::add(conn, submission_id, file, -(held.len() as i64))?;
        records_changed(
            conn,
            &submission,
            actor,
            &format!("{} {file} record(s) deleted", held.len()),
            removed,
        )?;
        Ok(local_ids.iter().map(|id| held.contains(id)).collect())
    })
}

/// The stored records of a file with these `localId`s, each by its `localId` (those not held
/// are left out).
pub fn records_by_local_id(
    conn: &mut DbConnection,
    submission_id: &str,
    file: SdrFile,
    local_ids: &[&str],
) -> Result<HashMap<String, String>, StoreError> {
    let mut found = HashMap::with_capacity(local_ids.len());
    for chunk in local_ids.chunks(CHUNK) {
        let rows: Vec<(String, String)> = records::table
            .filter(records::submission_id.eq(submission_id))
            .filter(records::file.eq(file.as_str()))
            .filter(records::local_id.eq_any(chunk))
            .select((records::local_id, records::record))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// After records change, the last verdict no longer holds: its problems go, the counts take
/// `changed` (the record problems the change added and removed) and what went with the
/// verdict, and a checked submission returns to `Draft`. The submission's status after.
fn records_changed(
    conn: &mut DbConnection,
    submission: &submissions::Submission,
    actor: &str,
    reason: &str,
    mut changed: problems::SeverityCounts,
) -> Result<SubmissionStatus, StoreError> {
    // Only a validation run writes problems across records, and it writes them together with
    // its verdict (Processed or Rejected); the only way back to Draft is a change of records,
    // which removes them. So a Draft holds none, and its many small uploads skip the look.
    if submission.status != SubmissionStatus::Draft {
        changed += problems::delete_origin(conn, &submission.id, Origin::Submission)?;
    }
    let status = submissions::apply(
        conn,
        submission,
        SubmissionEvent::RecordsChanged,
        actor,
        reason,
    )?;
    submissions::add_to_counts(conn, &submission.id, changed)?;
    Ok(status)
}

/// One page of a file's records in `localId` order, each as `(localId, record)`; the cursor is
/// the `localId` of the page's last record.
pub fn file_page(
    conn: &mut DbConnection,
    submission_id: &str,
    file: SdrFile,
    request: &PageRequest<String>,
) -> Result<Page<(String, String), String>, StoreError> {
    let mut query = records::table
        .filter(records::submission_id.eq(submission_id))
        .filter(records::file.eq(file.as_str()))
        .select((records::local_id, records::record))
        .into_boxed();
    if let Some(after) = &request.after {
        query = query.filter(records::local_id.gt(after.clone()));
    }
    let rows = query
        .order(records::local_id.asc())
        .limit(request.rows_to_load())
        .load(conn)?;
    Ok(request.page_of(rows, |(local_id, _)| local_id.clone()))
}

/// How many records of each file a submission holds (files with none are left out).
pub fn counts(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<Vec<(SdrFile, i64)>, StoreError> {
    counts::of(conn, submission_id)
}

/// [`counts`] of many submissions at once, in one query per thousand of them; a submission
/// without records has no entry.
pub(crate) fn counts_of_many(
    conn: &mut DbConnection,
    submission_ids: &[&str],
) -> Result<HashMap<String, Vec<(SdrFile, i64)>>, StoreError> {
    counts::of_many(conn, submission_ids)
}

/// The student identification codes of these records of one file, for problem reports.
pub fn student_codes(
    conn: &mut DbConnection,
    submission_id: &str,
    file: SdrFile,
    local_ids: &[&str],
) -> Result<HashMap<String, String>, StoreError> {
    let mut codes = HashMap::with_capacity(local_ids.len());
    for chunk in local_ids.chunks(CHUNK) {
        let rows: Vec<(String, Option<String>)> = records::table
            .filter(records::submission_id.eq(submission_id))
            .filter(records::file.eq(file.as_str()))
            .filter(records::local_id.eq_any(chunk))
            .select((records::local_id, records::student_identification_code))
            .load(conn)?;
        codes.extend(
            rows.into_iter()
                .filter_map(|(id, code)| code.map(|code| (id, code))),
        );
    }
    Ok(codes)
}
