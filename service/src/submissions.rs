//! A submission's life: open it for a round, read it (with its counts, history and the progress
//! of its validation), list them, queue its validation, lodge it with the funder, cancel it.

use chrono::{DateTime, Utc};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId, SdrFile};
use dxp_persistence::jobs::Progress;
use dxp_persistence::paging::PageRequest;
use dxp_persistence::submissions::{self, ListCursor, ListFilter, Submission};
use dxp_persistence::{DbConnection, StoreError};

use crate::{Caller, Service, ServiceError};

/// The longest cancellation reason the audit log keeps.
pub const MAX_REASON_CHARS: usize = 500;

/// The reason kept when a cancellation gives none.
pub const DEFAULT_CANCEL_REASON: &str = "cancelled by the organisation";

/// One change of a submission's status, from its audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The status before; `None` for the submission's creation.
    pub from: Option<SubmissionStatus>,
    pub to: SubmissionStatus,
    pub at: DateTime<Utc>,
    /// The token subject, or `system`.
    pub actor: String,
    pub reason: Option<String>,
}

/// A submission with what a reader wants beside it.
#[derive(Debug, Clone)]
pub struct SubmissionDetail {
    pub submission: Submission,
    /// Records held per file.
    pub record_counts: Vec<(SdrFile, i64)>,
    /// How far the latest validation got, once one was asked for.
    pub progress: Option<Progress>,
    /// Every change of status, oldest first.
    pub history: Vec<StatusChange>,
}

/// A page of submissions, each with its record counts.
#[derive(Debug, Clone)]
pub struct SubmissionList {
    pub submissions: Vec<(Submission, Vec<(SdrFile, i64)>)>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<ListCursor>,
}

/// The status changes of a submission's audit trail; events that are not status changes
/// (uploads keep the status) are left out.
fn status_changes(conn: &mut DbConnection, id: &str) -> Result<Vec<StatusChange>, StoreError> {
    Ok(submissions::history(conn, id)?
        .into_iter()
        .filter_map(|event| {
            let to = event.to_state.as_deref()?.parse().ok()?;
            let from = event
                .from_state
                .as_deref()
                .and_then(|from| from.parse().ok());
            Some(StatusChange {
                from,
                to,
                at: event.occurred_at,
                actor: event.actor,
                reason: event.reason,
            })
        })
        .collect())
}

/// Reads a submission the caller may see, with its counts, progress and history.
pub fn detail(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &str,
) -> Result<SubmissionDetail, StoreError> {
    let submission = submissions::find(conn, id, caller.scope)?;
    Ok(SubmissionDetail {
        record_counts: submissions::record_counts(conn, id)?,
        progress: dxp_persistence::jobs::progress(conn, id)?,
        history: status_changes(conn, id)?,
        submission,
    })
}

/// The reason a cancellation keeps: the one given, or [`DEFAULT_CANCEL_REASON`]; one longer
/// than the audit log keeps is refused.
pub fn cancel_reason(given: Option<String>) -> Result<String, ServiceError> {
    let reason = given.unwrap_or_else(|| DEFAULT_CANCEL_REASON.to_owned());
    let length = reason.chars().count();
    if length > MAX_REASON_CHARS {
        return Err(ServiceError::BadInput(format!(
            "reason: {length} characters is more than the {MAX_REASON_CHARS} kept"
        )));
    }
    Ok(reason)
}

impl Service {
    /// Opens a submission in `Draft` for `organisation` and a round; returns it as read back.
    pub async fn open_submission(
        &self,
        caller: &Caller,
        organisation: Edumis,
        round: RoundId,
        submission_type: SubmissionType,
    ) -> Result<SubmissionDetail, ServiceError> {
        let caller = caller.clone();
        self.blocking(move |conn| {
            let created =
                submissions::create(conn, organisation, round, submission_type, &caller.actor)?;
            detail(conn, &caller, &created.id)
        })
        .await
    }

