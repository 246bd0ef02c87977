//! One case per rule: a batch that breaks only that rule (exactly one problem, with the rule's
//! code, field and severity) and a near miss that passes it. The set of codes tested must equal
//! the catalogue's, so a rule added without a test fails here.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::{assert_clean, assert_only, base, with};
use crate::validation::{Severity, catalogue};

const FEES: &str = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";

struct Case {
    rule: &'static str,
    field: &'static str,
    severity: Severity,
    breaks: fn() -> Vec<Value>,
    passes: fn() -> Vec<Value>,
}

const fn case(
    rule: &'static str,
    field: &'static str,
    severity: Severity,
    breaks: fn() -> Vec<Value>,
    passes: fn() -> Vec<Value>,
) -> Case {
    Case {
        rule,
        field,
        severity,
        breaks,
        passes,
    }
}

use Severity::{Error, Warning};

fn cases() -> Vec<Case> {
    vec![
        case(
            "CE-001",
            "",
            Error,
            || vec![json!("ENR-1")],
            || vec![base()],
        ),
        case(
            "CE-002",
            "nationalStudentNumber",
            Error,
            || vec![with(&[("nationalStudentNumber", json!("123456789"))])],
            || vec![with(&[("nationalStudentNumber", json!(987654321))])],
        ),
        case(
            "CE-003",
            "courseCode",
            Error,
            || vec![with(&[("courseCode", Value::Null)])],
            || vec![with(&[("apprenticeships", Value::Null)])],
        ),
        case(
            "CE-004",
            "studentIdentificationCode",
            Error,
            || vec![with(&[("studentIdentificationCode", json!("S1234567890"))])],
            || vec![with(&[("studentIdentificationCode", json!("āāāāāāāāāā"))])],
        ),
        case(
            "CE-005",
            "localId",
            Error,
            || vec![base(), base()],
            || {
                vec![
                    base(),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseCode", json!("ECON113")),
                    ]),
                ]
            },
        ),
        case(
            "CE-006",
            "localId",
            Error,
            || vec![with(&[("localId", json!("ENR\t1"))])],
            || vec![with(&[("localId", json!("ENR 1 / Ā-ū"))])],
        ),
        case(
            "CE-007",
            "qualificationCode",
            Error,
            || vec![with(&[("qualificationCode", json!("PC-401"))])],
            || vec![with(&[("qualificationCode", json!("ab1234"))])],
        ),
        case(
            "CE-008",
            "qualificationCode",
            Error,
            || vec![with(&[("qualificationCode", json!("G4801"))])],
            || {
                vec![
                    with(&[("qualificationCode", json!("G48017"))]),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseCode", json!("ECON113")),
                        ("qualificationCode", json!("G9999")),
                    ]),
                ]
            },
        ),
        case(
            "CE-009",
            "qualificationCode",
            Warning,
            || vec![with(&[("qualificationCode", json!("PC401"))])],
            || vec![with(&[("qualificationCode", json!("G9999"))])],
        ),
        case(
            "CE-010",
            "courseCode",
            Warning,
            || vec![with(&[("courseCode", json!("ECON 112"))])],
            || vec![with(&[("courseCode", json!("MĀORI101"))])],
        ),
        case(
            "CE-011",
            "courseCode",
            Warning,
            || vec![with(&[("courseCode", json!("ECON2026"))])],
            || vec![with(&[("courseCode", json!("COMP2010"))])],
        ),
        case(
            "CE-012",
            "courseEndDate",
            Error,
            || {
                vec![with(&[(
                    "courseEndDate",
                    json!("2026-02-22T00:00:00+13:00"),
                )])]
            },
            || {
                vec![with(&[
                    ("courseEndDate", json!("2026-02-23T00:00:00+13:00")),
                    ("eftsByMonth", json!([0.125])),
                ])]
            },
        ),
        case(
            "CE-013",
            "studentsCourseWithdrawalDate",
            Error,
            || {
                vec![with(&[(
                    "studentsCourseWithdrawalDate",
                    json!("2026-07-01T00:00:00+12:00"),
                )])]
            },
            || {
                vec![with(&[(
                    "studentsCourseWithdrawalDate",
                    json!("2026-06-26T00:00:00+12:00"),
                )])]
            },
        ),
        case(
            "CE-014",
            FEES,
            Error,
            || vec![with(&[(FEES, json!("05"))])],
            || vec![with(&[(FEES, json!("0"))])],
        ),
        case(
            "CE-015",
            FEES,
            Error,
            || {
                vec![with(&[
                    ("residentialStatus", json!("Y")),
                    (FEES, json!("03")),
                ])]
            },
            || {
                vec![
                    with(&[(FEES, json!("03"))]),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseCode", json!("ECON113")),
                        ("residentialStatus", json!("Y")),
                        ("intramuralExtramuralAttendance", json!(4)),
                        (FEES, json!("03")),
                    ]),
                ]
            },
        ),
        case(
            "CE-016",
            "intramuralExtramuralAttendance",
            Error,
            || vec![with(&[("intramuralExtramuralAttendance", json!(5))])],
            || vec![with(&[("intramuralExtramuralAttendance", json!(4))])],
        ),
        case(
            "CE-017",
            "courseDeliverySite",
            Error,
            || vec![with(&[("courseDeliverySite", json!("97"))])],
            || vec![with(&[("courseDeliverySite", json!("1A"))])],
        ),
        case(
            "CE-018",
            "courseDeliverySite",
            Warning,
            || vec![with(&[("courseDeliverySite", json!("98"))])],
            || {
                vec![with(&[
                    ("courseDeliverySite", json!("98")),
                    ("intramuralExtramuralAttendance", json!(2)),
                ])]
            },
        ),
        case(
            "CE-019",
            "sourceOfFunding",
            Error,
            || vec![with(&[("sourceOfFunding", json!("17"))])],
            || vec![with(&[("sourceOfFunding", json!("1"))])],
        ),
        case(
            "CE-020",
            "sourceOfFunding",
            Error,
            || vec![with(&[("sourceOfFunding", json!("7"))])],
            || vec![with(&[("sourceOfFunding", json!("37"))])],
        ),
        case(
            "CE-021",
            "eftsByMonth",
            Error,
            || vec![with(&[("eftsByMonth", json!([0.0417, 0.0417, 0.0416]))])],
            || {
                vec![with(&[(
                    "eftsByMonth",
                    json!([0, 0.025, 0.025, 0.025, 0.025, 0.025, 0, 0, 0, 0, 0, 0]),
                )])]
            },
        ),
        case(
            "CE-022",
            "eftsByMonth",
            Error,
            || {
                vec![with(&[(
                    "eftsByMonth",
                    json!([0.025, 0.025, 0.025, 0.025, 0.024]),
                )])]
            },
            || {
                vec![with(&[
                    ("courseEftsFactor", json!(0.1167)),
                    (
                        "eftsByMonth",
                        json!([0.0233, 0.0233, 0.0233, 0.0233, 0.0235]),
                    ),
                ])]
            },
        ),
        case(
            "CE-023",
            "eftsByMonth",
            Error,
            || {
                vec![with(&[(
                    "eftsByMonth",
                    json!([0.025, 0.02501, 0.025, 0.025, 0.02499]),
                )])]
            },
            || {
                vec![with(&[
                    ("courseEftsFactor", json!(0.1249)),
                    (
                        "eftsByMonth",
                        json!([0.0249, 0.0249, 0.0249, 0.0249, 0.0253]),
                    ),
                ])]
            },
        ),
        case(
            "CE-024",
            "courseEftsFactor",
            Error,
            || vec![with(&[("courseEftsFactor", json!(0.12501))])],
            || {
                vec![with(&[
                    ("courseEftsFactor", json!(0.1251)),
                    ("eftsByMonth", json!([0.025, 0.025, 0.025, 0.025, 0.0251])),
                ])]
            },
        ),
        case(
            "CE-025",
            "residentialStatus",
            Error,
            || vec![with(&[("residentialStatus", json!("y"))])],
            || vec![with(&[("residentialStatus", json!("Y"))])],
        ),
        case(
            "CE-026",
            "fundingCategory",
            Error,
            || vec![with(&[("fundingCategory", json!("A-"))])],
            || vec![with(&[("fundingCategory", json!("P1"))])],
        ),
        case(
            "CE-027",
            "courseClassification",
            Error,
            || vec![with(&[("courseClassification", json!(13.15))])],
            || vec![with(&[("courseClassification", json!(99.9))])],
        ),
        case(
            "CE-028",
            "nzscedFieldOfStudy",
            Error,
            || vec![with(&[("nzscedFieldOfStudy", json!("O91901"))])],
            || vec![with(&[("nzscedFieldOfStudy", json!("91901"))])],
        ),
        case(
            "CE-029",
            "nationalStudentNumber",
            Error,
            || vec![with(&[("nationalStudentNumber", json!(0))])],
            || vec![with(&[("nationalStudentNumber", json!(1))])],
        ),
        case(
            "CE-030",
            "consortium",
            Error,
            || vec![with(&[("sourceOfFunding", json!("28"))])],
            || {
                vec![with(&[
                    ("sourceOfFunding", json!("29")),
                    ("consortium", json!(12)),
                ])]
            },
        ),
        case(
            "CE-031",
            "iteSector",
            Error,
            || vec![with(&[("nzscedFieldOfStudy", json!("070105"))])],
            || {
                vec![with(&[
                    ("nzscedFieldOfStudy", json!("70105")),
                    ("iteSector", json!(3)),
                    ("iteSubject", json!(["Mathematics"])),
                ])]
            },
        ),
        case(
            "CE-032",
            "iteSector",
            Error,
            || vec![with(&[("iteSector", json!(4))])],
            || vec![with(&[("iteSector", json!(2))])],
        ),
        case(
            "CE-033",
            "iteSubject",
            Error,
            || vec![with(&[("iteSector", json!(3)), ("iteSubject", json!([]))])],
            || {
                vec![with(&[
                    ("iteSector", json!(3)),
                    ("iteSubject", json!(["Physics"])),
                ])]
            },
        ),
        case(
            "CE-034",
            "iteSubject",
            Error,
            || {
                vec![with(&[
                    ("iteSector", json!(3)),
                    (
                        "iteSubject",
                        json!(["Mathematics", "Physics", "Chemistry", "Biology", "English"]),
                    ),
                ])]
            },
            || {
                vec![with(&[
                    ("iteSector", json!(3)),
                    (
                        "iteSubject",
                        json!(["Mathematics", "Physics", "Chemistry", "Biology"]),
                    ),
                ])]
            },
        ),
        case(
            "CE-035",
            "iteSubject",
            Error,
            || {
                vec![with(&[
                    ("iteSector", json!(3)),
                    ("iteSubject", json!(["Maths; Physics"])),
                ])]
            },
            || {
                vec![with(&[
                    ("iteSector", json!(3)),
                    ("iteSubject", json!(["Te Reo Māori"])),
                ])]
            },
        ),
        case(
            "CE-036",
            "iteSector",
            Warning,
            || {
                vec![with(&[
                    ("nzscedFieldOfStudy", json!("070101")),
                    ("iteSector", json!(3)),
                    ("iteSubject", json!(["English"])),
                ])]
            },
            || {
                vec![with(&[
                    ("nzscedFieldOfStudy", json!("070108")),
                    ("iteSector", json!(1)),
                ])]
            },
        ),
        case(
            "CE-037",
            "actualCourseFee",
            Warning,
            || vec![with(&[("actualCourseFee", Value::Null)])],
            || vec![with(&[("actualCourseFee", json!(0))])],
        ),
        case(
            "CE-038",
            "secondarySchoolProgrammeIndicator",
            Error,
            || vec![with(&[("secondarySchoolProgrammeIndicator", json!("X"))])],
            || vec![with(&[("secondarySchoolProgrammeIndicator", json!("Y"))])],
        ),
        case(
            "CE-039",
            "actualCourseFee",
            Error,
            || vec![with(&[("actualCourseFee", json!(-1))])],
            || vec![with(&[("actualCourseFee", json!(999_999.99))])],
        ),
        case(
            "CE-040",
            "studentsCourseWithdrawalDate",
            Warning,
            || vec![with(&[("sourceOfFunding", json!("31"))])],
            || {
                vec![with(&[
                    ("sourceOfFunding", json!("31")),
                    (
                        "studentsCourseWithdrawalDate",
                        json!("2026-04-10T00:00:00+12:00"),
                    ),
                ])]
            },
        ),
        case(
            "CE-041",
            "iteSector",
            Error,
            || {
                vec![
                    with(&[("iteSector", json!(1))]),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseCode", json!("ECON113")),
                        ("iteSector", json!(2)),
                    ]),
                ]
            },
            || {
                vec![
                    with(&[("iteSector", json!(1))]),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseCode", json!("ECON113")),
                        ("iteSector", json!(1)),
                    ]),
                ]
            },
        ),
        case(
            "CE-043",
            "courseStartDate",
            Error,
            || {
                vec![with(&[
                    ("courseStartDate", json!("2024-02-23T00:00:00+13:00")),
                    ("courseEndDate", json!("2024-06-26T00:00:00+12:00")),
                ])]
            },
            || {
                vec![with(&[
                    ("courseStartDate", json!("2025-02-24T00:00:00+13:00")),
                    ("courseEndDate", json!("2025-06-27T00:00:00+12:00")),
                ])]
            },
        ),
        case(
            "CE-042",
            "",
            Error,
            || {
                vec![
                    base(),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseStartDate", json!("2026-02-23T09:30:00+13:00")),
                    ]),
                ]
            },
            || {
                vec![
                    base(),
                    with(&[
                        ("localId", json!("ENR-2")),
                        ("courseStartDate", json!("2026-02-24T00:00:00+13:00")),
                    ]),
                ]
            },
        ),
    ]
}

