//! The rule registry: each rule is static data (code, field, severity, description) with its
//! check beside it. [`catalogue`] is the one list: the HTTP catalogue, `docs/rules.md` and the
//! tests all read it.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Severity;
use crate::SdrFile;

/// How a rule is applied.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// While reading a record's JSON (unreadable record, wrong type, missing field).
    Read,
    /// Across the records of one batch (or of a whole submission, when the caller passes them
    /// all at once).
    Batch,
    /// A pure function of one record. The file's checker (`validation::files`) pairs the rule
    /// with its check, which reads that file's record type.
    FileRecord,
}

/// A validation rule: what it checks, on which field, how severe a breach is.
pub struct Rule {
    /// Stable code, `CE-001`, `CE-002`, …: never renumbered, never reused.
    pub code: &'static str,
    pub file: SdrFile,
    /// The camelCase field the rule is about; `""` for a rule about the whole record, `"*"`
    /// for a rule applied to several fields (each problem names its field).
    pub field: &'static str,
    /// The severity; for a rule with `error_from_year`, the severity before that year.
    pub severity: Severity,
    /// From this enrolment year on (the year of `courseStartDate`), a breach is an error
    /// whatever `severity` says. Spec 003's ITE fields warn before 2026 and fail from 2026.
    pub error_from_year: Option<i32>,
    /// What the rule requires, for a data officer, with where in the spec it comes from.
    pub description: &'static str,
    pub(crate) check: Check,
}

impl Rule {
    /// Whether the rule relates records to each other (and so must be applied to a whole
    /// submission, not only to the records of one request).
    pub fn applies_across_records(&self) -> bool {
        matches!(self.check, Check::Batch)
    }

    /// The severity of a breach in an enrolment starting in `start_year`. When the year is not
    /// known (the start date is missing or unreadable, which is itself an error) the stricter
    /// severity applies.
    pub fn severity_for(&self, start_year: Option<i32>) -> Severity {
        match (self.error_from_year, start_year) {
            (None, _) => self.severity,
            (Some(from), Some(year)) if year < from => self.severity,
            (Some(_), _) => Severity::Error,
        }
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("field", &self.field)
            .field("severity", &self.severity)
            .field("error_from_year", &self.error_from_year)
            .finish_non_exhaustive()
    }
}

/// The registries of every file's rules and of the rules across files. Each file's rules live
/// beside their checks; this is the one place that lists the registries.
const REGISTRIES: &[&[&Rule]] = &[
    &super::files::course_enrolments::RULES,
    &super::files::learners::RULES,
    &super::files::courses::RULES,
    &super::files::course_completions::RULES,
    &super::files::qualification_completions::RULES,
    &super::across_files::RULES,
    &super::files::efts_forecasts::RULES,
];

/// Every rule, registry by registry, each in code order.
pub fn catalogue() -> &'static [&'static Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        REGISTRIES
            .iter()
            .flat_map(|rules| rules.iter().copied())
            .collect()
    })
}

/// The rule with this code, if there is one.
pub fn rule_by_code(code: &str) -> Option<&'static Rule> {
    catalogue().iter().copied().find(|rule| rule.code == code)
}

/// One rule of the catalogue as the HTTP API serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "code": "CE-021",
    "file": "course-enrolments",
    "field": "eftsByMonth",
    "severity": "error",
    "errorFromYear": null,
    "description": "eftsByMonth has one value per calendar month the course spans …"
}))]
pub struct RuleEntry {
    /// Stable rule code, e.g. `CE-021`.
    pub code: String,
    /// The SDR file the rule applies to.
    pub file: SdrFile,
    /// The camelCase field the rule is about; `""` for the whole record, `"*"` for a rule applied
    /// to several fields (each problem names its field).
    pub field: String,
    /// Severity of a breach; when `errorFromYear` is set, the severity for enrolments starting
    /// before that year.
    pub severity: Severity,
    /// From this enrolment year on (year of `courseStartDate`) a breach is an error; `null`
    /// when the severity does not depend on the year.
    #[schema(required = true)]
    pub error_from_year: Option<i32>,
    /// What the rule requires.
    pub description: String,
}

impl From<&Rule> for RuleEntry {
    fn from(rule: &Rule) -> Self {
        RuleEntry {
            code: rule.code.to_owned(),
            file: rule.file,
            field: rule.field.to_owned(),
            severity: rule.severity,
            error_from_year: rule.error_from_year,
            description: rule.description.to_owned(),
        }
    }
}

/// The catalogue as the HTTP API serves it.
pub fn catalogue_entries() -> Vec<RuleEntry> {
    catalogue()
        .iter()
        .map(|rule| RuleEntry::from(*rule))
        .collect()
}

