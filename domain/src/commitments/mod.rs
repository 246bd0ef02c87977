//! Commitments (`sdr-domain.md` §5): the Mix of Provision (MoP) templates and the EPIC the
//! funder provisions for an organisation, fund and plan year, with a due date. The organisation
//! fills one in (MoP rows one by one or by CSV; EPIC Year 1–3 values), submits it for the
//! funder's review as a numbered version, and the funder accepts or returns that version.
//!
//! - [`Template`]: the families and their columns ([`Column`]); the funder's column lists for
//!   the DQ families are not public (§8.10), so DXP's are in `docs/commitments.md`.
//! - [`reference`]: the closed lists the drop-downs offer.
//! - [`check`]: the rules (`MOP-…`, `EPIC-…`), the computed columns, the totals and the
//!   allocation tolerance.
//! - [`epic`]: the EPIC's pre-populated rows.
//! - [`compare`]: two versions side by side, row by row.
//! - [`CommitmentState`]: the one table of legal transitions.

pub mod check;
pub mod compare;
pub mod epic;
pub mod reference;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use reference::{
    ChoiceList, FUNDING_CATEGORIES, LITERACY_PROGRAMMES, MODES_OF_DELIVERY, PRIORITY_GROUPS,
    PRIORITY_PROVISION, REGIONS, YES_NO,
};

/// A row's values by column name, as entered (computed columns are filled by [`check`]).
pub type RowValues = BTreeMap<String, String>;

/// A commitment template: one MoP family, or the EPIC.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    /// Delivery at levels 3–7 (non-degree) and all industry training.
    #[serde(rename = "dq3-7")]
    Dq37,
    /// Delivery at level 7 (degree) and above.
    #[serde(rename = "dq7-plus")]
    Dq7Plus,
    /// Delivery at levels 1–2.
    #[serde(rename = "dq1-2")]
    Dq12,
    /// Youth Guarantee qualifications (levels 1–3).
    YgQualification,
    /// Intensive and workplace literacy and numeracy, English language teaching.
    IlnWlnElt,
    /// Adult and community education in schools.
    AceInSchools,
    /// Adult and community education in communities.
    AceInCommunities,
    /// Work-based DQ3-7 delivered by assessment and verification (spec 002).
    AssessmentAndVerification,
    /// Work-based DQ3-7 delivered as pathway to work (spec 002).
    PathwayToWork,
    /// Work-based DQ3-7 delivered in mixed mode, off-job (spec 002).
    MixedMode,
    /// The Educational Performance Indicator Commitments: webform only.
    Epic,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Free text up to `max` characters.
    Text { max: usize },
    /// One value of a closed list.
    Choice(ChoiceList),
    /// A decimal with at most `places` decimal places, greater than zero.
    Decimal { places: u32 },
    /// A whole number from `min` to `max`.
    Whole { min: i64, max: i64 },
    /// Filled by DXP: absent from an uploaded CSV, shown in the webform and the export.
    Computed,
    /// Pre-populated by the funder at provisioning (an EPIC's description): read only.
    Fixed,
    /// An EPIC year's value: a number or a percentage as the row's measure requires.
    Measure,
}

/// One column of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The camelCase name the API and CSV headers use.
    pub name: &'static str,
    /// The title a CSV header and the webform show.
    pub title: &'static str,
    pub kind: ColumnKind,
    pub mandatory: bool,
}

const fn column(
    name: &'static str,
    title: &'static str,
    kind: ColumnKind,
    mandatory: bool,
) -> Column {
    Column {
        name,
        title,
        kind,
        mandatory,
    }
}

