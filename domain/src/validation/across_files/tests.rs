//! Tests of the rules across files through [`check_across_files`]: for each rule, a small valid
//! return broken in one place gives exactly that rule's problems, on every record involved.

use std::collections::BTreeSet;
use std::time::Instant;

use serde_json::{Value, json};

use super::{FileProblem, RULES, SubmissionRecords, check_across_files};
use crate::SdrFile;
use crate::validation::{Severity, catalogue, rule_by_code};

const LEARNERS: SdrFile = SdrFile::Learners;
const COURSES: SdrFile = SdrFile::Courses;
const ENROLMENTS: SdrFile = SdrFile::CourseEnrolments;
const COMPLETIONS: SdrFile = SdrFile::CourseCompletions;
const QUALIFICATIONS: SdrFile = SdrFile::QualificationCompletions;

/// A whole return as JSON values, file by file.
#[derive(Clone)]
struct Return {
    files: Vec<(SdrFile, Vec<Value>)>,
}

fn learner(id: &str, student: &str, nsn: i64, country: &str) -> Value {
    json!({
        "localId": id,
        "studentIdentificationCode": student,
        "gender": "F",
        "dateOfBirth": "2004-05-17T00:00:00+12:00",
        "nameIdCode": "SMITJ",
        "nationalStudentNumber": nsn,
        "countryOfCitizenship": country,
        "ethnicity": [111],
        // The fields a type D learner gives (XF-019): every learner here is type D.
        "mainActivityAt1October": "01",
        "firstYearOfTertiaryEducation": 2026,
        "lastSecondarySchoolAttended": 43,
        "lastYearAtSecondarySchool": 2025,
        "highestSecondarySchoolQualification": "25",
        "permanentPostCode": "6011",
        "termPostCode": "6011",
    })
}

fn course(id: &str, code: &str, efts: f64, level: i64) -> Value {
    json!({
        "localId": id,
        "courseCode": code,
        "courseTitle": "A course",
        "qualificationCode": "BB7101",
        "courseClassification": 13.1,
        "nzscedFieldOfStudy": "091901",
        "levelOnNzqcf": level,
        "credit": 15,
        "fundingCategory": "A2",
        "courseEftsFactor": efts,
    })
}

/// An enrolment of a domestic learner residing in New Zealand, Feb–Jun 2026.
fn enrolment(id: &str, student: &str, nsn: i64, course: &str, qualification: &str) -> Value {
    json!({
        "localId": id,
        "studentIdentificationCode": student,
        "qualificationCode": qualification,
        "courseCode": course,
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
        "nationalStudentNumber": nsn,
        "secondarySchoolProgrammeIndicator": "N",
        "actualCourseFee": 1043.5,
    })
}

fn completion(id: &str, student: &str, nsn: i64, course: &str, indicator: i64) -> Value {
    json!({
        "localId": id,
        "studentIdentificationCode": student,
        "courseCode": course,
        "courseStartDate": "2026-02-23T00:00:00+13:00",
        "studentCourseCompletionIndicator": indicator,
        "nationalStudentNumber": nsn,
        "courseEndDate": "2026-06-26T00:00:00+12:00",
    })
}

fn qualification(id: &str, student: &str, nsn: i64, code: &str, year: i64) -> Value {
    json!({
        "localId": id,
        "studentIdentificationCode": student,
        "nationalStudentNumber": nsn,
        "qualificationCode": code,
        "yearRequirementsMet": year,
        "qualificationCompletionDate": "2026-11-30T00:00:00+13:00",
    })
}

/// A valid return: a New Zealand citizen (S1) in a degree, an international fee-payer (S2) and
/// an Australian citizen (S3) with a fund 31 withdrawal; completions for the finished courses.
fn valid_return() -> Return {
    let mut international = learner("L-2", "S2", 100_002, "GBR");
    international["tuitionFeePaidByInternationalFeePayingStudent"] = json!(18_000.0);

    let mut fee_payer = enrolment("E-3", "S2", 100_002, "ECON112", "BB7101");
    fee_payer["sourceOfFunding"] = json!("02");
    fee_payer["categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"] = json!("03");

    let mut extramural = enrolment("E-4", "S3", 100_003, "MATH170", "NC3050");
    extramural["courseStartDate"] = json!("2026-07-13T00:00:00+12:00");
    extramural["courseEndDate"] = json!("2026-11-20T00:00:00+13:00");
    extramural["intramuralExtramuralAttendance"] = json!(2);
    extramural["courseDeliverySite"] = json!("98");
    extramural["sourceOfFunding"] = json!("37");
    extramural["courseEftsFactor"] = json!(0.25);
    extramural["eftsByMonth"] = json!([0.05, 0.05, 0.05, 0.05, 0.05]);

    let mut withdrawn = enrolment("E-5", "S3", 100_003, "ACCT102", "NC3050");
    withdrawn["sourceOfFunding"] = json!("31");
    withdrawn["studentsCourseWithdrawalDate"] = json!("2026-03-02T00:00:00+13:00");

    Return {
        files: vec![
            (
                LEARNERS,
                vec![
                    learner("L-1", "S1", 100_001, "NZL"),
                    international,
                    learner("L-3", "S3", 100_003, "AUS"),
                ],
            ),
            (
                COURSES,
                vec![
                    course("C-1", "ECON112", 0.125, 7),
                    course("C-2", "ACCT102", 0.125, 5),
                    course("C-3", "MATH170", 0.25, 5),
                ],
            ),
            (
                ENROLMENTS,
                vec![
                    enrolment("E-1", "S1", 100_001, "ECON112", "BB7101"),
                    enrolment("E-2", "S1", 100_001, "ACCT102", "BB7101"),
                    fee_payer,
                    extramural,
                    withdrawn,
                ],
            ),
            (
                COMPLETIONS,
                vec![
                    completion("CC-1", "S1", 100_001, "ECON112", 2),
                    completion("CC-2", "S1", 100_001, "ACCT102", 2),
                    completion("CC-3", "S2", 100_002, "ECON112", 3),
                    completion("CC-4", "S3", 100_003, "ACCT102", 4),
                ],
            ),
            (
                QUALIFICATIONS,
                vec![
                    qualification("Q-1", "S1", 100_001, "BB7101", 2026),
                    qualification("Q-2", "S3", 100_003, "NC3050", 2026),
                ],
            ),
        ],
    }
}

impl Return {
    fn records_mut(&mut self, file: SdrFile) -> &mut Vec<Value> {
        match self.files.iter_mut().find(|(each, _)| *each == file) {
            Some((_, records)) => records,
            None => unreachable!("every file is in the return"),
        }
    }

    fn record_mut(&mut self, file: SdrFile, local_id: &str) -> &mut Value {
        self.records_mut(file)
            .iter_mut()
            .find(|record| record["localId"] == local_id)
            .unwrap_or_else(|| panic!("no {file} record {local_id}"))
    }

