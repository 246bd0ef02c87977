//! The record as it arrives: every field optional, so that a missing REQUIRED field is a rule
//! problem on that field instead of a parse error that hides the rest of the record.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// Reads a date-time as the API carries it: RFC 3339 (`2026-02-23T00:00:00+13:00`). A plain
/// ISO 8601 date (`2026-02-23`) is read as midnight of that day at offset +00:00: the funder
/// documents its API dates as ISO 8601, and refusing the date-only spelling would reject a record
/// whose meaning is clear. Calendar rules use the date as written, so the offset is harmless.
pub fn parse_date_time(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(value) = DateTime::parse_from_rfc3339(text) {
        return Some(value);
    }
    if text.len() != 10 {
        return None;
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let utc = FixedOffset::east_opt(0)?;
    date.and_time(NaiveTime::MIN)
        .and_local_timezone(utc)
        .single()
}

/// What the parser says when a date-time cannot be read; the slow path words its own message.
const DATE_TIME_EXPECTED: &str = "an RFC 3339 date-time such as 2026-02-23T00:00:00+13:00";

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime<FixedOffset>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(DATE_TIME_EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        parse_date_time(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

pub(crate) fn de_date_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<FixedOffset>, D::Error> {
    deserializer.deserialize_str(DateTimeVisitor)
}

struct OptionalDateTimeVisitor;

impl<'de> Visitor<'de> for OptionalDateTimeVisitor {
    type Value = Option<DateTime<FixedOffset>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "null or {DATE_TIME_EXPECTED}")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        de_date_time(deserializer).map(Some)
    }
}

pub(crate) fn de_opt_date_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    deserializer.deserialize_option(OptionalDateTimeVisitor)
}

/// The wire form of [`CourseEnrolment`]: the same fields, all optional. Unknown fields are
/// ignored (see [`crate::validation`] for why).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireEnrolment {
    pub local_id: Option<String>,
    pub student_identification_code: Option<String>,
    pub qualification_code: Option<String>,
    pub course_code: Option<String>,
    #[serde(default, deserialize_with = "de_opt_date_time")]
    pub course_start_date: Option<DateTime<FixedOffset>>,
    #[serde(default, deserialize_with = "de_opt_date_time")]
    pub course_end_date: Option<DateTime<FixedOffset>>,
    #[serde(default, deserialize_with = "de_opt_date_time")]
    pub students_course_withdrawal_date: Option<DateTime<FixedOffset>>,
    #[serde(rename = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment")]
    pub category_of_fees_assessment: Option<String>,
    pub intramural_extramural_attendance: Option<i32>,
    pub course_delivery_site: Option<String>,
    pub source_of_funding: Option<String>,
    pub residential_status: Option<String>,
    pub australian_residential_status: Option<bool>,
    pub funding_category: Option<String>,
    pub course_classification: Option<f64>,
    pub nzsced_field_of_study: Option<String>,
    pub course_efts_factor: Option<f64>,
    pub efts_by_month: Option<Vec<f64>>,
    pub national_student_number: Option<i32>,
    pub consortium: Option<i32>,
    pub ite_sector: Option<i32>,
    pub ite_subject: Option<Vec<String>>,
    pub apprenticeships: Option<bool>,
    pub secondary_school_programme_indicator: Option<String>,
    pub actual_course_fee: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_date_times_keep_their_offset() {
        let value = parse_date_time("2026-02-23T00:00:00+13:00").unwrap();
        assert_eq!(
            value.date_naive(),
            NaiveDate::from_ymd_opt(2026, 2, 23).unwrap()
        );
        assert_eq!(value.offset().local_minus_utc(), 13 * 3600);
        assert!(parse_date_time("2026-02-23T00:00:00Z").is_some());
    }

    #[test]
    fn plain_dates_read_as_that_day() {
        let value = parse_date_time("2026-02-23").unwrap();
        assert_eq!(
            value.date_naive(),
            NaiveDate::from_ymd_opt(2026, 2, 23).unwrap()
        );
    }

    #[test]
    fn other_spellings_are_refused() {
        for text in [
            "23/02/2026",
            "2026-2-3",
            "2026-02-30",
            "",
            "2026-02-23T25:00:00Z",
            "20260223",
        ] {
            assert_eq!(parse_date_time(text), None, "{text}");
        }
    }

    #[test]
    fn null_optional_dates_read_as_absent() {
        let wire: WireEnrolment =
            serde_json::from_str(r#"{"studentsCourseWithdrawalDate": null}"#).unwrap();
        assert_eq!(wire.students_course_withdrawal_date, None);
    }
}
