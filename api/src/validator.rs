//! The background validator: takes `Queued` submissions, applies the rules across records and
//! gives the verdict. It runs inside every `dxp serve`; several nodes on one database share the
//! queue safely because taking a submission is a conditional update only one node wins.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use dxp_domain::SdrFile;
use dxp_domain::validation::rule_by_code;
use dxp_domain::{Problem, check_batch};
use dxp_persistence::{course_enrolments, submissions};
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
            let found = problems_across_records(&course_enrolments::records(conn, &job_id)?);
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

/// The problems of the rules that relate records to each other (one enrolment per learner,
/// course and start date; the same ITE values across a learner's qualification), applied to
/// every record of the submission at once. Each record's own problems were stored on upload.
fn problems_across_records(records: &[(String, String)]) -> Vec<(SdrFile, String, Problem)> {
    let report = check_batch(records.iter().map(|(_, text)| text.as_str()));
    report
        .records
        .into_iter()
        .zip(records)
        .flat_map(|(checked, (local_id, _))| {
            checked
                .problems
                .into_iter()
                .filter(|problem| {
                    rule_by_code(&problem.rule).is_some_and(|rule| rule.applies_across_records())
                })
                .map(move |problem| (SdrFile::CourseEnrolments, local_id.clone(), problem))
        })
        .collect()
}
