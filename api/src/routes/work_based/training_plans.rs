//! W18-W20: training plans of New Zealand Apprenticeships, and their visits.

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use dxp_domain::work_based::training_plans::{
    NewTrainingPlan, TrainingPlan, TrainingPlanUpdate, Visit,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// A training plan with its visits, as the funder's W20 answers: the plan, and its visits
/// beside it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrainingPlanWithVisits {
    pub training_plan: TrainingPlanDetails,
    /// In date order.
    pub visits: Vec<Visit>,
}

/// A training plan's own fields.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrainingPlanDetails {
    pub training_plan_local_id: String,
    pub training_agreement_local_id: String,
    pub learner_local_id: String,
    pub training_plan_signed_date: NaiveDate,
    pub training_plan_end_date: Option<NaiveDate>,
}

impl From<TrainingPlan> for TrainingPlanWithVisits {
    fn from(plan: TrainingPlan) -> Self {
        TrainingPlanWithVisits {
            training_plan: TrainingPlanDetails {
                training_plan_local_id: plan.training_plan_local_id,
                training_agreement_local_id: plan.training_agreement_local_id,
                learner_local_id: plan.learner_local_id,
                training_plan_signed_date: plan.training_plan_signed_date,
                training_plan_end_date: plan.training_plan_end_date,
            },
            visits: plan.visits,
        }
    }
}

/// W18: a training plan; open enrolments of the agreement that started before its signed date
/// start on it instead.
#[utoipa::path(
    tag = tags::TRAINING_PLANS,
    params(EidHeader),
    request_body = NewTrainingPlan,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The plan", body = TrainingPlanWithVisits),
        WriteRefusals,
    )
)]
#[post("/training-plans")]
pub async fn create_training_plan(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let plan = state
        .service
        .create_training_plan(&caller.tms, body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(TrainingPlanWithVisits::from(plan)))
}

/// W19: a plan's signed date (and end date) corrected.
#[utoipa::path(
    tag = tags::TRAINING_PLANS,
    params(
        EidHeader,
        ("trainingPlanLocalId" = String, Path, description = "The TMS's id of the plan"),
    ),
    request_body = TrainingPlanUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan as it now is", body = TrainingPlanWithVisits),
        WriteRefusals,
    )
)]
#[put("/training-plans/{trainingPlanLocalId}")]
pub async fn update_training_plan(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let plan = state
        .service
        .update_training_plan(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(TrainingPlanWithVisits::from(plan)))
}

/// W20: a plan with its visits.
#[utoipa::path(
    tag = tags::TRAINING_PLANS,
    params(
        EidHeader,
        ("trainingPlanLocalId" = String, Path, description = "The TMS's id of the plan"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan and its visits", body = TrainingPlanWithVisits),
        ReadRefusals,
    )
)]
#[get("/training-plans/{trainingPlanLocalId}")]
pub async fn get_training_plan(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let plan = state
        .service
        .training_plan(&caller.tms, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(TrainingPlanWithVisits::from(plan)))
}

/// A visit to the apprentice under the plan: not before the plan was signed, not after today
/// or the plan's end, one per learner per day.
#[utoipa::path(
    tag = tags::TRAINING_PLANS,
    params(
        EidHeader,
        ("trainingPlanLocalId" = String, Path, description = "The TMS's id of the plan"),
    ),
    request_body = Visit,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The plan with the new visit", body = TrainingPlanWithVisits),
        WriteRefusals,
    )
)]
#[post("/training-plans/{trainingPlanLocalId}/visits")]
pub async fn create_training_plan_visit(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let plan = state
        .service
        .add_training_plan_visit(&caller.tms, &path.into_inner(), body(&sent)?)
        .await?;
    Ok(HttpResponse::Created().json(TrainingPlanWithVisits::from(plan)))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_training_plan)
        .service(update_training_plan)
        .service(get_training_plan)
        .service(create_training_plan_visit);
}
