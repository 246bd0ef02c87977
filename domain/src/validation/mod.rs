//! Validation of SDR records: the rule registry, the problems it reports, and the one check
//! every surface calls.
//!
//! - [`check_file`] (and [`check_file_in_year`], with the return year some rules need) checks
//!   the records of any file, each given as its raw JSON text, and returns per record its
//!   problems, plus the counts. A malformed record, a wrong type or a missing field is a problem
//!   on that record and field; it never stops the rest of the batch, or the rest of the record,
//!   from being checked. Each file has its own rule registry (CE-, LR-, CR-, CC-, QC-, EF-) in
//!   [`files`].
//! - [`check_across_files`] and [`WholeSubmission`] apply the rules across files (XF-) to a
//!   whole return.
//! - [`catalogue`] lists every rule; [`catalogue_entries`] is its HTTP form and
//!   [`catalogue_markdown`] its `docs/rules.md` form.
//!
//! Rules never stop at the first problem, format a message only when they find one, and use
//! no regular expressions: checking is a pass over typed values.

pub mod across_files;
mod files;
pub mod reading;
pub(crate) mod rule;
mod sink;
mod support;

use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::SdrFile;
use crate::calendar::RoundKind;
use crate::course::WireCourse;
use crate::course_completion::WireCourseCompletion;
use crate::course_enrolment::WireEnrolment;
use crate::efts_forecast::WireEftsForecast;
use crate::learner::WireLearner;
use crate::qualification_completion::WireQualificationCompletion;

pub use across_files::{FileProblem, SubmissionRecords, WholeSubmission, check_across_files};
pub use rule::{
    FirstReturn, Rule, RuleEntry, Scope, catalogue, catalogue_entries, catalogue_markdown,
    rule_by_code,
};

/// How serious a problem is. Errors reject a return; warnings do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in one record. Named `RecordProblem` in the OpenAPI document, apart from
/// the RFC 9457 `Problem` of an error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = RecordProblem)]
#[schema(example = json!({
    "index": 3,
    "localId": "A-17",
    "field": "eftsByMonth",
    "rule": "CE-021",
    "severity": "error",
    "message": "eftsByMonth has 3 values but the course runs 4 months, Feb–May 2026; give one value per calendar month from the start month to the end month"
}))]
pub struct Problem {
    /// Position of the record in the request's `records` array, from 0; for a CSV file, its
    /// line number in the file (the header is line 1).
    pub index: usize,
    /// The record's `localId`, when it could be read (always present, `null` otherwise).
    #[schema(required = true)]
    pub local_id: Option<String>,
    /// The camelCase field the problem is about; `""` for the record as a whole.
    pub field: String,
    /// The code of the rule broken, from the rule catalogue (e.g. `CE-021`).
    pub rule: String,
    pub severity: Severity,
    /// What is wrong, naming the value found and what was expected.
    pub message: String,
}

/// One record of a file after checking, whatever the file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecordReport {
    /// Position in the batch, from 0.
    pub index: usize,
    /// The record's `localId`, when it could be read as text.
    pub local_id: Option<String>,
    /// The record's `studentIdentificationCode`, when it has one and it could be read (never
    /// for the course register, which has no learners).
    pub student_identification_code: Option<String>,
    /// Every problem of this record, record rules first, then rules across the batch.
    pub problems: Vec<Problem>,
}

impl FileRecordReport {
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }
}

/// The outcome of checking a batch of one file's records.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// One report per record, in batch order.
    pub records: Vec<FileRecordReport>,
    pub error_count: usize,
    pub warning_count: usize,
}

impl FileReport {
    /// Whether the batch has no errors (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.error_count == 0
    }

    /// Every problem of every record, in batch order.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.records
            .iter()
            .flat_map(|record| record.problems.iter())
    }

    /// Every problem of every record, in batch order, taken out of the report.
    pub fn into_problems(self) -> Vec<Problem> {
        let mut problems = Vec::with_capacity(self.error_count + self.warning_count);
        for record in self.records {
            problems.extend(record.problems);
        }
        problems
    }
}

/// Checks a batch of records of `file`, each given as its raw JSON text, with the file's record
/// rules and its rules across records (one record per localId, one record per learner, course,
/// enrolment or completion, and the file's own, such as CE-041). Pass all of a submission's
/// records of the file at once to apply the rules across records to the whole submission;
/// [`WholeSubmission`] applies them to a stored submission read record by record.
///
/// This is the dry run of records alone: rules that need the return (a learner's age on 1
/// January, the first year of tertiary education, a year in a course code, a course start in
/// the return's year or the one before) do nothing here, and rules that apply only from a
/// later return are applied. Use [`check_file_in_return`] when the return is known.
pub fn check_file<'a>(file: SdrFile, records: impl IntoIterator<Item = &'a str>) -> FileReport {
    check_records(file, None, None, records)
}

