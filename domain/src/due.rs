//! What is due: for one organisation, the rounds that are open (or about to open, or lifted for
//! it), what it has lodged and what is still missing, most urgent first. It feeds the dashboard.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::SdrFile;
use crate::calendar::{Round, RoundId, RoundKind};
use crate::lodging::StopGateLift;
use crate::submission::SubmissionStatus;

/// How long before a round opens it is shown as upcoming.
pub const UPCOMING_DAYS: i64 = 30;

/// Where a round stands for the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum DueState {
    /// Opens within the next 30 days.
    Upcoming,
    /// Open: a return is lodged by the due date.
    Open,
    /// Closed, but the funder lifted the Stop Gate for the organisation until a new due date.
    StopGateLifted,
    /// A lodged April return may be resubmitted freely until the window closes.
    ResubmissionWindow,
    /// The return has been lodged.
    Lodged,
}

/// The organisation's lodged return for a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LodgedReturn {
    pub submission: String,
    pub submitted_at: DateTime<Utc>,
    pub late: bool,
}

/// The organisation's newest return being assembled for a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnInProgress {
    pub submission: String,
    pub status: SubmissionStatus,
    pub error_count: i64,
    /// The files that hold records.
    pub files_with_records: Vec<SdrFile>,
    /// Its last validation found provision the EFTS forecast covers.
    pub efts_forecast_required: bool,
}

/// What is known about one round for the organisation.
#[derive(Debug, Clone)]
pub struct Standing {
    pub round: Round,
    /// A lift that still allows a lodging.
    pub lift: Option<StopGateLift>,
    pub lodged: Option<LodgedReturn>,
    pub in_progress: Option<ReturnInProgress>,
    pub workforce_questionnaire_processed: bool,
    /// The organisation has lodged its EFTS forecast for the round.
    pub efts_forecast_lodged: bool,
}

/// One line of what is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub round: RoundId,
    pub state: DueState,
    pub opens_at: DateTime<Utc>,
    /// The due date that applies to the organisation: a lift's, when it has one.
    pub due_at: DateTime<Utc>,
    pub lodged: Option<LodgedReturn>,
    pub in_progress: Option<ReturnInProgress>,
    /// What the organisation still has to do, in order.
    pub missing: Vec<Missing>,
}

/// The rounds that need the organisation's attention at `now`, most urgent first: those with
/// something missing by their due date, then those already lodged.
pub fn what_is_due(now: DateTime<Utc>, standings: Vec<Standing>) -> Vec<DueItem> {
    let mut items: Vec<DueItem> = standings
        .into_iter()
        .filter_map(|standing| item(now, standing))
        .collect();
    items.sort_by_key(|item| (item.state == DueState::Lodged, item.due_at, item.round));
    items
}

fn item(now: DateTime<Utc>, standing: Standing) -> Option<DueItem> {
    let round = &standing.round;
    if round.published {
        return None;
    }
    let lift = standing.lift.as_ref().filter(|lift| lift.is_usable(now));
    let window = round.open_resubmission_window(now);
    let (state, due_at) = if let Some(lift) = lift {
        (DueState::StopGateLifted, lift.due_at)
    } else if let Some(window) = window.filter(|_| standing.lodged.is_some()) {
        (DueState::ResubmissionWindow, window.closes_at)
    } else if now >= round.due_at {
        return None;
    } else if standing.lodged.is_some() {
        (DueState::Lodged, round.due_at)
    } else if now >= round.opens_at {
        (DueState::Open, round.due_at)
    } else if now >= round.opens_at - Duration::days(UPCOMING_DAYS) {
        (DueState::Upcoming, round.due_at)
    } else {
        return None;
    };
    let missing = if state == DueState::Lodged || state == DueState::ResubmissionWindow {
        Vec::new()
    } else {
        missing(&standing)
    };
    Some(DueItem {
        round: standing.round.id,
        state,
        opens_at: standing.round.opens_at,
        due_at,
        lodged: standing.lodged,
        in_progress: standing.in_progress,
        missing,
    })
}

/// One thing an organisation still has to do for a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The December round needs the year's workforce questionnaire, processed.
    WorkforceQuestionnaire { year: i32 },
    /// No return has been started.
    Return { round: RoundId },
    /// A file of the return holds no records.
    File(SdrFile),
    /// The return has provision the EFTS forecast for these years covers, and none is lodged.
    EftsForecast { from: i32, to: i32 },
    /// The return is Processed: it waits to be submitted.
    Lodging,
    /// The last validation found errors.
    Fixes { errors: i64 },
    /// The return is being validated.
    Verdict,
    /// The return has not been validated since it last changed.
    Validation,
}

