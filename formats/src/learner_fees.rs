//! The learner fees CSV upload (`dxp-api.md` §5.7: "CSV upload alternative in portal"): one
//! row per learner and calendar year, read into the [`LearnerFee`] records the API takes.
//!
//! The funder's template is not public; DXP's is:
//!
//! ```text
//! Learner Local ID,Fee Year,Fee Amount
//! L-1001,2026,1234.50
//! L-1002,2026,0
//! ```
//!
//! - The header row names the three columns, in any order, by title (`Learner Local ID`,
//!   `Fee Year`, `Fee Amount`) or API name (`learnerLocalId`, …), ignoring case, surrounding
//!   blanks and repeated inner blanks, as the DXP CSV files do. Other columns are ignored.
//! - UTF-8, a byte-order mark skipped, CRLF or LF line ends, values with commas in double
//!   quotes. Values are trimmed; a row whose every value is blank is skipped.
//! - `Fee Year` is four digits (`2026`); `Fee Amount` a plain decimal in dollars (`1234.50`,
//!   `1234.5`, `0`): no currency sign, no thousands separator, no exponent.
//!
//! Reading only checks that each value can be read; the fee rules (`WB-093`…: years from 2025,
//! at most 2 decimals, …) are the domain's ([`dxp_domain::work_based::fees::check`]), applied to
//! each record as to an API request. A learner and year given twice: the later row replaces the
//! earlier, as a second API request would. Lines are numbered from 1, the header row being
//! line 1.

use crate::csv::normalise;
use dxp_domain::work_based::fees::LearnerFee;

/// The column titles of the template, in its order, with their API names.
pub const COLUMNS: [(&str, &str); 3] = [
    ("Learner Local ID", "learnerLocalId"),
    ("Fee Year", "feeYear"),
    ("Fee Amount", "feeAmount"),
];

/// The header row of the template.
pub const TEMPLATE_HEADER: &str = "Learner Local ID,Fee Year,Fee Amount";

/// Reads a learner fees CSV file: each data row with its line number, or every line that cannot
/// be read with what is wrong with it (line 1 for the header).
#[expect(
    clippy::type_complexity,
    reason = "the signature the service layer was promised"
)]
pub fn read_learner_fees_csv(text: &str) -> Result<Vec<(usize, LearnerFee)>, Vec<(usize, String)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(vec![(
                1,
                format!("the file is empty; its first line is the header {TEMPLATE_HEADER}"),
            )]);
        }
        Some(Err(error)) => {
            return Err(vec![(
                line_of(text, &error).unwrap_or(1),
                error.to_string(),
            )]);
        }
        Some(Ok(header)) => header,
    };
    let header_line = header.position().map_or(1, |p| line_at(text, p));
    let titles: Vec<String> = header.iter().map(normalise).collect();
    let mut positions = [0usize; 3];
    let mut missing = Vec::new();
    for (slot, (title, api_name)) in positions.iter_mut().zip(COLUMNS) {
        match titles
            .iter()
            .position(|t| *t == normalise(title) || *t == normalise(api_name))
        {
            Some(position) => *slot = position,
            None => missing.push(title),
        }
    }
    if !missing.is_empty() {
        return Err(vec![(
            header_line,
            format!(
                "the header has no {} column; the header is {TEMPLATE_HEADER}",
                missing.join(", ")
            ),
        )]);
    }
    let [learner_at, year_at, amount_at] = positions;
    let mut fees = Vec::new();
    let mut problems = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push((line_of(text, &error).unwrap_or(0), error.to_string()));
                continue;
            }
        };
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| line_at(text, p));
        let cell = |at: usize| record.get(at).map(str::trim).unwrap_or_default();
        let mut wrong = Vec::new();
        let learner = cell(learner_at);
        if learner.is_empty() {
            wrong.push("Learner Local ID is empty".to_owned());
        }
        let year = cell(year_at);
        let fee_year = read_year(year);
        if fee_year.is_none() {
            wrong.push(format!(
                "Fee Year {} is not a year; write it as four digits, e.g. 2026",
                shown(year)
            ));
        }
        let amount = cell(amount_at);
        let fee_amount = read_amount(amount);
        if fee_amount.is_none() {
            wrong.push(format!(
                "Fee Amount {} is not an amount; write dollars and cents as a plain number, \
                 e.g. 1234.50",
                shown(amount)
            ));
        }
        match (fee_year, fee_amount) {
            (Some(fee_year), Some(fee_amount)) if wrong.is_empty() => fees.push((
                line,
                LearnerFee {
                    learner_local_id: learner.to_owned(),
                    fee_year,
                    fee_amount,
                },
            )),
            _ => problems.push((line, wrong.join("; "))),
        }
    }
    if problems.is_empty() {
        Ok(fees)
    } else {
        Err(problems)
    }
}

fn line_of(text: &str, error: &csv::Error) -> Option<usize> {
    error.position().map(|p| line_at(text, p))
}

/// The line (from 1) on which the record at `position` starts. csv's own line count, and its
/// byte offset, include the line ends it skipped before the record (the end of the previous
/// record, blank lines), so the offset is moved past those first.
fn line_at(text: &str, position: &csv::Position) -> usize {
    let bytes = text.as_bytes();
    let mut start = usize::try_from(position.byte())
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    1 + bytes[..start].iter().filter(|&&b| b == b'\n').count()
}

