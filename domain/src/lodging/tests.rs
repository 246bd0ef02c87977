use chrono::TimeZone;

use super::*;
use crate::calendar::{RoundKind, Window};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

/// A New Zealand wall-clock time.
fn nz(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Auckland
        .with_ymd_and_hms(y, m, d, h, min, s)
        .single()
        .expect("unambiguous")
        .with_timezone(&Utc)
}

fn round(kind: RoundKind) -> Round {
    Round::standard(2026, kind).expect("2026")
}

const ORG: i64 = 6004;

fn lift(due_at: DateTime<Utc>) -> StopGateLift {
    StopGateLift {
        id: "lift-1".to_owned(),
        organisation: Edumis::new(ORG).expect("EDUMIS"),
        due_at,
        reason: "system outage".to_owned(),
        used_by: None,
    }
}

fn facts<'a>(round: &'a Round, now: DateTime<Utc>) -> LodgingFacts<'a> {
    LodgingFacts {
        round,
        now,
        submission_type: SubmissionType::Return,
        lodged_before: false,
        lift: None,
        workforce_questionnaire_processed: true,
        efts_forecast_required: false,
        efts_forecast_lodged: false,
        pending_course_changes: &[],
        carries_course_register: true,
        course_differences: &[],
    }
}

fn refused(facts: &LodgingFacts<'_>) -> Refusal {
    check_lodging(facts).expect_err("refused")
}

const ON_TIME: Lodging = Lodging {
    late: false,
    uses_lift: false,
};
const LATE_THROUGH_LIFT: Lodging = Lodging {
    late: true,
    uses_lift: true,
};

#[test]
fn april_is_due_at_5pm_new_zealand_standard_time() {
    // Daylight saving ended on 5 April 2026: 5 pm NZST is 05:00 UTC, not the 04:00 of NZDT.
    let april = round(RoundKind::Apr);
    assert_eq!(april.due_at, utc("2026-04-29T05:00:00Z"));
    let last_second = nz(2026, 4, 29, 16, 59, 59);
    assert_eq!(last_second, utc("2026-04-29T04:59:59Z"));
    assert_eq!(check_lodging(&facts(&april, last_second)), Ok(ON_TIME));
    let refusal = refused(&facts(&april, april.due_at));
    assert_eq!(refusal.rule, RoundRule::StopGate);
    assert!(
        refusal.detail.contains("5:00 pm Wed 29 Apr 2026 NZST"),
        "{}",
        refusal.detail
    );
    assert!(
        refusal.detail.contains("Stop Gate lift"),
        "{}",
        refusal.detail
    );
}

#[test]
fn the_indicative_round_is_due_at_5pm_daylight_time() {
    let ind = round(RoundKind::Ind);
    assert_eq!(ind.due_at, utc("2026-03-06T04:00:00Z"));
    assert_eq!(
        check_lodging(&facts(&ind, utc("2026-03-06T03:59:59Z"))),
        Ok(ON_TIME)
    );
    let refusal = refused(&facts(&ind, utc("2026-03-06T04:00:00Z")));
    assert!(refusal.detail.contains("NZDT"), "{}", refusal.detail);
}

#[test]
fn nothing_is_lodged_before_the_round_opens() {
    let august = round(RoundKind::Aug);
    let refusal = refused(&facts(
        &august,
        august.opens_at - chrono::Duration::seconds(1),
    ));
    assert_eq!(refusal.rule, RoundRule::RoundNotOpen);
    assert!(
        refusal.detail.contains("12:00 am Sat 8 Aug 2026 NZST"),
        "{}",
        refusal.detail
    );
    assert_eq!(check_lodging(&facts(&august, august.opens_at)), Ok(ON_TIME));
}

#[test]
fn a_lift_lets_a_late_return_in_until_its_own_due_date_and_marks_it_late() {
    let april = round(RoundKind::Apr);
    let lifted = lift(nz(2026, 5, 8, 17, 0, 0));
    let mut late = facts(&april, nz(2026, 5, 8, 16, 59, 0));
    late.lift = Some(&lifted);
    assert_eq!(check_lodging(&late), Ok(LATE_THROUGH_LIFT));

    late.now = lifted.due_at;
    assert_eq!(
        refused(&late).rule,
        RoundRule::StopGate,
        "the lift has expired"
    );

    let mut used = lifted.clone();
    used.used_by = Some("earlier".to_owned());
    late.now = nz(2026, 5, 1, 9, 0, 0);
    late.lift = Some(&used);
    assert_eq!(
        refused(&late).rule,
        RoundRule::StopGate,
        "a lift allows one lodging"
    );
}

