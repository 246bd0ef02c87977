//! The course-enrolment file (ENRL, spec 003): its rules, CE-001 to CE-043, and what the generic
//! checker of [`super`] needs to know about it. Each module holds its rules' definitions with
//! their checks; [`RULES`] is the registry every other view of the rules is read from. Codes
//! are stable: a new rule takes the next code, a retired one keeps its number.
//!
//! Unknown extra fields are ignored, not warned about: the funder's API has added fields over
//! time (e.g. `linkedQualificationForFeesFree`, `learningHours`) and integrators built against
//! it send them; a misspelt known field still shows up, as that field missing (CE-003, CE-030,
//! CE-031, CE-037); and skipping unknown fields keeps reading fast.

mod codes;
mod dates;
mod efts;
mod fees;
mod funding;
mod identifiers;
mod ite;
mod mandatory;
mod numbers;
mod shape;
mod view;

use chrono::NaiveDate;

use super::shape::{printable_identifiers, required_fields, text_lengths};
use super::{FileRecordReport, FileWire, Record, RecordCheck, Shape, bits};
use crate::SdrFile;
use crate::course_enrolment::WireEnrolment;
use crate::validation::rule::Rule;
use crate::validation::sink::Shown;

pub(crate) use ite::{IteValues, ite_disagreements};

/// One course-enrolment record as the rules see it.
pub(crate) type Enrolment<'a> = Record<'a, WireEnrolment>;

/// Whether a text field's value is within its lengths: rules about a field's content skip
/// values that break the length rule (CE-004), so one fault gives one problem.
fn fits(name: &str, text: &str) -> bool {
    super::shape::fits::<WireEnrolment>(name, text)
}

/// Every rule, in code order (a test holds them to it).
pub(crate) static RULES: [&Rule; 43] = [
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
    &dates::CE_043,
];

