//! The groups the indicators are broken down by (domain spec §6.1): NZQCF level band,
//! ethnicity and age.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The four level bands the funder publishes indicators in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LevelBand {
    /// Levels 1 to 3.
    Levels1To3,
    /// Levels 4 to 7, qualifications that are not degrees.
    Levels4To7NonDegree,
    /// Level 7 degrees.
    Level7Degree,
    /// Levels 8 to 10 (postgraduate).
    Levels8To10,
}

impl LevelBand {
    pub const ALL: [LevelBand; 4] = [
        LevelBand::Levels1To3,
        LevelBand::Levels4To7NonDegree,
        LevelBand::Level7Degree,
        LevelBand::Levels8To10,
    ];

    /// The band of a qualification at NZQCF `level`; `degree` says whether the qualification
    /// is a degree (its award category, from the qualification register). A degree below
    /// level 7 does not exist on the framework; it is read as non-degree.
    pub fn of(level: u8, degree: bool) -> Option<LevelBand> {
        match level {
            1..=3 => Some(LevelBand::Levels1To3),
            7 if degree => Some(LevelBand::Level7Degree),
            4..=7 => Some(LevelBand::Levels4To7NonDegree),
            8..=10 => Some(LevelBand::Levels8To10),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LevelBand::Levels1To3 => "Levels 1–3",
            LevelBand::Levels4To7NonDegree => "Levels 4–7 (non-degree)",
            LevelBand::Level7Degree => "Level 7 (degree)",
            LevelBand::Levels8To10 => "Levels 8–10",
        }
    }
}

impl fmt::Display for LevelBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The ethnic groups of the indicators. A learner is counted in every group they identify
/// with (total response, as Stats NZ counts ethnicity): one who is Māori and Samoan counts
/// for Māori and for Pasifika; "Other" holds the learners in neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EthnicGroup {
    Maori,
    Pasifika,
    Other,
}

/// Stats NZ's level-3 code for Māori (`domain/reference/ethnicity.csv`).
const MAORI: i32 = 211;
/// Level-3 codes 300–399 are the Pacific Peoples.
const PACIFIC_PEOPLES: std::ops::RangeInclusive<i32> = 300..=399;

impl EthnicGroup {
    pub const ALL: [EthnicGroup; 3] = [
        EthnicGroup::Maori,
        EthnicGroup::Pasifika,
        EthnicGroup::Other,
    ];

    /// The groups of a learner with these ethnicity codes: Māori, Pasifika, both, or Other.
    pub fn of(codes: &[i32]) -> impl Iterator<Item = EthnicGroup> {
        let maori = codes.contains(&MAORI);
        let pasifika = codes.iter().any(|code| PACIFIC_PEOPLES.contains(code));
        let other = !maori && !pasifika;
        [
            (maori, EthnicGroup::Maori),
            (pasifika, EthnicGroup::Pasifika),
            (other, EthnicGroup::Other),
        ]
        .into_iter()
        .filter_map(|(member, group)| member.then_some(group))
    }

    pub fn label(self) -> &'static str {
        match self {
            EthnicGroup::Maori => "Māori",
            EthnicGroup::Pasifika => "Pasifika",
            EthnicGroup::Other => "Non-Māori non-Pasifika",
        }
    }
}

impl fmt::Display for EthnicGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Age groups, by age on 31 December of the indicator's year (judgement call: the funder
/// publishes "under 25" and "25 and over" and does not say on which day age is taken; the end
/// of the year gives every learner of a year one age).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgeGroup {
    Under25,
    From25,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 2] = [AgeGroup::Under25, AgeGroup::From25];

    pub fn of(birth: NaiveDate, year: i32) -> AgeGroup {
        // Born in `year - 25` or later: at most 24 on 31 December of `year`.
        if birth.year() > year - 25 {
            AgeGroup::Under25
        } else {
            AgeGroup::From25
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeGroup::Under25 => "Under 25",
            AgeGroup::From25 => "25 and over",
        }
    }
}

impl fmt::Display for AgeGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_seven_is_split_by_degree() {
        assert_eq!(LevelBand::of(3, false), Some(LevelBand::Levels1To3));
        assert_eq!(
            LevelBand::of(4, false),
            Some(LevelBand::Levels4To7NonDegree)
        );
        assert_eq!(
            LevelBand::of(7, false),
            Some(LevelBand::Levels4To7NonDegree)
        );
        assert_eq!(LevelBand::of(7, true), Some(LevelBand::Level7Degree));
        assert_eq!(LevelBand::of(6, true), Some(LevelBand::Levels4To7NonDegree));
        assert_eq!(LevelBand::of(8, true), Some(LevelBand::Levels8To10));
        assert_eq!(LevelBand::of(10, false), Some(LevelBand::Levels8To10));
        assert_eq!(LevelBand::of(0, false), None);
        assert_eq!(LevelBand::of(11, false), None);
    }

    #[test]
    fn ethnicity_is_total_response() {
        let groups = |codes: &[i32]| EthnicGroup::of(codes).collect::<Vec<_>>();
        assert_eq!(groups(&[211]), [EthnicGroup::Maori]);
        assert_eq!(
            groups(&[211, 311]),
            [EthnicGroup::Maori, EthnicGroup::Pasifika]
        );
        assert_eq!(groups(&[371]), [EthnicGroup::Pasifika]);
        assert_eq!(groups(&[111, 421]), [EthnicGroup::Other]);
        assert_eq!(groups(&[]), [EthnicGroup::Other]);
    }

    #[test]
    fn age_is_taken_on_the_last_day_of_the_year() {
        let born = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        // 24 on 31 December 2026.
        assert_eq!(AgeGroup::of(born(2002, 1, 1), 2026), AgeGroup::Under25);
        // 25 on 31 December 2026, though 24 for most of the year.
        assert_eq!(AgeGroup::of(born(2001, 12, 31), 2026), AgeGroup::From25);
    }
}
