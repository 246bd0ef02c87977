//! The EFTS forecast's rules, EF-001 to EF-012 (spec 001; domain spec §1.1: the forecast
//! covers TEC-funded provision at Level 3 and above from sources of funding 01, 29, 11 and 37,
//! for the following year and up to three further years).
//!
//! Judgement calls, where the public material is silent (the funder's template is not public):
//!
//! - **One line per fund, level and year.** Two lines for the same provision in the same year
//!   would leave the forecast ambiguous (add them, or keep the later?): the second is an error.
//! - **EFTS precision.** Numeric(8,2), like the fees: a forecast is an estimate, two decimal
//!   places are plenty, and a zero is allowed (provision winding down).
//! - **The following year is required.** A forecast reaching later years but not the next one
//!   cannot be what the funder asked for (EF-012, on the whole stored forecast).

use super::common::{EARLIEST_YEAR, LATEST_YEAR};
use super::shape::{printable_identifiers, required_fields, text_lengths};
use super::{FileWire, Record, RecordCheck, Shape, bits, rule};
use crate::SdrFile;
use crate::codes::parse_two_digit;
use crate::efts_forecast::{
    FORECAST_FUNDS, FORECAST_LOWEST_LEVEL, HIGHEST_LEVEL, MAX_FORECAST_EFTS, WireEftsForecast,
    forecast_years,
};
use crate::validation::Severity::Error;
use crate::validation::rule::{Check, Rule};
use crate::validation::sink::{Shown, Sink};
use crate::validation::support::fits_decimal;

const FILE: SdrFile = SdrFile::EftsForecasts;
const RECORD: Check = Check::FileRecord;

pub(crate) const EF_001: Rule = rule(
    FILE,
    "EF-001",
    "",
    Error,
    Check::Read,
    "The line is a JSON object that can be read: not malformed JSON, not an array or a plain \
     value, no field given twice. Nothing else can be checked on an unreadable line; the other \
     lines of the batch are still checked.",
);

pub(crate) const EF_002: Rule = rule(
    FILE,
    "EF-002",
    "*",
    Error,
    Check::Read,
    "Each field has its JSON type: text for localId and sourceOfFunding, a whole number within \
     int32 for levelOnNzqcf and forecastYear, a number for efts. Every wrongly typed field is \
     reported; unknown extra fields are ignored.",
);

pub(crate) const EF_003: Rule = rule(
    FILE,
    "EF-003",
    "*",
    Error,
    RECORD,
    "Every REQUIRED field is supplied (not missing, not null): localId, sourceOfFunding, \
     levelOnNzqcf, forecastYear and efts.",
);

pub(crate) const EF_004: Rule = rule(
    FILE,
    "EF-004",
    "*",
    Error,
    RECORD,
    "Text fields have their lengths, counted in characters: localId at least 1; \
     sourceOfFunding 1–2.",
);

pub(crate) const EF_005: Rule = rule(
    FILE,
    "EF-005",
    "localId",
    Error,
    Check::Batch,
    "Each forecast line of a batch has its own localId. The second and later lines with a \
     localId already used get the problem.",
);

pub(crate) const EF_006: Rule = rule(
    FILE,
    "EF-006",
    "*",
    Error,
    RECORD,
    "localId and sourceOfFunding contain no control characters.",
);

pub(crate) const EF_007: Rule = rule(
    FILE,
    "EF-007",
    "",
    Error,
    Check::Batch,
    "One line per source of funding, level and year: no two lines have the same \
     sourceOfFunding, levelOnNzqcf and forecastYear (the second and later get the problem), or \
     the forecast for that provision would be ambiguous.",
);

pub(crate) const EF_008: Rule = rule(
    FILE,
    "EF-008",
    "sourceOfFunding",
    Error,
    RECORD,
    "sourceOfFunding is one of the funds the forecast covers: 01 (DQ7+), 29 (Māori Pasifika \
     Trades Training Levels 3 and 4), 11 (ITO off-job training) or 37 (DQ3-7) (spec 001). \
     Other provision, Youth Guarantee and DQ1-2 among it, is not forecast.",
);

pub(crate) const EF_009: Rule = rule(
    FILE,
    "EF-009",
    "levelOnNzqcf",
    Error,
    RECORD,
    "levelOnNzqcf is 3 to 10: the forecast leaves out Levels 1 and 2 (spec 001).",
);

pub(crate) const EF_010: Rule = rule(
    FILE,
    "EF-010",
    "forecastYear",
    Error,
    RECORD,
    "forecastYear is the year after the return's or one of the three years after that (a 2026 \
     return forecasts 2027 to 2030; domain spec §1.1). Without a return year (a dry run without \
     returnYear) it is only checked to be a year, CCYY, from 1900 to 2100.",
);

