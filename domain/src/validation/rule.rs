//! The rule registry: each rule is static data (code, scope, field, severity, description) with
//! its check beside it. [`catalogue`] is the one list of everything the platform applies: the
//! rules of each file's records and across files, the rules of reading a CSV or legacy file,
//! the round rules of lodging, the workforce questionnaire's. The HTTP catalogue,
//! `docs/rules.md` and the tests all read it.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Severity;
use crate::SdrFile;
use crate::calendar::RoundKind;

/// How a rule is applied.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// While reading a record's JSON (unreadable record, wrong type, missing field).
    Read,
    /// Across the records of one batch (or of a whole submission, when the caller passes them
    /// all at once).
    Batch,
    /// By the process the rule belongs to (reading a file, lodging a return, checking a
    /// workforce questionnaire), which names the rule when it refuses or reports.
    Process,
    /// A pure function of one record. The file's checker (`validation::files`) pairs the rule
    /// with its check, which reads that file's record type.
    FileRecord,
}

/// What a rule is about: the records of one file, or a process.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The records of the learner file.
    Learners,
    /// The records of the course enrolment file.
    CourseEnrolments,
    /// The records of the course register.
    Courses,
    /// The records of the course completion file.
    CourseCompletions,
    /// The records of the qualification completion file.
    QualificationCompletions,
    /// The lines of the EFTS forecast.
    EftsForecasts,
    /// Reading a DXP CSV file into records.
    CsvFile,
    /// Reading a legacy STEO fixed-width file into records.
    LegacyFile,
    /// Lodging a return in its collection round (due dates, the Stop Gate, resubmissions).
    Round,
    /// The workforce questionnaire.
    WorkforceQuestionnaire,
    /// Work-based learners, as a training management system sends them.
    WorkBasedLearners,
    /// Work-based programmes and their versions.
    Programmes,
    /// Training agreements and their changes of state.
    TrainingAgreements,
    /// Work-based programme enrolments, simple and complex.
    ProgrammeEnrolments,
    /// Training plans of New Zealand Apprenticeships and their visits.
    TrainingPlans,
    /// Off-job deliveries.
    OffJobDeliveries,
    /// Learner fees per calendar year.
    LearnerFees,
    /// A Mix of Provision commitment: its rows, totals and allocation tolerance.
    MixOfProvision,
    /// An EPIC commitment's Year 1–3 values.
    Epic,
}

impl Scope {
    /// Every scope, in the catalogue's order.
    pub const ALL: [Scope; 19] = [
        Scope::Learners,
        Scope::CourseEnrolments,
        Scope::Courses,
        Scope::CourseCompletions,
        Scope::QualificationCompletions,
        Scope::EftsForecasts,
        Scope::CsvFile,
        Scope::LegacyFile,
        Scope::Round,
        Scope::WorkforceQuestionnaire,
        Scope::WorkBasedLearners,
        Scope::Programmes,
        Scope::TrainingAgreements,
        Scope::ProgrammeEnrolments,
        Scope::TrainingPlans,
        Scope::OffJobDeliveries,
        Scope::LearnerFees,
        Scope::MixOfProvision,
        Scope::Epic,
    ];

    /// The scope of the rules of a file's records.
    pub const fn of_file(file: SdrFile) -> Scope {
        match file {
            SdrFile::Learners => Scope::Learners,
            SdrFile::CourseEnrolments => Scope::CourseEnrolments,
            SdrFile::Courses => Scope::Courses,
            SdrFile::CourseCompletions => Scope::CourseCompletions,
            SdrFile::QualificationCompletions => Scope::QualificationCompletions,
            SdrFile::EftsForecasts => Scope::EftsForecasts,
        }
    }

    /// The file whose records the rule is about; `None` for a process.
    pub const fn file(self) -> Option<SdrFile> {
        match self {
            Scope::Learners => Some(SdrFile::Learners),
            Scope::CourseEnrolments => Some(SdrFile::CourseEnrolments),
            Scope::Courses => Some(SdrFile::Courses),
            Scope::CourseCompletions => Some(SdrFile::CourseCompletions),
            Scope::QualificationCompletions => Some(SdrFile::QualificationCompletions),
            Scope::EftsForecasts => Some(SdrFile::EftsForecasts),
            Scope::CsvFile
            | Scope::LegacyFile
            | Scope::Round
            | Scope::WorkforceQuestionnaire
            | Scope::WorkBasedLearners
            | Scope::Programmes
            | Scope::TrainingAgreements
            | Scope::ProgrammeEnrolments
            | Scope::TrainingPlans
            | Scope::OffJobDeliveries
            | Scope::LearnerFees
            | Scope::MixOfProvision
            | Scope::Epic => None,
        }
    }

