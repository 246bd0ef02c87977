//! The EPIC's measures as the returns show them (domain spec §5): for each learner ethnicity
//! and level band, the learners who completed a qualification in the band (expected
//! graduates) and the share of the band's EFTS their group holds (participation). Shown beside
//! the organisation's EPIC commitment, with suppression as every indicator has.

use serde::{Deserialize, Serialize};

use super::facts::LearnerYear;
use super::groups::{EthnicGroup, LevelBand};
use super::indicators::{FigureStatus, YearOfFacts, highest_band};
use super::suppression::{Shown, Suppression};
use super::units::Efts;

/// An EPIC measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EpicMeasure {
    /// Learners of the group who completed a qualification in the band in the year.
    Graduates,
    /// The group's share of the band's EFTS, from 0 to 1.
    Participation,
}

impl EpicMeasure {
    pub const ALL: [EpicMeasure; 2] = [EpicMeasure::Graduates, EpicMeasure::Participation];

    /// The EPIC type that names the measure in a commitment's rows.
    pub fn epic_type(self) -> &'static str {
        match self {
            EpicMeasure::Graduates => "Expected Graduates",
            EpicMeasure::Participation => "Participation",
        }
    }
}

/// One measure for one ethnic group and level band in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpicFigure {
    pub measure: EpicMeasure,
    pub year: i32,
    pub ethnicity: EthnicGroup,
    pub band: LevelBand,
    pub status: FigureStatus,
    /// A count of learners, or a share from 0 to 1; only when shown.
    pub value: Option<f64>,
    /// What the figure is, in plain words.
    pub in_words: String,
}

/// The band a learner's completion of `qualification` counts in: the band they studied it
/// in this year, else the level of their courses in it, as a non-degree.
fn completion_band(learner: &LearnerYear, qualification: &str, level: u8) -> Option<LevelBand> {
    learner
        .studied
        .iter()
        .find(|studied| studied.qualification == qualification)
        .and_then(|studied| studied.band)
        .or_else(|| LevelBand::of(level, false))
}

