//! The workforce questionnaire (WFQ): checked at once and kept with its verdict; the December
//! return needs a processed one for its year.

use dxp_domain::{Edumis, RoundId, RoundKind, lodging, workforce};
use dxp_persistence::workforce::{NewQuestionnaire, Questionnaire};
use serde_json::Value;

use crate::{Caller, Service, ServiceError};

/// CSV columns that hold numbers: sent as JSON numbers when they read as one, so the rules see
/// the same values whatever the format.
const NUMERIC_COLUMNS: [&str; 2] = ["headcount", "fullTimeEquivalent"];

/// A questionnaire's records, each with the number its problems carry as `index`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionnaireRecords {
    pub records: Vec<Value>,
    /// For a CSV file, the line each record starts on (the header is line 1); for JSON, none:
    /// a problem's index is then the record's position.
    pub lines: Option<Vec<usize>>,
}

impl QuestionnaireRecords {
    /// Records sent as JSON values.
    pub fn from_json(records: Vec<Value>) -> Self {
        Self {
            records,
            lines: None,
        }
    }

    /// The records of a CSV questionnaire: the first row names the fields.
    pub fn from_csv(body: &[u8]) -> Result<Self, ServiceError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(body);
        let headers = reader
            .headers()
            .map_err(|error| ServiceError::BadInput(format!("CSV header: {error}")))?
            .clone();
        let (mut records, mut lines) = (Vec::new(), Vec::new());
        for row in reader.records() {
            let row = row.map_err(|error| ServiceError::BadInput(format!("CSV: {error}")))?;
            lines.push(
                row.position()
                    .map_or(0, |position| position.line() as usize),
            );
            let object = headers
                .iter()
                .zip(row.iter())
                .map(|(name, text)| {
                    let value = if NUMERIC_COLUMNS.contains(&name) {
                        serde_json::from_str::<serde_json::Number>(text)
                            .map(Value::Number)
                            .unwrap_or_else(|_| Value::from(text))
                    } else {
                        Value::from(text)
                    };
                    (name.to_owned(), value)
                })
                .collect();
            records.push(Value::Object(object));
        }
        Ok(Self {
            records,
            lines: Some(lines),
        })
    }
}

impl Service {
    /// Checks a questionnaire of `organisation` for `year` and keeps it with its verdict
    /// (`Processed` with no error, `Rejected` otherwise) and every problem. More than
    /// `max_records` records is too large; a published December round of the year refuses it
    /// (RD-001).
    pub async fn check_questionnaire(
        &self,
        caller: &Caller,
        organisation: Edumis,
        year: i32,
        sent: QuestionnaireRecords,
        max_records: usize,
    ) -> Result<Questionnaire, ServiceError> {
        if sent.records.len() > max_records {
            return Err(ServiceError::TooLarge(format!(
                "{} records is more than the {max_records} one request may carry",
                sent.records.len()
            )));
        }
        let december = RoundId::new(year, RoundKind::Dec)
            .map_err(|error| ServiceError::Unacceptable(format!("year: {error}")))?;
        let mut problems = workforce::check_questionnaire(&sent.records);
        if let Some(lines) = &sent.lines {
            for problem in &mut problems {
                problem.index = lines.get(problem.index).copied().unwrap_or(1);
            }
        }
        let now = self.clock().now()?;
        let actor = caller.actor.clone();
        self.blocking(move |conn| {
            if let Some(round) = dxp_persistence::rounds::find(conn, december)? {
                lodging::check_change(&round)?;
            }
            let new = NewQuestionnaire {
                organisation,
                year,
                records: &sent.records,
                problems: &problems,
            };
            dxp_persistence::workforce::store(conn, &new, &actor, now)
        })
        .await
    }

    /// The organisation's questionnaires (of one year, when given), newest first.
    pub async fn questionnaires(
        &self,
        organisation: Edumis,
        year: Option<i32>,
    ) -> Result<Vec<Questionnaire>, ServiceError> {
        self.blocking(move |conn| dxp_persistence::workforce::list(conn, Some(organisation), year))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_questionnaire_reads_numbers_as_numbers_and_keeps_each_records_line() {
        let read = QuestionnaireRecords::from_csv(
            b"role,headcount,fullTimeEquivalent\nlecturer, 12 ,3.5\nsupport,many,1\n",
        )
        .expect("read");
        assert_eq!(read.lines, Some(vec![2, 3]));
        assert_eq!(read.records[0]["headcount"], serde_json::json!(12));
        assert_eq!(
            read.records[0]["fullTimeEquivalent"],
            serde_json::json!(3.5)
        );
        assert_eq!(read.records[1]["headcount"], serde_json::json!("many"));
        assert_eq!(read.records[1]["role"], serde_json::json!("support"));
    }

    #[test]
    fn a_csv_questionnaire_with_ragged_rows_is_bad_input() {
        let refused = QuestionnaireRecords::from_csv(b"role,headcount\nlecturer,1,extra\n");
        assert!(matches!(refused, Err(ServiceError::BadInput(_))));
    }
}
