//! W13-W17: programme enrolments, simple and complex.

use actix_web::web::Bytes;
use actix_web::{HttpResponse, delete, get, post, put, web};
use dxp_domain::work_based::enrolments::{
    Enrolment, EnrolmentDeletion, EnrolmentUpdate, EnrolmentWithdrawal, NewComplexEnrolment,
    NewEnrolment,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// W13: a programme enrolment on a training agreement (fund 37).
#[utoipa::path(
    tag = tags::ENROLMENTS,
    params(EidHeader),
    request_body = NewEnrolment,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The enrolment; its status follows its agreement", body = Enrolment),
        WriteRefusals,
    )
)]
#[post("/enrolments")]
pub async fn create_enrolment(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let enrolment = state
        .service
        .create_enrolment(&caller.tms, body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(enrolment))
}

/// The enrolments a complex enrolment made.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplexEnrolment {
    pub over_arching_enrolment: Enrolment,
    pub sub_enrolments: Vec<Enrolment>,
}

/// W14: an over-arching enrolment with its sub-enrolments on one agreement.
#[utoipa::path(
    tag = tags::ENROLMENTS,
    params(EidHeader),
    request_body = NewComplexEnrolment,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The over-arching enrolment and its sub-enrolments", body = ComplexEnrolment),
        WriteRefusals,
    )
)]
#[post("/complex-enrolments")]
pub async fn create_complex_enrolment(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let mut made = state
        .service
        .create_complex_enrolment(&caller.tms, body(&sent)?)
        .await?
        .into_iter();
    let over_arching_enrolment = made.next().ok_or_else(|| {
        ApiError::Internal("a complex enrolment made no over-arching enrolment".to_owned())
    })?;
    Ok(HttpResponse::Created().json(ComplexEnrolment {
        over_arching_enrolment,
        sub_enrolments: made.collect(),
    }))
}

/// W15: an enrolment.
#[utoipa::path(
    tag = tags::ENROLMENTS,
    params(
        EidHeader,
        ("enrolmentLocalId" = String, Path, description = "The TMS's id of the enrolment"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The enrolment", body = Enrolment),
        ReadRefusals,
    )
)]
#[get("/enrolments/{enrolmentLocalId}")]
pub async fn get_enrolment(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let enrolment = state
        .service
        .enrolment(&caller.tms, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(enrolment))
}

/// W16: the enrolment date or the non-mandatory unit standards of an open enrolment; anything
/// else needs a withdrawal and a new enrolment.
#[utoipa::path(
    tag = tags::ENROLMENTS,
    params(
        EidHeader,
        ("enrolmentLocalId" = String, Path, description = "The TMS's id of the enrolment"),
    ),
    request_body = EnrolmentUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The enrolment as it now is", body = Enrolment),
        WriteRefusals,
    )
)]
#[put("/enrolments/{enrolmentLocalId}")]
pub async fn update_enrolment(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let enrolment = state
        .service
        .update_enrolment(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(enrolment))
}

/// W16: an open enrolment withdrawn on its own.
#[utoipa::path(
    tag = tags::ENROLMENTS,
    params(
        EidHeader,
        ("enrolmentLocalId" = String, Path, description = "The TMS's id of the enrolment"),
    ),
    request_body = EnrolmentWithdrawal,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The enrolment, withdrawn", body = Enrolment),
        WriteRefusals,
    )
)]
#[post("/enrolments/{enrolmentLocalId}/withdraw")]
pub async fn withdraw_enrolment(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let enrolment = state
        .service
        .withdraw_enrolment(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(enrolment))
}

/// W17: an enrolment deleted with a reason; its id may then be used again.
#[utoipa::path(
    tag = tags::ENROLMENTS,
    params(
        EidHeader,
        ("enrolmentLocalId" = String, Path, description = "The TMS's id of the enrolment"),
    ),
    request_body = EnrolmentDeletion,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The enrolment, deleted", body = Enrolment),
        WriteRefusals,
    )
)]
#[delete("/enrolments/{enrolmentLocalId}")]
pub async fn delete_enrolment(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let enrolment = state
        .service
        .delete_enrolment(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(enrolment))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_enrolment)
        .service(create_complex_enrolment)
        .service(get_enrolment)
        .service(update_enrolment)
        .service(withdraw_enrolment)
        .service(delete_enrolment);
}
