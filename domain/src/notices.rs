//! Notices: what DXP tells the people of an organisation when something happens that concerns
//! them (a return processed, rejected or lodged; a Stop Gate lifted), in the portal and, for
//! those who ask for that kind, by email. Each kind says in plain words what happened and
//! what to do next, and links to the page where it can be done.

use std::fmt;
use std::str::FromStr;

use crate::RoundId;
use crate::commitments::Decision;
use crate::documents::DocumentType;

/// What a notice is about. Each person chooses, kind by kind, which they are also emailed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// A return was validated with no errors: it can be lodged.
    SubmissionProcessed,
    /// A return was validated and has errors: it must be fixed before it can be lodged.
    SubmissionRejected,
    /// A return was lodged with the funder.
    SubmissionSubmitted,
    /// The funder lifted the Stop Gate for a round: a late return can be lodged.
    StopGateLifted,
    /// A return is due in 7 days and has not been lodged.
    ReturnDueInAWeek,
    /// A return is due within a day and has not been lodged.
    ReturnDueTomorrow,
    /// A collection round opened: its returns can be submitted.
    RoundOpened,
    /// DXP withdrew a training agreement that was in grace for 42 days.
    AgreementWithdrawn,
    /// The funder made a document available to read.
    DocumentAvailable,
    /// The funder made a document available that the organisation is to act on by a date.
    DocumentToAction,
    /// A person's daily digest: the notices of a day they chose to be emailed about, in one
    /// message. Not a notice of its own.
    DailyDigest,
    /// The funder provisioned a commitment (a MoP or an EPIC) to fill in by a date.
    CommitmentProvisioned,
    /// The funder accepted a submitted version of a commitment.
    CommitmentAccepted,
    /// The funder returned a submitted version of a commitment with a comment.
    CommitmentReturned,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 14] = [
        NoticeKind::SubmissionProcessed,
        NoticeKind::SubmissionRejected,
        NoticeKind::SubmissionSubmitted,
        NoticeKind::StopGateLifted,
        NoticeKind::ReturnDueInAWeek,
        NoticeKind::ReturnDueTomorrow,
        NoticeKind::RoundOpened,
        NoticeKind::AgreementWithdrawn,
        NoticeKind::DocumentAvailable,
        NoticeKind::DocumentToAction,
        NoticeKind::DailyDigest,
        NoticeKind::CommitmentProvisioned,
        NoticeKind::CommitmentAccepted,
        NoticeKind::CommitmentReturned,
    ];

    /// The kind's name on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::SubmissionProcessed => "submission-processed",
            NoticeKind::SubmissionRejected => "submission-rejected",
            NoticeKind::SubmissionSubmitted => "submission-submitted",
            NoticeKind::StopGateLifted => "stop-gate-lifted",
            NoticeKind::ReturnDueInAWeek => "return-due-in-a-week",
            NoticeKind::ReturnDueTomorrow => "return-due-tomorrow",
            NoticeKind::RoundOpened => "round-opened",
            NoticeKind::AgreementWithdrawn => "agreement-withdrawn",
            NoticeKind::DocumentAvailable => "document-available",
            NoticeKind::DocumentToAction => "document-to-action",
            NoticeKind::DailyDigest => "daily-digest",
            NoticeKind::CommitmentProvisioned => "commitment-provisioned",
            NoticeKind::CommitmentAccepted => "commitment-accepted",
            NoticeKind::CommitmentReturned => "commitment-returned",
        }
    }

    /// What a person choosing their email sees for the kind.
    pub fn description(self) -> &'static str {
        match self {
            NoticeKind::SubmissionProcessed => {
                "A data submission was validated with no errors and can be submitted"
            }
            NoticeKind::SubmissionRejected => {
                "A data submission was validated and has errors to fix"
            }
            NoticeKind::SubmissionSubmitted => "A data submission was submitted to the funder",
            NoticeKind::StopGateLifted => {
                "The funder lifted the Stop Gate so a late return can be submitted"
            }
            NoticeKind::ReturnDueInAWeek => "A return is due in 7 days and is not submitted yet",
            NoticeKind::ReturnDueTomorrow => {
                "A return is due within a day and is not submitted yet"
            }
            NoticeKind::RoundOpened => "A collection round opened for returns",
            NoticeKind::AgreementWithdrawn => {
                "A training agreement was withdrawn after 42 days in grace"
            }
            NoticeKind::DocumentAvailable => "The funder made a document available to read",
            NoticeKind::DocumentToAction => "The funder made a document available to act on",
            NoticeKind::DailyDigest => {
                "Once a day, with everything you chose to be emailed about that day"
            }
            NoticeKind::CommitmentProvisioned => {
                "The funder provisioned a commitment (a MoP or an EPIC) to fill in"
            }
            NoticeKind::CommitmentAccepted => "The funder accepted a submitted commitment",
            NoticeKind::CommitmentReturned => {
                "The funder returned a submitted commitment with a comment to act on"
            }
        }
    }

    /// Whether a person who has not chosen is emailed this kind: yes for what needs them to
    /// act or confirms what they did; no for a clean validation, which they usually follow
    /// on the page and which a submit soon follows.
    pub fn emailed_by_default(self) -> bool {
        !matches!(self, NoticeKind::SubmissionProcessed)
    }

    /// Whether a notice of the kind is about a document, whose email the person chooses by
    /// the document's type rather than by the kind.
    pub fn is_about_a_document(self) -> bool {
        matches!(
            self,
            NoticeKind::DocumentAvailable | NoticeKind::DocumentToAction
        )
    }

    /// Whether a person chooses by this kind whether they are emailed: not for a document
    /// (chosen by its type) nor for the digest (chosen on its own).
    pub fn is_chosen_by_kind(self) -> bool {
        !self.is_about_a_document() && self != NoticeKind::DailyDigest
    }
}

