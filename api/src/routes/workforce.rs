//! Workforce questionnaires (WFQ): `POST /api/v1/workforce-questionnaires` (JSON or CSV), checked
//! at once and kept with its verdict; the December return needs a processed one for its year.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use dxp_domain::Problem as RecordProblem;
use dxp_domain::workforce::{QuestionnaireStatus, WorkforceRecord};
use dxp_persistence::workforce::Questionnaire;
use dxp_service::ingest::Format;
use dxp_service::workforce::QuestionnaireRecords;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Authorized, CanRead, CanWrite};
use crate::body_stream::format_of_request;
use crate::state::caller_of;
use crate::{ApiError, AppState, Problem};

/// A questionnaire sent as JSON.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireUpload {
    /// The year the questionnaire is for (that of the December round it goes with).
    #[schema(minimum = 2000, maximum = 2100, example = 2026)]
    pub year: Option<i32>,
    #[schema(value_type = Vec<WorkforceRecord>)]
    pub records: Vec<Value>,
}

/// A checked questionnaire.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireView {
    pub id: String,
    #[schema(example = 6004)]
    pub organisation: i32,
    #[schema(example = 2026)]
    pub year: i32,
    pub status: QuestionnaireStatus,
    pub record_count: i64,
    pub error_count: i64,
    pub warning_count: i64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// Every problem found (on single uploads; lists leave them out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<RecordProblem>>,
}

impl QuestionnaireView {
    fn new(questionnaire: Questionnaire, with_problems: bool) -> Self {
        Self {
            id: questionnaire.id,
            organisation: questionnaire.organisation.value(),
            year: questionnaire.year,
            status: questionnaire.status,
            record_count: questionnaire.record_count,
            error_count: questionnaire.error_count,
            warning_count: questionnaire.warning_count,
            created_by: questionnaire.created_by,
            created_at: questionnaire.created_at,
            problems: with_problems.then_some(questionnaire.problems),
        }
    }
}

/// The organisation's questionnaires.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuestionnaireList {
    pub results: Vec<QuestionnaireView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuestionnaireQuery {
    /// The year (required for CSV uploads; JSON may carry it in the body).
    #[param(minimum = 2000, maximum = 2100, example = 2026)]
    pub year: Option<i32>,
    /// The organisation, for a `tec-admin`.
    #[param(minimum = 1, maximum = 9999)]
    pub organisation: Option<i64>,
}

/// Uploads a workforce questionnaire as JSON (`{"year", "records"}`) or CSV (`text/csv`, first
/// row the field names, `?year=`; a problem's `index` is then its line). It is checked at once: `Processed` with no error, `Rejected`
/// otherwise, with every problem. The latest processed one for a year lets the December return
/// be lodged.
#[utoipa::path(
    tag = super::tags::WORKFORCE,
    params(QuestionnaireQuery),
    request_body(
        content((QuestionnaireUpload = "application/json"), (String = "text/csv")),
        description = "The questionnaire"
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Checked and kept", body = QuestionnaireView),
        (status = 400, description = "The body or the year is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns, or names another organisation", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "More records than one request may carry", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The year's December round is published (RD-001)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/workforce-questionnaires")]
pub async fn upload_workforce_questionnaire(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<QuestionnaireQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let organisation = caller.organisation_for(query.organisation)?;
    let query_year = super::params::year_in_range("year", query.year)?;
    // A CSV problem names its line, as in the SDR files; a JSON one its position in `records`.
    let (year, sent) = match format_of_request(&req)? {
        Format::Csv => (query_year, QuestionnaireRecords::from_csv(&body)?),
        _ => {
            let upload: QuestionnaireUpload = serde_json::from_slice(&body)
                .map_err(|error| ApiError::BadRequest(format!("body: {error}")))?;
            let body_year = super::params::year_in_range("year", upload.year)?;
            if let (Some(in_body), Some(in_query)) = (body_year, query_year)
                && in_body != in_query
            {
                return Err(ApiError::BadRequest(format!(
                    "year: the body says {in_body} and the query {in_query}; send one"
                )));
            }
            (
                body_year.or(query_year),
                QuestionnaireRecords::from_json(upload.records),
            )
        }
    };
    let year = year.ok_or_else(|| {
        ApiError::BadRequest("year: say which year the questionnaire is for".to_owned())
    })?;
    let stored = state
        .service
        .check_questionnaire(
            &caller_of(&caller)?,
            organisation,
            year,
            sent,
            state.limits.max_records,
        )
        .await?;
    Ok(HttpResponse::Created().json(QuestionnaireView::new(stored, true)))
}

/// Lists the organisation's workforce questionnaires (of one year, if given), newest first.
#[utoipa::path(
    tag = super::tags::WORKFORCE,
    params(QuestionnaireQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The questionnaires", body = QuestionnaireList),
        (status = 400, description = "A filter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token names another organisation, or its role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/workforce-questionnaires")]
pub async fn list_workforce_questionnaires(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<QuestionnaireQuery>,
) -> Result<HttpResponse, ApiError> {
    let organisation = caller.organisation_for(query.organisation)?;
    let year = super::params::year_in_range("year", query.year)?;
    let found = state.service.questionnaires(organisation, year).await?;
    Ok(HttpResponse::Ok().json(QuestionnaireList {
        results: found
            .into_iter()
            .map(|q| QuestionnaireView::new(q, false))
            .collect(),
    }))
}
