//! Collection rounds: `GET /api/v1/rounds?year=`.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::calendar::ROUND_YEARS;
use dxp_domain::{ReturnType, Round, RoundKind, SdrFile};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Authorized, CanRead};
use crate::{ApiError, AppState, Problem};

/// A collection round, with the funder's field names where its API has them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "id": "2026-APR",
    "kind": "APR",
    "returnId": 202604,
    "returnYear": 2026,
    "returnMonth": 4,
    "returnType": "Full",
    "extractDate": "2026-04-15",
    "openWindowDate": "2026-04-16T12:00:00Z",
    "closeWindowDate": "2026-04-29T05:00:00Z",
    "resubmissionWindow": null,
    "published": false,
    "files": ["learners", "course-enrolments", "courses", "course-completions", "qualification-completions"]
}))]
pub struct RoundView {
    /// The round's id, `YYYY-KIND`.
    #[schema(example = "2026-APR", pattern = "^[0-9]{4}-(IND|APR|AUG|DEC)$")]
    pub id: String,
    pub kind: RoundKind,
    /// The funder's numeric return id, `YYYYMM`.
    #[schema(example = 202604)]
    pub return_id: i32,
    #[schema(example = 2026)]
    pub return_year: i32,
    #[schema(minimum = 1, maximum = 12, example = 4)]
    pub return_month: u32,
    pub return_type: ReturnType,
    /// The "as-at" date of the extract, against which learner identity is checked.
    pub extract_date: NaiveDate,
    /// When returns may first be lodged (start of the first day, New Zealand time), in UTC.
    pub open_window_date: DateTime<Utc>,
    /// When the return is due (5 pm New Zealand time on the due day), in UTC.
    pub close_window_date: DateTime<Utc>,
    /// The funder's window for resubmissions, if one is set (April rounds).
    pub resubmission_window: Option<WindowView>,
    /// Published data can no longer be changed.
    pub published: bool,
    /// The files a return for this round is made of.
    pub files: Vec<SdrFile>,
}

/// A span of time.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WindowView {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

impl From<Round> for RoundView {
    fn from(round: Round) -> Self {
        Self {
            id: round.id.to_string(),
            kind: round.id.kind,
            return_id: round.id.return_id(),
            return_year: round.id.year,
            return_month: round.id.kind.return_month(),
            return_type: round.id.kind.return_type(),
            extract_date: round.extract_date,
            open_window_date: round.opens_at,
            close_window_date: round.due_at,
            resubmission_window: round.resubmission_window.map(|w| WindowView {
                opens_at: w.opens_at,
                closes_at: w.closes_at,
            }),
            published: round.published,
            files: round.files().to_vec(),
        }
    }
}

/// The rounds of a year.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoundList {
    pub results: Vec<RoundView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    /// Only the rounds of this year (the year the return is for; the December round of 2026 is
    /// lodged in January 2027). All years when absent.
    #[param(minimum = 2000, maximum = 2100, example = 2026)]
    pub year: Option<i32>,
}

/// Lists the collection rounds, in calendar order.
#[utoipa::path(
    tag = super::tags::ROUNDS,
    params(RoundQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rounds", body = RoundList),
        (status = 400, description = "The year is not a year DXP keeps rounds for", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rounds")]
pub async fn list_rounds(
    _caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<RoundQuery>,
) -> Result<HttpResponse, ApiError> {
    let year = query.year;
    if let Some(year) = year
        && !ROUND_YEARS.contains(&year)
    {
        return Err(ApiError::BadRequest(format!(
            "year {year} is outside the years DXP keeps rounds for ({}–{})",
            ROUND_YEARS.start(),
            ROUND_YEARS.end()
        )));
    }
    let rounds = state
        .db
        .run(move |conn| dxp_persistence::rounds::list(conn, year))
        .await?;
    Ok(HttpResponse::Ok().json(RoundList {
        results: rounds.into_iter().map(RoundView::from).collect(),
    }))
}
