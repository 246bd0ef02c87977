//! The registers as DXP CSV files: the course register of an organisation, the qualification
//! register and the delivery sites, read for the funder's loads and written for export.
//!
//! The conventions are those of the DXP CSV files and the learner fees upload: the first line
//! is a header naming the columns by title (`Course Code`) or API name (`courseCode`), in any
//! order, ignoring case and blanks around and within; other columns are ignored. UTF-8, a
//! byte-order mark skipped, CRLF or LF, values with commas in double quotes, values trimmed, a
//! row of blanks skipped. An empty value is an absent one. Yes/no columns read `Y`/`N` (and
//! `true`/`false`); numbers are plain decimals. What is written reads back unchanged.
//!
//! Reading checks only that each value can be read; the register's own checks (ranges, codes)
//! are the domain's ([`dxp_domain::registers`]), applied as to a JSON load. Lines are numbered
//! from 1, the header being line 1.

use crate::csv::normalise;
use std::io::Write;

use dxp_domain::registers::{CourseEntry, DeliverySiteEntry, NzqaResultEntry, QualificationEntry};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// How a column's values are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Integer,
    Decimal,
    YesNo,
}

/// A column: its title, its API name, how it reads, whether it must have a value.
type Column = (&'static str, &'static str, Kind, bool);

/// The course register's columns, in the order written.
const COURSE_COLUMNS: [Column; 14] = [
    ("Course Code", "courseCode", Kind::Text, true),
    ("Valid From", "validFrom", Kind::Integer, true),
    ("Valid To", "validTo", Kind::Integer, false),
    ("Course Title", "courseTitle", Kind::Text, true),
    ("Qualification Code", "qualificationCode", Kind::Text, true),
    (
        "Course Classification",
        "courseClassification",
        Kind::Decimal,
        true,
    ),
    (
        "NZSCED Field of Study",
        "nzscedFieldOfStudy",
        Kind::Text,
        true,
    ),
    ("Level on NZQCF", "levelOnNzqcf", Kind::Integer, true),
    ("Credit", "credit", Kind::Integer, true),
    ("Funding Category", "fundingCategory", Kind::Text, true),
    (
        "Course EFTS Factor",
        "courseEftsFactor",
        Kind::Decimal,
        true,
    ),
    (
        "Course Tuition Fee",
        "courseTuitionFee",
        Kind::Decimal,
        false,
    ),
    (
        "Compulsory Course Costs Fee",
        "compulsoryCourseCostsFee",
        Kind::Decimal,
        false,
    ),
    (
        "Course Exemption from AMFM",
        "courseExemptionFromAmfm",
        Kind::YesNo,
        false,
    ),
];

/// The qualification register's columns.
const QUALIFICATION_COLUMNS: [Column; 6] = [
    ("Qualification Code", "qualificationCode", Kind::Text, true),
    ("Title", "title", Kind::Text, true),
    ("Level", "level", Kind::Integer, true),
    ("Credits", "credits", Kind::Integer, true),
    (
        "Qualification Award Category",
        "awardCategory",
        Kind::Text,
        true,
    ),
    (
        "DQ3-7 Approved From",
        "dq37ApprovedFrom",
        Kind::Integer,
        false,
    ),
];

/// The delivery-site register's columns.
const SITE_COLUMNS: [Column; 5] = [
    ("Site Code", "siteCode", Kind::Text, true),
    ("Name", "name", Kind::Text, true),
    ("Address", "address", Kind::Text, false),
    ("Active From", "activeFrom", Kind::Integer, true),
    ("Active To", "activeTo", Kind::Integer, false),
];

/// The columns of a file of NZQA results.
const NZQA_RESULT_COLUMNS: [Column; 5] = [
    (
        "National Student Number",
        "nationalStudentNumber",
        Kind::Integer,
        true,
    ),
    ("Result Kind", "kind", Kind::Text, true),
    ("Code", "code", Kind::Text, true),
    ("Credits", "credits", Kind::Integer, false),
    ("Achieved On", "achievedOn", Kind::Text, true),
];

/// A line of a register CSV that cannot be read, with what is wrong.
pub type LineProblem = (usize, String);

