//! W23: learner fees, one amount per learner per calendar year, as JSON or a CSV file.

use std::collections::BTreeMap;

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, post, web};
use dxp_domain::work_based::fees::LearnerFee;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{EidHeader, ReadRefusals, TmsCaller, WriteRefusals, body, tags};
use crate::auth::{CanRead, CanWrite};
use crate::{ApiError, AppState};

/// What a CSV file of fees did.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"feesKept": 120, "feesNew": 100, "feesReplaced": 20}))]
pub struct FeesKept {
    pub fees_kept: usize,
    pub fees_new: usize,
    /// Fees for a learner and year already kept, which the file's amounts replaced.
    pub fees_replaced: usize,
}

/// W23: a learner's fee for a calendar year. A fee for a learner and year already kept is
/// replaced (200).
#[utoipa::path(
    tag = tags::FEES,
    params(EidHeader),
    request_body = LearnerFee,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The fee, new for its learner and year", body = LearnerFee),
        (status = 200, description = "The fee, which replaced the year's amount", body = LearnerFee),
        WriteRefusals,
    )
)]
#[post("/learner-fees")]
pub async fn create_learner_fee(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let fee: LearnerFee = body(&sent)?;
    let new = state
        .service
        .put_learner_fees(&caller.tms, vec![(String::new(), fee.clone())])
        .await?;
    Ok(if new == 1 {
        HttpResponse::Created().json(fee)
    } else {
        HttpResponse::Ok().json(fee)
    })
}

/// W23: a CSV file of learners' fees, with the header `Learner Local ID,Fee Year,Fee Amount`
/// (the funder's template upload). Kept whole or not at all; refusals name their lines. A fee
/// for a learner and year already kept is replaced.
#[utoipa::path(
    tag = tags::FEES,
    params(EidHeader),
    request_body(content = String, content_type = "text/csv", example = "Learner Local ID,Fee Year,Fee Amount\r\nL-1001,2026,1250.00\r\n"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the file did", body = FeesKept),
        WriteRefusals,
    )
)]
#[post("/learner-fees/files")]
pub async fn upload_learner_fees(
    caller: TmsCaller<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let text = std::str::from_utf8(&sent).map_err(|_| {
        ApiError::BadRequest("the CSV file is not UTF-8 text; save it as CSV UTF-8".to_owned())
    })?;
    let rows = dxp_formats::learner_fees::read_learner_fees_csv(text).map_err(|unreadable| {
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (line, why) in unreadable {
            errors.entry(format!("line {line}")).or_default().push(why);
        }
        ApiError::Invalid {
            detail: format!(
                "{} lines of the file cannot be read; nothing was kept",
                errors.len()
            ),
            errors,
            refusals: Vec::new(),
        }
    })?;
    let fees: Vec<(String, LearnerFee)> = rows
        .into_iter()
        .map(|(line, fee)| (format!("line {line}"), fee))
        .collect();
    let kept = fees.len();
    let new = state.service.put_learner_fees(&caller.tms, fees).await?;
    Ok(HttpResponse::Ok().json(FeesKept {
        fees_kept: kept,
        fees_new: new,
        fees_replaced: kept - new,
    }))
}

/// A learner's fees, by year.
#[utoipa::path(
    tag = tags::FEES,
    params(
        EidHeader,
        ("learnerLocalId" = String, Path, description = "The TMS's id of the learner"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The learner's fees, oldest year first", body = Vec<LearnerFee>),
        ReadRefusals,
    )
)]
#[get("/learners/{learnerLocalId}/fees")]
pub async fn list_learner_fees(
    caller: TmsCaller<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let fees = state
        .service
        .learner_fees(&caller.tms, &path.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(fees))
}

pub fn register(api: &mut utoipa_actix_web::service_config::ServiceConfig) {
    api.service(create_learner_fee)
        .service(upload_learner_fees)
        .service(list_learner_fees);
}
