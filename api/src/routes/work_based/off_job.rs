//! W21-W22: off-job deliveries.

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, web};
use dxp_domain::work_based::off_job::{NewOffJobDelivery, OffJobDelivery};

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// W21: training delivered off the job for a programme enrolment (a block course).
#[utoipa::path(
    tag = tags::OFF_JOB,
    params(EidHeader),
    request_body = NewOffJobDelivery,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The off-job delivery", body = OffJobDelivery),
        WriteRefusals,
    )
)]
#[post("/off-job-deliveries")]
pub async fn create_off_job_delivery(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let delivery = state
        .service
        .create_off_job_delivery(&caller.tms, body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(delivery))
}

/// W22: an off-job delivery.
#[utoipa::path(
    tag = tags::OFF_JOB,
    params(
        EidHeader,
        ("offJobDeliveryLocalId" = String, Path, description = "The TMS's id of the delivery"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The off-job delivery", body = OffJobDelivery),
        ReadRefusals,
    )
)]
#[get("/off-job-deliveries/{offJobDeliveryLocalId}")]
pub async fn get_off_job_delivery(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let delivery = state
        .service
        .off_job_delivery(&caller.tms, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(delivery))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_off_job_delivery)
        .service(get_off_job_delivery);
}
