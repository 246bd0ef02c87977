//! Uploading records: read an upload (JSON `{records}`, a DXP CSV file or a legacy fixed-width
//! file), check each chunk of records against the rules of its file, and store it with its
//! problems, in one transaction; and the dry run, which checks a file's records and stores
//! nothing.

use std::io::Read;

use dxp_domain::calendar::RoundKind;
use dxp_domain::validation::{
    BatchCheck, FileReport, Problem as RecordProblem, check_file, check_file_in_return,
    check_file_in_year,
};
use dxp_domain::{Problem, SdrFile, Severity};
use dxp_persistence::paging::PageRequest;
use dxp_persistence::record_store::{self, IncomingRecord};
use dxp_persistence::{DbConnection, StoreError};

use crate::ingest::{CHUNK_RECORDS, Format, RecordIn, for_each_record};
use crate::{Caller, Service, ServiceError, off_the_runtime};

/// Room for 10,000 course enrolments in one request: a large university's return is sent in a
/// few dozen requests, and one request's problems still fit comfortably in memory.
pub const DEFAULT_MAX_RECORDS_PER_REQUEST: usize = 10_000;

/// The most problems an upload or dry-run answer lists; the counts cover them all, and every
/// problem of an upload is stored (the problem pages go through them).
pub const MAX_LISTED_PROBLEMS: usize = 10_000;

/// What checking the records of one upload or dry run found, gathered chunk by chunk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Records read (data rows of a CSV or legacy file).
    pub received: usize,
    pub error_count: usize,
    pub warning_count: usize,
    /// The problems, in record order, at most [`MAX_LISTED_PROBLEMS`] of them.
    pub problems: Vec<RecordProblem>,
    /// True when there were more problems than are listed.
    pub problems_truncated: bool,
}

impl Tally {
    /// Counts `problems`, keeping them while there is room.
    pub fn add(&mut self, problems: &[RecordProblem]) {
        for problem in problems {
            match problem.severity {
                Severity::Error => self.error_count += 1,
                Severity::Warning => self.warning_count += 1,
            }
            if self.problems.len() < MAX_LISTED_PROBLEMS {
                self.problems.push(problem.clone());
            } else {
                self.problems_truncated = true;
            }
        }
    }
}

/// What an upload did.
#[derive(Debug, Clone)]
pub struct Upload {
    /// What the records' check found (`received` counts every record read).
    pub tally: Tally,
    /// Records added or replaced.
    pub stored: usize,
    /// Records identical to those already stored: sending a batch twice changes nothing.
    pub unchanged: usize,
    /// Records that could not be stored because they have no usable `localId`.
    pub not_stored: usize,
    /// The submission's status after the upload (a checked submission returns to `Draft`).
    pub status: dxp_domain::submission::SubmissionStatus,
}

/// The verdict of a dry run.
#[derive(Debug, Clone)]
pub struct DryRun {
    pub tally: Tally,
}

impl DryRun {
    /// True when no record has an error (warnings allowed).
    pub fn valid(&self) -> bool {
        self.tally.error_count == 0
    }
}

/// Checks a chunk of records (with the return's year and round, as far as they are known, for
/// the rules that depend on them) and merges the problems met reading them; each problem
/// carries its record's number.
pub fn check_chunk(
    file: SdrFile,
    return_of: (Option<i32>, Option<RoundKind>),
    chunk: &[RecordIn],
) -> FileReport {
    let texts = chunk.iter().map(|record| record.text.as_str());
    let mut report = match return_of {
        (Some(year), Some(round)) => check_file_in_return(file, year, round, texts),
        (Some(year), None) => check_file_in_year(file, year, texts),
        (None, _) => check_file(file, texts),
    };
    for (checked, record) in report.records.iter_mut().zip(chunk) {
        checked.index = record.number;
        let found = std::mem::take(&mut checked.problems);
        checked.problems =
            dxp_formats::merge_problems(record.number, record.reading_problems.clone(), found);
    }
    report
}

/// One chunk of an upload checked record by record ([`BatchCheck`]): each record is handed on
/// to be stored with its own problems as soon as it is read, and the rules across the chunk's
/// records, which only the answer lists, run when the chunk is done.
struct ChunkCheck {
    batch: BatchCheck,
    /// Each record's number and the problems met reading it, for the answer.
    read: Vec<(usize, Vec<Problem>)>,
}