#[test]
fn a_lift_is_not_used_by_a_return_on_time() {
    let april = round(RoundKind::Apr);
    let lifted = lift(nz(2026, 5, 8, 17, 0, 0));
    let mut early = facts(&april, nz(2026, 4, 28, 9, 0, 0));
    early.lift = Some(&lifted);
    assert_eq!(check_lodging(&early), Ok(ON_TIME));
}

#[test]
fn august_and_december_resubmissions_need_a_lift_even_before_the_due_date() {
    for kind in [RoundKind::Aug, RoundKind::Dec] {
        let round = round(kind);
        let mut again = facts(&round, round.opens_at + chrono::Duration::days(2));
        again.lodged_before = true;
        let refusal = refused(&again);
        assert_eq!(refusal.rule, RoundRule::ResubmissionNeedsLift, "{kind:?}");
        assert!(refusal.detail.contains("approval"), "{}", refusal.detail);
        let lifted = lift(round.due_at + chrono::Duration::days(10));
        again.lift = Some(&lifted);
        assert_eq!(check_lodging(&again), Ok(LATE_THROUGH_LIFT), "{kind:?}");
    }
}

#[test]
fn april_resubmissions_are_free_inside_the_window_only() {
    let mut april = round(RoundKind::Apr);
    let window = Window {
        opens_at: nz(2026, 6, 1, 0, 0, 0),
        closes_at: nz(2026, 6, 12, 17, 0, 0),
    };
    april.resubmission_window = Some(window);
    let mut again = facts(&april, window.opens_at);
    again.lodged_before = true;
    assert_eq!(
        check_lodging(&again),
        Ok(ON_TIME),
        "first second of the window"
    );
    again.now = window.closes_at - chrono::Duration::seconds(1);
    assert_eq!(
        check_lodging(&again),
        Ok(ON_TIME),
        "last second of the window"
    );

    again.now = window.closes_at;
    let refusal = refused(&again);
    assert_eq!(refusal.rule, RoundRule::AprilResubmissionOutsideWindow);
    assert!(
        refusal.detail.contains("closed at 5:00 pm Fri 12 Jun 2026"),
        "{}",
        refusal.detail
    );

    again.now = window.opens_at - chrono::Duration::seconds(1);
    let refusal = refused(&again);
    assert!(refusal.detail.contains("opens at"), "{}", refusal.detail);

    let lifted = lift(nz(2026, 7, 1, 17, 0, 0));
    again.now = nz(2026, 6, 20, 9, 0, 0);
    again.lift = Some(&lifted);
    assert_eq!(check_lodging(&again), Ok(LATE_THROUGH_LIFT));

    april.resubmission_window = None;
    let mut unset = facts(&april, nz(2026, 6, 2, 9, 0, 0));
    unset.lodged_before = true;
    assert!(refused(&unset).detail.contains("not yet set"));
}

#[test]
fn a_resubmission_window_across_a_daylight_saving_change_keeps_wall_clock_times() {
    // Daylight saving starts on 27 September 2026: a window closing on 30 September closes
    // at 5 pm NZDT, 04:00 UTC.
    let mut april = round(RoundKind::Apr);
    let window = Window {
        opens_at: nz(2026, 9, 21, 0, 0, 0),
        closes_at: nz(2026, 9, 30, 17, 0, 0),
    };
    assert_eq!(window.closes_at, utc("2026-09-30T04:00:00Z"));
    april.resubmission_window = Some(window);
    let mut again = facts(&april, utc("2026-09-30T03:59:59Z"));
    again.lodged_before = true;
    assert_eq!(check_lodging(&again), Ok(ON_TIME));
    again.now = utc("2026-09-30T04:00:00Z");
    assert!(refused(&again).detail.contains("NZDT"));
}

#[test]
fn december_needs_a_processed_workforce_questionnaire() {
    let december = round(RoundKind::Dec);
    let mut lodging = facts(&december, december.opens_at);
    lodging.workforce_questionnaire_processed = false;
    let refusal = refused(&lodging);
    assert_eq!(refusal.rule, RoundRule::WorkforceQuestionnaireMissing);
    assert!(
        refusal.detail.contains("workforce-questionnaires"),
        "{}",
        refusal.detail
    );
    for kind in [RoundKind::Ind, RoundKind::Apr, RoundKind::Aug] {
        let other = round(kind);
        let mut lodging = facts(&other, other.opens_at);
        lodging.workforce_questionnaire_processed = false;
        assert_eq!(check_lodging(&lodging), Ok(ON_TIME), "{kind:?}");
    }
}