impl FileWire for WireEnrolment {
    const FILE: SdrFile = SdrFile::CourseEnrolments;
    const SHAPE: Shape = Shape {
        noun: "enrolment",
        unreadable: &shape::CE_001,
        wrong_type: &shape::CE_002,
        required: &shape::CE_003,
        lengths: &shape::CE_004,
        repeated_local_id: &shape::CE_005,
        printable: &shape::CE_006,
        repeated_key: &shape::CE_042,
        key_reason: "each enrolment is reported once, or it would be counted, and its completion \
                     matched, twice",
        text_limits: &[
            ("localId", 1, None),
            ("studentIdentificationCode", 1, Some(10)),
            ("qualificationCode", 1, Some(6)),
            ("courseCode", 1, Some(20)),
            (
                "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment",
                1,
                Some(2),
            ),
            ("courseDeliverySite", 1, Some(2)),
            ("sourceOfFunding", 1, Some(2)),
            ("residentialStatus", 1, Some(1)),
            ("fundingCategory", 1, Some(2)),
            ("nzscedFieldOfStudy", 1, Some(6)),
            ("secondarySchoolProgrammeIndicator", 0, Some(1)),
        ],
        identifiers: &["localId", "studentIdentificationCode", "courseCode"],
    };
    const CHECKS: &'static [(&'static Rule, RecordCheck<Self>)] = &[
        (&shape::CE_003, required_fields::<WireEnrolment>),
        (&shape::CE_004, text_lengths::<WireEnrolment>),
        (&shape::CE_006, printable_identifiers::<WireEnrolment>),
        (&identifiers::CE_007, identifiers::qualification_characters),
        (&identifiers::CE_008, identifiers::non_formal_qualification),
        (&identifiers::CE_009, identifiers::qualification_length),
        (&identifiers::CE_010, identifiers::course_code_characters),
        (&identifiers::CE_011, identifiers::course_code_year),
        (&dates::CE_012, dates::end_after_start),
        (&dates::CE_013, dates::withdrawal_within_course),
        (&codes::CE_014, codes::fees_category_code),
        (&fees::CE_015, fees::fees_against_residency),
        (&codes::CE_016, codes::attendance_code),
        (&codes::CE_017, codes::delivery_site_code),
        (&codes::CE_018, codes::extramural_site),
        (&codes::CE_019, codes::funding_source_known),
        (&codes::CE_020, codes::funding_source_current),
        (&efts::CE_021, efts::one_value_per_month),
        (&efts::CE_022, efts::values_add_up),
        (&efts::CE_023, efts::month_values_in_form),
        (&efts::CE_024, efts::factor_in_form),
        (&codes::CE_025, codes::residential_status_code),
        (&codes::CE_026, codes::funding_category_characters),
        (&numbers::CE_027, numbers::classification_in_form),
        (&codes::CE_028, codes::nzsced_digits),
        (&numbers::CE_029, numbers::nsn_positive),
        (&funding::CE_030, funding::consortium_for_trades_training),
        (&ite::CE_031, ite::sector_for_ite_field),
        (&ite::CE_032, ite::sector_code),
        (&ite::CE_033, ite::subject_for_secondary),
        (&ite::CE_034, ite::at_most_four_subjects),
        (&ite::CE_035, ite::subjects_in_form),
        (&ite::CE_036, ite::sector_matches_field),
        (&mandatory::CE_037, mandatory::mandatory_fields),
        (&mandatory::CE_038, mandatory::secondary_school_code),
        (&numbers::CE_039, numbers::fee_in_form),
        (&funding::CE_040, funding::withdrawal_date_for_fund_31),
        (
            &dates::CE_043,
            dates::starts_in_the_return_year_or_the_one_before,
        ),
    ];

    /// The learner, the course and the start date as written.
    type Key<'a> = (&'a str, &'a str, NaiveDate);

    fn presence(&self) -> u32 {
        bits([
            self.local_id.is_some(),
            self.student_identification_code.is_some(),
            self.qualification_code.is_some(),
            self.course_code.is_some(),
            self.course_start_date.is_some(),
            self.course_end_date.is_some(),
            self.students_course_withdrawal_date.is_some(),
            self.category_of_fees_assessment.is_some(),
            self.intramural_extramural_attendance.is_some(),
            self.course_delivery_site.is_some(),
            self.source_of_funding.is_some(),
            self.residential_status.is_some(),
            self.australian_residential_status.is_some(),
            self.funding_category.is_some(),
            self.course_classification.is_some(),
            self.nzsced_field_of_study.is_some(),
            self.course_efts_factor.is_some(),
            self.efts_by_month.is_some(),
            self.national_student_number.is_some(),
            self.consortium.is_some(),
            self.ite_sector.is_some(),
            self.ite_subject.is_some(),
            self.apprenticeships.is_some(),
            self.secondary_school_programme_indicator.is_some(),
            self.actual_course_fee.is_some(),
        ])
    }

    fn text(&self, name: &str) -> Option<&str> {
        match name {
            "localId" => self.local_id(),
            "studentIdentificationCode" => self.student_identification_code(),
            "qualificationCode" => self.qualification_code(),
            "courseCode" => self.course_code(),
            "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment" => {
                self.fees_category()
            }
            "courseDeliverySite" => self.delivery_site(),
            "sourceOfFunding" => self.source_of_funding(),
            "residentialStatus" => self.residential_status(),
            "fundingCategory" => self.funding_category(),
            "nzscedFieldOfStudy" => self.nzsced(),
            "secondarySchoolProgrammeIndicator" => self.secondary_school_programme_indicator(),
            _ => None,
        }
    }

    type Facts = view::Facts;

    fn facts(&self) -> view::Facts {
        WireEnrolment::facts(self)
    }

    fn key(&self) -> Option<Self::Key<'_>> {
        Some((
            self.student_identification_code()?,
            self.course_code()?,
            self.start()?,
        ))
    }

    fn describe_key((student, course, start): &Self::Key<'_>) -> String {
        format!(
            "learner (studentIdentificationCode {}), course {} and courseStartDate {start}",
            Shown(student),
            Shown(course)
        )
    }

    fn student_identification_code(&self) -> Option<&str> {
        self.student_identification_code.as_deref()
    }

    /// Spec 003's ITE fields warn before 2026 and fail from 2026, by the year the enrolment
    /// starts.
    fn rule_year(&self) -> Option<i32> {
        self.start_year()
    }

    /// CE-041: the same ITE values for a learner's enrolments in a qualification.
    fn check_across_batch(records: &[Option<Self>], reports: &mut [FileRecordReport]) {
        ite::consistent_ite_values(records, reports);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent_with_the_checks() {
        super::super::assert_registry_consistent::<WireEnrolment>(&RULES);
        super::super::assert_presence_follows_the_field_table::<WireEnrolment>();
    }
}
