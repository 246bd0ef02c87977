//! Writes the sample return of `examples/data/`: a small valid return for organisation 6004 as
//! JSON and as DXP CSV with its EFTS forecast, and the same return with typical mistakes. The tests and the README's
//! walkthrough use these files; run this after a change to the record types or their rules:
//!
//! ```sh
//! cargo run --example sample_data
//! ```

use std::fs;
use std::path::Path;

use dxp_domain::testkit::valid_return;
use dxp_domain::{Edumis, SdrFile};
use serde_json::Value;

const ORGANISATION: i64 = 6004;
const SEED: u64 = 6004;
const LEARNERS: usize = 12;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let edumis = Edumis::new(ORGANISATION)?;
    let records = valid_return(SEED, LEARNERS);
    // The return's five files and the EFTS forecast lodged beside it.
    let files: Vec<(SdrFile, Vec<String>)> = SdrFile::EVERY
        .iter()
        .map(|file| (*file, records.file(*file).to_vec()))
        .collect();
    write_set(&root.join("json"), &root.join("csv"), edumis, &files)?;
    write_set(
        &root.join("mistakes/json"),
        &root.join("mistakes/csv"),
        edumis,
        &with_mistakes(files)?,
    )?;
    // A CSV-only mistake: a date that is not a real date.
    let enrolments = root.join(format!("mistakes/csv/ENRL{ORGANISATION}.CSV"));
    let text = fs::read_to_string(&enrolments)?;
    let mut rows: Vec<String> = text.lines().map(str::to_owned).collect();
    if let Some(row) = rows.get_mut(5) {
        // The course start date is the fifth column.
        let mut cells: Vec<&str> = row.split(',').collect();
        cells[4] = "31/02/2026";
        *row = cells.join(",");
    }
    fs::write(&enrolments, format!("{}\r\n", rows.join("\r\n")))?;
    println!("sample return written to {}", root.display());
    Ok(())
}

fn write_set(
    json: &Path,
    csv: &Path,
    edumis: Edumis,
    files: &[(SdrFile, Vec<String>)],
) -> anyhow::Result<()> {
    fs::create_dir_all(json)?;
    fs::create_dir_all(csv)?;
    for (file, records) in files {
        let parsed: Vec<Value> = records
            .iter()
            .map(|text| serde_json::from_str(text))
            .collect::<Result<_, _>>()?;
        let body = serde_json::json!({ "records": parsed });
        fs::write(
            json.join(format!("{file}.json")),
            serde_json::to_string_pretty(&body)? + "\n",
        )?;
        let out = fs::File::create(csv.join(dxp_formats::file_name(*file, edumis, false)))?;
        dxp_formats::write_csv(*file, records.iter().map(String::as_str), out)?;
    }
    Ok(())
}

/// The mistakes data teams make most: a course missing from the register, an EFTS-by-month
/// list one month short, a gender code that does not exist, a completion for an enrolment that
/// was never reported.
fn with_mistakes(
    mut files: Vec<(SdrFile, Vec<String>)>,
) -> anyhow::Result<Vec<(SdrFile, Vec<String>)>> {
    for (file, records) in &mut files {
        match file {
            SdrFile::CourseEnrolments => {
                edit(&mut records[0], |r| {
                    r["courseCode"] = Value::from("NOTREG101")
                })?;
                edit(&mut records[1], |r| {
                    if let Some(months) = r["eftsByMonth"].as_array_mut() {
                        months.pop();
                    }
                })?;
            }
            SdrFile::Learners => edit(&mut records[2], |r| r["gender"] = Value::from("X"))?,
            SdrFile::CourseCompletions => edit(&mut records[0], |r| {
                r["courseStartDate"] = Value::from("2026-01-05")
            })?,
            _ => {}
        }
    }
    Ok(files)
}

fn edit(record: &mut String, change: impl FnOnce(&mut Value)) -> anyhow::Result<()> {
    let mut value: Value = serde_json::from_str(record)?;
    change(&mut value);
    *record = value.to_string();
    Ok(())
}
