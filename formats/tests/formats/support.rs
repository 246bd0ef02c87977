//! Helpers shared by the tests.

use dxp_domain::{Edumis, Problem, SdrFile};
use dxp_formats::{CsvRecords, Row};
use serde_json::Value;

pub fn edumis(value: i64) -> Edumis {
    Edumis::new(value).expect("a valid EDUMIS number")
}

/// Every row of a CSV text, panicking on a file-level error.
pub fn read_rows(file: SdrFile, text: &str) -> Vec<Row> {
    CsvRecords::new(file, text.as_bytes())
        .expect("a readable header")
        .collect::<Result<Vec<_>, _>>()
        .expect("readable rows")
}

pub fn json(row: &Row) -> Value {
    serde_json::from_str(&row.json).expect("a row's JSON parses")
}

/// `(index, field, rule)` of each problem, for compact assertions.
pub fn summary(problems: &[Problem]) -> Vec<(usize, String, String)> {
    problems
        .iter()
        .map(|problem| (problem.index, problem.field.clone(), problem.rule.clone()))
        .collect()
}
