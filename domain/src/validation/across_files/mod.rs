//! The rules across files: what a whole submission must satisfy beyond each record's own rules
//! (SDR domain specification §3.1). They run when a submission is validated, over the raw JSON
//! text of every stored record, and return each problem with the file and localId of the record
//! it is about.
//!
//! - [`WholeSubmission`] is the entry point: it is given the stored records one at a time, keeps
//!   their key fields, and applies these rules and the rules between a file's records (module
//!   `within`) to them. [`check_across_files`] applies these rules alone to records held in a
//!   [`SubmissionRecords`] (file by file, `(localId, JSON)` pairs). Each [`FileProblem`] names
//!   its record.
//! - Each rule (`XF-001`, `XF-002`, …) is a [`Rule`] of this module's registry, `RULES`, in the
//!   one catalogue with the record rules. Its `file` is the file the rule is mainly about, while
//!   each problem carries the file of the record it is on: a rule relating records puts a problem
//!   on each record that may be the wrong one, and each message names the other records by file
//!   and localId.
//! - Rules within one file are that file's (their codes, severities and messages live with its
//!   registry): one record per learner (LR-007), per course (CR-007), per enrolment (CE-042),
//!   per course completion (CC-007) and per qualification completion (QC-007), and the same ITE
//!   values across a learner's qualification (CE-041). Module `within` applies them to a stored
//!   submission from the same key fields. Where such a repeat leaves a record without its one
//!   counterpart (two learner records for one enrolment), the rules here skip the record rather
//!   than guess.
//! - The learner's enrolment type (B, C or D, domain spec §2.0) depends on all of the learner's
//!   enrolments, so it is derived here (module `enrolment_type`), and the fields mandatory for
//!   type D learners are required here (XF-019 on the learner record, XF-020 on the
//!   enrolments); each message names the derived type and why.
//!
//! Only the key fields of each record are read (module `read`); a record whose key field is
//! missing or of the wrong type is skipped by the rules that need that field, because its own
//! rules already report it. The round's file set decides what applies: the files it does not
//! require are not read (the March indicative round has no completion files, so no completion
//! rule runs), and a required file with no records gets one problem (XF-005, XF-014) instead of
//! a problem on every record that has nothing to match against in it.
//!
//! Cost grows linearly with the return: each file is read once, identifiers are numbered as they
//! are read, each match key is indexed once (module `index`: arrays by identifier, hash maps by
//! compound key), rules make one pass over the records they check, and a message names at most a
//! few records before giving a count. One course missing from the register of a
//! 300,000-enrolment return gives each of its enrolments a short problem, not one huge message
//! or a quadratic pass.
//!
//! Judgement calls (where the public material is silent) are recorded on each rule: its
//! severity, what counts as a match, and which records get the problem.

mod completions;
mod enrolment_type;
mod fees;
mod forecast;
pub(crate) mod identity;
mod index;
mod levels;
mod read;
mod register;
mod registers;
mod span;
#[cfg(test)]
mod tests;
mod within;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::rule::{Check, Rule, rule};
use super::{Problem, Severity};
use crate::SdrFile;
use index::ById;
use read::{
    Course, CourseCompletion, Enrolment, ForecastLine, Id, Interners, Learner,
    QualificationCompletion,
};

/// The stored records of a submission, file by file, each as its `(localId, JSON text)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubmissionRecords<'a> {
    pub learners: Vec<(&'a str, &'a str)>,
    pub courses: Vec<(&'a str, &'a str)>,
    pub course_enrolments: Vec<(&'a str, &'a str)>,
    pub course_completions: Vec<(&'a str, &'a str)>,
    pub qualification_completions: Vec<(&'a str, &'a str)>,
    pub efts_forecasts: Vec<(&'a str, &'a str)>,
}

impl<'a> SubmissionRecords<'a> {
    /// The records of one file.
    pub fn file(&self, file: SdrFile) -> &[(&'a str, &'a str)] {
        match file {
            SdrFile::Learners => &self.learners,
            SdrFile::Courses => &self.courses,
            SdrFile::CourseEnrolments => &self.course_enrolments,
            SdrFile::CourseCompletions => &self.course_completions,
            SdrFile::QualificationCompletions => &self.qualification_completions,
            SdrFile::EftsForecasts => &self.efts_forecasts,
        }
    }

