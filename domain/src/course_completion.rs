//! The course completion record (COURCOMP; legacy COMP): the outcome of one enrolment.
//!
//! [`CourseCompletion`] is the typed record and its OpenAPI schema; the rules are checked by
//! [`crate::validation::check_file`]. Field names and types follow the DXP API reference §3.4.
//! A completion matches its enrolment on NSN, TEO, course code and course start date;
//! enrolments without a matching completion lower the TEO's course completion rate.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::course_enrolment::wire::{de_date_time, de_opt_date_time};
use crate::reference::{self, Entry};

/// The outcome of one course enrolment (DXP API reference §3.4). Type D enrolments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "localId": "CC-2026-000001",
    "studentIdentificationCode": "S2601234",
    "courseCode": "ECON112",
    "courseStartDate": "2026-02-23T00:00:00+13:00",
    "studentCourseCompletionIndicator": 2,
    "nationalStudentNumber": 123456789,
    "courseEndDate": "2026-06-26T00:00:00+12:00"
}))]
pub struct CourseCompletion {
    /// An integrator-generated identifier for this record, unique among the submission's
    /// course completions; sending a record with the same localId again replaces it.
    #[schema(min_length = 1, example = "CC-2026-000001")]
    pub local_id: String,

    /// Student Identification Code: the learner's code at the TEO, as on the enrolment.
    #[schema(min_length = 1, max_length = 10, example = "S2601234")]
    pub student_identification_code: String,

    /// Course Code: the course's code, identical to the enrolment's and the register's.
    #[schema(min_length = 1, max_length = 20, example = "ECON112")]
    pub course_code: String,

    /// Course Start Date: the enrolment's start date; with the NSN and course code, what the
    /// completion is matched to its enrolment on.
    #[serde(deserialize_with = "de_date_time")]
    #[schema(example = "2026-02-23T00:00:00+13:00")]
    pub course_start_date: DateTime<FixedOffset>,

    /// Student Course Completion Indicator: 0 still to complete (valid extension, Levels 1–8);
    /// 2 successfully completed; 3 did not successfully complete; 4 did not complete (withdrew;
    /// required with source of funding 31). 1, 5, 6, 7 and 8 are also valid codes, whose
    /// meanings the funder has not published.
    #[schema(minimum = 0, maximum = 8, example = 2)]
    pub student_course_completion_indicator: i32,

    /// National Student Number: the learner's NSI number, as on the enrolment.
    #[schema(minimum = 1, example = 123456789)]
    pub national_student_number: i32,

    /// Course End Date: the enrolment's end date; not before the start date.
    #[serde(deserialize_with = "de_date_time")]
    #[schema(example = "2026-06-26T00:00:00+12:00")]
    pub course_end_date: DateTime<FixedOffset>,

    /// PBRF Course Completion Year: for research courses counted by the Performance-Based
    /// Research Fund, the year (CCYY) the course was completed; not before the year of the
    /// start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1900, maximum = 2100, example = 2026)]
    pub pbrf_course_completion_year: Option<i32>,
}

impl CourseCompletion {
    /// The completion indicator's entry in the reference list, if it is there.
    pub fn indicator(&self) -> Option<&'static Entry> {
        reference::completion_indicators()
            .find_number(i64::from(self.student_course_completion_indicator))
    }

    /// Whether the learner completed the course successfully (indicator 2): the outcome the
    /// course completion rate counts.
    pub fn is_successful(&self) -> bool {
        self.student_course_completion_indicator == 2
    }
}

/// The wire form of [`CourseCompletion`]: every field optional, unknown fields ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireCourseCompletion {
    pub local_id: Option<String>,
    pub student_identification_code: Option<String>,
    pub course_code: Option<String>,
    #[serde(default, deserialize_with = "de_opt_date_time")]
    pub course_start_date: Option<DateTime<FixedOffset>>,
    pub student_course_completion_indicator: Option<i32>,
    pub national_student_number: Option<i32>,
    #[serde(default, deserialize_with = "de_opt_date_time")]
    pub course_end_date: Option<DateTime<FixedOffset>>,
    pub pbrf_course_completion_year: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SdrFile;

    fn schema() -> serde_json::Value {
        serde_json::to_value(<CourseCompletion as utoipa::PartialSchema>::schema()).unwrap()
    }

    #[test]
    fn the_schema_example_is_a_valid_record() {
        let example = schema()["example"].clone();
        let record: CourseCompletion = serde_json::from_value(example.clone()).unwrap();
        let text = example.to_string();
        let report =
            crate::validation::check_file_in_year(SdrFile::CourseCompletions, 2026, [&*text]);
        assert_eq!(report.error_count + report.warning_count, 0, "{report:#?}");
        let back = serde_json::to_value(&record).unwrap();
        assert_eq!(
            serde_json::from_value::<CourseCompletion>(back).unwrap(),
            record
        );
        assert!(record.is_successful());
        assert_eq!(
            record.indicator().map(Entry::meaning),
            Some("Successfully completed the course")
        );
    }

    #[test]
    fn the_schema_has_the_field_table_s_properties_and_required_fields() {
        crate::fields::tests::assert_schema_matches(SdrFile::CourseCompletions, &schema());
    }
}
