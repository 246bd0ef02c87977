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
pub mod epic;
pub mod facts;
pub mod groups;
pub mod indicators;
pub mod register;
pub mod suppression;
pub mod units;
pub mod work_based;

pub use cohorts::{
    CohortCompletion, CreditAchievement, FirstYear, LowerLevelCompletion, QualificationStart,
    Share, completion_window_years, first_year_retention, progression, qualification_completion,
};
pub use completion::{
    CompletionOutcome, CourseCompletionRate, EnrolmentOutcome, course_completion_rate,
};
pub use delivery::{
    DeliveredValue, DeliveryBand, DeliveryCheck, FundingRates, LastYearGrowth, PROVIDER_BASED,
    WithdrawalPeriod, delivered_value, efts_by_month, efts_in_year, projected_efts,
};
pub use epic::{EpicFigure, EpicMeasure, epic_figures};
pub use facts::{
    LearnerYear, NoRegister, QualificationLookup, ReturnFacts, ReturnSummary, Summary,
};
pub use groups::{AgeGroup, EthnicGroup, LevelBand};
pub use indicators::{Figure, FigureStatus, Group, IndicatorKind, YearOfFacts, indicators};
pub use register::RegisterLookup;
pub use suppression::{Shown, Suppression};
pub use units::{Cents, Efts};
pub use work_based::{
    CreditResult, TrainingEnrolment, TrainingVolume, training_volumes, work_based_indicators,
};
