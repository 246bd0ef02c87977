//! The problems found while converting a file into JSON records, each with a stable code.
//!
//! These are not validation rules of a record (those are the domain's, and run on the JSON the
//! conversion produces): they are what a file can get wrong that JSON cannot, such as a date
//! not written DD/MM/YYYY or a line of the wrong length. `CSV-…` codes come from the DXP CSV
//! reader, `TXT-…` codes from the legacy STEO TXT reader. Codes are never renumbered and never
//! reused.

use dxp_domain::SdrFile;
use dxp_domain::validation::{Problem, RuleEntry, Severity};

/// A problem a file conversion can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversionRule {
    /// Stable code, e.g. `CSV-001`.
    pub code: &'static str,
    /// The camelCase field the problem is about: `"*"` when it can be any field (each problem
    /// names its field), `""` when it is about a row or the file as a whole.
    pub field: &'static str,
    pub severity: Severity,
    /// What the file must do, for a data officer.
    pub description: &'static str,
}

impl ConversionRule {
    /// A problem breaking this rule. `index` is the line number in the file.
    pub(crate) fn problem(
        &self,
        index: usize,
        local_id: Option<&str>,
        field: &str,
        message: String,
    ) -> Problem {
        Problem {
            index,
            local_id: local_id.map(str::to_owned),
            field: field.to_owned(),
            rule: self.code.to_owned(),
            severity: self.severity,
            message,
        }
    }
}

pub const CSV_001: ConversionRule = ConversionRule {
    code: "CSV-001",
    field: "*",
    severity: Severity::Error,
    description: "Each value is in its column's format: numbers as plain decimals (no thousands \
                  separators or currency signs, e.g. 0.1167), whole numbers as digits, dates as \
                  DD/MM/YYYY and a real calendar date, flags as Y or N; a column of several \
                  values separates them with ';', each in that format. A value that is not is \
                  left out of the record.",
};

pub const CSV_002: ConversionRule = ConversionRule {
    code: "CSV-002",
    field: "*",
    severity: Severity::Error,
    description: "The header row (the first row of column titles) has a column for every field \
                  the record requires. A column is found by its Data Specification title (e.g. \
                  'Course Start Date') or its API name ('courseStartDate'), whatever the case. \
                  A missing column stops the whole file from being read. Local ID is not \
                  required: rows without one get row-<line number>.",
};

pub const CSV_003: ConversionRule = ConversionRule {
    code: "CSV-003",
    field: "",
    severity: Severity::Warning,
    description: "Every column of the header row is a field of the file (or Provider Code). A \
                  column that is not is ignored, and reported once for the file.",
};

pub const CSV_004: ConversionRule = ConversionRule {
    code: "CSV-004",
    field: "",
    severity: Severity::Error,
    description: "Each row has as many values as the header row has columns. A different count \
                  usually means a value containing a comma was not enclosed in double quotes, \
                  which shifts every later value into the wrong column.",
};

pub const CSV_005: ConversionRule = ConversionRule {
    code: "CSV-005",
    field: "*",
    severity: Severity::Error,
    description: "The file is UTF-8 text (in Excel, save as 'CSV UTF-8'), so that macrons \
                  (Māori) survive. A value that is not UTF-8 is left out of the record.",
};

pub const CSV_006: ConversionRule = ConversionRule {
    code: "CSV-006",
    field: "*",
    severity: Severity::Error,
    description: "Each field has at most one column in the header row. Two columns for the same \
                  field stop the whole file from being read.",
};

pub const CSV_007: ConversionRule = ConversionRule {
    code: "CSV-007",
    field: "",
    severity: Severity::Error,
    description: "The file starts with a header row of column titles. An empty file cannot be \
                  read.",
};

pub const CSV_008: ConversionRule = ConversionRule {
    code: "CSV-008",
    field: "",
    severity: Severity::Error,
    description: "When the file has a Provider Code column, every row's Provider Code is the \
                  EDUMIS number of the organisation submitting the file.",
};

pub const TXT_001: ConversionRule = ConversionRule {
    code: "TXT-001",
    field: "",
    severity: Severity::Error,
    description: "Each line of a legacy STEO file has its layout's length: STUD 116, COUR 186, \
                  CREG 148, QUAL 50, COMP 65 characters. Fields are still read from their \
                  positions; a short line is read as if padded with blanks.",
};

pub const TXT_002: ConversionRule = ConversionRule {
    code: "TXT-002",
    field: "",
    severity: Severity::Error,
    description: "Each line of a legacy STEO file starts with the Provider Code (positions 1–4) \
                  of the organisation submitting the file.",
};

pub const TXT_003: ConversionRule = ConversionRule {
    code: "TXT-003",
    field: "*",
    severity: Severity::Error,
    description: "Each value of a legacy STEO line is in its slot's format: dates DDMMYYYY, \
                  numbers as digits (right-justified, blank-padded), flags Y or N (1 or 2 for \
                  yes or no). A value that is not is left out of the record.",
};

/// Every conversion rule, in code order.
pub const RULES: &[&ConversionRule] = &[
    &CSV_001, &CSV_002, &CSV_003, &CSV_004, &CSV_005, &CSV_006, &CSV_007, &CSV_008, &TXT_001,
    &TXT_002, &TXT_003,
];

/// The conversion rule with this code, if there is one.
pub fn rule_by_code(code: &str) -> Option<&'static ConversionRule> {
    RULES.iter().copied().find(|rule| rule.code == code)
}

/// Every conversion rule (CSV and legacy TXT) in the catalogue's form, to be listed beside the
/// domain's validation rules. A catalogue entry names one file, and every conversion rule
/// applies to every file, so each rule is listed once per file: the entries are in code order,
/// then in [`SdrFile::EVERY`] order, and a code appears once per file.
pub fn csv_rules() -> Vec<RuleEntry> {
    RULES
        .iter()
        .flat_map(|rule| {
            SdrFile::EVERY.into_iter().map(move |file| RuleEntry {
                code: rule.code.to_owned(),
                file,
                field: rule.field.to_owned(),
                severity: rule.severity,
                error_from_year: None,
                description: rule.description.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_order() {
        for pair in RULES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} {}",
                pair[0].code,
                pair[1].code
            );
        }
        for rule in RULES {
            assert_eq!(rule_by_code(rule.code), Some(*rule));
        }
    }

    #[test]
    fn catalogue_entries_cover_every_rule_and_file() {
        let entries = csv_rules();
        assert_eq!(entries.len(), RULES.len() * SdrFile::EVERY.len());
        assert!(
            entries
                .iter()
                .all(|entry| rule_by_code(&entry.code).is_some())
        );
        assert!(
            entries
                .iter()
                .any(|entry| entry.code == "CSV-003" && entry.severity == Severity::Warning)
        );
        assert!(
            dxp_domain::catalogue()
                .iter()
                .all(|rule| rule_by_code(rule.code).is_none()),
            "conversion codes must not clash with the domain's"
        );
    }
}