/// The comments column every MoP ends with: not part of the Plan.
const COMMENTS: Column = column("comments", "Comments", ColumnKind::Text { max: 80 }, false);
const FUNDED_VALUE: Column = column("fundedValue", "Funded value", ColumnKind::Computed, false);
const TOTAL_HOURS: Column = column(
    "totalIntendedLearnerHours",
    "Total intended learner hours",
    ColumnKind::Computed,
    false,
);
const HOURS_PER_LEARNER: Column = column(
    "hoursPerLearner",
    "Hours per learner",
    ColumnKind::Decimal { places: 2 },
    true,
);
const NUMBER_OF_LEARNERS: Column = column(
    "numberOfLearners",
    "Number of learners",
    ColumnKind::Whole {
        min: 1,
        max: 1_000_000,
    },
    true,
);
const REGION: Column = column(
    "regionOfDelivery",
    "Region of delivery",
    ColumnKind::Choice(REGIONS),
    true,
);
const PRIORITY_GROUP: Column = column(
    "targetPriorityGroup",
    "Target priority group",
    ColumnKind::Choice(PRIORITY_GROUPS),
    true,
);
const FUNDING_CATEGORY: Column = column(
    "fundingCategory",
    "Funding category",
    ColumnKind::Choice(FUNDING_CATEGORIES),
    true,
);

const ACE_COLUMNS: &[Column] = &[
    column(
        "courseTitle",
        "Course title",
        ColumnKind::Text { max: 255 },
        true,
    ),
    REGION,
    column(
        "priorityProvision1",
        "Priority provision (1)",
        ColumnKind::Choice(PRIORITY_PROVISION),
        true,
    ),
    column(
        "priorityProvision2",
        "Priority provision (2)",
        ColumnKind::Choice(PRIORITY_PROVISION),
        false,
    ),
    PRIORITY_GROUP,
    HOURS_PER_LEARNER,
    NUMBER_OF_LEARNERS,
    TOTAL_HOURS,
    FUNDED_VALUE,
    COMMENTS,
];

const LITERACY_COLUMNS: &[Column] = &[
    column(
        "programme",
        "Programme",
        ColumnKind::Choice(LITERACY_PROGRAMMES),
        true,
    ),
    column(
        "programmeTitle",
        "Programme title",
        ColumnKind::Text { max: 255 },
        true,
    ),
    REGION,
    PRIORITY_GROUP,
    HOURS_PER_LEARNER,
    NUMBER_OF_LEARNERS,
    TOTAL_HOURS,
    FUNDED_VALUE,
    COMMENTS,
];

/// The columns of a DQ family, whose levels differ.
macro_rules! dq_columns {
    ($min:expr, $max:expr) => {
        &[
            column(
                "qualificationOrSubjectArea",
                "Qualification or subject area",
                ColumnKind::Text { max: 255 },
                true,
            ),
            FUNDING_CATEGORY,
            column(
                "nzqcfLevel",
                "NZQCF level",
                ColumnKind::Whole {
                    min: $min,
                    max: $max,
                },
                true,
            ),
            column(
                "modeOfDelivery",
                "Mode of delivery",
                ColumnKind::Choice(MODES_OF_DELIVERY),
                true,
            ),
            column("efts", "EFTS", ColumnKind::Decimal { places: 3 }, true),
            column(
                "planAgreedUnfunded",
                "Plan-agreed unfunded",
                ColumnKind::Choice(YES_NO),
                false,
            ),
            FUNDED_VALUE,
            COMMENTS,
        ]
    };
}

const DQ37_COLUMNS: &[Column] = dq_columns!(3, 7);
const DQ7_PLUS_COLUMNS: &[Column] = dq_columns!(7, 10);
const DQ12_COLUMNS: &[Column] = dq_columns!(1, 2);
const YG_COLUMNS: &[Column] = dq_columns!(1, 3);

const WORK_BASED_COLUMNS: &[Column] = &[
    column(
        "programmeOrQualification",
        "Programme or qualification",
        ColumnKind::Text { max: 255 },
        true,
    ),
    FUNDING_CATEGORY,
    column(
        "nzqcfLevel",
        "NZQCF level",
        ColumnKind::Whole { min: 1, max: 7 },
        true,
    ),
    NUMBER_OF_LEARNERS,
    column(
        "standardTrainingMeasures",
        "Standard training measures",
        ColumnKind::Decimal { places: 3 },
        true,
    ),
    FUNDED_VALUE,
    COMMENTS,
];

