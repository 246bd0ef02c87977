//! The work-based indicators and volumes (domain spec §6.2, §6.3), from the programme
//! enrolments a training management system keeps through the work-based API and the results
//! NZQA reports for its learners.
//!
//! Where the funder is silent (domain spec §8.9, §8.12), one derivation serves both the
//! credits expected of a learner and the funded volume: a programme's credits are spread evenly
//! over its nominal duration from the participation start, month by month, and stop after the
//! month the enrolment is withdrawn or completed in. The credits of a month over 120 are its
//! standard training measures (1 STM = 120 credits a year, as 1 EFTS).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::MONTH_NAMES;

use super::cohorts::{QualificationStart, Share, qualification_completion};
use super::groups::{AgeGroup, EthnicGroup, LevelBand};
use super::indicators::{Figure, Group, IndicatorKind};
use super::units::Efts;

/// The study types of apprenticeships, whose first year the retention indicator follows.
pub const APPRENTICESHIP_STUDY_TYPES: [&str; 2] = ["NZA", "MAP"];

/// Credits a year of full-time training stands for: one STM.
const CREDITS_PER_STM: i64 = 120;

/// One programme enrolment as the work-based products read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingEnrolment {
    pub nsn: i32,
    pub ethnic: Vec<EthnicGroup>,
    pub birth: NaiveDate,
    /// The band of the programme's target qualification, when the register knows it.
    pub band: Option<LevelBand>,
    /// A New Zealand or managed apprenticeship.
    pub apprenticeship: bool,
    /// The mode of delivery code: 24 work-based, 25 pathway to work, 26 assessment and
    /// verification.
    pub mode: i32,
    /// What its rate is looked up by: the programme's NZSCED field of study.
    pub field_of_study: String,
    pub credits: u32,
    pub nominal_months: u32,
    pub start: NaiveDate,
    pub withdrawn_on: Option<NaiveDate>,
    /// When the enrolment was completed, or NZQA reported its target qualification awarded.
    pub completed_on: Option<NaiveDate>,
}

impl TrainingEnrolment {
    /// The month the training stops: the month it was withdrawn or completed in, if before
    /// the end of its nominal duration.
    fn last_month(&self) -> i64 {
        let planned = month_index(self.start) + i64::from(self.nominal_months.max(1)) - 1;
        [self.withdrawn_on, self.completed_on]
            .into_iter()
            .flatten()
            .map(month_index)
            .fold(planned, i64::min)
    }

    /// Credits expected of the training in months `from..=to` (month indexes), in
    /// ten-thousandths of a credit. Cumulative rounding, so that the months of a year add up
    /// to the year's expectation exactly.
    fn expected_in(&self, from: i64, to: i64) -> i64 {
        let first = month_index(self.start);
        let nominal = i64::from(self.nominal_months.max(1));
        let through = |month: i64| -> i64 {
            let months = (month - first + 1).clamp(0, nominal);
            let credits = i64::from(self.credits) * Efts::UNITS * months;
            (credits + nominal / 2) / nominal
        };
        let to = to.min(self.last_month());
        if to < from {
            return 0;
        }
        through(to) - through(from - 1)
    }

    /// Credits expected of the training in `year` through month `through_month` (1–12), in
    /// ten-thousandths of a credit.
    pub fn expected_credits(&self, year: i32, through_month: u32) -> i64 {
        let january = i64::from(year) * 12;
        self.expected_in(january, january + i64::from(through_month.clamp(1, 12)) - 1)
    }

    /// The standard training measures of `year` through month `through_month`.
    pub fn stm(&self, year: i32, through_month: u32) -> Efts {
        Efts(stm_of(self.expected_credits(year, through_month)))
    }

    /// The STMs of the training's first twelve months: what decides whether a cohort it is in
    /// may be shown.
    fn first_year_stm(&self) -> Efts {
        let first = month_index(self.start);
        Efts(stm_of(self.expected_in(first, first + 11)))
    }

    fn in_group(&self, group: Group, year: i32) -> bool {
        match group {
            Group::Organisation => true,
            Group::LevelBand(band) => self.band == Some(band),
            Group::Ethnicity(wanted) => self.ethnic.contains(&wanted),
            Group::Age(wanted) => AgeGroup::of(self.birth, year) == wanted,
        }
    }

    fn open_on(&self, day: NaiveDate) -> bool {
        let end = [self.withdrawn_on, self.completed_on]
            .into_iter()
            .flatten()
            .min();
        self.start <= day && end.is_none_or(|end| day <= end)
    }
}

/// STMs in ten-thousandths from credits in ten-thousandths, to the nearest.
fn stm_of(credit_units: i64) -> i64 {
    (credit_units + CREDITS_PER_STM / 2) / CREDITS_PER_STM
}

fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// Credits NZQA reported a learner achieved on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditResult {
    pub nsn: i32,
    pub credits: u32,
    pub achieved_on: NaiveDate,
}

/// The years the enrolments were in training, up to `today`'s.
fn years_of(enrolments: &[TrainingEnrolment], today: NaiveDate) -> Vec<i32> {
    let Some(first) = enrolments.iter().map(|e| e.start.year()).min() else {
        return Vec::new();
    };
    (first..=today.year()).collect()
}