    /// The name used on the wire and in `?scope=` (serde's name: a test keeps them equal).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Learners => "learners",
            Scope::CourseEnrolments => "course-enrolments",
            Scope::Courses => "courses",
            Scope::CourseCompletions => "course-completions",
            Scope::QualificationCompletions => "qualification-completions",
            Scope::EftsForecasts => "efts-forecasts",
            Scope::CsvFile => "csv-file",
            Scope::LegacyFile => "legacy-file",
            Scope::Round => "round",
            Scope::WorkforceQuestionnaire => "workforce-questionnaire",
            Scope::WorkBasedLearners => "work-based-learners",
            Scope::Programmes => "programmes",
            Scope::TrainingAgreements => "training-agreements",
            Scope::ProgrammeEnrolments => "programme-enrolments",
            Scope::TrainingPlans => "training-plans",
            Scope::OffJobDeliveries => "off-job-deliveries",
            Scope::LearnerFees => "learner-fees",
            Scope::MixOfProvision => "mix-of-provision",
            Scope::Epic => "epic",
        }
    }

    /// What the scope is, for a heading: "Course enrolments", "Reading a CSV file".
    pub fn title(self) -> &'static str {
        match self {
            Scope::Learners => "Learners",
            Scope::CourseEnrolments => "Course enrolments",
            Scope::Courses => "Course register",
            Scope::CourseCompletions => "Course completions",
            Scope::QualificationCompletions => "Qualification completions",
            Scope::EftsForecasts => "EFTS forecast",
            Scope::CsvFile => "Reading a DXP CSV file",
            Scope::LegacyFile => "Reading a legacy STEO fixed-width file",
            Scope::Round => "Lodging a return in its round",
            Scope::WorkforceQuestionnaire => "Workforce questionnaire",
            Scope::WorkBasedLearners => "Work-based learners",
            Scope::Programmes => "Work-based programmes",
            Scope::TrainingAgreements => "Training agreements",
            Scope::ProgrammeEnrolments => "Work-based programme enrolments",
            Scope::TrainingPlans => "Training plans and visits",
            Scope::OffJobDeliveries => "Off-job deliveries",
            Scope::LearnerFees => "Learner fees",
            Scope::MixOfProvision => "Mix of Provision commitments",
            Scope::Epic => "EPIC commitments",
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The first return a rule applies to: a year and its round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FirstReturn {
    pub year: i32,
    pub round: RoundKind,
}

impl FirstReturn {
    /// Whether a return of `year` and `round` comes before this one. A return whose round is
    /// not known counts as its year's first (the indicative return).
    pub fn is_after(self, year: i32, round: Option<RoundKind>) -> bool {
        (year, round.unwrap_or(RoundKind::Ind)) < (self.year, self.round)
    }
}

impl std::fmt::Display for FirstReturn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.year, self.round.as_str())
    }
}

/// A rule: what it checks, of what, on which field, how severe a breach is.
pub struct Rule {
    /// Stable code, `CE-001`, `CE-002`, …: never renumbered, never reused.
    pub code: &'static str,
    /// The file whose records the rule checks, or the process it belongs to. A rule across
    /// files (XF-) has the scope of the file its problems are reported on.
    pub scope: Scope,
    /// The camelCase field the rule is about; `""` for a rule about the whole record, `"*"`
    /// for a rule applied to several fields (each problem names its field).
    pub field: &'static str,
    /// The severity; for a rule with `error_from_year`, the severity before that year.
    pub severity: Severity,
    /// From this enrolment year on (the year of `courseStartDate`), a breach is an error
    /// whatever `severity` says. Spec 003's ITE fields warn before 2026 and fail from 2026.
    pub error_from_year: Option<i32>,
    /// The funder's error number in the legacy STEO validation, where the rule is the same.
    pub legacy_error: Option<u16>,
    /// The first return the rule applies to: checking the records of an earlier return (a
    /// historical resubmission, a converted legacy file) does not report it. `None`: every
    /// return.
    pub from_return: Option<FirstReturn>,
    /// What the rule requires, for a data officer, with where in the spec it comes from.
    pub description: &'static str,
    pub(crate) check: Check,
}

impl Rule {
    /// A rule applied by a process (reading a file, lodging, the workforce questionnaire), which
    /// names it in its refusals and problems.
    pub const fn of_process(
        code: &'static str,
        scope: Scope,
        field: &'static str,
        severity: Severity,
        description: &'static str,
    ) -> Rule {
        Rule {
            code,
            scope,
            field,
            severity,
            error_from_year: None,
            legacy_error: None,
            from_return: None,
            description,
            check: Check::Process,
        }
    }