/// The course-enrolment rules of the catalogue (the other files' rules have their own tables).
fn course_enrolment_rules() -> BTreeSet<&'static str> {
    catalogue()
        .iter()
        .filter(|rule| rule.code.starts_with("CE-"))
        .map(|rule| rule.code)
        .collect()
}

#[test]
fn every_rule_in_the_catalogue_has_a_case_and_every_case_a_rule() {
    let tested: BTreeSet<&str> = cases().iter().map(|case| case.rule).collect();
    let catalogued = course_enrolment_rules();
    assert_eq!(tested, catalogued);
    assert_eq!(cases().len(), catalogued.len(), "one case per rule");
}

#[test]
fn each_case_breaks_only_its_rule() {
    for case in cases() {
        let problem = assert_only(&(case.breaks)(), case.rule, case.field, case.severity);
        let rule = crate::validation::rule_by_code(case.rule).unwrap();
        assert!(
            rule.field == "*" || rule.field == case.field,
            "{} is registered for {} but reported {}",
            case.rule,
            rule.field,
            case.field
        );
        println!("{}: {}", case.rule, problem.message);
    }
}

#[test]
fn each_near_miss_passes() {
    for case in cases() {
        let records = (case.passes)();
        let problems = super::problems_of(&records);
        assert!(
            problems.is_empty(),
            "{}: expected no problems, got {problems:#?}",
            case.rule
        );
    }
}

