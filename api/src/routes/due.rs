//! What is due: `GET /api/v1/due`, for the dashboard.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::due::{DueItem, DueState};
use dxp_domain::submission::SubmissionStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Authorized, CanRead};
use crate::{ApiError, AppState, Problem};

/// The organisation's lodged return for a round.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LodgedView {
    pub submission: String,
    pub submitted_at: DateTime<Utc>,
    pub late: bool,
}

/// The newest return being assembled.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InProgressView {
    pub submission: String,
    pub status: SubmissionStatus,
    pub error_count: i64,
}

/// One round that needs the organisation's attention.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DueItemView {
    #[schema(example = "2026-APR")]
    pub round: String,
    pub state: DueState,
    pub opens_at: DateTime<Utc>,
    /// The due date that applies: a Stop Gate lift's, when the organisation has one.
    pub due_at: DateTime<Utc>,
    pub lodged: Option<LodgedView>,
    pub in_progress: Option<InProgressView>,
    /// What is still to do, in order.
    pub missing: Vec<String>,
}

impl From<DueItem> for DueItemView {
    fn from(item: DueItem) -> Self {
        Self {
            round: item.round.to_string(),
            state: item.state,
            opens_at: item.opens_at,
            due_at: item.due_at,
            lodged: item.lodged.map(|l| LodgedView {
                submission: l.submission,
                submitted_at: l.submitted_at,
                late: l.late,
            }),
            in_progress: item.in_progress.map(|p| InProgressView {
                submission: p.submission,
                status: p.status,
                error_count: p.error_count,
            }),
            missing: item.missing.iter().map(ToString::to_string).collect(),
        }
    }
}

/// What is due for one organisation, most urgent first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DueList {
    #[schema(example = 6004)]
    pub organisation: i32,
    /// The time the list was made for.
    pub as_at: DateTime<Utc>,
    pub results: Vec<DueItemView>,
    /// The dates of the next 30 days by which the organisation's work-based data must be
    /// current in DXP (31 January, 31 March, 30 June, 31 August); empty for an organisation
    /// that sends none.
    pub work_based_cut_offs: Vec<WorkBasedCutOffView>,
    /// The funder's documents the organisation is to act on and has not marked actioned,
    /// the earliest due first (commercial ones only for those who see them).
    pub documents_to_action: Vec<DueDocumentView>,
    /// The organisation's commitments (MoPs and EPICs) not yet accepted, with their state,
    /// the earliest due first.
    pub commitments: Vec<DueCommitmentView>,
}

/// A commitment not yet accepted.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DueCommitmentView {
    pub id: String,
    pub template: dxp_domain::commitments::Template,
    pub title: String,
    pub plan_year: i32,
    pub due_on: NaiveDate,
    /// `Provisioned`, `Draft` or `Returned` (the organisation's to act on) or `Submitted`
    /// (with the funder).
    pub state: dxp_domain::commitments::CommitmentState,
    /// Its due day has passed and the organisation still has it.
    pub overdue: bool,
    pub href: String,
}

/// A document to act on.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DueDocumentView {
    pub id: String,
    pub title: String,
    pub document_type: dxp_domain::documents::DocumentType,
    /// The day it is due, in New Zealand.
    pub due_on: NaiveDate,
    /// Its due day has passed.
    pub overdue: bool,
    /// The document, to act on it.
    pub href: String,
}

/// A date by which work-based data must be current.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"date": "2026-03-31", "covers": "the previous and current year's work-based training"}))]
pub struct WorkBasedCutOffView {
    /// The last day, in New Zealand.
    pub date: NaiveDate,
    /// What must be current by then.
    pub covers: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// The organisation (a `tec-admin` must name one; a TEO's token decides its own).
    #[param(minimum = 1, maximum = 9999, example = 6004)]
    pub organisation: Option<i64>,
}

/// Lists the rounds open now (or within 30 days, or lifted for the organisation), their due
/// dates, what it has lodged and what is still missing, most urgent first.
#[utoipa::path(
    tag = super::tags::ROUNDS,
    params(DueQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What is due", body = DueList),
        (status = 400, description = "The organisation is missing or invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token names another organisation, or its role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/due")]
pub async fn list_due(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<DueQuery>,
) -> Result<HttpResponse, ApiError> {
    let organisation = caller.organisation_for(query.organisation)?;
    let due = state.service.due(organisation).await?;
    let today = dxp_domain::calendar::nz_date(due.as_at);
    let asker = super::users::any_asker(&caller);
    let mut documents_to_action: Vec<DueDocumentView> = state
        .service
        .documents(
            &asker,
            organisation,
            dxp_persistence::documents::DocumentFilter {
                to_action_only: true,
                ..Default::default()
            },
        )
        .await?
        .into_iter()
        .filter_map(|document| {
            let due_on = document.details.due_on?;
            Some(DueDocumentView {
                href: format!("/api/v1/documents/{}", document.id),
                id: document.id,
                title: document.details.title,
                document_type: document.details.document_type,
                due_on,
                overdue: due_on < today,
            })
        })
        .collect();
    documents_to_action.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.id.cmp(&b.id)));
    let commitments = state
        .service
        .commitments(&asker, Some(organisation))
        .await?
        .into_iter()
        .filter(|commitment| commitment.state != dxp_domain::commitments::CommitmentState::Accepted)
        .map(|commitment| DueCommitmentView {
            href: format!("/api/v1/commitments/{}", commitment.id),
            title: commitment.template.title().to_owned(),
            overdue: commitment.due_on < today && commitment.state.awaits_organisation(),
            id: commitment.id,
            template: commitment.template,
            plan_year: commitment.plan_year,
            due_on: commitment.due_on,
            state: commitment.state,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DueList {
        organisation: due.organisation.value(),
        as_at: due.as_at,
        results: due.items.into_iter().map(DueItemView::from).collect(),
        work_based_cut_offs: due
            .work_based_cut_offs
            .into_iter()
            .map(|cut_off| WorkBasedCutOffView {
                date: cut_off.date,
                covers: cut_off.covers.to_owned(),
            })
            .collect(),
        documents_to_action,
        commitments,
    }))
}
