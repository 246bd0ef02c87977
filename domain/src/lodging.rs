//! The funder's rules about when and how often a return may be lodged (spec 001, "Completing a
//! trial SDR", "Our Stop Gate process", resubmissions; domain spec §1): a round takes returns
//! from its opening until its due date; after it the Stop Gate is down until the funder lifts it
//! for one organisation; a lodged August or December return is resubmitted only through a lift,
//! an April one freely inside the funder's resubmission window; the December return needs a
//! processed workforce questionnaire, and a return with provision the EFTS forecast covers needs
//! the round's forecast lodged first; published rounds take no change at all. Course register
//! and completion files lodged on their own are not held by the Stop Gate.
//!
//! Every rule is a [`RoundRule`] with a stable code and its entry in the rule catalogue
//! ([`RULES`]); a refusal names it and says what to do
//! next. Time is always given (never read here), so each rule is tested at its edges.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Pacific::Auckland;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::calendar::{Round, RoundKind};
use crate::registers::CourseDifference;
use crate::submission::SubmissionStatus;
use crate::validation::{Rule, Scope, Severity};
use crate::{Edumis, SdrFile};

/// A rule of the collection calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum RoundRule {
    /// RD-001: a published round's data can no longer change.
    RoundPublished,
    /// RD-002: a return cannot be lodged before the round opens.
    RoundNotOpen,
    /// RD-003: after the due date the Stop Gate is down.
    StopGate,
    /// RD-004: an August or December return is resubmitted only through a lift.
    ResubmissionNeedsLift,
    /// RD-005: an April return is resubmitted freely only inside the resubmission window.
    AprilResubmissionOutsideWindow,
    /// RD-006: the December return needs a processed workforce questionnaire for the year.
    WorkforceQuestionnaireMissing,
    /// RD-007: a lift is granted only when the latest submission is Processed with zero errors.
    LiftNeedsProcessedReturn,
    /// RD-008: a lift's new due date must lie ahead.
    LiftDueNotAhead,
    /// RD-009: a submission holds only the files its type takes.
    FileNotInSubmissionType,
    /// RD-010: a return with provision the EFTS forecast covers needs the forecast lodged.
    EftsForecastMissing,
    /// RD-011: while a course change request is pending, no SDR return and no further
    /// standalone course register is lodged.
    CourseChangePending,
    /// RD-012: a return whose course register changes credits, fees, level or classification
    /// is lodged only once the funder has approved the changes.
    CourseChangeNotApproved,
}

impl RoundRule {
    pub const ALL: [RoundRule; 12] = [
        RoundRule::RoundPublished,
        RoundRule::RoundNotOpen,
        RoundRule::StopGate,
        RoundRule::ResubmissionNeedsLift,
        RoundRule::AprilResubmissionOutsideWindow,
        RoundRule::WorkforceQuestionnaireMissing,
        RoundRule::LiftNeedsProcessedReturn,
        RoundRule::LiftDueNotAhead,
        RoundRule::FileNotInSubmissionType,
        RoundRule::EftsForecastMissing,
        RoundRule::CourseChangePending,
        RoundRule::CourseChangeNotApproved,
    ];

    /// The rule's entry in the catalogue.
    pub fn rule(self) -> &'static Rule {
        match self {
            RoundRule::RoundPublished => &RD_001,
            RoundRule::RoundNotOpen => &RD_002,
            RoundRule::StopGate => &RD_003,
            RoundRule::ResubmissionNeedsLift => &RD_004,
            RoundRule::AprilResubmissionOutsideWindow => &RD_005,
            RoundRule::WorkforceQuestionnaireMissing => &RD_006,
            RoundRule::LiftNeedsProcessedReturn => &RD_007,
            RoundRule::LiftDueNotAhead => &RD_008,
            RoundRule::FileNotInSubmissionType => &RD_009,
            RoundRule::EftsForecastMissing => &RD_010,
            RoundRule::CourseChangePending => &RD_011,
            RoundRule::CourseChangeNotApproved => &RD_012,
        }
    }

    pub fn code(self) -> &'static str {
        self.rule().code
    }

    /// What the rule says, for the catalogue and `docs/rounds.md`.
    pub fn description(self) -> &'static str {
        self.rule().description
    }
}

