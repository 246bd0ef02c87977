//! Category of Fees Assessment for International Students for each enrolment (legacy `ASSIST`).

use super::parse_two_digit;

/// A category of fees assessment, spec 003's list. The 2016 list also had `06`, whose meaning
/// was never published and which spec 003 dropped: it is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeesCategory {
    /// 00: Domestic student.
    Domestic,
    /// 01: NZAID student.
    Nzaid,
    /// 03: International fee-paying student (including people on a current work visa).
    InternationalFeePaying,
    /// 04: Student on a recognised exchange scheme.
    ExchangeScheme,
    /// 08: Diplomatic staff or family, persons associated with the Antarctic programme.
    DiplomaticOrAntarctic,
    /// 09: International on-shore PhD student (a wholly research Level 10 programme).
    InternationalOnshorePhd,
    /// 12: International student doing ITO off-job training.
    InternationalItoOffJob,
    /// 13: Refugee or protected person (or claimant), or their family, without a resident visa.
    RefugeeOrProtectedPerson,
    /// 14: Child (25 or under on 1 January 2022, residing in NZ) of a 2021 Resident Visa applicant.
    ResidentVisa2021Child,
}

impl FeesCategory {
    pub const ALL: [FeesCategory; 9] = [
        FeesCategory::Domestic,
        FeesCategory::Nzaid,
        FeesCategory::InternationalFeePaying,
        FeesCategory::ExchangeScheme,
        FeesCategory::DiplomaticOrAntarctic,
        FeesCategory::InternationalOnshorePhd,
        FeesCategory::InternationalItoOffJob,
        FeesCategory::RefugeeOrProtectedPerson,
        FeesCategory::ResidentVisa2021Child,
    ];

    /// The code as a number (`0`, `1`, `3`, …).
    pub fn number(self) -> u8 {
        match self {
            FeesCategory::Domestic => 0,
            FeesCategory::Nzaid => 1,
            FeesCategory::InternationalFeePaying => 3,
            FeesCategory::ExchangeScheme => 4,
            FeesCategory::DiplomaticOrAntarctic => 8,
            FeesCategory::InternationalOnshorePhd => 9,
            FeesCategory::InternationalItoOffJob => 12,
            FeesCategory::RefugeeOrProtectedPerson => 13,
            FeesCategory::ResidentVisa2021Child => 14,
        }
    }

    /// The code in its two-character form (`"00"`, `"03"`, `"12"`).
    pub fn code(self) -> &'static str {
        match self {
            FeesCategory::Domestic => "00",
            FeesCategory::Nzaid => "01",
            FeesCategory::InternationalFeePaying => "03",
            FeesCategory::ExchangeScheme => "04",
            FeesCategory::DiplomaticOrAntarctic => "08",
            FeesCategory::InternationalOnshorePhd => "09",
            FeesCategory::InternationalItoOffJob => "12",
            FeesCategory::RefugeeOrProtectedPerson => "13",
            FeesCategory::ResidentVisa2021Child => "14",
        }
    }

    /// The meaning, as spec 003 words it.
    pub fn meaning(self) -> &'static str {
        match self {
            FeesCategory::Domestic => "Domestic Student",
            FeesCategory::Nzaid => "NZAID student",
            FeesCategory::InternationalFeePaying => {
                "International Fee-Paying Student (including people on current work visa)"
            }
            FeesCategory::ExchangeScheme => "Student on a recognised exchange scheme",
            FeesCategory::DiplomaticOrAntarctic => {
                "Diplomatic staff or family, persons associated with Antarctic programme"
            }
            FeesCategory::InternationalOnshorePhd => "International On-Shore PhD student",
            FeesCategory::InternationalItoOffJob => {
                "International student doing ITO off-job training"
            }
            FeesCategory::RefugeeOrProtectedPerson => {
                "Refugee or protected person, yet to be granted a resident visa (or their immediate family, or a claimant)"
            }
            FeesCategory::ResidentVisa2021Child => {
                "2021 Resident Visa pathway: child aged 25 or under on 1 January 2022, residing in New Zealand, of a parent on an eligible work visa"
            }
        }
    }

    /// Reads a code, with or without its leading zero (`"3"` and `"03"` are both 03).
    pub fn parse(text: &str) -> Option<FeesCategory> {
        let number = parse_two_digit(text)?;
        FeesCategory::ALL
            .into_iter()
            .find(|category| category.number() == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_with_and_without_its_leading_zero() {
        for category in FeesCategory::ALL {
            assert_eq!(FeesCategory::parse(category.code()), Some(category));
            assert_eq!(
                FeesCategory::parse(&category.number().to_string()),
                Some(category)
            );
        }
    }

    #[test]
    fn codes_outside_the_list_are_refused() {
        for text in ["02", "5", "06", "07", "10", "11", "15", "99", "", "A"] {
            assert_eq!(FeesCategory::parse(text), None, "{text}");
        }
    }
}