impl ChunkCheck {
    fn new(file: SdrFile, (year, round): (i32, RoundKind)) -> Self {
        ChunkCheck {
            batch: BatchCheck::new(file, (Some(year), Some(round)), EXPECTED_RECORDS),
            read: Vec::with_capacity(EXPECTED_RECORDS),
        }
    }

    fn len(&self) -> usize {
        self.read.len()
    }

    /// Checks one record on its own: the record to store, or `None` when it has no usable
    /// `localId` (it cannot be stored).
    fn add(&mut self, record: RecordIn) -> Option<IncomingRecord> {
        let checked = self.batch.add(&record.text);
        // A record is stored with its own problems, which is all `add` gives: the rules across
        // records are applied to the whole submission when it is validated.
        let problems = if checked.problems.is_empty() && record.reading_problems.is_empty() {
            Vec::new()
        } else {
            dxp_formats::merge_problems(
                record.number,
                record.reading_problems.clone(),
                checked.problems.iter().cloned(),
            )
        };
        let incoming = checked
            .local_id
            .as_deref()
            .filter(|id| !id.is_empty())
            .map(|local_id| IncomingRecord {
                local_id: local_id.to_owned(),
                student_identification_code: checked.student_identification_code.clone(),
                record: record.text,
                problems,
            });
        self.read.push((record.number, record.reading_problems));
        incoming
    }

    /// Runs the rules across the chunk's records and adds every record's problems, its own and
    /// those, to the answer's tally.
    fn finish(self, tally: &mut Tally) {
        let report = self.batch.finish();
        for (checked, (number, reading)) in report.records.into_iter().zip(self.read) {
            tally.received += 1;
            tally.add(&dxp_formats::merge_problems(
                number,
                reading,
                checked.problems,
            ));
        }
    }
}

/// The records a chunk's check makes room for at first: an integrator's batch. (Room for a
/// whole chunk is megabytes of parsed records that most requests never fill.)
const EXPECTED_RECORDS: usize = 1_000;

/// What the reading side of an upload found.
#[derive(Default)]
struct Found {
    tally: Tally,
    not_stored: usize,
}

/// Parts in flight between the thread that reads and checks an upload and the one that writes
/// it: while one part is written, the next is checked.
const PARTS_AHEAD: usize = 2;

/// The records of an upload's first part: small, so that the write begins soon after the
/// request does. Each part after is twice the one before, up to [`LARGEST_PART`].
const FIRST_PART: usize = 500;

/// The records of the largest part. On PostgreSQL each part is written in a savepoint (see
/// `dxp_persistence::record_store`), and a transaction of more than 64 of them slows other
/// sessions' snapshots: with parts growing to 8,000 records, a 300,000-row CSV file takes 41.
const LARGEST_PART: usize = 8_000;

