//! Source of Funding: the fund that supports the enrolment.
//!
//! Spec 003 gives two lists: the current funds, which may be reported, and the historic funds,
//! which may not (they are kept so a refusal can name the fund the TEO's system still uses).

use super::parse_two_digit;

/// One source-of-funding code and its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FundCode {
    pub code: u8,
    pub meaning: &'static str,
}

/// The current funds, in spec 003's order.
pub static CURRENT_FUNDS: [FundCode; 17] = [
    FundCode {
        code: 1,
        meaning: "Delivery at Levels 7 (degree) and above (DQ7Degree+)",
    },
    FundCode {
        code: 2,
        meaning: "International Fee-Paying (IFP) Students (including AUS citizens and NZ permanent residents who are residing overseas)",
    },
    FundCode {
        code: 3,
        meaning: "Domestic Full Fee Paying Students",
    },
    FundCode {
        code: 5,
        meaning: "STAR funded student",
    },
    FundCode {
        code: 9,
        meaning: "Prison Education (Department of Corrections)",
    },
    FundCode {
        code: 10,
        meaning: "Ministry of Health",
    },
    FundCode {
        code: 12,
        meaning: "Other (including other contracts)",
    },
    FundCode {
        code: 13,
        meaning: "English for Migrants (TEC only)",
    },
    FundCode {
        code: 20,
        meaning: "NZAID and Commonwealth Scholarships",
    },
    FundCode {
        code: 22,
        meaning: "Youth Guarantee Scheme",
    },
    FundCode {
        code: 23,
        meaning: "ACE (Adult and Community Education)",
    },
    FundCode {
        code: 24,
        meaning: "Trade Academies",
    },
    FundCode {
        code: 26,
        meaning: "Delivery at NZQCF Levels 1 and 2 (DQ1-2)",
    },
    FundCode {
        code: 28,
        meaning: "Māori Pasifika Trades Training Level 1 and 2",
    },
    FundCode {
        code: 29,
        meaning: "Māori Pasifika Trades Training Level 3 and 4",
    },
    FundCode {
        code: 31,
        meaning: "Non-funded confirmed student enrolments",
    },
    FundCode {
        code: 37,
        meaning: "Non-degree Delivery at Levels 3-7 on the NZQCF (DQ3-7)",
    },
];

/// The historic funds: no longer reportable.
pub static HISTORIC_FUNDS: [FundCode; 15] = [
    FundCode {
        code: 4,
        meaning: "TEC — Supplementary Grants/Fund",
    },
    FundCode {
        code: 6,
        meaning: "Training Opportunities (also includes Training for Work)",
    },
    FundCode {
        code: 7,
        meaning: "Youth Training - Ceased 31/12/2011; refer to Youth Guarantee",
    },
    FundCode {
        code: 8,
        meaning: "Skills Enhancement",
    },
    FundCode {
        code: 11,
        meaning: "ITO Off Job Training (Non-degree Delivery)",
    },
    FundCode {
        code: 14,
        meaning: "Primary Pre-service Teacher Education Contracts",
    },
    FundCode {
        code: 15,
        meaning: "Secondary Pre-service Teacher Education Contracts",
    },
    FundCode {
        code: 16,
        meaning: "Youth Action Training Programme (DWI)",
    },
    FundCode {
        code: 25,
        meaning: "SAC Level 1 & 2 Competitive Process Funding",
    },
    FundCode {
        code: 27,
        meaning: "Under 25 Fees Free Standard plan process Level 1 & 2",
    },
    FundCode {
        code: 30,
        meaning: "ICT Graduate Schools",
    },
    FundCode {
        code: 32,
        meaning: "SAC Level 3 & 4 Competitive Process Funding",
    },
    FundCode {
        code: 33,
        meaning: "Dual Pathways (Level 2-3 secondary-tertiary pilot) Funding",
    },
    FundCode {
        code: 35,
        meaning: "EM ACE (Emergency Management - Adult and Community Education)",
    },
    FundCode {
        code: 36,
        meaning: "SAR ACE (Search and Rescue - Adult and Community Education)",
    },
];

/// What a source-of-funding value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundingSource {
    /// A current fund: may be reported.
    Current(&'static FundCode),
    /// A historic fund: refused.
    Historic(&'static FundCode),
}

impl FundingSource {
    /// Māori Pasifika Trades Training Level 1 and 2: needs a consortium.
    pub const MPTT_LEVEL_1_2: u8 = 28;
    /// Māori Pasifika Trades Training Level 3 and 4: needs a consortium.
    pub const MPTT_LEVEL_3_4: u8 = 29;
    /// Non-funded confirmed student enrolments: the fund for confirmed enrolments withdrawn
    /// before they became eligible for funding.
    pub const NON_FUNDED_CONFIRMED: u8 = 31;

    /// Reads a code, with or without its leading zero, and finds its list. `None` when the
    /// value is not one or two digits or is on neither list.
    pub fn parse(text: &str) -> Option<FundingSource> {
        let number = parse_two_digit(text)?;
        if let Some(fund) = CURRENT_FUNDS.iter().find(|fund| fund.code == number) {
            return Some(FundingSource::Current(fund));
        }
        HISTORIC_FUNDS
            .iter()
            .find(|fund| fund.code == number)
            .map(FundingSource::Historic)
    }

    pub fn fund(self) -> &'static FundCode {
        match self {
            FundingSource::Current(fund) | FundingSource::Historic(fund) => fund,
        }
    }

    /// Whether this fund is Māori Pasifika Trades Training (28 or 29), for which spec 003 makes
    /// the consortium mandatory.
    pub fn needs_consortium(self) -> bool {
        matches!(self, FundingSource::Current(fund)
            if fund.code == Self::MPTT_LEVEL_1_2 || fund.code == Self::MPTT_LEVEL_3_4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_lists_do_not_overlap_and_hold_no_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for fund in CURRENT_FUNDS.iter().chain(HISTORIC_FUNDS.iter()) {
            assert!(seen.insert(fund.code), "code {} listed twice", fund.code);
        }
    }

    #[test]
    fn codes_read_with_and_without_leading_zero() {
        assert_eq!(FundingSource::parse("1").map(|f| f.fund().code), Some(1));
        assert_eq!(FundingSource::parse("01").map(|f| f.fund().code), Some(1));
        assert!(
            matches!(FundingSource::parse("07"), Some(FundingSource::Historic(f)) if f.code == 7)
        );
        assert!(
            matches!(FundingSource::parse("7"), Some(FundingSource::Historic(f)) if f.code == 7)
        );
        assert!(matches!(
            FundingSource::parse("37"),
            Some(FundingSource::Current(_))
        ));
    }

    #[test]
    fn unknown_codes_read_as_nothing() {
        for text in ["0", "00", "17", "21", "34", "38", "99", "001", "A1", ""] {
            assert_eq!(FundingSource::parse(text), None, "{text}");
        }
    }

    #[test]
    fn only_the_two_trades_training_funds_need_a_consortium() {
        let needing: Vec<u8> = CURRENT_FUNDS
            .iter()
            .filter(|fund| FundingSource::Current(fund).needs_consortium())
            .map(|fund| fund.code)
            .collect();
        assert_eq!(needing, [28, 29]);
    }
}
