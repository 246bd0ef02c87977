//! Notices: what DXP tells the people of an organisation when something happens that concerns
//! them (a return processed, rejected or lodged; a Stop Gate lifted), in the portal and, for
//! those who ask for that kind, by email. Each kind says in plain words what happened and
//! what to do next, and links to the page where it can be done.

use std::fmt;
use std::str::FromStr;

use crate::RoundId;

/// What a notice is about. Each person chooses, kind by kind, which they are also emailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// A return was validated with no errors: it can be lodged.
    SubmissionProcessed,
    /// A return was validated and has errors: it must be fixed before it can be lodged.
    SubmissionRejected,
    /// A return was lodged with the funder.
    SubmissionSubmitted,
    /// The funder lifted the Stop Gate for a round: a late return can be lodged.
    StopGateLifted,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 4] = [
        NoticeKind::SubmissionProcessed,
        NoticeKind::SubmissionRejected,
        NoticeKind::SubmissionSubmitted,
        NoticeKind::StopGateLifted,
    ];

    /// The kind's name on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::SubmissionProcessed => "submission-processed",
            NoticeKind::SubmissionRejected => "submission-rejected",
            NoticeKind::SubmissionSubmitted => "submission-submitted",
            NoticeKind::StopGateLifted => "stop-gate-lifted",
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
        }
    }

    /// Whether a person who has not chosen is emailed this kind: yes for what needs them to
    /// act or confirms what they did; no for a clean validation, which they usually follow
    /// on the page and which a submit soon follows.
    pub fn emailed_by_default(self) -> bool {
        !matches!(self, NoticeKind::SubmissionProcessed)
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
            NoticeKind::StopGateLifted => return None,
        };
        Some(Notice {
            kind,
            title,
            body,
            link: format!("/submissions/{}", facts.id),
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
            link: "/submissions".to_owned(),
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
        assert_eq!(notice.link, "/submissions/s-1");
        assert!(Notice::about_submission(NoticeKind::StopGateLifted, &facts).is_none());
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
