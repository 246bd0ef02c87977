//! The registers (`/api/v1/registers/…`) and the course change requests
//! (`/api/v1/course-change-requests`, `/api/v1/submissions/{id}/course-…`): the funder loads
//! the course register of an organisation, the national qualification register and an
//! organisation's delivery sites, as JSON or DXP CSV; each organisation reads and exports its
//! own; an organisation sends the differences of a submission's course register file as change
//! requests, which the funder approves or declines with a reason.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use dxp_domain::Edumis;
use dxp_domain::registers::{
    ChangeRequestStatus, CourseDetails, CourseDifference, CourseEntry, CourseField, Decision,
    DeliverySiteEntry, DifferenceKind, NzqaResultEntry, QualificationEntry,
};
use dxp_persistence::registers::{ChangeRequest, CourseChange};
use dxp_service::ingest::Format;
use dxp_service::registers::Load;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::submissions::wants_csv;
use crate::auth::{AdminOnly, Authorized, CanRead, CanWrite, Principal};
use crate::body_stream::format_of_request;
use crate::state::caller_of;
use crate::{ApiError, AppState, Problem};

/// Entries to load into a register.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseRegisterLoad {
    pub entries: Vec<CourseEntry>,
}

/// Qualifications to load into the national register.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationRegisterLoad {
    pub entries: Vec<QualificationEntry>,
}

/// Results NZQA reported, to load.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NzqaResultsLoad {
    pub entries: Vec<NzqaResultEntry>,
}

/// Delivery sites to load for an organisation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliverySiteLoad {
    pub entries: Vec<DeliverySiteEntry>,
}

/// What a load changed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoadResult {
    /// Entries written (for the course register: those that changed).
    pub written: usize,
}

/// An organisation's course register.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CourseRegister {
    pub results: Vec<CourseEntry>,
}

/// The qualification register.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QualificationRegister {
    pub results: Vec<QualificationEntry>,
}

/// An organisation's delivery sites.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeliverySites {
    pub results: Vec<DeliverySiteEntry>,
}

/// One change to a course of the register.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseChangeView {
    pub course_code: String,
    /// The first year of the entry changed.
    pub valid_from: i32,
    /// The fields changed; empty when the entry was created.
    pub changed_fields: Vec<CourseField>,
    pub before: Option<CourseDetails>,
    pub after: CourseDetails,
    /// The change request approved; empty: loaded by the funder.
    pub change_request_id: Option<String>,
    pub changed_by: String,
    pub changed_at: DateTime<Utc>,
}

impl From<CourseChange> for CourseChangeView {
    fn from(change: CourseChange) -> Self {
        Self {
            course_code: change.course_code,
            valid_from: change.valid_from,
            changed_fields: change.changed_fields,
            before: change.before,
            after: change.after,
            change_request_id: change.change_request_id,
            changed_by: change.changed_by,
            changed_at: change.changed_at,
        }
    }
}

/// A course of the register: its entries by year and every change to them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CourseHistory {
    pub entries: Vec<CourseEntry>,
    pub history: Vec<CourseChangeView>,
}

/// How a submission's course register file differs from the organisation's course register.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CourseDifferences {
    pub results: Vec<CourseDifference>,
}

/// A course change request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRequestView {
    pub id: String,
    #[schema(example = 6004)]
    pub organisation: i32,
    /// The submission whose course register file it came from.
    pub submission_id: String,
    pub course_code: String,
    /// The year from which the change holds once approved.
    pub year: i32,
    pub kind: DifferenceKind,
    pub changed_fields: Vec<CourseField>,
    pub current: Option<CourseDetails>,
    pub proposed: CourseDetails,
    pub status: ChangeRequestStatus,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why the funder declined it.
    pub reason: Option<String>,
}

