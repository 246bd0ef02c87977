//! The learner, course register and completion files, through [`check_file`]: one breach and
//! one near miss per rule of each file (the set of rules with both must equal each file's
//! registry, so a rule added without a test fails here), whole valid returns, and the batch
//! behaviour the four files share.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Duration};
use serde_json::{Value, json};

use super::super::files::{course_completions, courses, learners, qualification_completions};
use crate::SdrFile;
use crate::testkit::{
    self, RETURN_YEAR, valid_course, valid_course_completion, valid_learner,
    valid_qualification_completion,
};
use crate::validation::{
    FileReport, Problem, Rule, Severity, check_file, check_file_in_year, rule_by_code,
};

/// The four registries, with the file each is for.
fn registries() -> [(SdrFile, &'static [&'static Rule]); 4] {
    [
        (SdrFile::Learners, &learners::RULES),
        (SdrFile::Courses, &courses::RULES),
        (SdrFile::CourseCompletions, &course_completions::RULES),
        (
            SdrFile::QualificationCompletions,
            &qualification_completions::RULES,
        ),
    ]
}

fn file_of(code: &str) -> SdrFile {
    match code.split('-').next() {
        Some("LR") => SdrFile::Learners,
        Some("CR") => SdrFile::Courses,
        Some("CC") => SdrFile::CourseCompletions,
        _ => SdrFile::QualificationCompletions,
    }
}

fn check(file: SdrFile, records: &[Value]) -> FileReport {
    let texts: Vec<String> = records.iter().map(Value::to_string).collect();
    check_file_in_year(file, RETURN_YEAR, texts.iter().map(String::as_str))
}

fn problems(file: SdrFile, records: &[Value]) -> Vec<Problem> {
    check(file, records).into_problems()
}

fn value<T: serde::Serialize>(record: &T) -> Value {
    serde_json::to_value(record).unwrap()
}

/// The record with changes: each `(name, value)` sets a field, a `null` value removes it.
fn with(mut record: Value, changes: &[(&str, Value)]) -> Value {
    let map = record.as_object_mut().unwrap();
    for (name, value) in changes {
        if value.is_null() {
            map.remove(*name);
        } else {
            map.insert((*name).to_owned(), value.clone());
        }
    }
    record
}

fn learner() -> Value {
    value(&valid_learner(0))
}

fn other_learner() -> Value {
    value(&valid_learner(1))
}

fn course() -> Value {
    value(&valid_course(0))
}

fn other_course() -> Value {
    value(&valid_course(1))
}

fn course_completion() -> Value {
    value(&valid_course_completion(0))
}

fn qualification_completion() -> Value {
    value(&valid_qualification_completion(0))
}

fn learner_with(changes: &[(&str, Value)]) -> Vec<Value> {
    vec![with(learner(), changes)]
}

fn course_with(changes: &[(&str, Value)]) -> Vec<Value> {
    vec![with(course(), changes)]
}

fn course_completion_with(changes: &[(&str, Value)]) -> Vec<Value> {
    vec![with(course_completion(), changes)]
}

fn qualification_completion_with(changes: &[(&str, Value)]) -> Vec<Value> {
    vec![with(qualification_completion(), changes)]
}

