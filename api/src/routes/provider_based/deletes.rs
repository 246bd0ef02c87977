//! P8, `DELETE /submissions/v1.0/{learners|courses|course-enrolments|course-completions|
//! qualification-completions}`: records removed from the submission a token names, by
//! `localId`. The batch is one transaction: the records found are all deleted or none is; a
//! `localId` the file does not hold is answered with an error and changes nothing.

use actix_web::{HttpRequest, HttpResponse, delete, web};
use dxp_domain::SdrFile;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::uploads::{BatchReceipt, ReceivedRecord};
use super::{ProviderCaller, tags};
use crate::auth::CanWrite;
use crate::{ApiError, AppState, Problem};

/// The records to delete from one file of the submission a token names.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"submissionToken": "3f8a…", "content": [{"localId": "LRN-1"}]}))]
pub struct DeleteBatch {
    pub submission_token: String,
    /// At most `maxRecordPerBatch`.
    pub content: Vec<RecordKey>,
}

/// A record named by its `localId`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordKey {
    pub local_id: String,
}

async fn remove(
    file: SdrFile,
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ProviderCaller<CanWrite>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let limit = state.limits.max_bytes(dxp_service::ingest::Format::Json);
    let body = crate::upload_limits::read_body(&req, payload, limit).await?;
    let batch: DeleteBatch = serde_json::from_slice(&body).map_err(|error| {
        ApiError::BadRequest(format!(
            "the body must be {{\"submissionToken\": \"…\", \"content\": [{{\"localId\": \"…\"}}]}}: {error}"
        ))
    })?;
    super::batch_within(&state, batch.content.len(), "delete")?;
    let submission =
        super::submission_of_token(&state, caller.organisation, &batch.submission_token).await?;
    let _writing = super::one_write_to(&state, &submission)?;
    let local_ids: Vec<String> = batch.content.into_iter().map(|key| key.local_id).collect();
    let deleted = state
        .service
        .delete_records(&caller.caller, &submission.id, file, local_ids.clone())
        .await
        .map_err(super::locked)?;
    let content = local_ids
        .into_iter()
        .zip(deleted)
        .map(|(local_id, was_there)| ReceivedRecord {
            errors: if was_there {
                Vec::new()
            } else {
                vec![format!(
                    "the {file} file holds no record with localId '{local_id}'"
                )]
            },
            local_id: Some(local_id),
        })
        .collect();
    Ok(HttpResponse::Ok().json(BatchReceipt {
        submission_token: batch.submission_token,
        content,
    }))
}

macro_rules! delete_route {
    ($name:ident, $path:literal, $file:expr, $what:literal) => {
        #[doc = concat!("Delete ", $what, " from the submission a token names, by `localId`: the records found are deleted together, in one transaction.")]
        #[utoipa::path(
            tag = tags::UPLOADS,
            params(("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's")),
            request_body = DeleteBatch,
            security(("bearer" = [])),
            responses(
                (status = 200, description = "Each `localId` named, with an error when the file holds no such record", body = BatchReceipt),
                (status = 400, description = "A body that is not a batch, more records than `maxRecordPerBatch` (`errorCode` BATCH_TOO_LARGE), a token not found (SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED), or a submission that cannot change now: being validated, lodged, or in a published round (SUBMISSION_LOCKED)", body = Problem, content_type = "application/problem+json"),
                (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
                (status = 403, description = "`EID` is not the token's organisation, the role may not write, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
                (status = 413, description = "The body is larger than the limit", body = Problem, content_type = "application/problem+json"),
            )
        )]
        #[delete($path)]
        pub async fn $name(
            req: HttpRequest,
            state: web::Data<AppState>,
            caller: ProviderCaller<CanWrite>,
            payload: web::Payload,
        ) -> Result<HttpResponse, ApiError> {
            remove($file, req, state, caller, payload).await
        }
    };
}

delete_route!(delete_learners, "/learners", SdrFile::Learners, "learners");
delete_route!(
    delete_courses,
    "/courses",
    SdrFile::Courses,
    "courses (the course register)"
);
delete_route!(
    delete_course_enrolments,
    "/course-enrolments",
    SdrFile::CourseEnrolments,
    "course enrolments"
);
delete_route!(
    delete_course_completions,
    "/course-completions",
    SdrFile::CourseCompletions,
    "course completions"
);
delete_route!(
    delete_qualification_completions,
    "/qualification-completions",
    SdrFile::QualificationCompletions,
    "qualification completions"
);
