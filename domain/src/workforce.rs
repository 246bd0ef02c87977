//! The workforce questionnaire (WFQ): the organisation's staff, by group and gender, in
//! headcount and full-time equivalents, lodged each year before the December SDR (spec 001: "We
//! won't accept your December SDR without a processed WFQ").
//!
//! The funder's WFQ layout is not public (domain spec §8, item 11). DXP takes one record per
//! staff group and gender, the smallest questionnaire that still lets the funder count its
//! workforce; the rules below are this module's and say so in their messages. A questionnaire
//! with no error is Processed, otherwise Rejected, and it is checked whole on upload.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::validation::{Problem, Rule, Scope, Severity};

/// The staff groups a questionnaire counts.
pub const STAFF_GROUPS: [&str; 4] = ["Academic", "Research", "Management", "Support"];
/// The genders, as in the learner file.
pub const GENDERS: [&str; 3] = ["M", "F", "D"];

/// A checked questionnaire's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum QuestionnaireStatus {
    /// No error: it lets the December return of its year be lodged.
    Processed,
    /// One or more errors: fix them and upload it again.
    Rejected,
}

impl QuestionnaireStatus {
    /// The verdict on a questionnaire with these problems.
    pub fn of(problems: &[Problem]) -> Self {
        if problems.iter().any(|p| p.severity == Severity::Error) {
            QuestionnaireStatus::Rejected
        } else {
            QuestionnaireStatus::Processed
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionnaireStatus::Processed => "Processed",
            QuestionnaireStatus::Rejected => "Rejected",
        }
    }
}

impl std::str::FromStr for QuestionnaireStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            QuestionnaireStatus::Processed,
            QuestionnaireStatus::Rejected,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
        .ok_or_else(|| format!("unknown questionnaire status '{s}'"))
    }
}

/// One record of the questionnaire: the staff of one group and gender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "localId": "WFQ-1", "staffGroup": "Academic", "gender": "F",
    "headcount": 42, "fullTimeEquivalent": 37.5
}))]
pub struct WorkforceRecord {
    /// The integrator's id for the record, unique in the questionnaire.
    #[schema(max_length = 50)]
    pub local_id: String,
    /// `Academic`, `Research`, `Management` or `Support`.
    pub staff_group: String,
    /// `M`, `F` or `D` (another gender).
    pub gender: String,
    /// People employed in the group on 31 December.
    #[schema(minimum = 1)]
    pub headcount: i64,
    /// Their full-time equivalents: more than 0, at most the headcount, at most 2 decimals.
    pub full_time_equivalent: f64,
}

pub const WF_001: Rule = Rule::of_process(
    "WF-001",
    Scope::WorkforceQuestionnaire,
    "",
    Severity::Error,
    "Each record is a JSON object (a CSV row) with localId, staffGroup, gender, headcount and fullTimeEquivalent.",
);
pub const WF_002: Rule = Rule::of_process(
    "WF-002",
    Scope::WorkforceQuestionnaire,
    "localId",
    Severity::Error,
    "localId is text of 1 to 50 characters, unique in the questionnaire.",
);
pub const WF_003: Rule = Rule::of_process(
    "WF-003",
    Scope::WorkforceQuestionnaire,
    "staffGroup",
    Severity::Error,
    "staffGroup is Academic, Research, Management or Support.",
);
pub const WF_004: Rule = Rule::of_process(
    "WF-004",
    Scope::WorkforceQuestionnaire,
    "gender",
    Severity::Error,
    "gender is M, F or D.",
);
pub const WF_005: Rule = Rule::of_process(
    "WF-005",
    Scope::WorkforceQuestionnaire,
    "headcount",
    Severity::Error,
    "headcount is a whole number of at least 1.",
);
pub const WF_006: Rule = Rule::of_process(
    "WF-006",
    Scope::WorkforceQuestionnaire,
    "fullTimeEquivalent",
    Severity::Error,
    "fullTimeEquivalent is a number above 0, at most the headcount, with at most 2 decimals.",
);
pub const WF_007: Rule = Rule::of_process(
    "WF-007",
    Scope::WorkforceQuestionnaire,
    "",
    Severity::Error,
    "A staff group and gender appear in one record only, and the questionnaire has at least one record.",
);

