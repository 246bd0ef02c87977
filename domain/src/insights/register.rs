//! The qualification register as the information products read it: whether a qualification
//! is a degree, its credits, and whether it is non-formal.

use std::collections::HashMap;

use super::completion::NON_FORMAL_AWARD_CATEGORIES;
use super::facts::QualificationLookup;
use super::groups::LevelBand;
use crate::registers::QualificationEntry;

/// The credits of a bachelor's degree, the shortest degree at NZQCF level 7. The register
/// does not say which award categories are degrees (the funder's list of categories is not
/// public, domain spec §8.5), so a level 7 qualification of at least this many credits is
/// taken to be one; a level 7 graduate diploma (120 credits) is not.
pub const DEGREE_CREDITS: i32 = 360;

/// The qualification register, by code.
#[derive(Debug, Clone, Default)]
pub struct RegisterLookup {
    by_code: HashMap<String, QualificationEntry>,
}

impl RegisterLookup {
    pub fn new(entries: impl IntoIterator<Item = QualificationEntry>) -> Self {
        RegisterLookup {
            by_code: entries
                .into_iter()
                .map(|entry| (entry.qualification_code.clone(), entry))
                .collect(),
        }
    }
}

impl RegisterLookup {
    /// The level band of a qualification the register holds at a level of 1 to 10.
    pub fn band(&self, qualification: &str) -> Option<LevelBand> {
        let entry = self.by_code.get(qualification)?;
        let level = u8::try_from(entry.level).ok()?;
        LevelBand::of(level, self.is_degree(qualification) == Some(true))
    }
}

impl QualificationLookup for RegisterLookup {
    fn is_degree(&self, qualification: &str) -> Option<bool> {
        self.by_code
            .get(qualification)
            .map(|entry| entry.level == 7 && entry.credits >= DEGREE_CREDITS)
    }

    fn credits(&self, qualification: &str) -> Option<u32> {
        self.by_code
            .get(qualification)
            .and_then(|entry| u32::try_from(entry.credits).ok())
            .filter(|credits| *credits > 0)
    }

    fn is_non_formal(&self, qualification: &str) -> bool {
        self.by_code.get(qualification).is_some_and(|entry| {
            NON_FORMAL_AWARD_CATEGORIES.contains(&entry.award_category.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str, level: i32, credits: i32, award_category: &str) -> QualificationEntry {
        QualificationEntry {
            qualification_code: code.to_owned(),
            title: code.to_owned(),
            level,
            credits,
            award_category: award_category.to_owned(),
            dq37_approved_from: None,
        }
    }

    #[test]
    fn a_level_7_qualification_of_360_credits_is_a_degree_and_120_is_not() {
        let register = RegisterLookup::new([
            entry("BB7101", 7, 360, "40"),
            entry("GD7001", 7, 120, "35"),
            entry("ND5201", 5, 240, "21"),
        ]);
        assert_eq!(register.is_degree("BB7101"), Some(true));
        assert_eq!(register.is_degree("GD7001"), Some(false));
        assert_eq!(register.is_degree("ND5201"), Some(false));
        assert_eq!(register.is_degree("XX0000"), None, "not in the register");
        assert_eq!(register.credits("ND5201"), Some(240));
        assert_eq!(register.credits("XX0000"), None);
    }

    #[test]
    fn award_categories_90_96_97_99_are_non_formal() {
        let register =
            RegisterLookup::new([entry("G12050", 2, 40, "97"), entry("NC3050", 3, 120, "21")]);
        assert!(register.is_non_formal("G12050"));
        assert!(!register.is_non_formal("NC3050"));
        assert!(
            !register.is_non_formal("XX0000"),
            "unknown: counted as formal"
        );
    }
}
