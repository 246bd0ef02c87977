//! The collection calendar: the four rounds of each year, their windows and the files each needs.
//!
//! Dates come from the funder's published calendar (see `docs/rounds.md`): the indicative
//! return in early March, the April, August and December SDRs. A round opens at the start of its
//! first day and is due at 5 pm on its last day, New Zealand time; a due date that falls on a
//! weekend moves to the following Monday, the way the funder shifts published dates.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Pacific::Auckland;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::SdrFile;

/// The hour of the due day at which a return is due, New Zealand time (the funder's "5 pm").
const DUE_HOUR: u32 = 17;

/// The kind of a collection round.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum RoundKind {
    /// The March indicative return (IND): learners, enrolments and the course register only.
    Ind,
    /// The April SDR.
    Apr,
    /// The August SDR.
    Aug,
    /// The December SDR, lodged in January of the following year.
    Dec,
}

/// Whether a return is the full SDR or the indicative one, named as the funder's API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum ReturnType {
    Indicative,
    Full,
}

impl RoundKind {
    pub const ALL: [RoundKind; 4] = [
        RoundKind::Ind,
        RoundKind::Apr,
        RoundKind::Aug,
        RoundKind::Dec,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Ind => "IND",
            RoundKind::Apr => "APR",
            RoundKind::Aug => "AUG",
            RoundKind::Dec => "DEC",
        }
    }

    /// The month the return is for (`returnMonth` in the funder's API).
    pub fn return_month(self) -> u32 {
        match self {
            RoundKind::Ind => 3,
            RoundKind::Apr => 4,
            RoundKind::Aug => 8,
            RoundKind::Dec => 12,
        }
    }

    pub fn return_type(self) -> ReturnType {
        match self {
            RoundKind::Ind => ReturnType::Indicative,
            _ => ReturnType::Full,
        }
    }

    /// The files a return of this kind is made of.
    pub fn files(self) -> &'static [SdrFile] {
        match self {
            RoundKind::Ind => &SdrFile::INDICATIVE,
            _ => &SdrFile::ALL,
        }
    }
}

impl FromStr for RoundKind {
    type Err = RoundIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RoundKind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| RoundIdError::UnknownKind(s.to_owned()))
    }
}

/// A round's identifier, `YYYY-KIND`, e.g. `2026-APR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoundId {
    pub year: i32,
    pub kind: RoundKind,
}

/// Why a text is not a round identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundIdError {
    #[error("round '{0}' is not of the form YYYY-KIND, e.g. 2026-APR")]
    Malformed(String),
    #[error("round kind '{0}' is unknown; expected IND, APR, AUG or DEC")]
    UnknownKind(String),
    #[error("round year {0} is outside 2000 to 2100")]
    YearOutOfRange(i32),
}

/// The years DXP accepts rounds for; outside them a date is almost surely a typing error.
pub const ROUND_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl RoundId {
    /// What [`RoundId::from_str`] accepts, as an ECMA-262 pattern for the API document: a year
    /// in [`ROUND_YEARS`], a hyphen and a kind in any case.
    pub const PATTERN: &'static str =
        "^(20[0-9]{2}|2100)-([Ii][Nn][Dd]|[Aa][Pp][Rr]|[Aa][Uu][Gg]|[Dd][Ee][Cc])$";

    pub fn new(year: i32, kind: RoundKind) -> Result<Self, RoundIdError> {
        if ROUND_YEARS.contains(&year) {
            Ok(Self { year, kind })
        } else {
            Err(RoundIdError::YearOutOfRange(year))
        }
    }

    /// The funder's numeric return id, `YYYYMM` (e.g. 202604).
    pub fn return_id(self) -> i32 {
        // return_month is at most 12, so this cannot overflow for years in ROUND_YEARS.
        self.year * 100 + self.kind.return_month() as i32
    }
}

impl FromStr for RoundId {
    type Err = RoundIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (year, kind) = s
            .split_once('-')
            .ok_or_else(|| RoundIdError::Malformed(s.to_owned()))?;
        if year.len() != 4 {
            return Err(RoundIdError::Malformed(s.to_owned()));
        }
        let year: i32 = year
            .parse()
            .map_err(|_| RoundIdError::Malformed(s.to_owned()))?;
        RoundId::new(year, kind.parse()?)
    }
}

