//! Validation of course-enrolment records: the rule registry, the problems it reports, and the
//! batch check the HTTP layer calls.
//!
//! - [`check_batch`] takes each record's raw JSON text and returns, per record, the typed record
//!   (when it could be read) with its problems, plus the flat problem list and the counts. A
//!   malformed record, a wrong type or a missing field is a problem on that record and field;
//!   it never stops the rest of the batch, or the rest of the record, from being checked.
//! - [`validate`] runs the record rules on an already-typed [`CourseEnrolment`].
//! - [`catalogue`] lists every rule; [`catalogue_entries`] is its HTTP form and
//!   [`catalogue_markdown`] its `docs/rules.md` form.
//!
//! - [`check_file`] (and [`check_file_in_year`], with the return year some rules need) checks
//!   the records of any of the five files: learners, the course register and the two completion
//!   files have their own rule registries (LR-, CR-, CC-, QC-); course enrolments go through
//!   [`check_batch`].
//!
//! Rules never stop at the first problem, format a message only when they find one, and use
//! no regular expressions: checking is a pass over typed values.

pub mod across_files;
mod batch;
mod files;
mod read;
mod rule;
mod rules;
mod sink;
mod view;

use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::SdrFile;
use crate::course::WireCourse;
use crate::course_completion::WireCourseCompletion;
use crate::course_enrolment::CourseEnrolment;
use crate::efts_forecast::WireEftsForecast;
use crate::learner::WireLearner;
use crate::qualification_completion::WireQualificationCompletion;
use read::Reading;
use sink::Sink;
use view::RecordView;

pub use across_files::{FileProblem, SubmissionRecords, WholeSubmission, check_across_files};
pub use rule::{Rule, RuleEntry, catalogue, catalogue_entries, catalogue_markdown, rule_by_code};

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

/// One record of a batch after checking.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordReport {
    /// Position in the batch, from 0.
    pub index: usize,
    /// The record's `localId`, when it could be read as text.
    pub local_id: Option<String>,
    /// The typed record: present when the JSON is an object in which every REQUIRED field is
    /// present and every known field has its schema type (no CE-001, CE-002 or CE-003). A record
    /// may be present and still break other rules.
    pub record: Option<CourseEnrolment>,
    /// Every problem of this record, record rules first, then rules across the batch.
    pub problems: Vec<Problem>,
}

impl RecordReport {
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }
}

/// The outcome of checking a batch of records.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchReport {
    /// One report per record, in batch order.
    pub records: Vec<RecordReport>,
    pub error_count: usize,
    pub warning_count: usize,
}

impl BatchReport {
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

/// Checks one record, given as its raw JSON text, in isolation (no batch rules).
pub fn check_record(index: usize, text: &str) -> RecordReport {
    let mut problems = Vec::new();
    let (wire, unreadable, clean) = match read::read_record(index, text, &mut problems) {
        Reading::Read {
            wire,
            unreadable,
            clean,
        } => (wire, unreadable, clean),
        Reading::Unreadable { local_id } => {
            return RecordReport {
                index,
                local_id,
                record: None,
                problems,
            };
        }
    };
    {
        let view = RecordView::from_wire(&wire, unreadable);
        let mut sink = Sink::new(index, view.local_id, view.start_year(), &mut problems);
        rules::check_record(&view, &mut sink);
    }
    let local_id = wire.local_id.clone();
    let record = if clean { wire.into_enrolment() } else { None };
    RecordReport {
        index,
        local_id,
        record,
        problems,
    }
}

/// Checks a batch of records, each given as its raw JSON text (e.g. from serde_json's
/// `RawValue::get`). Every record is checked, then the rules across records: one record per
/// localId (CE-005), one record per enrolment (CE-042), the same ITE values for a learner's
/// enrolments in a qualification (CE-041). Pass all of a submission's records at once to apply
/// them to the whole submission; [`WholeSubmission`] applies them to a stored submission read
/// record by record.
pub fn check_batch<'a>(records: impl IntoIterator<Item = &'a str>) -> BatchReport {
    let records = records.into_iter();
    let mut reports = Vec::with_capacity(records.size_hint().0);
    let mut index = batch::BatchIndex::with_capacity(reports.capacity());
    for (position, text) in records.enumerate() {
        let report = check_record(position, text);
        index.note(&report);
        reports.push(report);
    }
    index.apply(&mut reports);
    let (mut error_count, mut warning_count) = (0, 0);
    for problem in reports.iter().flat_map(|report| report.problems.iter()) {
        match problem.severity {
            Severity::Error => error_count += 1,
            Severity::Warning => warning_count += 1,
        }
    }
    BatchReport {
        records: reports,
        error_count,
        warning_count,
    }
}

