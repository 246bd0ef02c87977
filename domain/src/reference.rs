//! Reference data: the code lists the SDR's fields are checked against that the public material
//! does not give in full (countries, ethnic groups, iwi, prior activities, secondary
//! qualifications, course completion indicators).
//!
//! Each list is a plain file under `domain/reference/`, embedded in the binary and parsed once,
//! on first use. Keeping them as data in one place means the yearly update is an edit of a text
//! file, reviewed like any other change, not a change of code. Each file's header says where its
//! values come from and how sure we are of them; every list must be checked against the DXP Data
//! Classifications Appendices, which were not available when they were written.
//!
//! File format: lines starting with `#` are comments; the first other line names the columns,
//! `code` first and `meaning` last; every further line is one entry. The meaning runs to the
//! end of the line, so it may contain commas without quoting; the columns between `code` and
//! `meaning` are attributes (e.g. `first_year` in the prior-activity list).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// One code of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    code: Box<str>,
    number: Option<u32>,
    meaning: Box<str>,
    attributes: Vec<(Box<str>, Box<str>)>,
}

impl Entry {
    /// The code as the file writes it (`"NZL"`, `"01"`, `"0104"`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The code's number, for a code of digits only (`"0104"` is 104).
    pub fn number(&self) -> Option<u32> {
        self.number
    }

    pub fn meaning(&self) -> &str {
        &self.meaning
    }

    /// The value of an attribute column, e.g. `first_year`.
    pub fn attribute(&self, column: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| &**name == column)
            .map(|(_, value)| &**value)
    }
}

/// A code list read from a reference file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeList {
    name: &'static str,
    entries: Vec<Entry>,
    by_code: HashMap<Box<str>, usize>,
    by_number: HashMap<u32, usize>,
}

/// A line of a reference file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceError {
    pub list: &'static str,
    /// The line number in the file, from 1.
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "reference list {}, line {}: {}",
            self.list, self.line, self.reason
        )
    }
}

impl std::error::Error for ReferenceError {}

/// The number of a code of one to nine ASCII digits.
fn digits_number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl CodeList {
    /// Reads a list, keeping every entry that can be read and returning the lines that could
    /// not. The embedded files are checked by a test to have none.
    pub fn parse(name: &'static str, text: &str) -> (CodeList, Vec<ReferenceError>) {
        let mut list = CodeList {
            name,
            entries: Vec::new(),
            by_code: HashMap::new(),
            by_number: HashMap::new(),
        };
        let mut errors = Vec::new();
        let mut columns: Option<Vec<&str>> = None;
        for (position, line) in text.lines().enumerate() {
            let line_number = position + 1;
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let error = |reason: String| ReferenceError {
                list: name,
                line: line_number,
                reason,
            };
            let Some(header) = &columns else {
                let names: Vec<&str> = line.split(',').map(str::trim).collect();
                if names.len() < 2 || names[0] != "code" || names[names.len() - 1] != "meaning" {
                    errors.push(error(format!(
                        "the header {line:?} must name the columns, code first and meaning last"
                    )));
                    return (list, errors);
                }
                columns = Some(names);
                continue;
            };
            let mut parts = line.splitn(header.len(), ',');
            let values: Vec<&str> = parts.by_ref().collect();
            if values.len() != header.len() {
                errors.push(error(format!(
                    "expected {} columns ({}), found {}",
                    header.len(),
                    header.join(","),
                    values.len()
                )));
                continue;
            }
            let code = values[0].trim();
            let meaning = values[values.len() - 1].trim();
            if code.is_empty() || meaning.is_empty() {
                errors.push(error(
                    "the code and its meaning must not be empty".to_owned(),
                ));
                continue;
            }
            let number = digits_number(code);
            let duplicate = list.by_code.contains_key(code)
                || number.is_some_and(|n| list.by_number.contains_key(&n));
            if duplicate {
                errors.push(error(format!("the code {code} is listed twice")));
                continue;
            }
            let index = list.entries.len();
            list.by_code.insert(code.into(), index);
            if let Some(number) = number {
                list.by_number.insert(number, index);
            }
            list.entries.push(Entry {
                code: code.into(),
                number,
                meaning: meaning.into(),
                attributes: header[1..header.len() - 1]
                    .iter()
                    .zip(&values[1..values.len() - 1])
                    .map(|(column, value)| ((*column).into(), value.trim().into()))
                    .collect(),
            });
        }
        if columns.is_none() {
            errors.push(ReferenceError {
                list: name,
                line: 0,
                reason: "the file has no header line".to_owned(),
            });
        }
        (list, errors)
    }

    /// The list's name (its file name without `.csv`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry for a code as sent. A code of digits is compared as a number, so `"1"` finds
    /// `01` and `"0104"` finds `0104` (the SDR's numeric codes are written with and without
    /// leading zeros); any other code must match exactly, case included.
    pub fn find(&self, code: &str) -> Option<&Entry> {
        let index = match digits_number(code) {
            Some(number) => self.by_number.get(&number),
            None => self.by_code.get(code),
        };
        index.map(|&index| &self.entries[index])
    }

    /// The entry for a code sent as a number (ethnicity, iwi, completion indicator).
    pub fn find_number(&self, number: i64) -> Option<&Entry> {
        let number = u32::try_from(number).ok()?;
        self.by_number
            .get(&number)
            .map(|&index| &self.entries[index])
    }

    pub fn contains(&self, code: &str) -> bool {
        self.find(code).is_some()
    }
}