impl fmt::Display for RoundKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for RoundId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.year, self.kind.as_str())
    }
}

/// A collection round: when it opens, when it is due, and what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: RoundId,
    /// The "as-at" date of the extract: the NSI snapshot learner identity is checked against.
    pub extract_date: NaiveDate,
    pub opens_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// The window the funder sets each year for April resubmissions (EPI corrections).
    pub resubmission_window: Option<Window>,
    /// Published data can no longer be altered.
    pub published: bool,
}

/// A span of time, open at `opens_at` and closed from `closes_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

impl Window {
    /// Whether `now` falls inside: from the opening instant, up to but not at the close.
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.opens_at <= now && now < self.closes_at
    }
}

impl Round {
    /// The April resubmission window, when `now` is inside it (other rounds have none).
    pub fn open_resubmission_window(&self, now: DateTime<Utc>) -> Option<Window> {
        self.resubmission_window
            .filter(|window| self.id.kind == RoundKind::Apr && window.contains(now))
    }

    pub fn files(&self) -> &'static [SdrFile] {
        self.id.kind.files()
    }

    /// The standard round of this kind for a year, from the published calendar.
    pub fn standard(year: i32, kind: RoundKind) -> Result<Round, RoundIdError> {
        let id = RoundId::new(year, kind)?;
        let date =
            |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or(RoundIdError::YearOutOfRange(y));
        let (extract, opens, due) = match kind {
            RoundKind::Ind => (date(year, 3, 1)?, date(year, 3, 1)?, date(year, 3, 6)?),
            RoundKind::Apr => (date(year, 4, 15)?, date(year, 4, 17)?, date(year, 4, 29)?),
            RoundKind::Aug => (date(year, 8, 7)?, date(year, 8, 8)?, date(year, 8, 21)?),
            RoundKind::Dec => (
                date(year, 12, 31)?,
                date(year + 1, 1, 1)?,
                date(year + 1, 1, 31)?,
            ),
        };
        Ok(Round {
            id,
            extract_date: extract,
            opens_at: new_zealand_time(opens, NaiveTime::MIN),
            due_at: new_zealand_time(next_working_day(due), due_time()),
            resubmission_window: None,
            published: false,
        })
    }

    /// The four standard rounds of a year, in calendar order.
    pub fn standard_year(year: i32) -> Result<Vec<Round>, RoundIdError> {
        RoundKind::ALL
            .into_iter()
            .map(|kind| Round::standard(year, kind))
            .collect()
    }
}

/// The funder's changes to a round; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundChanges {
    pub extract_date: Option<NaiveDate>,
    pub opens_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    /// `Some(None)` removes the window.
    pub resubmission_window: Option<Option<Window>>,
}

/// Why a round cannot take the changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundChangeError {
    #[error("the round would open ({opens_at}) at or after its due date ({due_at})")]
    OpensAfterDue {
        opens_at: DateTime<Utc>,
        due_at: DateTime<Utc>,
    },
    #[error("the resubmission window would open ({opens_at}) at or after it closes ({closes_at})")]
    WindowBackwards {
        opens_at: DateTime<Utc>,
        closes_at: DateTime<Utc>,
    },
    #[error(
        "only April rounds have a resubmission window; {0} returns are resubmitted through a Stop Gate lift"
    )]
    WindowNotApril(RoundKind),
}

impl Round {
    /// The round with the funder's changes, if they make a coherent round.
    pub fn changed(&self, changes: &RoundChanges) -> Result<Round, RoundChangeError> {
        let mut round = self.clone();
        if let Some(extract_date) = changes.extract_date {
            round.extract_date = extract_date;
        }
        if let Some(opens_at) = changes.opens_at {
            round.opens_at = opens_at;
        }
        if let Some(due_at) = changes.due_at {
            round.due_at = due_at;
        }
        if let Some(window) = changes.resubmission_window {
            round.resubmission_window = window;
        }
        if round.opens_at >= round.due_at {
            return Err(RoundChangeError::OpensAfterDue {
                opens_at: round.opens_at,
                due_at: round.due_at,
            });
        }
        if let Some(window) = round.resubmission_window {
            if round.id.kind != RoundKind::Apr {
                return Err(RoundChangeError::WindowNotApril(round.id.kind));
            }
            if window.opens_at >= window.closes_at {
                return Err(RoundChangeError::WindowBackwards {
                    opens_at: window.opens_at,
                    closes_at: window.closes_at,
                });
            }
        }
        Ok(round)
    }
}

