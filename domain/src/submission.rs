//! The submission state machine: one table of legal transitions, and nothing else decides.
//!
//! A submission is a return being assembled for one organisation and round. It accumulates
//! records while `Draft`, is checked (`Queued` → `Validating` → `Processed` with zero errors or
//! `Rejected`), and a `Processed` return is lodged as `Submitted`. Changing the records of a
//! checked return sends it back to `Draft`, because the old verdict no longer holds. A later
//! `Submitted` return for the same organisation and round marks the earlier one `Superseded`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a submission is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum SubmissionStatus {
    /// Accepting records.
    Draft,
    /// Waiting for a validation run.
    Queued,
    /// Being validated.
    Validating,
    /// Validated with zero errors (warnings allowed): may be submitted.
    Processed,
    /// Validated with one or more errors: fix the records and validate again.
    Rejected,
    /// Lodged with the funder.
    Submitted,
    /// Lodged, then replaced by a later lodged return for the same organisation and round.
    Superseded,
    /// Abandoned by the organisation.
    Cancelled,
}

/// What can happen to a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubmissionEvent {
    /// Records were added, replaced or deleted.
    RecordsChanged,
    /// Validation was requested.
    ValidationRequested,
    /// A validator took the job.
    ValidationStarted,
    /// Validation ended with no errors.
    ValidationPassed,
    /// Validation ended with errors.
    ValidationFailed,
    /// A validator gave up on the job (it will be queued again).
    ValidationAbandoned,
    /// The organisation lodged the return.
    Submit,
    /// A later return for the same organisation and round was lodged.
    Supersede,
    /// The organisation abandoned the submission.
    Cancel,
}

use SubmissionEvent as E;
use SubmissionStatus as S;

/// Every legal transition: (from, event, to). Anything not here is refused.
pub const TRANSITIONS: &[(SubmissionStatus, SubmissionEvent, SubmissionStatus)] = &[
    (S::Draft, E::RecordsChanged, S::Draft),
    (S::Processed, E::RecordsChanged, S::Draft),
    (S::Rejected, E::RecordsChanged, S::Draft),
    (S::Draft, E::ValidationRequested, S::Queued),
    (S::Processed, E::ValidationRequested, S::Queued),
    (S::Rejected, E::ValidationRequested, S::Queued),
    (S::Queued, E::ValidationStarted, S::Validating),
    (S::Validating, E::ValidationPassed, S::Processed),
    (S::Validating, E::ValidationFailed, S::Rejected),
    (S::Validating, E::ValidationAbandoned, S::Queued),
    (S::Processed, E::Submit, S::Submitted),
    (S::Submitted, E::Supersede, S::Superseded),
    (S::Draft, E::Cancel, S::Cancelled),
    (S::Processed, E::Cancel, S::Cancelled),
    (S::Rejected, E::Cancel, S::Cancelled),
];

/// A transition the table does not allow, with a reason a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct IllegalTransition {
    pub from: SubmissionStatus,
    pub event: SubmissionEvent,
    pub reason: String,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 8] = [
        S::Draft,
        S::Queued,
        S::Validating,
        S::Processed,
        S::Rejected,
        S::Submitted,
        S::Superseded,
        S::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            S::Draft => "Draft",
            S::Queued => "Queued",
            S::Validating => "Validating",
            S::Processed => "Processed",
            S::Rejected => "Rejected",
            S::Submitted => "Submitted",
            S::Superseded => "Superseded",
            S::Cancelled => "Cancelled",
        }
    }

    /// Whether the submission can never change again.
    pub fn is_final(self) -> bool {
        matches!(self, S::Submitted | S::Superseded | S::Cancelled)
    }

    /// The status after `event`, or why it cannot happen now.
    pub fn apply(self, event: SubmissionEvent) -> Result<SubmissionStatus, IllegalTransition> {
        TRANSITIONS
            .iter()
            .find(|(from, on, _)| *from == self && *on == event)
            .map(|(_, _, to)| *to)
            .ok_or_else(|| IllegalTransition {
                from: self,
                event,
                reason: refusal(self, event),
            })
    }
}

/// What a validation run concludes from the errors and warnings the submission holds once the
/// rules have run (each record's own, from its upload, and those across records and files):
/// `Processed` with no error at all (warnings allowed), `Rejected` otherwise. The store records
/// it; this is the one place that decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// [`SubmissionEvent::ValidationPassed`] or [`SubmissionEvent::ValidationFailed`].
    pub event: SubmissionEvent,
    /// The audit log's reason for the change, with the counts.
    pub summary: String,
}