fn shown(value: &str) -> String {
    if value.is_empty() {
        "(empty)".to_owned()
    } else {
        format!("'{value}'")
    }
}

/// A year of four digits (CCYY: `26` is not read as 2026).
fn read_year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A plain decimal: an optional minus, digits, and optionally a point and more digits (the
/// domain refuses negative amounts with its own rule).
fn read_amount(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let plain = match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    };
    if !plain {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(learner: &str, year: i32, amount: f64) -> LearnerFee {
        LearnerFee {
            learner_local_id: learner.into(),
            fee_year: year,
            fee_amount: amount,
        }
    }

    #[test]
    fn the_template_is_read_with_line_numbers() {
        let text = "Learner Local ID,Fee Year,Fee Amount\nL-1,2026,1234.50\nL-2,2025,0\n";
        assert_eq!(
            read_learner_fees_csv(text).unwrap(),
            vec![(2, fee("L-1", 2026, 1234.5)), (3, fee("L-2", 2025, 0.0))]
        );
    }

    #[test]
    fn headers_ignore_case_blanks_order_a_bom_and_other_columns() {
        let text = "\u{feff}fee amount , LEARNER  LOCAL ID,Notes,feeYear\r\n\
                    \"1,0\"  ,L-1,\"a, b\",2026\r\n99.9,L-2,,2026";
        // "1,0" is quoted, so it is one value: not a plain amount.
        assert_eq!(
            read_learner_fees_csv(text).unwrap_err(),
            vec![(
                2,
                "Fee Amount '1,0' is not an amount; write dollars and cents as a plain number, \
                 e.g. 1234.50"
                    .to_owned()
            )]
        );
        let text = "\u{feff}fee amount , LEARNER  LOCAL ID,Notes,feeYear\r\n10,L-1,x,2026\r\n";
        assert_eq!(
            read_learner_fees_csv(text).unwrap(),
            vec![(2, fee("L-1", 2026, 10.0))]
        );
    }

    #[test]
    fn every_unreadable_line_is_reported() {
        let text = "Learner Local ID,Fee Year,Fee Amount\n\
                    L-1,2026,$1234.50\n\
                    L-2,2026,1234.50\n\
                    ,26,1,234\n\
                    L-4,2026\n\
                    L-5,2026,1e3\n";
        let problems = read_learner_fees_csv(text).unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 4, 5, 6], "{problems:#?}");
        assert!(problems[0].1.contains("'$1234.50'"));
        assert!(problems[1].1.contains("Learner Local ID is empty"));
        assert!(problems[1].1.contains("Fee Year '26'"));
        assert!(problems[2].1.contains("Fee Amount (empty)"));
    }

    #[test]
    fn blank_lines_are_skipped_and_the_numbering_kept() {
        let text = "Learner Local ID,Fee Year,Fee Amount\n\nL-1,2026,5\n , , \nL-2,2026,6\n";
        assert_eq!(
            read_learner_fees_csv(text).unwrap(),
            vec![(3, fee("L-1", 2026, 5.0)), (5, fee("L-2", 2026, 6.0))]
        );
    }

    #[test]
    fn a_quoted_value_over_two_lines_moves_the_next_rows_line() {
        let text =
            "Learner Local ID,Fee Year,Fee Amount,Notes\nL-1,2026,5,\"two\nlines\"\nL-2,x,6,\n";
        assert_eq!(read_learner_fees_csv(text).unwrap_err()[0].0, 4);
    }

    #[test]
    fn a_missing_column_or_an_empty_file_is_reported_on_line_1() {
        assert_eq!(
            read_learner_fees_csv("Learner Local ID,Fee Amount\nL-1,5\n").unwrap_err(),
            vec![(
                1,
                "the header has no Fee Year column; the header is Learner Local ID,Fee Year,Fee \
                 Amount"
                    .to_owned()
            )]
        );
        let empty = read_learner_fees_csv("").unwrap_err();
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].0, 1);
        assert_eq!(read_learner_fees_csv(TEMPLATE_HEADER).unwrap(), vec![]);
    }

    #[test]
    fn amounts_are_plain_decimals_and_rules_are_left_to_the_domain() {
        for (text, amount) in [
            ("1234.50", 1234.5),
            ("0", 0.0),
            ("0.29", 0.29),
            ("-5", -5.0),
            ("12.345", 12.345),
        ] {
            assert_eq!(read_amount(text), Some(amount), "{text}");
        }
        for text in [
            "", ".5", "5.", "1,234", "$5", "1e3", "inf", "NaN", "+5", "- 5", "5 00",
        ] {
            assert_eq!(read_amount(text), None, "{text}");
        }
        // Read, then refused by the domain's rules as an API request would be.
        let today = "2026-03-02".parse().unwrap();
        let read =
            read_learner_fees_csv("Learner Local ID,Fee Year,Fee Amount\nL-1,2024,12.345").unwrap();
        let rules: Vec<&str> = dxp_domain::work_based::fees::check(&read[0].1, today)
            .iter()
            .map(|refusal| refusal.rule)
            .collect();
        assert_eq!(rules, ["WB-093", "WB-095"]);
    }
}
