//! The DXP domain: what a Single Data Return is, independent of how it travels or is stored.
//!
//! This crate owns the SDR record types and their code lists, the validation rules and their
//! catalogue, the collection-round calendar, organisations and roles, and the submission state
//! machine. It is pure: no I/O, no database, no HTTP. Everything here can be tested with plain
//! values, and every other crate speaks in these types.

pub mod calendar;
pub mod codes;
pub mod commitments;
pub mod course;
pub mod course_completion;
pub mod course_enrolment;
pub mod documents;
pub mod due;
pub mod efts_forecast;
pub mod fields;
pub mod insights;
pub mod ird;
pub mod learner;
pub mod lodging;
pub mod notices;
pub mod organisation;
pub mod qualification_completion;
pub mod reference;
pub mod registers;
pub mod role;
pub mod sdr_file;
pub mod submission;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod validation;
pub mod webhooks;
pub mod work_based;
pub mod workforce;

pub use calendar::{ReturnType, Round, RoundChanges, RoundId, RoundKind, Window};
pub use course_enrolment::CourseEnrolment;
pub use organisation::Edumis;
pub use role::{ApiPermission, PortalRole, Role};
pub use sdr_file::SdrFile;
pub use validation::{
    FileReport, Problem, Rule, RuleEntry, Severity, catalogue, check_file, check_file_in_year,
};