/// The date in New Zealand at `now`: "today" for every date rule a TEO is held to.
/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn nz_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Auckland).date_naive()
}

/// The hour of the day in New Zealand at `now` (0–23).
pub fn nz_hour(now: DateTime<Utc>) -> u32 {
    chrono::Timelike::hour(&now.with_timezone(&Auckland))
}

/// The calendar year in New Zealand at `now`: the year whose rounds are current.
pub fn current_year(now: DateTime<Utc>) -> i32 {
    now.with_timezone(&Auckland).year()
}

fn due_time() -> NaiveTime {
    NaiveTime::from_hms_opt(DUE_HOUR, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// Saturday and Sunday move to the following Monday.
fn next_working_day(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + chrono::Days::new(2),
        Weekday::Sun => date + chrono::Days::new(1),
        _ => date,
    }
}

/// A New Zealand wall-clock time as UTC. In the autumn daylight-saving change an hour repeats;
/// the earlier instant is taken. No round boundary falls in the spring gap (2–3 am), but if one
/// did, the following hour is used.
fn new_zealand_time(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = date.and_time(time);
    match Auckland.from_local_datetime(&local).earliest() {
        Some(instant) => instant.with_timezone(&Utc),
        None => {
            let later = local + chrono::Duration::hours(1);
            Auckland
                .from_local_datetime(&later)
                .earliest()
                .map(|instant| instant.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&local))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nz(instant: DateTime<Utc>) -> String {
        instant
            .with_timezone(&Auckland)
            .format("%a %Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn indicative_2026_is_due_at_5pm_friday_6_march() {
        let round = Round::standard(2026, RoundKind::Ind).expect("2026 is in range");
        assert_eq!(nz(round.due_at), "Fri 2026-03-06 17:00");
        assert_eq!(nz(round.opens_at), "Sun 2026-03-01 00:00");
        assert_eq!(round.files(), &SdrFile::INDICATIVE);
    }

    #[test]
    fn december_round_is_lodged_in_january_of_the_next_year() {
        let round = Round::standard(2026, RoundKind::Dec).expect("2026 is in range");
        assert_eq!(nz(round.opens_at), "Fri 2027-01-01 00:00");
        // 31 January 2027 is a Sunday, so the due date moves to Monday 1 February.
        assert_eq!(nz(round.due_at), "Mon 2027-02-01 17:00");
        assert_eq!(
            round.extract_date,
            NaiveDate::from_ymd_opt(2026, 12, 31).expect("valid")
        );
        assert_eq!(round.files().len(), 5);
    }

    #[test]
    fn weekend_due_dates_move_to_monday() {
        // 29 April 2028 is a Saturday.
        let round = Round::standard(2028, RoundKind::Apr).expect("2028 is in range");
        assert_eq!(nz(round.due_at), "Mon 2028-05-01 17:00");
    }

    #[test]
    fn round_ids_parse_and_print() {
        let id: RoundId = "2026-apr".parse().expect("valid id");
        assert_eq!(id.to_string(), "2026-APR");
        assert_eq!(id.return_id(), 202604);
        assert!(matches!(
            "2026-MAY".parse::<RoundId>(),
            Err(RoundIdError::UnknownKind(_))
        ));
        assert!(matches!(
            "26-APR".parse::<RoundId>(),
            Err(RoundIdError::Malformed(_))
        ));
        assert!(matches!(
            "1999-APR".parse::<RoundId>(),
            Err(RoundIdError::YearOutOfRange(1999))
        ));
    }

    #[test]
    fn every_round_opens_before_it_is_due() {
        for year in 2025..=2030 {
            for round in Round::standard_year(year).expect("in range") {
                assert!(round.opens_at < round.due_at, "{}", round.id);
            }
        }
    }

    #[test]
    fn a_round_takes_coherent_changes_only() {
        let april = Round::standard(2026, RoundKind::Apr).expect("2026");
        let window = Window {
            opens_at: april.due_at + chrono::Duration::days(30),
            closes_at: april.due_at + chrono::Duration::days(40),
        };
        let changed = april
            .changed(&RoundChanges {
                resubmission_window: Some(Some(window)),
                due_at: Some(april.due_at + chrono::Duration::days(1)),
                ..RoundChanges::default()
            })
            .expect("coherent");
        assert_eq!(changed.resubmission_window, Some(window));
        assert_eq!(changed.due_at, april.due_at + chrono::Duration::days(1));
        assert!(matches!(
            april.changed(&RoundChanges {
                due_at: Some(april.opens_at),
                ..RoundChanges::default()
            }),
            Err(RoundChangeError::OpensAfterDue { .. })
        ));
        let backwards = Window {
            opens_at: window.closes_at,
            closes_at: window.opens_at,
        };
        assert!(matches!(
            april.changed(&RoundChanges {
                resubmission_window: Some(Some(backwards)),
                ..RoundChanges::default()
            }),
            Err(RoundChangeError::WindowBackwards { .. })
        ));
        let august = Round::standard(2026, RoundKind::Aug).expect("2026");
        assert_eq!(
            august.changed(&RoundChanges {
                resubmission_window: Some(Some(window)),
                ..RoundChanges::default()
            }),
            Err(RoundChangeError::WindowNotApril(RoundKind::Aug))
        );
    }
}

/// How far ahead a work-based cut-off is shown in what is due.
pub const WORK_BASED_CUT_OFF_NOTICE_DAYS: i64 = 30;

/// A date by which an organisation's work-based data must be current in DXP, for the funder's
/// extracts (`sdr-domain.md` §1.4): what it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkBasedCutOff {
    /// The last day, in New Zealand.
    pub date: NaiveDate,
    /// What must be current by then.
    pub covers: &'static str,
}

/// The work-based cut-offs of a calendar year, in date order: 31 January (the previous year's
/// training), 31 March (the previous and current year's), 30 June and 31 August (the current
/// year's).
pub fn work_based_cut_offs(year: i32) -> Vec<WorkBasedCutOff> {
    [
        (1, 31, "the previous year's work-based training"),
        (3, 31, "the previous and current year's work-based training"),
        (6, 30, "the current year's work-based training"),
        (8, 31, "the current year's work-based training"),
    ]
    .into_iter()
    .filter_map(|(month, day, covers)| {
        NaiveDate::from_ymd_opt(year, month, day).map(|date| WorkBasedCutOff { date, covers })
    })
    .collect()
}

/// The work-based cut-offs from `today` to [`WORK_BASED_CUT_OFF_NOTICE_DAYS`] days ahead, the
/// day itself included.
pub fn work_based_cut_offs_ahead(today: NaiveDate) -> Vec<WorkBasedCutOff> {
    let last = today + chrono::Duration::days(WORK_BASED_CUT_OFF_NOTICE_DAYS);
    (today.year()..=last.year())
        .flat_map(work_based_cut_offs)
        .filter(|cut_off| (today..=last).contains(&cut_off.date))
        .collect()
}

#[cfg(test)]
mod work_based_cut_off_tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn the_four_cut_offs_of_a_year_come_in_date_order() {
        let dates: Vec<NaiveDate> = work_based_cut_offs(2026).iter().map(|c| c.date).collect();
        assert_eq!(
            dates,
            [
                day("2026-01-31"),
                day("2026-03-31"),
                day("2026-06-30"),
                day("2026-08-31")
            ]
        );
    }

    #[test]
    fn a_cut_off_is_shown_from_30_days_before_to_its_day() {
        let ahead = |today: &str| -> Vec<NaiveDate> {
            work_based_cut_offs_ahead(day(today))
                .iter()
                .map(|c| c.date)
                .collect()
        };
        assert_eq!(ahead("2026-03-01"), [day("2026-03-31")], "30 days before");
        assert_eq!(
            ahead("2026-02-28"),
            Vec::<NaiveDate>::new(),
            "31 days before"
        );
        assert_eq!(ahead("2026-03-31"), [day("2026-03-31")], "the day itself");
        assert_eq!(
            ahead("2026-04-01"),
            Vec::<NaiveDate>::new(),
            "the day after"
        );
        assert_eq!(
            ahead("2027-01-05"),
            [day("2027-01-31")],
            "the previous year's, in January"
        );
    }
}