/// Reads a course register CSV: each entry with its line, or every line that cannot be read.
pub fn read_course_register_csv(text: &str) -> Result<Vec<(usize, CourseEntry)>, Vec<LineProblem>> {
    read(text, &COURSE_COLUMNS)
}

/// Reads a qualification register CSV.
pub fn read_qualification_register_csv(
    text: &str,
) -> Result<Vec<(usize, QualificationEntry)>, Vec<LineProblem>> {
    read(text, &QUALIFICATION_COLUMNS)
}

/// Reads a delivery-site register CSV.
pub fn read_delivery_sites_csv(
    text: &str,
) -> Result<Vec<(usize, DeliverySiteEntry)>, Vec<LineProblem>> {
    read(text, &SITE_COLUMNS)
}

/// Reads a file of NZQA results.
pub fn read_nzqa_results_csv(
    text: &str,
) -> Result<Vec<(usize, NzqaResultEntry)>, Vec<LineProblem>> {
    read(text, &NZQA_RESULT_COLUMNS)
}

/// Writes course register entries as CSV.
pub fn write_course_register_csv<W: Write>(out: W, entries: &[CourseEntry]) -> csv::Result<()> {
    write(out, &COURSE_COLUMNS, entries)
}

/// Writes the qualification register as CSV.
pub fn write_qualification_register_csv<W: Write>(
    out: W,
    entries: &[QualificationEntry],
) -> csv::Result<()> {
    write(out, &QUALIFICATION_COLUMNS, entries)
}

/// Writes delivery sites as CSV.
pub fn write_delivery_sites_csv<W: Write>(
    out: W,
    entries: &[DeliverySiteEntry],
) -> csv::Result<()> {
    write(out, &SITE_COLUMNS, entries)
}

fn header_of(columns: &[Column]) -> String {
    columns
        .iter()
        .map(|(title, ..)| *title)
        .collect::<Vec<_>>()
        .join(",")
}

fn read<T: DeserializeOwned>(
    text: &str,
    columns: &[Column],
) -> Result<Vec<(usize, T)>, Vec<LineProblem>> {
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
                format!(
                    "the file is empty; its first line is the header {}",
                    header_of(columns)
                ),
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
    let titles: Vec<String> = header.iter().map(normalise).collect();
    let mut positions: Vec<Option<usize>> = Vec::with_capacity(columns.len());
    let mut missing = Vec::new();
    for (title, api_name, _, required) in columns {
        let found = titles
            .iter()
            .position(|t| *t == normalise(title) || *t == normalise(api_name));
        if found.is_none() && *required {
            missing.push(*title);
        }
        positions.push(found);
    }
    if !missing.is_empty() {
        return Err(vec![(
            1,
            format!(
                "the header has no {} column; the header is {}",
                missing.join(", "),
                header_of(columns)
            ),
        )]);
    }
    let mut entries = Vec::new();
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
        let mut object = Map::new();
        let mut wrong = Vec::new();
        for ((title, api_name, kind, required), at) in columns.iter().zip(&positions) {
            let value = at
                .and_then(|at| record.get(at))
                .map(str::trim)
                .unwrap_or_default();
            if value.is_empty() {
                if *required {
                    wrong.push(format!("{title} is empty"));
                }
                continue;
            }
            match cell(*kind, value) {
                Some(read) => {
                    object.insert((*api_name).to_owned(), read);
                }
                None => wrong.push(format!("{title} {value:?} is not {}", kind_name(*kind))),
            }
        }
        if !wrong.is_empty() {
            problems.push((line, wrong.join("; ")));
            continue;
        }
        match serde_json::from_value::<T>(Value::Object(object)) {
            Ok(entry) => entries.push((line, entry)),
            Err(error) => problems.push((line, error.to_string())),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Integer => "a whole number",
        Kind::Decimal => "a plain decimal number (e.g. 943.50)",
        Kind::YesNo => "Y or N",
    }
}

fn cell(kind: Kind, value: &str) -> Option<Value> {
    match kind {
        Kind::Text => Some(Value::String(value.to_owned())),
        Kind::Integer => value.parse::<i64>().ok().map(Value::from),
        Kind::Decimal => {
            let plain = value
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
            let number = value
                .parse::<f64>()
                .ok()
                .filter(|n| plain && n.is_finite())?;
            serde_json::Number::from_f64(number).map(Value::Number)
        }
        Kind::YesNo => match value.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" => Some(Value::Bool(true)),
            "n" | "no" | "false" => Some(Value::Bool(false)),
            _ => None,
        },
    }
}