const EPIC_COLUMNS: &[Column] = &[
    column("epicType", "EPIC type", ColumnKind::Fixed, true),
    column("description", "EPIC description", ColumnKind::Fixed, true),
    column("learnerAge", "Learner age", ColumnKind::Fixed, true),
    column(
        "learnerEthnicity",
        "Learner ethnicity",
        ColumnKind::Fixed,
        true,
    ),
    column("levelBand", "NZQCF level band", ColumnKind::Fixed, true),
    column("measure", "Measure", ColumnKind::Fixed, true),
    column("year1", "Year 1", ColumnKind::Measure, true),
    column("year2", "Year 2", ColumnKind::Measure, true),
    column("year3", "Year 3", ColumnKind::Measure, true),
];

/// Where a row's funding category or mode of delivery comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKey {
    /// The value of this column.
    Column(&'static str),
    /// Always this value.
    Fixed(&'static str),
}

/// How a MoP row's funded value is computed: volume × the rate for the fund, plan year,
/// category and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Funding {
    /// The volume: an entered decimal column, or hours per learner × learners.
    pub volume: Volume,
    pub category: RateKey,
    pub mode: RateKey,
    /// The column that marks Plan-agreed unfunded provision, when the family has one.
    pub unfunded: Option<&'static str>,
}

/// A row's volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Volume {
    /// This decimal column's value (EFTS, standard training measures).
    Entered(&'static str),
    /// Hours per learner × number of learners, kept in `totalIntendedLearnerHours`.
    LearnerHours,
}

impl Template {
    pub const ALL: [Template; 11] = [
        Template::Dq37,
        Template::Dq7Plus,
        Template::Dq12,
        Template::YgQualification,
        Template::IlnWlnElt,
        Template::AceInSchools,
        Template::AceInCommunities,
        Template::AssessmentAndVerification,
        Template::PathwayToWork,
        Template::MixedMode,
        Template::Epic,
    ];

    /// The name on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Dq37 => "dq3-7",
            Template::Dq7Plus => "dq7-plus",
            Template::Dq12 => "dq1-2",
            Template::YgQualification => "yg-qualification",
            Template::IlnWlnElt => "iln-wln-elt",
            Template::AceInSchools => "ace-in-schools",
            Template::AceInCommunities => "ace-in-communities",
            Template::AssessmentAndVerification => "assessment-and-verification",
            Template::PathwayToWork => "pathway-to-work",
            Template::MixedMode => "mixed-mode",
            Template::Epic => "epic",
        }
    }

    /// What a person calls it.
    pub fn title(self) -> &'static str {
        match self {
            Template::Dq37 => "DQ3-7 Mix of Provision",
            Template::Dq7Plus => "DQ7+ Mix of Provision",
            Template::Dq12 => "DQ1-2 Mix of Provision",
            Template::YgQualification => "Youth Guarantee Qualification Mix of Provision",
            Template::IlnWlnElt => "ILN, WLN and ELT Mix of Provision",
            Template::AceInSchools => "ACE in Schools Mix of Provision",
            Template::AceInCommunities => "ACE in Communities Mix of Provision",
            Template::AssessmentAndVerification => "Assessment and verification mode",
            Template::PathwayToWork => "Pathway to work mode",
            Template::MixedMode => "Mixed mode (off-job)",
            Template::Epic => "DQ1-10 EPIC",
        }
    }

    /// The fund the template's funding rates are loaded for.
    pub fn fund(self) -> &'static str {
        match self {
            Template::Dq37
            | Template::AssessmentAndVerification
            | Template::PathwayToWork
            | Template::MixedMode => "DQ3-7",
            Template::Dq7Plus => "DQ7+",
            Template::Dq12 => "DQ1-2",
            Template::YgQualification => "YG",
            Template::IlnWlnElt => "ILN-WLN-ELT",
            Template::AceInSchools | Template::AceInCommunities => "ACE",
            Template::Epic => "DQ1-10",
        }
    }

    /// Whether it is the EPIC (webform only, pre-populated rows, no funded value).
    pub fn is_epic(self) -> bool {
        self == Template::Epic
    }

    /// The columns, in the order of the webform, the CSV and the export.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Template::Dq37 => DQ37_COLUMNS,
            Template::Dq7Plus => DQ7_PLUS_COLUMNS,
            Template::Dq12 => DQ12_COLUMNS,
            Template::YgQualification => YG_COLUMNS,
            Template::IlnWlnElt => LITERACY_COLUMNS,
            Template::AceInSchools | Template::AceInCommunities => ACE_COLUMNS,
            Template::AssessmentAndVerification | Template::PathwayToWork | Template::MixedMode => {
                WORK_BASED_COLUMNS
            }
            Template::Epic => EPIC_COLUMNS,
        }
    }

    /// The column with this name.
    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|column| column.name == name)
    }

    /// How a row's funded value is computed; `None` for the EPIC.
    pub fn funding(self) -> Option<Funding> {
        let dq = Funding {
            volume: Volume::Entered("efts"),
            category: RateKey::Column("fundingCategory"),
            mode: RateKey::Column("modeOfDelivery"),
            unfunded: Some("planAgreedUnfunded"),
        };
        let work_based = |mode| Funding {
            volume: Volume::Entered("standardTrainingMeasures"),
            category: RateKey::Column("fundingCategory"),
            mode: RateKey::Fixed(mode),
            unfunded: None,
        };
        Some(match self {
            Template::Dq37 | Template::Dq7Plus | Template::Dq12 | Template::YgQualification => dq,
            Template::IlnWlnElt => Funding {
                volume: Volume::LearnerHours,
                category: RateKey::Column("programme"),
                mode: RateKey::Fixed("provider-based"),
                unfunded: None,
            },
            Template::AceInSchools | Template::AceInCommunities => Funding {
                volume: Volume::LearnerHours,
                category: RateKey::Fixed("ACE"),
                mode: RateKey::Fixed("provider-based"),
                unfunded: None,
            },
            Template::AssessmentAndVerification => work_based("assessment-and-verification"),
            Template::PathwayToWork => work_based("pathway-to-work"),
            Template::MixedMode => work_based("mixed-mode"),
            Template::Epic => return None,
        })
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Template {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Template::ALL
            .into_iter()
            .find(|template| template.as_str() == text)
            .ok_or_else(|| {
                format!(
                    "'{text}' is not a commitment template; one of {}",
                    Template::ALL.map(Template::as_str).join(", ")
                )
            })
    }
}

