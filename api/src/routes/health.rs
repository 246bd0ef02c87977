//! `GET /health`: is the service up and its database reachable?

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, AppState, Problem};

/// The service is up and its database answers.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    /// Always `ok` when the answer is 200.
    pub status: String,
}

/// Checks the service and its database. Needs no token, for load balancers and monitors.
#[utoipa::path(
    tag = super::tags::SYSTEM,
    responses(
        (status = 200, description = "The service and its database are up", body = Health),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/health")]
pub async fn get_health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.service.health().await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".to_owned(),
    }))
}
