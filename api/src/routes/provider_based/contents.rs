//! `submissionContentsUrl`: what the submission a token names holds, as the five DXP CSV files
//! (`LEAR6004.CSV`, `REGT6004.CSV`, …) in one ZIP. The archive is written as it is sent, a page
//! of records at a time, so memory stays flat whatever the submission's size.

use std::io::Write;

use actix_web::{HttpResponse, get, web};
use dxp_domain::{RoundKind, SdrFile};
use dxp_formats::csv::CsvWriter;
use dxp_persistence::submissions::Submission;
use dxp_service::{Caller, Service};
use futures_util::stream;
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

use super::{ProviderCaller, tags};
use crate::auth::CanRead;
use crate::routes::files::{EXPORT_PAGE, SharedBuffer, export_failed};
use crate::{ApiError, AppState, Problem};

/// The files of the funder's API, in the archive's order.
const FILES: [SdrFile; 5] = [
    SdrFile::Learners,
    SdrFile::Courses,
    SdrFile::CourseEnrolments,
    SdrFile::CourseCompletions,
    SdrFile::QualificationCompletions,
];

/// A ZIP archive, as the document describes the answer: bytes, not JSON.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ZipArchive(#[allow(dead_code)] Vec<u8>);

/// The path of a token's submission contents under [`super::BASE`].
pub fn path_of(token: &str) -> String {
    format!("{}/contents/{token}", super::BASE)
}

/// Where the archive is: the ZIP until it is finished, the CSV file being written into it, and
/// the `localId` to read on from.
struct Archive {
    service: Service,
    caller: Caller,
    submission: Submission,
    zip: Option<ZipWriter<StreamWriter<SharedBuffer>>>,
    zipped: SharedBuffer,
    csv: Option<CsvWriter<SharedBuffer>>,
    written: SharedBuffer,
    next_file: usize,
    after: Option<String>,
}

fn zip_failed(error: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("the submission's files cannot be zipped: {error}"))
}

impl Archive {
    /// The next part of the archive, or `None` once it has all been sent.
    async fn next_part(&mut self) -> Option<Result<web::Bytes, ApiError>> {
        self.zip.as_ref()?;
        let part = self.write_part().await;
        if part.is_err() {
            self.zip = None;
        }
        Some(part)
    }

    async fn write_part(&mut self) -> Result<web::Bytes, ApiError> {
        let Some(zip) = self.zip.as_mut() else {
            return Ok(web::Bytes::new());
        };
        let mut csv = match self.csv.take() {
            Some(csv) => csv,
            None => {
                let Some(file) = FILES.get(self.next_file).copied() else {
                    if let Some(zip) = self.zip.take() {
                        zip.finish().map_err(zip_failed)?;
                    }
                    return Ok(self.zipped.take());
                };
                let name = dxp_formats::file_name(
                    file,
                    self.submission.organisation,
                    self.submission.round.kind == RoundKind::Ind,
                );
                let options =
                    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
                zip.start_file(name, options).map_err(zip_failed)?;
                CsvWriter::new(file, self.written.clone())
            }
        };
        let page = self
            .service
            .record_page(
                &self.caller,
                &self.submission.id,
                csv.file(),
                self.after.take(),
                EXPORT_PAGE,
            )
            .await?;
        for (_, record) in &page.records {
            csv.write_json(record).map_err(export_failed)?;
        }
        match page.next {
            Some(next) => {
                csv.flush().map_err(export_failed)?;
                self.after = Some(next);
                self.csv = Some(csv);
            }
            None => {
                csv.finish().map_err(export_failed)?;
                self.next_file += 1;
            }
        }
        zip.write_all(&self.written.take()).map_err(zip_failed)?;
        Ok(self.zipped.take())
    }
}

/// The submission a token names, as DXP CSV files in a ZIP: one file for each of the five SDR
/// files, named as DXP names them (`LEAR6004.CSV`; `IND` first for an indicative return), with a
/// header row even when the file holds no record.
#[utoipa::path(
    tag = tags::SUBMISSION,
    params(
        ("EID" = String, Header, description = "The organisation's EDUMIS number; it must be the token's"),
        ("submissionToken" = String, Path, description = "The submission token"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The five CSV files in a ZIP", content_type = "application/zip", body = ZipArchive),
        (status = 400, description = "A token not found (`errorCode` SUBMISSION_TOKEN_NOT_FOUND) or expired (TOKEN_EXPIRED)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`EID` is not the token's organisation, or the account may not call the SDR API", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contents/{submissionToken}")]
pub async fn submission_contents(
    state: web::Data<AppState>,
    caller: ProviderCaller<CanRead>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let submission = super::submission_of_token(&state, caller.organisation, &token).await?;
    let name = format!(
        "{:04}-{}.zip",
        submission.organisation.value(),
        submission.round.return_id()
    );
    let zipped = SharedBuffer::default();
    let archive = Archive {
        service: state.service.clone(),
        caller: caller.caller,
        submission,
        zip: Some(ZipWriter::new_stream(zipped.clone())),
        zipped,
        csv: None,
        written: SharedBuffer::default(),
        next_file: 0,
        after: None,
    };
    let body = stream::unfold(archive, |mut archive| async move {
        let part = archive.next_part().await?;
        Some((part.map_err(actix_web::Error::from), archive))
    });
    Ok(crate::routes::download("application/zip", &name).streaming(body))
}