/// The round rules in code order, for the catalogue.
pub static RULES: [&Rule; 12] = [
    &RD_001, &RD_002, &RD_003, &RD_004, &RD_005, &RD_006, &RD_007, &RD_008, &RD_009, &RD_010,
    &RD_011, &RD_012,
];

/// RD-001: see [`RoundRule::RoundPublished`].
pub const RD_001: Rule = Rule::of_process(
    "RD-001",
    Scope::Round,
    "",
    Severity::Error,
    "Once the funder has published a round (its data used in a published report), \
     nothing in it can change: no new submission, upload, validation, lodging or \
     cancellation (spec 001).",
);

/// RD-002: see [`RoundRule::RoundNotOpen`].
pub const RD_002: Rule = Rule::of_process(
    "RD-002",
    Scope::Round,
    "",
    Severity::Error,
    "A return is lodged from the round's opening (start of its first day, New Zealand \
     time). Trial validation is allowed before.",
);

/// RD-003: see [`RoundRule::StopGate`].
pub const RD_003: Rule = Rule::of_process(
    "RD-003",
    Scope::Round,
    "",
    Severity::Error,
    "A full set of files is lodged by the due date (5 pm New Zealand time). After it \
     the Stop Gate is down: lodging needs a lift the funder grants to the \
     organisation with a new due date (spec 001, Stop Gate process).",
);

/// RD-004: see [`RoundRule::ResubmissionNeedsLift`].
pub const RD_004: Rule = Rule::of_process(
    "RD-004",
    Scope::Round,
    "",
    Severity::Error,
    "An August or December return already lodged is resubmitted only with the \
     funder's approval, given as a Stop Gate lift; the resubmission is marked late.",
);

/// RD-005: see [`RoundRule::AprilResubmissionOutsideWindow`].
pub const RD_005: Rule = Rule::of_process(
    "RD-005",
    Scope::Round,
    "",
    Severity::Error,
    "An April return already lodged may be resubmitted freely inside the \
     resubmission window the funder sets each year for EPI review; outside it only \
     through a lift, and then it is marked late.",
);

/// RD-006: see [`RoundRule::WorkforceQuestionnaireMissing`].
pub const RD_006: Rule = Rule::of_process(
    "RD-006",
    Scope::Round,
    "",
    Severity::Error,
    "The December return is accepted only once the organisation has a processed \
     workforce questionnaire (WFQ) for the year (spec 001).",
);

/// RD-007: see [`RoundRule::LiftNeedsProcessedReturn`].
pub const RD_007: Rule = Rule::of_process(
    "RD-007",
    Scope::Round,
    "",
    Severity::Error,
    "The funder lifts the Stop Gate only for an organisation whose latest return for \
     the round (cancelled ones and standalone files aside) is Processed with zero \
     errors (spec 001, Stop Gate process).",
);

/// RD-008: see [`RoundRule::LiftDueNotAhead`].
pub const RD_008: Rule = Rule::of_process(
    "RD-008",
    Scope::Round,
    "",
    Severity::Error,
    "A lift's new due date must be later than now.",
);

/// RD-009: see [`RoundRule::FileNotInSubmissionType`].
pub const RD_009: Rule = Rule::of_process(
    "RD-009",
    Scope::Round,
    "",
    Severity::Error,
    "A submission holds only the files its type takes: course register and \
     completion files lodged on their own hold only those files (learners and \
     enrolments go in a full return); an EFTS forecast holds only forecast lines, \
     and only the April, August and December rounds take one.",
);