    /// The rule, a warning before enrolments starting in `year` and an error from then on.
    pub(crate) const fn error_from(mut self, year: i32) -> Rule {
        self.error_from_year = Some(year);
        self
    }

    /// The rule with the funder's legacy error number it matches.
    pub(crate) const fn with_legacy_error(mut self, number: u16) -> Rule {
        self.legacy_error = Some(number);
        self
    }

    /// A problem breaking this rule: `index` is the record's position in its batch (for a file,
    /// its line), `field` the field it is about (`""` for the record as a whole).
    pub fn problem(
        &self,
        index: usize,
        local_id: Option<&str>,
        field: &str,
        message: String,
    ) -> super::Problem {
        super::Problem {
            index,
            local_id: local_id.map(str::to_owned),
            field: field.to_owned(),
            rule: self.code.to_owned(),
            severity: self.severity,
            message,
        }
    }

    /// The rule, applied from the `round` return of `year` on.
    pub(crate) const fn applied_from(mut self, year: i32, round: RoundKind) -> Rule {
        self.from_return = Some(FirstReturn { year, round });
        self
    }

    /// The file whose records the rule is about; `None` for a process rule.
    pub fn file(&self) -> Option<SdrFile> {
        self.scope.file()
    }

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
            .field("scope", &self.scope)
            .field("field", &self.field)
            .field("severity", &self.severity)
            .field("error_from_year", &self.error_from_year)
            .finish_non_exhaustive()
    }
}

/// A rule of one file's records (or, for a rule across files, of the file its problems are
/// reported on); `const` so registries and checks can name it.
pub(crate) const fn rule(
    file: SdrFile,
    code: &'static str,
    field: &'static str,
    severity: Severity,
    check: Check,
    description: &'static str,
) -> Rule {
    Rule {
        code,
        scope: Scope::of_file(file),
        field,
        severity,
        error_from_year: None,
        legacy_error: None,
        from_return: None,
        description,
        check,
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
    &crate::registers::RULES,
    &super::files::efts_forecasts::RULES,
    &super::reading::CSV_RULES,
    &super::reading::LEGACY_RULES,
    &crate::lodging::RULES,
    &crate::workforce::RULES,
    &crate::work_based::learners::RULES,
    &crate::work_based::programmes::RULES,
    &crate::work_based::agreements::RULES,
    &crate::work_based::enrolments::RULES,
    &crate::work_based::training_plans::RULES,
    &crate::work_based::off_job::RULES,
    &crate::work_based::fees::RULES,
    &crate::commitments::check::MOP_RULES,
    &crate::commitments::check::EPIC_RULES,
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
    "scope": "course-enrolments",
    "file": "course-enrolments",
    "field": "eftsByMonth",
    "severity": "error",
    "errorFromYear": null,
    "legacyError": null,
    "fromReturn": null,
    "description": "eftsByMonth has one value per calendar month the course spans …"
}))]
pub struct RuleEntry {
    /// Stable rule code, e.g. `CE-021`.
    pub code: String,
    /// What the rule is about: a file's records (`course-enrolments`, `learners`, …) or a
    /// process (`csv-file`, `legacy-file`, `round`, `workforce-questionnaire`).
    pub scope: Scope,
    /// The SDR file the rule's problems are reported on; `null` for a process rule.
    #[schema(required = true)]
    pub file: Option<SdrFile>,
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
    /// The funder's error number in the legacy STEO validation, where the rule is the same;
    /// `null` otherwise.
    #[schema(required = true)]
    pub legacy_error: Option<u16>,
    /// The first return the rule applies to (`2025-AUG`); the records of an earlier return
    /// are not held to it. `null`: every return.
    #[schema(required = true, example = "2025-AUG")]
    pub from_return: Option<String>,
    /// What the rule requires.
    pub description: String,
}

impl From<&Rule> for RuleEntry {
    fn from(rule: &Rule) -> Self {
        RuleEntry {
            code: rule.code.to_owned(),
            scope: rule.scope,
            file: rule.file(),
            field: rule.field.to_owned(),
            severity: rule.severity,
            error_from_year: rule.error_from_year,
            legacy_error: rule.legacy_error,
            from_return: rule.from_return.map(|first| first.to_string()),
            description: rule.description.to_owned(),
        }
    }
}

/// The catalogue as the HTTP API serves it, all of it or the rules of one scope.
pub fn catalogue_entries(scope: Option<Scope>) -> Vec<RuleEntry> {
    catalogue()
        .iter()
        .filter(|rule| scope.is_none_or(|scope| rule.scope == scope))
        .map(|rule| RuleEntry::from(*rule))
        .collect()
}

