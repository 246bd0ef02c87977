//! The background validators: they take validation jobs, apply the rules across records and
//! files to the whole submission, and give the verdict. Each record's own rules ran when it was
//! uploaded (its problems are stored with it); a validation reads the stored records once, page
//! by page, for the rules that relate them. They run inside every `dxp serve` (and
//! alone in `dxp worker`); validators on several nodes share one queue through the job table's
//! leases (see `dxp_persistence::jobs`).

use std::time::Duration;

use std::sync::mpsc::SyncSender;

use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::validation::WholeSubmission;
use dxp_domain::{Problem, SdrFile};
use dxp_persistence::jobs::{self, Lease, Progress};
use dxp_persistence::paging::{self, PageRequest};
use dxp_persistence::submissions::{self, Scope};
use dxp_persistence::{DbConnection, Pool, StoreError, record_store};

use crate::{Service, ValidationBell};

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

/// Starts the validators on the current tokio runtime. They wait on the service's
/// [`ValidationBell`], which the validate use case rings.
pub fn spawn(service: &Service, options: ValidatorOptions) {
    for worker in 0..options.workers {
        let owner = format!("{}/{worker}", options.node);
        let (service, lease) = (service.clone(), options.lease);
        tokio::spawn(async move { run(service, owner, lease).await });
    }
}

async fn run(service: Service, owner: String, lease_for: Duration) {
    let bell: ValidationBell = service.validation_bell().clone();
    loop {
        let claimer = owner.clone();
        match service
            .blocking(move |conn| jobs::claim(conn, &claimer, lease_for))
            .await
        {
            Ok(Some(lease)) => {
                validate(&service, lease, lease_for).await;
                continue;
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(error = %error, "cannot take validation jobs"),
        }
        tokio::select! {
            () = bell.rung() => {}
            () = tokio::time::sleep(POLL_INTERVAL) => {}
        }
    }
}

async fn validate(service: &Service, lease: Lease, lease_for: Duration) {
    let started = std::time::Instant::now();
    let span = tracing::info_span!("validation", submission.id = %lease.submission_id, job.attempt = lease.attempt);
    let pool = service.pool().clone();
    let job_span = span.clone();
    let verdict = tokio::task::spawn_blocking(move || {
        let _entered = job_span.enter();
        validate_stored(&pool, &lease, lease_for)
    })
    .await;
    let _entered = span.enter();
    match verdict {
        Ok(Ok(status)) => tracing::info!(
            submission.status = %status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "validation finished"
        ),
        // The job stays running under a lease that will expire; another validator (or this
        // one) takes it again then.
        Ok(Err(error)) => {
            tracing::error!(error = %error, "validation failed; it will be retried when its lease expires")
        }
        Err(error) => {
            tracing::error!(error = %error, "validation task failed; it will be retried when its lease expires")
        }
    }
}

/// Records read from the database per round trip: a few megabytes of JSON.
const PAGE_RECORDS: i64 = 5_000;

/// Pages read ahead of the rules.
const PAGES_AHEAD: usize = 2;

/// How often the lease is renewed and the progress shown while records are read.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// One page of a file's stored records, `(localId, JSON)` in localId order.
type Page = (SdrFile, Vec<(String, String)>);

/// Validates a stored submission: its records are read page by page, file by file, and given to
/// the rules between records and files one at a time, so memory grows with the records' key
/// fields and not with their text. A reader thread pages through the records on a connection
/// of its own while this thread checks them, so the database and the rules work at once.
///
/// The records cannot change meanwhile: a submission being validated takes no uploads.
fn validate_stored(
    pool: &Pool,
    lease: &Lease,
    lease_for: Duration,
) -> Result<SubmissionStatus, StoreError> {
    let id = lease.submission_id.as_str();
    let mut conn = pool.get()?;
    let submission = submissions::find(&mut conn, id, Scope::Everyone)?;
    let counts = submissions::record_counts(&mut conn, id)?;
    let mut progress = Progress {
        records_checked: 0,
        records_total: counts.iter().map(|(_, n)| n).sum(),
    };
    // The registers are read once, before the records: the rules look codes up in them.
    let registers = match submission.submission_type {
        SubmissionType::Return => dxp_persistence::registers::snapshot(
            &mut conn,
            submission.organisation,
            submission.round.year,
        )?,
        SubmissionType::StandaloneFiles | SubmissionType::EftsForecast => Default::default(),
    };
    let mut check = WholeSubmission::new(&files_checked(&submission, &counts))
        .in_year(submission.round.year)
        .with_registers(registers);
    for &(file, records) in &counts {
        check.reserve(file, usize::try_from(records).unwrap_or(0));
    }
    let (pages, receiver) = std::sync::mpsc::sync_channel::<Result<Page, StoreError>>(PAGES_AHEAD);
    std::thread::scope(|scope| -> Result<(), StoreError> {
        scope.spawn(move || read_pages(pool, id, &pages));
        let mut last_renewed = std::time::Instant::now();
        for page in receiver {
            let (file, rows) = page?;
            for (local_id, json) in &rows {
                check.add(file, local_id, json);
            }
            progress.records_checked += rows.len() as i64;
            if last_renewed.elapsed() >= PROGRESS_EVERY {
                keep_lease(&mut conn, lease, lease_for, progress)?;
                last_renewed = std::time::Instant::now();
            }
        }
        Ok(())
    })?;
    keep_lease(&mut conn, lease, lease_for, progress)?;
    let efts_forecast_required =
        submission.submission_type == SubmissionType::Return && check.efts_forecast_required();
    let found: Vec<(SdrFile, String, Problem)> = check
        .finish()
        .into_iter()
        .map(|found| (found.file, found.local_id, found.problem))
        .collect();
    submissions::record_verdict(&mut conn, lease, progress, &found, efts_forecast_required)
}

/// The files the rules across files read: all the round's files for a return, which must each
/// have records; for course register and completion files lodged on their own, those sent.
fn files_checked(submission: &submissions::Submission, counts: &[(SdrFile, i64)]) -> Vec<SdrFile> {
    let files = submission.submission_type.files(submission.round.kind);
    match submission.submission_type {
        SubmissionType::Return | SubmissionType::EftsForecast => files,
        SubmissionType::StandaloneFiles => files
            .into_iter()
            .filter(|file| counts.iter().any(|(f, n)| f == file && *n > 0))
            .collect(),
    }
}

/// Sends every stored record of the submission, page by page, in the order the rules read
/// files. Stops at the first error (sent on) or when the receiver has gone.
fn read_pages(pool: &Pool, id: &str, pages: &SyncSender<Result<Page, StoreError>>) {
    let mut conn = match pool.get() {
        Ok(conn) => conn,
        Err(error) => {
            let _ = pages.send(Err(error));
            return;
        }
    };
    for file in WholeSubmission::READING_ORDER {
        let walked = paging::walk(
            PAGE_RECORDS,
            |request: &PageRequest<String>| record_store::file_page(&mut conn, id, file, request),
            // A send fails only when the validation stopped reading: stop too.
            |rows| Ok(pages.send(Ok((file, rows))).is_ok()),
        );
        if let Err(error) = walked {
            let _ = pages.send(Err(error));
            return;
        }
    }
}

/// Renews the lease with the progress so far; fails when another validator has taken the job.
fn keep_lease(
    conn: &mut DbConnection,
    lease: &Lease,
    lease_for: Duration,
    progress: Progress,
) -> Result<(), StoreError> {
    if jobs::renew(conn, lease, lease_for, progress)? {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "the lease was lost to another validator".to_owned(),
        ))
    }
}
