//! The EFTS forecast (spec 001; domain spec §1.1): with each April, August and December return,
//! an organisation delivering TEC-funded provision at Level 3 and above from source of funding
//! 01, 29, 11 or 37 forecasts the equivalent full-time students it expects to deliver, for the
//! following year and up to three further years. Levels 1 and 2 (DQ1-2) and Youth Guarantee
//! are left out.
//!
//! The funder's forecast template is not public (domain spec §8): one forecast line per source
//! of funding, NZQCF level and year, carrying the EFTS, is our design. The lines travel in a
//! submission of type `EftsForecast` (see [`crate::lodging::SubmissionType`]); a return whose
//! enrolments need a forecast is lodged only once the forecast is ([`needs_forecast`]).
//!
//! [`EftsForecast`] is the typed record and its OpenAPI schema; the rules are checked by
//! [`crate::validation::check_file`] (EF-001 to EF-011).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The sources of funding whose provision is forecast (spec 001).
pub const FORECAST_FUNDS: [u8; 4] = [1, 29, 11, 37];

/// The lowest NZQCF level forecast: Levels 1 and 2 are left out.
pub const FORECAST_LOWEST_LEVEL: i32 = 3;

/// The highest NZQCF level.
pub const HIGHEST_LEVEL: i32 = 10;

/// How many years a forecast may reach: the following year and up to three further years.
pub const FORECAST_YEARS: i32 = 4;

/// The most EFTS one forecast line may carry: Numeric(8,2), as large as any organisation's
/// whole delivery.
pub const MAX_FORECAST_EFTS: f64 = 999_999.99;

/// Whether an enrolment funded from `fund` in a course at `level` is provision the forecast
/// covers; an organisation with such an enrolment in its return must lodge a forecast.
pub fn needs_forecast(fund: u8, level: i32) -> bool {
    FORECAST_FUNDS.contains(&fund) && (FORECAST_LOWEST_LEVEL..=HIGHEST_LEVEL).contains(&level)
}

/// The years a forecast lodged with a return of `return_year` covers: the following year and
/// up to three further years.
pub fn forecast_years(return_year: i32) -> std::ops::RangeInclusive<i32> {
    (return_year + 1)..=(return_year + FORECAST_YEARS)
}

/// One line of an EFTS forecast: the EFTS the organisation expects to deliver in one year from
/// one source of funding at one NZQCF level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "localId": "FC-2027-01-7",
    "sourceOfFunding": "01",
    "levelOnNzqcf": 7,
    "forecastYear": 2027,
    "efts": 1250.5
}))]
pub struct EftsForecast {
    /// An integrator-generated identifier for this line, unique among the submission's
    /// forecast lines; sending a line with the same localId again replaces it.
    #[schema(min_length = 1, example = "FC-2027-01-7")]
    pub local_id: String,

    /// Source of Funding: the fund the provision is forecast under, one of 01 (DQ7+), 29 (Māori
    /// Pasifika Trades Training Levels 3 and 4), 11 (ITO off-job training) or 37 (DQ3-7). Two
    /// digits; `1` is read as `01`.
    #[schema(min_length = 1, max_length = 2, example = "01")]
    pub source_of_funding: String,

    /// Level on NZQCF: the level of the provision, 3 to 10 (Levels 1 and 2 are not forecast).
    #[schema(minimum = 3, maximum = 10, example = 7)]
    pub level_on_nzqcf: i32,

    /// Forecast Year: the calendar year forecast (CCYY): the year after the return's and up to
    /// three further years.
    #[schema(minimum = 2000, maximum = 2105, example = 2027)]
    pub forecast_year: i32,

    /// EFTS: the equivalent full-time students expected, Numeric(8,2): 0 to 999999.99 with at
    /// most two decimal places (1.0 EFTS = 120 credits).
    #[schema(minimum = 0, maximum = 999999.99, example = 1250.5)]
    pub efts: f64,
}

/// The wire form of [`EftsForecast`]: every field optional, unknown fields ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireEftsForecast {
    pub local_id: Option<String>,
    pub source_of_funding: Option<String>,
    pub level_on_nzqcf: Option<i32>,
    pub forecast_year: Option<i32>,
    pub efts: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SdrFile;

    fn schema() -> serde_json::Value {
        serde_json::to_value(<EftsForecast as utoipa::PartialSchema>::schema()).unwrap()
    }

    #[test]
    fn the_schema_example_is_a_valid_line_of_a_2026_forecast() {
        let example = schema()["example"].clone();
        let record: EftsForecast = serde_json::from_value(example.clone()).unwrap();
        let text = example.to_string();
        let report = crate::validation::check_file_in_year(SdrFile::EftsForecasts, 2026, [&*text]);
        assert_eq!(report.error_count + report.warning_count, 0, "{report:#?}");
        assert_eq!(record.forecast_year, 2027);
    }

    #[test]
    fn the_schema_has_the_field_table_s_properties_and_required_fields() {
        crate::fields::tests::assert_schema_matches(SdrFile::EftsForecasts, &schema());
    }

    #[test]
    fn the_forecast_covers_level_3_and_above_from_its_four_funds() {
        for fund in FORECAST_FUNDS {
            assert!(needs_forecast(fund, 3));
            assert!(needs_forecast(fund, 10));
            assert!(!needs_forecast(fund, 2), "levels 1 and 2 are left out");
        }
        assert!(!needs_forecast(22, 4), "Youth Guarantee is left out");
        assert!(!needs_forecast(26, 3), "DQ1-2 is left out");
        assert!(
            !needs_forecast(3, 7),
            "full-fee provision is not TEC funded"
        );
        assert_eq!(forecast_years(2026), 2027..=2030);
    }
}