    /// Sets a field of a record; `null` removes it.
    fn set(mut self, file: SdrFile, local_id: &str, field: &str, value: Value) -> Self {
        let record = self.record_mut(file, local_id).as_object_mut().unwrap();
        if value.is_null() {
            record.remove(field);
        } else {
            record.insert(field.to_owned(), value);
        }
        self
    }

    fn add(mut self, file: SdrFile, record: Value) -> Self {
        self.records_mut(file).push(record);
        self
    }

    fn remove(mut self, file: SdrFile, local_id: &str) -> Self {
        self.records_mut(file)
            .retain(|record| record["localId"] != local_id);
        self
    }

    fn clear(mut self, file: SdrFile) -> Self {
        self.records_mut(file).clear();
        self
    }

    fn check_round(&self, files_required: &[SdrFile]) -> Vec<FileProblem> {
        let texts: Vec<(SdrFile, Vec<(String, String)>)> = self
            .files
            .iter()
            .map(|(file, records)| {
                let texts = records
                    .iter()
                    .map(|record| {
                        let id = record["localId"].as_str().unwrap_or_default().to_owned();
                        (id, record.to_string())
                    })
                    .collect();
                (*file, texts)
            })
            .collect();
        let mut records = SubmissionRecords::default();
        for (file, texts) in &texts {
            records
                .file_mut(*file)
                .extend(texts.iter().map(|(id, text)| (id.as_str(), text.as_str())));
        }
        let problems = check_across_files(&records, files_required);
        for found in &problems {
            let rule = rule_by_code(&found.problem.rule).unwrap();
            assert_eq!(found.problem.severity, rule.severity, "{found:?}");
            if found.local_id.is_empty() {
                assert_eq!(found.problem.local_id, None);
            } else {
                assert_eq!(found.problem.local_id.as_deref(), Some(&*found.local_id));
                assert_eq!(
                    records.file(found.file)[found.problem.index].0,
                    found.local_id,
                    "the index points at the record"
                );
            }
        }
        problems
    }

    fn check(&self) -> Vec<FileProblem> {
        self.check_round(&SdrFile::ALL)
    }
}

/// `(localId, JSON)` pairs as [`SubmissionRecords`] holds them.
fn borrow(texts: &[(String, String)]) -> Vec<(&str, &str)> {
    texts
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect()
}

/// Asserts that every problem is of rule `code`, on exactly the records `on`, and returns them.
fn only<'p>(
    problems: &'p [FileProblem],
    code: &str,
    on: &[(SdrFile, &str)],
) -> Vec<&'p FileProblem> {
    let rules: BTreeSet<&str> = problems.iter().map(|p| p.problem.rule.as_str()).collect();
    assert_eq!(
        rules,
        BTreeSet::from([code]),
        "expected only {code}: {problems:#?}"
    );
    let records: BTreeSet<(SdrFile, &str)> = problems
        .iter()
        .map(|p| (p.file, p.local_id.as_str()))
        .collect();
    let expected: BTreeSet<(SdrFile, &str)> = on.iter().copied().collect();
    assert_eq!(records, expected, "{problems:#?}");
    problems.iter().collect()
}