/// RD-010: see [`RoundRule::EftsForecastMissing`].
pub const RD_010: Rule = Rule::of_process(
    "RD-010",
    Scope::Round,
    "",
    Severity::Error,
    "An April, August or December return whose enrolments include provision funded \
     from 01, 29, 11 or 37 in courses at Level 3 and above is lodged only once the \
     organisation has lodged its EFTS forecast for the round (spec 001). The \
     forecast follows the round's due date and Stop Gate like the return; lodged \
     late under a lift, it does not use the lift up.",
);

/// RD-011: see [`RoundRule::CourseChangePending`].
pub const RD_011: Rule = Rule::of_process(
    "RD-011",
    Scope::Round,
    "",
    Severity::Error,
    "While a course change request of the organisation waits for the funder's decision, \
     its SDR return (or indicative return) is not lodged, nor a further standalone \
     course register file; standalone completion files still are (domain spec §2.3: \
     pending course change requests must be approved before an SDR can proceed).",
);

/// RD-012: see [`RoundRule::CourseChangeNotApproved`].
pub const RD_012: Rule = Rule::of_process(
    "RD-012",
    Scope::Round,
    "",
    Severity::Error,
    "A return whose course register file (REGT) gives a course other credits, fees, \
     level or classification than the organisation's course register holds for the \
     year is lodged only once those changes are approved: send them as change \
     requests before the trial SDR (spec 001). Not applied while the funder has loaded \
     no course register of the organisation for the year.",
);

impl fmt::Display for RoundRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The rules as the Markdown table `docs/rounds.md` shows (a test keeps the two equal).
pub fn rules_table() -> String {
    let mut table = String::from("| rule | what it says |\n|---|---|\n");
    for rule in RoundRule::ALL {
        table.push_str(&format!("| {} | {} |\n", rule.code(), rule.description()));
    }
    table
}

/// A rule that refuses a request, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct Refusal {
    pub rule: RoundRule,
    /// What is refused and the way forward, for a data officer.
    pub detail: String,
}

impl Refusal {
    fn new(rule: RoundRule, detail: String) -> Self {
        Self { rule, detail }
    }
}

/// What a submission carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum SubmissionType {
    /// The round's return: the full SDR (April, August, December) or the indicative return.
    #[default]
    Return,
    /// Course register, course completion and qualification completion files lodged on their
    /// own, at any time; the Stop Gate does not hold them (domain spec §1.3).
    StandaloneFiles,
    /// The EFTS forecast lodged beside an April, August or December return (spec 001).
    EftsForecast,
}

impl SubmissionType {
    pub const ALL: [SubmissionType; 3] = [
        SubmissionType::Return,
        SubmissionType::StandaloneFiles,
        SubmissionType::EftsForecast,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionType::Return => "Return",
            SubmissionType::StandaloneFiles => "StandaloneFiles",
            SubmissionType::EftsForecast => "EftsForecast",
        }
    }

    /// The files a submission of this type takes in a round of `kind`.
    pub fn files(self, kind: RoundKind) -> Vec<SdrFile> {
        match self {
            SubmissionType::Return => kind.files().to_vec(),
            SubmissionType::StandaloneFiles => kind
                .files()
                .iter()
                .copied()
                .filter(|file| STANDALONE_FILES.contains(file))
                .collect(),
            SubmissionType::EftsForecast if kind == RoundKind::Ind => Vec::new(),
            SubmissionType::EftsForecast => vec![SdrFile::EftsForecasts],
        }
    }

    /// Refuses a submission of this type in a round of `kind` that takes none: the indicative
    /// round has no EFTS forecast.
    pub fn check_round(self, kind: RoundKind) -> Result<(), Refusal> {
        if self.files(kind).is_empty() {
            return Err(Refusal::new(
                RoundRule::FileNotInSubmissionType,
                format!(
                    "the {} round takes no {} submission; the EFTS forecast goes with the April, \
                     August and December returns",
                    kind.as_str(),
                    self.as_str()
                ),
            ));
        }
        Ok(())
    }

    /// Refuses a file this type does not take.
    pub fn check_file(self, kind: RoundKind, file: SdrFile) -> Result<(), Refusal> {
        if self.files(kind).contains(&file) {
            return Ok(());
        }
        self.check_round(kind)?;
        let takes = self
            .files(kind)
            .iter()
            .map(|file| file.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let home = if file == SdrFile::EftsForecasts {
            SubmissionType::EftsForecast
        } else {
            SubmissionType::Return
        };
        Err(Refusal::new(
            RoundRule::FileNotInSubmissionType,
            format!(
                "a {} submission for a {} round takes only {takes}; send the {file} file in a{} \
                 {} submission",
                self.as_str(),
                kind.as_str(),
                if home == SubmissionType::EftsForecast {
                    "n"
                } else {
                    ""
                },
                home.as_str()
            ),
        ))
    }
}