/// For each rule, records that come close to breaking it and pass.
fn near_misses() -> Vec<(&'static str, Vec<Value>)> {
    let start = valid_course_completion(0).course_start_date;
    let year = valid_qualification_completion(0).year_requirements_met;
    let tuition = course()["courseTuitionFee"].clone();
    vec![
        ("LR-001", vec![learner()]),
        (
            "LR-002",
            learner_with(&[("nationalStudentNumber", json!(987_654_321))]),
        ),
        ("LR-003", learner_with(&[("iwiAffiliation", Value::Null)])),
        (
            "LR-004",
            learner_with(&[("studentIdentificationCode", json!("āāāāāāāāāā"))]),
        ),
        ("LR-005", vec![learner(), other_learner()]),
        ("LR-006", learner_with(&[("localId", json!("LRN 1 / Ā-ū"))])),
        ("LR-007", vec![learner(), other_learner()]),
        ("LR-008", learner_with(&[("gender", json!("D"))])),
        (
            "LR-009",
            vec![
                with(
                    learner(),
                    &[
                        (
                            "dateOfBirth",
                            json!(format!("{}-01-01T00:00:00+13:00", RETURN_YEAR - 5)),
                        ),
                        ("firstYearOfTertiaryEducation", Value::Null),
                        ("lastYearAtSecondarySchool", Value::Null),
                    ],
                ),
                with(
                    other_learner(),
                    &[(
                        "dateOfBirth",
                        json!(format!("{}-01-01T00:00:00+13:00", RETURN_YEAR - 100)),
                    )],
                ),
            ],
        ),
        ("LR-010", learner_with(&[("nameIdCode", json!("NG  K"))])),
        (
            "LR-011",
            learner_with(&[("nationalStudentNumber", json!(1))]),
        ),
        (
            "LR-012",
            learner_with(&[("countryOfCitizenship", json!("USA"))]),
        ),
        (
            "LR-013",
            learner_with(&[("countryOfCitizenship", json!("AUS"))]),
        ),
        (
            "LR-014",
            learner_with(&[("ethnicity", json!([111, 211, 311, 421, 431, 511]))]),
        ),
        ("LR-015", learner_with(&[("ethnicity", json!([999]))])),
        (
            "LR-016",
            learner_with(&[("iwiAffiliation", json!([104, 1109, 302]))]),
        ),
        ("LR-017", learner_with(&[("iwiAffiliation", json!([100]))])),
        (
            "LR-018",
            learner_with(&[("mainActivityAt1October", json!("1"))]),
        ),
        (
            "LR-019",
            learner_with(&[
                ("mainActivityAt1October", json!("11")),
                ("firstYearOfTertiaryEducation", json!(RETURN_YEAR - 1)),
            ]),
        ),
        (
            "LR-020",
            learner_with(&[
                ("mainActivityAt1October", json!("09")),
                ("firstYearOfTertiaryEducation", json!(RETURN_YEAR)),
            ]),
        ),
        (
            "LR-021",
            learner_with(&[("lastYearAtSecondarySchool", json!(RETURN_YEAR))]),
        ),
        (
            "LR-022",
            learner_with(&[("lastSecondarySchoolAttended", json!(9999))]),
        ),
        (
            "LR-023",
            learner_with(&[("highestSecondarySchoolQualification", json!("0"))]),
        ),
        ("LR-024", learner_with(&[("disabilityStatus", json!(3))])),
        (
            "LR-025",
            learner_with(&[
                ("disabilityStatus", json!(1)),
                ("disabilitySupportNeeds", json!([7])),
            ]),
        ),
        (
            "LR-026",
            learner_with(&[("disabilitySupportNeeds", json!([1, 2, 3, 4, 5, 6, 7]))]),
        ),
        (
            "LR-027",
            learner_with(&[("permanentPostCode", json!("0110"))]),
        ),
        (
            "LR-028",
            learner_with(&[("maximaExemptFee", json!(999_999.99))]),
        ),
        ("LR-029", learner_with(&[("irdNumber", json!("49091850"))])),
        (
            "LR-030",
            learner_with(&[("irdNumber", json!("136-410-132"))]),
        ),
        (
            "LR-031",
            learner_with(&[
                ("countryOfCitizenship", json!("NZL")),
                ("tuitionFeePaidByInternationalFeePayingStudent", json!(0)),
            ]),
        ),
        ("CR-001", vec![course()]),
        ("CR-002", course_with(&[("credit", json!(30))])),
        ("CR-003", course_with(&[("learningHours", Value::Null)])),
        (
            "CR-004",
            course_with(&[("courseTitle", json!("T".repeat(75)))]),
        ),
        ("CR-005", vec![course(), other_course()]),
        (
            "CR-006",
            course_with(&[("courseTitle", json!("Te Reo Māori – Level 1"))]),
        ),
        ("CR-007", vec![course(), other_course()]),
        ("CR-008", course_with(&[("courseCode", json!("MĀORI101"))])),
        ("CR-009", course_with(&[("courseCode", json!("COMP2010"))])),
        (
            "CR-010",
            course_with(&[("qualificationCode", json!("ab1234"))]),
        ),
        (
            "CR-011",
            course_with(&[("qualificationCode", json!("G48017"))]),
        ),
        (
            "CR-012",
            course_with(&[("qualificationCode", json!("G9999"))]),
        ),
        (
            "CR-013",
            course_with(&[("courseClassification", json!(99.9))]),
        ),
        (
            "CR-014",
            course_with(&[("nzscedFieldOfStudy", json!("91901"))]),
        ),
        ("CR-015", course_with(&[("levelOnNzqcf", json!(10))])),
        ("CR-016", course_with(&[("credit", json!(0))])),
        ("CR-017", course_with(&[("fundingCategory", json!("P1"))])),
        (
            "CR-018",
            course_with(&[("courseEftsFactor", json!(9.9999))]),
        ),
        ("CR-019", course_with(&[("courseTuitionFee", json!(0))])),
        (
            "CR-020",
            course_with(&[
                ("discountedCourseTuitionFee", tuition),
                ("discountedCompulsoryCourseCostsFee", json!(0)),
            ]),
        ),
        (
            "CR-021",
            course_with(&[
                ("learningHours", json!(0)),
                ("volumeResearchFactor", json!(0)),
            ]),
        ),
        ("CC-001", vec![course_completion()]),
        (
            "CC-002",
            course_completion_with(&[("studentCourseCompletionIndicator", json!(3))]),
        ),
        (
            "CC-003",
            course_completion_with(&[("pbrfCourseCompletionYear", Value::Null)]),
        ),
        (
            "CC-004",
            course_completion_with(&[("courseCode", json!("C".repeat(20)))]),
        ),
        (
            "CC-005",
            vec![
                course_completion(),
                with(
                    course_completion(),
                    &[("localId", json!("CC-2")), ("courseCode", json!("OTHER1"))],
                ),
            ],
        ),
        (
            "CC-006",
            course_completion_with(&[("localId", json!("CC Ā-ū 1"))]),
        ),
        (
            "CC-007",
            vec![
                course_completion(),
                with(
                    course_completion(),
                    &[
                        ("localId", json!("CC-2")),
                        (
                            "courseStartDate",
                            json!((start + Duration::days(1)).to_rfc3339()),
                        ),
                    ],
                ),
            ],
        ),
        (
            "CC-008",
            course_completion_with(&[("studentCourseCompletionIndicator", json!(8))]),
        ),
        (
            "CC-009",
            course_completion_with(&[("courseEndDate", json!(start.to_rfc3339()))]),
        ),
        (
            "CC-010",
            course_completion_with(&[("nationalStudentNumber", json!(1))]),
        ),
        (
            "CC-011",
            course_completion_with(&[("pbrfCourseCompletionYear", json!(start.year()))]),
        ),
        ("QC-001", vec![qualification_completion()]),
        (
            "QC-002",
            qualification_completion_with(&[("yearRequirementsMet", json!(year))]),
        ),
        (
            "QC-003",
            qualification_completion_with(&[("linkedQualificationForFeesFree", Value::Null)]),
        ),
        (
            "QC-004",
            qualification_completion_with(&[("studentIdentificationCode", json!("S123456789"))]),
        ),
        (
            "QC-005",
            vec![
                qualification_completion(),
                with(
                    qualification_completion(),
                    &[
                        ("localId", json!("QC-2")),
                        ("qualificationCode", json!("PC4999")),
                    ],
                ),
            ],
        ),
        (
            "QC-006",
            qualification_completion_with(&[("localId", json!("QC Ā-ū 1"))]),
        ),
        (
            "QC-007",
            vec![
                qualification_completion(),
                with(
                    qualification_completion(),
                    &[
                        ("localId", json!("QC-2")),
                        ("qualificationCode", json!("ND5201")),
                    ],
                ),
            ],
        ),
        (
            "QC-008",
            qualification_completion_with(&[("nationalStudentNumber", json!(1))]),
        ),
        (
            "QC-009",
            qualification_completion_with(&[("qualificationCode", json!("ab1234"))]),
        ),
        (
            "QC-010",
            qualification_completion_with(&[("qualificationCode", json!("GA1234"))]),
        ),
        (
            "QC-011",
            qualification_completion_with(&[("qualificationCode", json!("PC4001"))]),
        ),
        (
            "QC-012",
            qualification_completion_with(&[
                ("yearRequirementsMet", json!(1990)),
                (
                    "qualificationCompletionDate",
                    json!("1990-11-20T00:00:00+13:00"),
                ),
            ]),
        ),
        ("QC-013", vec![qualification_completion()]),
        (
            "QC-014",
            qualification_completion_with(&[(
                "qualificationCompletionDate",
                json!(format!("{year}-12-31T23:00:00+13:00")),
            )]),
        ),
        (
            "QC-015",
            qualification_completion_with(&[("linkedQualificationForFeesFree", json!("PC4000"))]),
        ),
        (
            "QC-016",
            qualification_completion_with(&[("irdNumber", json!("49-091-850"))]),
        ),
        (
            "QC-017",
            qualification_completion_with(&[("irdNumber", json!("049-091-850"))]),
        ),
        (
            "QC-018",
            qualification_completion_with(&[("qualificationCode", json!("GX4801"))]),
        ),
    ]
}