#[test]
fn the_base_record_is_clean() {
    assert_clean(&[base()]);
}

#[test]
fn historic_funds_are_refused_by_name() {
    let problem = assert_only(
        &[with(&[("sourceOfFunding", json!("07"))])],
        "CE-020",
        "sourceOfFunding",
        Error,
    );
    assert!(
        problem
            .message
            .contains("Youth Training - Ceased 31/12/2011"),
        "{}",
        problem.message
    );
    assert!(problem.message.contains("07"), "{}", problem.message);
}

#[test]
fn ite_rules_warn_before_2026_and_fail_from_2026() {
    let ite_without_sector = |start: &str, end: &str| {
        with(&[
            ("nzscedFieldOfStudy", json!("70103")),
            ("courseStartDate", json!(start)),
            ("courseEndDate", json!(end)),
            ("eftsByMonth", json!([0.125])),
        ])
    };
    let december_2025 =
        ite_without_sector("2025-12-01T00:00:00+13:00", "2025-12-19T00:00:00+13:00");
    assert_only(&[december_2025], "CE-031", "iteSector", Warning);
    let january_2026 = ite_without_sector("2026-01-05T00:00:00+13:00", "2026-01-30T00:00:00+13:00");
    assert_only(&[january_2026], "CE-031", "iteSector", Error);
    // The year is the one the sender wrote: 1 January 2026 in New Zealand is still 2025 in UTC.
    let new_year = ite_without_sector("2026-01-01T00:00:00+13:00", "2026-01-30T00:00:00+13:00");
    assert_only(&[new_year], "CE-031", "iteSector", Error);
    // The cross-record ITE rule follows the same calendar.
    let early = |id: &str, sector: i32| {
        with(&[
            ("localId", json!(id)),
            ("courseCode", json!(format!("EDUC10{sector}"))),
            ("iteSector", json!(sector)),
            ("courseStartDate", json!("2025-07-14T00:00:00+12:00")),
            ("courseEndDate", json!("2025-07-31T00:00:00+12:00")),
            ("eftsByMonth", json!([0.125])),
        ])
    };
    assert_only(
        &[early("A", 1), early("B", 2)],
        "CE-041",
        "iteSector",
        Warning,
    );
}