/// The problem on one record.
fn on<'p>(problems: &'p [&'p FileProblem], file: SdrFile, local_id: &str) -> &'p FileProblem {
    let mut found = problems
        .iter()
        .filter(|p| p.file == file && p.local_id == local_id);
    let problem = found.next().unwrap();
    assert!(found.next().is_none(), "one problem per record");
    problem
}

/// Asserts that a problem's message names each record by file and localId.
fn names(problem: &FileProblem, records: &[(SdrFile, &str)]) {
    for (file, local_id) in records {
        let name = format!("{file} '{local_id}'");
        assert!(
            problem.problem.message.contains(&name),
            "{} should name {name}",
            problem.problem.message
        );
    }
}

#[test]
fn the_valid_return_passes_every_rule() {
    let problems = valid_return().check();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(valid_return().check_round(&SdrFile::INDICATIVE).is_empty());
}

#[test]
fn the_registry_is_in_code_order_and_in_the_catalogue() {
    for (position, rule) in RULES.iter().enumerate() {
        assert_eq!(rule.code, format!("XF-{:03}", position + 1));
        assert!(rule.applies_across_records());
        assert!(rule.description.contains("§3.1"), "{}", rule.code);
        assert!(
            rule.field.is_empty()
                || rule.field == "*"
                || rule
                    .file()
                    .is_some_and(|file| crate::fields::field(file, rule.field).is_some()),
            "{} names a field {} its file does not have",
            rule.code,
            rule.field
        );
        assert!(
            catalogue()
                .iter()
                .any(|listed| std::ptr::eq(*listed, *rule)),
            "{} is in the catalogue",
            rule.code
        );
    }
}

#[test]
fn xf_001_an_nsn_belongs_to_one_learner() {
    let broken = valid_return()
        .add(LEARNERS, learner("L-9", "S9", 100_001, "NZL"))
        .add(
            ENROLMENTS,
            enrolment("E-9", "S9", 100_001, "ECON112", "PC4001"),
        );
    let problems = broken.check();
    let found = only(&problems, "XF-001", &[(LEARNERS, "L-1"), (LEARNERS, "L-9")]);
    names(on(&found, LEARNERS, "L-1"), &[(LEARNERS, "L-9")]);
    names(on(&found, LEARNERS, "L-9"), &[(LEARNERS, "L-1")]);
    assert!(on(&found, LEARNERS, "L-1").problem.message.contains("'S9'"));
    let fixed = broken
        .set(LEARNERS, "L-9", "nationalStudentNumber", json!(100_009))
        .set(ENROLMENTS, "E-9", "nationalStudentNumber", json!(100_009));
    assert!(fixed.check().is_empty());
}

#[test]
fn xf_002_the_nsn_is_the_same_in_every_file() {
    let broken = valid_return().set(ENROLMENTS, "E-4", "nationalStudentNumber", json!(100_009));
    let problems = broken.check();
    let found = only(
        &problems,
        "XF-002",
        &[(ENROLMENTS, "E-4"), (LEARNERS, "L-3")],
    );
    let enrolment = on(&found, ENROLMENTS, "E-4");
    names(enrolment, &[(LEARNERS, "L-3")]);
    assert!(
        enrolment
            .problem
            .message
            .contains("100009 differs from 100003")
    );
    names(on(&found, LEARNERS, "L-3"), &[(ENROLMENTS, "E-4")]);
    assert!(
        broken
            .set(ENROLMENTS, "E-4", "nationalStudentNumber", json!(100_003))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_002_completions_are_compared_too_and_each_record_that_differs_is_named() {
    let broken = valid_return()
        .set(COMPLETIONS, "CC-1", "nationalStudentNumber", json!(100_009))
        .set(ENROLMENTS, "E-1", "nationalStudentNumber", json!(100_009))
        .set(
            QUALIFICATIONS,
            "Q-1",
            "nationalStudentNumber",
            json!(100_008),
        );
    let problems: Vec<FileProblem> = broken
        .check()
        .into_iter()
        .filter(|p| p.problem.rule == "XF-002")
        .collect();
    let found = only(
        &problems,
        "XF-002",
        &[
            (ENROLMENTS, "E-1"),
            (COMPLETIONS, "CC-1"),
            (QUALIFICATIONS, "Q-1"),
            (LEARNERS, "L-1"),
        ],
    );
    let learner = on(&found, LEARNERS, "L-1");
    names(
        learner,
        &[
            (ENROLMENTS, "E-1"),
            (COMPLETIONS, "CC-1"),
            (QUALIFICATIONS, "Q-1"),
        ],
    );
    assert!(learner.problem.message.contains("3 other records"));
}

#[test]
fn xf_002_without_a_learner_record_the_first_enrolment_is_the_reference() {
    let broken = valid_return().remove(LEARNERS, "L-3").set(
        ENROLMENTS,
        "E-5",
        "nationalStudentNumber",
        json!(100_009),
    );
    let problems: Vec<FileProblem> = broken
        .check()
        .into_iter()
        .filter(|p| p.problem.rule == "XF-002")
        .collect();
    let found = only(
        &problems,
        "XF-002",
        &[(ENROLMENTS, "E-4"), (ENROLMENTS, "E-5")],
    );
    names(on(&found, ENROLMENTS, "E-5"), &[(ENROLMENTS, "E-4")]);
    names(on(&found, ENROLMENTS, "E-4"), &[(ENROLMENTS, "E-5")]);
}

#[test]
fn xf_003_a_learner_has_activity_in_the_return() {
    let broken = valid_return().add(LEARNERS, learner("L-9", "S9", 100_009, "NZL"));
    let problems = broken.check();
    only(&problems, "XF-003", &[(LEARNERS, "L-9")]);
    assert_eq!(problems[0].problem.severity, Severity::Warning);
    // A qualification completion is activity.
    let fixed = broken.add(
        QUALIFICATIONS,
        qualification("Q-9", "S9", 100_009, "BB7101", 2025),
    );
    let problems = fixed.check();
    // The completion has no enrolment in this return: XF-016's warning, not XF-003's.
    only(&problems, "XF-016", &[(QUALIFICATIONS, "Q-9")]);
    assert!(
        fixed
            .remove(LEARNERS, "L-9")
            .remove(QUALIFICATIONS, "Q-9")
            .check()
            .is_empty()
    );
}

#[test]
fn xf_004_an_international_fee_payer_reports_the_tuition_fee() {
    let broken = valid_return().set(
        LEARNERS,
        "L-2",
        "tuitionFeePaidByInternationalFeePayingStudent",
        Value::Null,
    );
    let problems = broken.check();
    let found = only(&problems, "XF-004", &[(LEARNERS, "L-2")]);
    names(found[0], &[(ENROLMENTS, "E-3")]);
    assert_eq!(
        found[0].problem.field,
        "tuitionFeePaidByInternationalFeePayingStudent"
    );
    // A fee of the wrong type is the learner rules' problem, not this one's.
    assert!(
        broken
            .clone()
            .set(
                LEARNERS,
                "L-2",
                "tuitionFeePaidByInternationalFeePayingStudent",
                json!("18000")
            )
            .check()
            .is_empty()
    );
    assert!(
        broken
            .set(
                LEARNERS,
                "L-2",
                "tuitionFeePaidByInternationalFeePayingStudent",
                json!(0)
            )
            .check()
            .is_empty()
    );
}

#[test]
fn xf_005_the_core_files_have_records() {
    for (file, records) in [
        (COURSES, valid_return().clear(COURSES)),
        (LEARNERS, valid_return().clear(LEARNERS)),
    ] {
        let problems = records.check();
        let found = only(&problems, "XF-005", &[(file, "")]);
        assert_eq!(found[0].problem.index, 0);
        assert!(found[0].problem.message.contains(file.as_str()));
    }
    // With no enrolments, no learner is idle: the empty file is the problem.
    let problems = valid_return()
        .clear(ENROLMENTS)
        .clear(COMPLETIONS)
        .clear(QUALIFICATIONS)
        .check_round(&SdrFile::INDICATIVE);
    only(&problems, "XF-005", &[(ENROLMENTS, "")]);
}

#[test]
fn xf_006_every_enrolled_course_is_in_the_register() {
    let broken = valid_return().set(ENROLMENTS, "E-4", "courseCode", json!("MATH171"));
    let problems = broken.check();
    let found = only(&problems, "XF-006", &[(ENROLMENTS, "E-4")]);
    assert!(found[0].problem.message.contains("'MATH171'"));
    assert!(
        found[0]
            .problem
            .message
            .contains("used by 1 enrolment of this return")
    );

    // Case and spacing matter, and the near miss is named.
    let problems = valid_return()
        .set(ENROLMENTS, "E-4", "courseCode", json!("math 170"))
        .check();
    let found = only(&problems, "XF-006", &[(ENROLMENTS, "E-4")]);
    names(found[0], &[(COURSES, "C-3")]);
    assert!(found[0].problem.message.contains("case or spacing"));

    assert!(
        broken
            .set(ENROLMENTS, "E-4", "courseCode", json!("MATH170"))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_007_every_enrolled_learner_has_a_learner_record() {
    let broken = valid_return().set(ENROLMENTS, "E-4", "studentIdentificationCode", json!("S9"));
    let problems = broken.check();
    let found = only(&problems, "XF-007", &[(ENROLMENTS, "E-4")]);
    assert!(found[0].problem.message.contains("'S9'"));
    assert!(
        broken
            .add(LEARNERS, learner("L-9", "S9", 100_003, "AUS"))
            .check()
            .iter()
            .all(|p| p.problem.rule != "XF-007")
    );
}

#[test]
fn xf_008_new_zealand_citizens_and_australians_in_new_zealand_are_domestic() {
    let fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
    let broken = valid_return().set(ENROLMENTS, "E-1", fees, json!("01"));
    let problems = broken.check();
    let found = only(&problems, "XF-008", &[(ENROLMENTS, "E-1")]);
    names(found[0], &[(LEARNERS, "L-1")]);
    assert!(found[0].problem.message.contains("New Zealand citizen"));
    // Wherever the New Zealand citizen lives.
    let overseas = valid_return()
        .set(ENROLMENTS, "E-1", fees, json!("01"))
        .set(
            ENROLMENTS,
            "E-1",
            "intramuralExtramuralAttendance",
            json!(3),
        );
    only(&overseas.check(), "XF-008", &[(ENROLMENTS, "E-1")]);

    let australian = valid_return().set(ENROLMENTS, "E-4", fees, json!("1"));
    let problems = australian.check();
    let found = only(&problems, "XF-008", &[(ENROLMENTS, "E-4")]);
    assert!(found[0].problem.message.contains("Australian citizen"));

    assert!(
        broken
            .set(ENROLMENTS, "E-1", fees, json!("0"))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_009_international_students_are_not_domestic() {
    let fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
    let broken = valid_return().set(ENROLMENTS, "E-3", fees, json!("00"));
    let problems = broken.check();
    let found = only(&problems, "XF-009", &[(ENROLMENTS, "E-3")]);
    names(found[0], &[(LEARNERS, "L-2")]);
    assert!(found[0].problem.message.contains("'GBR'"));
    assert!(
        broken
            .set(ENROLMENTS, "E-3", fees, json!("03"))
            .check()
            .is_empty()
    );

    // An Australian citizen studying extramurally from overseas.
    let overseas = valid_return().set(
        ENROLMENTS,
        "E-4",
        "intramuralExtramuralAttendance",
        json!(3),
    );
    only(&overseas.check(), "XF-009", &[(ENROLMENTS, "E-4")]);
    assert!(
        overseas
            .set(ENROLMENTS, "E-4", fees, json!("04"))
            .check()
            .is_empty()
    );

    // Intramural overseas: below Level 7 not domestic, at Level 7 or above not checked.
    let below = valid_return().set(
        ENROLMENTS,
        "E-4",
        "intramuralExtramuralAttendance",
        json!(4),
    );
    let problems = below.check();
    let found = only(&problems, "XF-009", &[(ENROLMENTS, "E-4")]);
    names(found[0], &[(LEARNERS, "L-3"), (COURSES, "C-3")]);
    assert!(found[0].problem.message.contains("Level 5"));
    assert!(
        below
            .set(COURSES, "C-3", "levelOnNzqcf", json!(7))
            .check()
            .is_empty()
    );

    // Another citizen with Australian permanent residency, extramural from overseas.
    let resident = valid_return()
        .set(ENROLMENTS, "E-3", fees, json!("00"))
        .set(
            ENROLMENTS,
            "E-3",
            "australianResidentialStatus",
            json!(true),
        )
        .set(
            ENROLMENTS,
            "E-3",
            "intramuralExtramuralAttendance",
            json!(3),
        )
        .set(ENROLMENTS, "E-3", "sourceOfFunding", json!("01"));
    let problems = resident.check();
    let found = only(&problems, "XF-009", &[(ENROLMENTS, "E-3")]);
    assert!(
        found[0]
            .problem
            .message
            .contains("Australian permanent resident")
    );
}

#[test]
fn xf_010_citizens_are_not_resident_visa_holders() {
    let broken = valid_return().set(ENROLMENTS, "E-1", "residentialStatus", json!("Y"));
    let problems = broken.check();
    let found = only(&problems, "XF-010", &[(ENROLMENTS, "E-1")]);
    names(found[0], &[(LEARNERS, "L-1")]);
    assert_eq!(found[0].problem.field, "residentialStatus");
    assert!(
        broken
            .set(ENROLMENTS, "E-1", "residentialStatus", json!("N"))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_011_the_enrolment_carries_the_registers_efts_factor() {
    let broken = valid_return().set(ENROLMENTS, "E-2", "courseEftsFactor", json!(0.2));
    let problems = broken.check();
    let found = only(
        &problems,
        "XF-011",
        &[(ENROLMENTS, "E-2"), (COURSES, "C-2")],
    );
    names(on(&found, ENROLMENTS, "E-2"), &[(COURSES, "C-2")]);
    let register = on(&found, COURSES, "C-2");
    names(register, &[(ENROLMENTS, "E-2")]);
    assert!(register.problem.message.contains("(0.2)"));
    // Within 0.0001 is the same factor.
    assert!(
        broken
            .clone()
            .set(ENROLMENTS, "E-2", "courseEftsFactor", json!(0.1251))
            .check()
            .is_empty()
    );
    assert!(
        broken
            .set(ENROLMENTS, "E-2", "courseEftsFactor", json!(0.125))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_012_a_fund_31_enrolment_is_completed_as_withdrawn() {
    let broken = valid_return().set(
        COMPLETIONS,
        "CC-4",
        "studentCourseCompletionIndicator",
        json!(3),
    );
    let problems = broken.check();
    let found = only(
        &problems,
        "XF-012",
        &[(ENROLMENTS, "E-5"), (COMPLETIONS, "CC-4")],
    );
    names(on(&found, ENROLMENTS, "E-5"), &[(COMPLETIONS, "CC-4")]);
    names(on(&found, COMPLETIONS, "CC-4"), &[(ENROLMENTS, "E-5")]);
    assert_eq!(
        on(&found, ENROLMENTS, "E-5").problem.field,
        "sourceOfFunding"
    );
    assert_eq!(
        on(&found, COMPLETIONS, "CC-4").problem.field,
        "studentCourseCompletionIndicator"
    );

    let missing = valid_return().remove(COMPLETIONS, "CC-4");
    let problems = missing.check();
    let found = only(&problems, "XF-012", &[(ENROLMENTS, "E-5")]);
    assert!(found[0].problem.message.contains("no course completion"));

    assert!(
        broken
            .set(
                COMPLETIONS,
                "CC-4",
                "studentCourseCompletionIndicator",
                json!(4)
            )
            .check()
            .is_empty()
    );
}

#[test]
fn xf_013_a_course_spans_at_most_twelve_months() {
    let broken = valid_return().set(
        ENROLMENTS,
        "E-3",
        "courseEndDate",
        json!("2027-02-24T00:00:00+13:00"),
    );
    let problems = broken.check();
    let found = only(&problems, "XF-013", &[(ENROLMENTS, "E-3")]);
    assert_eq!(found[0].problem.severity, Severity::Warning);
    assert!(
        broken
            .set(ENROLMENTS, "E-3", "courseEndDate", json!("2027-02-23"))
            .check()
            .is_empty()
    );
}

/// One record per learner and per course within their files are LR-007 and CR-007, rules of
/// those files; the rules across files do not repeat them, and skip what needs the one record.
#[test]
fn repeated_learners_and_courses_are_left_to_their_files_rules() {
    let fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
    let records = valid_return()
        // S1 twice, the second a citizen of another country: which is right is not known, so
        // the fees of S1's enrolments are not judged against either.
        .add(LEARNERS, learner("L-9", "S1", 100_001, "GBR"))
        .set(ENROLMENTS, "E-1", fees, json!("01"))
        // ECON112 twice, with another factor: the enrolments' factors are not judged either.
        .add(COURSES, course("C-9", "ECON112", 0.5, 7));
    let problems = records.check();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn xf_014_a_round_with_completion_files_has_completions() {
    let problems = valid_return().clear(COMPLETIONS).check();
    only(&problems, "XF-014", &[(COMPLETIONS, "")]);
    let problems = valid_return().clear(QUALIFICATIONS).check();
    only(&problems, "XF-014", &[(QUALIFICATIONS, "")]);
}

#[test]
fn xf_015_a_course_completion_matches_an_enrolment() {
    let broken = valid_return().set(
        COMPLETIONS,
        "CC-3",
        "courseStartDate",
        json!("2026-02-24T00:00:00+13:00"),
    );
    let problems = broken.check();
    let found = only(&problems, "XF-015", &[(COMPLETIONS, "CC-3")]);
    // The enrolment with the same NSN and course is pointed at.
    names(found[0], &[(ENROLMENTS, "E-3")]);
    assert!(found[0].problem.message.contains("2026-02-23"));
    // The calendar date as written matches, whatever the offset or form.
    assert!(
        broken
            .set(COMPLETIONS, "CC-3", "courseStartDate", json!("2026-02-23"))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_016_a_qualification_completion_has_the_learners_enrolments() {
    let broken = valid_return()
        .add(LEARNERS, learner("L-9", "S9", 100_009, "NZL"))
        .add(
            QUALIFICATIONS,
            qualification("Q-9", "S9", 100_009, "BB7101", 2025),
        );
    let problems = broken.check();
    only(&problems, "XF-016", &[(QUALIFICATIONS, "Q-9")]);
    // With an enrolment in the qualification, met in the year the enrolment ends.
    let fixed = broken
        .add(
            ENROLMENTS,
            enrolment("E-9", "S9", 100_009, "ECON112", "BB7101"),
        )
        .set(QUALIFICATIONS, "Q-9", "yearRequirementsMet", json!(2026));
    assert!(fixed.check().is_empty());
}

#[test]
fn xf_017_a_qualification_completion_matches_the_qualification() {
    let broken = valid_return().set(QUALIFICATIONS, "Q-1", "qualificationCode", json!("MA8003"));
    let problems = broken.check();
    let found = only(&problems, "XF-017", &[(QUALIFICATIONS, "Q-1")]);
    names(found[0], &[(ENROLMENTS, "E-1"), (ENROLMENTS, "E-2")]);
    assert!(found[0].problem.message.contains("qualification 'BB7101'"));
    // The qualification whose code the enrolments used, named as the linked one, matches.
    assert!(
        broken
            .clone()
            .set(
                QUALIFICATIONS,
                "Q-1",
                "linkedQualificationForFeesFree",
                json!("BB7101")
            )
            .check()
            .is_empty()
    );
    assert!(
        broken
            .set(QUALIFICATIONS, "Q-1", "qualificationCode", json!("BB7101"))
            .check()
            .is_empty()
    );
}

#[test]
fn xf_018_requirements_are_not_met_before_the_last_course_ends() {
    let broken = valid_return().set(QUALIFICATIONS, "Q-1", "yearRequirementsMet", json!(2025));
    let problems = broken.check();
    let found = only(
        &problems,
        "XF-018",
        &[(QUALIFICATIONS, "Q-1"), (ENROLMENTS, "E-1")],
    );
    names(on(&found, QUALIFICATIONS, "Q-1"), &[(ENROLMENTS, "E-1")]);
    names(on(&found, ENROLMENTS, "E-1"), &[(QUALIFICATIONS, "Q-1")]);
    assert!(
        broken
            .set(QUALIFICATIONS, "Q-1", "yearRequirementsMet", json!(2026))
            .check()
            .is_empty()
    );
}

/// The fields of the problems of one rule, when they are all on one record.
fn fields_of<'p>(
    problems: &'p [FileProblem],
    code: &str,
    file: SdrFile,
    local_id: &str,
) -> BTreeSet<&'p str> {
    only(problems, code, &[(file, local_id)])
        .into_iter()
        .map(|found| found.problem.field.as_str())
        .collect()
}

/// Asserts that a message says each of `parts`.
fn says(problem: &FileProblem, parts: &[&str]) {
    for part in parts {
        assert!(
            problem.problem.message.contains(part),
            "{} should say {part}",
            problem.problem.message
        );
    }
}

#[test]
fn xf_019_a_type_d_learner_gives_the_type_d_fields() {
    let problems = valid_return()
        .set(
            LEARNERS,
            "L-1",
            "highestSecondarySchoolQualification",
            Value::Null,
        )
        .check();
    let found = only(&problems, "XF-019", &[(LEARNERS, "L-1")]);
    let problem = on(&found, LEARNERS, "L-1");
    assert_eq!(problem.problem.field, "highestSecondarySchoolQualification");
    assert_eq!(problem.problem.severity, Severity::Error);
    // The derived type and why: S1 has two enrolments in the degree BB7101, 0.125 EFTS each.
    says(
        problem,
        &[
            "highestSecondarySchoolQualification is missing",
            "learner 'S1' is type D",
            "formal qualification 'BB7101' (course-enrolments 'E-1')",
            "0.2500 EFTS in this return over 2 enrolments, above 0.03",
        ],
    );
    // Each missing field is a problem of its own; the empty text is missing too, and a value of
    // the wrong type is left to the record's own rules (LR-002).
    let problems = valid_return()
        .set(LEARNERS, "L-1", "mainActivityAt1October", json!(""))
        .set(LEARNERS, "L-1", "firstYearOfTertiaryEducation", Value::Null)
        .set(LEARNERS, "L-1", "lastYearAtSecondarySchool", json!("2025"))
        .check();
    assert_eq!(
        fields_of(&problems, "XF-019", LEARNERS, "L-1"),
        BTreeSet::from(["firstYearOfTertiaryEducation", "mainActivityAt1October"])
    );
}

#[test]
fn xf_019_new_zealand_facts_are_required_of_the_learners_who_have_them() {
    // S2, an international fee-payer schooled overseas and studying in New Zealand, has no New
    // Zealand school and no permanent address here.
    let overseas = valid_return()
        .set(
            LEARNERS,
            "L-2",
            "highestSecondarySchoolQualification",
            json!("92"),
        )
        .set(LEARNERS, "L-2", "lastSecondarySchoolAttended", Value::Null)
        .set(LEARNERS, "L-2", "permanentPostCode", Value::Null);
    let problems = overseas.check();
    assert!(problems.is_empty(), "{problems:#?}");
    // But a term address here, and a school when the qualification is a New Zealand one.
    let problems = overseas
        .set(LEARNERS, "L-2", "termPostCode", Value::Null)
        .set(
            LEARNERS,
            "L-2",
            "highestSecondarySchoolQualification",
            json!("25"),
        )
        .check();
    assert_eq!(
        fields_of(&problems, "XF-019", LEARNERS, "L-2"),
        BTreeSet::from(["lastSecondarySchoolAttended", "termPostCode"])
    );
    // A domestic student residing in New Zealand (S3, extramural) gives the permanent post code.
    let problems = valid_return()
        .set(LEARNERS, "L-3", "permanentPostCode", Value::Null)
        .check();
    assert_eq!(
        fields_of(&problems, "XF-019", LEARNERS, "L-3"),
        BTreeSet::from(["permanentPostCode"])
    );
    // A New Zealand citizen studying extramurally from overseas needs neither post code.
    let problems = valid_return()
        .set(
            ENROLMENTS,
            "E-1",
            "intramuralExtramuralAttendance",
            json!(3),
        )
        .set(
            ENROLMENTS,
            "E-2",
            "intramuralExtramuralAttendance",
            json!(3),
        )
        .set(LEARNERS, "L-1", "permanentPostCode", Value::Null)
        .set(LEARNERS, "L-1", "termPostCode", Value::Null)
        .check();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_enrolment_type_follows_formal_study_efts_and_star() {
    // S1 without a learner field (XF-019) and without a fee on E-1 (XF-020): reported only
    // while S1 is type D.
    let without = valid_return()
        .set(LEARNERS, "L-1", "mainActivityAt1October", Value::Null)
        .set(ENROLMENTS, "E-1", "actualCourseFee", Value::Null);
    let type_d_rules = |records: &Return| -> BTreeSet<String> {
        records
            .check()
            .into_iter()
            .filter(|found| ["XF-019", "XF-020"].contains(&found.problem.rule.as_str()))
            .map(|found| found.problem.rule)
            .collect()
    };
    let type_d = BTreeSet::from(["XF-019".to_owned(), "XF-020".to_owned()]);
    assert_eq!(type_d_rules(&without), type_d, "formal, 0.25 EFTS: type D");

    // 0.03 EFTS in all: type B. Three months of 0.01 are 0.03, not a hair over.
    let small = without
        .clone()
        .set(
            ENROLMENTS,
            "E-1",
            "eftsByMonth",
            json!([0.01, 0.005, 0.0, 0.0, 0.0]),
        )
        .set(
            ENROLMENTS,
            "E-2",
            "eftsByMonth",
            json!([0.01, 0.005, 0.0, 0.0, 0.0]),
        );
    assert!(type_d_rules(&small).is_empty(), "0.03 EFTS: type B");
    let months = without
        .clone()
        .set(
            ENROLMENTS,
            "E-1",
            "eftsByMonth",
            json!([0.01, 0.01, 0.01, 0.0, 0.0]),
        )
        .set(ENROLMENTS, "E-2", "eftsByMonth", json!([0, 0, 0, 0, 0]));
    assert!(type_d_rules(&months).is_empty(), "0.01 × 3: type B");
    let just_over = small.set(
        ENROLMENTS,
        "E-2",
        "eftsByMonth",
        json!([0.0101, 0.005, 0.0, 0.0, 0.0]),
    );
    assert_eq!(type_d_rules(&just_over), type_d, "0.0301 EFTS: type D");

    // EFTS that cannot be read count for nothing (CE-002 reports them).
    let unread = without
        .clone()
        .set(ENROLMENTS, "E-1", "eftsByMonth", json!("0.025;0.025"))
        .set(ENROLMENTS, "E-2", "eftsByMonth", json!([0.01, null]));
    assert!(type_d_rules(&unread).is_empty(), "unreadable EFTS");

    // A STAR learner is type B, whatever the EFTS...
    let star = without
        .clone()
        .set(ENROLMENTS, "E-1", "sourceOfFunding", json!("05"))
        .set(ENROLMENTS, "E-2", "sourceOfFunding", json!("5"));
    assert!(type_d_rules(&star).is_empty(), "STAR: type B");
    // ...unless the learner also has a formal enrolment of another fund: type D, named.
    let also_formal = star.set(ENROLMENTS, "E-2", "sourceOfFunding", json!("01"));
    assert_eq!(type_d_rules(&also_formal), type_d, "STAR and DQ7+: type D");
    let problems = also_formal.check();
    let learner = problems
        .iter()
        .find(|found| found.problem.rule == "XF-019")
        .expect("XF-019");
    says(
        learner,
        &["formal qualification 'BB7101' (course-enrolments 'E-2')"],
    );

    // Non-formal education only: type C.
    let non_formal = without
        .clone()
        .set(ENROLMENTS, "E-1", "qualificationCode", json!("G9999"))
        .set(ENROLMENTS, "E-2", "qualificationCode", json!("G48017"));
    assert!(type_d_rules(&non_formal).is_empty(), "non-formal: type C");
    // One formal enrolment is enough: the non-formal one's EFTS count towards the total.
    let one_formal = non_formal
        .set(ENROLMENTS, "E-2", "qualificationCode", json!("BB7101"))
        .set(
            ENROLMENTS,
            "E-2",
            "eftsByMonth",
            json!([0.01, 0.0, 0.0, 0.0, 0.0]),
        );
    assert_eq!(
        type_d_rules(&one_formal),
        type_d,
        "0.01 formal + 0.125 non-formal"
    );

    // Without the learner file, the enrolments are still checked.
    let problems = without.clear(LEARNERS).check_round(&SdrFile::INDICATIVE);
    assert!(
        problems.iter().any(|found| found.problem.rule == "XF-020"),
        "{problems:#?}"
    );
}

#[test]
fn xf_020_a_type_d_learner_s_enrolments_give_the_indicator_and_the_fee() {
    let problems = valid_return()
        .set(ENROLMENTS, "E-4", "actualCourseFee", Value::Null)
        .check();
    let found = only(&problems, "XF-020", &[(ENROLMENTS, "E-4")]);
    let problem = on(&found, ENROLMENTS, "E-4");
    assert_eq!(problem.problem.field, "actualCourseFee");
    says(
        problem,
        &[
            "actualCourseFee is missing, and it is mandatory for type D learners",
            "learner 'S3' is type D",
            "formal qualification 'NC3050' (course-enrolments 'E-4')",
            "0.3750 EFTS in this return over 2 enrolments",
        ],
    );
    // Every enrolment of a type D learner needs them, the withdrawn one (fund 31) too; the
    // empty indicator is missing.
    let problems = valid_return()
        .set(
            ENROLMENTS,
            "E-5",
            "secondarySchoolProgrammeIndicator",
            json!(""),
        )
        .check();
    assert_eq!(
        fields_of(&problems, "XF-020", ENROLMENTS, "E-5"),
        BTreeSet::from(["secondarySchoolProgrammeIndicator"])
    );
    // Checked on its own, an enrolment cannot know its learner's type: CE-037 only warns.
    let mut alone = enrolment("E-4", "S3", 100_003, "MATH170", "NC3050");
    alone.as_object_mut().unwrap().remove("actualCourseFee");
    let text = alone.to_string();
    let report = crate::validation::check_file(SdrFile::CourseEnrolments, [text.as_str()]);
    let on_fee: Vec<(&str, Severity)> = report
        .problems()
        .filter(|problem| problem.field == "actualCourseFee")
        .map(|problem| (problem.rule.as_str(), problem.severity))
        .collect();
    assert_eq!(on_fee, [("CE-037", Severity::Warning)]);
}

#[test]
fn xf_021_apprenticeships_are_up_to_level_4() {
    // MATH170 is at Level 5 in the register.
    let broken = valid_return().set(ENROLMENTS, "E-4", "apprenticeships", json!(true));
    let problems = broken.check();
    let found = only(&problems, "XF-021", &[(ENROLMENTS, "E-4")]);
    let problem = on(&found, ENROLMENTS, "E-4");
    assert_eq!(problem.problem.field, "apprenticeships");
    names(problem, &[(COURSES, "C-3")]);
    says(
        problem,
        &[
            "course 'MATH170' is at NZQCF Level 5",
            "up to NZQCF Level 4",
        ],
    );
    // At Level 4 it is an apprenticeship; not flagged, any level will do.
    let level_4 = broken.clone().set(COURSES, "C-3", "levelOnNzqcf", json!(4));
    assert!(level_4.check().is_empty());
    let not_flagged = valid_return().set(ENROLMENTS, "E-4", "apprenticeships", json!(false));
    assert!(not_flagged.check().is_empty());
    // Without the course's level the rule stands back (the register's own rules report it).
    let no_level = broken.set(COURSES, "C-3", "levelOnNzqcf", Value::Null);
    assert!(no_level.check().is_empty());
}

#[test]
fn xf_022_the_international_phd_category_is_for_level_10() {
    let fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
    // ECON112 is at Level 7 in the register.
    let broken = valid_return().set(ENROLMENTS, "E-3", fees, json!("09"));
    let problems = broken.check();
    let found = only(&problems, "XF-022", &[(ENROLMENTS, "E-3")]);
    let problem = on(&found, ENROLMENTS, "E-3");
    assert_eq!(problem.problem.field, fees);
    names(problem, &[(COURSES, "C-1")]);
    says(
        problem,
        &[
            "is 09 (International On-Shore PhD student)",
            "NZQCF Level 7",
            "Level 10",
        ],
    );
    // "9" is 09 too.
    let problems = valid_return()
        .set(ENROLMENTS, "E-3", fees, json!("9"))
        .check();
    only(&problems, "XF-022", &[(ENROLMENTS, "E-3")]);
    // A Level 10 course passes.
    assert!(
        broken
            .set(COURSES, "C-1", "levelOnNzqcf", json!(10))
            .check()
            .is_empty()
    );
}

#[test]
fn the_indicative_round_skips_the_completion_rules() {
    let broken = valid_return()
        .set(COMPLETIONS, "CC-3", "courseStartDate", json!("2026-03-01"))
        .remove(COMPLETIONS, "CC-4")
        .set(QUALIFICATIONS, "Q-1", "yearRequirementsMet", json!(2025))
        .set(
            QUALIFICATIONS,
            "Q-2",
            "nationalStudentNumber",
            json!(100_009),
        );
    let full: BTreeSet<String> = broken.check().into_iter().map(|p| p.problem.rule).collect();
    assert_eq!(
        full,
        BTreeSet::from(["XF-002", "XF-012", "XF-015", "XF-016", "XF-018"].map(String::from))
    );
    let indicative = broken.check_round(&SdrFile::INDICATIVE);
    assert!(indicative.is_empty(), "{indicative:#?}");
    // Empty completion files are not missing either.
    let bare = valid_return().clear(COMPLETIONS).clear(QUALIFICATIONS);
    assert!(bare.check_round(&SdrFile::INDICATIVE).is_empty());
    // Learners are idle without enrolments whatever completions were sent.
    let problems = valid_return()
        .add(LEARNERS, learner("L-9", "S9", 100_009, "NZL"))
        .add(
            QUALIFICATIONS,
            qualification("Q-9", "S9", 100_009, "BB7101", 2025),
        )
        .check_round(&SdrFile::INDICATIVE);
    let found = only(&problems, "XF-003", &[(LEARNERS, "L-9")]);
    assert!(
        found[0]
            .problem
            .message
            .starts_with("no course enrolment of")
    );
}

#[test]
fn unreadable_key_fields_are_left_to_the_records_own_rules() {
    let fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
    let returns = [
        valid_return().set(ENROLMENTS, "E-4", "courseCode", json!(170)),
        valid_return().set(ENROLMENTS, "E-4", "nationalStudentNumber", json!("100009")),
        valid_return().set(ENROLMENTS, "E-4", "nationalStudentNumber", json!(1.5)),
        valid_return().set(ENROLMENTS, "E-1", fees, json!(1)),
        valid_return().set(ENROLMENTS, "E-1", fees, json!("07")),
        valid_return().set(LEARNERS, "L-1", "countryOfCitizenship", json!("nzl")),
        valid_return().set(COMPLETIONS, "CC-3", "courseStartDate", json!("24/02/2026")),
        valid_return().set(QUALIFICATIONS, "Q-1", "yearRequirementsMet", json!("2025")),
        valid_return().set(ENROLMENTS, "E-2", "courseEftsFactor", json!([0.2])),
        valid_return().set(ENROLMENTS, "E-4", "courseCode", json!("")),
    ];
    for (position, records) in returns.iter().enumerate() {
        let problems = records.check();
        assert!(problems.is_empty(), "case {position}: {problems:#?}");
    }
    // A record that cannot be read at all is skipped by every rule.
    let mut records = SubmissionRecords::default();
    let valid = valid_return();
    let texts: Vec<(SdrFile, String, String)> = valid
        .files
        .iter()
        .flat_map(|(file, values)| {
            values.iter().map(|value| {
                let id = value["localId"].as_str().unwrap_or_default().to_owned();
                (*file, id, value.to_string())
            })
        })
        .collect();
    for (file, id, text) in &texts {
        records.file_mut(*file).push((id, text));
    }
    records.course_enrolments.push(("E-8", "{\"courseCode\": "));
    records.course_enrolments.push(("E-9", "[1, 2]"));
    records.course_completions.push((
        "CC-9",
        r#"{"courseCode": "X", "courseCode": "Y", "nationalStudentNumber": 1}"#,
    ));
    let problems = check_across_files(&records, &SdrFile::ALL);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn codes_read_with_or_without_the_leading_zero() {
    let fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
    let records = valid_return()
        .set(ENROLMENTS, "E-5", "sourceOfFunding", json!("31"))
        .set(ENROLMENTS, "E-3", "sourceOfFunding", json!("2"))
        .set(ENROLMENTS, "E-3", fees, json!("3"))
        .set(ENROLMENTS, "E-1", fees, json!("0"));
    assert!(records.check().is_empty());
    let problems = records
        .set(
            LEARNERS,
            "L-2",
            "tuitionFeePaidByInternationalFeePayingStudent",
            Value::Null,
        )
        .check();
    let found = only(&problems, "XF-004", &[(LEARNERS, "L-2")]);
    assert!(found[0].problem.message.contains("category 03"));
}

#[test]
fn problems_come_in_file_then_record_order() {
    let problems = valid_return()
        .set(ENROLMENTS, "E-4", "courseCode", json!("MATH171"))
        .set(ENROLMENTS, "E-2", "studentIdentificationCode", json!("S9"))
        .add(LEARNERS, learner("L-9", "S7", 100_007, "NZL"))
        .add(LEARNERS, learner("L-8", "S8", 100_008, "NZL"))
        .clear(QUALIFICATIONS)
        .check();
    let order: Vec<(SdrFile, &str, &str)> = problems
        .iter()
        .map(|p| (p.file, p.local_id.as_str(), p.problem.rule.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            // Record order, not localId order.
            (LEARNERS, "L-9", "XF-003"),
            (LEARNERS, "L-8", "XF-003"),
            (ENROLMENTS, "E-2", "XF-007"),
            (ENROLMENTS, "E-4", "XF-006"),
            (QUALIFICATIONS, "", "XF-014"),
        ]
    );
}

/// Many records sharing one problem: each gets it, and messages stay short.
#[test]
fn messages_name_a_few_records_then_count() {
    let ids: Vec<String> = (0..40).map(|number| format!("E-D{number}")).collect();
    let mut records = valid_return();
    for id in &ids {
        let mut record = enrolment(id, "S1", 100_001, "ECON112", "BB7101");
        record["courseEftsFactor"] = json!(0.2);
        record["eftsByMonth"] = json!([0.04, 0.04, 0.04, 0.04, 0.04]);
        records = records.add(ENROLMENTS, record);
    }
    let problems = records.check();
    let involved: Vec<(SdrFile, &str)> = std::iter::once((COURSES, "C-1"))
        .chain(ids.iter().map(|id| (ENROLMENTS, id.as_str())))
        .collect();
    let found = only(&problems, "XF-011", &involved);
    assert_eq!(found.len(), 41);
    let register = on(&found, COURSES, "C-1");
    assert!(register.problem.message.contains("40 enrolments"));
    assert!(register.problem.message.contains("and 35 more"));
    for problem in found {
        assert!(
            problem.problem.message.len() < 400,
            "{}",
            problem.problem.message
        );
    }
}

/// Returns where thousands of records share one key: every record still gets its own problem,
/// each message stays short, and the check does not turn quadratic (this would take minutes).
#[test]
fn many_records_sharing_a_key_stay_linear() {
    const MANY: usize = 20_000;
    let mut learners = vec![(
        "L-0".to_owned(),
        learner("L-0", "S0", 100_000, "NZL").to_string(),
    )];
    let mut enrolments = Vec::new();
    for number in 1..=MANY {
        // Learners with their own studentIdentificationCode but one NSN (XF-001)...
        let id = format!("L-{number}");
        learners.push((
            id.clone(),
            learner(&id, &format!("S{number}"), 100_000, "NZL").to_string(),
        ));
        // ...and enrolments of learner S0 with NSNs of their own (XF-002), in a course missing
        // from the register (XF-006).
        let id = format!("E-{number}");
        let record = enrolment(&id, "S0", 200_000 + number as i64, "GONE101", "BB7101");
        enrolments.push((id, record.to_string()));
    }
    let courses = [(
        "C-1".to_owned(),
        course("C-1", "ECON112", 0.125, 7).to_string(),
    )];
    let records = SubmissionRecords {
        learners: borrow(&learners),
        courses: borrow(&courses),
        course_enrolments: borrow(&enrolments),
        ..SubmissionRecords::default()
    };
    let problems = check_across_files(&records, &SdrFile::INDICATIVE);
    let count = |code: &str| problems.iter().filter(|p| p.problem.rule == code).count();
    // Every learner record shares the NSN; every enrolment differs from S0's learner record,
    // which gets one problem naming them; every enrolment's course is missing.
    assert_eq!(count("XF-001"), MANY + 1);
    assert_eq!(count("XF-002"), MANY + 1);
    assert_eq!(count("XF-006"), MANY);
    // The learners other than S0 have no enrolment.
    assert_eq!(count("XF-003"), MANY);
    assert_eq!(problems.len(), 4 * MANY + 2);
    for found in &problems {
        assert!(
            found.problem.message.len() < 600,
            "{}",
            found.problem.message
        );
    }
}

/// A return of 300,000 enrolments (60,000 learners, 2,000 courses, completions for half the
/// enrolments, 20,000 qualification completions) with one course missing from the register:
/// each of its enrolments gets its problem, nothing else is reported, and the check completes.
/// `cargo test --release -p dxp-domain large_return -- --nocapture` prints the time taken.
#[test]
fn a_large_return_is_checked_in_one_pass() {
    const LEARNER_COUNT: usize = 60_000;
    const PER_LEARNER: usize = 5;
    const COURSE_COUNT: usize = 2_000;
    const MISSING: usize = 1_234;

    let started = Instant::now();
    let learners: Vec<(String, String)> = (0..LEARNER_COUNT)
        .map(|number| {
            let id = format!("L-{number}");
            let mut record = learner(&id, &format!("S{number}"), 200_000 + number as i64, "NZL");
            record["ethnicity"] = json!([111, 211]);
            (id, record.to_string())
        })
        .collect();
    let courses: Vec<(String, String)> = (0..COURSE_COUNT)
        .filter(|&number| number != MISSING)
        .map(|number| {
            let id = format!("C-{number}");
            let record = course(&id, &format!("CRS{number}"), 0.125, 5);
            (id, record.to_string())
        })
        .collect();
    let mut enrolments = Vec::with_capacity(LEARNER_COUNT * PER_LEARNER);
    let mut completions = Vec::new();
    let mut missing = 0;
    for number in 0..LEARNER_COUNT * PER_LEARNER {
        let learner_number = number / PER_LEARNER;
        let course_number = (number * 7) % COURSE_COUNT;
        missing += usize::from(course_number == MISSING);
        let (student, nsn, code) = (
            format!("S{learner_number}"),
            200_000 + learner_number as i64,
            format!("CRS{course_number}"),
        );
        let id = format!("E-{number}");
        let record = enrolment(&id, &student, nsn, &code, "BB7101");
        enrolments.push((id, record.to_string()));
        if number % 2 == 0 {
            let id = format!("CC-{number}");
            completions.push((
                id.clone(),
                completion(&id, &student, nsn, &code, 2).to_string(),
            ));
        }
    }
    let qualifications: Vec<(String, String)> = (0..LEARNER_COUNT)
        .step_by(3)
        .map(|number| {
            let id = format!("Q-{number}");
            let record = qualification(
                &id,
                &format!("S{number}"),
                200_000 + number as i64,
                "BB7101",
                2026,
            );
            (id, record.to_string())
        })
        .collect();
    let records = SubmissionRecords {
        learners: borrow(&learners),
        courses: borrow(&courses),
        course_enrolments: borrow(&enrolments),
        course_completions: borrow(&completions),
        qualification_completions: borrow(&qualifications),
        efts_forecasts: Vec::new(),
    };
    let generated = started.elapsed();

    let started = Instant::now();
    let problems = check_across_files(&records, &SdrFile::ALL);
    let checked = started.elapsed();
    eprintln!(
        "across files: {} enrolments, {} records in all, {} bytes: checked in {:.0} ms \
         (generating the return took {:.0} ms)",
        enrolments.len(),
        learners.len()
            + courses.len()
            + enrolments.len()
            + completions.len()
            + qualifications.len(),
        [
            &learners,
            &courses,
            &enrolments,
            &completions,
            &qualifications
        ]
        .iter()
        .flat_map(|texts| texts.iter())
        .map(|(_, text)| text.len())
        .sum::<usize>(),
        checked.as_secs_f64() * 1e3,
        generated.as_secs_f64() * 1e3
    );

    assert!(missing > 0);
    // The completions of the missing course's enrolments still match them: only XF-006.
    assert_eq!(
        problems.len(),
        missing,
        "{:#?}",
        &problems[..problems.len().min(5)]
    );
    for found in &problems {
        assert_eq!(found.problem.rule, "XF-006");
        assert!(
            found
                .problem
                .message
                .contains(&format!("used by {missing} enrolments of this return"))
        );
    }
}