impl From<ChangeRequest> for ChangeRequestView {
    fn from(request: ChangeRequest) -> Self {
        Self {
            id: request.id,
            organisation: request.organisation.value(),
            submission_id: request.submission_id,
            course_code: request.course_code,
            year: request.year,
            kind: request.kind,
            changed_fields: request.changed_fields,
            current: request.current,
            proposed: request.proposed,
            status: request.status,
            submitted_by: request.submitted_by,
            submitted_at: request.submitted_at,
            decided_by: request.decided_by,
            decided_at: request.decided_at,
            reason: request.reason,
        }
    }
}

/// Change requests.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChangeRequestList {
    pub results: Vec<ChangeRequestView>,
}

/// Why the funder declines a change request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    /// What the organisation reads: why the change is declined.
    #[schema(example = "The fee rise exceeds the annual maximum fee movement")]
    pub reason: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterQuery {
    /// The organisation (EDUMIS number), for a `tec-admin`; a TEO reads its own.
    #[param(minimum = 1, maximum = 9999)]
    pub organisation: Option<i64>,
    /// Only the entries valid in this year.
    #[param(minimum = 2000, maximum = 2100, example = 2026)]
    pub year: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeRequestQuery {
    /// Only this organisation's (the funder's queue); a TEO sees its own.
    #[param(minimum = 1, maximum = 9999)]
    pub organisation: Option<i64>,
    /// Only requests in this state: `Pending`, `Approved` or `Declined`.
    pub status: Option<String>,
}

/// The entries of a load: JSON `{entries}` or a DXP CSV file.
fn load_of<T, B: serde::de::DeserializeOwned>(
    req: &HttpRequest,
    body: &[u8],
    entries: fn(B) -> Vec<T>,
) -> Result<Load<T>, ApiError> {
    match format_of_request(req)? {
        Format::Csv => Ok(Load::Csv(String::from_utf8(body.to_vec()).map_err(
            |_| ApiError::BadRequest("the CSV file is not UTF-8 text".to_owned()),
        )?)),
        _ => serde_json::from_slice::<B>(body)
            .map(|load| Load::Entries(entries(load)))
            .map_err(|error| ApiError::BadRequest(format!("body: {error}"))),
    }
}

fn named_organisation(caller: &Principal, named: Option<i64>) -> Result<Edumis, ApiError> {
    caller.organisation_for(named)
}

/// The organisation's course register (the entries valid in `year`, if given); with
/// `Accept: text/csv`, as a DXP CSV file the funder's load reads back unchanged.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(RegisterQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The register", content((CourseRegister = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token names another organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/registers/courses")]
pub async fn list_course_register(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    let organisation = named_organisation(&caller, query.organisation)?;
    let year = super::params::year_in_range("year", query.year)?;
    let asker = caller_of(&caller)?;
    if wants_csv(&req) {
        let text = state
            .service
            .course_register_csv(&asker, organisation, year)
            .await?;
        return Ok(super::csv_download(
            &format!("REGISTER{organisation}.CSV"),
            text,
        ));
    }
    let results = state
        .service
        .course_register(&asker, organisation, year)
        .await?;
    Ok(HttpResponse::Ok().json(CourseRegister { results }))
}

/// Loads entries of an organisation's course register (the funder): JSON `{entries}` or a DXP
/// CSV file (`Content-Type: text/csv`, a header row of titles). Each entry is written over the
/// one of the same course and first year, or added, and kept in the course's history. All or
/// nothing.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(RegisterQuery),
    request_body(content((CourseRegisterLoad = "application/json"), (String = "text/csv"))),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Loaded", body = LoadResult),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the funder loads registers", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An entry breaks the register's rules", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/registers/courses")]
pub async fn load_course_register(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RegisterQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let organisation = named_organisation(&caller, query.organisation)?;
    let load = load_of(&req, &body, |load: CourseRegisterLoad| load.entries)?;
    let written = state
        .service
        .load_course_register(&caller_of(&caller)?, organisation, load)
        .await?;
    Ok(HttpResponse::Ok().json(LoadResult { written }))
}

/// A course of the organisation's register: its entries by year and the history of every
/// change (who, when, which fields, through which change request).
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(("courseCode" = String, Path, description = "The course code"), RegisterQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The course", body = CourseHistory),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token names another organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in the register", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/registers/courses/{courseCode}")]
pub async fn get_course_history(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    let year = super::params::year_in_range("year", query.year)?;
    let organisation = named_organisation(&caller, query.organisation)?;
    let (entries, history) = state
        .service
        .course_history(&caller_of(&caller)?, organisation, path.into_inner(), year)
        .await?;
    Ok(HttpResponse::Ok().json(CourseHistory {
        entries,
        history: history.into_iter().map(Into::into).collect(),
    }))
}

/// The national qualification register; with `Accept: text/csv`, as a DXP CSV file.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The register", content((QualificationRegister = "application/json"), (String = "text/csv"))),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/registers/qualifications")]
pub async fn list_qualification_register(
    _caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if wants_csv(&req) {
        let text = state.service.qualification_register_csv().await?;
        return Ok(super::csv_download("QUALIFICATIONS.CSV", text));
    }
    let results = state.service.qualification_register().await?;
    Ok(HttpResponse::Ok().json(QualificationRegister { results }))
}

/// Loads qualifications into the national register (the funder): JSON `{entries}` or DXP
/// CSV. Each is written over the one of the same code, or added. All or nothing.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    request_body(content((QualificationRegisterLoad = "application/json"), (String = "text/csv"))),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Loaded", body = LoadResult),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the funder loads registers", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An entry breaks the register's rules", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/registers/qualifications")]
pub async fn load_qualification_register(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let load = load_of(&req, &body, |load: QualificationRegisterLoad| load.entries)?;
    let written = state
        .service
        .load_qualification_register(&caller_of(&caller)?, load)
        .await?;
    Ok(HttpResponse::Ok().json(LoadResult { written }))
}

/// The funder loads results NZQA reported for learners: unit standards achieved with their
/// credits, and qualifications awarded. A result loaded again for the same learner and
/// standard replaces the one before. The work-based credit achievement and programme
/// completion rates count them. `written` is how many were new.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    request_body(content((NzqaResultsLoad = "application/json"), (String = "text/csv"))),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Loaded", body = LoadResult),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the funder loads NZQA results", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "More results than one load takes", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A result is wrong, given twice, or dated after today", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/registers/nzqa-results")]
pub async fn load_nzqa_results(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let load = load_of(&req, &body, |load: NzqaResultsLoad| load.entries)?;
    let written = state
        .service
        .load_nzqa_results(&caller_of(&caller)?, load)
        .await?;
    Ok(HttpResponse::Ok().json(LoadResult { written }))
}

/// The organisation's delivery sites; with `Accept: text/csv`, as a DXP CSV file.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(RegisterQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sites", content((DeliverySites = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token names another organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/registers/delivery-sites")]
pub async fn list_delivery_sites(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    let year = super::params::year_in_range("year", query.year)?;
    let organisation = named_organisation(&caller, query.organisation)?;
    let asker = caller_of(&caller)?;
    if wants_csv(&req) {
        let text = state
            .service
            .delivery_sites_csv(&asker, organisation, year)
            .await?;
        return Ok(super::csv_download(
            &format!("SITES{organisation}.CSV"),
            text,
        ));
    }
    let results = state
        .service
        .delivery_sites(&asker, organisation, year)
        .await?;
    Ok(HttpResponse::Ok().json(DeliverySites { results }))
}

/// Loads an organisation's delivery sites (the funder): JSON `{entries}` or DXP CSV. Each is
/// written over the site of the same code, or added. All or nothing.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(RegisterQuery),
    request_body(content((DeliverySiteLoad = "application/json"), (String = "text/csv"))),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Loaded", body = LoadResult),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the funder loads registers", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor CSV", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An entry breaks the register's rules", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/registers/delivery-sites")]
pub async fn load_delivery_sites(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<RegisterQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let organisation = named_organisation(&caller, query.organisation)?;
    let load = load_of(&req, &body, |load: DeliverySiteLoad| load.entries)?;
    let written = state
        .service
        .load_delivery_sites(&caller_of(&caller)?, organisation, load)
        .await?;
    Ok(HttpResponse::Ok().json(LoadResult { written }))
}

/// How the submission's course register file differs from the organisation's course register
/// for the round's year: new courses and changed fields (nothing while the funder has loaded
/// no register for the year).
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(("id" = String, Path, description = "The submission")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The differences", body = CourseDifferences),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/submissions/{id}/course-differences")]
pub async fn list_course_differences(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let results = state
        .service
        .course_differences(&caller_of(&caller)?, path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(CourseDifferences { results }))
}

/// Sends the submission's course differences to the funder as change requests, one per
/// course; a course with a request pending keeps that one. While any is pending the SDR
/// return and further standalone course registers are held (RD-011).
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(("id" = String, Path, description = "The submission")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The requests created", body = ChangeRequestList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not change returns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submission", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nothing differs from the register", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/submissions/{id}/course-change-requests")]
pub async fn submit_course_change_requests(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let created = state
        .service
        .submit_change_requests(&caller_of(&caller)?, path.into_inner())
        .await?;
    Ok(HttpResponse::Created().json(ChangeRequestList {
        results: created.into_iter().map(Into::into).collect(),
    }))
}

