//! Collection rounds: the calendar (`GET /api/v1/rounds?year=`), the funder's management of
//! it (create, change, publish) and its lifts of the Stop Gate.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::{Edumis, ReturnType, Round, RoundChanges, RoundId, RoundKind, SdrFile, Window};
use dxp_persistence::stop_gate::GrantedLift;
use dxp_service::rounds::LiftRequest;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use super::params::{valid, valid_or};
use crate::auth::{AdminOnly, Authorized, CanRead};
use crate::state::caller_of;
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
    #[schema(example = "2026-APR")]
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
    let year = super::params::year_in_range("year", query.year)?;
    let rounds = state.service.rounds(year).await?;
    Ok(HttpResponse::Ok().json(RoundList {
        results: rounds.into_iter().map(RoundView::from).collect(),
    }))
}

/// A span of time given by the funder.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[validate(schema(function = "opens_before_it_closes"))]
pub struct WindowInput {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

fn opens_before_it_closes(window: &WindowInput) -> Result<(), ValidationError> {
    if window.opens_at < window.closes_at {
        return Ok(());
    }
    Err(ValidationError::new("window").with_message(
        format!(
            "opensAt {} is not before closesAt {}",
            window.opens_at.to_rfc3339(),
            window.closes_at.to_rfc3339()
        )
        .into(),
    ))
}

impl From<WindowInput> for Window {
    fn from(input: WindowInput) -> Self {
        Window {
            opens_at: input.opens_at,
            closes_at: input.closes_at,
        }
    }
}

/// A round the funder defines. Absent dates are the standard calendar's.
#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "id": "2027-APR",
    "dueAt": "2027-04-30T05:00:00Z",
    "resubmissionWindow": {"opensAt": "2027-06-01T12:00:00Z", "closesAt": "2027-06-14T05:00:00Z"}
}))]
pub struct NewRound {
    #[schema(example = "2027-APR")]
    pub id: String,
    pub extract_date: Option<NaiveDate>,
    pub opens_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    /// April rounds only.
    #[validate(nested)]
    pub resubmission_window: Option<WindowInput>,
}

/// The funder's changes to a round; absent fields stay as they are, and a `null`
/// `resubmissionWindow` removes the window.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "dueAt": "2026-05-01T05:00:00Z",
    "resubmissionWindow": {"opensAt": "2026-06-01T12:00:00Z", "closesAt": "2026-06-12T05:00:00Z"}
}))]
pub struct RoundUpdate {
    pub extract_date: Option<NaiveDate>,
    pub opens_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<WindowInput>)]
    #[validate(nested)]
    pub resubmission_window: Option<Option<WindowInput>>,
}

/// Tells a field given as `null` (`Some(None)`) from an absent one (`None`).
fn present_or_null<'de, D>(deserializer: D) -> Result<Option<Option<WindowInput>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Option::<WindowInput>::deserialize(deserializer).map(Some)
}

fn round_id(text: &str) -> Result<RoundId, ApiError> {
    text.parse()
        .map_err(|error| ApiError::BadRequest(format!("round: {error}")))
}

/// Adds a round (funder only).
#[utoipa::path(
    tag = super::tags::ROUNDS,
    request_body = NewRound,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The round", body = RoundView),
        (status = 400, description = "The body is not a valid round", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only a tec-admin manages rounds", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The round exists already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The dates do not make a round", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds")]
pub async fn create_round(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    body: web::Json<NewRound>,
) -> Result<HttpResponse, ApiError> {
    // A window that closes before it opens does not make a round: 422, as the round's other
    // dates are.
    let body = valid_or(body.into_inner(), ApiError::Unprocessable)?;
    let id = round_id(&body.id)?;
    let changes = RoundChanges {
        extract_date: body.extract_date,
        opens_at: body.opens_at,
        due_at: body.due_at,
        resubmission_window: body.resubmission_window.map(|w| Some(w.into())),
    };
    let created = state
        .service
        .create_round(&caller_of(&caller)?, id, changes)
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/rounds/{}", created.id)))
        .json(RoundView::from(created)))
}

