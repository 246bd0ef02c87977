use super::*;
use crate::SdrFile;
use crate::testkit::{self, Return};
use crate::validation::WholeSubmission;

const YEAR: i32 = 2026;

fn details(credit: i32) -> CourseDetails {
    CourseDetails {
        course_title: "Principles of Macroeconomics".to_owned(),
        qualification_code: "PC4001".to_owned(),
        course_classification: 13.1,
        nzsced_field_of_study: "091901".to_owned(),
        level_on_nzqcf: 7,
        credit,
        funding_category: "A2".to_owned(),
        course_efts_factor: 0.125,
        course_tuition_fee: Some(943.5),
        compulsory_course_costs_fee: None,
        course_exemption_from_amfm: Some(false),
    }
}

fn entry(code: &str, from: i32, to: Option<i32>, credit: i32) -> CourseEntry {
    CourseEntry {
        course_code: code.to_owned(),
        valid_from: from,
        valid_to: to,
        details: details(credit),
    }
}

fn record(code: &str, credit: i32) -> Course {
    let details = details(credit);
    Course {
        local_id: format!("L-{code}"),
        course_code: code.to_owned(),
        course_title: details.course_title,
        qualification_code: details.qualification_code,
        course_classification: details.course_classification,
        nzsced_field_of_study: details.nzsced_field_of_study,
        level_on_nzqcf: details.level_on_nzqcf,
        credit: details.credit,
        funding_category: details.funding_category,
        course_efts_factor: details.course_efts_factor,
        course_tuition_fee: details.course_tuition_fee,
        compulsory_course_costs_fee: details.compulsory_course_costs_fee,
        pbrf_eligible_course_indicator: Some(true),
        course_exemption_from_amfm: details.course_exemption_from_amfm,
        discounted_course_tuition_fee: None,
        discounted_compulsory_course_costs_fee: None,
        learning_hours: Some(150.0),
        volume_research_factor: None,
    }
}

#[test]
fn an_entry_holds_from_its_first_year_to_its_last() {
    let closed = entry("A", 2024, Some(2026), 15);
    assert!(!closed.valid_in(2023));
    assert!(closed.valid_in(2024));
    assert!(closed.valid_in(2026));
    assert!(!closed.valid_in(2027));
    assert!(entry("A", 2024, None, 15).valid_in(2099));
}

#[test]
fn differences_name_new_courses_and_changed_fields_and_ignore_what_needs_no_approval() {
    let register = [
        entry("ECON112", 2025, None, 15),
        entry("ACCT101", 2020, Some(2025), 15),
    ];
    let mut changed = record("ECON112", 30);
    changed.course_tuition_fee = Some(943.504); // the same to the cent
    changed.pbrf_eligible_course_indicator = Some(false); // not kept in the register
    let records = [changed, record("ACCT101", 15), record("ECON112", 99)];
    let differences = course_differences(&records, &register, YEAR);
    assert_eq!(differences.len(), 2, "{differences:#?}");
    // ACCT101's entry ended in 2025: in 2026 it is a new course.
    assert_eq!(differences[0].course_code, "ACCT101");
    assert_eq!(differences[0].kind, DifferenceKind::NewCourse);
    assert!(!differences[0].holds_the_sdr());
    // The first ECON112 record is compared; its repeat is CR-007's problem.
    assert_eq!(differences[1].kind, DifferenceKind::Changed);
    assert_eq!(differences[1].changed_fields, vec![CourseField::Credit]);
    assert!(differences[1].holds_the_sdr());
    assert_eq!(differences[1].current.as_ref().map(|c| c.credit), Some(15));

    let same = [record("ECON112", 15)];
    assert!(course_differences(&same, &register, YEAR).is_empty());
}

#[test]
fn nothing_differs_from_a_register_not_loaded_for_the_year() {
    let register = [entry("ECON112", 2027, None, 15)];
    assert!(course_differences(&[record("ECON112", 30)], &register, YEAR).is_empty());
    assert!(course_differences(&[record("ECON112", 30)], &[], YEAR).is_empty());
}

#[test]
fn each_field_is_compared_to_its_last_decimal_place() {
    let base = details(15);
    for (field, change) in [
        (CourseField::Classification, 13.14),
        (CourseField::EftsFactor, 0.12504),
    ] {
        let mut other = base.clone();
        match field {
            CourseField::Classification => other.course_classification = change,
            _ => other.course_efts_factor = change,
        }
        assert!(base.changed_fields(&other).is_empty(), "{field}");
    }
    let mut other = base.clone();
    other.course_classification = 13.2;
    other.level_on_nzqcf = 8;
    other.course_exemption_from_amfm = None;
    assert_eq!(
        base.changed_fields(&other),
        vec![
            CourseField::Classification,
            CourseField::Level,
            CourseField::AmfmExemption
        ]
    );
}