#[test]
fn every_rule_of_each_file_has_a_breach_and_a_near_miss() {
    let near_misses = near_misses();
    for (file, registry) in registries() {
        let registered: BTreeSet<&str> = registry.iter().map(|rule| rule.code).collect();
        let missed: BTreeSet<&str> = near_misses
            .iter()
            .map(|(code, _)| *code)
            .filter(|code| file_of(code) == file)
            .collect();
        assert_eq!(missed, registered, "near misses of {file}");
        let breached: BTreeSet<&str> = registered
            .iter()
            .copied()
            .filter(|code| testkit::breaking(code, 0).is_some_and(|breach| breach.file == file))
            .collect();
        assert_eq!(breached, registered, "breaches of {file}");
    }
    assert_eq!(
        near_misses.len(),
        registries()
            .iter()
            .map(|(_, rules)| rules.len())
            .sum::<usize>(),
        "one near miss per rule"
    );
}

#[test]
fn each_breach_breaks_only_its_rule() {
    for (_, registry) in registries() {
        for rule in registry {
            for seed in 0..25 {
                let breach = testkit::breaking(rule.code, seed).unwrap();
                let report = check_file_in_year(
                    breach.file,
                    breach.return_year,
                    breach.records.iter().map(String::as_str),
                );
                let found: Vec<(&str, &str, Severity)> = report
                    .problems()
                    .map(|p| (p.rule.as_str(), p.field.as_str(), p.severity))
                    .collect();
                assert_eq!(
                    found,
                    [(rule.code, breach.field, rule.severity)],
                    "seed {seed}: {:#?}",
                    report.records
                );
                assert!(
                    rule.field == "*" || rule.field == breach.field,
                    "{} is registered for {} but reported {}",
                    rule.code,
                    rule.field,
                    breach.field
                );
                let problem = report.problems().next().unwrap();
                assert!(!problem.message.is_empty());
                if seed == 0 {
                    println!("{}: {}", rule.code, problem.message);
                }
            }
        }
    }
}