pub(crate) const EF_011: Rule = rule(
    FILE,
    "EF-011",
    "efts",
    Error,
    RECORD,
    "efts is Numeric(8,2): 0 to 999999.99 with at most two decimal places.",
);

pub(crate) const EF_012: Rule = rule(
    FILE,
    "EF-012",
    "forecastYear",
    Error,
    Check::Batch,
    "The forecast covers the following year: a stored forecast for a return of year Y has at \
     least one line for Y + 1 (spec 001: the forecast covers the following year and up to three \
     further years). The problem is on the whole file (an empty localId).",
);

/// Every forecast rule, in code order.
pub(crate) static RULES: [&Rule; 12] = [
    &EF_001, &EF_002, &EF_003, &EF_004, &EF_005, &EF_006, &EF_007, &EF_008, &EF_009, &EF_010,
    &EF_011, &EF_012,
];

type Line<'a> = Record<'a, WireEftsForecast>;

impl FileWire for WireEftsForecast {
    const FILE: SdrFile = FILE;
    const SHAPE: Shape = Shape {
        noun: "forecast line",
        unreadable: &EF_001,
        wrong_type: &EF_002,
        required: &EF_003,
        lengths: &EF_004,
        repeated_local_id: &EF_005,
        printable: &EF_006,
        repeated_key: &EF_007,
        key_reason: "give each source of funding, level and year one line, with the whole EFTS",
        text_limits: &[("localId", 1, None), ("sourceOfFunding", 1, Some(2))],
        identifiers: &["localId", "sourceOfFunding"],
    };
    const CHECKS: &'static [(&'static Rule, RecordCheck<Self>)] = &[
        (&EF_003, required_fields::<WireEftsForecast>),
        (&EF_004, text_lengths::<WireEftsForecast>),
        (&EF_006, printable_identifiers::<WireEftsForecast>),
        (&EF_008, fund),
        (&EF_009, level),
        (&EF_010, year),
        (&EF_011, efts),
    ];

    /// The fund as a number (`"1"` and `"01"` are one fund), the level and the year.
    type Key<'a> = (u8, i32, i32);

    fn presence(&self) -> u32 {
        bits([
            self.local_id.is_some(),
            self.source_of_funding.is_some(),
            self.level_on_nzqcf.is_some(),
            self.forecast_year.is_some(),
            self.efts.is_some(),
        ])
    }

    fn text(&self, name: &str) -> Option<&str> {
        match name {
            "localId" => self.local_id.as_deref(),
            "sourceOfFunding" => self.source_of_funding.as_deref(),
            _ => None,
        }
    }

    type Facts = ();

    fn facts(&self) {}

    fn key(&self) -> Option<(u8, i32, i32)> {
        Some((
            parse_two_digit(self.source_of_funding.as_deref()?)?,
            self.level_on_nzqcf?,
            self.forecast_year?,
        ))
    }

    fn describe_key(&(fund, level, year): &(u8, i32, i32)) -> String {
        format!("source of funding {fund:02}, level {level} and year {year}")
    }

    fn student_identification_code(&self) -> Option<&str> {
        None
    }
}

fn fund(line: &Line<'_>, sink: &mut Sink<'_>) {
    let Some(code) = line.wire.source_of_funding.as_deref() else {
        return;
    };
    if parse_two_digit(code).is_some_and(|fund| FORECAST_FUNDS.contains(&fund)) {
        return;
    }
    sink.report(
        &EF_008,
        "sourceOfFunding",
        format_args!(
            "sourceOfFunding {} is not forecast; the forecast covers only 01 (DQ7+), 29 (Māori \
             Pasifika Trades Training Levels 3 and 4), 11 (ITO off-job training) and 37 (DQ3-7): \
             leave other provision out",
            Shown(code)
        ),
    );
}

fn level(line: &Line<'_>, sink: &mut Sink<'_>) {
    let Some(level) = line.wire.level_on_nzqcf else {
        return;
    };
    if !(FORECAST_LOWEST_LEVEL..=HIGHEST_LEVEL).contains(&level) {
        sink.report(
            &EF_009,
            "levelOnNzqcf",
            format_args!(
                "levelOnNzqcf is {level}; the forecast covers Levels {FORECAST_LOWEST_LEVEL} to \
                 {HIGHEST_LEVEL}, and leaves Levels 1 and 2 out"
            ),
        );
    }
}

fn year(line: &Line<'_>, sink: &mut Sink<'_>) {
    let Some(year) = line.wire.forecast_year else {
        return;
    };
    match line.return_year {
        Some(return_year) => {
            let years = forecast_years(return_year);
            if !years.contains(&year) {
                sink.report(
                    &EF_010,
                    "forecastYear",
                    format_args!(
                        "forecastYear is {year}; a forecast with the {return_year} return covers \
                         {} to {}",
                        years.start(),
                        years.end()
                    ),
                );
            }
        }
        None if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) => sink.report(
            &EF_010,
            "forecastYear",
            format_args!(
                "forecastYear is {year}; expected a year, CCYY, from {EARLIEST_YEAR} to \
                 {LATEST_YEAR}"
            ),
        ),
        None => {}
    }
}

