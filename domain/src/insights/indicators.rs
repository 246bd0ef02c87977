//! The educational performance indicators of one organisation, year by year, from the facts of
//! its lodged returns (the latest round of each year): each figure for the whole organisation
//! and by level band, ethnic group and age group, with suppression applied to every figure.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::FirstYear;
use super::cohorts::{
    LowerLevelCompletion, QualificationStart, Share, first_year_retention, progression,
    qualification_completion,
};
use super::completion::CourseCompletionRate;
use super::facts::{LearnerYear, ReturnFacts};
use super::groups::{AgeGroup, EthnicGroup, LevelBand};
use super::suppression::{Shown, Suppression};
use super::units::Efts;

/// One year of an organisation: the facts of its latest lodged return of the year.
#[derive(Debug, Clone, Copy)]
pub struct YearOfFacts<'a> {
    pub facts: &'a ReturnFacts,
    pub learners: &'a [LearnerYear],
}

/// Which indicator a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndicatorKind {
    CourseCompletion,
    QualificationCompletion,
    FirstYearRetention,
    Progression,
    /// Work-based: apprentices still in training, or completed, a year after they started.
    ApprenticeRetention,
    /// Work-based: cohort-based programme completion.
    ProgrammeCompletion,
    /// Work-based: credits achieved over credits expected in the year.
    CreditAchievement,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 7] = [
        IndicatorKind::CourseCompletion,
        IndicatorKind::QualificationCompletion,
        IndicatorKind::FirstYearRetention,
        IndicatorKind::Progression,
        IndicatorKind::ApprenticeRetention,
        IndicatorKind::ProgrammeCompletion,
        IndicatorKind::CreditAchievement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorKind::CourseCompletion => "course-completion",
            IndicatorKind::QualificationCompletion => "qualification-completion",
            IndicatorKind::FirstYearRetention => "first-year-retention",
            IndicatorKind::Progression => "progression",
            IndicatorKind::ApprenticeRetention => "apprentice-retention",
            IndicatorKind::ProgrammeCompletion => "programme-completion",
            IndicatorKind::CreditAchievement => "credit-achievement",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::CourseCompletion => "Course completion rate (EFTS-weighted)",
            IndicatorKind::QualificationCompletion => "Cohort qualification completion rate",
            IndicatorKind::FirstYearRetention => "First-year retention rate",
            IndicatorKind::Progression => "Progression rate",
            IndicatorKind::ApprenticeRetention => "Apprentice first-year retention rate",
            IndicatorKind::ProgrammeCompletion => "Cohort programme completion rate (work-based)",
            IndicatorKind::CreditAchievement => "Credit achievement rate (work-based)",
        }
    }
}

/// Whom a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", content = "group", rename_all = "kebab-case")]
pub enum Group {
    Organisation,
    LevelBand(LevelBand),
    Ethnicity(EthnicGroup),
    Age(AgeGroup),
}

impl Group {
    /// Every group a figure is given for, the organisation first.
    pub fn every() -> Vec<Group> {
        let mut groups = vec![Group::Organisation];
        groups.extend(LevelBand::ALL.map(Group::LevelBand));
        groups.extend(EthnicGroup::ALL.map(Group::Ethnicity));
        groups.extend(AgeGroup::ALL.map(Group::Age));
        groups
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Organisation => "All learners",
            Group::LevelBand(band) => band.label(),
            Group::Ethnicity(group) => group.label(),
            Group::Age(group) => group.label(),
        }
    }

    fn suppression(self) -> Suppression {
        match self {
            Group::Organisation => Suppression::Organisation,
            _ => Suppression::Group,
        }
    }
}

/// Whether a figure may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureStatus {
    Shown,
    /// Rests on fewer EFTS than the publication minimum.
    Suppressed,
    /// Nothing to measure: no one in the group, or the data that decides it is not lodged yet.
    NotMeasured,
}

impl FigureStatus {
    /// As the API names it.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureStatus::Shown => "shown",
            FigureStatus::Suppressed => "suppressed",
            FigureStatus::NotMeasured => "not-measured",
        }
    }

    /// As a person reads it (a spreadsheet's column, a page).
    pub fn in_words(self) -> &'static str {
        match self {
            FigureStatus::Shown => "shown",
            FigureStatus::Suppressed => "suppressed",
            FigureStatus::NotMeasured => "not measured",
        }
    }
}

/// One figure: an indicator for one group in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    pub indicator: IndicatorKind,
    pub year: i32,
    #[serde(flatten)]
    pub group: Group,
    pub status: FigureStatus,
    /// From 0 to 1, only when shown.
    pub rate: Option<f64>,
    /// What the figure is, in plain words, for tables and screen readers.
    pub in_words: String,
    /// Said beside the figure: a window still open, a year not lodged yet.
    pub note: Option<String>,
}