#[test]
fn each_near_miss_passes() {
    for (code, records) in near_misses() {
        let found = problems(file_of(code), &records);
        assert!(
            found.is_empty(),
            "{code}: expected no problems, got {found:#?}"
        );
    }
}

#[test]
fn breaches_are_refused_for_codes_they_do_not_know() {
    assert!(testkit::breaking("CE-001", 0).is_none());
    assert!(testkit::breaking("LR-999", 0).is_none());
    assert!(testkit::breaking("", 0).is_none());
}

#[test]
fn rules_that_need_the_return_year_stand_back_without_it() {
    for code in ["LR-009", "LR-020", "CR-009"] {
        let breach = testkit::breaking(code, 3).unwrap();
        let report = check_file(breach.file, breach.records.iter().map(String::as_str));
        assert!(report.problems().next().is_none(), "{code}: {report:#?}");
    }
    // Without the return year, yearRequirementsMet is only held to 2100.
    let breach = testkit::breaking("QC-012", 3).unwrap();
    let report = check_file(breach.file, breach.records.iter().map(String::as_str));
    assert!(report.is_valid(), "{report:#?}");
}

#[test]
fn a_mixed_batch_reports_each_record_and_keeps_the_rest() {
    let records = vec![
        learner(),
        // Wrong types on two fields, one of them optional.
        with(
            other_learner(),
            &[
                ("nationalStudentNumber", json!("123")),
                ("iwiAffiliation", json!("104;107")),
            ],
        ),
        json!(42),
        // Missing REQUIRED fields.
        with(
            value(&valid_learner(2)),
            &[("gender", Value::Null), ("ethnicity", Value::Null)],
        ),
        // Unknown extra fields are ignored.
        with(
            value(&valid_learner(3)),
            &[
                ("fundingEligibility", json!("Y")),
                ("x-vendor", json!({"a": 1})),
            ],
        ),
    ];
    let report = check(SdrFile::Learners, &records);
    assert_eq!(report.records.len(), 5);
    let codes = |at: usize| -> Vec<(&str, &str)> {
        report.records[at]
            .problems
            .iter()
            .map(|p| (p.rule.as_str(), p.field.as_str()))
            .collect()
    };
    assert!(codes(0).is_empty());
    assert_eq!(
        codes(1),
        [
            ("LR-002", "nationalStudentNumber"),
            ("LR-002", "iwiAffiliation")
        ]
    );
    assert!(
        report.records[1].problems[1]
            .message
            .contains("not text separated by ';'"),
        "{}",
        report.records[1].problems[1].message
    );
    assert_eq!(codes(2), [("LR-001", "")]);
    assert_eq!(report.records[2].local_id, None);
    assert_eq!(codes(3), [("LR-003", "gender"), ("LR-003", "ethnicity")]);
    assert!(codes(4).is_empty());
    assert_eq!(report.error_count, 5);
    assert_eq!(report.warning_count, 0);
    assert!(!report.is_valid());
    // Each record carries its localId and learner when they could be read.
    assert_eq!(
        report.records[1].student_identification_code.as_deref(),
        Some(valid_learner(1).student_identification_code.as_str())
    );
    assert_eq!(
        report.records[3].local_id.as_deref(),
        Some(valid_learner(2).local_id.as_str())
    );
    assert!(report.records[1].has_errors());
    assert!(
        report
            .problems()
            .all(|p| p.local_id == report.records[p.index].local_id)
    );
}