    /// The submission as stored, when the caller may see it; no counts or history.
    pub async fn find_submission(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Submission, ServiceError> {
        let (scope, id) = (caller.scope, id.to_owned());
        self.blocking(move |conn| submissions::find(conn, &id, scope))
            .await
    }

    /// Reads one submission the caller may see, with its counts, progress and history.
    pub async fn submission(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<SubmissionDetail, ServiceError> {
        let (caller, id) = (caller.clone(), id.to_owned());
        self.blocking(move |conn| detail(conn, &caller, &id)).await
    }

    /// A page of at most `limit` of the submissions the caller may see, newest first.
    pub async fn list_submissions(
        &self,
        caller: &Caller,
        filter: ListFilter,
        cursor: Option<ListCursor>,
        limit: i64,
    ) -> Result<SubmissionList, ServiceError> {
        let scope = caller.scope;
        self.blocking(move |conn| {
            // Two queries however long the page: the submissions, then all their counts.
            let page = submissions::list_with_record_counts(
                conn,
                scope,
                &filter,
                &PageRequest::new(cursor, limit),
            )?;
            Ok::<_, StoreError>(SubmissionList {
                submissions: page.items,
                next: page.next,
            })
        })
        .await
    }

    /// Queues a submission for validation and rings this node's validators; the verdict comes
    /// later (`Processed` with no error, `Rejected` otherwise). Returns it as queued.
    pub async fn validate(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<SubmissionDetail, ServiceError> {
        let (queuing, queued_id) = (caller.clone(), id.to_owned());
        self.blocking(move |conn| {
            submissions::request_validation(conn, &queued_id, queuing.scope, &queuing.actor)
        })
        .await?;
        self.validation_bell().ring();
        self.submission(caller, id).await
    }

    /// Lodges a `Processed` submission with the funder now (by the service's clock), under the
    /// round's rules; a refusal names its rule. Returns it as lodged.
    pub async fn lodge(&self, caller: &Caller, id: &str) -> Result<SubmissionDetail, ServiceError> {
        let now = self.clock().now()?;
        let (caller, id) = (caller.clone(), id.to_owned());
        let lodged = self
            .blocking(move |conn| {
                let lodged = submissions::submit(conn, &id, caller.scope, &caller.actor, now)?;
                Ok::<_, ServiceError>((lodged.organisation, detail(conn, &caller, &id)?))
            })
            .await?;
        // The information products' facts and indicators are made now, in their own
        // transactions, so that a page of them opens at once. The lodging stands if this
        // fails: the scheduled sweep makes what is missing or out of date.
        if let Err(error) = self.refresh_insights(Some(lodged.0)).await {
            tracing::warn!(error = %error, "the lodged return's information products will be made by the next sweep");
        }
        Ok(lodged.1)
    }

    /// Cancels a `Draft`, `Processed` or `Rejected` submission, keeping `reason` (or
    /// [`DEFAULT_CANCEL_REASON`]) in the audit log. Returns it as cancelled.
    pub async fn cancel(
        &self,
        caller: &Caller,
        id: &str,
        reason: Option<String>,
    ) -> Result<SubmissionDetail, ServiceError> {
        let reason = cancel_reason(reason)?;
        let (caller, id) = (caller.clone(), id.to_owned());
        self.blocking(move |conn| {
            submissions::cancel(conn, &id, caller.scope, &caller.actor, &reason)?;
            detail(conn, &caller, &id)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancellation_keeps_its_reason_or_the_default_and_refuses_one_too_long() {
        assert_eq!(cancel_reason(None).unwrap(), DEFAULT_CANCEL_REASON);
        assert_eq!(
            cancel_reason(Some("duplicate".to_owned())).unwrap(),
            "duplicate"
        );
        let longest = "é".repeat(MAX_REASON_CHARS);
        assert_eq!(cancel_reason(Some(longest.clone())).unwrap(), longest);
        let refused = cancel_reason(Some("x".repeat(MAX_REASON_CHARS + 1)));
        assert!(
            matches!(&refused, Err(ServiceError::BadInput(message)) if message.contains("501 characters")),
            "{refused:?}"
        );
    }
}