/// Runs the record rules on a typed record; `index` is its position in its batch.
pub fn validate(index: usize, record: &CourseEnrolment) -> Vec<Problem> {
    let mut problems = Vec::new();
    validate_into(index, record, &mut problems);
    problems
}

/// Like [`validate`], appending to `problems`: with a reused vector, checking a valid record
/// allocates nothing.
pub fn validate_into(index: usize, record: &CourseEnrolment, problems: &mut Vec<Problem>) {
    let view = RecordView::from_enrolment(record);
    let mut sink = Sink::new(index, view.local_id, view.start_year(), problems);
    rules::check_record(&view, &mut sink);
}

/// One record of a file after checking, whatever the file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecordReport {
    /// Position in the batch, from 0.
    pub index: usize,
    /// The record's `localId`, when it could be read as text.
    pub local_id: Option<String>,
    /// The record's `studentIdentificationCode`, when it has one and it could be read (never
    /// for the course register, which has no learners; for course enrolments, when the record
    /// could be typed).
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

impl From<BatchReport> for FileReport {
    fn from(report: BatchReport) -> Self {
        FileReport {
            records: report
                .records
                .into_iter()
                .map(|record| FileRecordReport {
                    index: record.index,
                    local_id: record.local_id,
                    student_identification_code: record
                        .record
                        .map(|enrolment| enrolment.student_identification_code),
                    problems: record.problems,
                })
                .collect(),
            error_count: report.error_count,
            warning_count: report.warning_count,
        }
    }
}

/// Checks a batch of records of `file`, each given as its raw JSON text, with the file's record
/// rules and its rules across records (one record per localId, one per learner, course or
/// completion). Course enrolments go through [`check_batch`]. Pass all of a submission's
/// records of the file at once to apply the rules across records to the whole submission.
///
/// Rules that need the year of the return (a learner's age on 1 January, the first year of
/// tertiary education, a year in a course code, a completion after the return year) do nothing
/// here: use [`check_file_in_year`] when the return is known.
pub fn check_file<'a>(file: SdrFile, records: impl IntoIterator<Item = &'a str>) -> FileReport {
    check_records(file, None, records)
}

/// [`check_file`] for the records of a return of `return_year`, with the rules that need it.
pub fn check_file_in_year<'a>(
    file: SdrFile,
    return_year: i32,
    records: impl IntoIterator<Item = &'a str>,
) -> FileReport {
    check_records(file, Some(return_year), records)
}

fn check_records<'a>(
    file: SdrFile,
    return_year: Option<i32>,
    records: impl IntoIterator<Item = &'a str>,
) -> FileReport {
    match file {
        SdrFile::CourseEnrolments => FileReport::from(check_batch(records)),
        SdrFile::Learners => files::check::<WireLearner>(records, return_year),
        SdrFile::Courses => files::check::<WireCourse>(records, return_year),
        SdrFile::CourseCompletions => files::check::<WireCourseCompletion>(records, return_year),
        SdrFile::QualificationCompletions => {
            files::check::<WireQualificationCompletion>(records, return_year)
        }
        SdrFile::EftsForecasts => files::check::<WireEftsForecast>(records, return_year),
    }
}

#[cfg(test)]
mod tests;