#[test]
fn approval_replaces_closes_or_opens_an_entry() {
    let proposed = details(30);
    let new = plan_approval("X", YEAR, None, &proposed);
    assert_eq!((new.close, new.replace), (None, None));
    assert_eq!((new.entry.valid_from, new.entry.valid_to), (YEAR, None));

    let same_year = entry("X", YEAR, Some(2028), 15);
    let replaced = plan_approval("X", YEAR, Some(&same_year), &proposed);
    assert_eq!(replaced.replace, Some(YEAR));
    assert_eq!(replaced.entry.valid_to, Some(2028));

    let earlier = entry("X", 2020, None, 15);
    let closed = plan_approval("X", YEAR, Some(&earlier), &proposed);
    assert_eq!(closed.close, Some((2020, YEAR - 1)));
    assert_eq!(closed.replace, None);
    assert_eq!(closed.entry.valid_from, YEAR);
    assert_eq!(closed.entry.details.credit, 30);
}

#[test]
fn only_a_pending_request_is_decided_and_a_decline_says_why() {
    use ChangeRequestStatus::*;
    assert!(check_decision(Pending, &Decision::Approve).is_ok());
    assert!(check_decision(Pending, &Decision::Decline("fees too high".to_owned())).is_ok());
    let blank = check_decision(Pending, &Decision::Decline("  ".to_owned())).unwrap_err();
    assert!(blank.contains("say why"), "{blank}");
    let long = check_decision(Pending, &Decision::Decline("x".repeat(1001))).unwrap_err();
    assert!(long.contains("1000"), "{long}");
    for decided in [Approved, Declined] {
        let refused = check_decision(decided, &Decision::Approve).unwrap_err();
        assert!(refused.contains("already"), "{refused}");
    }
}

#[test]
fn entries_are_checked_field_by_field() {
    assert!(entry("ECON112", 2026, None, 15).check().is_ok());
    let mut wrong = entry(" ECON112", 2026, Some(2025), 1000);
    wrong.details.level_on_nzqcf = 0;
    let message = wrong.check().unwrap_err();
    for part in ["courseCode", "validTo 2025", "credit", "levelOnNzqcf"] {
        assert!(message.contains(part), "{part}: {message}");
    }
    let site = DeliverySiteEntry {
        site_code: "98".to_owned(),
        name: "Online".to_owned(),
        address: String::new(),
        active_from: 2026,
        active_to: None,
    };
    assert!(site.check().unwrap_err().contains("not a site"));
    let qualification = QualificationEntry {
        qualification_code: "PC4001".to_owned(),
        title: "Certificate".to_owned(),
        level: 4,
        credits: 60,
        award_category: "2".to_owned(),
        dq37_approved_from: Some(2026),
    };
    assert!(qualification.check().unwrap_err().contains("awardCategory"));
    assert!(qualification.approved_for_dq37_in(2026));
    assert!(!qualification.approved_for_dq37_in(2025));
}

#[test]
fn site_keys_read_numbers_as_two_digits_and_letters_in_capitals() {
    assert_eq!(SiteKey::of("1"), SiteKey::of("01"));
    assert_eq!(SiteKey::of("ab"), SiteKey::of("AB"));
    assert_ne!(SiteKey::of("A"), SiteKey::of("A1"));
    assert_eq!(SiteKey::of("98"), None);
    assert_eq!(SiteKey::of("99"), None);
    assert_eq!(SiteKey::of("00"), None);
    assert_eq!(
        SiteKey::of("7").map(|key| key.to_string()).as_deref(),
        Some("07")
    );
    assert_eq!(
        SiteKey::of("a").map(|key| key.to_string()).as_deref(),
        Some("A")
    );
}