/// Every rule of the questionnaire, for the catalogue.
pub static RULES: [&Rule; 7] = [
    &WF_001, &WF_002, &WF_003, &WF_004, &WF_005, &WF_006, &WF_007,
];

/// The rules as the Markdown table `docs/rounds.md` shows (a test keeps the two equal).
pub fn rules_table() -> String {
    let mut table = String::from("| rule | field | what it says |\n|---|---|---|\n");
    for rule in RULES {
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            rule.code,
            if rule.field.is_empty() {
                "(record)"
            } else {
                rule.field
            },
            rule.description
        ));
    }
    table
}

struct Problems {
    found: Vec<Problem>,
}

impl Problems {
    fn report(&mut self, index: usize, local_id: Option<&str>, rule: &Rule, message: String) {
        self.found.push(Problem {
            index,
            local_id: local_id.map(str::to_owned),
            field: rule.field.to_owned(),
            rule: rule.code.to_owned(),
            severity: rule.severity,
            message,
        });
    }
}

/// Checks a whole questionnaire; every problem is an error.
pub fn check_questionnaire(records: &[Value]) -> Vec<Problem> {
    let mut problems = Problems { found: Vec::new() };
    if records.is_empty() {
        problems.report(
            0,
            None,
            &WF_007,
            "the questionnaire has no records; report each staff group and gender employed"
                .to_owned(),
        );
    }
    let mut local_ids: HashMap<&str, usize> = HashMap::new();
    let mut groups: HashMap<(&str, &str), usize> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        let Some(object) = record.as_object() else {
            problems.report(
                index,
                None,
                &WF_001,
                format!("record {index} is not an object"),
            );
            continue;
        };
        let local_id = object.get("localId").and_then(Value::as_str);
        match local_id {
            Some(id) if (1..=50).contains(&id.chars().count()) => {
                if let Some(first) = local_ids.insert(id, index) {
                    problems.report(
                        index,
                        local_id,
                        &WF_002,
                        format!("localId '{id}' is also used by record {first}"),
                    );
                }
            }
            _ => problems.report(
                index,
                local_id,
                &WF_002,
                "localId must be text of 1 to 50 characters".to_owned(),
            ),
        }
        let group = text_in(object, "staffGroup", &STAFF_GROUPS);
        if group.is_none() {
            problems.report(
                index,
                local_id,
                &WF_003,
                format!(
                    "staffGroup is {}; expected Academic, Research, Management or Support",
                    shown(object.get("staffGroup"))
                ),
            );
        }
        let gender = text_in(object, "gender", &GENDERS);
        if gender.is_none() {
            problems.report(
                index,
                local_id,
                &WF_004,
                format!(
                    "gender is {}; expected M, F or D",
                    shown(object.get("gender"))
                ),
            );
        }
        if let (Some(group), Some(gender)) = (group, gender)
            && let Some(first) = groups.insert((group, gender), index)
        {
            problems.report(
                index,
                local_id,
                &WF_007,
                format!(
                    "staff group {group} with gender {gender} is already reported by record {first}"
                ),
            );
        }
        let headcount = object
            .get("headcount")
            .and_then(Value::as_i64)
            .filter(|n| *n >= 1);
        if headcount.is_none() {
            problems.report(
                index,
                local_id,
                &WF_005,
                format!(
                    "headcount is {}; expected a whole number of at least 1",
                    shown(object.get("headcount"))
                ),
            );
        }
        check_fte(&mut problems, index, local_id, object, headcount);
    }
    problems.found
}

