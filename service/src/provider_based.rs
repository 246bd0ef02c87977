//! The use cases behind the funder's provider-based SDR API (`/submissions/v1.0`): the returns
//! an organisation may send, the submission tokens an SMS names its submission by, deleting a
//! batch of records, the validation runs and their results, and resetting a submission. The
//! submission underneath is the same one `/api/v1` shows, under the same round rules; uploads,
//! validation and lodging are the use cases `/api/v1` calls.

use chrono::{DateTime, Duration, Utc};
use dxp_domain::Edumis;
use dxp_domain::SdrFile;
use dxp_domain::calendar::{Round, RoundKind};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_persistence::jobs::{self, Run};
use dxp_persistence::problems::{self, StoredProblem};
use dxp_persistence::record_store;
use dxp_persistence::submission_tokens::{self, SubmissionToken};
use dxp_persistence::submissions::{self, Submission};

use crate::secrets::{random_256_bit_hex, sha256_hex};
use crate::{Caller, Service, ServiceError};

/// How long a submission token names its submission: a working day and more, so an upload,
/// its validation and the fixes of one day need one token.
pub const SUBMISSION_TOKEN_HOURS: i64 = 24;

/// A return as the provider-based API lists it: a round, and the status of the organisation's
/// newest return for it (none when it has sent none).
#[derive(Debug, Clone)]
pub struct ProviderReturn {
    pub round: Round,
    pub newest_status: Option<SubmissionStatus>,
}

/// A submission token, with what it names. The token itself is seen only here: DXP keeps its
/// hash.
#[derive(Debug, Clone)]
pub struct TokenGrant {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub submission: Submission,
    pub round: Round,
}

/// The text a token is kept as: its SHA-256, in hex.
fn token_hash(token: &str) -> String {
    sha256_hex(token)
}

impl Service {
    /// The returns `organisation` may send or has sent: every round that has opened by now,
    /// newest first; the indicative returns (March) only when `include_indicative`.
    pub async fn provider_returns(
        &self,
        organisation: Edumis,
        include_indicative: bool,
    ) -> Result<Vec<ProviderReturn>, ServiceError> {
        let now = self.clock().now()?;
        self.blocking(move |conn| {
            let statuses = submissions::newest_return_statuses(conn, organisation)?;
            let mut returns: Vec<ProviderReturn> = dxp_persistence::rounds::list(conn, None)?
                .into_iter()
                .filter(|round| round.opens_at <= now)
                .filter(|round| include_indicative || round.id.kind != RoundKind::Ind)
                .map(|round| ProviderReturn {
                    newest_status: statuses
                        .iter()
                        .find(|(id, _)| *id == round.id)
                        .map(|(_, status)| *status),
                    round,
                })
                .collect();
            returns.sort_by_key(|item| std::cmp::Reverse(item.round.id.return_id()));
            Ok::<_, ServiceError>(returns)
        })
        .await
    }

    /// A new submission token for the organisation's return `return_id` (`YYYYMM`): it names
    /// the return the organisation is working on for that round, or a new one opened in
    /// `Draft` under the round's rules. Each call answers a new token for the same submission;
    /// earlier tokens stay valid until they expire.
    pub async fn grant_submission_token(
        &self,
        caller: &Caller,
        organisation: Edumis,
        return_id: i64,
    ) -> Result<TokenGrant, ServiceError> {
        let now = self.clock().now()?;
        let actor = caller.actor.clone();
        self.blocking(move |conn| {
            dxp_persistence::connection::write_transaction(conn, |conn| {
                let round = dxp_persistence::rounds::list(conn, None)?
                    .into_iter()
                    .find(|round| i64::from(round.id.return_id()) == return_id)
                    .ok_or_else(|| {
                        dxp_persistence::StoreError::NotFound(format!(
                            "there is no return {return_id}; returns are named YYYYMM, e.g. 202604"
                        ))
                    })?;
                // Two requests for a return with no submission must not open two.
                dxp_persistence::organisations::lock(conn, organisation)?;
                let submission = match submissions::in_progress(conn, organisation, round.id)? {
                    Some(submission) => submission,
                    None => submissions::create(
                        conn,
                        organisation,
                        round.id,
                        SubmissionType::Return,
                        &actor,
                    )?,
                };
                let token = random_256_bit_hex();
                let expires_at = now + Duration::hours(SUBMISSION_TOKEN_HOURS);
                submission_tokens::insert(
                    conn,
                    &SubmissionToken {
                        token_hash: token_hash(&token),
                        submission_id: submission.id.clone(),
                        organisation,
                        expires_at,
                        created_by: actor.clone(),
                        created_at: now,
                    },
                )?;
                Ok::<_, dxp_persistence::StoreError>(TokenGrant {
                    token,
                    expires_at,
                    submission,
                    round,
                })
            })
        })
        .await
    }
}

/// What a submission token names, for one organisation.
#[derive(Debug, Clone)]
pub enum TokenLookup {
    /// The submission it names.
    Valid(Submission),
    /// It named one until then.
    Expired(DateTime<Utc>),
    /// No token of this organisation's.
    Unknown,
}