/// Changes a round's dates or resubmission window (funder only). A published round takes no
/// change (rule RD-001).
#[utoipa::path(
    tag = super::tags::ROUNDS,
    params(("id" = String, Path, description = "The round, e.g. 2026-APR")),
    request_body = RoundUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round as changed", body = RoundView),
        (status = 400, description = "The body is not a valid change", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only a tec-admin manages rounds", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such round, the dates do not make a round, or it is published", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/rounds/{id}")]
pub async fn update_round(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<RoundUpdate>,
) -> Result<HttpResponse, ApiError> {
    let id = round_id(&path.into_inner())?;
    let body = valid_or(body.into_inner(), ApiError::Unprocessable)?;
    let changes = RoundChanges {
        extract_date: body.extract_date,
        opens_at: body.opens_at,
        due_at: body.due_at,
        resubmission_window: body.resubmission_window.map(|w| w.map(Window::from)),
    };
    let round = state
        .service
        .change_round(&caller_of(&caller)?, id, changes)
        .await?;
    Ok(HttpResponse::Ok().json(RoundView::from(round)))
}

/// Marks a round published (funder only): its data can no longer change, and every write to it
/// is refused (rule RD-001).
#[utoipa::path(
    tag = super::tags::ROUNDS,
    params(("id" = String, Path, description = "The round, e.g. 2026-APR")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round, published", body = RoundView),
        (status = 400, description = "The id is not a round id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only a tec-admin manages rounds", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such round, or it is published already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds/{id}/publish")]
pub async fn publish_round(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = round_id(&path.into_inner())?;
    let round = state
        .service
        .publish_round(&caller_of(&caller)?, id)
        .await?;
    Ok(HttpResponse::Ok().json(RoundView::from(round)))
}

/// The funder's lift of the Stop Gate for one organisation.
#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({
    "organisation": 6004,
    "dueAt": "2026-05-08T05:00:00Z",
    "reason": "Stop Gate request approved: SMS outage on the due date"
}))]
pub struct NewStopGateLift {
    /// The organisation's EDUMIS number.
    #[schema(minimum = 1, maximum = 9999, example = 6004)]
    #[serde(deserialize_with = "super::params::integer")]
    #[validate(range(min = 1, max = 9999))]
    pub organisation: i64,
    /// The new due date: the organisation may lodge once until then.
    pub due_at: DateTime<Utc>,
    /// Why the funder approved it; kept in the audit log.
    #[schema(min_length = 1, max_length = 500)]
    #[validate(length(min = 1, max = 500), custom(function = "not_blank"))]
    pub reason: String,
}

fn not_blank(text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        return Err(ValidationError::new("blank")
            .with_message("say why the lift is granted; blanks alone say nothing".into()));
    }
    Ok(())
}

/// A lift of the Stop Gate.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StopGateLiftView {
    pub id: String,
    #[schema(example = "2026-APR")]
    pub round: String,
    #[schema(example = 6004)]
    pub organisation: i32,
    pub due_at: DateTime<Utc>,
    pub reason: String,
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
    /// The submission lodged under the lift, once one was: a lift allows one lodging.
    pub used_by_submission: Option<String>,
    pub used_at: Option<DateTime<Utc>>,
}

impl From<GrantedLift> for StopGateLiftView {
    fn from(granted: GrantedLift) -> Self {
        Self {
            id: granted.lift.id,
            round: granted.round.to_string(),
            organisation: granted.lift.organisation.value(),
            due_at: granted.lift.due_at,
            reason: granted.lift.reason,
            granted_by: granted.granted_by,
            granted_at: granted.granted_at,
            used_by_submission: granted.lift.used_by,
            used_at: granted.used_at,
        }
    }
}

/// The lifts of a round.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StopGateLiftList {
    pub results: Vec<StopGateLiftView>,
}

/// Lifts the Stop Gate for one organisation (funder only), once its latest submission for the
/// round is Processed with zero errors (rule RD-007). It may then lodge once, until `dueAt`; the
/// lodging is marked late.
#[utoipa::path(
    tag = super::tags::ROUNDS,
    params(("id" = String, Path, description = "The round, e.g. 2026-APR")),
    request_body = NewStopGateLift,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The lift", body = StopGateLiftView),
        (status = 400, description = "The body is not a valid lift", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only a tec-admin lifts the Stop Gate", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such round, or a rule refuses the lift (RD-001, RD-007, RD-008)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds/{id}/stop-gate-lifts")]
pub async fn create_stop_gate_lift(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<NewStopGateLift>,
) -> Result<HttpResponse, ApiError> {
    let round = round_id(&path.into_inner())?;
    let body = valid(body.into_inner())?;
    let organisation = Edumis::new(body.organisation)
        .map_err(|error| ApiError::BadRequest(format!("organisation: {error}")))?;
    let lift = LiftRequest {
        round,
        organisation,
        due_at: body.due_at,
        reason: body.reason.trim().to_owned(),
    };
    let granted = state
        .service
        .lift_stop_gate(&caller_of(&caller)?, lift)
        .await?;
    Ok(HttpResponse::Created().json(StopGateLiftView::from(granted)))
}

/// Lists a round's Stop Gate lifts, newest first: a TEO sees its own, the funder everyone's.
#[utoipa::path(
    tag = super::tags::ROUNDS,
    params(("id" = String, Path, description = "The round, e.g. 2026-APR")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The lifts", body = StopGateLiftList),
        (status = 400, description = "The id is not a round id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rounds/{id}/stop-gate-lifts")]
pub async fn list_stop_gate_lifts(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let round = round_id(&path.into_inner())?;
    let lifts = state
        .service
        .stop_gate_lifts(&caller_of(&caller)?, round)
        .await?;
    Ok(HttpResponse::Ok().json(StopGateLiftList {
        results: lifts.into_iter().map(StopGateLiftView::from).collect(),
    }))
}