#[test]
fn dates_compare_as_written_not_in_utc() {
    // In UTC the end (22 Feb 12:00Z) is after the start (22 Feb 11:00Z); as written it is the day
    // before.
    assert_only(
        &[with(&[("courseEndDate", json!("2026-02-22T12:00:00Z"))])],
        "CE-012",
        "courseEndDate",
        Error,
    );
}

#[test]
fn two_digit_codes_read_with_or_without_the_leading_zero() {
    let spellings = [
        (FEES, ["0", "00"]),
        ("sourceOfFunding", ["1", "01"]),
        ("courseDeliverySite", ["1", "01"]),
    ];
    for (field, values) in spellings {
        for value in values {
            assert_clean(&[with(&[(field, json!(value))])]);
        }
    }
    for (sof, consortium) in [("28", json!(3)), ("029", Value::Null)] {
        let problems = super::problems_of(&[with(&[
            ("sourceOfFunding", json!(sof)),
            ("consortium", consortium),
        ])]);
        // "029" is three characters: a length problem, not a second spelling.
        if sof == "029" {
            assert_eq!(super::codes(&problems), ["CE-004"]);
        } else {
            assert!(problems.is_empty(), "{problems:#?}");
        }
    }
    for nzsced in ["070105", "70105"] {
        let record = with(&[
            ("nzscedFieldOfStudy", json!(nzsced)),
            ("iteSector", json!(3)),
            ("iteSubject", json!(["English"])),
        ]);
        assert_clean(&[record]);
        assert_only(
            &[with(&[("nzscedFieldOfStudy", json!(nzsced))])],
            "CE-031",
            "iteSector",
            Error,
        );
    }
}

