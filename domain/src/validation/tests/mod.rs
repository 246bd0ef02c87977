//! Tests of the validation layer through its public entry points.

mod batch;
mod efts;
mod files;
mod properties;
mod rules;

use serde_json::{Map, Value, json};

use super::{FileReport, Problem, Severity, check_file, check_file_in_year};
use crate::SdrFile;

/// A valid enrolment: Feb–Jun 2026 (five months), 0.125 EFTS spread evenly, domestic, DQ7+.
fn base() -> Value {
    json!({
        "localId": "ENR-1",
        "studentIdentificationCode": "S2601234",
        "qualificationCode": "PC4001",
        "courseCode": "ECON112",
        "courseStartDate": "2026-02-23T00:00:00+13:00",
        "courseEndDate": "2026-06-26T00:00:00+12:00",
        "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment": "00",
        "intramuralExtramuralAttendance": 1,
        "courseDeliverySite": "01",
        "sourceOfFunding": "01",
        "residentialStatus": "N",
        "australianResidentialStatus": false,
        "fundingCategory": "A2",
        "courseClassification": 13.1,
        "nzscedFieldOfStudy": "091901",
        "courseEftsFactor": 0.125,
        "eftsByMonth": [0.025, 0.025, 0.025, 0.025, 0.025],
        "nationalStudentNumber": 123456789,
        "apprenticeships": false,
        "secondarySchoolProgrammeIndicator": "N",
        "actualCourseFee": 1043.5
    })
}

/// The base record with changes: each `(name, value)` sets a field, a `null` value removes it.
fn with(changes: &[(&str, Value)]) -> Value {
    let mut record = base();
    let map: &mut Map<String, Value> = record.as_object_mut().unwrap();
    for (name, value) in changes {
        if value.is_null() {
            map.remove(*name);
        } else {
            map.insert((*name).to_owned(), value.clone());
        }
    }
    record
}

/// Checks course-enrolment records given as JSON text.
fn check_enrolments<'a>(texts: impl IntoIterator<Item = &'a str>) -> FileReport {
    check_file(SdrFile::CourseEnrolments, texts)
}

/// The year of the return the records below are checked in: the base record starts in it.
const RETURN_YEAR: i32 = 2026;

/// Checks course-enrolment records as an upload to a 2026 return does.
fn check_values(records: &[Value]) -> FileReport {
    let texts: Vec<String> = records.iter().map(Value::to_string).collect();
    check_file_in_year(
        SdrFile::CourseEnrolments,
        RETURN_YEAR,
        texts.iter().map(String::as_str),
    )
}

fn problems_of(records: &[Value]) -> Vec<Problem> {
    check_values(records).into_problems()
}

/// The codes of the problems, for short assertions.
fn codes(problems: &[Problem]) -> Vec<&str> {
    problems
        .iter()
        .map(|problem| problem.rule.as_str())
        .collect()
}

#[track_caller]
fn assert_clean(records: &[Value]) {
    let problems = problems_of(records);
    assert!(
        problems.is_empty(),
        "expected no problems, got {problems:#?}"
    );
}

#[track_caller]
fn assert_only(records: &[Value], rule: &str, field: &str, severity: Severity) -> Problem {
    let problems = problems_of(records);
    assert_eq!(
        problems.len(),
        1,
        "expected exactly {rule} on {field}, got {problems:#?}"
    );
    let problem = problems.into_iter().next().unwrap();
    assert_eq!(
        (
            problem.rule.as_str(),
            problem.field.as_str(),
            problem.severity
        ),
        (rule, field, severity),
        "{problem:#?}"
    );
    assert!(!problem.message.is_empty());
    problem
}
