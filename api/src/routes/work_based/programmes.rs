//! W4-W5: programmes and their versions.

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, web};
use dxp_domain::work_based::programmes::{NewProgramme, ProgrammeVersion, ProgrammeVersionRecord};

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// W4: a new programme, kept as its version 1.
#[utoipa::path(
    tag = tags::PROGRAMMES,
    params(EidHeader),
    request_body = NewProgramme,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Version 1 of the programme", body = ProgrammeVersionRecord),
        WriteRefusals,
    )
)]
#[post("/programmes")]
pub async fn create_programme(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let record = state
        .service
        .create_programme(&caller.tms, body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(record))
}

/// W4: the next version of a programme, for a change of credits, nominal duration or target
/// qualification.
#[utoipa::path(
    tag = tags::PROGRAMMES,
    params(
        EidHeader,
        ("programmeLocalId" = String, Path, description = "The TMS's id of the programme"),
    ),
    request_body = ProgrammeVersion,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new version, numbered after the latest", body = ProgrammeVersionRecord),
        WriteRefusals,
    )
)]
#[post("/programmes/{programmeLocalId}/versions")]
pub async fn create_programme_version(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let record = state
        .service
        .create_programme_version(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(record))
}

/// W5: one version of a programme.
#[utoipa::path(
    tag = tags::PROGRAMMES,
    params(
        EidHeader,
        ("programmeLocalId" = String, Path, description = "The TMS's id of the programme"),
        ("programmeVersionNumber" = i32, Path, description = "The version, from 1"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The programme version", body = ProgrammeVersionRecord),
        ReadRefusals,
    )
)]
#[get("/programmes/{programmeLocalId}/versions/{programmeVersionNumber}")]
pub async fn get_programme_version(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (id, version) = path.into_inner();
    let record = state
        .service
        .programme_version(&caller.tms, &id, version)
        .await?;
    Ok(HttpResponse::Ok().json(record))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_programme)
        .service(create_programme_version)
        .service(get_programme_version);
}