macro_rules! reference_lists {
    ($($(#[$doc:meta])* $function:ident => $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $function() -> &'static CodeList {
                static LIST: OnceLock<CodeList> = OnceLock::new();
                LIST.get_or_init(|| {
                    CodeList::parse(
                        stringify!($function),
                        include_str!(concat!("../reference/", $file)),
                    )
                    .0
                })
            }
        )*

        /// Every embedded list with its text, for the test that they all read cleanly.
        #[cfg(test)]
        const SOURCES: &[(&str, &str)] = &[
            $((stringify!($function), include_str!(concat!("../reference/", $file))),)*
        ];
    };
}

reference_lists! {
    /// Country of Citizenship codes (`countries.csv`): ISO 3166-1 alpha-3.
    countries => "countries.csv";
    /// Ethnic group codes (`ethnicity.csv`): Stats NZ level 3, three digits.
    ethnicities => "ethnicity.csv";
    /// Iwi codes (`iwi.csv`): Stats NZ iwi classification, four digits. Partial.
    iwi => "iwi.csv";
    /// Main activity at 1 October of the year before (`main_activity.csv`), with the
    /// `first_year` attribute: `Y` when the activity is possible in a learner's first year of
    /// tertiary education.
    main_activities => "main_activity.csv";
    /// Highest secondary school qualification codes (`secondary_qualifications.csv`).
    secondary_qualifications => "secondary_qualifications.csv";
    /// Student course completion indicators (`completion_indicators.csv`), 0 to 8.
    completion_indicators => "completion_indicators.csv";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_file_reads_without_a_bad_line() {
        for (name, text) in SOURCES {
            let name: &'static str = name;
            let (list, errors) = CodeList::parse(name, text);
            assert!(errors.is_empty(), "{errors:#?}");
            assert!(!list.entries().is_empty(), "{name} is empty");
        }
    }

    #[test]
    fn the_lists_hold_the_codes_the_rules_rely_on() {
        assert_eq!(
            countries().find("NZL").map(Entry::meaning),
            Some("New Zealand")
        );
        assert!(countries().contains("AUS"));
        assert!(!countries().contains("nzl"), "codes are upper case");
        assert_eq!(countries().entries().len(), 249);
        assert_eq!(
            ethnicities().find_number(211).map(Entry::meaning),
            Some("Māori")
        );
        assert_eq!(iwi().find_number(104).map(Entry::code), Some("0104"));
        assert_eq!(iwi().find("0104"), iwi().find("104"));
        let first_year: Vec<&str> = main_activities()
            .entries()
            .iter()
            .filter(|entry| entry.attribute("first_year") == Some("Y"))
            .map(Entry::code)
            .collect();
        assert_eq!(first_year, ["01", "02", "03", "04", "08", "09"]);
        assert!(main_activities().contains("1"));
        let indicators: Vec<u32> = completion_indicators()
            .entries()
            .iter()
            .filter_map(Entry::number)
            .collect();
        assert_eq!(indicators, (0..=8).collect::<Vec<_>>());
        assert!(secondary_qualifications().contains("24"));
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let (list, errors) = CodeList::parse(
            "sample",
            "# comment\ncode,meaning\n01,One\n\n1,One again\n02\n,Nothing\n03,Three, with a comma\n",
        );
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 6, 7], "{errors:#?}");
        assert_eq!(
            list.find("3").map(Entry::meaning),
            Some("Three, with a comma")
        );
        assert!(errors[0].to_string().contains("listed twice"));
        let (_, errors) = CodeList::parse("sample", "01,One\n");
        assert_eq!(errors.len(), 1);
        let (_, errors) = CodeList::parse("sample", "# only comments\n");
        assert_eq!(errors.len(), 1);
    }
}