#[test]
fn a_field_given_twice_is_an_unreadable_record() {
    let text = r#"{"localId": "C-1", "courseCode": "A", "courseCode": "B"}"#;
    let report = check_file(SdrFile::Courses, [text]);
    let found: Vec<&str> = report.problems().map(|p| p.rule.as_str()).collect();
    assert_eq!(found[0], "CR-001", "{report:#?}");
    assert_eq!(report.records[0].local_id.as_deref(), Some("C-1"));
}

#[test]
fn a_record_sent_twice_is_one_local_id_problem_not_two() {
    let found = problems(SdrFile::Learners, &[learner(), learner()]);
    let codes: Vec<&str> = found.iter().map(|p| p.rule.as_str()).collect();
    assert_eq!(codes, ["LR-005"]);
    assert!(
        found[0].message.contains("record 0"),
        "{}",
        found[0].message
    );
}

#[test]
fn messages_name_the_value_found_and_what_was_expected() {
    let breach = testkit::breaking("LR-009", 0).unwrap();
    let report = check_file_in_year(
        breach.file,
        RETURN_YEAR,
        breach.records.iter().map(String::as_str),
    );
    let message = &report.problems().next().unwrap().message;
    assert!(
        message.starts_with(&format!(
            "dateOfBirth {}-01-01 makes the learner 3 on 1 January {RETURN_YEAR}",
            RETURN_YEAR - 3
        )),
        "{message}"
    );
    let found = problems(
        SdrFile::Learners,
        &learner_with(&[
            ("mainActivityAt1October", json!("06")),
            ("firstYearOfTertiaryEducation", json!(RETURN_YEAR)),
        ]),
    );
    assert!(
        found[0].message.contains("'06' (University student)")
            && found[0].message.contains("01, 02, 03, 04, 08, 09"),
        "{}",
        found[0].message
    );
}

