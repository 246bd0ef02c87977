//! The Mix of Provision CSV (`sdr-domain.md` §5): a MoP uploaded as UTF-8 CSV, one row per
//! line, and exported with its computed columns; and the funding rates the funder loads.
//!
//! - The header row names the template's columns by title (`Course title`) or API name
//!   (`courseTitle`), in any order, ignoring case, surrounding blanks and repeated inner
//!   blanks, as the DXP CSV files do. Every mandatory column is named (MOP-012); a column the
//!   template does not have is refused (MOP-008). The computed columns (`Total intended
//!   learner hours`, `Funded value`) are not uploaded: a file that has them (an export being
//!   uploaded again) is read with those columns ignored, and DXP computes them afresh.
//! - UTF-8, a byte-order mark skipped, CRLF or LF line ends, values with commas in double
//!   quotes. Values are trimmed; a row whose every value is blank is skipped.
//! - Reading only places values in columns; the MoP rules (`MOP-001`…) are the domain's,
//!   applied to the rows exactly as to rows keyed in by webform.

use crate::csv::normalise;
use std::collections::BTreeMap;

use dxp_domain::commitments::check::{MOP_008, MOP_012, parse_dollars};
use dxp_domain::commitments::reference::FUNDING_CATEGORIES;
use dxp_domain::commitments::{ColumnKind, RowValues, Template};

/// A MoP CSV read: each data row's values, and the computed columns it had, which were ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MopCsv {
    pub rows: Vec<BTreeMap<String, String>>,
    pub ignored_columns: Vec<String>,
}

/// A reader of `text` without its byte-order mark. Only the rates file has comment lines: a
/// MoP row may well begin with `#` ("#1 Barista course").
fn reader(text: &str, comments: bool) -> csv::Reader<&[u8]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(comments.then_some(b'#'))
        .from_reader(text.as_bytes())
}

/// Reads a MoP CSV of `template`, or says what in it cannot be read (naming the rule).
pub fn read_mop_csv(template: Template, text: &str) -> Result<MopCsv, String> {
    let mut reader = reader(text, false);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(format!(
                "{}: the file is empty; its first line is the header, such as {}",
                MOP_012.code,
                mop_header(template)
            ));
        }
        Some(Err(error)) => return Err(format!("{}: {error}", MOP_012.code)),
        Some(Ok(header)) => header,
    };
    let mut columns = Vec::new();
    let mut ignored = Vec::new();
    for title in header.iter() {
        let wanted = normalise(title);
        let column = template
            .columns()
            .iter()
            .find(|column| normalise(column.title) == wanted || normalise(column.name) == wanted);
        match column {
            None if wanted.is_empty() => columns.push(None),
            None => {
                return Err(format!(
                    "{}: the header names '{}', which is not a column of the {}; its columns \
                     are {}",
                    MOP_008.code,
                    title.trim(),
                    template.title(),
                    mop_header(template)
                ));
            }
            Some(column) if column.kind == ColumnKind::Computed => {
                ignored.push(column.name.to_owned());
                columns.push(None);
            }
            Some(column) => {
                if columns.iter().flatten().any(|name| *name == column.name) {
                    return Err(format!(
                        "{}: the header names {} twice",
                        MOP_012.code, column.title
                    ));
                }
                columns.push(Some(column.name));
            }
        }
    }
    let missing: Vec<&str> = template
        .columns()
        .iter()
        .filter(|column| column.mandatory && column.kind != ColumnKind::Computed)
        .filter(|column| !columns.iter().flatten().any(|name| *name == column.name))
        .map(|column| column.title)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{}: the header has no {} column; the header is {}",
            MOP_012.code,
            missing.join(", "),
            mop_header(template)
        ));
    }
    let mut rows = Vec::new();
    for (position, record) in records.enumerate() {
        let record = record
            .map_err(|error| format!("{}: data row {}: {error}", MOP_012.code, position + 1))?;
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let mut values = BTreeMap::new();
        for (at, value) in record.iter().enumerate() {
            let value = value.trim();
            match columns.get(at) {
                Some(Some(name)) if !value.is_empty() => {
                    values.insert((*name).to_owned(), value.to_owned());
                }
                None if !value.is_empty() => {
                    return Err(format!(
                        "{}: data row {} has more values than the header has columns",
                        MOP_012.code,
                        position + 1
                    ));
                }
                _ => {}
            }
        }
        rows.push(values);
    }
    Ok(MopCsv {
        rows,
        ignored_columns: ignored,
    })
}