/// [`check_file`] for the records of a return of `return_year` whose round is not known: the
/// rules that need the year apply, and those that apply only from a later return are judged
/// as if this were the year's first return.
pub fn check_file_in_year<'a>(
    file: SdrFile,
    return_year: i32,
    records: impl IntoIterator<Item = &'a str>,
) -> FileReport {
    check_records(file, Some(return_year), None, records)
}

/// [`check_file`] for the records of the `round` return of `return_year`: every rule that
/// applies to that return, and only those.
pub fn check_file_in_return<'a>(
    file: SdrFile,
    return_year: i32,
    round: RoundKind,
    records: impl IntoIterator<Item = &'a str>,
) -> FileReport {
    check_records(file, Some(return_year), Some(round), records)
}

fn check_records<'a>(
    file: SdrFile,
    return_year: Option<i32>,
    round: Option<RoundKind>,
    records: impl IntoIterator<Item = &'a str>,
) -> FileReport {
    let records = records.into_iter();
    let mut batch = BatchCheck::new(file, (return_year, round), records.size_hint().0);
    for text in records {
        batch.add(text);
    }
    batch.finish()
}

/// [`check_file_in_return`] record by record, for a caller that hands on each record's own
/// problems before it has read the rest: [`BatchCheck::add`] runs a record's rules and gives
/// its report at once; [`BatchCheck::finish`] runs the rules across the records and gives
/// every report, as `check_file_in_return` would have (and as `check_file` or
/// `check_file_in_year` would, without the round or the year).
pub struct BatchCheck(Box<dyn files::BatchOfAnyFile>);

impl BatchCheck {
    /// A batch of `file`'s records of the `round` return of `return_year`, as far as they are
    /// known; `capacity` is how many records are expected.
    pub fn new(
        file: SdrFile,
        (return_year, round): (Option<i32>, Option<RoundKind>),
        capacity: usize,
    ) -> Self {
        fn of<W: files::FileWire + Send>(
            return_year: Option<i32>,
            round: Option<RoundKind>,
            capacity: usize,
        ) -> Box<dyn files::BatchOfAnyFile> {
            Box::new(files::Batch::<W>::new(return_year, round, capacity))
        }
        BatchCheck(match file {
            SdrFile::CourseEnrolments => of::<WireEnrolment>(return_year, round, capacity),
            SdrFile::Learners => of::<WireLearner>(return_year, round, capacity),
            SdrFile::Courses => of::<WireCourse>(return_year, round, capacity),
            SdrFile::CourseCompletions => of::<WireCourseCompletion>(return_year, round, capacity),
            SdrFile::QualificationCompletions => {
                of::<WireQualificationCompletion>(return_year, round, capacity)
            }
            SdrFile::EftsForecasts => of::<WireEftsForecast>(return_year, round, capacity),
        })
    }

    /// Reads the next record (its raw JSON text) and runs its record rules: its report, with
    /// its own problems and its position in the batch as `index`.
    pub fn add(&mut self, text: &str) -> &FileRecordReport {
        self.0.add(text)
    }

    /// Runs the rules across the batch's records: every record's report, its own problems
    /// first, then those of the rules across records.
    pub fn finish(self) -> FileReport {
        self.0.finish()
    }
}

/// The records of one file, read once so that their record rules alone can be run on them
/// again and again: for measuring the rules apart from reading (`bench_validation`).
/// Unreadable records are left out.
pub struct RecordsRead(Box<dyn files::RecordRules>);

impl RecordsRead {
    pub fn new<'a>(file: SdrFile, records: impl IntoIterator<Item = &'a str>) -> Self {
        RecordsRead(match file {
            SdrFile::CourseEnrolments => Box::new(files::Read::<WireEnrolment>::new(records)),
            SdrFile::Learners => Box::new(files::Read::<WireLearner>::new(records)),
            SdrFile::Courses => Box::new(files::Read::<WireCourse>::new(records)),
            SdrFile::CourseCompletions => {
                Box::new(files::Read::<WireCourseCompletion>::new(records))
            }
            SdrFile::QualificationCompletions => {
                Box::new(files::Read::<WireQualificationCompletion>::new(records))
            }
            SdrFile::EftsForecasts => Box::new(files::Read::<WireEftsForecast>::new(records)),
        })
    }

    /// How many records were read.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.len() == 0
    }

    /// Runs the record rules (not the rules across records) on every record, reusing
    /// `problems` for each, and gives how many problems they found in all.
    pub fn check_record_rules(
        &self,
        return_year: Option<i32>,
        problems: &mut Vec<Problem>,
    ) -> usize {
        self.0.check(return_year, problems)
    }
}

#[cfg(test)]
mod tests;