fn write<W: Write, T: serde::Serialize>(
    out: W,
    columns: &[Column],
    entries: &[T],
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|(title, ..)| *title))?;
    for entry in entries {
        let value = serde_json::to_value(entry)
            .map_err(|error| csv::Error::from(std::io::Error::other(error.to_string())))?;
        let row: Vec<String> = columns
            .iter()
            .map(|(_, api_name, kind, _)| match value.get(*api_name) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(Value::Bool(flag)) if *kind == Kind::YesNo => {
                    if *flag { "Y" } else { "N" }.to_owned()
                }
                Some(other) => other.to_string(),
            })
            .collect();
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

fn line_of(text: &str, error: &csv::Error) -> Option<usize> {
    error.position().map(|p| line_at(text, p))
}

/// The line (from 1) on which the record at `position` starts (past the line ends csv counts
/// into it).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_register_reads_by_title_or_api_name_and_writes_back_unchanged() {
        let text = "\u{feff}courseCode , Valid  From,Course Title,Qualification Code,Course Classification,\
NZSCED Field of Study,Level on NZQCF,Credit,Funding Category,Course EFTS Factor,Course Tuition Fee,\
Course Exemption from AMFM,Ignored\r\n\
ECON112,2026,\"Economics, Principles\",PC4001,13.1,091901,7,15,A2,0.125,943.50,N,x\r\n\
,,,,,,,,,,,,\r\n";
        let read = read_course_register_csv(text).expect("readable");
        assert_eq!(read.len(), 1);
        let (line, entry) = &read[0];
        assert_eq!(*line, 2);
        assert_eq!(entry.course_code, "ECON112");
        assert_eq!(entry.details.course_title, "Economics, Principles");
        assert_eq!(entry.details.course_tuition_fee, Some(943.5));
        assert_eq!(entry.details.course_exemption_from_amfm, Some(false));
        assert_eq!(entry.valid_to, None);
        let mut written = Vec::new();
        write_course_register_csv(&mut written, std::slice::from_ref(entry)).expect("written");
        let written = String::from_utf8(written).expect("UTF-8");
        assert!(
            written.starts_with("Course Code,Valid From,Valid To,"),
            "{written}"
        );
        let again = read_course_register_csv(&written).expect("reads back");
        assert_eq!(again[0].1, *entry);
    }

    #[test]
    fn nzqa_results_read_unit_standards_and_qualifications() {
        let text = "National Student Number,Result Kind,Code,Credits,Achieved On\n\
111111111,unit-standard,29677,4,2026-06-01\n\
111111111,qualification,2663,,2026-12-10\n\
222222222,unit-standard,12345,4,1 June 2026\n";
        let problems = read_nzqa_results_csv(text).expect_err("a date that is not ISO");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 4);
        let read = read_nzqa_results_csv(&text.replace("1 June 2026", "2026-06-01")).expect("read");
        assert_eq!(read.len(), 3);
        assert_eq!(
            read[1].1.kind,
            dxp_domain::registers::NzqaResultKind::Qualification
        );
        assert_eq!(read[1].1.credits, None);
        assert_eq!(read[0].1.credits, Some(4));
        assert_eq!(read[0].1.check(), Ok(()));
    }

    #[test]
    fn every_unreadable_line_is_named() {
        let text = "Qualification Code,Title,Level,Credits,Qualification Award Category,DQ3-7 Approved From\n\
PC4001,Cert,4,60,21,2025\n\
PC4002,Cert,four,60,21,\n\
PC4003,,4,60,21,2026\n";
        let problems = read_qualification_register_csv(text).expect_err("two bad lines");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].0, 3);
        assert!(
            problems[0]
                .1
                .contains("Level \"four\" is not a whole number")
        );
        assert_eq!(problems[1].0, 4);
        assert!(problems[1].1.contains("Title is empty"));
        let missing = read_delivery_sites_csv("Site Code,Name\n01,Main\n").expect_err("no year");
        assert!(
            missing[0].1.contains("no Active From column"),
            "{missing:?}"
        );
        assert!(read_delivery_sites_csv("").is_err());
    }
}
