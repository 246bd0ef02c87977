//! EFTS by month: counting months across a year end, the two rounding practices, the
//! twelve-month layout.

use serde_json::{Value, json};

use super::{assert_clean, assert_only, codes, problems_of, with};
use crate::validation::Severity::Error;

/// A 0.2 EFTS course from November 2026 to February 2027: four calendar months.
fn across_new_year(months: Value) -> Value {
    with(&[
        ("courseStartDate", json!("2026-11-16T00:00:00+13:00")),
        ("courseEndDate", json!("2027-02-12T00:00:00+13:00")),
        ("courseEftsFactor", json!(0.2)),
        ("eftsByMonth", months),
    ])
}

#[test]
fn a_course_across_the_year_end_has_one_value_per_calendar_month() {
    assert_clean(&[across_new_year(json!([0.05, 0.05, 0.05, 0.05]))]);
    let problem = assert_only(
        &[across_new_year(json!([0.0667, 0.0667, 0.0666]))],
        "CE-021",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem
            .message
            .contains("the course runs 4 months, Nov 2026–Feb 2027"),
        "{}",
        problem.message
    );
    assert_only(
        &[across_new_year(json!([0.04, 0.04, 0.04, 0.04, 0.04]))],
        "CE-021",
        "eftsByMonth",
        Error,
    );
}

