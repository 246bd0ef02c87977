//! The qualification completion record (QUALCOMP; legacy QUAL): a learner has met the
//! requirements of a qualification.
//!
//! [`QualificationCompletion`] is the typed record and its OpenAPI schema; the rules are checked
//! by [`crate::validation::check_file`]. Field names and types follow the DXP API reference
//! §3.5. A completion is reported once (reporting it again in a later year makes a duplicate
//! claim), is matched to the learner's enrolments on NSN, TEO and qualification code, and
//! non-formal education (`G9999`, `GFFSSX`) need not be reported here (one that is gets a
//! warning, QC-010).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::course_enrolment::wire::de_opt_date_time;

/// A learner's completion of a qualification (DXP API reference §3.5). Type D learners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "localId": "QC-2026-000001",
    "studentIdentificationCode": "S2601234",
    "nationalStudentNumber": 123456789,
    "qualificationCode": "PC4001",
    "yearRequirementsMet": 2026,
    "qualificationCompletionDate": "2026-11-20T00:00:00+13:00"
}))]
pub struct QualificationCompletion {
    /// An integrator-generated identifier for this record, unique among the submission's
    /// qualification completions; sending a record with the same localId again replaces it.
    #[schema(min_length = 1, example = "QC-2026-000001")]
    pub local_id: String,

    /// Student Identification Code: the learner's code at the TEO, as on the enrolments.
    #[schema(min_length = 1, max_length = 10, example = "S2601234")]
    pub student_identification_code: String,

    /// National Student Number: the learner's NSI number, as on the enrolments.
    #[schema(minimum = 1, example = 123456789)]
    pub national_student_number: i32,

    /// Qualification Code: the qualification completed, a six alpha-numeric code from the SDR
    /// Qualifications Register, as on the enrolments. Non-formal codes (`G9999`, `GFFSSX`) are
    /// not reported in this file.
    #[schema(
        min_length = 1,
        max_length = 6,
        pattern = "^[A-Za-z0-9]{1,6}$",
        example = "PC4001"
    )]
    pub qualification_code: String,

    /// Year Requirements Met: the year, CCYY, the learner met the qualification's
    /// requirements; not after the return year. Completions whose year is earlier than the
    /// year of the qualification's last course end date are excluded from the performance
    /// indicators.
    #[schema(minimum = 1900, maximum = 2100, example = 2026)]
    pub year_requirements_met: i32,

    /// Qualification Completion Date: the date the learner met the requirements; its year is
    /// yearRequirementsMet. Mandatory from the August 2025 return (an error when missing),
    /// though the schema does not require it.
    #[serde(
        default,
        deserialize_with = "de_opt_date_time",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(example = "2026-11-20T00:00:00+13:00")]
    pub qualification_completion_date: Option<DateTime<FixedOffset>>,

    /// Linked Qualification for Fees Free: when the learner's enrolments used another
    /// qualification code (an exit or expired qualification), that code: letters and digits,
    /// at most six.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 6, pattern = "^[A-Za-z0-9]{0,6}$", example = "PC4000")]
    pub linked_qualification_for_fees_free: Option<String>,

    /// IRD Number: the learner's Inland Revenue number, for Fees Free matching; eight or nine
    /// digits, alone or grouped with hyphens as IRD prints them (`123-456-789`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 11, example = "049-091-850")]
    pub ird_number: Option<String>,
}

/// The wire form of [`QualificationCompletion`]: every field optional, unknown fields ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireQualificationCompletion {
    pub local_id: Option<String>,
    pub student_identification_code: Option<String>,
    pub national_student_number: Option<i32>,
    pub qualification_code: Option<String>,
    pub year_requirements_met: Option<i32>,
    #[serde(default, deserialize_with = "de_opt_date_time")]
    pub qualification_completion_date: Option<DateTime<FixedOffset>>,
    pub linked_qualification_for_fees_free: Option<String>,
    pub ird_number: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SdrFile;

    fn schema() -> serde_json::Value {
        serde_json::to_value(<QualificationCompletion as utoipa::PartialSchema>::schema()).unwrap()
    }

    #[test]
    fn the_schema_example_is_a_valid_record() {
        let example = schema()["example"].clone();
        let record: QualificationCompletion = serde_json::from_value(example.clone()).unwrap();
        let text = example.to_string();
        let report = crate::validation::check_file_in_year(
            SdrFile::QualificationCompletions,
            2026,
            [&*text],
        );
        assert_eq!(report.error_count + report.warning_count, 0, "{report:#?}");
        let back = serde_json::to_value(&record).unwrap();
        assert_eq!(
            serde_json::from_value::<QualificationCompletion>(back).unwrap(),
            record
        );
    }

    #[test]
    fn the_schema_has_the_field_table_s_properties_and_required_fields() {
        crate::fields::tests::assert_schema_matches(SdrFile::QualificationCompletions, &schema());
    }
}