/// Every file of every return checks clean, and the files agree with each other as the
/// cross-file rules will require.
#[test]
fn valid_returns_are_clean_and_consistent() {
    for seed in 0..12 {
        let records = testkit::valid_return(seed, 30);
        for file in SdrFile::ALL {
            let texts = records.file(file);
            assert!(!texts.is_empty(), "seed {seed}: no {file}");
            let report =
                check_file_in_year(file, records.return_year, texts.iter().map(String::as_str));
            assert_eq!(
                report.error_count + report.warning_count,
                0,
                "seed {seed}, {file}: {:#?}",
                report.problems().collect::<Vec<_>>()
            );
        }
        let typed = testkit::valid_return_typed(seed, 30);
        assert_eq!(typed.to_records(), records);
        let learners: HashMap<&str, &crate::learner::Learner> = typed
            .learners
            .iter()
            .map(|l| (l.student_identification_code.as_str(), l))
            .collect();
        assert_eq!(
            learners.len(),
            typed.learners.len(),
            "one record per learner"
        );
        for enrolment in &typed.course_enrolments {
            let registered: Vec<_> = typed
                .courses
                .iter()
                .filter(|c| c.course_code == enrolment.course_code)
                .collect();
            assert_eq!(registered.len(), 1, "{}", enrolment.course_code);
            let course = registered[0];
            assert_eq!(course.course_efts_factor, enrolment.course_efts_factor);
            assert_eq!(course.qualification_code, enrolment.qualification_code);
            assert_eq!(course.funding_category, enrolment.funding_category);
            assert_eq!(
                course.nzsced_field_of_study,
                enrolment.nzsced_field_of_study
            );
            let learner = learners[enrolment.student_identification_code.as_str()];
            assert_eq!(
                learner.national_student_number,
                enrolment.national_student_number
            );
            let domestic = enrolment.category_of_fees_assessment == "00";
            match learner.country_of_citizenship.as_str() {
                "NZL" | "AUS" => assert!(domestic),
                _ if enrolment.residential_status == "Y" => assert!(domestic),
                _ => assert!(!domestic && enrolment.source_of_funding == "02"),
            }
            assert_eq!(
                learner
                    .tuition_fee_paid_by_international_fee_paying_student
                    .is_some(),
                !domestic
            );
        }
        for completion in &typed.course_completions {
            let matching = typed
                .course_enrolments
                .iter()
                .filter(|e| {
                    e.national_student_number == completion.national_student_number
                        && e.course_code == completion.course_code
                        && e.course_start_date == completion.course_start_date
                })
                .count();
            assert_eq!(matching, 1, "{completion:?}");
        }
        for completion in &typed.qualification_completions {
            assert!(!completion.qualification_code.starts_with('G'));
            let last_end = typed
                .course_enrolments
                .iter()
                .filter(|e| {
                    e.national_student_number == completion.national_student_number
                        && e.qualification_code == completion.qualification_code
                })
                .map(|e| e.course_end_date.year())
                .max();
            assert_eq!(last_end, Some(completion.year_requirements_met));
        }
    }
}

#[test]
fn returns_are_varied() {
    let typed = testkit::valid_return_typed(7, 200);
    let countries: BTreeSet<&str> = typed
        .learners
        .iter()
        .map(|l| l.country_of_citizenship.as_str())
        .collect();
    assert!(countries.len() >= 5, "{countries:?}");
    assert!(typed.course_enrolments.len() > typed.learners.len());
    assert!(
        typed
            .course_enrolments
            .iter()
            .any(|e| e.efts_by_month.len() == 12)
    );
    assert!(
        typed
            .course_enrolments
            .iter()
            .any(|e| e.students_course_withdrawal_date.is_some())
    );
    assert!(!typed.qualification_completions.is_empty());
    assert!(typed.learners.iter().any(|l| l.ird_number.is_some()));
    assert!(typed.learners.iter().any(|l| l.name_id_code.contains(' ')));
    assert!(
        typed
            .course_completions
            .iter()
            .any(|c| c.student_course_completion_indicator == 4)
    );
    // The same seed gives the same return.
    assert_eq!(testkit::valid_return(7, 20), testkit::valid_return(7, 20));
    assert_ne!(testkit::valid_return(7, 20), testkit::valid_return(8, 20));
}