/// A submission type name that is not one of the two.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown submission type '{0}'; expected Return, StandaloneFiles or EftsForecast")]
pub struct UnknownSubmissionType(pub String);

impl FromStr for SubmissionType {
    type Err = UnknownSubmissionType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SubmissionType::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownSubmissionType(s.to_owned()))
    }
}

/// The files that may be lodged on their own at any time.
pub const STANDALONE_FILES: [SdrFile; 3] = [
    SdrFile::Courses,
    SdrFile::CourseCompletions,
    SdrFile::QualificationCompletions,
];

/// The funder's lift of the Stop Gate for one organisation and round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopGateLift {
    pub id: String,
    pub organisation: Edumis,
    /// The new due date the funder set.
    pub due_at: DateTime<Utc>,
    pub reason: String,
    /// The submission lodged under the lift; a lift allows one lodging.
    pub used_by: Option<String>,
}

impl StopGateLift {
    /// Whether the lift still allows a lodging at `now`.
    pub fn is_usable(&self, now: DateTime<Utc>) -> bool {
        self.used_by.is_none() && now < self.due_at
    }
}

/// What is known when a submission asks to be lodged.
#[derive(Debug, Clone)]
pub struct LodgingFacts<'a> {
    pub round: &'a Round,
    pub now: DateTime<Utc>,
    pub submission_type: SubmissionType,
    /// A return of the same type was lodged before for this organisation and round.
    pub lodged_before: bool,
    /// The organisation's usable lift for the round, if it has one.
    pub lift: Option<&'a StopGateLift>,
    /// The organisation has a processed workforce questionnaire for the round's year.
    pub workforce_questionnaire_processed: bool,
    /// The submission's verdict found provision the EFTS forecast covers (a return only).
    pub efts_forecast_required: bool,
    /// The organisation has lodged its EFTS forecast for the round.
    pub efts_forecast_lodged: bool,
    /// The course codes of the organisation's pending course change requests.
    pub pending_course_changes: &'a [String],
    /// The submission holds course register (REGT) records.
    pub carries_course_register: bool,
    /// How the submission's REGT differs from the organisation's course register for the
    /// round's year (a return only; empty when no register is loaded).
    pub course_differences: &'a [CourseDifference],
}

/// How a lodging is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lodging {
    /// Lodged after the due date, or a resubmission outside the published window.
    pub late: bool,
    /// Accepted only because of the lift, which it uses up.
    pub uses_lift: bool,
}

/// Refuses any change to a published round.
pub fn check_change(round: &Round) -> Result<(), Refusal> {
    if round.published {
        return Err(Refusal::new(
            RoundRule::RoundPublished,
            format!(
                "round {} has been published and its data can no longer be altered; corrections \
                 go in a later round's return",
                round.id
            ),
        ));
    }
    Ok(())
}

