//! The audit log, for the funder: `GET /api/v1/audit-events`.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use dxp_persistence::audit::AuditEvent;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AdminOnly, Authorized};
use crate::state::caller_of;
use crate::{ApiError, AppState, Problem};

/// The most events one page holds.
const MAX_PAGE_SIZE: i64 = 1000;
const DEFAULT_PAGE_SIZE: i64 = 100;

/// One change: who made it, when, to what, and why.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventView {
    /// Increasing with time; use it as the `after` cursor of the next page.
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    /// The token subject, or `system` for DXP's own changes.
    pub actor: String,
    /// The EDUMIS number of the organisation concerned, if any.
    pub organisation: Option<i32>,
    /// What happened, e.g. `round.created`.
    #[schema(example = "round.created")]
    pub action: String,
    /// What it happened to, e.g. a round id.
    #[schema(example = "2026-APR")]
    pub subject: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub reason: Option<String>,
}

impl From<AuditEvent> for AuditEventView {
    fn from(event: AuditEvent) -> Self {
        Self {
            id: event.id,
            occurred_at: event.occurred_at,
            actor: event.actor,
            organisation: event.organisation,
            action: event.action,
            subject: event.subject,
            from_state: event.from_state,
            to_state: event.to_state,
            reason: event.reason,
        }
    }
}

/// A page of audit events.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventPage {
    pub results: Vec<AuditEventView>,
    /// Pass as `after` to get the next page; null on the last page.
    pub next_cursor: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events about this subject (e.g. `2026-APR`).
    pub subject: Option<String>,
    /// Only events after this id (the `nextCursor` of the previous page).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Events per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// Reads the audit log, oldest first. For the funder (`tec-admin`) only.
#[utoipa::path(
    tag = super::tags::AUDIT,
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of events", body = AuditEventPage),
        (status = 400, description = "A query parameter is out of range", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only tec-admin may read the audit log", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let AuditQuery {
        subject,
        after,
        limit,
    } = query.into_inner();
    let limit = limit.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "limit {limit} is outside 1 to {MAX_PAGE_SIZE}"
        )));
    }
    let after = super::params::position("after", after)?;
    let request = dxp_persistence::paging::PageRequest::new(after, limit);
    let page = state
        .service
        .audit_page(&caller_of(&caller)?, subject, request)
        .await?;
    Ok(HttpResponse::Ok().json(AuditEventPage {
        results: page.items.into_iter().map(AuditEventView::from).collect(),
        next_cursor: page.next,
    }))
}