/// Where a commitment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum CommitmentState {
    /// The funder provisioned it; nothing entered yet.
    Provisioned,
    /// Being filled in (or corrected after a return).
    Draft,
    /// A version waits for the funder's review.
    Submitted,
    /// The funder accepted the latest version: final.
    Accepted,
    /// The funder returned the latest version with a comment: correct it and submit again.
    Returned,
}

/// What can happen to a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitmentEvent {
    /// Rows or values were added, changed or removed.
    RowsChanged,
    /// The organisation submitted it for review (a new version).
    Submit,
    /// The funder accepted the version under review.
    Accept,
    /// The funder returned the version under review with a comment.
    Return,
}

use CommitmentEvent as E;
use CommitmentState as S;

/// Every legal transition: (from, event, to). Anything not here is refused.
pub const TRANSITIONS: &[(CommitmentState, CommitmentEvent, CommitmentState)] = &[
    (S::Provisioned, E::RowsChanged, S::Draft),
    (S::Draft, E::RowsChanged, S::Draft),
    (S::Returned, E::RowsChanged, S::Draft),
    (S::Draft, E::Submit, S::Submitted),
    // The funder may return a version for a reason outside its values (a conversation about
    // the Plan): the organisation may then submit the same values again.
    (S::Returned, E::Submit, S::Submitted),
    (S::Submitted, E::Accept, S::Accepted),
    (S::Submitted, E::Return, S::Returned),
];

/// A transition the table does not allow, with a reason a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct CommitmentRefusal {
    pub from: CommitmentState,
    pub event: CommitmentEvent,
    pub reason: String,
}

impl CommitmentState {
    pub const ALL: [CommitmentState; 5] = [
        S::Provisioned,
        S::Draft,
        S::Submitted,
        S::Accepted,
        S::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            S::Provisioned => "Provisioned",
            S::Draft => "Draft",
            S::Submitted => "Submitted",
            S::Accepted => "Accepted",
            S::Returned => "Returned",
        }
    }

    /// Whether the organisation still has something to do.
    pub fn awaits_organisation(self) -> bool {
        matches!(self, S::Provisioned | S::Draft | S::Returned)
    }

    /// The state after `event`, or why it cannot happen now.
    pub fn apply(self, event: CommitmentEvent) -> Result<CommitmentState, CommitmentRefusal> {
        TRANSITIONS
            .iter()
            .find(|(from, on, _)| *from == self && *on == event)
            .map(|(_, _, to)| *to)
            .ok_or_else(|| CommitmentRefusal {
                from: self,
                event,
                reason: refusal(self, event),
            })
    }
}

