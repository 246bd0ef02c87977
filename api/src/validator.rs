//! The background validator: takes `Queued` submissions, applies the rules across records and
//! gives the verdict. It runs inside every `dxp serve`; several nodes on one database share the
//! queue safely because taking a submission is a conditional update only one node wins.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use dxp_domain::Problem;
use dxp_domain::SdrFile;
use dxp_domain::validation::across_files::{SubmissionRecords, check_across_files};
use dxp_domain::validation::{check_file_in_year, rule_by_code};
use dxp_persistence::records;
use dxp_persistence::submissions::{self, Scope};
use tokio::sync::Notify;
use tracing::Instrument;

use crate::Db;

/// How often an idle validator looks for work another node queued.
const POLL_INTERVAL: Duration = Duration::from_secs(2);
/// A submission left `Validating` this long by a validator that stopped is queued again.
const ABANDONED_AFTER: chrono::Duration = chrono::Duration::minutes(10);

/// Wakes the validator when a submission is queued on this node.
#[derive(Clone, Default)]
pub struct ValidatorHandle {
    wake: Arc<Notify>,
}

impl ValidatorHandle {
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// Starts the validator on the current actix runtime.
pub fn spawn(db: Db, handle: ValidatorHandle) {
    actix_web::rt::spawn(async move { run(db, handle).await });
}

async fn run(db: Db, handle: ValidatorHandle) {
    loop {
        let stale = Utc::now() - ABANDONED_AFTER;
        match db
            .run(move |conn| submissions::requeue_abandoned(conn, stale))
            .await
        {
            Ok(0) => {}
            Ok(requeued) => tracing::warn!(
                submissions.requeued = requeued,
                "requeued abandoned validations"
            ),
            Err(error) => tracing::warn!(error = %error, "cannot look for abandoned validations"),
        }
        match db.run(submissions::claim_queued).await {
            Ok(Some(submission)) => {
                validate(&db, submission.id).await;
                continue;
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(error = %error, "cannot take queued validations"),
        }
        tokio::select! {
            () = handle.wake.notified() => {}
            () = tokio::time::sleep(POLL_INTERVAL) => {}
        }
    }
}

async fn validate(db: &Db, id: String) {
    let started = std::time::Instant::now();
    let span = tracing::info_span!("validation", submission.id = %id);
    let job_id = id.clone();
    let verdict = db
        .run(move |conn| {
            let submission = submissions::find(conn, &job_id, Scope::Everyone)?;
            let mut stored = Vec::with_capacity(SdrFile::ALL.len());
            for file in SdrFile::ALL {
                stored.push((file, records::all(conn, &job_id, file)?));
            }
            let found = problems_across(
                &stored,
                submission.round.year,
                submission.round.kind.files(),
            );
            submissions::record_verdict(conn, &job_id, &found)
        })
        .instrument(span.clone())
        .await;
    let _entered = span.enter();
    match verdict {
        Ok(status) => tracing::info!(
            submission.status = %status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "validation finished"
        ),
        // The submission stays Validating and is queued again once abandoned.
        Err(error) => tracing::error!(error = %error, "validation failed; it will be retried"),
    }
}

/// The problems of the rules that relate records to each other, applied to every record of
/// the submission at once: those within a file (one record per key, the same ITE values across
/// a learner's qualification) and those across files. Each record's own problems were stored
/// when it was uploaded.
fn problems_across(
    stored: &[(SdrFile, Vec<(String, String)>)],
    return_year: i32,
    files_required: &[SdrFile],
) -> Vec<(SdrFile, String, Problem)> {
    let mut found = Vec::new();
    for (file, rows) in stored {
        let report = check_file_in_year(
            *file,
            return_year,
            rows.iter().map(|(_, text)| text.as_str()),
        );
        for (checked, (local_id, _)) in report.records.into_iter().zip(rows) {
            found.extend(
                checked
                    .problems
                    .into_iter()
                    .filter(|problem| {
                        rule_by_code(&problem.rule)
                            .is_some_and(|rule| rule.applies_across_records())
                    })
                    .map(|problem| (*file, local_id.clone(), problem)),
            );
        }
    }
    let of = |wanted: SdrFile| -> Vec<(&str, &str)> {
        stored
            .iter()
            .filter(|(file, _)| *file == wanted)
            .flat_map(|(_, rows)| rows.iter().map(|(id, text)| (id.as_str(), text.as_str())))
            .collect()
    };
    let submission = SubmissionRecords {
        learners: of(SdrFile::Learners),
        courses: of(SdrFile::Courses),
        course_enrolments: of(SdrFile::CourseEnrolments),
        course_completions: of(SdrFile::CourseCompletions),
        qualification_completions: of(SdrFile::QualificationCompletions),
    };
    found.extend(
        check_across_files(&submission, files_required)
            .into_iter()
            .map(|across| (across.file, across.local_id, across.problem)),
    );
    found
}