impl Figure {
    pub(super) fn of(
        indicator: IndicatorKind,
        year: i32,
        group: Group,
        measured: Option<(f64, Efts)>,
        note: Option<String>,
    ) -> Figure {
        let suppression = group.suppression();
        let (status, rate, in_words) = match measured {
            None => (
                FigureStatus::NotMeasured,
                None,
                "Not measured: no learners in this group, or the data that decides it is not \
                 lodged yet."
                    .to_owned(),
            ),
            Some((rate, efts)) => match suppression.apply(efts, rate) {
                Shown::Value(rate) => (
                    FigureStatus::Shown,
                    Some(rate),
                    format!("{:.1}%", rate * 100.0),
                ),
                Shown::Suppressed { minimum } => (
                    FigureStatus::Suppressed,
                    None,
                    format!(
                        "Not shown: fewer than {} EFTS, too few for no one to be recognised.",
                        minimum.0 / Efts::UNITS
                    ),
                ),
            },
        };
        Figure {
            indicator,
            year,
            group,
            status,
            rate,
            in_words,
            note,
        }
    }
}

fn of_rate(rate: &CourseCompletionRate) -> Option<(f64, Efts)> {
    rate.rate().map(|value| (value, rate.finished))
}

fn of_share(share: &Share) -> Option<(f64, Efts)> {
    share.rate().map(|value| (value, share.efts))
}

fn learner_in(learner: &LearnerYear, group: Group, band: Option<LevelBand>) -> bool {
    match group {
        Group::Organisation => true,
        Group::LevelBand(wanted) => band == Some(wanted),
        Group::Ethnicity(wanted) => learner.ethnic.contains(&wanted),
        Group::Age(wanted) => learner.age == wanted,
    }
}

/// One learner's part in the cohort indicators of a year.
struct LearnerView<'a> {
    learner: &'a LearnerYear,
    band: Option<LevelBand>,
    first_year: bool,
    /// Enrolled here again the next year.
    re_enrolled: bool,
    /// The qualifications first studied here this year, with their bands.
    starts: Vec<(Option<LevelBand>, QualificationStart)>,
    completions: Vec<LowerLevelCompletion>,
}

/// The learner's band for the cohort indicators: that of the highest qualification they
/// studied in the year.
pub(super) fn highest_band(learner: &LearnerYear) -> Option<LevelBand> {
    learner
        .studied
        .iter()
        .filter_map(|studied| studied.band)
        .max()
}