fn refusal(from: CommitmentState, event: CommitmentEvent) -> String {
    match (from, event) {
        (S::Submitted, E::RowsChanged) => {
            "the commitment is submitted and waits for the funder's review: it cannot be changed \
             until the funder returns it"
                .to_owned()
        }
        (S::Accepted, _) => "the funder accepted the commitment: it cannot change".to_owned(),
        (S::Submitted, E::Submit) => {
            "the commitment is already submitted and waits for the funder's review".to_owned()
        }
        (S::Provisioned, E::Submit) => {
            "nothing has been entered yet: fill the commitment in before submitting it".to_owned()
        }
        (_, E::Accept | E::Return) => format!(
            "only a submitted commitment is reviewed; this one is {}",
            from.as_str()
        ),
        _ => format!("a {} commitment cannot be {event:?}", from.as_str()),
    }
}

impl fmt::Display for CommitmentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommitmentState {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CommitmentState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| format!("unknown commitment state '{text}'"))
    }
}

/// The funder's decision on a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Accepted,
    Returned,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Returned => "returned",
        }
    }

    /// The event the decision is.
    pub fn event(self) -> CommitmentEvent {
        match self {
            Decision::Accepted => E::Accept,
            Decision::Returned => E::Return,
        }
    }
}

impl FromStr for Decision {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "accepted" => Ok(Decision::Accepted),
            "returned" => Ok(Decision::Returned),
            other => Err(format!("unknown decision '{other}'")),
        }
    }
}

/// The longest comment the funder may return a version with.
pub const MAX_DECISION_COMMENT: usize = 2000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_transitions_follow_the_table() {
        assert_eq!(S::Provisioned.apply(E::RowsChanged), Ok(S::Draft));
        assert_eq!(S::Draft.apply(E::Submit), Ok(S::Submitted));
        assert_eq!(S::Submitted.apply(E::Return), Ok(S::Returned));
        assert_eq!(S::Returned.apply(E::RowsChanged), Ok(S::Draft));
        assert_eq!(S::Returned.apply(E::Submit), Ok(S::Submitted));
        assert_eq!(S::Submitted.apply(E::Accept), Ok(S::Accepted));
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        for from in CommitmentState::ALL {
            for event in [E::RowsChanged, E::Submit, E::Accept, E::Return] {
                let legal = TRANSITIONS
                    .iter()
                    .any(|(f, e, _)| *f == from && *e == event);
                match from.apply(event) {
                    Ok(_) => assert!(legal, "{from:?} {event:?}"),
                    Err(refusal) => {
                        assert!(!legal, "{from:?} {event:?}");
                        assert!(!refusal.reason.is_empty());
                    }
                }
            }
        }
        assert!(S::Accepted.apply(E::RowsChanged).is_err());
        assert!(S::Submitted.apply(E::RowsChanged).is_err());
        assert!(S::Draft.apply(E::Accept).is_err());
        assert!(S::Provisioned.apply(E::Submit).is_err());
    }

    #[test]
    fn names_round_trip() {
        for template in Template::ALL {
            assert_eq!(template.as_str().parse::<Template>(), Ok(template));
            assert_eq!(
                serde_json::to_value(template).unwrap(),
                serde_json::Value::from(template.as_str())
            );
        }
        for state in CommitmentState::ALL {
            assert_eq!(state.as_str().parse::<CommitmentState>(), Ok(state));
        }
    }

    #[test]
    fn every_mop_has_a_funded_value_and_comments_and_the_epic_has_neither() {
        for template in Template::ALL {
            let names: Vec<_> = template.columns().iter().map(|c| c.name).collect();
            assert_eq!(
                names.contains(&"fundedValue"),
                !template.is_epic(),
                "{template}"
            );
            assert_eq!(template.funding().is_some(), !template.is_epic());
        }
    }
}
