use super::*;
use crate::insights::FigureStatus;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn training(nsn: i32, credits: u32, months: u32, start: NaiveDate) -> TrainingEnrolment {
    TrainingEnrolment {
        nsn,
        ethnic: vec![EthnicGroup::Maori],
        birth: day(2000, 1, 1),
        band: Some(LevelBand::Levels4To7NonDegree),
        apprenticeship: false,
        mode: 24,
        field_of_study: "0301".to_owned(),
        credits,
        nominal_months: months,
        start,
        withdrawn_on: None,
        completed_on: None,
    }
}

fn apprentice(start: NaiveDate) -> TrainingEnrolment {
    TrainingEnrolment {
        apprenticeship: true,
        ..training(1, 360, 24, start)
    }
}

fn organisation_figure(figures: &[Figure], kind: IndicatorKind, year: i32) -> &Figure {
    figures
        .iter()
        .find(|f| f.indicator == kind && f.year == year && f.group == Group::Organisation)
        .expect("the organisation's figure")
}

#[test]
fn credits_spread_over_the_nominal_duration_and_stop_at_withdrawal() {
    let mut e = training(1, 120, 12, day(2025, 7, 15));
    // July to December: six months of twelve.
    assert_eq!(e.expected_credits(2025, 12), 60 * Efts::UNITS);
    assert_eq!(e.stm(2025, 12), Efts(5_000));
    assert_eq!(e.stm(2026, 12), Efts(5_000));
    e.withdrawn_on = Some(day(2026, 2, 10));
    // January and February 2026: 20 credits, a sixth of an STM.
    assert_eq!(e.expected_credits(2026, 12), 20 * Efts::UNITS);
    assert_eq!(e.stm(2026, 12), Efts(1_667));
}

#[test]
fn uneven_months_add_up_to_the_programme() {
    let e = training(1, 100, 3, day(2025, 1, 20));
    let months: Vec<i64> = (1..=3)
        .map(|m| {
            e.expected_credits(2025, m)
                - if m == 1 {
                    0
                } else {
                    e.expected_credits(2025, m - 1)
                }
        })
        .collect();
    assert_eq!(months, [333_333, 333_334, 333_333]);
    assert_eq!(e.expected_credits(2025, 12), 100 * Efts::UNITS);
}

#[test]
fn credit_achievement_counts_results_while_in_training_once() {
    let today = day(2026, 8, 1);
    // 600 credits over 12 months from January 2025: 600 expected in 2025, 5 STM.
    let first = training(1, 600, 12, day(2025, 1, 1));
    let second = training(1, 120, 12, day(2025, 1, 1));
    let results = [
        CreditResult {
            nsn: 1,
            credits: 120,
            achieved_on: day(2025, 6, 1),
        },
        CreditResult {
            nsn: 1,
            credits: 24,
            achieved_on: day(2025, 9, 1),
        },
        // Before the training began: not this organisation's.
        CreditResult {
            nsn: 1,
            credits: 40,
            achieved_on: day(2024, 12, 1),
        },
        // Someone not in training here.
        CreditResult {
            nsn: 2,
            credits: 40,
            achieved_on: day(2025, 6, 1),
        },
    ];
    let figures = work_based_indicators(&[first.clone(), second], &results, today);
    let figure = organisation_figure(&figures, IndicatorKind::CreditAchievement, 2025);
    // 144 achieved over 600 + 120 expected: 20%, counted once although two enrolments are open.
    assert_eq!(figure.status, FigureStatus::Shown);
    assert_eq!(figure.rate, Some(0.2));
    assert_eq!(figure.note, None);

    // 480 credits: 4 STM, under the organisation's minimum of 5.
    let small = training(1, 480, 12, day(2025, 1, 1));
    let figures = work_based_indicators(&[small], &results, today);
    let figure = organisation_figure(&figures, IndicatorKind::CreditAchievement, 2025);
    assert_eq!(figure.status, FigureStatus::Suppressed);
    // Exactly 5 STM is shown.
    let figures = work_based_indicators(&[first], &results, today);
    let figure = organisation_figure(&figures, IndicatorKind::CreditAchievement, 2025);
    assert_eq!(
        (figure.status, figure.rate),
        (FigureStatus::Shown, Some(0.24))
    );
}

#[test]
fn this_years_credit_achievement_is_to_date() {
    let today = day(2026, 4, 15);
    // 1,800 credits over 12 months from January: 600 expected to the end of April (5 STM).
    let e = training(1, 1_800, 12, day(2026, 1, 1));
    let results = [CreditResult {
        nsn: 1,
        credits: 150,
        achieved_on: day(2026, 3, 1),
    }];
    let figures = work_based_indicators(&[e], &results, today);
    let figure = organisation_figure(&figures, IndicatorKind::CreditAchievement, 2026);
    assert_eq!(figure.rate, Some(0.25));
    assert_eq!(
        figure.note.as_deref(),
        Some("To date: credits expected from January to April only.")
    );
}

