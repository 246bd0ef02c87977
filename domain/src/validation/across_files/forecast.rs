//! The rules on a whole stored EFTS forecast: one line per fund, level and year (EF-007, the
//! file's own rule, applied across its uploads) and a line for the year after the return
//! (EF-012). And whether a return needs a forecast at all: an enrolment funded from 01, 29, 11
//! or 37 in a course the register puts at Level 3 or above.

use std::collections::HashMap;

use super::read::{Course, Enrolment, ForecastLine};
use super::{Context, Out};
use crate::SdrFile;
use crate::efts_forecast::{WireEftsForecast, forecast_years, needs_forecast};
use crate::validation::files::efts_forecasts::EF_012;
use crate::validation::files::{FileWire, repeated_key_message, repeats};

/// Applies the forecast's rules when the submission carries one.
pub(super) fn check(context: &Context<'_>, return_year: Option<i32>, out: &mut Out<'_>) {
    if !context.scope.read(SdrFile::EftsForecasts) {
        return;
    }
    let lines = context.forecast_lines;
    let key = |line: &ForecastLine| Some((line.fund?, line.level?, line.year?));
    let pairs = repeats(lines.iter().map(key));
    let rule = <WireEftsForecast as FileWire>::SHAPE.repeated_key;
    for (later, first) in pairs {
        let Some(repeated) = key(&lines[later]) else {
            continue;
        };
        let message = repeated_key_message::<WireEftsForecast>(
            &repeated,
            out.local_id(SdrFile::EftsForecasts, first),
        );
        out.report(
            rule,
            SdrFile::EftsForecasts,
            later,
            "",
            format_args!("{message}"),
        );
    }
    let Some(return_year) = return_year else {
        return;
    };
    let following = *forecast_years(return_year).start();
    if !lines.iter().any(|line| line.year == Some(following)) {
        out.report_file(
            &EF_012,
            SdrFile::EftsForecasts,
            format_args!(
                "the forecast has no line for {following}; a forecast with the {return_year} \
                 return covers the following year, {following}, and may reach up to {}",
                forecast_years(return_year).end()
            ),
        );
    }
}

/// Whether any enrolment is provision the forecast covers: funded from 01, 29, 11 or 37 in a
/// course the register puts at Level 3 or above. An enrolment whose course is missing from the
/// register, or whose fund or level is unreadable, does not count: its own rules report that.
pub(super) fn required(courses: &[Course], enrolments: &[Enrolment]) -> bool {
    let mut levels: HashMap<_, i32> = HashMap::with_capacity(courses.len());
    for course in courses {
        if let (Some(code), Some(level)) = (&course.code, course.level) {
            let highest = levels.entry(code.id).or_insert(level);
            *highest = (*highest).max(level);
        }
    }
    enrolments.iter().any(|enrolment| {
        let (Some(fund), Some(course)) = (enrolment.fund, &enrolment.course) else {
            return false;
        };
        levels
            .get(&course.id)
            .is_some_and(|&level| needs_forecast(fund, level))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::WholeSubmission;
    use crate::SdrFile;
    use crate::testkit::valid_return_typed;

    fn line(local_id: &str, fund: &str, level: i32, year: i32) -> (String, String) {
        let json = json!({
            "localId": local_id, "sourceOfFunding": fund, "levelOnNzqcf": level,
            "forecastYear": year, "efts": 10.0
        });
        (local_id.to_owned(), json.to_string())
    }

    fn codes(lines: &[(String, String)], year: Option<i32>) -> Vec<(String, String)> {
        let mut check = WholeSubmission::new(&[SdrFile::EftsForecasts]);
        if let Some(year) = year {
            check = check.in_year(year);
        }
        for (local_id, json) in lines {
            check.add(SdrFile::EftsForecasts, local_id, json);
        }
        check
            .finish()
            .into_iter()
            .map(|found| (found.problem.rule, found.local_id))
            .collect()
    }

    #[test]
    fn a_line_repeating_an_earlier_upload_s_fund_level_and_year_is_named() {
        let lines = [
            line("A", "01", 7, 2027),
            line("B", "1", 7, 2027),
            line("C", "01", 7, 2028),
        ];
        assert_eq!(
            codes(&lines, Some(2026)),
            [("EF-007".to_owned(), "B".to_owned())]
        );
    }

    #[test]
    fn the_forecast_must_cover_the_following_year() {
        let later_only = [line("A", "37", 4, 2028)];
        assert_eq!(
            codes(&later_only, Some(2026)),
            [("EF-012".to_owned(), String::new())]
        );
        assert_eq!(
            codes(&[], Some(2026)).len(),
            1,
            "an empty forecast covers nothing"
        );
        assert!(codes(&[line("A", "37", 4, 2027)], Some(2026)).is_empty());
        assert!(
            codes(&later_only, None).is_empty(),
            "no year, no coverage rule"
        );
    }

    #[test]
    fn a_return_needs_a_forecast_when_it_has_funded_provision_at_level_3_and_above() {
        let built = valid_return_typed(7, 12);
        let records = built.to_records();
        let check = |enrolments: &[String], courses: &[String]| {
            let mut check = WholeSubmission::new(&SdrFile::ALL);
            for (at, json) in courses.iter().enumerate() {
                check.add(SdrFile::Courses, &format!("C{at}"), json);
            }
            for (at, json) in enrolments.iter().enumerate() {
                check.add(SdrFile::CourseEnrolments, &format!("E{at}"), json);
            }
            check.efts_forecast_required()
        };
        assert!(check(&records.course_enrolments, &records.courses));
        assert!(!records.efts_forecasts.is_empty());

        // The same enrolments, all full-fee (fund 03): nothing to forecast.
        let full_fee: Vec<String> = records
            .course_enrolments
            .iter()
            .map(|json| {
                let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
                value["sourceOfFunding"] = json!("03");
                value.to_string()
            })
            .collect();
        assert!(!check(&full_fee, &records.courses));

        // Fund 37 at Level 2 (the register says so): left out.
        let low: Vec<String> = records
            .courses
            .iter()
            .map(|json| {
                let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
                value["levelOnNzqcf"] = json!(2);
                value.to_string()
            })
            .collect();
        assert!(!check(&records.course_enrolments, &low));
        // Without the register no level is known: the missing courses are XF-001's problem.
        assert!(!check(&records.course_enrolments, &[]));
    }
}
