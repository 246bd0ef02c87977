//! The rule catalogue. (The dry runs, one per file, are in [`super::files`].)

use actix_web::{HttpResponse, get, web};
use dxp_domain::validation::{RuleEntry, Scope, catalogue_entries};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Problem;
use crate::auth::{Authorized, CanRead};

/// The rule catalogue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleCatalogue {
    pub results: Vec<RuleEntry>,
}

/// Which rules to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RuleQuery {
    /// Only the rules of this scope: a file's records (`course-enrolments`, `learners`,
    /// `courses`, `course-completions`, `qualification-completions`, `efts-forecasts`; the rules
    /// across files are listed under the file their problems are reported on) or a process
    /// (`csv-file`, `legacy-file`, `round`, `workforce-questionnaire`).
    pub scope: Option<Scope>,
}

/// Lists every rule the platform applies: the rules of each file's records and across files,
/// the rules of reading a CSV or legacy file, the round rules of lodging (RD-) and the
/// workforce questionnaire's (WF-), each with its code, scope, field, severity and what it
/// requires. Problems and refusals name these codes.
#[utoipa::path(
    tag = super::tags::VALIDATION,
    params(RuleQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every rule (of the scope asked for), registry by registry, each in code order", body = RuleCatalogue),
        (status = 400, description = "The scope is not one of the scopes listed", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/validation/rules")]
pub async fn list_validation_rules(
    _caller: Authorized<CanRead>,
    query: web::Query<RuleQuery>,
) -> HttpResponse {
    let results = catalogue_entries(query.scope);
    HttpResponse::Ok().json(RuleCatalogue { results })
}