#[test]
fn apprentices_retained_are_in_training_or_completed_a_year_on() {
    // 360 credits over 24 months: 180 credits, 1.5 STM, in a first year.
    let withdrawn_early = TrainingEnrolment {
        withdrawn_on: Some(day(2025, 12, 1)),
        ..apprentice(day(2025, 3, 1))
    };
    let withdrawn_after = TrainingEnrolment {
        withdrawn_on: Some(day(2026, 6, 1)),
        ..apprentice(day(2025, 5, 1))
    };
    let completed = TrainingEnrolment {
        completed_on: Some(day(2026, 1, 10)),
        ..apprentice(day(2025, 2, 1))
    };
    let training_on = apprentice(day(2025, 4, 1));
    let not_an_apprentice = TrainingEnrolment {
        withdrawn_on: Some(day(2025, 5, 1)),
        ..training(9, 360, 24, day(2025, 4, 1))
    };
    let cohort = [
        withdrawn_early,
        withdrawn_after,
        completed,
        training_on,
        not_an_apprentice,
    ];

    let figures = work_based_indicators(&cohort, &[], day(2026, 6, 1));
    let figure = organisation_figure(&figures, IndicatorKind::ApprenticeRetention, 2025);
    // 3 of 4, on 1.25 + 1.5 + 1.5 + 1.5 = 5.75 STM.
    assert_eq!(
        (figure.status, figure.rate),
        (FigureStatus::Shown, Some(0.75))
    );

    // Before the last start's first anniversary (1 May 2026), it is not measured yet.
    let figures = work_based_indicators(&cohort, &[], day(2026, 4, 30));
    let figure = organisation_figure(&figures, IndicatorKind::ApprenticeRetention, 2025);
    assert_eq!(figure.status, FigureStatus::NotMeasured);
    assert_eq!(
        figure.note.as_deref(),
        Some(
            "Measured once every apprentice who started in 2025 has had a year in training, \
             on 2026-05-01."
        )
    );
}

#[test]
fn programme_completion_follows_the_cohort_within_its_window() {
    // 240 credits: a four-year window, 2025 to 2028; 2 STM each in the first year.
    let start = day(2025, 3, 1);
    let inside = TrainingEnrolment {
        completed_on: Some(day(2026, 11, 1)),
        ..training(1, 240, 12, start)
    };
    let outside = TrainingEnrolment {
        completed_on: Some(day(2029, 2, 1)),
        ..training(2, 240, 12, start)
    };
    let not_yet = training(3, 240, 12, start);
    let cohort = [inside, outside, not_yet];

    let figures = work_based_indicators(&cohort, &[], day(2029, 6, 1));
    let figure = organisation_figure(&figures, IndicatorKind::ProgrammeCompletion, 2025);
    assert_eq!(figure.rate, Some(1.0 / 3.0));
    assert_eq!(figure.note, None);

    let figures = work_based_indicators(&cohort, &[], day(2027, 6, 1));
    let figure = organisation_figure(&figures, IndicatorKind::ProgrammeCompletion, 2025);
    assert_eq!(
        figure.note.as_deref(),
        Some("The completion window is still open: the rate can still rise.")
    );
}

#[test]
fn groups_take_the_enrolments_band_ethnicity_and_age() {
    let mut pasifika = training(1, 3_600, 12, day(2025, 1, 1));
    pasifika.ethnic = vec![EthnicGroup::Pasifika];
    pasifika.birth = day(1990, 6, 1);
    pasifika.band = Some(LevelBand::Levels1To3);
    let results = [CreditResult {
        nsn: 1,
        credits: 1_800,
        achieved_on: day(2025, 6, 1),
    }];
    let figures = work_based_indicators(&[pasifika], &results, day(2026, 1, 1));
    let rate_of = |group| {
        figures
            .iter()
            .find(|f| {
                f.indicator == IndicatorKind::CreditAchievement
                    && f.year == 2025
                    && f.group == group
            })
            .expect("a figure")
            .rate
    };
    // 30 STM: enough for a group.
    assert_eq!(rate_of(Group::Ethnicity(EthnicGroup::Pasifika)), Some(0.5));
    assert_eq!(rate_of(Group::LevelBand(LevelBand::Levels1To3)), Some(0.5));
    assert_eq!(rate_of(Group::Age(AgeGroup::From25)), Some(0.5));
    assert_eq!(rate_of(Group::Ethnicity(EthnicGroup::Maori)), None);
    assert_eq!(rate_of(Group::Age(AgeGroup::Under25)), None);
}

#[test]
fn volumes_are_by_year_mode_and_field_to_date() {
    let work_based = training(1, 120, 12, day(2025, 7, 1));
    let assessment = TrainingEnrolment {
        mode: 26,
        field_of_study: "0403".to_owned(),
        ..training(2, 60, 6, day(2025, 1, 1))
    };
    let volumes = training_volumes(&[work_based, assessment], day(2025, 9, 15));
    let line = |year, mode| {
        volumes
            .iter()
            .find(|v| v.year == year && v.mode == mode)
            .map(|v| (v.field_of_study.as_str(), v.stm, v.to_date))
    };
    assert_eq!(line(2025, 24), Some(("0301", Efts(5_000), Efts(2_500))));
    assert_eq!(line(2026, 24), Some(("0301", Efts(5_000), Efts::ZERO)));
    assert_eq!(line(2025, 26), Some(("0403", Efts(5_000), Efts(5_000))));
    assert_eq!(volumes.len(), 3);
}
