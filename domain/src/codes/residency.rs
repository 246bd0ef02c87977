//! The Y/N code lists: Residential Status and the Secondary School Programme Indicator.

/// Residential Status: whether the learner holds New Zealand resident status for the enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResidentialStatus {
    /// `Y`: New Zealand Resident visa holder (excludes all New Zealand and Australian citizens).
    ResidentVisaHolder,
    /// `N`: Not a New Zealand Resident visa holder (includes all New Zealand and Australian
    /// citizens).
    NotResidentVisaHolder,
}

impl ResidentialStatus {
    pub fn code(self) -> &'static str {
        match self {
            ResidentialStatus::ResidentVisaHolder => "Y",
            ResidentialStatus::NotResidentVisaHolder => "N",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            ResidentialStatus::ResidentVisaHolder => {
                "New Zealand Resident visa holder (excludes all New Zealand and Australian Citizens)"
            }
            ResidentialStatus::NotResidentVisaHolder => {
                "Not a New Zealand Resident visa holder (includes all New Zealand and Australian Citizens)"
            }
        }
    }

    /// Reads `Y` or `N`. Lower case is not accepted: the funder's files and tables use the upper
    /// case letters, and a lower-case value would not match them downstream.
    pub fn parse(text: &str) -> Option<ResidentialStatus> {
        match text {
            "Y" => Some(ResidentialStatus::ResidentVisaHolder),
            "N" => Some(ResidentialStatus::NotResidentVisaHolder),
            _ => None,
        }
    }
}

/// Secondary School Programme Indicator: whether the course is part of the learner's secondary
/// school (or secondary-tertiary) programme. Such enrolments are excluded from Fees Free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecondarySchoolProgramme {
    /// `Y`: the course enrolment is part of the learner's secondary school programme.
    Yes,
    /// `N`: it is not.
    No,
}

impl SecondarySchoolProgramme {
    pub fn code(self) -> &'static str {
        match self {
            SecondarySchoolProgramme::Yes => "Y",
            SecondarySchoolProgramme::No => "N",
        }
    }

    pub fn parse(text: &str) -> Option<SecondarySchoolProgramme> {
        match text {
            "Y" => Some(SecondarySchoolProgramme::Yes),
            "N" => Some(SecondarySchoolProgramme::No),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_upper_case_y_and_n_read() {
        assert_eq!(
            ResidentialStatus::parse("Y"),
            Some(ResidentialStatus::ResidentVisaHolder)
        );
        assert_eq!(
            ResidentialStatus::parse("N"),
            Some(ResidentialStatus::NotResidentVisaHolder)
        );
        assert_eq!(
            SecondarySchoolProgramme::parse("Y"),
            Some(SecondarySchoolProgramme::Yes)
        );
        for text in ["y", "n", "", "YES", " Y", "1"] {
            assert_eq!(ResidentialStatus::parse(text), None, "{text:?}");
            assert_eq!(SecondarySchoolProgramme::parse(text), None, "{text:?}");
        }
    }
}
