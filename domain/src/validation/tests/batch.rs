//! Batches: nothing stops the rest of a batch or the rest of a record from being checked.

use serde_json::{Value, json};

use super::{base, check_enrolments, check_values, codes, with};
use crate::testkit::{self, Defect};
use crate::validation::Severity;

#[test]
fn a_mixed_batch_reports_each_record_and_keeps_the_good_ones() {
    let records = [
        base(),
        // Wrong types on three fields, one of them optional.
        with(&[
            ("localId", json!("ENR-2")),
            ("studentIdentificationCode", json!("S2")),
            ("courseEftsFactor", json!("0.125")),
            ("australianResidentialStatus", json!("N")),
            ("consortium", json!(2.5)),
        ]),
        // Two REQUIRED fields missing, one null.
        with(&[
            ("localId", json!("ENR-3")),
            ("courseCode", Value::Null),
            ("residentialStatus", Value::Null),
        ]),
        // A duplicate of the first record's localId.
        with(&[("studentIdentificationCode", json!("S999"))]),
        // Not an object.
        json!(42),
        // Valid, with unknown extra fields.
        with(&[
            ("localId", json!("ENR-6")),
            ("studentIdentificationCode", json!("S6")),
            ("learningHours", json!(12.5)),
            ("x-vendor", json!({"a": 1})),
        ]),
    ];
    let report = check_values(&records);
    assert_eq!(report.records.len(), 6);

    assert!(report.records[0].problems.is_empty());

    let second = &report.records[1];
    let fields: Vec<(&str, &str)> = second
        .problems
        .iter()
        .map(|p| (p.rule.as_str(), p.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("CE-002", "australianResidentialStatus"),
            ("CE-002", "courseEftsFactor"),
            ("CE-002", "consortium"),
        ],
        "{:#?}",
        second.problems
    );
    assert!(
        second
            .problems
            .iter()
            .all(|p| p.local_id.as_deref() == Some("ENR-2") && p.index == 1)
    );

    let third = &report.records[2];
    let fields: Vec<(&str, &str)> = third
        .problems
        .iter()
        .map(|p| (p.rule.as_str(), p.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("CE-003", "courseCode"), ("CE-003", "residentialStatus")]
    );

    let fourth = &report.records[3];
    assert_eq!(codes(&fourth.problems), ["CE-005"]);
    assert!(
        fourth.problems[0].message.contains("record 0"),
        "{}",
        fourth.problems[0].message
    );

    let fifth = &report.records[4];
    assert_eq!(codes(&fifth.problems), ["CE-001"]);
    assert_eq!(fifth.problems[0].field, "");
    assert_eq!(fifth.problems[0].local_id, None);

    assert!(report.records[5].problems.is_empty());

    assert_eq!(report.error_count, 3 + 2 + 1 + 1);
    assert_eq!(report.warning_count, 0);
    assert!(!report.is_valid());
    assert_eq!(report.problems().count(), 7);
    let indexes: Vec<usize> = report.problems().map(|p| p.index).collect();
    assert!(
        indexes.windows(2).all(|pair| pair[0] <= pair[1]),
        "problems come in batch order"
    );
}

#[test]
fn a_record_with_a_wrong_type_still_has_its_other_fields_checked() {
    let report = check_values(&[with(&[
        ("nationalStudentNumber", json!("123")),
        ("sourceOfFunding", json!("07")),
        ("courseCode", Value::Null),
    ])]);
    let problems = &report.records[0].problems;
    assert_eq!(
        codes(problems),
        ["CE-002", "CE-003", "CE-020"],
        "{problems:#?}"
    );
}

#[test]
fn unreadable_json_is_one_problem_on_that_record_only() {
    let good = base().to_string();
    let texts = [
        "{",
        "",
        "null",
        "[1, 2]",
        "{\"localId\": \"A\"} trailing",
        &good,
    ];
    let report = check_enrolments(texts);
    for record in &report.records[..5] {
        assert_eq!(
            codes(&record.problems),
            ["CE-001"],
            "{:#?}",
            record.problems
        );
    }
    assert!(report.records[5].problems.is_empty());
}

