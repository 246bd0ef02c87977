//! The category of fees assessment against what the enrolment itself says about the learner.
//!
//! Spec 003's note *1 decides the category from citizenship, residency and where the learner
//! lives. Citizenship is in the learner file, so only the cases the enrolment decides alone are
//! checked here (the rest is a cross-file rule):
//!
//! - a New Zealand resident visa holder (`residentialStatus` Y) or an Australian permanent
//!   resident (`australianResidentialStatus` true) residing in New Zealand (attendance 1 or 2)
//!   is always 00;
//! - a resident visa holder studying extramurally from overseas (attendance 3) is never 00:
//!   `Y` excludes New Zealand and Australian citizens, so no citizenship can make them domestic,
//!   and note *1's only overseas exception is intramural study (attendance 4) at Level 7 or
//!   above. An Australian permanent resident in the same position may be a New Zealand citizen
//!   (`residentialStatus` N includes citizens), so that case is left to the cross-file rule.
//! - attendance 4 depends on the NZQCF level of the study, which the enrolment does not carry.

use super::Enrolment;
use crate::SdrFile;
use crate::codes::{Attendance, FeesCategory, ResidentialStatus};
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Sink;

const FEES_FIELD: &str = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";

pub(crate) const CE_015: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-015",
    FEES_FIELD,
    Severity::Error,
    Check::FileRecord,
    "The category of fees assessment agrees with residency and attendance, as far as \
     the enrolment alone decides it (spec 003, note *1): a New Zealand resident visa \
     holder (residentialStatus Y) or Australian permanent resident \
     (australianResidentialStatus true) residing in New Zealand (attendance 1 or 2) is \
     00; a resident visa holder studying extramurally from overseas (attendance 3) is \
     not 00. Rules that need the learner's citizenship are cross-file rules.",
);

pub(super) fn fees_against_residency(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let (Some(category), Some(mode), Some(residency), Some(australian)) = (
        view.fees_category().and_then(FeesCategory::parse),
        view.attendance().and_then(Attendance::from_code),
        view.residential_status().and_then(ResidentialStatus::parse),
        view.australian_residential_status(),
    ) else {
        return;
    };
    let resident_visa = residency == ResidentialStatus::ResidentVisaHolder;
    let domestic = category == FeesCategory::Domestic;
    if mode.resides_in_nz() && (resident_visa || australian) && !domestic {
        let who = if resident_visa {
            "holds a New Zealand resident visa (residentialStatus Y)"
        } else {
            "holds Australian permanent residency (australianResidentialStatus true)"
        };
        sink.report(
            &CE_015,
            FEES_FIELD,
            format_args!(
                "{FEES_FIELD} is {} ({}) but the learner {who} and resides in New Zealand \
                 (intramuralExtramuralAttendance {}); such learners are assessed as domestic: 00",
                category.code(),
                category.meaning(),
                mode.code()
            ),
        );
    } else if mode == Attendance::ExtramuralOverseas && resident_visa && domestic {
        sink.report(
            &CE_015,
            FEES_FIELD,
            format_args!(
                "{FEES_FIELD} is 00 (Domestic Student) but the learner holds a New Zealand resident \
                 visa (residentialStatus Y, which excludes New Zealand and Australian citizens) and \
                 studies extramurally from overseas (intramuralExtramuralAttendance 3); resident \
                 visa holders residing overseas are international students, not 00"
            ),
        );
    }
}