#[test]
fn standalone_files_pass_the_stop_gate_but_not_a_published_round() {
    let april = round(RoundKind::Apr);
    let mut files = facts(&april, nz(2026, 11, 3, 9, 0, 0));
    files.submission_type = SubmissionType::StandaloneFiles;
    files.lodged_before = true;
    assert_eq!(check_lodging(&files), Ok(ON_TIME));
    let mut published = april.clone();
    published.published = true;
    files.round = &published;
    assert_eq!(refused(&files).rule, RoundRule::RoundPublished);
}

#[test]
fn a_published_round_refuses_every_change() {
    let mut august = round(RoundKind::Aug);
    assert_eq!(check_change(&august), Ok(()));
    august.published = true;
    let refusal = check_change(&august).expect_err("published");
    assert_eq!(refusal.rule, RoundRule::RoundPublished);
    assert!(refusal.detail.contains("can no longer be altered"));
    assert_eq!(
        refused(&facts(&august, august.opens_at)).rule,
        RoundRule::RoundPublished
    );
}

#[test]
fn a_lift_needs_a_latest_submission_processed_with_zero_errors() {
    let april = round(RoundKind::Apr);
    let org = Edumis::new(ORG).expect("EDUMIS");
    let now = nz(2026, 5, 4, 9, 0, 0);
    let due = nz(2026, 5, 11, 17, 0, 0);
    assert_eq!(
        check_lift_grant(
            &april,
            now,
            due,
            org,
            Some((SubmissionStatus::Processed, 0))
        ),
        Ok(())
    );
    for latest in [
        Some((SubmissionStatus::Rejected, 3)),
        Some((SubmissionStatus::Draft, 0)),
        None,
    ] {
        let refusal = check_lift_grant(&april, now, due, org, latest).expect_err("refused");
        assert_eq!(
            refusal.rule,
            RoundRule::LiftNeedsProcessedReturn,
            "{latest:?}"
        );
        assert!(refusal.detail.contains("Processed with zero errors"));
    }
    let refusal = check_lift_grant(
        &april,
        now,
        now,
        org,
        Some((SubmissionStatus::Processed, 0)),
    )
    .expect_err("due date not ahead");
    assert_eq!(refusal.rule, RoundRule::LiftDueNotAhead);
}

#[test]
fn standalone_submissions_take_only_the_register_and_completions() {
    let kind = SubmissionType::StandaloneFiles;
    assert_eq!(kind.files(RoundKind::Apr), STANDALONE_FILES.to_vec());
    assert_eq!(kind.files(RoundKind::Ind), vec![SdrFile::Courses]);
    let refusal = kind
        .check_file(RoundKind::Apr, SdrFile::Learners)
        .expect_err("learners are not standalone");
    assert_eq!(refusal.rule, RoundRule::FileNotInSubmissionType);
    assert!(
        refusal.detail.contains("Return submission"),
        "{}",
        refusal.detail
    );
    assert!(
        SubmissionType::Return
            .check_file(RoundKind::Apr, SdrFile::Learners)
            .is_ok()
    );
}

#[test]
fn a_return_with_forecast_provision_waits_for_the_lodged_forecast() {
    for kind in [RoundKind::Apr, RoundKind::Aug, RoundKind::Dec] {
        let round = round(kind);
        let mut needs = facts(&round, round.opens_at);
        needs.efts_forecast_required = true;
        let refusal = refused(&needs);
        assert_eq!(refusal.rule, RoundRule::EftsForecastMissing, "{kind}");
        assert!(
            refusal.detail.contains("submissionType EftsForecast")
                && refusal.detail.contains("2027 to 2030"),
            "{}",
            refusal.detail
        );
        needs.efts_forecast_lodged = true;
        assert_eq!(check_lodging(&needs), Ok(ON_TIME), "{kind}");
    }
    // The indicative return has no forecast.
    let ind = round(RoundKind::Ind);
    let mut indicative = facts(&ind, ind.opens_at);
    indicative.efts_forecast_required = true;
    assert_eq!(check_lodging(&indicative), Ok(ON_TIME));
}