impl fmt::Display for NoticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A notice kind name DXP does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a kind of notice; the kinds are {kinds}", kinds = NoticeKind::ALL.map(NoticeKind::as_str).join(", "))]
pub struct UnknownNoticeKind(pub String);

impl FromStr for NoticeKind {
    type Err = UnknownNoticeKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NoticeKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownNoticeKind(text.to_owned()))
    }
}

/// A notice to send: its kind, a one-line title, what happened and what to do, in plain words,
/// and the portal page it is about (a path, such as `/submissions/{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub link: String,
    /// The type of the document it is about: a person's email choice for the type decides.
    pub document_type: Option<DocumentType>,
    /// About a commercial document: told only to those who may see one.
    pub commercial: bool,
}

/// What a notice about a submission says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionFacts {
    pub id: String,
    pub round: RoundId,
    pub errors: i64,
    pub warnings: i64,
}

fn plural(count: i64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

impl Notice {
    /// The notice that the funder provisioned a commitment, due by `due` (a date as people
    /// read it).
    pub fn commitment_provisioned(id: &str, title: &str, plan_year: i32, due: &str) -> Notice {
        Notice {
            kind: NoticeKind::CommitmentProvisioned,
            title: format!("A commitment to complete by {due}: {title} {plan_year}"),
            body: format!(
                "The funder has provisioned your {title} for {plan_year}. Fill it in (rows by \
                 webform, or a CSV upload for a MoP), check its errors, warnings and allocation \
                 tolerance, and submit it for the funder's review by {due}."
            ),
            link: format!("/commitments/{id}"),
            document_type: None,
            commercial: false,
        }
    }

    /// The notice of the funder's decision on version `version` of a commitment.
    pub fn commitment_decided(
        id: &str,
        title: &str,
        version: i32,
        decision: Decision,
        comment: Option<&str>,
    ) -> Notice {
        let (kind, heading, body) = if decision == Decision::Accepted {
            (
                NoticeKind::CommitmentAccepted,
                format!("The funder accepted version {version} of your {title}"),
                format!(
                    "Version {version} of your {title} is accepted. Nothing more is asked of you."
                ),
            )
        } else {
            (
                NoticeKind::CommitmentReturned,
                format!("The funder returned version {version} of your {title}"),
                format!(
                    "Version {version} of your {title} was returned: \"{}\". Correct it and \
                     submit it again; the next submission is a new version.",
                    comment.unwrap_or_default()
                ),
            )
        };
        Notice {
            kind,
            title: heading,
            body,
            link: format!("/commitments/{id}"),
            document_type: None,
            commercial: false,
        }
    }

    /// The notice of a submission reaching `kind` (processed, rejected or submitted); `None`
    /// for the kinds that are not about a submission.
    pub fn about_submission(kind: NoticeKind, facts: &SubmissionFacts) -> Option<Notice> {
        let warnings = plural(facts.warnings, "warning", "warnings");
        let (title, body) = match kind {
            NoticeKind::SubmissionProcessed => (
                format!("Your {} return passed validation", facts.round),
                format!(
                    "The {} return was validated with no errors ({warnings}). It has not been \
                     submitted yet: check the warnings, then submit it to the funder.",
                    facts.round
                ),
            ),
            NoticeKind::SubmissionRejected => (
                format!("Your {} return has errors to fix", facts.round),
                format!(
                    "The {} return was validated and has {} ({warnings}). It cannot be \
                     submitted until the errors are fixed: open it to see each problem and the \
                     record it is in, correct them, and validate again.",
                    facts.round,
                    plural(facts.errors, "error", "errors"),
                ),
            ),
            NoticeKind::SubmissionSubmitted => (
                format!("Your {} return was submitted", facts.round),
                format!(
                    "The {} return was submitted to the funder. Nothing more is needed unless \
                     the funder asks for changes.",
                    facts.round
                ),
            ),
            NoticeKind::StopGateLifted
            | NoticeKind::ReturnDueInAWeek
            | NoticeKind::ReturnDueTomorrow
            | NoticeKind::RoundOpened
            | NoticeKind::AgreementWithdrawn
            | NoticeKind::DocumentAvailable
            | NoticeKind::DocumentToAction
            | NoticeKind::DailyDigest
            | NoticeKind::CommitmentProvisioned
            | NoticeKind::CommitmentAccepted
            | NoticeKind::CommitmentReturned => return None,
        };
        Some(Notice {
            kind,
            title,
            body,
            link: format!("/data-submissions/{}", facts.id),
            document_type: None,
            commercial: false,
        })
    }

    /// The notice of the funder lifting the Stop Gate for `round` until `due`.
    pub fn stop_gate_lifted(round: RoundId, due: &str) -> Notice {
        Notice {
            kind: NoticeKind::StopGateLifted,
            title: format!("The Stop Gate for {round} was lifted"),
            body: format!(
                "The funder lifted the Stop Gate for the {round} return. Submit the processed \
                 return by {due}."
            ),
            link: "/data-submissions".to_owned(),
            document_type: None,
            commercial: false,
        }
    }
}

/// How close a return's due date is, for a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueMark {
    /// 7 days or less to go.
    Week,
    /// A day or less to go.
    Day,
}