impl Verdict {
    pub fn of(error_count: i64, warning_count: i64) -> Verdict {
        if error_count == 0 {
            Verdict {
                event: E::ValidationPassed,
                summary: format!("validated: 0 errors, {warning_count} warning(s)"),
            }
        } else {
            Verdict {
                event: E::ValidationFailed,
                summary: format!("validated: {error_count} error(s), {warning_count} warning(s)"),
            }
        }
    }
}

fn refusal(from: SubmissionStatus, event: SubmissionEvent) -> String {
    match (from, event) {
        (S::Submitted, _) => {
            "the submission has been submitted and can no longer change; open a new submission for the round to resubmit".to_owned()
        }
        (S::Superseded, _) => {
            "the submission was superseded by a later submitted return and can no longer change".to_owned()
        }
        (S::Cancelled, _) => "the submission was cancelled and can no longer change".to_owned(),
        (S::Queued | S::Validating, E::RecordsChanged | E::Cancel | E::ValidationRequested) => format!(
            "the submission is {}; wait for the validation to finish (poll the submission) and try again",
            from.as_str()
        ),
        (_, E::Submit) => format!(
            "only a Processed submission (validated with zero errors) can be submitted; this one is {}",
            from.as_str()
        ),
        _ => format!("a {} submission cannot take the event {event:?}", from.as_str()),
    }
}

impl fmt::Display for SubmissionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status name that is not one of the eight.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown status '{0}'; expected Draft, Queued, Validating, Processed, Rejected, Submitted, Superseded or Cancelled"
)]
pub struct UnknownStatus(pub String);

impl FromStr for SubmissionStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SubmissionStatus::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENTS: [SubmissionEvent; 9] = [
        E::RecordsChanged,
        E::ValidationRequested,
        E::ValidationStarted,
        E::ValidationPassed,
        E::ValidationFailed,
        E::ValidationAbandoned,
        E::Submit,
        E::Supersede,
        E::Cancel,
    ];

    #[test]
    fn the_happy_path_ends_submitted() {
        let mut status = S::Draft;
        for event in [
            E::RecordsChanged,
            E::ValidationRequested,
            E::ValidationStarted,
            E::ValidationPassed,
            E::Submit,
        ] {
            status = status.apply(event).expect("legal");
        }
        assert_eq!(status, S::Submitted);
    }

    #[test]
    fn a_rejected_return_can_be_fixed_and_processed() {
        let rejected = S::Queued
            .apply(E::ValidationStarted)
            .and_then(|s| s.apply(E::ValidationFailed))
            .expect("legal");
        assert_eq!(rejected, S::Rejected);
        assert_eq!(rejected.apply(E::RecordsChanged), Ok(S::Draft));
        assert!(rejected.apply(E::Submit).is_err());
    }

    #[test]
    fn final_statuses_take_no_event_but_supersede() {
        for status in [S::Submitted, S::Superseded, S::Cancelled] {
            for event in EVENTS {
                let outcome = status.apply(event);
                if status == S::Submitted && event == E::Supersede {
                    assert_eq!(outcome, Ok(S::Superseded));
                } else {
                    let error = outcome.expect_err("final statuses are final");
                    assert!(
                        error.reason.contains("can no longer change"),
                        "{}",
                        error.reason
                    );
                }
            }
        }
    }

    #[test]
    fn exactly_the_table_is_legal() {
        let mut legal = 0;
        for status in S::ALL {
            for event in EVENTS {
                if status.apply(event).is_ok() {
                    legal += 1;
                }
            }
        }
        assert_eq!(legal, TRANSITIONS.len(), "the table has duplicate entries");
    }

    #[test]
    fn records_cannot_change_during_validation() {
        for status in [S::Queued, S::Validating] {
            let error = status.apply(E::RecordsChanged).expect_err("locked");
            assert!(
                error.reason.contains("wait for the validation"),
                "{}",
                error.reason
            );
        }
    }

    #[test]
    fn no_error_is_processed_whatever_the_warnings_and_one_error_is_rejected() {
        let passed = Verdict::of(0, 7);
        assert_eq!(S::Validating.apply(passed.event), Ok(S::Processed));
        assert_eq!(passed.summary, "validated: 0 errors, 7 warning(s)");
        let failed = Verdict::of(1, 0);
        assert_eq!(S::Validating.apply(failed.event), Ok(S::Rejected));
        assert_eq!(failed.summary, "validated: 1 error(s), 0 warning(s)");
    }

    #[test]
    fn statuses_parse_and_print() {
        for status in S::ALL {
            assert_eq!(status.as_str().parse::<SubmissionStatus>(), Ok(status));
        }
        assert!("Pending".parse::<SubmissionStatus>().is_err());
    }
}