#[test]
fn name_id_codes_follow_the_rule() {
    assert_eq!(testkit::name_id_code("Smith", Some("John")), "SMITJ");
    assert_eq!(testkit::name_id_code("Ng", Some("Kevin")), "NG  K");
    assert_eq!(testkit::name_id_code("O'Brien", Some("ana")), "OBRIA");
    assert_eq!(testkit::name_id_code("Pārata", Some("Mere")), "PĀRAM");
    assert_eq!(testkit::name_id_code("Williams", None), "WILLI");
    assert_eq!(testkit::name_id_code("Li", None), "LI");
}

#[test]
fn every_rule_of_the_catalogue_names_its_file() {
    for (file, registry) in registries() {
        for rule in registry {
            assert_eq!(rule.file(), Some(file));
            assert_eq!(rule_by_code(rule.code).map(|r| r.code), Some(rule.code));
        }
    }
}

/// The fields the funder made mandatory from the August 2025 return: an earlier return (a
/// historical resubmission, a converted legacy file) may leave them blank.
#[test]
fn fields_mandatory_from_august_2025_are_not_required_of_an_earlier_return() {
    use crate::calendar::RoundKind;
    use crate::validation::check_file_in_return;
    let cases = [
        (
            SdrFile::Learners,
            "LR-025",
            learner_with(&[("disabilityStatus", Value::Null)]),
        ),
        (
            SdrFile::QualificationCompletions,
            "QC-013",
            qualification_completion_with(&[("qualificationCompletionDate", Value::Null)]),
        ),
    ];
    for (file, rule, records) in cases {
        let texts: Vec<String> = records.iter().map(Value::to_string).collect();
        let codes_in = |year: i32, round: RoundKind| -> Vec<String> {
            check_file_in_return(file, year, round, texts.iter().map(String::as_str))
                .problems()
                .filter(|problem| problem.rule == rule)
                .map(|problem| problem.rule.clone())
                .collect()
        };
        assert_eq!(codes_in(2025, RoundKind::Aug), [rule], "{rule}");
        assert_eq!(codes_in(2025, RoundKind::Dec), [rule], "{rule}");
        assert_eq!(codes_in(2026, RoundKind::Ind), [rule], "{rule}");
        assert!(codes_in(2025, RoundKind::Apr).is_empty(), "{rule}");
        assert!(codes_in(2024, RoundKind::Dec).is_empty(), "{rule}");
        // A dry run knows no return: the rule applies, as to every current return.
        let dry_run = check_file(file, texts.iter().map(String::as_str));
        assert!(
            dry_run.problems().any(|problem| problem.rule == rule),
            "{rule}"
        );
        let entry = crate::validation::RuleEntry::from(rule_by_code(rule).unwrap());
        assert_eq!(entry.from_return.as_deref(), Some("2025-AUG"));
    }
}

/// A learner file checked on its own reports an NSN given under two studentIdentificationCodes,
/// as the whole return does: a TEO checking its learners first is not told they are fine.
#[test]
fn a_learner_file_alone_reports_an_nsn_under_two_student_ids() {
    let mut records = learner_with(&[]);
    let mut second = records[0].clone();
    second["localId"] = json!("L-2");
    second["studentIdentificationCode"] = json!("S-OTHER");
    records.push(second);
    let mut third = records[0].clone();
    third["localId"] = json!("L-3");
    third["studentIdentificationCode"] = json!("S-THIRD");
    third["nationalStudentNumber"] = json!(111_111_119);
    records.push(third);
    let report = check(SdrFile::Learners, &records);
    let found: Vec<(usize, &str)> = report
        .problems()
        .map(|problem| (problem.index, problem.rule.as_str()))
        .collect();
    assert_eq!(found, [(0, "XF-001"), (1, "XF-001")], "{report:#?}");
    let first = report.problems().next().unwrap();
    assert!(
        first
            .message
            .contains("studentIdentificationCode 'S-OTHER'")
            && first.message.contains("L-2"),
        "{}",
        first.message
    );
}