#[test]
fn a_field_given_twice_is_refused_with_the_rest_still_checked() {
    let text = r#"{"localId": "A", "localId": "B", "courseCode": "ECON112"}"#;
    let report = check_enrolments([text]).records.remove(0);
    assert_eq!(report.problems[0].rule, "CE-001");
    assert!(
        report.problems[0].message.contains("duplicate field"),
        "{}",
        report.problems[0].message
    );
    assert!(
        report
            .problems
            .iter()
            .skip(1)
            .all(|p| p.rule == "CE-003" || p.rule == "CE-037"),
        "{:#?}",
        report.problems
    );
}

#[test]
fn wrong_types_get_messages_that_say_what_was_expected() {
    let report = check_values(&[with(&[
        ("courseStartDate", json!("23/02/2026")),
        ("eftsByMonth", json!("0.025;0.025;0.025;0.025;0.025")),
        ("intramuralExtramuralAttendance", json!(3_000_000_000_u64)),
        ("iteSubject", json!(["Maths", 3])),
    ])]);
    let messages: Vec<&str> = report.records[0]
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(
        messages[0].contains("'23/02/2026' is not a date-time"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("intramuralExtramuralAttendance is 3000000000, outside"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("eftsByMonth must be an array of numbers (not text"),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].contains("iteSubject value 2 must be text; found the number 3"),
        "{}",
        messages[3]
    );
}

#[test]
fn plain_dates_are_read() {
    let report = check_values(&[with(&[
        ("courseStartDate", json!("2026-02-23")),
        ("courseEndDate", json!("2026-06-26")),
    ])]);
    assert!(report.is_valid(), "{:#?}", report.records[0].problems);
}

#[test]
fn null_optional_fields_are_absent() {
    let report = check_values(&[with(&[("consortium", Value::Null)]), {
        let mut record = with(&[
            ("localId", json!("ENR-2")),
            ("courseCode", json!("ECON113")),
        ]);
        record["iteSector"] = Value::Null;
        record["studentsCourseWithdrawalDate"] = Value::Null;
        record
    }]);
    assert!(
        report.is_valid() && report.warning_count == 0,
        "{:#?}",
        report.into_problems()
    );
}

#[test]
fn testkit_records_are_valid_and_its_defects_break_exactly_their_rule() {
    let valid = testkit::valid_records(2_000);
    let report = check_enrolments(valid.iter().map(String::as_str));
    assert_eq!(report.problems().next(), None);

    let mixed = testkit::mixed_records(Defect::ALL.len() * 3 * 3, 3);
    let report = check_enrolments(mixed.iter().map(|(text, _)| text.as_str()));
    for ((_, defect), record) in mixed.iter().zip(&report.records) {
        match defect {
            None => assert!(record.problems.is_empty(), "{:#?}", record.problems),
            Some(defect) => {
                assert_eq!(
                    record.problems.len(),
                    1,
                    "{defect:?}: {:#?}",
                    record.problems
                );
                assert_eq!(record.problems[0].rule, defect.rule(), "{defect:?}");
                assert_eq!(record.problems[0].field, defect.field(), "{defect:?}");
            }
        }
    }
}

#[test]
fn problems_serialise_in_the_contract_shape() {
    let problem = crate::validation::Problem {
        index: 3,
        local_id: Some("A-17".to_owned()),
        field: "eftsByMonth".to_owned(),
        rule: "CE-021".to_owned(),
        severity: Severity::Error,
        message: "m".to_owned(),
    };
    let json = serde_json::to_value(&problem).unwrap();
    assert_eq!(
        json,
        json!({"index": 3, "localId": "A-17", "field": "eftsByMonth", "rule": "CE-021", "severity": "error", "message": "m"})
    );
    assert_eq!(
        serde_json::from_value::<crate::validation::Problem>(json).unwrap(),
        problem
    );
    let unnamed = crate::validation::Problem {
        local_id: None,
        severity: Severity::Warning,
        ..problem
    };
    let json = serde_json::to_value(&unnamed).unwrap();
    assert_eq!(
        (&json["localId"], &json["severity"]),
        (&Value::Null, &json!("warning"))
    );
}

#[test]
fn a_record_repeating_one_record_s_local_id_and_another_s_enrolment_gets_both() {
    let first = base();
    let second = with(&[
        ("localId", json!("ENR-2")),
        ("studentIdentificationCode", json!("S2")),
    ]);
    let third = with(&[("studentIdentificationCode", json!("S2"))]);
    let report = check_values(&[first, second, third]);
    let found: Vec<(&str, &str)> = report.records[2]
        .problems
        .iter()
        .map(|p| (p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "CE-005");
    assert!(found[0].1.contains("record 0"), "{}", found[0].1);
    assert_eq!(found[1].0, "CE-042");
    assert!(
        found[1].1.contains("record 1 (localId 'ENR-2')"),
        "{}",
        found[1].1
    );
    assert!(
        report.records[..2]
            .iter()
            .all(|record| record.problems.is_empty())
    );
}

#[test]
fn the_start_year_is_checked_against_the_return_only_when_it_is_known() {
    let next_year = with(&[
        ("courseStartDate", json!("2027-02-22T00:00:00+13:00")),
        ("courseEndDate", json!("2027-06-25T00:00:00+12:00")),
    ]);
    let problems = &check_values(std::slice::from_ref(&next_year)).records[0].problems;
    assert_eq!(codes(problems), ["CE-043"]);
    assert!(
        problems[0]
            .message
            .contains("courseStartDate 2027-02-22 is in 2027, after the return's year"),
        "{}",
        problems[0].message
    );
    // A dry run of records alone has no return to measure the year against.
    let text = next_year.to_string();
    assert!(
        check_enrolments([text.as_str()]).records[0]
            .problems
            .is_empty()
    );
}

/// An upload stores each record with what `BatchCheck::add` found in it, before the rest of the
/// batch is read: its own problems only. A record repeating another's localId is told so by
/// `finish`, with the rules across records, and the report is what `check_file` gives.
#[test]
fn a_batch_checked_record_by_record_gives_own_problems_first_and_the_rest_at_the_end() {
    use crate::SdrFile;
    use crate::validation::{BatchCheck, check_file};
    let mut repeated = base();
    repeated["courseCode"] = json!("OTHER1");
    let texts = [base().to_string(), repeated.to_string()];
    let mut batch = BatchCheck::new(SdrFile::CourseEnrolments, (None, None), 2);
    for text in &texts {
        let own = batch.add(text);
        assert!(own.problems.is_empty(), "{:?}", own.problems);
        assert_eq!(own.student_identification_code.as_deref(), Some("S2601234"));
    }
    let report = batch.finish();
    assert_eq!(
        codes(&report.records[1].problems),
        ["CE-005"],
        "localId repeated"
    );
    assert_eq!(
        report,
        check_file(SdrFile::CourseEnrolments, texts.iter().map(String::as_str))
    );
}

/// So no file's record checks may be a rule across records: `add` would hand its problems on to
/// be stored with the record, where only the validation of the whole submission puts them.
#[test]
fn no_record_check_is_a_rule_across_records() {
    use crate::validation::files::FileWire;
    fn across<W: FileWire>() -> Vec<&'static str> {
        W::CHECKS
            .iter()
            .filter(|(rule, _)| rule.applies_across_records())
            .map(|(rule, _)| rule.code)
            .collect()
    }
    let found: Vec<&str> = [
        across::<crate::course_enrolment::WireEnrolment>(),
        across::<crate::learner::WireLearner>(),
        across::<crate::course::WireCourse>(),
        across::<crate::course_completion::WireCourseCompletion>(),
        across::<crate::qualification_completion::WireQualificationCompletion>(),
        across::<crate::efts_forecast::WireEftsForecast>(),
    ]
    .concat();
    assert!(found.is_empty(), "{found:?}");
}
