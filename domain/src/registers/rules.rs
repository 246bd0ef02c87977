//! The SDR rules against the registers (RG-), in the one catalogue. They are applied with the
//! rules across files when a submission is validated, to the enrolments of a return, against
//! the [`super::RegisterSnapshot`] of the organisation and the return's year; a register not
//! loaded for them is not checked against. The checks are in
//! `validation::across_files::registers`.

use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};

/// RG-001.
pub const RG_001: Rule = rule(
    SdrFile::CourseEnrolments,
    "RG-001",
    "courseCode",
    Severity::Error,
    Check::Batch,
    "The course of each course enrolment is in the organisation's course register (kept \
     by the funder) for the return's year: the REGT sent with the return must match the \
     register (domain spec §2.3). A new course goes to the funder as a change request \
     first. Not checked while the funder has loaded no course register of the \
     organisation for the year.",
);

/// RG-002.
pub const RG_002: Rule = rule(
    SdrFile::CourseEnrolments,
    "RG-002",
    "qualificationCode",
    Severity::Error,
    Check::Batch,
    "The qualification of each course enrolment is in the qualification register the \
     funder keeps. Not checked while the funder has loaded no qualification register.",
);

/// RG-003.
pub const RG_003: Rule = rule(
    SdrFile::CourseEnrolments,
    "RG-003",
    "courseDeliverySite",
    Severity::Error,
    Check::Batch,
    "The delivery site of each course enrolment (01 to 96, or a letter code) is in the \
     organisation's delivery-site register, active in the return's year; 98 \
     (extramural) and 99 (community education) are not sites and are not checked. Not \
     checked while the funder has loaded no delivery site of the organisation active in \
     the year.",
);

/// RG-004.
pub const RG_004: Rule = rule(
    SdrFile::CourseEnrolments,
    "RG-004",
    "sourceOfFunding",
    Severity::Error,
    Check::Batch,
    "Fund 37 (DQ3-7) is reported only for an enrolment in a qualification the \
     qualification register has approved for DQ3-7 funding from the return's year or \
     before (spec 002). Not checked for a qualification not in the register (RG-002).",
);

/// RG-005.
pub const RG_005: Rule = rule(
    SdrFile::CourseEnrolments,
    "RG-005",
    "sourceOfFunding",
    Severity::Error,
    Check::Batch,
    "Fund 03 is reported only for an enrolment in a qualification not approved for \
     DQ3-7 funding in the return's year; provision in an approved qualification is \
     reported under fund 37 (spec 002). Not checked for a qualification not in the \
     register (RG-002).",
);

/// Every rule against the registers, in code order.
pub static RULES: [&Rule; 5] = [&RG_001, &RG_002, &RG_003, &RG_004, &RG_005];