impl DueMark {
    /// The mark `remaining` (the time to the due date) has reached, if any; none once it is
    /// past.
    pub fn reached(remaining: chrono::Duration) -> Option<DueMark> {
        if remaining <= chrono::Duration::zero() {
            None
        } else if remaining <= chrono::Duration::days(1) {
            Some(DueMark::Day)
        } else if remaining <= chrono::Duration::days(7) {
            Some(DueMark::Week)
        } else {
            None
        }
    }

    /// The mark's name where the reminders sent are kept.
    pub fn as_str(self) -> &'static str {
        match self {
            DueMark::Week => "7-days",
            DueMark::Day => "1-day",
        }
    }
}

impl Notice {
    /// The reminder that the `round` return, due at `due` (New Zealand time, as people read
    /// it), has reached `mark` and is not lodged.
    pub fn return_due(round: RoundId, mark: DueMark, due: &str) -> Notice {
        let (kind, when) = match mark {
            DueMark::Week => (NoticeKind::ReturnDueInAWeek, "in 7 days"),
            DueMark::Day => (NoticeKind::ReturnDueTomorrow, "within a day"),
        };
        Notice {
            kind,
            title: format!("Your {round} return is due {when}"),
            body: format!(
                "The {round} return is due by {due} and has not been submitted. Upload any \
                 files still to come, validate, fix any errors, and submit it before then; after \
                 the due date the Stop Gate closes and a late return needs the funder's lift."
            ),
            link: "/data-submissions".to_owned(),
            document_type: None,
            commercial: false,
        }
    }
}

impl Notice {
    /// The notice that the `round` collection round is open, its returns due at `due` (New
    /// Zealand time, as people read it).
    pub fn round_opened(round: RoundId, due: &str) -> Notice {
        Notice {
            kind: NoticeKind::RoundOpened,
            title: format!("The {round} round is open"),
            body: format!(
                "Returns for the {round} round can be submitted now. They are due by {due}."
            ),
            link: "/data-submissions".to_owned(),
            document_type: None,
            commercial: false,
        }
    }

    /// The notice that DXP withdrew the training agreement `local_id` on `date` after 42 days
    /// in grace (reason GE).
    pub fn agreement_withdrawn(local_id: &str, date: chrono::NaiveDate) -> Notice {
        Notice {
            kind: NoticeKind::AgreementWithdrawn,
            title: format!("Training agreement {local_id} was withdrawn"),
            body: format!(
                "Training agreement {local_id} was in grace for 42 days without being \
                 restarted, so DXP withdrew it on {date} (reason GE), with its open \
                 enrolments. If the learner is still training, create a new agreement.",
                date = date.format("%-d %B %Y")
            ),
            link: format!("/work-based/training-agreements/{local_id}"),
            document_type: None,
            commercial: false,
        }
    }
}