impl Missing {
    /// What it is, in the words of a person using the portal (no API calls).
    pub fn in_plain_words(&self) -> String {
        match self {
            Missing::WorkforceQuestionnaire { year } => {
                format!("the workforce questionnaire for {year}, sent and processed")
            }
            Missing::Return { .. } => "start the return, then upload its files".to_owned(),
            Missing::File(file) => format!(
                "the {} file has no records yet",
                file.as_str().replace('-', " ")
            ),
            Missing::EftsForecast { from, to } => format!(
                "the EFTS forecast for {from} to {to}: your return has provision it covers; submit it before the return"
            ),
            Missing::Lodging => "submit the return: it has passed validation".to_owned(),
            Missing::Fixes { errors } => {
                format!("fix the {errors} error(s) the last validation found, then validate again")
            }
            Missing::Verdict => "wait for validation to finish".to_owned(),
            Missing::Validation => "validate the return, then submit it".to_owned(),
        }
    }
}

/// What it is, for an integrator: the API call that does it.
impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::WorkforceQuestionnaire { year } => write!(
                f,
                "a processed workforce questionnaire for {year} (POST /api/v1/workforce-questionnaires)"
            ),
            Missing::Return { round } => write!(
                f,
                "a return: open one with POST /api/v1/submissions {{\"round\": \"{round}\"}}"
            ),
            Missing::File(file) => write!(f, "the {file} file: it has no records yet"),
            Missing::EftsForecast { from, to } => write!(
                f,
                "the EFTS forecast for {from} to {to}: the return has provision it covers; open a \
                 submission with \"submissionType\": \"EftsForecast\", upload efts-forecasts, \
                 validate and submit it before the return"
            ),
            Missing::Lodging => f.write_str("lodging: the return is Processed; submit it"),
            Missing::Fixes { errors } => write!(
                f,
                "a Processed return: the last validation found {errors} error(s); fix them and validate again"
            ),
            Missing::Verdict => f.write_str("a verdict: the return is being validated"),
            Missing::Validation => {
                f.write_str("validation: validate the return until it is Processed, then submit it")
            }
        }
    }
}

fn missing(standing: &Standing) -> Vec<Missing> {
    let round = &standing.round;
    let mut missing = Vec::new();
    if round.id.kind == RoundKind::Dec && !standing.workforce_questionnaire_processed {
        missing.push(Missing::WorkforceQuestionnaire {
            year: round.id.year,
        });
    }
    let Some(progress) = &standing.in_progress else {
        missing.push(Missing::Return { round: round.id });
        return missing;
    };
    for file in round.files() {
        if !progress.files_with_records.contains(file) {
            missing.push(Missing::File(*file));
        }
    }
    if progress.efts_forecast_required && !standing.efts_forecast_lodged {
        let years = crate::efts_forecast::forecast_years(round.id.year);
        missing.push(Missing::EftsForecast {
            from: *years.start(),
            to: *years.end(),
        });
    }
    missing.push(match progress.status {
        SubmissionStatus::Processed => Missing::Lodging,
        SubmissionStatus::Rejected => Missing::Fixes {
            errors: progress.error_count,
        },
        SubmissionStatus::Queued | SubmissionStatus::Validating => Missing::Verdict,
        _ => Missing::Validation,
    });
    missing
}

#[cfg(test)]
mod tests {

    #[test]
    fn what_is_missing_is_said_without_api_calls_for_people() {
        let round = RoundId::new(2026, RoundKind::Apr).expect("a round");
        for missing in [
            Missing::WorkforceQuestionnaire { year: 2026 },
            Missing::Return { round },
            Missing::File(SdrFile::CourseEnrolments),
            Missing::EftsForecast {
                from: 2027,
                to: 2030,
            },
            Missing::Lodging,
            Missing::Fixes { errors: 4 },
            Missing::Verdict,
            Missing::Validation,
        ] {
            let plain = missing.in_plain_words();
            assert_ne!(plain, missing.to_string(), "{missing:?}");
            assert!(
                !plain.contains("/api")
                    && !plain.contains('"')
                    && !plain.contains("submissionType"),
                "{missing:?}: {plain}"
            );
        }
        assert_eq!(
            Missing::File(SdrFile::CourseEnrolments).in_plain_words(),
            "the course enrolments file has no records yet"
        );
        assert!(
            Missing::Fixes { errors: 4 }
                .in_plain_words()
                .contains("4 error(s)")
        );
    }

    use super::*;
    use crate::Edumis;