fn efts(line: &Line<'_>, sink: &mut Sink<'_>) {
    let Some(efts) = line.wire.efts else {
        return;
    };
    if !fits_decimal(efts, 0.0, MAX_FORECAST_EFTS, 2) {
        sink.report(
            &EF_011,
            "efts",
            format_args!(
                "efts is {efts}; expected a number from 0 to {MAX_FORECAST_EFTS} with at most two \
                 decimal places"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::check_file_in_year;

    #[test]
    fn the_registry_is_consistent() {
        super::super::assert_registry_consistent::<WireEftsForecast>(&RULES);
        super::super::assert_presence_follows_the_field_table::<WireEftsForecast>();
    }

    fn line(fund: &str, level: i32, year: i32, efts: f64) -> String {
        serde_json::json!({
            "localId": format!("FC-{fund}-{level}-{year}"),
            "sourceOfFunding": fund,
            "levelOnNzqcf": level,
            "forecastYear": year,
            "efts": efts,
        })
        .to_string()
    }

    fn codes(records: &[String]) -> Vec<String> {
        let report = check_file_in_year(FILE, 2026, records.iter().map(String::as_str));
        let mut codes: Vec<String> = report
            .records
            .iter()
            .flat_map(|record| record.problems.iter().map(|problem| problem.rule.clone()))
            .collect();
        codes.sort_unstable();
        codes
    }

    #[test]
    fn a_line_for_each_fund_at_levels_3_to_10_over_the_four_years_passes() {
        let mut lines = Vec::new();
        for fund in ["01", "29", "11", "37", "1"] {
            for (level, year) in [(3, 2027), (10, 2030)] {
                lines.push(line(fund, level, year, 0.0));
            }
        }
        // "1" and "01" are one fund: those two lines repeat the "01" lines.
        assert_eq!(codes(&lines), ["EF-007", "EF-007"]);
        assert!(codes(&lines[..8]).is_empty());
    }

    #[test]
    fn other_funds_levels_1_and_2_and_years_outside_the_four_are_errors() {
        assert_eq!(codes(&[line("22", 4, 2027, 10.0)]), ["EF-008"]);
        assert_eq!(codes(&[line("26", 3, 2027, 10.0)]), ["EF-008"]);
        assert_eq!(codes(&[line("37", 2, 2027, 10.0)]), ["EF-009"]);
        assert_eq!(codes(&[line("37", 11, 2027, 10.0)]), ["EF-009"]);
        assert_eq!(codes(&[line("37", 3, 2026, 10.0)]), ["EF-010"]);
        assert_eq!(codes(&[line("37", 3, 2031, 10.0)]), ["EF-010"]);
        assert!(codes(&[line("37", 3, 2031 - 1, 10.0)]).is_empty());
    }

    #[test]
    fn efts_is_numeric_8_2() {
        assert!(codes(&[line("01", 7, 2027, 999_999.99)]).is_empty());
        assert_eq!(codes(&[line("01", 7, 2027, 1_000_000.0)]), ["EF-011"]);
        assert_eq!(codes(&[line("01", 7, 2027, -0.01)]), ["EF-011"]);
        assert_eq!(codes(&[line("01", 7, 2027, 12.345)]), ["EF-011"]);
    }

    #[test]
    fn missing_and_mistyped_fields_are_named() {
        let missing = serde_json::json!({"localId": "FC-1", "sourceOfFunding": "01"}).to_string();
        // One problem per missing field: levelOnNzqcf, forecastYear, efts.
        assert_eq!(codes(&[missing]), ["EF-003", "EF-003", "EF-003"]);
        let mistyped = serde_json::json!({
            "localId": "FC-1", "sourceOfFunding": 1, "levelOnNzqcf": "7",
            "forecastYear": 2027, "efts": 1.0
        })
        .to_string();
        let report = check_file_in_year(FILE, 2026, [mistyped.as_str()]);
        let fields: Vec<&str> = report.records[0]
            .problems
            .iter()
            .filter(|problem| problem.rule == "EF-002")
            .map(|problem| problem.field.as_str())
            .collect();
        assert_eq!(fields, ["sourceOfFunding", "levelOnNzqcf"]);
    }

    #[test]
    fn without_a_return_year_the_year_is_only_checked_to_be_a_year() {
        let report = crate::validation::check_file(FILE, [line("01", 7, 2040, 1.0).as_str()]);
        assert_eq!(report.error_count, 0);
        let report = crate::validation::check_file(FILE, [line("01", 7, 1026, 1.0).as_str()]);
        assert_eq!(report.error_count, 1);
    }
}