fn check_fte(
    problems: &mut Problems,
    index: usize,
    local_id: Option<&str>,
    object: &Map<String, Value>,
    headcount: Option<i64>,
) {
    let value = object.get("fullTimeEquivalent");
    let Some(fte) = value.and_then(Value::as_f64) else {
        problems.report(
            index,
            local_id,
            &WF_006,
            format!(
                "fullTimeEquivalent is {}; expected a number above 0",
                shown(value)
            ),
        );
        return;
    };
    let hundredths = fte * 100.0;
    let message = if fte <= 0.0 {
        format!("fullTimeEquivalent is {fte}; it must be above 0")
    } else if (hundredths - hundredths.round()).abs() > 1e-6 {
        format!("fullTimeEquivalent is {fte}; give it with at most 2 decimals")
    } else if let Some(headcount) = headcount.filter(|n| fte > *n as f64) {
        format!(
            "fullTimeEquivalent is {fte} but the headcount is {headcount}; a person is at most 1.0 FTE"
        )
    } else {
        return;
    };
    problems.report(index, local_id, &WF_006, message);
}

fn text_in<'a>(object: &'a Map<String, Value>, field: &str, allowed: &[&str]) -> Option<&'a str> {
    object
        .get(field)
        .and_then(Value::as_str)
        .filter(|text| allowed.contains(text))
}

fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "missing".to_owned(),
        Some(value) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn valid() -> Vec<Value> {
        vec![
            json!({"localId": "W-1", "staffGroup": "Academic", "gender": "F", "headcount": 40, "fullTimeEquivalent": 36.5}),
            json!({"localId": "W-2", "staffGroup": "Support", "gender": "M", "headcount": 12, "fullTimeEquivalent": 12}),
        ]
    }

    fn rules_of(records: &[Value]) -> Vec<(usize, String)> {
        check_questionnaire(records)
            .into_iter()
            .map(|problem| (problem.index, problem.rule))
            .collect()
    }

    #[test]
    fn a_valid_questionnaire_has_no_problem() {
        assert_eq!(check_questionnaire(&valid()), vec![]);
        let record: WorkforceRecord = serde_json::from_value(valid()[0].clone()).expect("typed");
        assert_eq!(record.headcount, 40);
    }

    #[test]
    fn an_empty_questionnaire_is_rejected() {
        assert_eq!(rules_of(&[]), [(0, "WF-007".to_owned())]);
        assert_eq!(
            QuestionnaireStatus::of(&check_questionnaire(&[])),
            QuestionnaireStatus::Rejected
        );
        assert_eq!(
            QuestionnaireStatus::of(&check_questionnaire(&valid())),
            QuestionnaireStatus::Processed
        );
    }

    #[test]
    fn each_rule_is_reported_on_its_record() {
        let mut records = valid();
        records.push(json!("not an object"));
        records.push(json!({"localId": "W-1", "staffGroup": "Cleaning", "gender": "X", "headcount": 0, "fullTimeEquivalent": -1}));
        records.push(json!({"localId": "W-5", "staffGroup": "Academic", "gender": "F", "headcount": 3, "fullTimeEquivalent": 3.5}));
        records.push(json!({"localId": "W-6", "staffGroup": "Research", "gender": "D", "headcount": 3, "fullTimeEquivalent": 1.255}));
        assert_eq!(
            rules_of(&records),
            [
                (2, "WF-001".to_owned()),
                (3, "WF-002".to_owned()),
                (3, "WF-003".to_owned()),
                (3, "WF-004".to_owned()),
                (3, "WF-005".to_owned()),
                (3, "WF-006".to_owned()),
                (4, "WF-007".to_owned()),
                (4, "WF-006".to_owned()),
                (5, "WF-006".to_owned()),
            ]
        );
        let problems = check_questionnaire(&records);
        assert!(
            problems[6].message.contains("already reported by record 0"),
            "{}",
            problems[6].message
        );
        assert!(
            problems[7].message.contains("headcount is 3"),
            "{}",
            problems[7].message
        );
        assert!(
            problems[8].message.contains("2 decimals"),
            "{}",
            problems[8].message
        );
    }

    #[test]
    fn numbers_given_as_text_are_refused() {
        let records = vec![
            json!({"localId": "W-1", "staffGroup": "Academic", "gender": "F", "headcount": "4", "fullTimeEquivalent": "3"}),
        ];
        assert_eq!(
            rules_of(&records),
            [(0, "WF-005".to_owned()), (0, "WF-006".to_owned())]
        );
    }
}