#[test]
fn both_rounding_practices_pass() {
    // 0.1 over 3 months: rounded down (0.0333 × 3 = 0.0999) or remainder last (… + 0.0334).
    let three_months = |months: Value| {
        with(&[
            ("courseStartDate", json!("2026-03-02T00:00:00+13:00")),
            ("courseEndDate", json!("2026-05-29T00:00:00+12:00")),
            ("courseEftsFactor", json!(0.1)),
            ("eftsByMonth", months),
        ])
    };
    assert_clean(&[three_months(json!([0.0333, 0.0333, 0.0333]))]);
    assert_clean(&[three_months(json!([0.0333, 0.0333, 0.0334]))]);
    // Vendor sample: 0.1167 over ten months, nine × 0.0117 and 0.0114.
    let ten_months = with(&[
        ("courseStartDate", json!("2026-02-16T00:00:00+13:00")),
        ("courseEndDate", json!("2026-11-20T00:00:00+13:00")),
        ("courseEftsFactor", json!(0.1167)),
        (
            "eftsByMonth",
            json!([
                0.0117, 0.0117, 0.0117, 0.0117, 0.0117, 0.0117, 0.0117, 0.0117, 0.0117, 0.0114
            ]),
        ),
    ]);
    assert_clean(&[ten_months]);
    // Just beyond 0.0001 per value is too far.
    assert_only(
        &[three_months(json!([0.0333, 0.0333, 0.033]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
}

#[test]
fn the_twelve_month_layout_of_a_year_the_course_runs_in_passes() {
    // Feb–Jun 2026 in January–December form.
    assert_clean(&[with(&[(
        "eftsByMonth",
        json!([0, 0.025, 0.025, 0.025, 0.025, 0.025, 0, 0, 0, 0, 0, 0]),
    )])]);
    // Across the year end: each year's file carries that year's months and their share.
    assert_clean(&[across_new_year(json!([
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.05, 0.05
    ]))]);
    assert_clean(&[across_new_year(json!([
        0.05, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    ]))]);
    // EFTS in a month the course does not run.
    let problem = assert_only(
        &[with(&[(
            "eftsByMonth",
            json!([0.025, 0.025, 0.025, 0.025, 0.025, 0, 0, 0, 0, 0, 0, 0]),
        )])],
        "CE-021",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem.message.contains("Jan 2026 has 0.0250"),
        "{}",
        problem.message
    );
    // Right months, wrong share.
    assert_only(
        &[across_new_year(json!([
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.1
        ]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
}

#[test]
fn a_twelve_month_course_is_read_as_its_own_months() {
    let year = |months: Value| {
        with(&[
            ("courseStartDate", json!("2026-03-02T00:00:00+13:00")),
            ("courseEndDate", json!("2027-02-26T00:00:00+13:00")),
            ("courseEftsFactor", json!(1.2)),
            ("eftsByMonth", months),
        ])
    };
    assert_clean(&[year(json!(vec![0.1; 12]))]);
    // Ten of its months fall in 2026: the 2026 layout carries 1.0.
    assert_clean(&[year(json!([
        0, 0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1
    ]))]);
    assert_only(
        &[year(json!(vec![0.1; 11]))],
        "CE-021",
        "eftsByMonth",
        Error,
    );
}

#[test]
fn month_rules_stand_back_when_the_dates_are_the_problem() {
    let problems = problems_of(&[with(&[
        ("courseEndDate", json!("2025-06-26T00:00:00+12:00")),
        ("eftsByMonth", json!([0.125])),
    ])]);
    assert_eq!(codes(&problems), ["CE-012"]);
    let problems = problems_of(&[with(&[("courseEndDate", Value::Null)])]);
    assert_eq!(codes(&problems), ["CE-003"]);
}

#[test]
fn month_values_are_named_by_month() {
    let problem = assert_only(
        &[with(&[(
            "eftsByMonth",
            json!([0.025, 0.025, -0.025, 0.025, 0.075]),
        )])],
        "CE-023",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem.message.contains("value 3 (Apr 2026) is -0.025"),
        "{}",
        problem.message
    );
}

#[test]
fn only_the_last_month_may_differ_and_only_by_the_remainder() {
    let three_months = |factor: f64, months: Value| {
        with(&[
            ("courseStartDate", json!("2026-03-02T00:00:00+13:00")),
            ("courseEndDate", json!("2026-05-29T00:00:00+12:00")),
            ("courseEftsFactor", json!(factor)),
            ("eftsByMonth", months),
        ])
    };
    // The remainder in the first month instead of the last.
    let problem = assert_only(
        &[three_months(0.1, json!([0.0334, 0.0333, 0.0333]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem
            .message
            .starts_with("eftsByMonth value 1 (Mar 2026) is 0.0334, expected 0.0333"),
        "{}",
        problem.message
    );
    assert!(
        problem.message.contains("the remainder, 0.0334"),
        "{}",
        problem.message
    );
    // Rounded to the nearest in every month: spec 003 says only "rounded to four decimal
    // places", so 0.1167 over ten months as 0.0117 each is accepted though it adds up to 0.1170.
    assert_clean(&[with(&[
        ("courseStartDate", json!("2026-02-16T00:00:00+13:00")),
        ("courseEndDate", json!("2026-11-20T00:00:00+13:00")),
        ("courseEftsFactor", json!(0.1167)),
        ("eftsByMonth", json!(vec![0.0117; 10])),
    ])]);
    // 0.125 over three months: 0.0416 rounded down, 0.0417 rounded to the nearest; each way,
    // and the remainder after either, is a correct spread.
    assert_clean(&[three_months(0.125, json!([0.0417, 0.0417, 0.0417]))]);
    assert_clean(&[three_months(0.125, json!([0.0416, 0.0416, 0.0416]))]);
    assert_clean(&[three_months(0.125, json!([0.0416, 0.0416, 0.0418]))]);
    assert_clean(&[three_months(0.125, json!([0.0417, 0.0417, 0.0416]))]);
    // Mixing the two ways in the regular months is not rounding one value.
    let problem = assert_only(
        &[three_months(0.125, json!([0.0416, 0.0417, 0.0417]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem.message.contains(
            "0.0416 a month rounded down, as the funder does, or 0.0417 rounded to the nearest"
        ),
        "{}",
        problem.message
    );
    // Rounding up is not rounding to the nearest: 0.1 over three months is 0.0333 either way.
    assert_only(
        &[three_months(0.1, json!([0.0334, 0.0334, 0.0334]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
    // Every month the same but not the factor's share.
    assert_only(
        &[three_months(0.1, json!([0.033, 0.033, 0.033]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
    // A remainder that rounding to nearest leaves (0.2 over 3: 0.0667, 0.0667, 0.0666).
    assert_clean(&[three_months(0.2, json!([0.0667, 0.0667, 0.0666]))]);
    assert_clean(&[three_months(0.2, json!([0.0666, 0.0666, 0.0668]))]);
    assert_clean(&[three_months(0.2, json!([0.0666, 0.0666, 0.0666]))]);
}

#[test]
fn the_twelve_month_layout_follows_the_same_rounding() {
    // Feb–Jun 2026, 0.1001 over five months: 0.0200 a month, remainder 0.0201.
    let february_to_june =
        |months: Value| with(&[("courseEftsFactor", json!(0.1001)), ("eftsByMonth", months)]);
    assert_clean(&[february_to_june(json!([
        0, 0.02, 0.02, 0.02, 0.02, 0.02, 0, 0, 0, 0, 0, 0
    ]))]);
    assert_clean(&[february_to_june(json!([
        0, 0.02, 0.02, 0.02, 0.02, 0.0201, 0, 0, 0, 0, 0, 0
    ]))]);
    let problem = assert_only(
        &[february_to_june(json!([
            0, 0.0201, 0.02, 0.02, 0.02, 0.02, 0, 0, 0, 0, 0, 0
        ]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
    assert!(
        problem
            .message
            .starts_with("eftsByMonth's 12 values for January–December 2026: Feb 2026 is 0.0201"),
        "{}",
        problem.message
    );
    // Across the year end, 0.1001 over Nov 2026–Feb 2027: the remainder belongs to February
    // 2027, so the 2026 layout carries 0.0250 in both its months.
    let across = |months: Value| {
        with(&[
            ("courseStartDate", json!("2026-11-16T00:00:00+13:00")),
            ("courseEndDate", json!("2027-02-12T00:00:00+13:00")),
            ("courseEftsFactor", json!(0.1001)),
            ("eftsByMonth", months),
        ])
    };
    assert_clean(&[across(json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.025, 0.025]))]);
    assert_clean(&[across(json!([0.025, 0.0251, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))]);
    assert_only(
        &[across(json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.025, 0.0251]))],
        "CE-022",
        "eftsByMonth",
        Error,
    );
}