    /// The records of one file, to add to.
    pub fn file_mut(&mut self, file: SdrFile) -> &mut Vec<(&'a str, &'a str)> {
        match file {
            SdrFile::Learners => &mut self.learners,
            SdrFile::Courses => &mut self.courses,
            SdrFile::CourseEnrolments => &mut self.course_enrolments,
            SdrFile::CourseCompletions => &mut self.course_completions,
            SdrFile::QualificationCompletions => &mut self.qualification_completions,
            SdrFile::EftsForecasts => &mut self.efts_forecasts,
        }
    }
}

/// A problem found by a rule across files, with the record it is on.
///
/// `problem.index` is the record's position in its file's list in [`SubmissionRecords`] and
/// `problem.local_id` its localId. A problem about a whole file (a required file with no
/// records) has an empty `local_id`, `problem.local_id` `None` and `problem.index` 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileProblem {
    pub file: SdrFile,
    pub local_id: String,
    pub problem: Problem,
}

/// Checks the rules across files on a whole submission. `files_required` is the round's file
/// set (e.g. [`SdrFile::INDICATIVE`] or [`SdrFile::ALL`]): records of other files are not read.
/// Problems come in file order ([`SdrFile::EVERY`]), then record order, then rule code.
pub fn check_across_files(
    records: &SubmissionRecords<'_>,
    files_required: &[SdrFile],
) -> Vec<FileProblem> {
    let mut check = WholeSubmission::new(files_required);
    for file in WholeSubmission::READING_ORDER {
        for &(local_id, json) in records.file(file) {
            check.add(file, local_id, json);
        }
    }
    check.finish_across_files()
}

/// The rules a whole stored submission must satisfy beyond each record's own: those relating
/// the records of one file to each other (one record per learner, course, enrolment or
/// completion; the same ITE values across a learner's qualification) and those across files.
///
/// The submission is given record by record, so that its records need never be held at once:
/// each record's key fields are read as it is added and its JSON can be dropped; memory grows
/// with the records' key fields and the indexes the rules build (130–180 bytes a record for a
/// whole return, docs/performance.md), never with their text. [`WholeSubmission::finish`] applies the rules. Give the
/// records file by file in [`WholeSubmission::READING_ORDER`], each file in the order its
/// problems' `index` should count (a stored submission's: localId order).
pub struct WholeSubmission {
    required: [bool; SdrFile::COUNT],
    /// The year of the return, for the rules that need it (the years an EFTS forecast covers).
    return_year: Option<i32>,
    /// The funder's registers for the organisation and year (RG-001 to RG-005); empty: not
    /// loaded, not checked.
    registers: crate::registers::RegisterSnapshot,
    parsed: Parsed,
    local_ids: LocalIds,
}

impl WholeSubmission {
    /// The order in which files are best added: identifiers are numbered as they are first
    /// read, and this order numbers them as [`check_across_files`] does.
    pub const READING_ORDER: [SdrFile; SdrFile::COUNT] = [
        SdrFile::Learners,
        SdrFile::Courses,
        SdrFile::CourseEnrolments,
        SdrFile::CourseCompletions,
        SdrFile::QualificationCompletions,
        SdrFile::EftsForecasts,
    ];

    /// A check for a round requiring `files_required`.
    pub fn new(files_required: &[SdrFile]) -> Self {
        WholeSubmission {
            required: SdrFile::EVERY.map(|file| files_required.contains(&file)),
            return_year: None,
            registers: Default::default(),
            parsed: Parsed::default(),
            local_ids: LocalIds::default(),
        }
    }

    /// The check for a return of `year`: the rules that need the year apply.
    pub fn in_year(mut self, year: i32) -> Self {
        self.return_year = Some(year);
        self
    }

    /// The check against the funder's registers for the organisation and the return's year.
    pub fn with_registers(mut self, registers: crate::registers::RegisterSnapshot) -> Self {
        self.registers = registers;
        self
    }

    /// Whether the records added need an EFTS forecast lodged beside them: an enrolment funded
    /// from 01, 29, 11 or 37 in a course the register puts at Level 3 or above (spec 001).
    pub fn efts_forecast_required(&self) -> bool {
        forecast::required(&self.parsed.courses, &self.parsed.enrolments)
    }

    /// Makes room for `records` more records of `file`, when their number is known: the
    /// records' key fields then take what they need and no more.
    pub fn reserve(&mut self, file: SdrFile, records: usize) {
        self.local_ids.ends[file.position()].reserve_exact(records);
        if self.required[file.position()] {
            self.parsed.reserve(file, records);
        }
    }