/// Decides whether a submission may be lodged now, and whether it is late.
pub fn check_lodging(facts: &LodgingFacts<'_>) -> Result<Lodging, Refusal> {
    let round = facts.round;
    check_change(round)?;
    if facts.submission_type == SubmissionType::StandaloneFiles {
        if facts.carries_course_register && !facts.pending_course_changes.is_empty() {
            return Err(Refusal::new(
                RoundRule::CourseChangePending,
                format!(
                    "your course change requests for {} are still waiting for the funder's \
                     decision, so a further course register file is not lodged; wait for the \
                     decisions (see the change requests of your course register), then submit \
                     again. Completion files may be lodged on their own meanwhile, without the \
                     course register",
                    listed(facts.pending_course_changes.iter())
                ),
            ));
        }
        return Ok(Lodging {
            late: false,
            uses_lift: false,
        });
    }
    if facts.now < round.opens_at {
        return Err(Refusal::new(
            RoundRule::RoundNotOpen,
            format!(
                "round {} opens at {}; validate as often as you like meanwhile, and lodge once it \
                 is open",
                round.id,
                new_zealand(round.opens_at)
            ),
        ));
    }
    let lift = facts.lift.filter(|lift| lift.is_usable(facts.now));
    // The lift lets the organisation lodge its return; the forecast lodged with it under the
    // same lift does not use it up.
    let through_lift = Lodging {
        late: true,
        uses_lift: facts.submission_type == SubmissionType::Return,
    };
    if facts.lodged_before {
        let lodging = if round.open_resubmission_window(facts.now).is_some() {
            Lodging {
                late: false,
                uses_lift: false,
            }
        } else if lift.is_some() {
            through_lift
        } else {
            return Err(resubmission_refusal(round, facts.now));
        };
        return prerequisites(facts).map(|()| lodging);
    }
    let lodging = if facts.now < round.due_at {
        Lodging {
            late: false,
            uses_lift: false,
        }
    } else if lift.is_some() {
        through_lift
    } else {
        return Err(Refusal::new(
            RoundRule::StopGate,
            format!(
                "round {} closed at {}; the Stop Gate is down. To lodge late, get this submission \
                 to Processed with zero errors, then ask the funder for a Stop Gate lift (the SDR \
                 Stop Gate request form, subject \"[EDUMIS #] SDR Stop Gate request\"); once it \
                 is lifted, submit again before the new due date",
                round.id,
                new_zealand(round.due_at)
            ),
        ));
    };
    prerequisites(facts).map(|()| lodging)
}

fn resubmission_refusal(round: &Round, now: DateTime<Utc>) -> Refusal {
    const ASK: &str = "ask the funder for a Stop Gate lift (exceptional circumstances only), \
                       then submit again before its due date";
    if round.id.kind != RoundKind::Apr {
        return Refusal::new(
            RoundRule::ResubmissionNeedsLift,
            format!(
                "a return for round {} has already been lodged, and {} returns are resubmitted \
                 only with the funder's approval; {ASK}",
                round.id,
                round.id.kind.as_str()
            ),
        );
    }
    let window = match round.resubmission_window {
        Some(window) if now < window.opens_at => format!(
            "the resubmission window opens at {}; resubmit then, or {ASK}",
            new_zealand(window.opens_at)
        ),
        Some(window) => format!(
            "the resubmission window closed at {}; {ASK}",
            new_zealand(window.closes_at)
        ),
        None => format!(
            "the funder has not yet set this year's resubmission window; wait for it, or {ASK}"
        ),
    };
    Refusal::new(
        RoundRule::AprilResubmissionOutsideWindow,
        format!(
            "a return for round {} has already been lodged; {window}",
            round.id
        ),
    )
}