/// Reads, checks and stores the records of one upload of `file` in `format` from `reader`, in
/// one transaction: what an upload does once its body flows, and what `dxp sandbox` does with
/// the sample return. A JSON body carries at most `max_records` records. Blocks: call it off
/// the async runtime (as [`Service::upload`] does).
///
/// A scoped thread reads the body and checks each record while this one writes the records
/// checked before, part by part, so that checking (this process) and storing (the database)
/// overlap even within a request of the integrators' 1,000 records: its first 500 records are
/// written while the rest are checked. The rules across records, which only the answer lists,
/// run on each [`CHUNK_RECORDS`] records at once. The first part is read and checked before
/// the transaction begins, so that a request holds the submission's lock, and on SQLite the
/// database's write lock, only while it writes: requests sent at once check their records side
/// by side instead of queueing for the lock. A failure on either side stops both, and the
/// transaction keeps nothing.
pub fn upload_records(
    conn: &mut DbConnection,
    caller: &Caller,
    submission_id: &str,
    (file, format): (SdrFile, Format),
    reader: impl Read + Send,
    max_records: usize,
) -> Result<Upload, ServiceError> {
    // Refused before anything is read when the submission cannot take the file now (status,
    // published round, RD-009); the write checks again under the lock. A return's year and
    // round, which the rules need, never change.
    let submission = record_store::would_take(conn, submission_id, caller.scope, file)?;
    let return_of = (submission.round.year, submission.round.kind);
    let organisation = submission.organisation;
    let (parts, checked) = std::sync::mpsc::sync_channel::<Vec<IncomingRecord>>(PARTS_AHEAD);
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || -> Result<Found, ServiceError> {
            let mut found = Found::default();
            let mut chunk = ChunkCheck::new(file, return_of);
            let mut part_size = FIRST_PART;
            let mut part = Vec::with_capacity(part_size);
            let send = |part: Vec<IncomingRecord>| -> Result<(), ServiceError> {
                // The writer has stopped: its own error is the one to report.
                parts
                    .send(part)
                    .map_err(|_| ServiceError::Failure("the writer stopped".to_owned()))
            };
            for_each_record(
                format,
                file,
                reader,
                Some(organisation),
                max_records,
                |record| {
                    match chunk.add(record) {
                        Some(incoming) => part.push(incoming),
                        None => found.not_stored += 1,
                    }
                    if part.len() == part_size {
                        part_size = (part_size * 2).min(LARGEST_PART);
                        send(std::mem::replace(&mut part, Vec::with_capacity(part_size)))?;
                    }
                    if chunk.len() == CHUNK_RECORDS {
                        std::mem::replace(&mut chunk, ChunkCheck::new(file, return_of))
                            .finish(&mut found.tally);
                    }
                    Ok::<_, ServiceError>(())
                },
            )?;
            // The last part is written while the rules across the last chunk's records run.
            if !part.is_empty() {
                send(part)?;
            }
            chunk.finish(&mut found.tally);
            Ok(found)
        });
        let joined = |reading: std::thread::ScopedJoinHandle<'_, Result<Found, ServiceError>>| {
            reading
                .join()
                .map_err(|_| ServiceError::Failure("the upload's reader panicked".to_owned()))?
        };
        // Nothing is locked until the first part is checked.
        let first = checked.recv().ok();
        record_store::put_streaming(
            conn,
            submission_id,
            caller.scope,
            &caller.actor,
            file,
            |_, writer| -> Result<Found, ServiceError> {
                let mut written = Ok(());
                for part in first.into_iter().chain(&checked) {
                    if let Err(error) = writer.write(&part) {
                        written = Err(ServiceError::from(error));
                        break;
                    }
                }
                // Stops a reader still sending: it finds the channel closed.
                drop(checked);
                // Joined inside the transaction: a body that breaks off, or fails its limits,
                // after some parts were written keeps none of them.
                let found = joined(reading);
                written?;
                found
            },
        )
    })
    .map(|(found, outcome)| Upload {
        tally: found.tally,
        stored: outcome.stored,
        unchanged: outcome.unchanged,
        not_stored: found.not_stored,
        status: outcome.status,
    })
}

/// Checks the records of a file and stores nothing: the trial run before an upload. With the
/// return's year, the rules that depend on it apply too. A JSON body carries at most
/// `max_records` records. Blocks: call it off the async runtime (as [`Service::dry_run`] does).
pub fn check_records(
    (file, format): (SdrFile, Format),
    reader: impl Read,
    return_year: Option<i32>,
    max_records: usize,
) -> Result<DryRun, ServiceError> {
    // The rules between records (one record per localId, per learner and course, …) must see
    // the whole file, so a dry run checks all its records at once; its size is bounded by the
    // caller's body limit and the record limit.
    let mut records = Vec::new();
    for_each_record(format, file, reader, None, max_records, |record| {
        records.push(record);
        Ok::<_, ServiceError>(())
    })?;
    let report = check_chunk(file, (return_year, None), &records);
    let mut tally = Tally {
        received: records.len(),
        ..Tally::default()
    };
    for record in &report.records {
        tally.add(&record.problems);
    }
    Ok(DryRun { tally })
}

/// A page of a file's records, as they were received.
#[derive(Debug, Clone)]
pub struct RecordPage {
    /// `(localId, the record's JSON exactly as received)`, in `localId` order.
    pub records: Vec<(String, String)>,
    /// The `localId` to read on from; `None` on the last page.
    pub next: Option<String>,
}

impl Service {
    /// Reads, checks and stores an upload ([`upload_records`]) on the blocking pool. `reader`
    /// may block (a channel fed by a surface as the body arrives).
    pub async fn upload(
        &self,
        caller: &Caller,
        submission_id: &str,
        source: (SdrFile, Format),
        reader: impl Read + Send + 'static,
        max_records: usize,
    ) -> Result<Upload, ServiceError> {
        let (caller, id) = (caller.clone(), submission_id.to_owned());
        self.blocking(move |conn| upload_records(conn, &caller, &id, source, reader, max_records))
            .await
    }