impl Service {
    /// The submission `token` names for `organisation`, now.
    pub async fn submission_of_token(
        &self,
        organisation: Edumis,
        token: &str,
    ) -> Result<TokenLookup, ServiceError> {
        let now = self.clock().now()?;
        let hash = token_hash(token);
        self.blocking(move |conn| {
            let Some(found) = submission_tokens::find(conn, &hash)? else {
                return Ok(TokenLookup::Unknown);
            };
            if found.organisation != organisation {
                return Ok(TokenLookup::Unknown);
            }
            if found.expires_at <= now {
                return Ok(TokenLookup::Expired(found.expires_at));
            }
            let submission = submissions::find(
                conn,
                &found.submission_id,
                dxp_persistence::submissions::Scope::Organisation(organisation),
            )?;
            Ok::<_, ServiceError>(TokenLookup::Valid(submission))
        })
        .await
    }
}

/// What became of a request to validate a submission.
#[derive(Debug, Clone)]
pub enum ValidationRequest {
    /// Queued: the validators take it up at once.
    Queued,
    /// The submission holds no record, so there is nothing to validate.
    NothingUploaded,
}

/// A submission with every validation run it has had, oldest first.
#[derive(Debug, Clone)]
pub struct ValidationRuns {
    pub submission: Submission,
    pub runs: Vec<Run>,
}

/// One problem of a submission with the record it is about, as stored (none for a problem
/// about no one record, or a record since deleted).
#[derive(Debug, Clone)]
pub struct ProblemWithRecord {
    pub problem: StoredProblem,
    pub file: Option<SdrFile>,
    pub record: Option<String>,
}

/// A numbered page of a submission's problems, and how many it has in all.
#[derive(Debug, Clone)]
pub struct ProblemPage {
    pub problems: Vec<ProblemWithRecord>,
    pub total: i64,
}

/// The reason the audit log keeps for a reset (the funder's P12).
const RESET_REASON: &str = "reset through the provider-based API: its submission tokens removed";

impl Service {
    /// Deletes the records of `file` with these `localId`s from the submission, all in one
    /// transaction, and answers for each whether it was there.
    pub async fn delete_records(
        &self,
        caller: &Caller,
        submission_id: &str,
        file: SdrFile,
        local_ids: Vec<String>,
    ) -> Result<Vec<bool>, ServiceError> {
        let (caller, id) = (caller.clone(), submission_id.to_owned());
        self.blocking(move |conn| {
            record_store::delete_many(conn, &id, caller.scope, &caller.actor, file, &local_ids)
        })
        .await
    }

    /// Queues the submission for validation unless it holds no record.
    pub async fn validate_uploaded(
        &self,
        caller: &Caller,
        submission_id: &str,
    ) -> Result<ValidationRequest, ServiceError> {
        let (reader, id) = (caller.clone(), submission_id.to_owned());
        let held: i64 = self
            .blocking(move |conn| {
                submissions::find(conn, &id, reader.scope)?;
                Ok::<_, ServiceError>(
                    record_store::counts(conn, &id)?
                        .iter()
                        .map(|(_, count)| count)
                        .sum(),
                )
            })
            .await?;
        if held == 0 {
            return Ok(ValidationRequest::NothingUploaded);
        }
        self.validate(caller, submission_id).await?;
        Ok(ValidationRequest::Queued)
    }

    /// The submission and every validation run it has had.
    pub async fn validation_runs(
        &self,
        caller: &Caller,
        submission_id: &str,
    ) -> Result<ValidationRuns, ServiceError> {
        let (scope, id) = (caller.scope, submission_id.to_owned());
        self.blocking(move |conn| {
            let submission = submissions::find(conn, &id, scope)?;
            let runs = jobs::runs(conn, &id)?;
            Ok::<_, ServiceError>(ValidationRuns { submission, runs })
        })
        .await
    }

    /// The page of the submission's problems from position `offset`, each with its record.
    pub async fn problems_with_records(
        &self,
        caller: &Caller,
        submission_id: &str,
        offset: i64,
        limit: i64,
    ) -> Result<ProblemPage, ServiceError> {
        let (scope, id) = (caller.scope, submission_id.to_owned());
        self.blocking(move |conn| {
            submissions::find(conn, &id, scope)?;
            let (found, total) = problems::numbered_page(conn, &id, offset, limit)?;
            let mut records = std::collections::HashMap::new();
            for file in SdrFile::EVERY {
                let local_ids: Vec<&str> = found
                    .iter()
                    .filter(|problem| problem.file == file.as_str())
                    .map(|problem| problem.local_id.as_str())
                    .collect();
                if !local_ids.is_empty() {
                    for (local_id, record) in
                        record_store::records_by_local_id(conn, &id, file, &local_ids)?
                    {
                        records.insert((file, local_id), record);
                    }
                }
            }
            let problems = found
                .into_iter()
                .map(|problem| {
                    let file = SdrFile::parse(&problem.file);
                    let record =
                        file.and_then(|file| records.remove(&(file, problem.local_id.clone())));
                    ProblemWithRecord {
                        problem,
                        file,
                        record,
                    }
                })
                .collect();
            Ok::<_, ServiceError>(ProblemPage { problems, total })
        })
        .await
    }

    /// Cancels the submission and forgets every token that names it, in one transaction, so
    /// the next token for its return opens a new one. Refused while it is being validated or
    /// once it is lodged, in the words of the state it is in.
    pub async fn reset_submission(
        &self,
        caller: &Caller,
        submission_id: &str,
    ) -> Result<(), ServiceError> {
        let (caller, id) = (caller.clone(), submission_id.to_owned());
        self.blocking(move |conn| {
            dxp_persistence::connection::write_transaction(conn, |conn| {
                submissions::cancel(conn, &id, caller.scope, &caller.actor, RESET_REASON)?;
                submission_tokens::delete_for_submission(conn, &id)?;
                Ok::<_, dxp_persistence::StoreError>(())
            })
        })
        .await
    }
}