fn prerequisites(facts: &LodgingFacts<'_>) -> Result<(), Refusal> {
    if facts.submission_type != SubmissionType::Return {
        return Ok(());
    }
    if !facts.pending_course_changes.is_empty() {
        return Err(Refusal::new(
            RoundRule::CourseChangePending,
            format!(
                "your course change requests for {} are still waiting for the funder's decision, \
                 and the return is lodged only once they are decided; wait for the decisions \
                 (see the change requests of your course register), bring this return's course \
                 register in line with the register, validate, and submit again",
                listed(facts.pending_course_changes.iter())
            ),
        ));
    }
    let unapproved: Vec<String> = facts
        .course_differences
        .iter()
        .filter(|difference| difference.holds_the_sdr())
        .map(|difference| {
            let fields = difference
                .changed_fields
                .iter()
                .filter(|field| field.needs_approval_before_sdr())
                .map(|field| field.name())
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} ({fields})", difference.course_code)
        })
        .collect();
    if !unapproved.is_empty() {
        return Err(Refusal::new(
            RoundRule::CourseChangeNotApproved,
            format!(
                "this return's course register changes {} from what the funder has approved for \
                 {}; changes to credits, fees, levels or classifications are approved before \
                 the SDR: send them as change requests (the submission's course differences), \
                 and submit again once the funder has approved them, or correct the course \
                 register file to match the register",
                listed(unapproved.iter()),
                facts.round.id.year
            ),
        ));
    }
    if facts.round.id.kind == RoundKind::Dec && !facts.workforce_questionnaire_processed {
        return Err(Refusal::new(
            RoundRule::WorkforceQuestionnaireMissing,
            format!(
                "the December return for {} is accepted only with a processed workforce \
                 questionnaire for {}; upload it (POST /api/v1/workforce-questionnaires), get it \
                 Processed, and submit again",
                facts.round.id, facts.round.id.year
            ),
        ));
    }
    if facts.round.id.kind != RoundKind::Ind
        && facts.efts_forecast_required
        && !facts.efts_forecast_lodged
    {
        let years = crate::efts_forecast::forecast_years(facts.round.id.year);
        return Err(Refusal::new(
            RoundRule::EftsForecastMissing,
            format!(
                "this return has enrolments funded from 01, 29, 11 or 37 in courses at Level 3 \
                 and above, so round {} needs your EFTS forecast first: start an EFTS forecast submission \
                 (submissionType EftsForecast) for the round, upload its lines (efts-forecasts) \
                 for {} to {}, get it Processed and submit it, then submit this return again",
                facts.round.id,
                years.start(),
                years.end()
            ),
        ));
    }
    Ok(())
}

/// Decides whether the funder may lift the Stop Gate: the organisation's latest submission for
/// the round (`latest`, with its error count) must be Processed with zero errors, and the new
/// due date must lie ahead.
pub fn check_lift_grant(
    round: &Round,
    now: DateTime<Utc>,
    due_at: DateTime<Utc>,
    organisation: Edumis,
    latest: Option<(SubmissionStatus, i64)>,
) -> Result<(), Refusal> {
    check_change(round)?;
    if due_at <= now {
        return Err(Refusal::new(
            RoundRule::LiftDueNotAhead,
            format!(
                "the new due date {} has already passed; give one later than now",
                new_zealand(due_at)
            ),
        ));
    }
    match latest {
        Some((SubmissionStatus::Processed, 0)) => Ok(()),
        Some((status, errors)) => Err(Refusal::new(
            RoundRule::LiftNeedsProcessedReturn,
            format!(
                "organisation {organisation}'s latest submission for round {} is {status} with \
                 {errors} error(s); the Stop Gate is lifted only once it is Processed with zero \
                 errors",
                round.id
            ),
        )),
        None => Err(Refusal::new(
            RoundRule::LiftNeedsProcessedReturn,
            format!(
                "organisation {organisation} has no submission for round {}; the Stop Gate is \
                 lifted only once one is Processed with zero errors",
                round.id
            ),
        )),
    }
}

/// Names a few items and counts the rest: "A, B, C and 4 more".
fn listed<'a>(items: impl ExactSizeIterator<Item = &'a String>) -> String {
    const SHOWN: usize = 5;
    let total = items.len();
    let shown: Vec<&str> = items.take(SHOWN).map(String::as_str).collect();
    match total.checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
        _ => shown.join(", "),
    }
}

/// An instant as a data officer reads it: "5:00 pm Wed 29 Apr 2026 NZST".
pub fn new_zealand(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Auckland)
        .format("%-I:%M %P %a %-d %b %Y %Z")
        .to_string()
}

#[cfg(test)]
mod tests;
