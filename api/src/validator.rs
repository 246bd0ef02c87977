//! The background validators: they take validation jobs, apply the rules across records and
//! files to the whole submission, and give the verdict. They run inside every `dxp serve` (and
//! alone in `dxp worker`); validators on several nodes share one queue through the job table's
//! leases (see `dxp_persistence::jobs`).

use std::sync::Arc;
use std::time::Duration;

use dxp_domain::validation::across_files::{SubmissionRecords, check_across_files};
use dxp_domain::validation::{check_file_in_year, rule_by_code};
use dxp_domain::{Problem, SdrFile};
use dxp_persistence::jobs::{self, Lease, Progress};
use dxp_persistence::submissions::{self, Scope};
use dxp_persistence::{StoreError, records};
use tokio::sync::Notify;
use tracing::Instrument;

use crate::Db;

/// How often an idle validator looks for work another node queued.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// How many validators a node runs and how long a validator's hold on a job lasts unrenewed.
#[derive(Debug, Clone)]
pub struct ValidatorOptions {
    /// Validators on this node; 0 runs none (a node that only serves the API).
    pub workers: usize,
    /// A job whose validator has not renewed it for this long is taken again by another.
    pub lease: Duration,
    /// This node's name in leases and the audit log.
    pub node: String,
}

impl ValidatorOptions {
    /// A name for this process: host and process id, unique enough to tell nodes apart.
    pub fn node_name() -> String {
        let host = std::env::var("HOSTNAME")
            .ok()
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "node".to_owned());
        format!("{host}-{}", std::process::id())
    }
}

/// Wakes a validator when a submission is queued on this node.
#[derive(Clone, Default)]
pub struct ValidatorHandle {
    wake: Arc<Notify>,
}

impl ValidatorHandle {
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// Starts the validators on the current actix runtime.
pub fn spawn(db: Db, handle: ValidatorHandle, options: ValidatorOptions) {
    for worker in 0..options.workers {
        let owner = format!("{}/{worker}", options.node);
        let (db, handle, lease) = (db.clone(), handle.clone(), options.lease);
        actix_web::rt::spawn(async move { run(db, handle, owner, lease).await });
    }
}

async fn run(db: Db, handle: ValidatorHandle, owner: String, lease_for: Duration) {
    loop {
        let claimer = owner.clone();
        match db
            .run(move |conn| jobs::claim(conn, &claimer, lease_for))
            .await
        {
            Ok(Some(lease)) => {
                validate(&db, lease, lease_for).await;
                continue;
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(error = %error, "cannot take validation jobs"),
        }
        tokio::select! {
            () = handle.wake.notified() => {}
            () = tokio::time::sleep(POLL_INTERVAL) => {}
        }
    }
}

async fn validate(db: &Db, lease: Lease, lease_for: Duration) {
    let started = std::time::Instant::now();
    let span = tracing::info_span!("validation", submission.id = %lease.submission_id, job.attempt = lease.attempt);
    let verdict = db
        .run(move |conn| {
            let submission = submissions::find(conn, &lease.submission_id, Scope::Everyone)?;
            let total: i64 = submissions::record_counts(conn, &lease.submission_id)?
                .iter()
                .map(|(_, n)| n)
                .sum();
            let mut progress = Progress {
                records_checked: 0,
                records_total: total,
            };
            let mut stored = Vec::with_capacity(SdrFile::ALL.len());
            for file in SdrFile::ALL {
                stored.push((file, records::all(conn, &lease.submission_id, file)?));
            }
            let year = submission.round.year;
            let mut found = Vec::new();
            for (file, rows) in &stored {
                if !jobs::renew(conn, &lease, lease_for, progress)? {
                    return Err(StoreError::Conflict(
                        "the lease was lost to another validator".to_owned(),
                    ));
                }
                found.extend(problems_within_file(*file, year, rows));
                progress.records_checked += rows.len() as i64;
            }
            found.extend(problems_across_files(
                &stored,
                submission.round.kind.files(),
            ));
            submissions::record_verdict(conn, &lease, progress, &found)
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
        // The job stays running under a lease that will expire; another validator (or this
        // one) takes it again then.
        Err(error) => {
            tracing::error!(error = %error, "validation failed; it will be retried when its lease expires")
        }
    }
}

/// The problems of the rules that relate the records of one file to each other (one record
/// per key, the same ITE values across a learner's qualification), over every record of the
/// file at once. Each record's own problems were stored when it was uploaded.
fn problems_within_file(
    file: SdrFile,
    return_year: i32,
    rows: &[(String, String)],
) -> Vec<(SdrFile, String, Problem)> {
    let report = check_file_in_year(
        file,
        return_year,
        rows.iter().map(|(_, text)| text.as_str()),
    );
    report
        .records
        .into_iter()
        .zip(rows)
        .flat_map(|(checked, (local_id, _))| {
            checked
                .problems
                .into_iter()
                .filter(|problem| {
                    rule_by_code(&problem.rule).is_some_and(|rule| rule.applies_across_records())
                })
                .map(move |problem| (file, local_id.clone(), problem))
        })
        .collect()
}

/// The problems of the rules across files.
fn problems_across_files(
    stored: &[(SdrFile, Vec<(String, String)>)],
    files_required: &[SdrFile],
) -> Vec<(SdrFile, String, Problem)> {
    let mut found = Vec::new();
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
