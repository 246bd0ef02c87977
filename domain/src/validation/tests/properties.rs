//! Properties: a record built from valid parts is always valid; nothing panics, whatever is
//! sent; a bad record never spoils its neighbours.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{Map, Value};

use super::check_enrolments;
use crate::SdrFile;
use crate::codes::funding::CURRENT_FUNDS;
use crate::codes::{Attendance, FeesCategory, IteNzsced, IteSector};
use crate::testkit::{self, CAMPUS_SITES, Parts, QUALIFICATIONS, Study};
use crate::validation::{FileReport, Severity};

fn study() -> impl Strategy<Value = Study> {
    prop_oneof![
        3 => "[0-9]{6}"
            .prop_filter("an ordinary field", |code| IteNzsced::find(code).is_none())
            .prop_map(Study::Field),
        1 => (
            0..10_usize,
            any::<bool>(),
            prop::sample::select(IteSector::ALL.to_vec()),
            prop::collection::vec("[A-Za-z][A-Za-z ]{0,39}", 0..=4),
        )
            .prop_map(|(field, leading_zero, general_sector, subjects)| Study::Ite {
                field,
                leading_zero,
                general_sector,
                subjects,
            }),
    ]
}

prop_compose! {
    fn identity()(
        local_id in "[A-Za-z0-9._-]{1,30}",
        student_id in "[A-Za-z0-9]{1,10}",
        qualification in prop_oneof![
            prop::sample::select(QUALIFICATIONS.to_vec()).prop_map(str::to_owned),
            "[A-FH-Z][A-Z0-9][0-9]{4}",
        ],
        course in "[A-Z]{2,6}[0-9]{3}",
        funding_category in "[A-Z][0-9]|[A-Z]{2}|[0-9]{1,2}",
        nsn in 1..=i32::MAX,
    ) -> (String, String, String, String, String, i32) {
        (local_id, student_id, qualification, course, funding_category, nsn)
    }
}

prop_compose! {
    fn calendar()(
        year in 1990..2100_i32,
        month in 1..=12_u32,
        day in 1..=28_u32,
        extra_months in 0..40_u32,
        end_day in 1..=28_u32,
        offset_hours in -12..=14_i32,
        withdrawn in any::<bool>(),
    ) -> (NaiveDate, u32, u32, i32, bool) {
        let start = NaiveDate::from_ymd_opt(year, month, day).unwrap();
        (start, extra_months, end_day, offset_hours, withdrawn)
    }
}

prop_compose! {
    fn parts()(
        (local_id, student_id, qualification_code, course_code, funding_category, nsn) in identity(),
        (start, extra_months, end_day, offset_hours, withdrawn) in calendar(),
        attendance in prop::sample::select(Attendance::ALL.to_vec()),
        (resident_visa, australian_pr) in (any::<bool>(), any::<bool>()),
        open_category in prop::sample::select(FeesCategory::ALL.to_vec()),
        campus_site in 0..CAMPUS_SITES.len(),
        fund in prop::sample::select(CURRENT_FUNDS.iter().map(|fund| fund.code).collect::<Vec<_>>()),
        consortium in any::<i32>(),
        study in study(),
        (classification_tenths, factor_units, remainder_in_last_month) in (0..=999_u16, 0..=99_999_u32, any::<bool>()),
        (apprenticeship, secondary_school, fee_cents) in (any::<Option<bool>>(), any::<bool>(), 0..=99_999_999_u32),
    ) -> Parts {
        Parts {
            local_id, student_id, qualification_code, course_code, start, extra_months, end_day,
            offset_hours, withdrawn, attendance, resident_visa, australian_pr, open_category,
            campus_site, fund, consortium, funding_category, classification_tenths, study,
            factor_units, remainder_in_last_month, nsn, apprenticeship, secondary_school, fee_cents,
        }
    }
}

/// JSON values of any shape, kept small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,30}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,12}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// What must hold of any report.
fn assert_consistent(report: &FileReport, records: usize) {
    assert_eq!(report.records.len(), records);
    let (errors, warnings) = report
        .problems()
        .fold((0, 0), |(e, w), p| match p.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        });
    assert_eq!(
        (report.error_count, report.warning_count),
        (errors, warnings)
    );
    for (position, record) in report.records.iter().enumerate() {
        assert_eq!(record.index, position);
        assert!(record.problems.iter().all(|p| p.index == position));
        for problem in &record.problems {
            assert!(
                crate::validation::rule_by_code(&problem.rule).is_some(),
                "unknown rule {}",
                problem.rule
            );
            assert!(
                problem.field.is_empty()
                    || crate::fields::field(SdrFile::CourseEnrolments, &problem.field).is_some()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_record_built_from_valid_parts_is_valid(parts in parts()) {
        let record = parts.build();
        let text = serde_json::to_string(&record).unwrap();
        let report = check_enrolments([text.as_str()]);
        prop_assert!(report.records[0].problems.is_empty(), "{:#?}\n{}", report.records[0].problems, text);
    }

    #[test]
    fn arbitrary_text_never_panics(texts in prop::collection::vec(".{0,200}", 0..6)) {
        let report = check_enrolments(texts.iter().map(String::as_str));
        assert_consistent(&report, texts.len());
    }

    #[test]
    fn arbitrary_json_never_panics(values in prop::collection::vec(any_json(), 0..6)) {
        let texts: Vec<String> = values.iter().map(Value::to_string).collect();
        let report = check_enrolments(texts.iter().map(String::as_str));
        assert_consistent(&report, texts.len());
    }

    #[test]
    fn any_value_in_any_field_spoils_only_its_record(
        seed in any::<u64>(),
        field in prop::sample::select(crate::fields::fields(SdrFile::CourseEnrolments).to_vec()),
        value in any_json(),
    ) {
        let mut broken = serde_json::to_value(testkit::valid_enrolment(seed)).unwrap();
        broken[field.name] = value;
        broken["localId"] = Value::from("broken");
        let neighbour = testkit::valid_json(seed.wrapping_add(1));
        let texts = [neighbour, broken.to_string(), testkit::valid_json(seed.wrapping_add(2))];
        let report = check_enrolments(texts.iter().map(String::as_str));
        assert_consistent(&report, 3);
        prop_assert!(report.records[0].problems.is_empty(), "{:#?}", report.records[0].problems);
        prop_assert!(report.records[2].problems.is_empty(), "{:#?}", report.records[2].problems);
    }
}
