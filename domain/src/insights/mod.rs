//! Information products (domain spec §6, spec 002): the educational performance indicators
//! (EPIs) and DQ3-7 delivery against the funder's 99–105% band, computed from facts the
//! returns hold. Pure arithmetic over plain inputs; which records feed it, and when, is the
//! service's business.
//!
//! Money and EFTS are kept as integers (cents, ten-thousandths of an EFTS) so that a band edge
//! such as exactly 99% is decided exactly, never by a floating-point hair.

pub mod cohorts;
pub mod completion;
pub mod delivery;
pub mod groups;
pub mod suppression;
pub mod units;

pub use cohorts::{
    CohortCompletion, CreditAchievement, FirstYear, LowerLevelCompletion, QualificationStart,
    Share, completion_window_years, first_year_retention, progression, qualification_completion,
};
pub use completion::{
    CompletionOutcome, CourseCompletionRate, EnrolmentOutcome, course_completion_rate,
};
pub use delivery::{DeliveryBand, DeliveryCheck, WithdrawalPeriod, efts_in_year};
pub use groups::{AgeGroup, EthnicGroup, LevelBand};
pub use suppression::{Shown, Suppression};
pub use units::{Cents, Efts};
