//! The indicators that follow learners from one year to the next (domain spec §6.1, §6.2):
//! first-year retention, cohort-based qualification (and programme) completion, progression,
//! and the work-based credit achievement rate. Each counts learners, not EFTS; the EFTS behind
//! a cohort decide only whether it may be shown.

use chrono::{Months, NaiveDate};

use super::suppression::{Shown, Suppression};
use super::units::Efts;

/// How many of a cohort did what the indicator asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    pub counted: u32,
    pub cohort: u32,
    /// The cohort's EFTS, which decide suppression.
    pub efts: Efts,
}

impl Share {
    pub fn add(&mut self, efts: Efts, counted: bool) {
        self.cohort += 1;
        self.efts += efts;
        if counted {
            self.counted += 1;
        }
    }

    pub fn rate(&self) -> Option<f64> {
        (self.cohort > 0).then(|| f64::from(self.counted) / f64::from(self.cohort))
    }

    pub fn shown(&self, suppression: Suppression) -> Shown<f64> {
        match self.rate() {
            Some(rate) => suppression.apply(self.efts, rate),
            None => Shown::Suppressed {
                minimum: suppression.minimum(),
            },
        }
    }
}

/// A learner in the cohort of their first year at an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstYear {
    pub efts: Efts,
    /// Completed a qualification at the organisation in their first year.
    pub completed: bool,
    /// Enrolled again at the organisation the following year.
    pub re_enrolled: bool,
}

/// First-year retention: the share of a first-year cohort who complete a qualification or
/// re-enrol at the same organisation the next year (for apprentices, the same over their
/// first year in a training agreement).
pub fn first_year_retention<'a>(cohort: impl IntoIterator<Item = &'a FirstYear>) -> Share {
    let mut share = Share::default();
    for learner in cohort {
        share.add(learner.efts, learner.completed || learner.re_enrolled);
    }
    share
}

/// A learner who started a qualification (or a work-based programme) in the cohort's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QualificationStart {
    pub efts: Efts,
    pub start_year: i32,
    /// The qualification's credits, which set its completion window.
    pub credits: u32,
    /// The year the learner completed it at the organisation, if they have.
    pub completed_in: Option<i32>,
}

/// The years a start is given to complete in, counting the start year (domain spec §8.7: the
/// funder's windows are not public). Judgement call: twice the qualification's full-time
/// length (120 credits a year, rounded up), but no more than two years beyond it: a one-year
/// certificate has 2 years, a two-year diploma 4, a three-year degree 5, a four-year degree 6.
pub fn completion_window_years(credits: u32) -> i32 {
    let full_time_years = credits.div_ceil(120).max(1) as i32;
    (2 * full_time_years).min(full_time_years + 2)
}

/// Cohort-based qualification completion for the cohort that started in `cohort_year`, seen
/// from `as_of_year`: the share who completed within their window. `window_closed` says
/// whether every start's window has ended by then; until it has, the rate can still rise.
pub fn qualification_completion<'a>(
    starts: impl IntoIterator<Item = &'a QualificationStart>,
    cohort_year: i32,
    as_of_year: i32,
) -> CohortCompletion {
    let mut share = Share::default();
    let mut window_closed = true;
    for start in starts
        .into_iter()
        .filter(|start| start.start_year == cohort_year)
    {
        let last_year = cohort_year + completion_window_years(start.credits) - 1;
        window_closed &= last_year <= as_of_year;
        let completed = start
            .completed_in
            .is_some_and(|year| year <= last_year.min(as_of_year));
        share.add(start.efts, completed);
    }
    CohortCompletion {
        share,
        window_closed,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortCompletion {
    pub share: Share,
    pub window_closed: bool,
}

/// A learner who completed a level 1–4 qualification funded through the foundation or Youth
/// Guarantee funds, with the study they began afterwards at any organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerLevelCompletion {
    pub efts: Efts,
    pub level: u8,
    pub completed_on: NaiveDate,
    /// Start date and NZQCF level of each enrolment the learner began anywhere afterwards.
    pub later_study: Vec<(NaiveDate, u8)>,
}

/// Progression: the share who began study at a higher level within 12 months of completing.
pub fn progression<'a>(completions: impl IntoIterator<Item = &'a LowerLevelCompletion>) -> Share {
    let mut share = Share::default();
    for completion in completions
        .into_iter()
        .filter(|c| (1..=4).contains(&c.level))
    {
        let deadline = completion
            .completed_on
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        let progressed = completion.later_study.iter().any(|(start, level)| {
            *level > completion.level && *start >= completion.completed_on && *start <= deadline
        });
        share.add(completion.efts, progressed);
    }
    share
}

