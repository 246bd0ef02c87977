//! P3–P7, `PUT /submissions/v1.0/{learners|courses|course-enrolments|course-completions|
//! qualification-completions}`: a batch of records added to the submission a token names. A
//! record whose `localId` the file already holds replaces it. The records go through the same
//! ingest and rules as `/api/v1`; the answer lists each record with its errors.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, put, web};
use dxp_domain::{SdrFile, Severity};
use dxp_service::ingest::Format;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::ToSchema;

use super::{ProviderCaller, tags};
use crate::auth::CanWrite;
use crate::{ApiError, AppState, Problem};

/// A batch of records for one file of the submission a token names (§2.4 of the funder's API).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"submissionToken": "3f8a…", "content": [{"localId": "LRN-1", "studentIdentificationCode": "S0001"}]}))]
pub struct Batch {
    pub submission_token: String,
    /// The records, each with its `localId`, as DXP's own API takes them; at most
    /// `maxRecordPerBatch`.
    #[schema(value_type = Vec<Object>)]
    pub content: Vec<Box<RawValue>>,
}

/// One record of a batch as received, with the errors found in it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedRecord {
    pub local_id: Option<String>,
    /// Each error as `RULE: what is wrong`; warnings come with the validation run.
    pub errors: Vec<String>,
}

/// What an upload received.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BatchReceipt {
    pub submission_token: String,
    pub content: Vec<ReceivedRecord>,
}

/// The `localId` of a record, when it has one.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LocalId {
    local_id: Option<serde_json::Value>,
}

async fn receive(
    file: SdrFile,
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ProviderCaller<CanWrite>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let limit = state.limits.max_bytes(Format::Json);
    let body = crate::upload_limits::read_body(&req, payload, limit).await?;
    let batch: Batch = serde_json::from_slice(&body).map_err(|error| {
        ApiError::BadRequest(format!(
            "the body must be {{\"submissionToken\": \"…\", \"content\": [records]}}: {error}"
        ))
    })?;
    super::batch_within(&state, batch.content.len(), "send")?;
    let submission =
        super::submission_of_token(&state, caller.organisation, &batch.submission_token).await?;
    let _writing = super::one_write_to(&state, &submission)?;
    let local_ids: Vec<Option<String>> = batch
        .content
        .iter()
        .map(|record| {
            serde_json::from_str::<LocalId>(record.get())
                .ok()
                .and_then(|read| read.local_id)
                .map(|id| match id {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                })
        })
        .collect();
    // DXP's ingest reads `{"records": [...]}`: the records go on as received, unparsed.
    let mut records = String::with_capacity(body.len() + 16);
    records.push_str("{\"records\":[");
    for (n, record) in batch.content.iter().enumerate() {
        if n > 0 {
            records.push(',');
        }
        records.push_str(record.get());
    }
    records.push_str("]}");
    let upload = state
        .service
        .upload(
            &caller.caller,
            &submission.id,
            (file, Format::Json),
            std::io::Cursor::new(records.into_bytes()),
            state.limits.max_record_per_batch,
        )
        .await
        .map_err(super::locked)?;
    let mut errors: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for problem in upload
        .tally
        .problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
    {
        errors
            .entry(problem.index)
            .or_default()
            .push(format!("{}: {}", problem.rule, problem.message));
    }
    let content = local_ids
        .into_iter()
        .enumerate()
        .map(|(index, local_id)| ReceivedRecord {
            local_id,
            errors: errors.remove(&index).unwrap_or_default(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(BatchReceipt {
        submission_token: batch.submission_token,
        content,
    }))
}

macro_rules! upload_route {
    ($name:ident, $path:literal, $file:expr, $what:literal) => {
        #[doc = concat!("Upload ", $what, " to the submission a token names: each record added, or replacing the one with its `localId`.")]
        #[utoipa::path(
            tag = tags::UPLOADS,
            params(("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's")),
            request_body = Batch,
            security(("bearer" = [])),
            responses(
                (status = 200, description = "The records received, each with its errors", body = BatchReceipt),
                (status = 400, description = "A body that is not a batch, more records than `maxRecordPerBatch` (`errorCode` BATCH_TOO_LARGE), a token not found (SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED), or a submission that takes no records now: being validated, lodged, or in a published round (SUBMISSION_LOCKED)", body = Problem, content_type = "application/problem+json"),
                (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
                (status = 403, description = "`EID` is not the token's organisation, the role may not write, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
                (status = 413, description = "The body is larger than the limit", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[put($path)]
        pub async fn $name(
            req: HttpRequest,
            state: web::Data<AppState>,
            caller: ProviderCaller<CanWrite>,
            payload: web::Payload,
        ) -> Result<HttpResponse, ApiError> {
            receive($file, req, state, caller, payload).await
        }
    };
}

upload_route!(upload_learners, "/learners", SdrFile::Learners, "learners");
upload_route!(
    upload_courses,
    "/courses",
    SdrFile::Courses,
    "courses (the course register)"
);
upload_route!(
    upload_course_enrolments,
    "/course-enrolments",
    SdrFile::CourseEnrolments,
    "course enrolments"
);
upload_route!(
    upload_course_completions,
    "/course-completions",
    SdrFile::CourseCompletions,
    "course completions"
);
upload_route!(
    upload_qualification_completions,
    "/qualification-completions",
    SdrFile::QualificationCompletions,
    "qualification completions"
);
