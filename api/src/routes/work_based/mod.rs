//! The work-based API that replaces the Industry Training Register, under
//! `/work-submission-api/v1.0/` with the funder's paths and field names (`dxp-api.md` §4-§5):
//! learners, programmes, training agreements, enrolments, training plans, off-job deliveries,
//! learner fees, and the change feed. Every call carries the `EID` header, which must be the
//! token's organisation. A refused request is a 400 whose `errors` map each field path to what
//! is wrong; business refusals name their WB- rule.

use std::future::{Ready, ready};
use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use dxp_service::work_based::Tms;
use serde::de::DeserializeOwned;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::auth::AccessPolicy;
use crate::{ApiError, Problem};

pub mod agreements;
pub mod changes;
pub mod enrolments;
pub mod fees;
pub mod learners;
pub mod off_job;
pub mod programmes;
pub mod training_plans;

/// Where the work-based API lives.
pub const BASE: &str = "/work-submission-api/v1.0";

/// The tags of the work-based section of the OpenAPI document, one per resource.
pub mod tags {
    pub const LEARNERS: &str = "work-based: learners";
    pub const PROGRAMMES: &str = "work-based: programmes";
    pub const AGREEMENTS: &str = "work-based: training agreements";
    pub const ENROLMENTS: &str = "work-based: enrolments";
    pub const TRAINING_PLANS: &str = "work-based: training plans";
    pub const OFF_JOB: &str = "work-based: off-job deliveries";
    pub const FEES: &str = "work-based: learner fees";
    pub const CHANGES: &str = "work-based: change feed";
}

/// The `EID` header every work-based call carries.
#[allow(dead_code, non_snake_case)] // Only its derive is used: the header in the document.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct EidHeader {
    /// The organisation's EDUMIS number; it must be the token's organisation (the sandbox's is
    /// 6004).
    #[param(example = "6004")]
    EID: String,
}

/// What a work-based write can be refused with, beside its success.
#[allow(dead_code)] // Only its derive is used: the responses of the OpenAPI document.
#[derive(utoipa::IntoResponses)]
pub enum WriteRefusals {
    /// Refused: the `errors` map says which fields and why; business rules name their WB- code
    /// (also listed in `refusals`).
    #[response(status = 400, content_type = "application/problem+json")]
    Refused(Problem),
    /// No valid token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token may not write, or is for another organisation than `EID`.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// A resource the path names does not exist for this organisation.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// Changed (or created) at the same moment by another request: read it again and retry.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
}

/// What a work-based read can be refused with.
#[allow(dead_code)] // Only its derive is used: the responses of the OpenAPI document.
#[derive(utoipa::IntoResponses)]
pub enum ReadRefusals {
    /// The EID header is missing or not an EDUMIS number.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No valid token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token may not read, or is for another organisation than `EID`.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such resource for this organisation.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// A verified caller with the policy `P`, acting for the organisation its `EID` header names:
/// a TEO's token only for its own organisation (403 otherwise), the funder's for any.
pub struct TmsCaller<P: AccessPolicy> {
    pub tms: Tms,
    policy: PhantomData<P>,
}

fn tms_of<P: AccessPolicy>(req: &HttpRequest) -> Result<Tms, ApiError> {
    let (caller, organisation) =
        crate::auth::authorize_for_eid::<P>(req, dxp_domain::ApiPermission::WorkBased)?;
    Ok(Tms {
        actor: caller.subject.clone(),
        organisation,
    })
}

impl<P: AccessPolicy> FromRequest for TmsCaller<P> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(tms_of::<P>(req).map(|tms| TmsCaller {
            tms,
            policy: PhantomData,
        }))
    }
}

/// A request body read as the work-based API answers: JSON that cannot be read is a 400 with
/// the reason under `errors`; fields that break their limits are listed one by one.
pub fn body<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    let unreadable = |why: String| {
        let mut errors = std::collections::BTreeMap::new();
        errors.insert("$".to_owned(), vec![why.clone()]);
        ApiError::Invalid {
            detail: format!("the body is not the JSON this operation takes: {why}"),
            errors,
            refusals: Vec::new(),
        }
    };
    // serde would also read a struct from an array of its fields; every body is an object.
    // Looking at the first byte keeps the body to one parse, straight into its type.
    let opening = bytes.iter().find(|byte| !byte.is_ascii_whitespace());
    if opening != Some(&b'{') {
        let why = match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
            Err(error) => error.to_string(),
            Ok(_) => "the body must be a JSON object".to_owned(),
        };
        return Err(unreadable(why));
    }
    let value: T = serde_json::from_slice(bytes).map_err(|error| unreadable(error.to_string()))?;
    super::params::valid_fields(value)
}

/// Registers the work-based routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(utoipa_actix_web::scope(BASE).configure(|api| {
        learners::register(api);
        programmes::register(api);
        agreements::register(api);
        enrolments::register(api);
        training_plans::register(api);
        off_job::register(api);
        fees::register(api);
        changes::register(api);
    }));
}