    /// The dry run of a file ([`check_records`]) on the blocking pool.
    pub async fn dry_run(
        &self,
        source: (SdrFile, Format),
        reader: impl Read + Send + 'static,
        return_year: Option<i32>,
        max_records: usize,
    ) -> Result<DryRun, ServiceError> {
        off_the_runtime(move || check_records(source, reader, return_year, max_records)).await
    }

    /// Deletes one record of a file; the submission's status after.
    pub async fn delete_record(
        &self,
        caller: &Caller,
        submission_id: &str,
        file: SdrFile,
        local_id: &str,
    ) -> Result<dxp_domain::submission::SubmissionStatus, ServiceError> {
        let (caller, id, local_id) = (
            caller.clone(),
            submission_id.to_owned(),
            local_id.to_owned(),
        );
        self.blocking(move |conn| {
            record_store::delete(conn, &id, caller.scope, &caller.actor, file, &local_id)
        })
        .await
    }

    /// One record of a file, as received, if the submission holds it.
    pub async fn record(
        &self,
        caller: &Caller,
        submission_id: &str,
        file: SdrFile,
        local_id: &str,
    ) -> Result<Option<String>, ServiceError> {
        let (scope, id, local_id) = (caller.scope, submission_id.to_owned(), local_id.to_owned());
        self.blocking(move |conn| {
            dxp_persistence::submissions::find(conn, &id, scope)?;
            let mut found = record_store::records_by_local_id(conn, &id, file, &[&local_id])?;
            Ok::<_, StoreError>(found.remove(&local_id))
        })
        .await
    }

    /// A page of at most `limit` records of a file, after the `localId` `after`.
    pub async fn record_page(
        &self,
        caller: &Caller,
        submission_id: &str,
        file: SdrFile,
        after: Option<String>,
        limit: i64,
    ) -> Result<RecordPage, ServiceError> {
        let (scope, id) = (caller.scope, submission_id.to_owned());
        self.blocking(move |conn| {
            dxp_persistence::submissions::find(conn, &id, scope)?;
            let page = record_store::file_page(conn, &id, file, &PageRequest::new(after, limit))?;
            Ok::<_, StoreError>(RecordPage {
                records: page.items,
                next: page.next,
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dxp_domain::testkit;

    fn problem(severity: Severity) -> RecordProblem {
        RecordProblem {
            index: 0,
            local_id: None,
            field: String::new(),
            rule: "CE-001".to_owned(),
            severity,
            message: String::new(),
        }
    }

    #[test]
    fn a_tally_counts_every_problem_and_lists_a_bounded_number() {
        let mut tally = Tally::default();
        let many = vec![problem(Severity::Error); MAX_LISTED_PROBLEMS];
        tally.add(&many);
        assert!(!tally.problems_truncated);
        tally.add(&[problem(Severity::Warning), problem(Severity::Error)]);
        assert_eq!(tally.error_count, MAX_LISTED_PROBLEMS + 1);
        assert_eq!(tally.warning_count, 1);
        assert_eq!(tally.problems.len(), MAX_LISTED_PROBLEMS);
        assert!(tally.problems_truncated);
    }

    #[test]
    fn a_dry_run_counts_the_records_and_their_problems() {
        let body = format!(
            r#"{{"records": [{}]}}"#,
            testkit::valid_records(3).join(",")
        );
        let dry_run = check_records(
            (SdrFile::CourseEnrolments, Format::Json),
            body.as_bytes(),
            Some(2026),
            10,
        )
        .expect("checked");
        assert_eq!(dry_run.tally.received, 3);
        assert!(dry_run.valid(), "{:?}", dry_run.tally.problems);

        let broken = check_records(
            (SdrFile::CourseEnrolments, Format::Json),
            &br#"{"records": [{"localId": "E-1"}]}"#[..],
            None,
            10,
        )
        .expect("checked");
        assert!(!broken.valid());
        assert!(broken.tally.problems.iter().all(|p| p.index == 0));
    }

    #[test]
    fn a_dry_run_of_too_many_records_is_too_large_and_of_a_broken_body_bad_input() {
        let too_many = check_records(
            (SdrFile::Courses, Format::Json),
            &br#"{"records": [{}, {}]}"#[..],
            None,
            1,
        );
        assert!(matches!(too_many, Err(ServiceError::TooLarge(_))));
        let broken = check_records((SdrFile::Courses, Format::Json), &b"[]"[..], None, 1);
        assert!(matches!(broken, Err(ServiceError::BadInput(_))));
    }
}