/// The header of a template's upload: its entered columns' titles.
pub fn mop_header(template: Template) -> String {
    template
        .columns()
        .iter()
        .filter(|column| column.kind != ColumnKind::Computed)
        .map(|column| column.title)
        .collect::<Vec<_>>()
        .join(",")
}

/// A MoP as CSV, every column (the computed ones filled) under its title.
pub fn write_mop_csv(template: Template, rows: &[RowValues]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let titles: Vec<&str> = template.columns().iter().map(|c| c.title).collect();
    // Writing to a Vec cannot fail but for a broken invariant of the csv crate.
    let _ = writer.write_record(&titles);
    for row in rows {
        let cells: Vec<&str> = template
            .columns()
            .iter()
            .map(|column| row.get(column.name).map(String::as_str).unwrap_or_default())
            .collect();
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One funding rate as loaded: dollars (as cents) per unit of volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLine {
    pub fund: String,
    pub plan_year: i32,
    pub category: String,
    pub mode: String,
    pub rate_cents: i64,
}

/// Reads a reference file's header row and refuses the file unless it is `header`'s titles.
fn expect_header(
    records: &mut csv::StringRecordsIter<'_, &[u8]>,
    header: &str,
) -> Result<(), Vec<String>> {
    let found: Vec<String> = match records.next() {
        Some(Ok(found)) => found.iter().map(normalise).collect(),
        Some(Err(error)) => return Err(vec![error.to_string()]),
        None => return Err(vec![format!("the file is empty; its header is {header}")]),
    };
    let expected: Vec<String> = header.split(',').map(normalise).collect();
    if found == expected {
        Ok(())
    } else {
        Err(vec![format!("the header must be {header}")])
    }
}

/// The header of the funding rates file.
pub const RATES_HEADER: &str = "Fund,Plan Year,Funding Category,Mode,Rate";

/// Reads a funding rates CSV (`Fund,Plan Year,Funding Category,Mode,Rate`; lines starting with
/// `#` are comments), or every line that cannot be read with what is wrong with it.
pub fn read_funding_rates_csv(text: &str) -> Result<Vec<RateLine>, Vec<String>> {
    let mut reader = reader(text, true);
    let mut records = reader.records();
    expect_header(&mut records, RATES_HEADER)?;
    let mut rates = Vec::new();
    let mut problems = Vec::new();
    for (position, record) in records.enumerate() {
        let row = position + 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push(format!("rate row {row}: {error}"));
                continue;
            }
        };
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let cell = |at: usize| record.get(at).map(str::trim).unwrap_or_default();
        let (fund, year, category, mode, rate) = (cell(0), cell(1), cell(2), cell(3), cell(4));
        let plan_year = year
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y));
        let rate_cents = parse_dollars(rate);
        match (plan_year, rate_cents) {
            (Some(plan_year), Ok(rate_cents))
                if !fund.is_empty() && !category.is_empty() && !mode.is_empty() =>
            {
                rates.push(RateLine {
                    fund: fund.to_owned(),
                    plan_year,
                    category: category.to_owned(),
                    mode: mode.to_owned(),
                    rate_cents,
                });
            }
            (plan_year, rate_cents) => {
                let mut wrong = Vec::new();
                if fund.is_empty() || category.is_empty() || mode.is_empty() {
                    wrong.push("Fund, Funding Category and Mode need values".to_owned());
                }
                if plan_year.is_none() {
                    wrong.push(format!(
                        "Plan Year '{year}' is not a year from 2000 to 2100"
                    ));
                }
                if let Err(why) = rate_cents {
                    wrong.push(format!("Rate {why}"));
                }
                problems.push(format!("rate row {row}: {}", wrong.join("; ")));
            }
        }
    }
    if problems.is_empty() {
        Ok(rates)
    } else {
        Err(problems)
    }
}

