//! Validation jobs: the queue every node's validators take work from.
//!
//! A validator takes a job with a lease and renews it while it works. Taking is one conditional
//! statement: on PostgreSQL its candidate is chosen `FOR UPDATE SKIP LOCKED`, so validators on
//! several nodes never wait on each other; on SQLite the single writer serialises them. A job
//! whose lease has expired (its node died or was stopped) is taken again by the next validator.
//! The submission's status follows the job (`Queued` → `Validating` → verdict).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamp};
use dxp_domain::submission::{SubmissionEvent, SubmissionStatus};

use crate::audit::{self, NewAuditEvent};
use crate::schema::validation_jobs;
use crate::submissions::{self, Scope};
use crate::time::{from_row, now};
use crate::{DbConnection, StoreError};

/// Where a validation job is. Stored as its lower-case name, the text the table's CHECK
/// allows (`queued`, `running`, `done`, `failed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobState {
    /// Waiting for a validator.
    Queued,
    /// Held by a validator under a lease (or left by one whose lease expired).
    Running,
    /// The verdict is stored.
    Done,
    /// Given up: the submission moved on before a validator took the job.
    Failed,
}

impl JobState {
    pub const EVERY: [JobState; 4] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Failed,
    ];

    /// The state's text in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored job state this code does not know (a row written by a newer or broken version).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a validation job state (queued, running, done or failed)")]
pub struct UnknownJobState(pub String);

impl FromStr for JobState {
    type Err = UnknownJobState;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        JobState::EVERY
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| UnknownJobState(text.to_owned()))
    }
}

/// A job held by a validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub job_id: String,
    pub submission_id: String,
    /// The validator holding the job (node and worker).
    pub owner: String,
    /// How many times the job has been taken, this time included.
    pub attempt: i32,
}

/// How far the latest validation of a submission has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub records_checked: i64,
    pub records_total: i64,
}

/// Queues a validation of the submission (inside the caller's transaction).
pub(crate) fn enqueue(conn: &mut DbConnection, submission_id: &str) -> Result<(), StoreError> {
    diesel::insert_into(validation_jobs::table)
        .values((
            validation_jobs::id.eq(uuid::Uuid::new_v4().to_string()),
            validation_jobs::submission_id.eq(submission_id),
            validation_jobs::state.eq(JobState::Queued.as_str()),
            validation_jobs::queued_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    submission_id: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
}

/// The condition on the jobs a validator may take: queued, or running under a lease that has
/// expired at `now` (the statement's placeholder for the current time).
fn claimable(now: &str) -> String {
    format!(
        "(state = '{queued}' OR (state = '{running}' AND lease_expires_at < {now}))",
        queued = JobState::Queued,
        running = JobState::Running,
    )
}

/// Takes the oldest job that is queued or whose lease has expired, and moves its submission to
/// `Validating`. `None` when there is nothing to do.
pub fn claim(
    conn: &mut DbConnection,
    owner: &str,
    lease_for: Duration,
) -> Result<Option<Lease>, StoreError> {
    let at = now();
    let expires = crate::time::after(lease_for);
    let sql = match conn {
        DbConnection::Postgresql(_) => {
            let claimable = claimable("$3");
            format!(
                "UPDATE validation_jobs SET state = '{running}', lease_owner = $1, lease_expires_at = $2, \
                 attempts = attempts + 1, started_at = COALESCE(started_at, $3) \
                 WHERE id = (SELECT id FROM validation_jobs WHERE {claimable} \
                 ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED) AND {claimable} \
                 RETURNING id, submission_id, attempts",
                running = JobState::Running,
            )
        }
        DbConnection::Sqlite(_) => {
            let claimable = claimable("?3");
            format!(
                "UPDATE validation_jobs SET state = '{running}', lease_owner = ?1, lease_expires_at = ?2, \
                 attempts = attempts + 1, started_at = COALESCE(started_at, ?3) \
                 WHERE id = (SELECT id FROM validation_jobs WHERE {claimable} \
                 ORDER BY queued_at LIMIT 1) AND {claimable} \
                 RETURNING id, submission_id, attempts",
                running = JobState::Running,
            )
        }
    };
    crate::connection::write_transaction(conn, |conn| {
        let claimed: Vec<Claimed> = diesel::sql_query(sql)
            .bind::<Text, _>(owner)
            .bind::<Timestamp, _>(expires)
            .bind::<Timestamp, _>(at)
            .load(conn)?;
        let Some(claimed) = claimed.into_iter().next() else {
            return Ok(None);
        };
        let submission = submissions::lock(conn, &claimed.submission_id, Scope::Everyone)?;
        match submission.status {
            SubmissionStatus::Queued => {
                submissions::apply(
                    conn,
                    &submission,
                    SubmissionEvent::ValidationStarted,
                    audit::SYSTEM_ACTOR,
                    "validation started",
                )?;
            }
            SubmissionStatus::Validating => {
                audit::record(
                    conn,
                    &NewAuditEvent::system("submission.validation-resumed", &submission.id)
                        .organisation(submission.organisation.value())
                        .reason(format!(
                            "the previous validator stopped before finishing; attempt {} by {owner}",
                            claimed.attempts
                        )),
                )?;
            }
            other => {
                // The submission moved on (cancelled, say): the job has nothing left to do.
                diesel::update(validation_jobs::table.find(&claimed.id))
                    .set((
                        validation_jobs::state.eq(JobState::Failed.as_str()),
                        validation_jobs::finished_at.eq(now()),
                        validation_jobs::error.eq(format!("the submission is {other}")),
                    ))
                    .execute(conn)?;
                return Ok(None);
            }
        }
        Ok(Some(Lease {
            job_id: claimed.id,
            submission_id: claimed.submission_id,
            owner: owner.to_owned(),
            attempt: claimed.attempts,
        }))
    })
}

/// Renews the lease and records progress. `false` when the lease was lost (it expired and
/// another validator took the job): the holder must stop.
pub fn renew(
    conn: &mut DbConnection,
    lease: &Lease,
    lease_for: Duration,
    progress: Progress,
) -> Result<bool, StoreError> {
    let renewed = diesel::update(
        validation_jobs::table
            .filter(validation_jobs::id.eq(&lease.job_id))
            .filter(validation_jobs::lease_owner.eq(&lease.owner))
            .filter(validation_jobs::state.eq(JobState::Running.as_str())),
    )
    .set((
        validation_jobs::lease_expires_at.eq(crate::time::after(lease_for)),
        validation_jobs::records_checked.eq(progress.records_checked),
        validation_jobs::records_total.eq(progress.records_total),
    ))
    .execute(conn)?;
    Ok(renewed == 1)
}

/// Marks the job done with its verdict's counts, inside the transaction that stores the
/// verdict. Fails (and so rolls the verdict back) when the lease was lost.
pub(crate) fn finish(
    conn: &mut DbConnection,
    lease: &Lease,
    progress: Progress,
    (errors, warnings): (i64, i64),
) -> Result<(), StoreError> {
    let kept = |count: i64| i32::try_from(count).unwrap_or(i32::MAX);
    let finished = diesel::update(
        validation_jobs::table
            .filter(validation_jobs::id.eq(&lease.job_id))
            .filter(validation_jobs::lease_owner.eq(&lease.owner))
            .filter(validation_jobs::state.eq(JobState::Running.as_str())),
    )
    .set((
        validation_jobs::state.eq(JobState::Done.as_str()),
        validation_jobs::finished_at.eq(now()),
        validation_jobs::records_checked.eq(progress.records_checked),
        validation_jobs::records_total.eq(progress.records_total),
        validation_jobs::error_count.eq(kept(errors)),
        validation_jobs::warning_count.eq(kept(warnings)),
    ))
    .execute(conn)?;
    if finished == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(format!(
            "validator {} lost its lease on job {} before finishing",
            lease.owner, lease.job_id
        )))
    }
}

