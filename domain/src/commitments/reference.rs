//! The closed lists a commitment's drop-downs offer: regions, priority provision, priority
//! groups, funding categories (the six subject groupings of §6.3), modes of delivery and the
//! literacy programmes. Each entry is a code (what a CSV cell and the API carry) and a label
//! (what a drop-down shows). The funder's own classification appendices are not public (§8.5),
//! so these lists are DXP's; see `docs/commitments.md`.

/// One value of a closed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
}

const fn choice(code: &'static str, label: &'static str) -> Choice {
    Choice { code, label }
}

/// A closed list, named for messages and for `GET /api/v1/commitments/templates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceList {
    /// The list's name on the wire, such as `regions`.
    pub name: &'static str,
    pub choices: &'static [Choice],
}

impl ChoiceList {
    /// The list's value with this code, ignoring case and surrounding blanks; a label is taken
    /// too, so that a CSV keyed by hand with the drop-down's words reads.
    pub fn find(&self, text: &str) -> Option<Choice> {
        let text = text.trim();
        self.choices.iter().copied().find(|choice| {
            choice.code.eq_ignore_ascii_case(text) || choice.label.eq_ignore_ascii_case(text)
        })
    }

    /// The codes, for a message: `A, B, C`.
    pub fn codes(&self) -> String {
        self.choices
            .iter()
            .map(|choice| choice.code)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The regions of delivery: the sixteen regions of New Zealand, and delivery across regions.
pub const REGIONS: ChoiceList = ChoiceList {
    name: "regions",
    choices: &[
        choice("Northland", "Northland"),
        choice("Auckland", "Auckland"),
        choice("Waikato", "Waikato"),
        choice("Bay of Plenty", "Bay of Plenty"),
        choice("Gisborne", "Gisborne"),
        choice("Hawke's Bay", "Hawke's Bay"),
        choice("Taranaki", "Taranaki"),
        choice("Manawatū-Whanganui", "Manawatū-Whanganui"),
        choice("Wellington", "Wellington"),
        choice("Tasman", "Tasman"),
        choice("Nelson", "Nelson"),
        choice("Marlborough", "Marlborough"),
        choice("West Coast", "West Coast"),
        choice("Canterbury", "Canterbury"),
        choice("Otago", "Otago"),
        choice("Southland", "Southland"),
        choice("National", "Across several regions or online"),
    ],
};

/// The priority provision of adult and community education.
pub const PRIORITY_PROVISION: ChoiceList = ChoiceList {
    name: "priority-provision",
    choices: &[
        choice("LIT", "Literacy, numeracy and digital literacy"),
        choice("ESOL", "English for speakers of other languages"),
        choice("TEREO", "Te reo Māori and tikanga Māori"),
        choice("PATHWAY", "Pathways into further learning"),
        choice("SOCIAL", "Social cohesion and community participation"),
        choice("HEALTH", "Health and wellbeing"),
        choice("EMPLOY", "Employment-related skills"),
    ],
};

/// The target priority groups of the Tertiary Education Strategy.
pub const PRIORITY_GROUPS: ChoiceList = ChoiceList {
    name: "priority-groups",
    choices: &[
        choice("MAORI", "Māori learners"),
        choice("PASIFIKA", "Pasifika learners"),
        choice("DISABLED", "Disabled learners"),
        choice("LOWQUAL", "Learners with low prior qualifications"),
        choice("REFUGEE", "Refugee and migrant learners"),
        choice("ALL", "All learners"),
    ],
};

/// The funding categories: the six subject groupings whose rates differ (§6.3).
pub const FUNDING_CATEGORIES: ChoiceList = ChoiceList {
    name: "funding-categories",
    choices: &[
        choice("SG1", "Humanities, business and social services"),
        choice("SG2", "Trades, creative, IT and health-related"),
        choice(
            "SG3",
            "Agriculture, engineering, health sciences and science",
        ),
        choice("SG4", "Pilot training and priority engineering"),
        choice("SG5", "Foreign-going nautical and specialist agriculture"),
        choice("SG6", "Te reo and tikanga Māori"),
    ],
};

/// The five modes of delivery whose rates differ (§6.3, spec 002).
pub const MODES_OF_DELIVERY: ChoiceList = ChoiceList {
    name: "modes-of-delivery",
    choices: &[
        choice("provider-based", "Provider-based"),
        choice("work-based", "Work-based"),
        choice("pathway-to-work", "Work-based pathway to work"),
        choice("assessment-and-verification", "Assessment and verification"),
        choice("mixed-mode", "Mixed mode (off-job)"),
    ],
};

/// The literacy programmes of one template: intensive, workplace and English language.
pub const LITERACY_PROGRAMMES: ChoiceList = ChoiceList {
    name: "literacy-programmes",
    choices: &[
        choice("ILN", "Intensive Literacy and Numeracy"),
        choice("WLN", "Workplace Literacy and Numeracy"),
        choice("ELT", "English Language Teaching"),
    ],
};

/// Whether a row is provision the Plan agrees without funding (counted in the 105% test).
pub const YES_NO: ChoiceList = ChoiceList {
    name: "yes-no",
    choices: &[choice("No", "No"), choice("Yes", "Yes")],
};

/// Every closed list, for the templates' description.
pub const ALL_LISTS: [ChoiceList; 7] = [
    REGIONS,
    PRIORITY_PROVISION,
    PRIORITY_GROUPS,
    FUNDING_CATEGORIES,
    MODES_OF_DELIVERY,
    LITERACY_PROGRAMMES,
    YES_NO,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_found_by_code_or_label_in_any_case() {
        assert_eq!(
            FUNDING_CATEGORIES.find(" sg2 ").map(|c| c.code),
            Some("SG2")
        );
        assert_eq!(
            LITERACY_PROGRAMMES
                .find("english language teaching")
                .map(|c| c.code),
            Some("ELT")
        );
        assert_eq!(REGIONS.find("Atlantis"), None);
    }

    #[test]
    fn codes_are_unique_within_each_list() {
        for list in ALL_LISTS {
            let mut codes: Vec<_> = list.choices.iter().map(|c| c.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), list.choices.len(), "{}", list.name);
        }
    }
}
