//! A submission's problem report: paged JSON for programs, the whole report as CSV for data
//! officers (`Accept: text/csv`).

use std::collections::HashMap;

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use dxp_domain::{SdrFile, Severity};
use dxp_persistence::problems::{self, ProblemFilter, StoredProblem};
use dxp_persistence::{record_store, submissions};
use futures_util::stream;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::submissions::{page_size, scope_of, wants_csv};
use crate::auth::{Authorized, CanRead};
use crate::{ApiError, AppState, Db, Problem};

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

fn view(
    problem: StoredProblem,
    codes: &HashMap<String, String>,
) -> Result<SubmissionProblem, ApiError> {
    let corrupt = |what: &str| {
        ApiError::Internal(format!(
            "stored problem {} has an unknown {what}",
            problem.id
        ))
    };
    Ok(SubmissionProblem {
        file: SdrFile::parse(&problem.file).ok_or_else(|| corrupt("file"))?,
        severity: match problem.severity.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => return Err(corrupt("severity")),
        },
        student_identification_code: codes.get(&problem.local_id).cloned(),
        id: problem.id,
        local_id: problem.local_id,
        field: problem.field,
        rule: problem.rule,
        message: problem.message,
    })
}

/// One page of problems with the learners' codes filled in.
async fn load_page(
    db: &Db,
    id: String,
    filter: ProblemFilter,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<SubmissionProblem>, ApiError> {
    db.run(move |conn| {
        let page = problems::page(conn, &id, &filter, after, limit)?;
        let mut codes: HashMap<SdrFile, HashMap<String, String>> = HashMap::new();
        for file in SdrFile::ALL {
            let ids: Vec<&str> = page
                .iter()
                .filter(|p| p.file == file.as_str())
                .map(|p| p.local_id.as_str())
                .collect();
            if !ids.is_empty() {
                codes.insert(file, record_store::student_codes(conn, &id, file, &ids)?);
            }
        }
        let none = HashMap::new();
        page.into_iter()
            .map(|problem| {
                let file_codes = SdrFile::parse(&problem.file)
                    .and_then(|f| codes.get(&f))
                    .unwrap_or(&none);
                view(problem, file_codes)
            })
            .collect::<Result<Vec<_>, ApiError>>()
    })
    .await
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
    let scope = scope_of(&caller)?;
    let id = path.into_inner();
    let query = query.into_inner();
    let checked_id = id.clone();
    // Not found (or another organisation's) before anything is streamed.
    state
        .db
        .run(move |conn| submissions::find(conn, &checked_id, scope))
        .await?;
    let filter = ProblemFilter {
        severity: query.severity,
        rule: query.rule,
        field: query.field,
        file: query.file,
    };
    if wants_csv(&req) {
        return Ok(csv_response(state.db.clone(), id, filter));
    }
    let limit = page_size(query.limit)?;
    let after = super::params::position("after", query.after)?;
    let mut results = load_page(&state.db, id, filter, after, limit + 1).await?;
    let next_cursor = if results.len() as i64 > limit {
        results.truncate(limit as usize);
        results.last().map(|p| p.id)
    } else {
        None
    };
    Ok(HttpResponse::Ok().json(ProblemPage {
        results,
        next_cursor,
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

/// Streams the report page by page, so memory stays flat however many problems there are.
fn csv_response(db: Db, id: String, filter: ProblemFilter) -> HttpResponse {
    struct Position {
        after: Option<i64>,
        first: bool,
        done: bool,
    }
    let start = Position {
        after: None,
        first: true,
        done: false,
    };
    let body = stream::unfold(start, move |position| {
        let (db, id, filter) = (db.clone(), id.clone(), filter.clone());
        async move {
            if position.done {
                return None;
            }
            let page = match load_page(&db, id, filter, position.after, CSV_PAGE).await {
                Ok(page) => page,
                Err(error) => {
                    return Some((
                        Err(actix_web::Error::from(error)),
                        Position {
                            done: true,
                            ..position
                        },
                    ));
                }
            };
            let done = (page.len() as i64) < CSV_PAGE;
            let after = page.last().map(|p| p.id).or(position.after);
            let chunk = csv_rows(&page, position.first).map_err(actix_web::Error::from);
            Some((
                chunk,
                Position {
                    after,
                    first: false,
                    done,
                },
            ))
        }
    });
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "content-disposition",
            "attachment; filename=\"problems.csv\"",
        ))
        .streaming(body)
}