    /// Reads the next record of `file`; records of files the round does not require are only
    /// counted.
    pub fn add(&mut self, file: SdrFile, local_id: &str, json: &str) {
        self.local_ids.push(file, local_id);
        if self.required[file.position()] {
            self.parsed.push(file, json);
        }
    }

    /// Applies the rules within files and across files to the records added. Problems come in
    /// file order ([`SdrFile::EVERY`]), then record order, then rule code.
    pub fn finish(self) -> Vec<FileProblem> {
        self.apply(true)
    }

    /// Applies the rules across files alone.
    fn finish_across_files(self) -> Vec<FileProblem> {
        self.apply(false)
    }

    fn apply(self, within_files: bool) -> Vec<FileProblem> {
        let scope = Scope {
            required: self.required,
            empty: SdrFile::EVERY.map(|file| self.local_ids.count(file) == 0),
        };
        let mut out = Out::new(&self.local_ids);
        empty_files(scope, &mut out);
        let context = Context::new(&self.parsed, scope);
        if within_files {
            within::check(&context, &mut out);
        }
        identity::check(&context, &mut out);
        fees::check(&context, &mut out);
        register::check(&context, &mut out);
        registers::check(&context, &self.registers, self.return_year, &mut out);
        levels::check(&context, &mut out);
        span::check(&context, &mut out);
        completions::check(&context, &mut out);
        forecast::check(&context, self.return_year, &mut out);
        enrolment_type::check(&context, &mut out);
        out.finish()
    }
}

/// The localIds of the records added, file by file, in one buffer per file: a few bytes a
/// record rather than a string each.
#[derive(Debug, Default)]
struct LocalIds {
    text: [String; SdrFile::COUNT],
    /// Where each record's localId ends in its file's `text`.
    ends: [Vec<usize>; SdrFile::COUNT],
}

impl LocalIds {
    fn push(&mut self, file: SdrFile, local_id: &str) {
        let slot = file.position();
        self.text[slot].push_str(local_id);
        self.ends[slot].push(self.text[slot].len());
    }

    fn count(&self, file: SdrFile) -> usize {
        self.ends[file.position()].len()
    }

    /// The localId of the record at `position` of `file`.
    fn get(&self, file: SdrFile, position: usize) -> &str {
        let slot = file.position();
        let ends = &self.ends[slot];
        let start = match position.checked_sub(1) {
            Some(before) => ends[before],
            None => 0,
        };
        &self.text[slot][start..ends[position]]
    }
}

/// Every rule across files, in code order (a test holds them to it).
pub(crate) static RULES: [&Rule; 22] = [
    &identity::XF_001,
    &identity::XF_002,
    &identity::XF_003,
    &fees::XF_004,
    &XF_005,
    &register::XF_006,
    &identity::XF_007,
    &fees::XF_008,
    &fees::XF_009,
    &fees::XF_010,
    &register::XF_011,
    &completions::XF_012,
    &span::XF_013,
    &XF_014,
    &completions::XF_015,
    &completions::XF_016,
    &completions::XF_017,
    &completions::XF_018,
    &enrolment_type::XF_019,
    &enrolment_type::XF_020,
    &levels::XF_021,
    &levels::XF_022,
];

/// The files every round has: a return reports its enrolments, and every enrolment needs its
/// learner and its course.
const CORE_FILES: [SdrFile; 3] = [
    SdrFile::Learners,
    SdrFile::CourseEnrolments,
    SdrFile::Courses,
];

pub(crate) const XF_005: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-005",
    "",
    Severity::Error,
    Check::Batch,
    "Each of the round's core files, learners, course-enrolments and courses, has at \
     least one record: a return reports its enrolments, and each enrolment needs its \
     learner (domain spec §3.1, X3) and its course (X1). The problem is on the empty \
     file (with an empty localId); the rules that match records against that file \
     are then skipped rather than repeating it on every record.",
);

/// Judgement call: a round with completion files can have nothing to put in one (no course or
/// qualification completed since the last return), so an empty completion file only warns.
pub(crate) const XF_014: Rule = rule(
    SdrFile::CourseCompletions,
    "XF-014",
    "",
    Severity::Warning,
    Check::Batch,
    "When the round has the completion files (April, August and December SDRs, not \
     the March indicative return), course-completions and qualification-completions \
     each have records (domain spec §1.1 and §3.1, X5, X6, X8). A warning: a return \
     may have nothing completed to report. The problem is on the empty file (with an \
     empty localId); the rules matching against it are skipped.",
);

