//! The change feed: what changed on DXP's side, oldest first, for a TMS to keep in step.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use dxp_persistence::work_based::Change;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{EidHeader, ReadRefusals, TmsCaller, tags};
use crate::auth::CanRead;
use crate::{ApiError, AppState};

/// One change of a resource.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "position": 42,
    "resourceType": "training-agreement",
    "localId": "TA-1001",
    "change": "status-changed",
    "fromStatus": "GRACE",
    "toStatus": "FINISHED",
    "resource": {"trainingAgreementLocalId": "TA-1001", "status": "FINISHED", "statusReasonCode": "GE"},
    "changedBy": "system",
    "reason": "GE",
    "changedAt": "2026-04-12T17:00:00Z"
}))]
pub struct ChangeView {
    /// Increasing; pass the last one seen as `after` to read on.
    pub position: i64,
    /// `learner`, `programme-version`, `training-agreement`, `enrolment`, `training-plan`,
    /// `off-job-delivery` or `learner-fee`.
    pub resource_type: String,
    /// The resource's id (for a programme version, the programme's; for a fee, the learner's).
    pub local_id: String,
    /// The programme version number, or the fee year; absent for other resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<i32>,
    /// `created`, `updated`, `status-changed` or `deleted`.
    pub change: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    /// The resource as it became, as its GET returns it.
    #[schema(value_type = Object)]
    pub resource: serde_json::Value,
    /// The token's subject, or `system` for DXP's own changes.
    pub changed_by: String,
    /// The reason code or words of the change, when it has one.
    pub reason: Option<String>,
    pub changed_at: DateTime<Utc>,
}

impl TryFrom<Change> for ChangeView {
    type Error = ApiError;
    fn try_from(change: Change) -> Result<Self, ApiError> {
        Ok(ChangeView {
            position: change.position,
            resource_type: change.kind.as_str().to_owned(),
            ordinal: (change.ordinal != 0).then_some(change.ordinal),
            local_id: change.local_id,
            change: change.change.as_str().to_owned(),
            from_status: change.from_status,
            to_status: change.to_status,
            resource: serde_json::from_str(&change.body).map_err(|error| {
                ApiError::Internal(format!("a stored change cannot be read: {error}"))
            })?,
            changed_by: change.actor,
            reason: change.reason,
            changed_at: change.occurred_at,
        })
    }
}

/// A page of changes.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangePage {
    pub results: Vec<ChangeView>,
    /// The position to read on from: pass it as `after` next time, whether or not more changes
    /// are waiting (null only while the organisation has no change at all).
    pub next_cursor: Option<i64>,
    /// True when more changes are waiting after this page.
    pub has_more: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeQuery {
    /// The position of the last change seen; none for the first.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Changes per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// Every create, update, status change and delete of the organisation's work-based resources,
/// oldest first, including DXP's own (a grace expiry).
#[utoipa::path(
    tag = tags::CHANGES,
    params(EidHeader, ChangeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of changes", body = ChangePage),
        ReadRefusals,
    )
)]
#[get("/changes")]
pub async fn list_changes(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<ChangeQuery>,
) -> Result<HttpResponse, ApiError> {
    let after = crate::routes::params::position("after", query.after)?;
    let limit = crate::routes::submissions::page_size(query.limit)?;
    let page = state
        .service
        .work_based_changes(&caller.tms, after, limit)
        .await?;
    let has_more = page.next.is_some();
    let next_cursor = page.items.last().map(|change| change.position).or(after);
    Ok(HttpResponse::Ok().json(ChangePage {
        next_cursor,
        has_more,
        results: page
            .items
            .into_iter()
            .map(ChangeView::try_from)
            .collect::<Result<_, _>>()?,
    }))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(list_changes);
}