/// Every EPIC measure of each year, group and band.
pub fn epic_figures(years: &[YearOfFacts<'_>]) -> Vec<EpicFigure> {
    let mut figures = Vec::new();
    for year in years {
        let y = year.facts.year;
        for band in LevelBand::ALL {
            let in_band: Vec<&LearnerYear> = year
                .learners
                .iter()
                // A learner's EFTS count in their band as the cohort indicators place them.
                .filter(|learner| highest_band(learner) == Some(band))
                .collect();
            let band_efts: Efts = in_band.iter().map(|learner| learner.efts).sum();
            for ethnicity in EthnicGroup::ALL {
                let group_efts: Efts = in_band
                    .iter()
                    .filter(|learner| learner.ethnic.contains(&ethnicity))
                    .map(|learner| learner.efts)
                    .sum();
                let graduates: Vec<&LearnerYear> = year
                    .learners
                    .iter()
                    .filter(|learner| {
                        learner.ethnic.contains(&ethnicity)
                            && learner.completed.iter().any(|completed| {
                                completion_band(learner, &completed.qualification, completed.level)
                                    == Some(band)
                            })
                    })
                    .collect();
                let graduate_efts: Efts = graduates.iter().map(|learner| learner.efts).sum();
                let participation =
                    (band_efts > Efts::ZERO).then(|| group_efts.0 as f64 / band_efts.0 as f64);
                figures.push(figure(
                    EpicMeasure::Graduates,
                    y,
                    ethnicity,
                    band,
                    Some((graduates.len() as f64, graduate_efts)),
                ));
                figures.push(figure(
                    EpicMeasure::Participation,
                    y,
                    ethnicity,
                    band,
                    participation.map(|share| (share, group_efts)),
                ));
            }
        }
    }
    figures
}

fn figure(
    measure: EpicMeasure,
    year: i32,
    ethnicity: EthnicGroup,
    band: LevelBand,
    measured: Option<(f64, Efts)>,
) -> EpicFigure {
    let whom = format!("{} learners at {}", ethnicity.label(), band.label());
    let (status, value, in_words) = match measured {
        None => (
            FigureStatus::NotMeasured,
            None,
            format!("Not measured: no EFTS at {} in {year}.", band.label()),
        ),
        // No graduates is no one to recognise: zero is shown.
        Some((value, _)) if value == 0.0 && measure == EpicMeasure::Graduates => (
            FigureStatus::Shown,
            Some(0.0),
            format!("No {whom} completed a qualification in {year}."),
        ),
        Some((value, efts)) => match Suppression::Group.apply(efts, value) {
            Shown::Value(value) => (
                FigureStatus::Shown,
                Some(value),
                match measure {
                    EpicMeasure::Graduates => {
                        format!("{value} {whom} completed a qualification in {year}.")
                    }
                    EpicMeasure::Participation => format!(
                        "{whom} held {:.1}% of the band's EFTS in {year}.",
                        value * 100.0
                    ),
                },
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
    EpicFigure {
        measure,
        year,
        ethnicity,
        band,
        status,
        value,
        in_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::facts::{CompletedQualification, ReturnFacts, StudiedQualification};
    use crate::insights::groups::AgeGroup;
    use chrono::NaiveDate;

    fn learner(nsn: i32, efts: i64, ethnic: &[EthnicGroup], band: LevelBand) -> LearnerYear {
        LearnerYear {
            nsn,
            efts: Efts::whole(efts),
            ethnic: ethnic.to_vec(),
            age: AgeGroup::Under25,
            studied: vec![StudiedQualification {
                qualification: format!("Q{nsn}"),
                band: Some(band),
                credits: 120,
            }],
            completed: Vec::new(),
            study: Vec::new(),
        }
    }

    fn graduate(mut learner: LearnerYear) -> LearnerYear {
        learner.completed.push(CompletedQualification {
            qualification: learner.studied[0].qualification.clone(),
            level: 3,
            on: NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date"),
            progression_funded: false,
        });
        learner
    }

    fn find(figures: &[EpicFigure], measure: EpicMeasure, ethnicity: EthnicGroup) -> &EpicFigure {
        figures
            .iter()
            .find(|f| {
                f.measure == measure && f.ethnicity == ethnicity && f.band == LevelBand::Levels1To3
            })
            .expect("the figure")
    }

    #[test]
    fn participation_and_graduates_by_group_in_a_band_with_suppression() {
        // Levels 1–3: a Māori learner of 20 EFTS who graduated, a learner both Māori and
        // Pasifika of 15 EFTS who graduated, and others of 45 EFTS: 80 EFTS in the band.
        let learners = vec![
            graduate(learner(1, 20, &[EthnicGroup::Maori], LevelBand::Levels1To3)),
            graduate(learner(
                2,
                15,
                &[EthnicGroup::Maori, EthnicGroup::Pasifika],
                LevelBand::Levels1To3,
            )),
            learner(3, 45, &[EthnicGroup::Other], LevelBand::Levels1To3),
        ];
        let facts = ReturnFacts {
            year: 2026,
            ..ReturnFacts::default()
        };
        let figures = epic_figures(&[YearOfFacts {
            facts: &facts,
            learners: &learners,
        }]);
        // Māori: 35 of 80 EFTS (total response: learner 2 counts for both groups).
        let maori = find(&figures, EpicMeasure::Participation, EthnicGroup::Maori);
        assert_eq!(maori.value, Some(35.0 / 80.0));
        // Māori graduates: 2, on 35 EFTS: shown.
        let graduates = find(&figures, EpicMeasure::Graduates, EthnicGroup::Maori);
        assert_eq!(graduates.value, Some(2.0));
        // Pasifika: 15 EFTS, under the 30 a group needs: neither figure is shown.
        for measure in EpicMeasure::ALL {
            let pasifika = find(&figures, measure, EthnicGroup::Pasifika);
            assert_eq!(pasifika.status, FigureStatus::Suppressed, "{measure:?}");
            assert_eq!(pasifika.value, None);
        }
        // Others: 45 of 80, and no graduates, which is shown as none.
        let other = find(&figures, EpicMeasure::Participation, EthnicGroup::Other);
        assert_eq!(other.value, Some(45.0 / 80.0));
        let none = find(&figures, EpicMeasure::Graduates, EthnicGroup::Other);
        assert_eq!(none.value, Some(0.0));
        // A band with no EFTS is not measured.
        let empty = figures
            .iter()
            .find(|f| f.band == LevelBand::Levels8To10 && f.measure == EpicMeasure::Participation)
            .expect("the figure");
        assert_eq!(empty.status, FigureStatus::NotMeasured);
    }
}