impl Notice {
    /// The notice that the funder made a document available: to read, or to act on by `due`
    /// (New Zealand date, as people read it).
    pub fn document_available(
        id: &str,
        title: &str,
        document_type: DocumentType,
        due: Option<&str>,
        commercial: bool,
    ) -> Notice {
        let (kind, body) = match due {
            Some(due) => (
                NoticeKind::DocumentToAction,
                format!(
                    "The funder has made \"{title}\" ({kind}) available, and your organisation \
                     is to act on it by {due}. Open it to read what is asked, then mark it \
                     actioned when it is done.",
                    kind = document_type.description().to_lowercase()
                ),
            ),
            None => (
                NoticeKind::DocumentAvailable,
                format!(
                    "The funder has made \"{title}\" ({kind}) available to read. Nothing is \
                     asked of you.",
                    kind = document_type.description().to_lowercase()
                ),
            ),
        };
        Notice {
            kind,
            title: match due {
                Some(due) => format!("A document to act on by {due}: {title}"),
                None => format!("A new document: {title}"),
            },
            body,
            link: format!("/documents/{id}"),
            document_type: Some(document_type),
            commercial,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RoundKind;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in NoticeKind::ALL {
            assert_eq!(kind.as_str().parse(), Ok(kind));
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::json!(kind.as_str())),
                "the wire name is the stored name"
            );
        }
        let unknown = "memo".parse::<NoticeKind>().expect_err("not a kind");
        assert!(
            unknown.to_string().contains("submission-rejected"),
            "{unknown}"
        );
    }

    #[test]
    fn a_rejected_return_says_how_many_errors_and_what_to_do() {
        let facts = SubmissionFacts {
            id: "s-1".to_owned(),
            round: RoundId::new(2026, RoundKind::Apr).expect("round"),
            errors: 3,
            warnings: 1,
        };
        let notice =
            Notice::about_submission(NoticeKind::SubmissionRejected, &facts).expect("a notice");
        assert_eq!(notice.title, "Your 2026-APR return has errors to fix");
        assert!(
            notice.body.contains("3 errors (1 warning)"),
            "{}",
            notice.body
        );
        assert!(notice.body.contains("validate again"));
        assert_eq!(notice.link, "/data-submissions/s-1");
        assert!(Notice::about_submission(NoticeKind::StopGateLifted, &facts).is_none());
    }

    #[test]
    fn a_reminder_fires_at_7_days_then_at_1_day_and_not_once_due() {
        let hours = chrono::Duration::hours;
        assert_eq!(DueMark::reached(hours(24 * 8)), None);
        assert_eq!(DueMark::reached(hours(24 * 7)), Some(DueMark::Week));
        assert_eq!(DueMark::reached(hours(25)), Some(DueMark::Week));
        assert_eq!(DueMark::reached(hours(24)), Some(DueMark::Day));
        assert_eq!(DueMark::reached(hours(1)), Some(DueMark::Day));
        assert_eq!(DueMark::reached(hours(0)), None);
        let round = RoundId::new(2026, RoundKind::Apr).expect("round");
        let notice = Notice::return_due(round, DueMark::Day, "5:00 pm Wednesday 29 April 2026");
        assert_eq!(notice.kind, NoticeKind::ReturnDueTomorrow);
        assert_eq!(notice.title, "Your 2026-APR return is due within a day");
        assert!(notice.body.contains("by 5:00 pm Wednesday 29 April 2026"));
    }

    #[test]
    fn a_withdrawn_agreement_says_when_and_why() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let notice = Notice::agreement_withdrawn("TA-1", date);
        assert_eq!(notice.title, "Training agreement TA-1 was withdrawn");
        assert!(
            notice.body.contains("on 1 June 2026 (reason GE)"),
            "{}",
            notice.body
        );
        let round = RoundId::new(2026, RoundKind::Aug).expect("round");
        assert_eq!(
            Notice::round_opened(round, "5:00 pm Fri 11 Sep 2026 NZST").title,
            "The 2026-AUG round is open"
        );
    }

    #[test]
    fn only_a_clean_validation_is_not_emailed_unless_asked() {
        let quiet: Vec<NoticeKind> = NoticeKind::ALL
            .into_iter()
            .filter(|kind| !kind.emailed_by_default())
            .collect();
        assert_eq!(quiet, [NoticeKind::SubmissionProcessed]);
    }
}
