//! W1-W3: learners.

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, put, web};
use dxp_domain::work_based::learners::{Learner, LearnerUpdate};

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// W1: a new learner, with the identity (NSN, date of birth, Name ID code) no update changes.
#[utoipa::path(
    tag = tags::LEARNERS,
    params(EidHeader),
    request_body = Learner,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The learner", body = Learner),
        WriteRefusals,
    )
)]
#[post("/learners")]
pub async fn create_learner(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let learner = state
        .service
        .create_learner(&caller.tms, body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(learner))
}

/// W2: a learner's IRD number, demographics and education history, replaced whole.
#[utoipa::path(
    tag = tags::LEARNERS,
    params(
        EidHeader,
        ("learnerLocalId" = String, Path, description = "The TMS's id of the learner"),
    ),
    request_body = LearnerUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The learner as it now is", body = Learner),
        WriteRefusals,
    )
)]
#[put("/learners/{learnerLocalId}")]
pub async fn update_learner(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let learner = state
        .service
        .update_learner(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(learner))
}

/// W3: a learner.
#[utoipa::path(
    tag = tags::LEARNERS,
    params(
        EidHeader,
        ("learnerLocalId" = String, Path, description = "The TMS's id of the learner"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The learner", body = Learner),
        ReadRefusals,
    )
)]
#[get("/learners/{learnerLocalId}")]
pub async fn get_learner(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let learner = state
        .service
        .learner(&caller.tms, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(learner))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_learner)
        .service(update_learner)
        .service(get_learner);
}