/// Reports each required file without records.
fn empty_files(scope: Scope, out: &mut Out<'_>) {
    for file in SdrFile::ALL {
        if !scope.read(file) || !scope.is_empty(file) {
            continue;
        }
        if CORE_FILES.contains(&file) {
            out.report_file(
                &XF_005,
                file,
                format_args!(
                    "the {file} file has no records; every return reports its learners, course \
                     enrolments and course register"
                ),
            );
        } else {
            out.report_file(
                &XF_014,
                file,
                format_args!(
                    "the {file} file has no records, though this round collects it; report the \
                     completions since the last return, if there are any"
                ),
            );
        }
    }
}

/// Which files the round requires, and which of those have records.
#[derive(Debug, Clone, Copy)]
struct Scope {
    required: [bool; SdrFile::COUNT],
    empty: [bool; SdrFile::COUNT],
}

impl Scope {
    /// Whether the round requires the file: its records are read and checked.
    fn read(self, file: SdrFile) -> bool {
        self.required[file.position()]
    }

    fn is_empty(self, file: SdrFile) -> bool {
        self.empty[file.position()]
    }

    /// Whether records can be matched against the file: the round requires it and it has
    /// records (an empty required file is one problem, XF-005 or XF-014, not one per record).
    fn usable(self, file: SdrFile) -> bool {
        self.read(file) && !self.is_empty(file)
    }
}

/// The key fields of every record the round requires; files it does not require stay empty.
#[derive(Default)]
struct Parsed {
    learners: Vec<Learner>,
    courses: Vec<Course>,
    enrolments: Vec<Enrolment>,
    course_completions: Vec<CourseCompletion>,
    qualification_completions: Vec<QualificationCompletion>,
    forecast_lines: Vec<ForecastLine>,
    /// The numbering of the identifiers.
    keys: Interners,
}

impl Parsed {
    fn reserve(&mut self, file: SdrFile, records: usize) {
        match file {
            SdrFile::Learners => self.learners.reserve_exact(records),
            SdrFile::Courses => self.courses.reserve_exact(records),
            SdrFile::CourseEnrolments => self.enrolments.reserve_exact(records),
            SdrFile::CourseCompletions => self.course_completions.reserve_exact(records),
            SdrFile::QualificationCompletions => {
                self.qualification_completions.reserve_exact(records);
            }
            SdrFile::EftsForecasts => self.forecast_lines.reserve_exact(records),
        }
    }

    /// Reads the key fields of the next record of `file`.
    fn push(&mut self, file: SdrFile, json: &str) {
        let keys = &mut self.keys;
        match file {
            SdrFile::Learners => self.learners.push(read::learner(json, keys)),
            SdrFile::Courses => self.courses.push(read::course(json, keys)),
            SdrFile::CourseEnrolments => self.enrolments.push(read::enrolment(json, keys)),
            SdrFile::CourseCompletions => self
                .course_completions
                .push(read::course_completion(json, keys)),
            SdrFile::QualificationCompletions => self
                .qualification_completions
                .push(read::qualification_completion(json, keys)),
            SdrFile::EftsForecasts => self.forecast_lines.push(read::forecast_line(json)),
        }
    }
}

/// The records and the indexes shared by several rules.
struct Context<'p> {
    scope: Scope,
    /// The identifiers' texts, for messages.
    keys: &'p Interners,
    learners: &'p [Learner],
    courses: &'p [Course],
    enrolments: &'p [Enrolment],
    course_completions: &'p [CourseCompletion],
    qualification_completions: &'p [QualificationCompletion],
    forecast_lines: &'p [ForecastLine],
    /// How many distinct studentIdentificationCodes and courseCodes the return has (the size of
    /// a table with a slot for each).
    students: usize,
    course_codes: usize,
    /// Learner records by studentIdentificationCode.
    learners_by_student: ById,
    /// Course register records by courseCode.
    courses_by_code: ById,
    /// Enrolments by studentIdentificationCode.
    enrolments_by_student: ById,
}

