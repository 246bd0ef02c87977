//! The course register record (REGT; legacy CREG): one record per course the TEO teaches,
//! holding what is the same for every learner enrolled in it.
//!
//! [`Course`] is the typed record and its OpenAPI schema; the rules are checked by
//! [`crate::validation::check_file`]. Field names and types follow the DXP API reference §3.2.
//! Every course in the enrolment file appears once in the register, with the identical code,
//! and the enrolments repeat its qualification, classification, field of study, funding
//! category and EFTS factor.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One course of the TEO's course register (DXP API reference §3.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "localId": "CRS-ECON112",
    "courseCode": "ECON112",
    "courseTitle": "Principles of Macroeconomics",
    "qualificationCode": "PC4001",
    "courseClassification": 13.1,
    "nzscedFieldOfStudy": "091901",
    "levelOnNzqcf": 7,
    "credit": 15,
    "fundingCategory": "A2",
    "courseEftsFactor": 0.125,
    "courseTuitionFee": 943.5,
    "compulsoryCourseCostsFee": 100.0,
    "pbrfEligibleCourseIndicator": false,
    "courseExemptionFromAmfm": false
}))]
pub struct Course {
    /// An integrator-generated identifier for this record, unique among the submission's
    /// courses; sending a record with the same localId again replaces it.
    #[schema(min_length = 1, example = "CRS-ECON112")]
    pub local_id: String,

    /// Course Code: the TEO's internal code for the course, the same whatever the period,
    /// location or year it is taught, and identical to the code on its enrolments. Alpha-numeric;
    /// should contain no dates or years (e.g. `ECON112`). One register record per code.
    #[schema(min_length = 1, max_length = 20, example = "ECON112")]
    pub course_code: String,

    /// Course Title: the title of the course as the TEO publishes it.
    #[schema(
        min_length = 1,
        max_length = 75,
        example = "Principles of Macroeconomics"
    )]
    pub course_title: String,

    /// Qualification Code: the qualification the course is approved for, a six alpha-numeric
    /// code from the SDR Qualifications Register. Non-formal education (TEIs only): `G9999` for
    /// courses of 40 teaching hours or less, `GFFSSX` (G, field, sub-field, digit, e.g.
    /// `G48017`) for longer ones.
    #[schema(
        min_length = 1,
        max_length = 6,
        pattern = "^[A-Za-z0-9]{1,6}$",
        example = "PC4001"
    )]
    pub qualification_code: String,

    /// Course Classification: the subject classification of the course, Numeric(3,1): 0 to
    /// 99.9 with at most one decimal place.
    #[schema(minimum = 0, maximum = 99.9, example = 13.1)]
    pub course_classification: f64,

    /// NZSCED Field of Study: the course's field in the New Zealand Standard Classification of
    /// Education, digits only (e.g. `091901`).
    #[schema(
        min_length = 1,
        max_length = 6,
        pattern = "^[0-9]{1,6}$",
        example = "091901"
    )]
    pub nzsced_field_of_study: String,

    /// Level on NZQCF: the course's level on the New Zealand Qualifications and Credentials
    /// Framework, 1 to 10.
    #[schema(minimum = 1, maximum = 10, example = 7)]
    pub level_on_nzqcf: i32,

    /// Credit: the course's credit value, 0 to 999 (one credit is ten notional learning hours).
    #[schema(minimum = 0, maximum = 999, example = 15)]
    pub credit: i32,

    /// Funding Category: the course's funding category, letters and digits, from the funding
    /// categories classification (DXP Data Classifications Appendices).
    #[schema(
        min_length = 1,
        max_length = 2,
        pattern = "^[A-Za-z0-9]{1,2}$",
        example = "A2"
    )]
    pub funding_category: String,

    /// Course EFTS Factor: the share of the qualification's total EFTS the course represents,
    /// Numeric(1,4): 0 to 9.9999 with at most four decimal places. Enrolments in the course
    /// report the same factor.
    #[schema(minimum = 0, maximum = 9.9999, example = 0.125)]
    pub course_efts_factor: f64,

    /// Course Tuition Fee: in dollars including GST, Numeric(8,2): 0 to 999999.99.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 999999.99, example = 943.5)]
    pub course_tuition_fee: Option<f64>,

    /// Compulsory Course Costs Fee: in dollars including GST, Numeric(8,2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 999999.99, example = 100.0)]
    pub compulsory_course_costs_fee: Option<f64>,

    /// PBRF Eligible Course Indicator: `true` if the course is eligible for the
    /// Performance-Based Research Fund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = false)]
    pub pbrf_eligible_course_indicator: Option<bool>,

    /// Course Exemption from AMFM: `true` if the course is exempt from the Annual Maximum Fee
    /// Movement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = false)]
    pub course_exemption_from_amfm: Option<bool>,

    /// Discounted Course Tuition Fee: in dollars including GST, Numeric(8,2); checked only
    /// when given, and not above courseTuitionFee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 999999.99, example = 850.0)]
    pub discounted_course_tuition_fee: Option<f64>,

    /// Discounted Compulsory Course Costs Fee: in dollars including GST, Numeric(8,2);
    /// checked only when given, and not above compulsoryCourseCostsFee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 999999.99, example = 90.0)]
    pub discounted_compulsory_course_costs_fee: Option<f64>,

    /// Learning Hours: the notional learning hours of the course; not negative. Added in
    /// August 2025.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, example = 150.0)]
    pub learning_hours: Option<f64>,

    /// Volume Research Factor: added in August 2025; not negative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, example = 0.0)]
    pub volume_research_factor: Option<f64>,
}

/// The wire form of [`Course`]: every field optional, unknown fields ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireCourse {
    pub local_id: Option<String>,
    pub course_code: Option<String>,
    pub course_title: Option<String>,
    pub qualification_code: Option<String>,
    pub course_classification: Option<f64>,
    pub nzsced_field_of_study: Option<String>,
    pub level_on_nzqcf: Option<i32>,
    pub credit: Option<i32>,
    pub funding_category: Option<String>,
    pub course_efts_factor: Option<f64>,
    pub course_tuition_fee: Option<f64>,
    pub compulsory_course_costs_fee: Option<f64>,
    pub pbrf_eligible_course_indicator: Option<bool>,
    pub course_exemption_from_amfm: Option<bool>,
    pub discounted_course_tuition_fee: Option<f64>,
    pub discounted_compulsory_course_costs_fee: Option<f64>,
    pub learning_hours: Option<f64>,
    pub volume_research_factor: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SdrFile;

    fn schema() -> serde_json::Value {
        serde_json::to_value(<Course as utoipa::PartialSchema>::schema()).unwrap()
    }

    #[test]
    fn the_schema_example_is_a_valid_record() {
        let example = schema()["example"].clone();
        let record: Course = serde_json::from_value(example.clone()).unwrap();
        let text = example.to_string();
        let report = crate::validation::check_file_in_year(SdrFile::Courses, 2026, [&*text]);
        assert_eq!(report.error_count + report.warning_count, 0, "{report:#?}");
        let back = serde_json::to_value(&record).unwrap();
        assert_eq!(serde_json::from_value::<Course>(back).unwrap(), record);
    }

    #[test]
    fn the_schema_has_the_field_table_s_properties_and_required_fields() {
        crate::fields::tests::assert_schema_matches(SdrFile::Courses, &schema());
    }
}
