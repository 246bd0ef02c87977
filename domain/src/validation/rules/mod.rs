//! The course-enrolment rules. Each module holds its rules' definitions with their checks; this
//! module holds the registry, [`RULES`], the one list every other view of the rules is read
//! from. Codes are stable: a new rule takes the next code, a retired one keeps its number.

mod codes;
mod dates;
mod efts;
mod fees;
mod funding;
mod identifiers;
mod ite;
mod mandatory;
mod numbers;
pub(crate) mod shape;
pub(crate) mod support;

use super::rule::{Check, Rule};
use super::sink::Sink;
use super::view::RecordView;

pub(crate) use ite::{IteValues, compare_ite_values, compare_with_first, has_ite_values};
pub(crate) use shape::{CE_001, CE_002, CE_005, CE_042};

/// Every rule, in code order (a test holds them to it).
pub(crate) static RULES: [&Rule; 42] = [
    &shape::CE_001,
    &shape::CE_002,
    &shape::CE_003,
    &shape::CE_004,
    &shape::CE_005,
    &shape::CE_006,
    &identifiers::CE_007,
    &identifiers::CE_008,
    &identifiers::CE_009,
    &identifiers::CE_010,
    &identifiers::CE_011,
    &dates::CE_012,
    &dates::CE_013,
    &codes::CE_014,
    &fees::CE_015,
    &codes::CE_016,
    &codes::CE_017,
    &codes::CE_018,
    &codes::CE_019,
    &codes::CE_020,
    &efts::CE_021,
    &efts::CE_022,
    &efts::CE_023,
    &efts::CE_024,
    &codes::CE_025,
    &codes::CE_026,
    &numbers::CE_027,
    &codes::CE_028,
    &numbers::CE_029,
    &funding::CE_030,
    &ite::CE_031,
    &ite::CE_032,
    &ite::CE_033,
    &ite::CE_034,
    &ite::CE_035,
    &ite::CE_036,
    &mandatory::CE_037,
    &mandatory::CE_038,
    &numbers::CE_039,
    &funding::CE_040,
    &ite::CE_041,
    &shape::CE_042,
];

/// Runs every record rule on one record.
pub(crate) fn check_record(view: &RecordView<'_>, sink: &mut Sink<'_>) {
    for rule in &RULES {
        if let Check::Record(check) = rule.check {
            check(view, sink);
        }
    }
}
