//! A submission's problem report: the problems its records and its validation found, filtered
//! and paged, each with the learner's code from the record it is about.

use std::collections::HashMap;

use dxp_domain::{SdrFile, Severity};
use dxp_persistence::paging::{Page, PageRequest};
use dxp_persistence::problems::{self, StoredProblem};
use dxp_persistence::{DbConnection, record_store, submissions};

pub use dxp_persistence::problems::ProblemFilter;

use crate::{Caller, Service, ServiceError};

/// One problem of a stored submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedProblem {
    /// Increasing in the order problems were found; the paging cursor.
    pub id: i64,
    pub file: SdrFile,
    /// The record the problem is about.
    pub local_id: String,
    /// The learner's code in the organisation's system, when the record has one.
    pub student_identification_code: Option<String>,
    /// The camelCase field; `""` for the record as a whole.
    pub field: String,
    /// The rule's code in the catalogue.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
}

impl Service {
    /// A page of the problems of a submission the caller may see; the cursor is the id of the
    /// page's last problem.
    pub async fn problem_page(
        &self,
        caller: &Caller,
        submission_id: &str,
        filter: ProblemFilter,
        request: PageRequest<i64>,
    ) -> Result<Page<ReportedProblem, i64>, ServiceError> {
        let (scope, id) = (caller.scope, submission_id.to_owned());
        self.blocking(move |conn| {
            submissions::find(conn, &id, scope)?;
            let page = problems::report_page(conn, &id, &filter, &request)?;
            with_student_codes(conn, &id, page)
        })
        .await
    }
}

/// The page with each problem's learner code looked up, one query per file the page touches.
fn with_student_codes(
    conn: &mut DbConnection,
    submission_id: &str,
    page: Page<StoredProblem, i64>,
) -> Result<Page<ReportedProblem, i64>, ServiceError> {
    let mut codes: HashMap<SdrFile, HashMap<String, String>> = HashMap::new();
    for file in SdrFile::ALL {
        let ids: Vec<&str> = page
            .items
            .iter()
            .filter(|problem| problem.file == file.as_str())
            .map(|problem| problem.local_id.as_str())
            .collect();
        if !ids.is_empty() {
            let found = record_store::student_codes(conn, submission_id, file, &ids)?;
            codes.insert(file, found);
        }
    }
    page.try_map(|problem| reported(problem, &codes))
}

/// A stored row as the report shows it; a row this code cannot read back is a fault of the
/// store, not of the caller.
fn reported(
    problem: StoredProblem,
    codes: &HashMap<SdrFile, HashMap<String, String>>,
) -> Result<ReportedProblem, ServiceError> {
    let corrupt = |what: &str| {
        ServiceError::Failure(format!(
            "stored problem {} has an unknown {what}",
            problem.id
        ))
    };
    let file = SdrFile::parse(&problem.file).ok_or_else(|| corrupt("file"))?;
    let severity = match problem.severity.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => return Err(corrupt("severity")),
    };
    Ok(ReportedProblem {
        student_identification_code: codes
            .get(&file)
            .and_then(|file_codes| file_codes.get(&problem.local_id))
            .cloned(),
        id: problem.id,
        file,
        severity,
        local_id: problem.local_id,
        field: problem.field,
        rule: problem.rule,
        message: problem.message,
    })
}