#[test]
fn the_forecast_follows_the_due_date_and_a_lift_without_using_it_up() {
    let april = round(RoundKind::Apr);
    let mut forecast = facts(&april, april.due_at - chrono::Duration::seconds(1));
    forecast.submission_type = SubmissionType::EftsForecast;
    // The December WFQ and the forecast itself are the return's prerequisites, not its own.
    forecast.workforce_questionnaire_processed = false;
    assert_eq!(check_lodging(&forecast), Ok(ON_TIME));
    forecast.now = april.due_at;
    assert_eq!(refused(&forecast).rule, RoundRule::StopGate);
    let lifted = lift(nz(2026, 5, 8, 17, 0, 0));
    forecast.lift = Some(&lifted);
    assert_eq!(
        check_lodging(&forecast),
        Ok(Lodging {
            late: true,
            uses_lift: false
        })
    );
    // A forecast already lodged for August is resubmitted only through a lift.
    let august = round(RoundKind::Aug);
    let mut again = facts(&august, august.opens_at);
    again.submission_type = SubmissionType::EftsForecast;
    again.lodged_before = true;
    assert_eq!(refused(&again).rule, RoundRule::ResubmissionNeedsLift);
}

#[test]
fn a_forecast_submission_takes_only_forecast_lines_and_not_in_march() {
    let forecast = SubmissionType::EftsForecast;
    assert_eq!(forecast.files(RoundKind::Apr), [SdrFile::EftsForecasts]);
    assert_eq!(
        forecast.check_file(RoundKind::Aug, SdrFile::EftsForecasts),
        Ok(())
    );
    let refusal = forecast
        .check_file(RoundKind::Aug, SdrFile::Learners)
        .expect_err("learners go in a return");
    assert_eq!(refusal.rule, RoundRule::FileNotInSubmissionType);
    assert!(
        refusal.detail.contains("in a Return submission"),
        "{}",
        refusal.detail
    );
    let refusal = SubmissionType::Return
        .check_file(RoundKind::Apr, SdrFile::EftsForecasts)
        .expect_err("the forecast is its own submission");
    assert!(
        refusal.detail.contains("in an EftsForecast submission"),
        "{}",
        refusal.detail
    );
    let refusal = forecast
        .check_round(RoundKind::Ind)
        .expect_err("no forecast in March");
    assert_eq!(refusal.rule, RoundRule::FileNotInSubmissionType);
    assert!(SubmissionType::Return.check_round(RoundKind::Ind).is_ok());
    assert_eq!("eftsforecast".parse(), Ok(SubmissionType::EftsForecast));
}

#[test]
fn rule_codes_are_distinct_and_described() {
    let codes: std::collections::HashSet<_> = RoundRule::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), RoundRule::ALL.len());
    assert!(
        RoundRule::ALL
            .iter()
            .all(|rule| rule.description().len() > 30)
    );
}

/// `docs/rounds.md` shows the rules as `rules_table` gives them.
#[test]
fn the_rounds_doc_lists_every_rule_as_the_code_says_it() {
    let doc = include_str!("../../../docs/rounds.md");
    assert!(
        doc.contains(&rules_table()),
        "docs/rounds.md must hold lodging::rules_table() verbatim:\n{}",
        rules_table()
    );
    assert!(doc.contains(&crate::workforce::rules_table()));
}

fn difference(code: &str, fields: &[crate::registers::CourseField]) -> CourseDifference {
    let details = crate::registers::CourseDetails {
        course_title: "Economics".to_owned(),
        qualification_code: "PC4001".to_owned(),
        course_classification: 13.1,
        nzsced_field_of_study: "091901".to_owned(),
        level_on_nzqcf: 5,
        credit: 15,
        funding_category: "A2".to_owned(),
        course_efts_factor: 0.125,
        course_tuition_fee: Some(900.0),
        compulsory_course_costs_fee: None,
        course_exemption_from_amfm: None,
    };
    CourseDifference {
        course_code: code.to_owned(),
        kind: crate::registers::DifferenceKind::Changed,
        changed_fields: fields.to_vec(),
        current: Some(details.clone()),
        proposed: details,
    }
}

