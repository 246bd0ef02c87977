//! A submission's problem report: paged JSON for programs, the whole report as CSV for data
//! officers (`Accept: text/csv`).

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use dxp_domain::{SdrFile, Severity};
use dxp_persistence::paging::{Page, PageRequest};
use dxp_service::problem_report::{ProblemFilter, ReportedProblem};
use dxp_service::{Caller, Service};
use futures_util::stream;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::submissions::{page_size, wants_csv};
use crate::auth::{Authorized, CanRead};
use crate::state::caller_of;
use crate::{ApiError, AppState, Problem};

/// Problems read per database round trip while streaming CSV.
const CSV_PAGE: i64 = 5_000;

/// One problem of a stored submission.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionProblem {
    /// Increasing; the paging cursor.
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

/// A page of problems.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProblemPage {
    pub results: Vec<SubmissionProblem>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProblemQuery {
    /// Only errors, or only warnings.
    pub severity: Option<Severity>,
    /// Only problems of this rule, e.g. `CE-021`.
    pub rule: Option<String>,
    /// Only problems about this field, e.g. `eftsByMonth`.
    pub field: Option<String>,
    /// Only problems of this file.
    pub file: Option<SdrFile>,
    /// The `nextCursor` of the previous page.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Problems per page, 1 to 1000 (default 100). Ignored for CSV, which is the whole report.
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

impl From<ReportedProblem> for SubmissionProblem {
    fn from(problem: ReportedProblem) -> Self {
        SubmissionProblem {
            id: problem.id,
            file: problem.file,
            local_id: problem.local_id,
            student_identification_code: problem.student_identification_code,
            field: problem.field,
            rule: problem.rule,
            severity: problem.severity,
            message: problem.message,
        }
    }
}

/// One page of problems, with the learners' codes filled in.
async fn load_page(
    service: &Service,
    caller: &Caller,
    id: &str,
    filter: ProblemFilter,
    request: PageRequest<i64>,
) -> Result<Page<SubmissionProblem, i64>, ApiError> {
    let page = service.problem_page(caller, id, filter, request).await?;
    Ok(page.map(SubmissionProblem::from))
}

/// The problems found in a submission, filtered and paged; with `Accept: text/csv`, the whole
/// report as CSV, one row per problem.
#[utoipa::path(
    tag = super::tags::SUBMISSIONS,
    params(("id" = String, Path, description = "The submission's id"), ProblemQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of problems (JSON), or the whole report (CSV)",
            content((ProblemPage = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A filter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission for this organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/submissions/{id}/problems")]
pub async fn list_submission_problems(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<ProblemQuery>,
) -> Result<HttpResponse, ApiError> {
    let caller = caller_of(&caller)?;
    let id = path.into_inner();
    let query = query.into_inner();
    let filter = ProblemFilter {
        severity: query.severity,
        rule: query.rule,
        field: query.field,
        file: query.file,
        local_id: None,
    };
    if wants_csv(&req) {
        // The first page is read before anything is sent, so a submission that is not found
        // (or is another organisation's) is a 404 and not a broken download.
        let first = load_page(
            &state.service,
            &caller,
            &id,
            filter.clone(),
            PageRequest::new(None, CSV_PAGE),
        )
        .await?;
        return Ok(csv_response(
            state.service.clone(),
            caller,
            id,
            filter,
            first,
        ));
    }
    let limit = page_size(query.limit)?;
    let after = super::params::position("after", query.after)?;
    let page = load_page(
        &state.service,
        &caller,
        &id,
        filter,
        PageRequest::new(after, limit),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ProblemPage {
        results: page.items,
        next_cursor: page.next,
    }))
}

const CSV_HEADER: &[&str] = &[
    "file",
    "localId",
    "studentIdentificationCode",
    "field",
    "rule",
    "severity",
    "message",
];

fn csv_rows(problems: &[SubmissionProblem], header: bool) -> Result<Bytes, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(problems.len() * 128));
    let failed = |error: csv::Error| ApiError::Internal(format!("cannot write CSV: {error}"));
    if header {
        writer.write_record(CSV_HEADER).map_err(failed)?;
    }
    for problem in problems {
        let severity = match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writer
            .write_record([
                problem.file.as_str(),
                &problem.local_id,
                problem.student_identification_code.as_deref().unwrap_or(""),
                &problem.field,
                &problem.rule,
                severity,
                &problem.message,
            ])
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map(Bytes::from)
        .map_err(|error| ApiError::Internal(format!("cannot write CSV: {error}")))
}

/// Streams the report page by page from `first` on, so memory stays flat however many problems
/// there are.
fn csv_response(
    service: Service,
    caller: Caller,
    id: String,
    filter: ProblemFilter,
    first: Page<SubmissionProblem, i64>,
) -> HttpResponse {
    enum Next {
        Page(Page<SubmissionProblem, i64>, bool),
        After(i64),
        Done,
    }
    let body = stream::unfold(Next::Page(first, true), move |next| {
        let (service, caller, id, filter) =
            (service.clone(), caller.clone(), id.clone(), filter.clone());
        async move {
            let (page, header) = match next {
                Next::Done => return None,
                Next::Page(page, header) => (page, header),
                Next::After(after) => {
                    let request = PageRequest::new(Some(after), CSV_PAGE);
                    match load_page(&service, &caller, &id, filter, request).await {
                        Ok(page) => (page, false),
                        Err(error) => {
                            return Some((Err(actix_web::Error::from(error)), Next::Done));
                        }
                    }
                }
            };
            let chunk = csv_rows(&page.items, header).map_err(actix_web::Error::from);
            Some((chunk, page.next.map_or(Next::Done, Next::After)))
        }
    });
    super::download(super::CSV_TYPE, "problems.csv").streaming(body)
}
