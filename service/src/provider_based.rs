//! The use cases behind the funder's provider-based SDR API (`/submissions/v1.0`): the returns
//! an organisation may send, and the submission tokens an SMS names its submission by. The
//! submission underneath is the same one `/api/v1` shows, under the same round rules.

use chrono::{DateTime, Duration, Utc};
use dxp_domain::Edumis;
use dxp_domain::calendar::{Round, RoundKind};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
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
            let round = dxp_persistence::rounds::list(conn, None)?
                .into_iter()
                .find(|round| i64::from(round.id.return_id()) == return_id)
                .ok_or_else(|| {
                    ServiceError::NotFound(format!(
                        "there is no return {return_id}; returns are named YYYYMM, e.g. 202604"
                    ))
                })?;
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
            Ok::<_, ServiceError>(TokenGrant {
                token,
                expires_at,
                submission,
                round,
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