/// The registers that hold everything a return names: its courses, its qualifications
/// (none approved for DQ3-7), its delivery sites.
fn registers_of(
    built: &Return,
) -> (
    Vec<CourseEntry>,
    Vec<QualificationEntry>,
    Vec<DeliverySiteEntry>,
) {
    let courses = built
        .courses
        .iter()
        .map(|course| CourseEntry {
            course_code: course.course_code.clone(),
            valid_from: YEAR,
            valid_to: None,
            details: CourseDetails::of_record(course),
        })
        .collect();
    // A qualification some enrolment funds from 37 is approved for DQ3-7 from the year.
    let mut by_code: std::collections::BTreeMap<&str, bool> = Default::default();
    for enrolment in &built.course_enrolments {
        *by_code
            .entry(enrolment.qualification_code.as_str())
            .or_default() |= enrolment.source_of_funding == "37";
    }
    let qualifications = by_code
        .into_iter()
        .map(|(code, dq37)| QualificationEntry {
            qualification_code: code.to_owned(),
            title: "A qualification".to_owned(),
            level: 5,
            credits: 120,
            award_category: "21".to_owned(),
            dq37_approved_from: dq37.then_some(YEAR),
        })
        .collect();
    let sites = built
        .course_enrolments
        .iter()
        .filter(|enrolment| SiteKey::of(&enrolment.course_delivery_site).is_some())
        .map(|enrolment| DeliverySiteEntry {
            site_code: enrolment.course_delivery_site.clone(),
            name: "A site".to_owned(),
            address: String::new(),
            active_from: YEAR,
            active_to: None,
        })
        .collect();
    (courses, qualifications, sites)
}

/// The RG- problems of a return against registers, as (rule, enrolment localId).
fn register_problems(built: &Return, snapshot: RegisterSnapshot) -> Vec<(String, String)> {
    let records = built.to_records();
    let mut check = WholeSubmission::new(&SdrFile::ALL)
        .in_year(YEAR)
        .with_registers(snapshot);
    for file in WholeSubmission::READING_ORDER {
        for (position, json) in records.file(file).iter().enumerate() {
            check.add(file, &format!("{file}-{position}"), json);
        }
    }
    check
        .finish()
        .into_iter()
        .filter(|found| found.problem.rule.starts_with("RG-"))
        .map(|found| (found.problem.rule, found.local_id))
        .collect()
}

fn snapshot(
    (courses, qualifications, sites): &(
        Vec<CourseEntry>,
        Vec<QualificationEntry>,
        Vec<DeliverySiteEntry>,
    ),
) -> RegisterSnapshot {
    RegisterSnapshot::of(YEAR, courses, qualifications, sites)
}

#[test]
fn a_return_matching_its_registers_has_no_register_problem_and_one_without_registers_none_either() {
    let built = testkit::valid_return_typed(3, 6);
    assert!(register_problems(&built, snapshot(&registers_of(&built))).is_empty());
    assert!(register_problems(&built, RegisterSnapshot::default()).is_empty());
}

#[test]
fn rg_001_an_enrolled_course_missing_from_the_register_for_the_year() {
    let built = testkit::valid_return_typed(3, 2);
    let mut registers = registers_of(&built);
    let dropped = registers.0.remove(0).course_code;
    let enrolled = built
        .course_enrolments
        .iter()
        .filter(|enrolment| enrolment.course_code == dropped)
        .count();
    let problems = register_problems(&built, snapshot(&registers));
    assert_eq!(problems.len(), enrolled, "{problems:?}");
    assert!(problems.iter().all(|(rule, _)| rule == "RG-001"));
    // An entry that ended the year before counts as missing too.
    let mut ended = registers_of(&built);
    ended.0[0].valid_from = YEAR - 3;
    ended.0[0].valid_to = Some(YEAR - 1);
    assert_eq!(register_problems(&built, snapshot(&ended)).len(), enrolled);
}

#[test]
fn rg_002_a_qualification_missing_from_the_register() {
    let mut built = testkit::valid_return_typed(3, 2);
    built.course_enrolments[0].qualification_code = "ZZ9999".to_owned();
    let problems = register_problems(
        &built,
        snapshot(&registers_of(&testkit::valid_return_typed(3, 2))),
    );
    assert_eq!(
        problems,
        vec![("RG-002".to_owned(), "course-enrolments-0".to_owned())]
    );
}

#[test]
fn rg_003_a_delivery_site_not_registered_or_not_active() {
    let mut built = testkit::valid_return_typed(3, 2);
    let registers = registers_of(&built);
    built.course_enrolments[0].course_delivery_site = "QX".to_owned();
    let problems = register_problems(&built, snapshot(&registers));
    assert_eq!(
        problems,
        vec![("RG-003".to_owned(), "course-enrolments-0".to_owned())]
    );
    // Extramural delivery names no site: not checked.
    built.course_enrolments[0].course_delivery_site = "98".to_owned();
    assert!(register_problems(&built, snapshot(&registers)).is_empty());
    // A site that closed the year before is not registered for the year.
    let mut closed = registers_of(&testkit::valid_return_typed(3, 2));
    for site in &mut closed.2 {
        site.active_from = YEAR - 5;
        site.active_to = Some(YEAR - 1);
    }
    closed.2.push(DeliverySiteEntry {
        site_code: "ZZ".to_owned(),
        name: "Another".to_owned(),
        address: String::new(),
        active_from: YEAR,
        active_to: None,
    });
    let built = testkit::valid_return_typed(3, 2);
    let problems = register_problems(&built, snapshot(&closed));
    assert!(!problems.is_empty());
    assert!(
        problems.iter().all(|(rule, _)| rule == "RG-003"),
        "{problems:?}"
    );
}