/// The catalogue as Markdown: the content of `docs/rules.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Validation rules\n\
         \n\
         <!-- Generated from dxp_domain::validation::catalogue(); do not edit by hand. -->\n\
         <!-- Regenerate: UPDATE_RULES_DOC=1 cargo test -p dxp-domain rules_doc -->\n\
         \n\
         Every problem DXP reports names one of these rules. Codes are stable: a rule is never\n\
         renumbered and a retired code is never reused. *Field* is the camelCase field of the\n\
         record; *record* means the rule is about the whole record, *several* that it applies to\n\
         more than one field (each problem names its field). A severity of *warning, error from\n\
         YYYY* depends on the year of `courseStartDate`: enrolments starting before YYYY get a\n\
         warning, from YYYY an error. Errors reject a return; warnings do not.\n",
    );
    // One section per registry (the code's prefix): a file's own rules, then the rules across
    // files, whose rows name the file each rule's problems are reported on.
    let mut current: Option<&str> = None;
    for rule in catalogue() {
        let prefix = rule.code.split('-').next().unwrap_or_default();
        let across_files = prefix == "XF";
        if current != Some(prefix) {
            current = Some(prefix);
            let _ = if across_files {
                write!(
                    out,
                    "\n## Across files (XF)\n\n| Code | Field | Severity | Rule |\n|---|---|---|---|\n"
                )
            } else {
                write!(
                    out,
                    "\n## {} ({})\n\n| Code | Field | Severity | Rule |\n|---|---|---|---|\n",
                    rule.file,
                    rule.file.csv_prefix()
                )
            };
        }
        let field = match rule.field {
            "" => "*record*".to_owned(),
            "*" => "*several*".to_owned(),
            name => format!("`{name}`"),
        };
        let field = if across_files {
            format!("{}: {field}", rule.file)
        } else {
            field
        };
        let severity = match rule.error_from_year {
            Some(year) => format!("{}, error from {year}", rule.severity),
            None => rule.severity.to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            rule.code,
            field,
            severity,
            rule.description.replace('|', "\\|")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sequential_unique_and_in_order() {
        for registry in REGISTRIES {
            let Some(first) = registry.first() else {
                continue;
            };
            let prefix = first.code.split('-').next().unwrap_or_default();
            for (position, rule) in registry.iter().enumerate() {
                assert_eq!(
                    rule.code,
                    format!("{prefix}-{:03}", position + 1),
                    "rules must stay in code order"
                );
                assert!(!rule.description.is_empty());
                assert!(
                    rule.field.is_empty()
                        || rule.field == "*"
                        || crate::fields::field(rule.file, rule.field).is_some(),
                    "{} names an unknown field {}",
                    rule.code,
                    rule.field
                );
            }
        }
        let mut codes: Vec<&str> = catalogue().iter().map(|rule| rule.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), catalogue().len(), "codes are unique");
        assert!(
            catalogue()
                .iter()
                .filter(|rule| rule.code.starts_with("CE-"))
                .all(|rule| rule.file == SdrFile::CourseEnrolments)
        );
    }

    #[test]
    fn year_dependent_rules_warn_before_and_fail_from_their_year() {
        let ite = rule_by_code("CE-031").unwrap();
        assert_eq!(ite.error_from_year, Some(2026));
        assert_eq!(ite.severity_for(Some(2025)), Severity::Warning);
        assert_eq!(ite.severity_for(Some(2026)), Severity::Error);
        assert_eq!(ite.severity_for(Some(2031)), Severity::Error);
        assert_eq!(ite.severity_for(None), Severity::Error);
        let plain = rule_by_code("CE-018").unwrap();
        assert_eq!(plain.severity_for(Some(2030)), Severity::Warning);
    }

    #[test]
    fn entries_serialise_in_camel_case() {
        let entry = RuleEntry::from(rule_by_code("CE-031").unwrap());
        let json = serde_json::to_value(&entry).unwrap();
        assert_eq!(json["code"], "CE-031");
        assert_eq!(json["file"], "course-enrolments");
        assert_eq!(json["field"], "iteSector");
        assert_eq!(json["severity"], "warning");
        assert_eq!(json["errorFromYear"], 2026);
        let plain = serde_json::to_value(RuleEntry::from(rule_by_code("CE-001").unwrap())).unwrap();
        assert!(plain.as_object().unwrap().contains_key("errorFromYear"));
        assert!(plain["errorFromYear"].is_null());
        let schema = serde_json::to_value(<RuleEntry as utoipa::PartialSchema>::schema()).unwrap();
        assert!(
            schema["required"]
                .as_array()
                .unwrap()
                .contains(&"errorFromYear".into())
        );
        assert_eq!(catalogue_entries().len(), catalogue().len());
    }

    /// `docs/rules.md` is generated from the catalogue; this fails when they differ. Run with
    /// `UPDATE_RULES_DOC=1` to rewrite the file.
    #[test]
    fn rules_doc_matches_the_catalogue() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md");
        let expected = catalogue_markdown();
        if std::env::var_os("UPDATE_RULES_DOC").is_some_and(|v| v == "1") {
            std::fs::write(path, &expected).unwrap();
            return;
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/rules.md is out of date: run `UPDATE_RULES_DOC=1 cargo test -p dxp-domain rules_doc`"
        );
    }
}