/// Course change requests, newest first: a TEO's own; the funder's queue (of one
/// organisation, if named). `status=Pending` gives what waits for a decision.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(ChangeRequestQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The requests", body = ChangeRequestList),
        (status = 400, description = "A filter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token names another organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/course-change-requests")]
pub async fn list_course_change_requests(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<ChangeRequestQuery>,
) -> Result<HttpResponse, ApiError> {
    let organisation = match query.organisation {
        Some(_) => Some(caller.organisation_for(query.organisation)?),
        None => None,
    };
    let status = query
        .status
        .as_deref()
        .map(str::parse::<ChangeRequestStatus>)
        .transpose()
        .map_err(|error| ApiError::BadRequest(format!("status: {error}")))?;
    let found = state
        .service
        .change_requests(&caller_of(&caller)?, organisation, status)
        .await?;
    Ok(HttpResponse::Ok().json(ChangeRequestList {
        results: found.into_iter().map(Into::into).collect(),
    }))
}

/// One course change request.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(("id" = String, Path, description = "The change request")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request", body = ChangeRequestView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/course-change-requests/{id}")]
pub async fn get_course_change_request(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let request = state
        .service
        .change_request(&caller_of(&caller)?, path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(ChangeRequestView::from(request)))
}

/// Approves a pending change request (the funder): the course register takes the proposed
/// values from the request's year, and the course's history records it.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(("id" = String, Path, description = "The change request")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Approved", body = ChangeRequestView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the funder decides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request is already decided", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/course-change-requests/{id}/approve")]
pub async fn approve_course_change_request(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let request = state
        .service
        .decide_change_request(&caller_of(&caller)?, path.into_inner(), Decision::Approve)
        .await?;
    Ok(HttpResponse::Ok().json(ChangeRequestView::from(request)))
}

/// Declines a pending change request with a reason the organisation reads (the funder); the
/// register does not change.
#[utoipa::path(
    tag = super::tags::REGISTERS,
    params(("id" = String, Path, description = "The change request")),
    request_body = DeclineRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Declined", body = ChangeRequestView),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the funder decides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or the request is already decided", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/course-change-requests/{id}/decline")]
pub async fn decline_course_change_request(
    caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<DeclineRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = state
        .service
        .decide_change_request(
            &caller_of(&caller)?,
            path.into_inner(),
            Decision::Decline(body.into_inner().reason),
        )
        .await?;
    Ok(HttpResponse::Ok().json(ChangeRequestView::from(request)))
}