impl<'p> Context<'p> {
    fn new(parsed: &'p Parsed, scope: Scope) -> Self {
        let students = parsed.keys.students.len();
        let course_codes = parsed.keys.courses.len();
        Context {
            scope,
            keys: &parsed.keys,
            learners: &parsed.learners,
            courses: &parsed.courses,
            enrolments: &parsed.enrolments,
            course_completions: &parsed.course_completions,
            qualification_completions: &parsed.qualification_completions,
            forecast_lines: &parsed.forecast_lines,
            students,
            course_codes,
            learners_by_student: ById::new(
                parsed.learners.iter().map(|learner| id(&learner.student)),
                students,
            ),
            courses_by_code: ById::new(
                parsed.courses.iter().map(|course| id(&course.code)),
                course_codes,
            ),
            enrolments_by_student: ById::new(
                parsed
                    .enrolments
                    .iter()
                    .map(|enrolment| id(&enrolment.student)),
                students,
            ),
        }
    }

    /// The learner record of a studentIdentificationCode, with its position, when there is
    /// exactly one (several are LR-007's problem, and which one is right is not known).
    fn learner(&self, student: Id) -> Option<(usize, &'p Learner)> {
        let group = self.learners_by_student.get(&student)?;
        (group.count == 1).then(|| (group.first, &self.learners[group.first]))
    }

    /// The course register record of a courseCode, with its position, when there is exactly
    /// one (several are CR-007's problem).
    fn course(&self, code: Id) -> Option<(usize, &'p Course)> {
        let group = self.courses_by_code.get(&code)?;
        (group.count == 1).then(|| (group.first, &self.courses[group.first]))
    }
}

/// The number of a known identifier.
fn id(code: &Option<read::Code>) -> Option<Id> {
    code.as_ref().map(|code| code.id)
}

/// Where the rules put their problems.
struct Out<'r> {
    local_ids: &'r LocalIds,
    problems: Vec<FileProblem>,
}

impl<'r> Out<'r> {
    fn new(local_ids: &'r LocalIds) -> Self {
        Out {
            local_ids,
            problems: Vec::new(),
        }
    }

    /// The localId of a record.
    fn local_id(&self, file: SdrFile, position: usize) -> &'r str {
        self.local_ids.get(file, position)
    }

    /// Records a breach of `rule` by the record at `position` of `file`, on `field` (`""` for
    /// the whole record). The rules across files have one severity whatever the year.
    fn report(
        &mut self,
        rule: &Rule,
        file: SdrFile,
        position: usize,
        field: &str,
        message: fmt::Arguments<'_>,
    ) {
        debug_assert!(rule.error_from_year.is_none(), "{}", rule.code);
        self.report_in_year(rule, file, position, field, None, message);
    }

    /// Records a breach of a rule whose severity may depend on the year the record's enrolment
    /// starts (`None`: not known, or not an enrolment).
    fn report_in_year(
        &mut self,
        rule: &Rule,
        file: SdrFile,
        position: usize,
        field: &str,
        start_year: Option<i32>,
        message: fmt::Arguments<'_>,
    ) {
        let local_id = self.local_id(file, position);
        self.problems.push(FileProblem {
            file,
            local_id: local_id.to_owned(),
            problem: Problem {
                index: position,
                local_id: Some(local_id.to_owned()),
                field: field.to_owned(),
                rule: rule.code.to_owned(),
                severity: rule.severity_for(start_year),
                message: message.to_string(),
            },
        });
    }

    /// Keeps a problem a record rule's own check made (its `index` is the record's position).
    fn push(&mut self, file: SdrFile, problem: Problem) {
        self.problems.push(FileProblem {
            file,
            local_id: problem.local_id.clone().unwrap_or_default(),
            problem,
        });
    }

    /// Records a breach of `rule` by a whole file.
    fn report_file(&mut self, rule: &Rule, file: SdrFile, message: fmt::Arguments<'_>) {
        self.problems.push(FileProblem {
            file,
            local_id: String::new(),
            problem: Problem {
                index: 0,
                local_id: None,
                field: rule.field.to_owned(),
                rule: rule.code.to_owned(),
                severity: rule.severity,
                message: message.to_string(),
            },
        });
    }

    /// The problems in file order, then record order, then rule code; a file's own problems
    /// before its records'.
    fn finish(mut self) -> Vec<FileProblem> {
        self.problems.sort_by(|a, b| {
            (a.file, a.problem.local_id.is_some(), a.problem.index)
                .cmp(&(b.file, b.problem.local_id.is_some(), b.problem.index))
                .then_with(|| a.problem.rule.cmp(&b.problem.rule))
        });
        self.problems
    }
}
