//! P1, `GET /submissions/v1.0/returns`: the returns an organisation may send or has sent.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Paging, ProviderCaller, return_month, return_type, run_status, tags};
use crate::auth::CanRead;
use crate::{ApiError, AppState, Problem};

/// A return (§2.1 of the funder's API).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"edumis": 6004, "returnId": 202608, "returnYear": 2026, "returnMonth": 8, "openWindowDate": "2026-08-01T00:00:00Z", "closeWindowDate": "2026-09-11T05:00:00Z", "returnStatus": "Accumulate", "returnType": "Full", "closeDate": null}))]
pub struct Return {
    pub edumis: i32,
    /// `YYYYMM`: 202603 for the 2026 indicative return, 202604, 202608, 202612.
    pub return_id: i32,
    pub return_year: i32,
    /// 3 (indicative), 4, 8 or 12.
    pub return_month: i32,
    /// When the round opens.
    pub open_window_date: DateTime<Utc>,
    /// When the return is due.
    pub close_window_date: DateTime<Utc>,
    /// The status of the organisation's newest return for this round, as a validation run's;
    /// `Accumulate` when it has sent none.
    pub return_status: String,
    /// `Indicative` or `Full`.
    pub return_type: String,
    /// When the window closed, once it has.
    pub close_date: Option<DateTime<Utc>>,
}

/// A page of returns.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReturnPage {
    pub page: i64,
    pub page_size: i64,
    pub results: Vec<Return>,
    /// How many returns there are on every page.
    pub total_count: i64,
}

/// The query of P1.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct ReturnsQuery {
    /// From 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// From 1 to 1,000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub page_size: Option<i64>,
    /// Also list the indicative (March) returns (default false).
    pub include_indicative: Option<bool>,
}

/// `includeIndicative`, read as text so a bad value gets DXP's own words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct IndicativeQuery {
    include_indicative: Option<String>,
}

/// List available returns: every round that has opened, newest first, with the status of the
/// organisation's newest return for it.
#[utoipa::path(
    tag = tags::RETURNS,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ReturnsQuery,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of returns", body = ReturnPage),
        (status = 400, description = "Bad pagination parameters (`errorCode` BAD_PAGINATION), or no `EID`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/returns")]
pub async fn list_returns(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ProviderCaller<CanRead>,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::from_request(&req)?;
    let query: IndicativeQuery = serde_urlencoded::from_str(req.query_string())
        .map_err(|error| ApiError::BadRequest(format!("the query string is invalid: {error}")))?;
    let include_indicative = match query.include_indicative.as_deref().map(str::trim) {
        None => false,
        Some(text) if text.eq_ignore_ascii_case("true") => true,
        Some(text) if text.eq_ignore_ascii_case("false") => false,
        Some(text) => {
            return Err(ApiError::BadRequest(format!(
                "includeIndicative '{text}' must be true or false"
            )));
        }
    };
    let now = state.service.clock().now()?;
    let returns = state
        .service
        .provider_returns(caller.organisation, include_indicative)
        .await?;
    let total_count = i64::try_from(returns.len()).unwrap_or(i64::MAX);
    let results = paging
        .of(returns)
        .into_iter()
        .map(|item| Return {
            edumis: caller.organisation.value(),
            return_id: item.round.id.return_id(),
            return_year: item.round.id.year,
            return_month: return_month(&item.round),
            open_window_date: item.round.opens_at,
            close_window_date: item.round.due_at,
            return_status: item
                .newest_status
                .map_or("Accumulate", run_status)
                .to_owned(),
            return_type: return_type(&item.round).to_owned(),
            close_date: (now >= item.round.due_at).then_some(item.round.due_at),
        })
        .collect();
    Ok(HttpResponse::Ok().json(ReturnPage {
        page: paging.page,
        page_size: paging.page_size,
        results,
        total_count,
    }))
}
