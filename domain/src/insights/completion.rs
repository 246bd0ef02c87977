//! The course completion rate (domain spec §6.1): the share of a year's course enrolments
//! that were successfully completed, weighted by EFTS.

use super::suppression::{Shown, Suppression};
use super::units::Efts;

/// What a course completion record says became of an enrolment (its Student Course Completion
/// Indicator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionOutcome {
    /// 2: successfully completed.
    Completed,
    /// 3: did not successfully complete.
    NotCompleted,
    /// 4: did not complete (withdrew).
    Withdrew,
    /// 0: still to complete (a valid extension), or no completion record yet.
    Pending,
    /// 1, 5, 6, 7 or 8: valid codes whose meaning the funder has not published; not a final
    /// outcome the rate can count either way.
    Unpublished,
}

impl CompletionOutcome {
    /// The outcome a completion indicator stands for; `None` (no completion record) is pending.
    pub fn of_indicator(indicator: Option<i32>) -> CompletionOutcome {
        match indicator {
            Some(2) => CompletionOutcome::Completed,
            Some(3) => CompletionOutcome::NotCompleted,
            Some(4) => CompletionOutcome::Withdrew,
            None | Some(0) => CompletionOutcome::Pending,
            Some(_) => CompletionOutcome::Unpublished,
        }
    }

    fn is_final(self) -> bool {
        matches!(
            self,
            CompletionOutcome::Completed
                | CompletionOutcome::NotCompleted
                | CompletionOutcome::Withdrew
        )
    }
}

/// One enrolment as the rate sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrolmentOutcome {
    /// The enrolment's EFTS (its course EFTS factor).
    pub efts: Efts,
    pub outcome: CompletionOutcome,
    /// Withdrawn inside the withdrawal period: never counted as delivered, so not in the rate.
    pub withdrawn_within_period: bool,
    /// In a non-formal qualification (award category 90, 96, 97 or 99), which the rate leaves
    /// out.
    pub non_formal: bool,
}

/// The qualification award categories of non-formal provision, which the completion rate
/// leaves out (domain spec §6.1).
pub const NON_FORMAL_AWARD_CATEGORIES: [&str; 4] = ["90", "96", "97", "99"];

/// Completed EFTS over the EFTS of enrolments with a final outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CourseCompletionRate {
    pub completed: Efts,
    /// EFTS of the counted enrolments with a final outcome (completed, not, or withdrew).
    pub finished: Efts,
}

impl CourseCompletionRate {
    pub fn add(&mut self, enrolment: &EnrolmentOutcome) {
        if enrolment.withdrawn_within_period
            || enrolment.non_formal
            || !enrolment.outcome.is_final()
        {
            return;
        }
        self.finished += enrolment.efts;
        if enrolment.outcome == CompletionOutcome::Completed {
            self.completed += enrolment.efts;
        }
    }

    /// The rate from 0 to 1, if any EFTS finished.
    pub fn rate(&self) -> Option<f64> {
        (self.finished > Efts::ZERO).then(|| self.completed.0 as f64 / self.finished.0 as f64)
    }

    /// The rate as it may be published: suppressed when it rests on too few EFTS.
    pub fn shown(&self, suppression: Suppression) -> Shown<f64> {
        match self.rate() {
            Some(rate) => suppression.apply(self.finished, rate),
            None => Shown::Suppressed {
                minimum: suppression.minimum(),
            },
        }
    }
}

/// The course completion rate of `enrolments`.
pub fn course_completion_rate<'a>(
    enrolments: impl IntoIterator<Item = &'a EnrolmentOutcome>,
) -> CourseCompletionRate {
    let mut rate = CourseCompletionRate::default();
    for enrolment in enrolments {
        rate.add(enrolment);
    }
    rate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enrolment(efts: i64, indicator: Option<i32>) -> EnrolmentOutcome {
        EnrolmentOutcome {
            efts: Efts(efts),
            outcome: CompletionOutcome::of_indicator(indicator),
            withdrawn_within_period: false,
            non_formal: false,
        }
    }

    #[test]
    fn the_rate_is_weighted_by_efts() {
        // 0.5 EFTS completed, 0.125 not, 0.375 withdrew: 0.5 of 1.0.
        let enrolments = [
            enrolment(5_000, Some(2)),
            enrolment(1_250, Some(3)),
            enrolment(3_750, Some(4)),
        ];
        let rate = course_completion_rate(&enrolments);
        assert_eq!(rate.completed, Efts(5_000));
        assert_eq!(rate.finished, Efts(10_000));
        assert_eq!(rate.rate(), Some(0.5));
    }

    #[test]
    fn pending_and_unpublished_outcomes_are_left_out() {
        let enrolments = [
            enrolment(1_000, Some(2)),
            enrolment(9_000, Some(0)),
            enrolment(9_000, None),
            enrolment(9_000, Some(5)),
        ];
        assert_eq!(course_completion_rate(&enrolments).rate(), Some(1.0));
    }

    #[test]
    fn early_withdrawals_and_non_formal_provision_are_left_out() {
        let early = EnrolmentOutcome {
            withdrawn_within_period: true,
            ..enrolment(9_000, Some(4))
        };
        let non_formal = EnrolmentOutcome {
            non_formal: true,
            ..enrolment(9_000, Some(3))
        };
        let rate = course_completion_rate(&[enrolment(1_000, Some(2)), early, non_formal]);
        assert_eq!(rate.finished, Efts(1_000));
    }

    #[test]
    fn a_rate_on_four_efts_is_not_shown_and_on_five_it_is() {
        let four = course_completion_rate(&[enrolment(40_000, Some(2))]);
        assert_eq!(four.shown(Suppression::Organisation).value(), None);
        let five =
            course_completion_rate(&[enrolment(30_000, Some(2)), enrolment(20_000, Some(3))]);
        assert_eq!(five.shown(Suppression::Organisation).value(), Some(&0.6));
        assert_eq!(CourseCompletionRate::default().rate(), None);
    }
}