    fn standing(kind: RoundKind) -> Standing {
        Standing {
            round: Round::standard(2026, kind).expect("2026"),
            lift: None,
            lodged: None,
            in_progress: None,
            workforce_questionnaire_processed: false,
            efts_forecast_lodged: false,
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn closed_rounds_are_left_out_and_one_opening_within_30_days_is_upcoming() {
        // 20 July 2026: April has closed, August opens on 8 August (upcoming).
        let now = at("2026-07-20T00:00:00Z");
        let items = what_is_due(now, RoundKind::ALL.into_iter().map(standing).collect());
        let rounds: Vec<_> = items
            .iter()
            .map(|i| (i.round.to_string(), i.state))
            .collect();
        assert_eq!(rounds, [("2026-AUG".to_owned(), DueState::Upcoming)]);
        assert!(
            items[0].missing[0]
                .to_string()
                .contains("open one with POST /api/v1/submissions")
        );
    }

    #[test]
    fn a_lift_brings_a_closed_round_back_with_its_own_due_date_first() {
        let now = at("2026-08-12T00:00:00Z");
        let mut april = standing(RoundKind::Apr);
        let lift_due = at("2026-08-14T05:00:00Z");
        april.lift = Some(StopGateLift {
            id: "l".to_owned(),
            organisation: Edumis::new(6004).expect("EDUMIS"),
            due_at: lift_due,
            reason: "outage".to_owned(),
            used_by: None,
        });
        april.in_progress = Some(ReturnInProgress {
            submission: "s".to_owned(),
            status: SubmissionStatus::Processed,
            error_count: 0,
            files_with_records: SdrFile::ALL.to_vec(),
            efts_forecast_required: false,
        });
        let mut august = standing(RoundKind::Aug);
        august.in_progress = Some(ReturnInProgress {
            submission: "t".to_owned(),
            status: SubmissionStatus::Rejected,
            error_count: 4,
            files_with_records: vec![SdrFile::Learners],
            efts_forecast_required: false,
        });
        let items = what_is_due(now, vec![august, april]);
        assert_eq!(items[0].round.to_string(), "2026-APR");
        assert_eq!(items[0].state, DueState::StopGateLifted);
        assert_eq!(items[0].due_at, lift_due);
        assert_eq!(items[0].missing, [Missing::Lodging]);
        assert_eq!(items[1].state, DueState::Open);
        assert_eq!(items[1].missing.len(), 5, "{:?}", items[1].missing);
        assert!(items[1].missing[4].to_string().contains("4 error(s)"));
    }

    #[test]
    fn lodged_rounds_come_last_and_december_asks_for_the_workforce_questionnaire() {
        let now = at("2027-01-10T00:00:00Z");
        let december = standing(RoundKind::Dec);
        let items = what_is_due(now, vec![december.clone()]);
        assert!(
            items[0].missing[0]
                .to_string()
                .contains("workforce questionnaire for 2026")
        );

        let mut lodged = december;
        lodged.lodged = Some(LodgedReturn {
            submission: "s".to_owned(),
            submitted_at: now,
            late: false,
        });
        let mut ind = standing(RoundKind::Ind);
        ind.round = Round::standard(2027, RoundKind::Ind).expect("2027");
        let items = what_is_due(now, vec![lodged, ind]);
        let states: Vec<_> = items.iter().map(|i| i.state).collect();
        assert_eq!(
            states,
            [DueState::Lodged],
            "IND 2027 opens on 1 March, over 30 days away"
        );
        assert!(items[0].missing.is_empty());
    }

    #[test]
    fn a_return_that_needs_a_forecast_lists_it_until_the_forecast_is_lodged() {
        let now = at("2026-08-12T00:00:00Z");
        let mut august = standing(RoundKind::Aug);
        august.in_progress = Some(ReturnInProgress {
            submission: "s".to_owned(),
            status: SubmissionStatus::Processed,
            error_count: 0,
            files_with_records: SdrFile::ALL.to_vec(),
            efts_forecast_required: true,
        });
        let items = what_is_due(now, vec![august.clone()]);
        assert_eq!(items[0].missing.len(), 2, "{:?}", items[0].missing);
        assert!(
            items[0].missing[0]
                .to_string()
                .contains("EFTS forecast for 2027 to 2030")
        );
        august.efts_forecast_lodged = true;
        let items = what_is_due(now, vec![august]);
        assert_eq!(items[0].missing, [Missing::Lodging]);
    }

    #[test]
    fn published_rounds_are_never_due() {
        let mut april = standing(RoundKind::Apr);
        april.round.published = true;
        assert!(what_is_due(at("2026-04-20T00:00:00Z"), vec![april]).is_empty());
    }
}