/// The work-based credit achievement rate: credits achieved over credits expected in the year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CreditAchievement {
    pub achieved: u32,
    pub expected: u32,
}

impl CreditAchievement {
    pub fn rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| f64::from(self.achieved) / f64::from(self.expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn retention_counts_completers_and_returners() {
        let learner = |completed, re_enrolled| FirstYear {
            efts: Efts::whole(1),
            completed,
            re_enrolled,
        };
        let cohort = [
            learner(true, false),
            learner(false, true),
            learner(true, true),
            learner(false, false),
        ];
        let share = first_year_retention(&cohort);
        assert_eq!((share.counted, share.cohort), (3, 4));
        assert_eq!(share.rate(), Some(0.75));
        assert_eq!(
            share.shown(Suppression::Organisation).value(),
            None,
            "4 EFTS"
        );
    }

    #[test]
    fn windows_grow_with_the_qualification() {
        assert_eq!(completion_window_years(60), 2);
        assert_eq!(completion_window_years(120), 2);
        assert_eq!(completion_window_years(240), 4);
        assert_eq!(completion_window_years(360), 5);
        assert_eq!(completion_window_years(480), 6);
    }

    #[test]
    fn a_completion_after_the_window_does_not_count() {
        let start = |credits, completed_in| QualificationStart {
            efts: Efts::whole(1),
            start_year: 2020,
            credits,
            completed_in,
        };
        let starts = [
            start(360, Some(2024)), // last year of a three-year degree's five
            start(360, Some(2025)), // a year late
            start(120, Some(2021)), // the certificate's second year
            start(120, None),
            QualificationStart {
                start_year: 2021,
                ..start(120, Some(2021))
            }, // another cohort
        ];
        let seen = qualification_completion(&starts, 2020, 2026);
        assert!(seen.window_closed);
        assert_eq!((seen.share.counted, seen.share.cohort), (2, 4));
        let early = qualification_completion(&starts, 2020, 2023);
        assert!(!early.window_closed, "the degree's window runs to 2024");
        assert_eq!(early.share.counted, 1);
    }

    #[test]
    fn progression_needs_a_higher_level_within_twelve_months() {
        let completion = |later_study| LowerLevelCompletion {
            efts: Efts::whole(1),
            level: 3,
            completed_on: day(2025, 11, 28),
            later_study,
        };
        let completions = [
            completion(vec![(day(2026, 11, 28), 4)]), // on the last day
            completion(vec![(day(2026, 11, 29), 4)]), // a day late
            completion(vec![(day(2026, 2, 23), 3)]),  // the same level
            LowerLevelCompletion {
                level: 5,
                ..completion(vec![(day(2026, 2, 23), 6)])
            }, // not level 1–4: not in the cohort
        ];
        let share = progression(&completions);
        assert_eq!((share.counted, share.cohort), (1, 3));
    }

    #[test]
    fn credit_achievement_is_achieved_over_expected() {
        let rate = CreditAchievement {
            achieved: 90,
            expected: 120,
        };
        assert_eq!(rate.rate(), Some(0.75));
        assert_eq!(CreditAchievement::default().rate(), None);
    }
}
