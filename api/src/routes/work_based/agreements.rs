//! W6-W12: training agreements and their changes of state.

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, put, web};
use dxp_domain::work_based::agreements::{
    AgreementUpdate, Grace, Hold, NewTrainingAgreement, Restart, TrainingAgreement, Transfer,
    Withdrawal,
};

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// W6: a new training agreement between a learner, an employer and the TEO, `PENDING` until
/// the learner's training starts.
#[utoipa::path(
    tag = tags::AGREEMENTS,
    params(EidHeader),
    request_body = NewTrainingAgreement,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The agreement", body = TrainingAgreement),
        WriteRefusals,
    )
)]
#[post("/training-agreements")]
pub async fn create_training_agreement(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let agreement = state
        .service
        .create_training_agreement(&caller.tms, body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(agreement))
}

/// W7: an agreement transferred to a new one (a change of employer): the old one finishes and
/// its open enrolments go on under the new id.
#[utoipa::path(
    tag = tags::AGREEMENTS,
    params(
        EidHeader,
        ("trainingAgreementLocalId" = String, Path, description = "The agreement transferred from"),
    ),
    request_body = Transfer,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new agreement", body = TrainingAgreement),
        WriteRefusals,
    )
)]
#[post("/training-agreements/{trainingAgreementLocalId}/transfer")]
pub async fn transfer_training_agreement(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let agreement = state
        .service
        .transfer_training_agreement(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(agreement))
}

/// Declares one change of an agreement's state: its handler and document.
macro_rules! state_change {
    ($handler:ident, $path:literal, $body:ty, $use_case:ident, $what:literal) => {
        #[doc = $what]
        #[utoipa::path(
            tag = tags::AGREEMENTS,
            params(
                EidHeader,
                ("trainingAgreementLocalId" = String, Path, description = "The TMS's id of the agreement"),
            ),
            request_body = $body,
            security(("bearer" = [])),
            responses(
                (status = 200, description = "The agreement as it now is", body = TrainingAgreement),
                WriteRefusals,
            )
        )]
        #[post($path)]
        pub async fn $handler(
            caller: TmsCaller<CanWrite>,
            state: web::Data<AppState>,
            path: web::Path<String>,
            sent: Bytes,
        ) -> Result<HttpResponse, ApiError> {
            let request: $body = body(&sent)?;
            let agreement = state
                .service
                .$use_case(&caller.tms, &path.into_inner(), request)
                .await?;
            Ok(HttpResponse::Ok().json(agreement))
        }
    };
}

state_change!(
    withdraw_training_agreement,
    "/training-agreements/{trainingAgreementLocalId}/withdraw",
    Withdrawal,
    withdraw_training_agreement,
    "W8: an agreement withdrawn, with its open enrolments."
);
state_change!(
    hold_training_agreement,
    "/training-agreements/{trainingAgreementLocalId}/hold",
    Hold,
    hold_training_agreement,
    "W9: an agreement placed on hold, with its open enrolments."
);
state_change!(
    grace_training_agreement,
    "/training-agreements/{trainingAgreementLocalId}/grace",
    Grace,
    grace_training_agreement,
    "W10: an agreement placed in grace; after 42 days in grace DXP withdraws it (reason GE)."
);
state_change!(
    restart_training_agreement,
    "/training-agreements/{trainingAgreementLocalId}/restart",
    Restart,
    restart_training_agreement,
    "W11: an agreement restarted after a hold or grace."
);

/// W12: a training agreement.
#[utoipa::path(
    tag = tags::AGREEMENTS,
    params(
        EidHeader,
        ("trainingAgreementLocalId" = String, Path, description = "The TMS's id of the agreement"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agreement", body = TrainingAgreement),
        ReadRefusals,
    )
)]
#[get("/training-agreements/{trainingAgreementLocalId}")]
pub async fn get_training_agreement(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let agreement = state
        .service
        .training_agreement(&caller.tms, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(agreement))
}

/// W12: the signed date or end date of an agreement corrected (nothing else can be).
#[utoipa::path(
    tag = tags::AGREEMENTS,
    params(
        EidHeader,
        ("trainingAgreementLocalId" = String, Path, description = "The TMS's id of the agreement"),
    ),
    request_body = AgreementUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agreement as it now is", body = TrainingAgreement),
        WriteRefusals,
    )
)]
#[put("/training-agreements/{trainingAgreementLocalId}")]
pub async fn update_training_agreement(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let agreement = state
        .service
        .update_training_agreement(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(agreement))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_training_agreement)
        .service(transfer_training_agreement)
        .service(withdraw_training_agreement)
        .service(hold_training_agreement)
        .service(grace_training_agreement)
        .service(restart_training_agreement)
        .service(get_training_agreement)
        .service(update_training_agreement);
}