/// A submission's latest validation job, as read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LatestJob {
    pub state: JobState,
    pub progress: Progress,
}

/// The submission's latest validation job, if it has one. A state this code does not know is
/// an error (a corrupt row), not a job to guess about.
pub fn latest(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<Option<LatestJob>, StoreError> {
    let latest: Option<(String, i64, i64)> = validation_jobs::table
        .filter(validation_jobs::submission_id.eq(submission_id))
        .order((
            validation_jobs::queued_at.desc(),
            validation_jobs::id.desc(),
        ))
        .select((
            validation_jobs::state,
            validation_jobs::records_checked,
            validation_jobs::records_total,
        ))
        .first(conn)
        .optional()?;
    latest
        .map(|(state, records_checked, records_total)| {
            Ok::<_, StoreError>(LatestJob {
                state: state.parse::<JobState>().map_err(StoreError::corrupt)?,
                progress: Progress {
                    records_checked,
                    records_total,
                },
            })
        })
        .transpose()
}

/// One validation run of a submission, as its job row keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub state: JobState,
    pub queued_at: chrono::DateTime<chrono::Utc>,
    pub started_at: Option<chrono::DateTime<chrono::Utc>>,
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The verdict's counts, once the run is done (runs done before the counts were kept have
    /// none).
    pub counts: Option<(i64, i64)>,
}

/// Every validation run of a submission, oldest first.
pub fn runs(conn: &mut DbConnection, submission_id: &str) -> Result<Vec<Run>, StoreError> {
    type Row = (
        String,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<i32>,
        Option<i32>,
    );
    let rows: Vec<Row> = validation_jobs::table
        .filter(validation_jobs::submission_id.eq(submission_id))
        .order((validation_jobs::queued_at.asc(), validation_jobs::id.asc()))
        .select((
            validation_jobs::state,
            validation_jobs::queued_at,
            validation_jobs::started_at,
            validation_jobs::finished_at,
            validation_jobs::error_count,
            validation_jobs::warning_count,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(state, queued_at, started_at, finished_at, errors, warnings)| {
                Ok(Run {
                    state: state.parse::<JobState>().map_err(StoreError::corrupt)?,
                    queued_at: from_row(queued_at),
                    started_at: started_at.map(from_row),
                    finished_at: finished_at.map(from_row),
                    counts: errors.map(i64::from).zip(warnings.map(i64::from)),
                })
            },
        )
        .collect()
}

/// The progress of a submission's latest validation, if it has one.
pub fn progress(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<Option<Progress>, StoreError> {
    Ok(latest(conn, submission_id)?.map(|job| job.progress))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_from_its_text() {
        for state in JobState::EVERY {
            assert_eq!(state.as_str().parse(), Ok(state));
        }
        let texts: Vec<&str> = JobState::EVERY.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            texts,
            ["queued", "running", "done", "failed"],
            "the values the table's CHECK allows: changing one needs a migration"
        );
    }

    #[test]
    fn an_unknown_state_is_named_in_the_error() {
        let error = "paused".parse::<JobState>().expect_err("not a state");
        assert_eq!(
            error.to_string(),
            "'paused' is not a validation job state (queued, running, done or failed)"
        );
        assert!(
            "Queued".parse::<JobState>().is_err(),
            "the text is lower case"
        );
    }

    #[test]
    fn claimable_jobs_are_queued_or_running_past_their_lease() {
        assert_eq!(
            claimable("?3"),
            "(state = 'queued' OR (state = 'running' AND lease_expires_at < ?3))"
        );
    }
}
