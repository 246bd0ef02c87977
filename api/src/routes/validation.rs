//! The rule catalogue. (The dry runs, one per file, are in [`super::files`].)

use actix_web::{HttpResponse, get};
use dxp_domain::validation::{RuleEntry, catalogue_entries};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Problem;
use crate::auth::{Authorized, CanRead};

/// The rule catalogue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleCatalogue {
    pub results: Vec<RuleEntry>,
}

/// Lists every validation rule: its code, the file and field it is about, its severity and
/// what it requires; then the codes of the problems met reading a CSV or legacy file, listed
/// once per file. Problems name these codes.
#[utoipa::path(
    tag = super::tags::VALIDATION,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every rule, in code order", body = RuleCatalogue),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/validation/rules")]
pub async fn list_validation_rules(_caller: Authorized<CanRead>) -> HttpResponse {
    let mut results = catalogue_entries();
    // The problems of reading a CSV or legacy file have codes too (CSV-…, TXT-…).
    results.extend(dxp_formats::csv_rules());
    HttpResponse::Ok().json(RuleCatalogue { results })
}