/// The header of the subject groupings file.
pub const GROUPINGS_HEADER: &str = "Funding Category,Subject Grouping";

/// Reads a subject groupings CSV (`Funding Category,Subject Grouping`: an SDR funding
/// category such as `A1`, or a work-based programme's NZSCED field of study such as `040301`,
/// or its broad field `04`, and the rates' subject grouping `SG1`–`SG6` it belongs to; lines
/// starting with `#` are comments), or every line that cannot be read with what is wrong.
pub fn read_subject_groupings_csv(text: &str) -> Result<Vec<(String, String)>, Vec<String>> {
    let mut reader = reader(text, true);
    let mut records = reader.records();
    expect_header(&mut records, GROUPINGS_HEADER)?;
    let mut groupings: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    for (position, record) in records.enumerate() {
        let row = position + 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push(format!("grouping row {row}: {error}"));
                continue;
            }
        };
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let cell = |at: usize| record.get(at).map(str::trim).unwrap_or_default();
        let (category, grouping) = (cell(0).to_uppercase(), cell(1));
        let mut wrong = Vec::new();
        // SDR funding categories are two characters, a letter and a digit or two letters
        // (domain spec §2.1); DXP takes one to three letters and digits. Work-based programmes
        // carry no funding category: their NZSCED field of study (six digits, or the four or
        // two of its narrow or broad field) is put in a grouping instead.
        let funding_category = !category.is_empty()
            && category.len() <= 3
            && category.chars().all(|c| c.is_ascii_alphanumeric());
        let field_of_study =
            matches!(category.len(), 4 | 6) && category.bytes().all(|b| b.is_ascii_digit());
        if !funding_category && !field_of_study {
            wrong.push(format!(
                "Funding Category '{category}' is neither one to three letters and digits nor \
                 an NZSCED field of study (four or six digits)"
            ));
        }
        let grouping = FUNDING_CATEGORIES.find(grouping).map(|choice| choice.code);
        if grouping.is_none() {
            wrong.push(format!(
                "Subject Grouping '{}' is not one of {}",
                cell(1),
                FUNDING_CATEGORIES.codes()
            ));
        }
        if let Some((_, first)) = groupings.iter().find(|(seen, _)| *seen == category) {
            wrong.push(format!(
                "Funding Category {category} is given twice (first as {first})"
            ));
        }
        match grouping {
            Some(grouping) if wrong.is_empty() => groupings.push((category, grouping.to_owned())),
            _ => problems.push(format!("grouping row {row}: {}", wrong.join("; "))),
        }
    }
    if problems.is_empty() {
        Ok(groupings)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_groupings_are_read_and_each_bad_line_named() {
        let text = "Funding Category,Subject Grouping\r\n# sample\r\na1,sg1\r\nB2,SG3\r\n";
        assert_eq!(
            read_subject_groupings_csv(text).unwrap(),
            [
                ("A1".to_owned(), "SG1".to_owned()),
                ("B2".to_owned(), "SG3".to_owned())
            ]
        );
        let bad = "Funding Category,Subject Grouping\nA1,SG9\nA1,SG2\nA1,SG1\n,SG1\n";
        let problems = read_subject_groupings_csv(bad).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].contains("'SG9' is not one of SG1"),
            "{problems:?}"
        );
        assert!(problems[1].contains("given twice"), "{problems:?}");
        assert!(read_subject_groupings_csv("Category,Grouping\n").is_err());
    }

    #[test]
    fn a_work_based_field_of_study_is_grouped_by_four_or_six_digits_only() {
        let text = "Funding Category,Subject Grouping\n040301,SG2\n0403,SG2\n04,SG2\n";
        assert_eq!(
            read_subject_groupings_csv(text).map(|read| read.len()),
            Ok(3)
        );
        for wrong in ["04030", "0403011", "04A301"] {
            let problems = read_subject_groupings_csv(&format!(
                "Funding Category,Subject Grouping\n{wrong},SG2\n"
            ))
            .expect_err(wrong);
            assert!(
                problems[0].contains("nor an NZSCED field of study (four or six digits)"),
                "{wrong}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_mop_csv_is_read_by_title_or_name_with_computed_columns_ignored() {
        let text = "\u{feff}Course title,region of delivery,priorityProvision1,Target priority group,Hours per learner,Number of learners,Funded value\r\n\
                    \"Te reo, for whānau\",Otago,TEREO,MAORI,12.50,20,999\r\n\
                    ,,,,,,\r\n";
        let read = read_mop_csv(Template::AceInSchools, text).unwrap();
        assert_eq!(read.ignored_columns, ["fundedValue"]);
        assert_eq!(read.rows.len(), 1);
        assert_eq!(read.rows[0]["courseTitle"], "Te reo, for whānau");
        assert!(!read.rows[0].contains_key("fundedValue"));
    }

    #[test]
    fn a_mop_row_beginning_with_a_hash_is_a_row_not_a_comment() {
        let text = "Course title,Region of delivery,Priority provision (1),Target priority group,Hours per learner,Number of learners\n\
                    #1 Barista,Otago,TEREO,MAORI,12.50,20\n";
        let read = read_mop_csv(Template::AceInSchools, text).unwrap();
        assert_eq!(read.rows.len(), 1);
        assert_eq!(read.rows[0]["courseTitle"], "#1 Barista");
    }

    #[test]
    fn an_unknown_or_missing_column_is_refused() {
        let unknown = read_mop_csv(Template::AceInSchools, "Course titel\nx\n").unwrap_err();
        assert!(unknown.starts_with("MOP-008"), "{unknown}");
        let missing = read_mop_csv(Template::AceInSchools, "Course title\nx\n").unwrap_err();
        assert!(missing.starts_with("MOP-012"), "{missing}");
        assert!(missing.contains("Region of delivery"), "{missing}");
    }

    #[test]
    fn an_export_reads_back_as_the_same_rows() {
        let row: RowValues = [
            ("courseTitle", "A, B"),
            ("regionOfDelivery", "Otago"),
            ("priorityProvision1", "TEREO"),
            ("targetPriorityGroup", "MAORI"),
            ("hoursPerLearner", "12.50"),
            ("numberOfLearners", "20"),
            ("totalIntendedLearnerHours", "250.00"),
            ("fundedValue", "3625.00"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let text = write_mop_csv(Template::AceInSchools, std::slice::from_ref(&row));
        let read = read_mop_csv(Template::AceInSchools, &text).unwrap();
        let mut entered = row.clone();
        entered.remove("totalIntendedLearnerHours");
        entered.remove("fundedValue");
        assert_eq!(read.rows, [entered]);
    }

    #[test]
    fn funding_rates_are_read_with_comments_skipped() {
        let text = "# SAMPLE rates\nFund,Plan Year,Funding Category,Mode,Rate\nACE,2027,ACE,provider-based,14.50\n";
        let rates = read_funding_rates_csv(text).unwrap();
        assert_eq!(rates[0].rate_cents, 1450);
        let bad =
            read_funding_rates_csv("Fund,Plan Year,Funding Category,Mode,Rate\nACE,27,ACE,x,-1\n")
                .unwrap_err();
        assert!(
            bad[0].contains("Plan Year") && bad[0].contains("negative"),
            "{bad:?}"
        );
    }
}
