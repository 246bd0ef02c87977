//! Stored validation problems: record-level ones written with their records, submission-level
//! ones (rules across records) written by each validation run.

use diesel::prelude::*;
use dxp_domain::{Problem, SdrFile, Severity};

use crate::paging::{Page, PageRequest};
use crate::schema::problems;
use crate::{DbConnection, StoreError};

/// 9 columns × 1,000 rows stays inside both backends' bind-parameter limits.
const CHUNK: usize = 1_000;

/// Where a problem came from, and so when it is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Found in one record on upload; replaced when the record is.
    Record,
    /// Found across records by a validation run; replaced by the next run or any change.
    Submission,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Record => "record",
            Origin::Submission => "submission",
        }
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// How many errors and warnings a change of a submission's stored problems added (or, when
/// negative, removed): a submission's counts are kept by adding these up in the transaction
/// that changed the problems, instead of counting its problems again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeverityCounts {
    pub errors: i64,
    pub warnings: i64,
}

impl SeverityCounts {
    fn count(&mut self, severity: &str, by: i64) {
        if severity == severity_name(Severity::Error) {
            self.errors += by;
        } else {
            self.warnings += by;
        }
    }

    pub fn is_zero(self) -> bool {
        self == Self::default()
    }
}

impl std::ops::AddAssign for SeverityCounts {
    fn add_assign(&mut self, other: Self) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

/// (errors, warnings) among these problems.
pub fn tally(problems: &[Problem]) -> (i32, i32) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    (
        i32::try_from(errors).unwrap_or(i32::MAX),
        i32::try_from(warnings).unwrap_or(i32::MAX),
    )
}

#[derive(Insertable)]
#[diesel(table_name = problems, treat_none_as_default_value = false)]
struct NewProblemRow<'a> {
    submission_id: &'a str,
    file: &'a str,
    local_id: &'a str,
    origin: &'a str,
    field: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
}

/// Stores problems, each with the `localId` of the record it is about; the errors and warnings
/// it added.
pub fn insert<'a>(
    conn: &mut DbConnection,
    submission_id: &str,
    file: SdrFile,
    origin: Origin,
    found: impl Iterator<Item = (&'a str, &'a Problem)>,
) -> Result<SeverityCounts, StoreError> {
    let mut added = SeverityCounts::default();
    let rows: Vec<NewProblemRow<'_>> = found
        .map(|(local_id, problem)| {
            let severity = severity_name(problem.severity);
            added.count(severity, 1);
            NewProblemRow {
                submission_id,
                file: file.as_str(),
                local_id,
                origin: origin.as_str(),
                field: &problem.field,
                rule: &problem.rule,
                severity,
                message: &problem.message,
            }
        })
        .collect();
    if rows.is_empty() {
        return Ok(added);
    }
    match conn {
        // One binary COPY, however many: a rejected return can have a problem on every record.
        DbConnection::Postgresql(inner) => {
            diesel::copy_from(problems::table)
                .from_insertable(&rows)
                .execute(inner)?;
        }
        DbConnection::Sqlite(inner) => {
            for chunk in rows.chunks(CHUNK) {
                diesel::insert_into(problems::table)
                    .values(chunk)
                    .execute(inner)?;
            }
        }
    }
    Ok(added)
}

/// The errors and warnings among the severities of deleted problems, as a removal.
fn removed(severities: &[String]) -> SeverityCounts {
    let mut counts = SeverityCounts::default();
    for severity in severities {
        counts.count(severity, -1);
    }
    counts
}

/// Removes the record-level problems of these records; the errors and warnings it removed
/// (negative counts).
pub fn delete_for_records(
    conn: &mut DbConnection,
    submission_id: &str,
    file: SdrFile,
    local_ids: &[&str],
) -> Result<SeverityCounts, StoreError> {
    let mut counts = SeverityCounts::default();
    for chunk in local_ids.chunks(CHUNK) {
        let severities: Vec<String> = diesel::delete(
            problems::table
                .filter(problems::submission_id.eq(submission_id))
                .filter(problems::file.eq(file.as_str()))
                .filter(problems::origin.eq(Origin::Record.as_str()))
                .filter(problems::local_id.eq_any(chunk)),
        )
        .returning(problems::severity)
        .get_results(conn)?;
        counts += removed(&severities);
    }
    Ok(counts)
}

/// Removes every problem of one origin; the errors and warnings it removed (negative counts).
pub fn delete_origin(
    conn: &mut DbConnection,
    submission_id: &str,
    origin: Origin,
) -> Result<SeverityCounts, StoreError> {
    let severities: Vec<String> = diesel::delete(
        problems::table
            .filter(problems::submission_id.eq(submission_id))
            .filter(problems::origin.eq(origin.as_str())),
    )
    .returning(problems::severity)
    .get_results(conn)?;
    Ok(removed(&severities))
}

/// A stored problem.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = problems)]
pub struct StoredProblem {
    /// Increasing; the paging cursor.
    pub id: i64,
    pub file: String,
    pub local_id: String,
    pub field: String,
    pub rule: String,
    pub severity: String,
    pub message: String,
}

/// Filters on a problem report.
#[derive(Debug, Clone, Default)]
pub struct ProblemFilter {
    pub severity: Option<Severity>,
    pub rule: Option<String>,
    pub field: Option<String>,
    pub file: Option<SdrFile>,
    /// One record's problems: the record with this `localId` (in `file`, when set).
    pub local_id: Option<String>,
}

/// One page of a submission's problems, in the order they were found; the cursor is the id of
/// the page's last problem.
pub fn report_page(
    conn: &mut DbConnection,
    submission_id: &str,
    filter: &ProblemFilter,
    request: &PageRequest<i64>,
) -> Result<Page<StoredProblem, i64>, StoreError> {
    let mut query = problems::table
        .filter(problems::submission_id.eq(submission_id))
        .select(StoredProblem::as_select())
        .into_boxed();
    if let Some(severity) = filter.severity {
        query = query.filter(problems::severity.eq(severity_name(severity)));
    }
    if let Some(rule) = &filter.rule {
        query = query.filter(problems::rule.eq(rule.clone()));
    }
    if let Some(field) = &filter.field {
        query = query.filter(problems::field.eq(field.clone()));
    }
    if let Some(file) = filter.file {
        query = query.filter(problems::file.eq(file.as_str()));
    }
    if let Some(local_id) = &filter.local_id {
        query = query.filter(problems::local_id.eq(local_id.clone()));
    }
    if let Some(after) = request.after {
        query = query.filter(problems::id.gt(after));
    }
    let rows = query
        .order(problems::id.asc())
        .limit(request.rows_to_load())
        .load(conn)?;
    Ok(request.page_of(rows, |problem: &StoredProblem| problem.id))
}

/// The page of a submission's problems that starts at position `offset` (from 0), at most
/// `limit` of them in the order they were found, with how many the submission has in all.
pub fn numbered_page(
    conn: &mut DbConnection,
    submission_id: &str,
    offset: i64,
    limit: i64,
) -> Result<(Vec<StoredProblem>, i64), StoreError> {
    let total: i64 = problems::table
        .filter(problems::submission_id.eq(submission_id))
        .count()
        .get_result(conn)?;
    let rows = problems::table
        .filter(problems::submission_id.eq(submission_id))
        .select(StoredProblem::as_select())
        .order(problems::id.asc())
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}