type Registers = (
    Vec<CourseEntry>,
    Vec<QualificationEntry>,
    Vec<DeliverySiteEntry>,
);

/// A return whose first enrolment is in a qualification of its own, `ZQ1234`, funded from
/// `fund`, with registers holding everything and `ZQ1234` approved for DQ3-7 from `approved`.
fn own_qualification(fund: &str, approved: Option<i32>) -> (Return, Registers) {
    let mut built = testkit::valid_return_typed(3, 2);
    let mut registers = registers_of(&built);
    built.course_enrolments[0].qualification_code = "ZQ1234".to_owned();
    built.course_enrolments[0].source_of_funding = fund.to_owned();
    registers.1.push(QualificationEntry {
        qualification_code: "ZQ1234".to_owned(),
        title: "Its own".to_owned(),
        level: 5,
        credits: 120,
        award_category: "21".to_owned(),
        dq37_approved_from: approved,
    });
    (built, registers)
}

#[test]
fn rg_004_fund_37_only_for_a_qualification_approved_for_dq37_from_the_year() {
    let first = vec![("RG-004".to_owned(), "course-enrolments-0".to_owned())];
    let (built, registers) = own_qualification("37", None);
    assert_eq!(register_problems(&built, snapshot(&registers)), first);
    // Approved only from next year: not yet approved for this return.
    let (built, registers) = own_qualification("37", Some(YEAR + 1));
    assert_eq!(register_problems(&built, snapshot(&registers)), first);
    let (built, registers) = own_qualification("37", Some(YEAR));
    assert!(register_problems(&built, snapshot(&registers)).is_empty());
    let (built, registers) = own_qualification("37", Some(YEAR - 4));
    assert!(register_problems(&built, snapshot(&registers)).is_empty());
}

#[test]
fn rg_005_fund_03_only_for_a_qualification_not_approved() {
    let (built, registers) = own_qualification("03", None);
    assert!(register_problems(&built, snapshot(&registers)).is_empty());
    let (built, registers) = own_qualification("03", Some(YEAR + 1));
    assert!(register_problems(&built, snapshot(&registers)).is_empty());
    let (built, registers) = own_qualification("03", Some(YEAR));
    assert_eq!(
        register_problems(&built, snapshot(&registers)),
        vec![("RG-005".to_owned(), "course-enrolments-0".to_owned())]
    );
}

#[test]
fn the_register_rules_are_in_the_catalogue_and_checked_in_one_pass() {
    for rule in RULES {
        assert_eq!(
            crate::validation::rule_by_code(rule.code).map(|r| r.code),
            Some(rule.code)
        );
    }
}

#[test]
fn an_nzqa_result_is_checked_for_its_kind() {
    let unit = NzqaResultEntry {
        national_student_number: 111_111_111,
        kind: NzqaResultKind::UnitStandard,
        code: "29677".to_owned(),
        credits: Some(4),
        achieved_on: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date"),
    };
    assert_eq!(unit.check(), Ok(()));
    let without_credits = NzqaResultEntry {
        credits: None,
        ..unit.clone()
    };
    assert!(
        without_credits
            .check()
            .is_err_and(|wrong| wrong.contains("a unit standard's credits must be 1 to 999"))
    );
    let qualification = NzqaResultEntry {
        kind: NzqaResultKind::Qualification,
        ..unit.clone()
    };
    assert!(
        qualification
            .check()
            .is_err_and(|wrong| wrong.contains("leave credits out"))
    );
    let awarded = NzqaResultEntry {
        credits: None,
        ..qualification
    };
    assert_eq!(awarded.check(), Ok(()));
    let no_one = NzqaResultEntry {
        national_student_number: 0,
        code: "29 677".to_owned(),
        ..unit
    };
    let wrong = no_one.check().expect_err("two things wrong");
    assert!(
        wrong.contains("nationalStudentNumber must be 1 to 999999999"),
        "{wrong}"
    );
    assert!(
        wrong.contains("code must be 1 to 20 letters or digits"),
        "{wrong}"
    );
}