/// The figures of every indicator, group and year of `years` (ascending, one entry per year,
/// the latest lodged return of each). `later_study` gives, by NSN, the course starts (date,
/// level) at any organisation in the years after a completion, for progression; the caller
/// gathers it from every organisation's facts it holds.
pub fn indicators(
    years: &[YearOfFacts<'_>],
    later_study: &HashMap<i32, Vec<(NaiveDate, u8)>>,
) -> Vec<Figure> {
    let mut figures = Vec::new();
    let Some(last_year) = years.last().map(|year| year.facts.year) else {
        return figures;
    };
    let by_year: HashMap<i32, &YearOfFacts> =
        years.iter().map(|year| (year.facts.year, year)).collect();
    let nsns: HashMap<i32, HashSet<i32>> = years
        .iter()
        .map(|year| {
            (
                year.facts.year,
                year.learners.iter().map(|learner| learner.nsn).collect(),
            )
        })
        .collect();
    // The first year each learner studied each qualification here, and completed it.
    let mut first_studied: HashMap<(i32, &str), i32> = HashMap::new();
    let mut completed_in: HashMap<(i32, &str), i32> = HashMap::new();
    let mut first_seen: HashMap<i32, i32> = HashMap::new();
    for year in years {
        for learner in year.learners {
            first_seen.entry(learner.nsn).or_insert(year.facts.year);
            for studied in &learner.studied {
                first_studied
                    .entry((learner.nsn, studied.qualification.as_str()))
                    .or_insert(year.facts.year);
            }
            for completed in &learner.completed {
                completed_in
                    .entry((learner.nsn, completed.qualification.as_str()))
                    .or_insert(year.facts.year);
            }
        }
    }

    for year in years {
        let y = year.facts.year;
        let next_lodged = by_year.contains_key(&(y + 1));
        let next_year = nsns.get(&(y + 1));
        // What each learner brings to the cohort indicators, worked out once for every group.
        let views: Vec<LearnerView> = year
            .learners
            .iter()
            .map(|learner| LearnerView {
                learner,
                band: highest_band(learner),
                first_year: first_seen.get(&learner.nsn) == Some(&y),
                re_enrolled: next_year.is_some_and(|next| next.contains(&learner.nsn)),
                starts: learner
                    .studied
                    .iter()
                    .filter(|studied| {
                        first_studied.get(&(learner.nsn, studied.qualification.as_str()))
                            == Some(&y)
                    })
                    .map(|studied| {
                        (
                            studied.band,
                            QualificationStart {
                                efts: learner.efts,
                                start_year: y,
                                credits: studied.credits,
                                completed_in: completed_in
                                    .get(&(learner.nsn, studied.qualification.as_str()))
                                    .copied(),
                            },
                        )
                    })
                    .collect(),
                completions: learner
                    .completed
                    .iter()
                    .filter(|completed| completed.progression_funded)
                    .map(|completed| LowerLevelCompletion {
                        efts: learner.efts,
                        level: completed.level,
                        completed_on: completed.on,
                        later_study: later_study.get(&learner.nsn).cloned().unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect();
        for group in Group::every() {
            // Course completion: the year's enrolments that ended with a final outcome.
            let rate = year.facts.completion_where(|line| match group {
                Group::Organisation => true,
                Group::LevelBand(band) => line.band == Some(band),
                Group::Ethnicity(wanted) => line.ethnic.contains(&wanted),
                Group::Age(wanted) => line.age == wanted,
            });
            figures.push(Figure::of(
                IndicatorKind::CourseCompletion,
                y,
                group,
                of_rate(&rate),
                None,
            ));

            // Cohort qualification completion: the starts of the year, seen from the last year.
            let starts: Vec<QualificationStart> = views
                .iter()
                .flat_map(|view| {
                    view.starts
                        .iter()
                        .filter(move |(band, _)| learner_in(view.learner, group, *band))
                        .map(|(_, start)| *start)
                })
                .collect();
            let cohort = qualification_completion(&starts, y, last_year);
            let note = (!cohort.window_closed && cohort.share.cohort > 0).then(|| {
                "The completion window is still open: the rate can still rise.".to_owned()
            });
            figures.push(Figure::of(
                IndicatorKind::QualificationCompletion,
                y,
                group,
                of_share(&cohort.share),
                note,
            ));

            // First-year retention: learners first seen here this year, measured once the
            // next year's return is lodged.
            let cohort: Vec<FirstYear> = views
                .iter()
                .filter(|view| view.first_year && learner_in(view.learner, group, view.band))
                .map(|view| FirstYear {
                    efts: view.learner.efts,
                    completed: !view.learner.completed.is_empty(),
                    re_enrolled: view.re_enrolled,
                })
                .collect();
            let share = first_year_retention(&cohort);
            let (measured, note) = if next_lodged {
                (of_share(&share), None)
            } else {
                (
                    None,
                    Some(format!("Measured once the return for {} is lodged.", y + 1)),
                )
            };
            figures.push(Figure::of(
                IndicatorKind::FirstYearRetention,
                y,
                group,
                measured,
                note,
            ));

            // Progression: level 1–4 completions on the foundation funds, and study begun at
            // a higher level anywhere within 12 months.
            let share = progression(
                views
                    .iter()
                    .filter(|view| learner_in(view.learner, group, view.band))
                    .flat_map(|view| view.completions.iter()),
            );
            let note = (!next_lodged && share.cohort > 0).then(|| {
                format!(
                    "Provisional until the returns for {} are lodged: the rate can still rise.",
                    y + 1
                )
            });
            figures.push(Figure::of(
                IndicatorKind::Progression,
                y,
                group,
                of_share(&share),
                note,
            ));
        }
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::facts::{CompletedQualification, CompletionGroup, StudiedQualification};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn learner(nsn: i32, efts: i64, qualification: &str) -> LearnerYear {
        LearnerYear {
            nsn,
            efts: Efts::whole(efts),
            ethnic: vec![EthnicGroup::Other],
            age: AgeGroup::Under25,
            studied: vec![StudiedQualification {
                qualification: qualification.to_owned(),
                band: Some(LevelBand::Levels1To3),
                credits: 120,
            }],
            completed: Vec::new(),
            study: Vec::new(),
        }
    }

    fn find(figures: &[Figure], kind: IndicatorKind, year: i32, group: Group) -> &Figure {
        figures
            .iter()
            .find(|f| f.indicator == kind && f.year == year && f.group == group)
            .expect("the figure")
    }

    #[test]
    fn retention_counts_completers_and_returners_of_first_years_only() {
        // 2025: learners 1 and 2 (first seen), 2026: 1 returns, 3 is new and completes.
        let facts_2025 = ReturnFacts {
            year: 2025,
            ..ReturnFacts::default()
        };
        let facts_2026 = ReturnFacts {
            year: 2026,
            ..ReturnFacts::default()
        };
        let y2025 = vec![learner(1, 3, "Q1"), learner(2, 3, "Q1")];
        let mut three = learner(3, 6, "Q2");
        three.completed.push(CompletedQualification {
            qualification: "Q2".to_owned(),
            level: 3,
            on: day(2026, 11, 20),
            progression_funded: true,
        });
        three.study.push((day(2026, 2, 2), 3));
        let y2026 = vec![learner(1, 3, "Q1"), three];
        let years = [
            YearOfFacts {
                facts: &facts_2025,
                learners: &y2025,
            },
            YearOfFacts {
                facts: &facts_2026,
                learners: &y2026,
            },
        ];
        let later: HashMap<i32, Vec<(NaiveDate, u8)>> =
            [(3, vec![(day(2027, 2, 1), 4)])].into_iter().collect();
        let figures = indicators(&years, &later);

        // 2025 cohort: 1 of 2 retained, on 6 EFTS: shown.
        let retained = find(
            &figures,
            IndicatorKind::FirstYearRetention,
            2025,
            Group::Organisation,
        );
        assert_eq!(retained.rate, Some(0.5));
        // Under 30 EFTS for a band: suppressed, in words.
        let band = find(
            &figures,
            IndicatorKind::FirstYearRetention,
            2025,
            Group::LevelBand(LevelBand::Levels1To3),
        );
        assert_eq!(band.status, FigureStatus::Suppressed);
        assert!(band.in_words.contains("fewer than 30 EFTS"));
        // 2026: the next year is not lodged: not measured yet.
        let open = find(
            &figures,
            IndicatorKind::FirstYearRetention,
            2026,
            Group::Organisation,
        );
        assert_eq!(open.status, FigureStatus::NotMeasured);

        // Qualification completion: 2025 cohort of two, neither completed Q1; 2026 cohort is
        // learner 3 alone (learner 1 started Q1 in 2025), who completed: 1 of 1, 6 EFTS.
        let cohort_2025 = find(
            &figures,
            IndicatorKind::QualificationCompletion,
            2025,
            Group::Organisation,
        );
        assert_eq!(cohort_2025.rate, Some(0.0));
        assert_eq!(
            cohort_2025.note, None,
            "a two-year window closes at the end of 2026"
        );
        let cohort_2026 = find(
            &figures,
            IndicatorKind::QualificationCompletion,
            2026,
            Group::Organisation,
        );
        assert_eq!(cohort_2026.rate, Some(1.0));
        assert!(cohort_2026.note.is_some(), "its window runs into 2027");

        // Progression: learner 3 completed a level 3 qualification and began level 4 study
        // within 12 months: 1 of 1 on 6 EFTS.
        let progressed = find(
            &figures,
            IndicatorKind::Progression,
            2026,
            Group::Organisation,
        );
        assert_eq!(progressed.rate, Some(1.0));

        // Figures are kept as JSON and read back for pages: nothing is lost on the way.
        let kept = serde_json::to_string(&figures).expect("figures as JSON");
        let read: Vec<Figure> = serde_json::from_str(&kept).expect("figures from JSON");
        assert_eq!(read, figures);
    }

    #[test]
    fn course_completion_is_suppressed_below_five_efts_and_shown_at_five() {
        let at = |completed: i64, finished: i64| ReturnFacts {
            year: 2026,
            completion: vec![CompletionGroup {
                band: Some(LevelBand::Levels4To7NonDegree),
                age: AgeGroup::From25,
                ethnic: vec![EthnicGroup::Maori],
                completed: Efts(completed),
                finished: Efts(finished),
            }],
            ..ReturnFacts::default()
        };
        let four = at(30_000, 40_000);
        let five = at(40_000, 50_000);
        for (facts, expected) in [(&four, None), (&five, Some(0.8))] {
            let figures = indicators(
                &[YearOfFacts {
                    facts,
                    learners: &[],
                }],
                &HashMap::new(),
            );
            let overall = find(
                &figures,
                IndicatorKind::CourseCompletion,
                2026,
                Group::Organisation,
            );
            assert_eq!(overall.rate, expected);
            let maori = find(
                &figures,
                IndicatorKind::CourseCompletion,
                2026,
                Group::Ethnicity(EthnicGroup::Maori),
            );
            assert_eq!(maori.status, FigureStatus::Suppressed);
        }
    }
}