#[test]
fn a_pending_course_change_holds_the_return_and_a_further_standalone_register() {
    use crate::registers::CourseField;
    let round = round(RoundKind::Apr);
    let now = nz(2026, 4, 20, 9, 0, 0);
    let pending = ["ECON112".to_owned()];
    let mut facts = facts(&round, now);
    assert!(check_lodging(&facts).is_ok(), "nothing pending: lodged");

    facts.pending_course_changes = &pending;
    let refusal = refused(&facts);
    assert_eq!(refusal.rule, RoundRule::CourseChangePending);
    assert!(refusal.detail.contains("ECON112"), "{}", refusal.detail);
    assert!(
        refusal.detail.contains("wait for the decisions"),
        "{}",
        refusal.detail
    );

    // A standalone course register is held too; completion files sent alone are not.
    facts.submission_type = SubmissionType::StandaloneFiles;
    assert_eq!(refused(&facts).rule, RoundRule::CourseChangePending);
    facts.carries_course_register = false;
    assert!(
        check_lodging(&facts).is_ok(),
        "completions alone go through"
    );

    // The EFTS forecast is not held.
    facts.submission_type = SubmissionType::EftsForecast;
    facts.carries_course_register = false;
    assert!(check_lodging(&facts).is_ok());

    // A pending request outranks the differences it is about: it is what to wait for.
    facts.submission_type = SubmissionType::Return;
    let differences = [difference("ECON112", &[CourseField::Credit])];
    facts.course_differences = &differences;
    assert_eq!(refused(&facts).rule, RoundRule::CourseChangePending);
}

#[test]
fn a_return_changing_credits_fees_level_or_classification_waits_for_approval() {
    use crate::registers::CourseField;
    let round = round(RoundKind::Apr);
    let now = nz(2026, 4, 20, 9, 0, 0);
    let mut facts = facts(&round, now);
    // Title, qualification, field of study, funding category, EFTS factor and AMFM exemption
    // need no approval before the SDR: lodged.
    let free = [difference(
        "ECON112",
        &[
            CourseField::Title,
            CourseField::Qualification,
            CourseField::FieldOfStudy,
            CourseField::FundingCategory,
            CourseField::EftsFactor,
            CourseField::AmfmExemption,
        ],
    )];
    facts.course_differences = &free;
    assert!(check_lodging(&facts).is_ok());
    for field in [
        CourseField::Credit,
        CourseField::TuitionFee,
        CourseField::CompulsoryCostsFee,
        CourseField::Level,
        CourseField::Classification,
    ] {
        let held = [
            difference("ACCT101", &[CourseField::Title]),
            difference("ECON112", &[CourseField::Title, field]),
        ];
        let mut held_facts = facts.clone();
        held_facts.course_differences = &held;
        let refusal = refused(&held_facts);
        assert_eq!(refusal.rule, RoundRule::CourseChangeNotApproved, "{field}");
        assert!(
            refusal
                .detail
                .contains(&format!("ECON112 ({})", field.name())),
            "{}",
            refusal.detail
        );
        assert!(!refusal.detail.contains("ACCT101"), "{}", refusal.detail);
        assert!(
            refusal.detail.contains("send them as change requests"),
            "{}",
            refusal.detail
        );
    }
    // Standalone files are not held by differences: they are how the changes are asked for.
    facts.submission_type = SubmissionType::StandaloneFiles;
    assert!(check_lodging(&facts).is_ok());
}

#[test]
fn the_course_register_rules_wait_for_the_round_rules_before_them() {
    let round = round(RoundKind::Apr);
    let pending = ["ECON112".to_owned()];
    let mut facts = facts(&round, nz(2026, 4, 16, 23, 59, 59));
    facts.pending_course_changes = &pending;
    // Before the round opens, that is what the refusal says.
    assert_eq!(refused(&facts).rule, RoundRule::RoundNotOpen);
    facts.now = nz(2026, 4, 17, 0, 0, 0);
    assert_eq!(refused(&facts).rule, RoundRule::CourseChangePending);
}

#[test]
fn a_long_list_of_pending_courses_is_cut_short() {
    let round = round(RoundKind::Apr);
    let pending: Vec<String> = (1..=8).map(|n| format!("C{n}")).collect();
    let mut facts = facts(&round, nz(2026, 4, 20, 9, 0, 0));
    facts.pending_course_changes = &pending;
    let refusal = refused(&facts);
    assert!(
        refusal.detail.contains("C1, C2, C3, C4, C5 and 3 more"),
        "{}",
        refusal.detail
    );
}