/// The work-based indicators of one organisation, year by year and group by group, as they
/// stand on `today`:
/// - apprentice first-year retention: the apprentices who started in the year, still in
///   training or completed a year after their start, measured once every one of them has had
///   that year;
/// - cohort programme completion: the programmes started in the year, completed within the
///   window their credits give;
/// - credit achievement: credits NZQA reported achieved in the year, while the learner was in
///   training here, over the credits expected in the year (to date in the current year).
pub fn work_based_indicators(
    enrolments: &[TrainingEnrolment],
    results: &[CreditResult],
    today: NaiveDate,
) -> Vec<Figure> {
    let mut figures = Vec::new();
    let this_year = today.year();
    // Each result counts once, for the learner's first enrolment open on its day.
    let mut by_learner: HashMap<i32, Vec<usize>> = HashMap::new();
    for (index, e) in enrolments.iter().enumerate() {
        by_learner.entry(e.nsn).or_default().push(index);
    }
    let mut achieved: HashMap<(i32, usize), i64> = HashMap::new();
    for result in results.iter().filter(|result| result.achieved_on <= today) {
        let theirs = by_learner.get(&result.nsn).map_or(&[][..], Vec::as_slice);
        if let Some(&index) = theirs
            .iter()
            .find(|&&index| enrolments[index].open_on(result.achieved_on))
        {
            *achieved
                .entry((result.achieved_on.year(), index))
                .or_default() += i64::from(result.credits);
        }
    }
    for year in years_of(enrolments, today) {
        let through_month = if year == this_year { today.month() } else { 12 };
        let started: Vec<&TrainingEnrolment> = enrolments
            .iter()
            .filter(|e| e.start.year() == year)
            .collect();
        let anniversary = |e: &TrainingEnrolment| {
            e.start
                .checked_add_months(Months::new(12))
                .unwrap_or(NaiveDate::MAX)
        };
        let last_anniversary = started
            .iter()
            .filter(|e| e.apprenticeship)
            .map(|e| anniversary(e))
            .max();
        for group in Group::every() {
            // Apprentice first-year retention.
            let mut share = Share::default();
            for e in started
                .iter()
                .filter(|e| e.apprenticeship && e.in_group(group, year))
            {
                let year_on = anniversary(e);
                let completed = e.completed_on.is_some_and(|day| day <= year_on);
                let stayed = e.withdrawn_on.is_none_or(|day| day > year_on);
                share.add(e.first_year_stm(), completed || stayed);
            }
            let (measured, note) = match last_anniversary {
                Some(last) if last > today => (
                    None,
                    Some(format!(
                        "Measured once every apprentice who started in {year} has had a year \
                         in training, on {last}."
                    )),
                ),
                _ => (of_share(&share), None),
            };
            figures.push(Figure::of(
                IndicatorKind::ApprenticeRetention,
                year,
                group,
                measured,
                note,
            ));

            // Cohort programme completion.
            let starts: Vec<QualificationStart> = started
                .iter()
                .filter(|e| e.in_group(group, year))
                .map(|e| QualificationStart {
                    efts: e.first_year_stm(),
                    start_year: year,
                    credits: e.credits,
                    completed_in: e.completed_on.map(|day| day.year()),
                })
                .collect();
            let cohort = qualification_completion(&starts, year, this_year);
            let note = (!cohort.window_closed && cohort.share.cohort > 0).then(|| {
                "The completion window is still open: the rate can still rise.".to_owned()
            });
            figures.push(Figure::of(
                IndicatorKind::ProgrammeCompletion,
                year,
                group,
                of_share(&cohort.share),
                note,
            ));

            // Credit achievement.
            let mut expected = 0i64;
            let mut credits_achieved = 0i64;
            for (index, e) in enrolments.iter().enumerate() {
                if e.in_group(group, year) {
                    expected += e.expected_credits(year, through_month);
                    credits_achieved += achieved.get(&(year, index)).copied().unwrap_or(0);
                }
            }
            let measured = (expected > 0).then(|| {
                (
                    (credits_achieved * Efts::UNITS) as f64 / expected as f64,
                    Efts(stm_of(expected)),
                )
            });
            let note = (year == this_year && measured.is_some()).then(|| {
                format!(
                    "To date: credits expected from January to {} only.",
                    month_name(through_month)
                )
            });
            figures.push(Figure::of(
                IndicatorKind::CreditAchievement,
                year,
                group,
                measured,
                note,
            ));
        }
    }
    figures
}

fn of_share(share: &Share) -> Option<(f64, Efts)> {
    share.rate().map(|rate| (rate, share.efts))
}

fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// The STMs of one year in one mode of delivery and field of study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingVolume {
    pub year: i32,
    pub mode: i32,
    pub field_of_study: String,
    /// STMs of the whole year, as the enrolments stand.
    pub stm: Efts,
    /// STMs of the months of the year up to the day the volume was worked out (the whole year
    /// for a past year).
    pub to_date: Efts,
}

/// The funded volume of the enrolments, by year, mode and field of study, as it stands on
/// `today`.
pub fn training_volumes(enrolments: &[TrainingEnrolment], today: NaiveDate) -> Vec<TrainingVolume> {
    let mut volumes: BTreeMap<(i32, i32, &str), (Efts, Efts)> = BTreeMap::new();
    for e in enrolments {
        let last_year = (e.last_month().div_euclid(12)) as i32;
        for year in e.start.year()..=last_year {
            let through = if year == today.year() {
                today.month()
            } else if year < today.year() {
                12
            } else {
                0
            };
            let whole = e.stm(year, 12);
            let to_date = if through == 0 {
                Efts::ZERO
            } else {
                e.stm(year, through)
            };
            let slot = volumes
                .entry((year, e.mode, e.field_of_study.as_str()))
                .or_default();
            slot.0 += whole;
            slot.1 += to_date;
        }
    }
    volumes
        .into_iter()
        .map(|((year, mode, field), (stm, to_date))| TrainingVolume {
            year,
            mode,
            field_of_study: field.to_owned(),
            stm,
            to_date,
        })
        .collect()
}

#[cfg(test)]
mod tests;