#[test]
fn fees_rules_leave_what_needs_citizenship_to_the_learner_file() {
    // An Australian permanent resident studying extramurally from overseas may be a New Zealand
    // citizen (residentialStatus N includes citizens): 00 cannot be refused from the enrolment.
    assert_clean(&[with(&[
        ("australianResidentialStatus", json!(true)),
        ("intramuralExtramuralAttendance", json!(3)),
        ("courseDeliverySite", json!("98")),
    ])]);
    // A resident visa holder overseas is international.
    assert_only(
        &[with(&[
            ("residentialStatus", json!("Y")),
            ("intramuralExtramuralAttendance", json!(3)),
            ("courseDeliverySite", json!("98")),
        ])],
        "CE-015",
        FEES,
        Error,
    );
    // An Australian permanent resident living in New Zealand is domestic.
    assert_only(
        &[with(&[
            ("australianResidentialStatus", json!(true)),
            (FEES, json!("3")),
        ])],
        "CE-015",
        FEES,
        Error,
    );
}

#[test]
fn the_mandatory_but_optional_fields_warn_when_missing_and_are_checked_when_present() {
    let problems = super::problems_of(&[with(&[
        ("secondarySchoolProgrammeIndicator", Value::Null),
        ("actualCourseFee", Value::Null),
    ])]);
    let found: Vec<(&str, &str, Severity)> = problems
        .iter()
        .map(|p| (p.rule.as_str(), p.field.as_str(), p.severity))
        .collect();
    assert_eq!(
        found,
        [
            ("CE-037", "secondarySchoolProgrammeIndicator", Warning),
            ("CE-037", "actualCourseFee", Warning)
        ]
    );
    // The schema allows an empty indicator ("length ≤ 1"); it says nothing, so it warns too.
    assert_only(
        &[with(&[("secondarySchoolProgrammeIndicator", json!(""))])],
        "CE-037",
        "secondarySchoolProgrammeIndicator",
        Warning,
    );
    assert_only(
        &[with(&[("actualCourseFee", json!(10.005))])],
        "CE-039",
        "actualCourseFee",
        Error,
    );
}

#[test]
fn messages_name_the_value_found_and_what_was_expected() {
    let problem = assert_only(
        &[with(&[
            ("courseStartDate", json!("2026-02-02T00:00:00+13:00")),
            ("courseEndDate", json!("2026-05-29T00:00:00+12:00")),
            ("courseEftsFactor", json!(0.1)),
            ("eftsByMonth", json!([0.0333, 0.0333, 0.0334])),
        ])],
        "CE-021",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem
            .message
            .starts_with("eftsByMonth has 3 values but the course runs 4 months, Feb–May 2026"),
        "{}",
        problem.message
    );
    assert_eq!(problem.local_id.as_deref(), Some("ENR-1"));
    assert_eq!(problem.index, 0);
}