/// The catalogue as Markdown: the content of `docs/rules.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\
         \n\
         <!-- Generated from dxp_domain::validation::catalogue(); do not edit by hand. -->\n\
         <!-- Regenerate: UPDATE_RULES_DOC=1 cargo test -p dxp-domain rules_doc -->\n\
         \n\
         Every problem DXP reports and every refusal of a lodging names one of these rules.\n\
         Codes are stable: a rule is never renumbered and a retired code is never reused.\n\
         *Field* is the camelCase field of the record; *record* means the rule is about the whole\n\
         record, *several* that it applies to more than one field (each problem names its\n\
         field). A severity of *warning, error from YYYY* depends on the year of\n\
         `courseStartDate`: enrolments starting before YYYY get a warning, from YYYY an error.\n\
         A rule *from the YYYY-RND return* is not applied to the records of an earlier return.\n\
         Errors reject a return; warnings do not. *Legacy* is the funder's error number in the\n\
         old STEO validation, where the rule is the same. `GET /api/v1/validation/rules` serves\n\
         this catalogue (`?scope=` one of the section scopes).\n",
    );
    // One section per registry (the code's prefix, and the scope where registries share a
    // prefix): a file's own rules, the rules across files, whose rows name the file each
    // rule's problems are reported on, then the processes and the work-based resources.
    let mut current: Option<(&str, Option<Scope>)> = None;
    for rule in catalogue() {
        let prefix = rule.code.split('-').next().unwrap_or_default();
        let across_files = prefix == "XF";
        let section = (prefix, (!across_files).then_some(rule.scope));
        if current != Some(section) {
            current = Some(section);
            let (title, scope) = if across_files {
                ("Across files", "the file named in each row".to_owned())
            } else {
                (rule.scope.title(), format!("`{}`", rule.scope))
            };
            let _ = write!(
                out,
                "\n## {title} ({prefix})\n\nScope: {scope}.\n\n\
                 | Code | Field | Severity | Legacy | Rule |\n|---|---|---|---|---|\n"
            );
        }
        let field = match rule.field {
            "" => "*record*".to_owned(),
            "*" => "*several*".to_owned(),
            name => format!("`{name}`"),
        };
        let field = if across_files {
            format!("{}: {field}", rule.scope)
        } else {
            field
        };
        let mut severity = match rule.error_from_year {
            Some(year) => format!("{}, error from {year}", rule.severity),
            None => rule.severity.to_string(),
        };
        if let Some(first) = rule.from_return {
            severity.push_str(&format!(", from the {first} return"));
        }
        let legacy = rule
            .legacy_error
            .map(|number| number.to_string())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            rule.code,
            field,
            severity,
            legacy,
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
        // A registry counts up from its first code; registries sharing a prefix (the
        // work-based resources' WB-) each start above the one before.
        let number = |code: &str| -> (String, usize) {
            let (prefix, digits) = code.split_once('-').unwrap_or((code, ""));
            (prefix.to_owned(), digits.parse().unwrap_or(0))
        };
        let mut last_of_prefix: std::collections::HashMap<String, usize> = Default::default();
        for registry in REGISTRIES {
            let Some(first) = registry.first() else {
                continue;
            };
            let (prefix, start) = number(first.code);
            let before = last_of_prefix.get(&prefix).copied().unwrap_or(0);
            assert!(
                start > before,
                "{} starts at or below the {prefix} registry before it",
                first.code
            );
            assert!(
                before > 0 || start == 1,
                "{} is the first {prefix} rule",
                first.code
            );
            for (position, rule) in registry.iter().enumerate() {
                assert_eq!(
                    rule.code,
                    format!("{prefix}-{:03}", start + position),
                    "rules must stay in code order"
                );
                assert!(!rule.description.is_empty());
                assert!(
                    rule.field.is_empty()
                        || rule.field == "*"
                        || rule
                            .file()
                            .is_none_or(|file| crate::fields::field(file, rule.field).is_some()),
                    "{} names an unknown field {}",
                    rule.code,
                    rule.field
                );
            }
            last_of_prefix.insert(prefix, start + registry.len() - 1);
        }
        let mut codes: Vec<&str> = catalogue().iter().map(|rule| rule.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), catalogue().len(), "codes are unique");
        assert!(
            catalogue()
                .iter()
                .filter(|rule| rule.code.starts_with("CE-"))
                .all(|rule| rule.scope == Scope::CourseEnrolments)
        );
    }

    #[test]
    fn scopes_are_named_as_serde_names_them() {
        for scope in Scope::ALL {
            assert_eq!(serde_json::to_value(scope).unwrap(), scope.as_str());
        }
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
        assert_eq!(catalogue_entries(None).len(), catalogue().len());
        assert_eq!(json["scope"], "course-enrolments");
        assert!(json.as_object().unwrap().contains_key("legacyError"));
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
